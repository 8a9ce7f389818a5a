/**
 * 银行卡号 / 账号 (DOMAIN.md §4.4.1; 金融账户 is sensitive, PIPL Art 28). Cards have 16–19 digits
 * with a Luhn check digit (ISO/IEC 7812); not every domestic card passes Luhn, and 存折 / 对公
 * accounts have 12–25 digits with no public check. Luhn is a signal, not a filter:
 *
 * | digits | Luhn | issuer prefix | context (卡号 账号 银行 …) | verdict |
 * |---|---|---|---|---|
 * | 16–19 | ✓ | 62 / 81 (UnionPay) | any | high |
 * | 16 | ✓ | 4 / 5 (Visa, Mastercard) | any, written without grouping | high |
 * | 16 | ✓ | 4 / 5 | none, grouped 4-4-4-4 | medium (a row of four amounts looks the same) |
 * | 16–19 | ✓ | other | yes | high; none: not reported |
 * | 16–19 | ✗ | any | yes | medium; none: not reported |
 * | 12–15, 20–25 | — | — | yes | medium; none: not reported |
 *
 * So about 1 in 40 random 16-digit numbers and 1 in 500 random 17–19-digit numbers (order or
 * serial numbers) read as a card: the price of finding every UnionPay card without a label.
 * Pure code, no I/O.
 */
import { isAllSame, type Verdict } from './detector-kit.ts';

/** Whether a digit string passes the Luhn (mod 10) check. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The Luhn check digit that completes `payload`. */
export function luhnCheckDigit(payload: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(payload + d)) return String(d);
  throw new RangeError('unreachable');
}

/**
 * The issuer-prefix signal: UnionPay (62, 81; 16–19 digits), international (Visa 4, Mastercard 5;
 * 16 digits as issued in China), or none.
 */
export function issuerSignal(digits: string): 'unionPay' | 'international' | null {
  if (digits.startsWith('62') || digits.startsWith('81')) return 'unionPay';
  if ((digits[0] === '4' || digits[0] === '5') && digits.length === 16) return 'international';
  return null;
}

/** Context of a bank-number candidate. */
export interface BankCardContext {
  /** A bank word just before, or the cell is under a 卡号 / 账号 header. */
  bankContext: boolean;
  /** Written in groups (6222 0212 …) in the original text. */
  grouped: boolean;
}

/** Verdict on a digit run (see the table in the module comment). */
export function classifyBankCard(digits: string, ctx: BankCardContext): Verdict | null {
  const n = digits.length;
  if (n < 12 || n > 25 || !/^\d+$/.test(digits) || isAllSame(digits)) return null;
  if (n >= 16 && n <= 19) {
    if (luhnValid(digits)) {
      const issuer = issuerSignal(digits);
      if (issuer === 'unionPay') return { confidence: 'high', reason: 'Luhn 校验通过，银联卡号前缀' };
      if (issuer === 'international' && (!ctx.grouped || ctx.bankContext)) return { confidence: 'high', reason: 'Luhn 校验通过，银行卡号前缀' };
      if (issuer === 'international') return { confidence: 'medium', reason: 'Luhn 校验通过的分组数字，疑似银行卡号' };
      if (ctx.bankContext) return { confidence: 'high', reason: 'Luhn 校验通过，上下文为银行卡号/账号' };
      return null;
    }
    return ctx.bankContext ? { confidence: 'medium', reason: 'Luhn 校验不通过，但上下文为银行卡号/账号' } : null;
  }
  return ctx.bankContext ? { confidence: 'medium', reason: '上下文为银行账号（存折/对公账号无公开校验位）' } : null;
}
