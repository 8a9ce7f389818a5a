import { describe, expect, it } from 'vitest';
import { columnUrl, elderToggleUrl, fileUrl, positiveInt, queryString, safeLocalPath, validHost } from './urls.ts';

describe('safeLocalPath (open-redirect guard)', () => {
  it.each([
    ['/gk/quchi/', '/gk/quchi/'],
    ['/search?q=%E4%BD%8E%E4%BF%9D&page=2', '/search?q=%E4%BD%8E%E4%BF%9D&page=2'],
    ['/info/abc#x', '/info/abc'],
    ['/a/../b', '/b'],
  ])('keeps local path %s', (input, out) => expect(safeLocalPath(input)).toBe(out));

  it.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/%0a/x\n',
    'javascript:alert(1)',
    'evil.example',
    '',
    undefined,
    ['/a'],
    `/${'x'.repeat(3000)}`,
    '/.//evil.example',
    '/a/..//evil.example',
    '/./%2e//evil.example',
  ])('refuses %s', (input) => expect(safeLocalPath(input)).toBe('/'));
});

describe('validHost', () => {
  it.each(['example.gov.cn', 'localhost:3000', '127.0.0.1', '[::1]:8080', 'WWW.Example.GOV.CN'])('accepts %s', (h) => expect(validHost(h)).toBe(h.toLowerCase()));
  it.each(['evil.com/x', 'a b', 'evil.com:99999', 'evil.com@x', '"><script>', '', undefined, 'a..b', '-a.com'])('refuses %s', (h) => expect(validHost(h)).toBeNull());
});

describe('URL builders', () => {
  it('encodes segments and query values, leaving out empty ones', () => {
    expect(columnUrl('quchi', 'czyjs', { year: 2025, topic: '财政 & 预算', page: undefined })).toBe('/gk/quchi/czyjs/?year=2025&topic=%E8%B4%A2%E6%94%BF%20%26%20%E9%A2%84%E7%AE%97');
    expect(queryString({ a: '', b: undefined })).toBe('');
    expect(fileUrl('id', '预算 表.xlsx')).toBe('/files/id/%E9%A2%84%E7%AE%97%20%E8%A1%A8.xlsx');
    expect(elderToggleUrl(true, '/gk/q/?a=1&b=2')).toBe('/elder?on=1&back=%2Fgk%2Fq%2F%3Fa%3D1%26b%3D2');
  });

  it('parses positive integers strictly', () => {
    expect(positiveInt('3', 10)).toBe(3);
    expect(positiveInt('0', 10)).toBeUndefined();
    expect(positiveInt('11', 10)).toBeUndefined();
    expect(positiveInt('1e3', 10000)).toBeUndefined();
    expect(positiveInt('-1', 10)).toBeUndefined();
    expect(positiveInt(['1'], 10)).toBeUndefined();
  });
});
