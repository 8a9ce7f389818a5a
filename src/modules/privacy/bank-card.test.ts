import { describe, expect, it } from 'vitest';
import { classifyBankCard, issuerSignal, luhnCheckDigit, luhnValid } from './bank-card.ts';
import { scanText } from './scan.ts';

const now = new Date('2026-03-01T04:00:00Z');
const scan = (text: string) => scanText(text, { now }).map((f) => ({ type: f.type, text: f.text, confidence: f.confidence }));

describe('Luhn', () => {
  it.each([
    ['6222021234567890128', true],
    ['6228480012345671', true],
    ['4111111111111111', true],
    ['79927398713', true], // the textbook example
    ['79927398710', false],
    ['6222021234567890127', false],
    ['12a4', false],
  ])('%s → %s', (digits, ok) => {
    expect(luhnValid(digits)).toBe(ok);
  });

  it('computes the check digit', () => {
    expect(luhnCheckDigit('622202123456789012')).toBe('8');
    expect(luhnCheckDigit('7992739871')).toBe('3');
  });

  it.each([
    ['6222021234567890128', 'unionPay'],
    ['8171999927660000', 'unionPay'],
    ['4111111111111111', 'international'],
    ['5500000000000004', 'international'],
    ['3530111333300000', null],
  ])('issuer of %s is %s', (digits, issuer) => {
    expect(issuerSignal(digits)).toBe(issuer);
  });
});

describe('classifyBankCard (the table in bank-card.ts)', () => {
  const none = { bankContext: false, grouped: false };
  it.each([
    ['6222021234567890128', none, 'high'],
    ['4111111111111111', none, 'high'],
    ['4111111111111111', { bankContext: false, grouped: true }, 'medium'],
    ['4111111111111111', { bankContext: true, grouped: true }, 'high'],
    ['3530111333300000', none, null],
    ['3530111333300000', { bankContext: true, grouped: false }, 'high'],
    ['6222021234567890127', none, null],
    ['6222021234567890127', { bankContext: true, grouped: false }, 'medium'],
    ['310123401040001', { bankContext: true, grouped: false }, 'medium'],
    ['310123401040001', none, null],
    ['6666666666666666', { bankContext: true, grouped: false }, null],
    ['12345678901', { bankContext: true, grouped: false }, null],
  ])('%s %j → %s', (digits, ctx, confidence) => {
    expect(classifyBankCard(digits, ctx)?.confidence ?? null).toBe(confidence);
  });
});

describe('scanText: bank cards', () => {
  it.each([
    ['补助资金通过银行卡6222021234567890128发放', '6222021234567890128', 'high'],
    ['卡号：6222 0212 3456 7890 128', '6222 0212 3456 7890 128', 'high'],
    ['卡号：6222-0212-3456-7890-128', '6222-0212-3456-7890-128', 'high'],
    ['6228480012345671', '6228480012345671', 'high'],
    ['4111111111111111', '4111111111111111', 'high'],
    ['4111 1111 1111 1111', '4111 1111 1111 1111', 'medium'],
    ['银行卡号4111 1111 1111 1111', '4111 1111 1111 1111', 'high'],
    ['账号：6222021234567890127', '6222021234567890127', 'medium'],
    ['存折账号：310123401040001', '310123401040001', 'medium'],
    ['卡号１２３４５６７８９０１２３４５６', '１２３４５６７８９０１２３４５６', 'medium'],
  ])('%s', (text, found, confidence) => {
    expect(scan(text)).toEqual([{ type: 'bankCard', text: found, confidence }]);
  });

  it('masks all but the last 4 digits and keeps the grouping', () => {
    expect(scanText('卡号：6222 0212 3456 7890 128', { now })[0]!.masked).toBe('**** **** **** ***0 128');
  });

  it.each([
    ['a Luhn-invalid run without context', '编号6222021234567890127'],
    ['a millisecond timestamp', '20250312143000123'],
    ['an invoice number', '发票号码25502000000012345678'],
    ['a row of four years', '年份 2021 2022 2023 2024'],
    ['a decimal', '0.6222021234567890128'],
  ])('finds none in %s', (_what, text) => {
    expect(scan(text).filter((f) => f.type === 'bankCard')).toEqual([]);
  });

  it('prefers a valid ID number over a Luhn-valid reading of the same 18 digits', () => {
    // 11010519491231002X is not Luhn material; use an all-digit valid ID.
    expect(scan('500237198806154411')).toMatchObject([{ type: 'idCard', confidence: 'high' }]);
  });

  it('joins a card wrapped inside a table cell', () => {
    expect(scan('| 6222021234\n567890128 |')).toEqual([{ type: 'bankCard', text: '6222021234\n567890128', confidence: 'high' }]);
  });
});
