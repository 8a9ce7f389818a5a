import { describe, expect, it } from 'vitest';
import { checkIdCard18, chinaToday, idCardCheckChar, isBirthDate, isCalendarDate, isValidIdCard18, upgradeIdCard15 } from './id-card.ts';
import { scanText } from './scan.ts';

const now = new Date('2026-03-01T04:00:00Z');
const today = chinaToday(now);
const withCheck = (first17: string): string => first17 + idCardCheckChar(first17);
const scan = (text: string) => scanText(text, { now }).map((f) => ({ type: f.type, text: f.text, confidence: f.confidence, reason: f.reason }));

describe('idCardCheckChar (GB 11643 MOD 11-2)', () => {
  it.each([
    ['11010519491231002', 'X'], // DOMAIN.md example
    ['11010119491001001', 'X'], // upgraded legacy example
    ['50023719880615441', '1'],
    ['35010219880301212', '3'],
    ['44030519900307001', '4'], // S = 228, 228 mod 11 = 8
  ])('%s → %s', (first17, check) => {
    expect(idCardCheckChar(first17)).toBe(check);
  });
});

describe('birth dates', () => {
  it.each([
    [2000, 2, 29, true],
    [2024, 2, 29, true],
    [1900, 2, 29, false],
    [2023, 2, 29, false],
    [2025, 4, 31, false],
    [2025, 12, 31, true],
    [2025, 13, 1, false],
    [2025, 1, 0, false],
  ])('%i-%i-%i is a calendar date: %s', (y, m, d, ok) => {
    expect(isCalendarDate(y, m, d)).toBe(ok);
  });

  it.each([
    ['19000101', true],
    ['18991231', false],
    ['20260301', true], // today in China
    ['20260302', false], // tomorrow
    ['19490001', false],
  ])('%s is a possible birth date on 2026-03-01: %s', (date, ok) => {
    expect(isBirthDate(date, today)).toBe(ok);
  });

  it('takes today in China time (UTC+8)', () => {
    expect(chinaToday(new Date('2025-12-31T16:30:00Z'))).toBe(20260101);
    expect(chinaToday(new Date('2025-12-31T15:59:00Z'))).toBe(20251231);
  });
});

describe('checkIdCard18', () => {
  it.each([
    ['11010519491231002X', { checksum: true, birthDate: true, province: true }],
    ['11010519491231002x', { checksum: true, birthDate: true, province: true }],
    ['110105194912310021', { checksum: false, birthDate: true, province: true }],
    [withCheck('99010519491231002'), { checksum: true, birthDate: true, province: false }],
    [withCheck('81000019900101123'), { checksum: true, birthDate: true, province: true }], // 港澳台居民居住证
    [withCheck('11010519491301002'), { checksum: true, birthDate: false, province: true }],
  ])('%s', (value, checks) => {
    expect(checkIdCard18(value, today)).toEqual(checks);
  });

  it.each(['1101051949123100', '01010519491231002X', '1101051949123100XX', '11010519491231002Y'])('rejects the shape of %s', (value) => {
    expect(checkIdCard18(value, today)).toBeNull();
  });

  it('upgrades a 15-digit number', () => {
    expect(upgradeIdCard15('110101491001001')).toBe('11010119491001001X');
    expect(isValidIdCard18(upgradeIdCard15('110101491001001'), today)).toBe(true);
  });
});

describe('scanText: ID numbers', () => {
  const high = (text: string) => [{ type: 'idCard', text, confidence: 'high', reason: '校验位正确，出生日期有效' }];
  it.each([
    ['身份证号：11010519491231002X。', high('11010519491231002X')],
    ['公民身份号码11010519491231002x，', high('11010519491231002x')],
    ['11010519491231002X', high('11010519491231002X')],
    ['核对350102198803012123的信息', high('350102198803012123')],
    ['身份证号：１１０１０５１９４９１２３１００２Ｘ', high('１１０１０５１９４９１２３１００２Ｘ')],
    ['身份证号：110105 19491231 002X', high('110105 19491231 002X')],
    ['身份证号：110105-1949-1231-002X', high('110105-1949-1231-002X')],
    ['居住证号码' + withCheck('81000019900101123'), high(withCheck('81000019900101123'))],
    ['出生于今天：' + withCheck('50023720260301123'), high(withCheck('50023720260301123'))],
  ])('%s', (text, expected) => {
    expect(scan(text)).toEqual(expected);
  });

  it.each([
    ['110105194912310021', 'medium', '校验位不符，疑似身份证号'],
    [withCheck('99010519491231002'), 'medium', '校验位正确，但地址码的省级代码不常见'],
  ])('reports %s at %s', (value, confidence, reason) => {
    expect(scan(`编号${value}。`)).toEqual([{ type: 'idCard', text: value, confidence, reason }]);
  });

  it.each([
    ['a date that does not exist', withCheck('11010519490229002')],
    ['a birth date tomorrow', withCheck('50023720260302123')],
    ['a year before 1900', withCheck('11010518991231002')],
    ['a first digit 0', withCheck('01010519491231002')],
  ])('ignores %s without context', (_what, value) => {
    expect(scan(`编号${value}。`)).toEqual([]);
  });

  it.each([
    ['letters before it', 'ID11010519491231002X'],
    ['a digit before it', '011010519491231002X'],
    ['a letter after the X', '11010519491231002Xa'],
    ['a 19-digit run', '1101051949123100211'],
    ['a 20-digit order number', '20250312110105194912'],
  ])('finds no ID with %s', (_what, text) => {
    expect(scan(text).filter((f) => f.type === 'idCard')).toEqual([]);
  });

  it('reports an invalid number in a 身份证号 field or column at medium', () => {
    expect(scan('身份证号：110105194913010011')).toEqual([{ type: 'idCard', text: '110105194913010011', confidence: 'medium', reason: '位于身份证号字段，但号码校验未通过' }]);
    // Excel kept 15 significant digits: area code and birth date still leak.
    const table = '姓名\t身份证号\n张三\t110101194910010000\n';
    expect(scan(table).find((f) => f.type === 'idCard')).toMatchObject({ text: '110101194910010000', confidence: 'medium' });
  });

  it('joins an ID number wrapped inside a table cell', () => {
    expect(scan('| 11010519491231\n002X |')).toEqual([{ type: 'idCard', text: '11010519491231\n002X', confidence: 'high', reason: '跨行拆分的身份证号，校验位正确' }]);
  });

  it('finds the 15-digit legacy form: medium alone, high in an ID field', () => {
    expect(scan('编号110101491001001')).toEqual([{ type: 'idCard15', text: '110101491001001', confidence: 'medium', reason: '15位旧身份证号格式（出生日期有效，无校验位）' }]);
    expect(scan('身份证号：110101491001001')).toMatchObject([{ type: 'idCard15', confidence: 'high' }]);
    expect(scan('编号110101491301001')).toEqual([]);
  });

  it('masks with the government form 35*************123', () => {
    expect(scanText('身份证号350102198803012123', { now })[0]!.masked).toBe('35*************123');
  });
});
