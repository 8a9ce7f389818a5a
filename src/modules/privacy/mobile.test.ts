import { describe, expect, it } from 'vitest';
import { classifyMobile, hasAllocatedPrefix, nationalMobile } from './mobile.ts';
import { scanText } from './scan.ts';

const now = new Date('2026-03-01T04:00:00Z');
const scan = (text: string) => scanText(text, { now }).map((f) => ({ type: f.type, text: f.text, confidence: f.confidence }));

describe('mobile prefixes', () => {
  it.each([
    ['13800138000', true],
    ['14512345678', true],
    ['14412345678', false],
    ['15012345678', true],
    ['15412345678', false],
    ['16212345678', true],
    ['16312345678', false],
    ['17012345678', true],
    ['17912345678', false],
    ['18912345678', true],
    ['19212345678', true],
    ['19412345678', false],
  ])('%s allocated: %s', (n, ok) => {
    expect(hasAllocatedPrefix(n)).toBe(ok);
  });

  it.each([
    ['13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['008613800138000', '13800138000'],
    ['12345678901', null],
    ['1380013800', null],
    ['8612345678901', null],
  ])('national number of %s is %s', (digits, national) => {
    expect(nationalMobile(digits)).toBe(national);
  });

  it('raises confidence with the prefix table but never rejects on it', () => {
    expect(classifyMobile('13800138000')?.confidence).toBe('high');
    expect(classifyMobile('15412345678')?.confidence).toBe('medium');
    expect(classifyMobile('15000000000')).toBeNull();
  });
});

describe('scanText: mobile numbers', () => {
  it.each([
    ['联系电话：13800138000。', '13800138000'],
    ['手机138 0013 8000', '138 0013 8000'],
    ['手机138-0013-8000', '138-0013-8000'],
    ['手机1380 0138 000', '1380 0138 000'],
    ['手机+8613800138000', '+8613800138000'],
    ['手机+86 13800138000', '+86 13800138000'],
    ['手机+86-138-0013-8000', '+86-138-0013-8000'],
    ['手机0086 13800138000', '0086 13800138000'],
    ['手机008613800138000', '008613800138000'],
    ['手机：１３８００１３８０００', '１３８００１３８０００'],
    ['Tel13800138000', '13800138000'],
    ['请拨打13800138000.', '13800138000'],
  ])('%s', (text, found) => {
    expect(scan(text)).toEqual([{ type: 'mobile', text: found, confidence: 'high' }]);
  });

  it('masks the 11 digits and keeps +86 and the separators', () => {
    expect(scanText('手机+86 138 0013 8000', { now })[0]!.masked).toBe('+86 138 **** 8000');
    expect(scanText('手机13812341234', { now })[0]!.masked).toBe('138****1234');
  });

  it.each([
    ['inside an ID number', '身份证号11010119491001001X'],
    ['inside a timestamp', '时间20250312143000123'],
    ['inside a 20-digit order number', '订单号20250315123456789012'],
    ['inside a millisecond timestamp', '1716920864000'],
    ['in an amount', '总额15000000000元'],
    ['in an amount with a unit', '投资13800138000元'],
    ['in a decimal', '系数0.13800138000与13800138000.5'],
    ['in a URL', 'https://zwfw.cq.gov.cn/icity/proj?projId=15123456789'],
    ['in a statistics row', '人口 15 23 45 12 8 90'],
    ['with a leading 12', '12345678901'],
    ['in a 金额 column', '项目\t金额（元）\n合计\t15834567890\n'],
  ])('finds none %s', (_what, text) => {
    expect(scan(text).filter((f) => f.type === 'mobile')).toEqual([]);
  });

  it('reports an unallocated prefix at medium', () => {
    expect(scan('手机15412345678')).toEqual([{ type: 'mobile', text: '15412345678', confidence: 'medium' }]);
  });

  it('joins a number wrapped in a narrow cell at medium', () => {
    expect(scan('联系电话\n1380013\n8000')).toEqual([{ type: 'mobile', text: '1380013\n8000', confidence: 'medium' }]);
  });

  it('finds each number of a list', () => {
    expect(scan('13800138000、13900139000/15012345678')).toHaveLength(3);
  });
});
