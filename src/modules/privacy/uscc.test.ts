import { describe, expect, it } from 'vitest';
import { scanText } from './scan.ts';
import { isValidOrgCode, isValidUscc, usccCheckChar } from './uscc.ts';

const now = new Date('2026-03-01T04:00:00Z');
const scan = (text: string) => scanText(text, { now }).map((f) => ({ type: f.type, text: f.text, personal: f.personal, masked: f.masked }));

describe('usccCheckChar (GB 32100 MOD 31)', () => {
  it.each([
    ['91350100M000100Y4', '3'], // DOMAIN.md example
    ['11500237MB1584773', 'N'],
    ['12500237MB1584773', 'K'],
    ['91500237MA5U1234X', '0'], // 31 − 0 → 0, the case stdnum 1.12.0 gets wrong
  ])('%s → %s', (first17, check) => {
    expect(usccCheckChar(first17)).toBe(check);
  });

  it('refuses characters outside the alphabet (I O S V Z)', () => {
    expect(usccCheckChar('91350100I000100Y4')).toBeNull();
    expect(isValidUscc('91350100O000100Y43')).toBe(false);
  });
});

describe('isValidUscc / isValidOrgCode', () => {
  it.each([
    ['91350100M000100Y43', true],
    ['91500237MA5U1234X0', true],
    ['11500237MB1584773X', false], // the seed 索引号's prefix is not a valid USCC
    ['91350100m000100y43', false],
    ['91350100M000100Y4', false],
  ])('%s → %s', (code, ok) => {
    expect(isValidUscc(code)).toBe(ok);
  });

  it.each([
    ['M000100Y4', true],
    ['MB1584773', true],
    ['MB1584774', false],
  ])('组织机构代码 %s → %s', (code, ok) => {
    expect(isValidOrgCode(code)).toBe(ok);
  });
});

describe('scanText: USCCs', () => {
  it.each([
    ['统一社会信用代码：91350100M000100Y43'],
    ['供应商91350100M000100Y43中标'],
    ['索引号：11500237MB1584773N/2025-00012'],
  ])('reports %s as a non-personal organisation code, unmasked', (text) => {
    const code = /[0-9A-Z]{18}/.exec(text)![0];
    expect(scan(text)).toEqual([{ type: 'uscc', text: code, personal: false, masked: code }]);
  });

  it('decides an all-digit value valid as both an ID and a USCC by its label', () => {
    // 115001199001012378: ID 115001 / 1990-01-01, and USCC 1 1 500119 900101237 8.
    expect(scan('统一社会信用代码：115001199001012378')).toMatchObject([{ type: 'uscc', personal: false }]);
    expect(scan('身份证号：115001199001012378')).toMatchObject([{ type: 'idCard', personal: true }]);
    expect(scan('编号115001199001012378')).toMatchObject([{ type: 'idCard', personal: true }]);
  });

  it('never reports an invalid code', () => {
    expect(scan('11500237MB1584773X/2025-00012')).toEqual([]);
  });
});
