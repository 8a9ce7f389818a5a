/**
 * 护照 and 通行证 numbers (DOMAIN.md §4.4.1). These shapes also fit serial and contract numbers
 * (`E12345678`, `C20250312`), so the context word decides most verdicts:
 *
 * | value | 护照 / 港澳 / 台湾 context | no context |
 * |---|---|---|
 * | E + 8 digits, E + letter + 7 digits (passport since 2017) | high | medium |
 * | G + 8 digits (passport before 2012) | high | low |
 * | other letter(s) + 7–8 digits after 护照 | medium | — |
 * | C / W + 8 digits (往来港澳通行证) | high | — |
 * | C + letter + 7 digits | high | low |
 * | H / M + 8 (+2) digits (港澳居民来往内地通行证) | high | — |
 * | 8 digits (台湾居民来往大陆通行证 / 台胞证), not a date | high | — |
 *
 * Letters exclude I and O as the issuing rules do; without a label, a letter followed by a
 * date (G20250312) is taken for a batch number. Pure code, no I/O.
 */
import type { FindingType } from './types.ts';
import type { Verdict } from './detector-kit.ts';
import { isBirthDate } from './id-card.ts';

/** Which context words precede the token. */
export interface TravelDocumentContext {
  passport: boolean;
  hkMacau: boolean;
  taiwan: boolean;
}

/** A verdict with the document type it was given. */
export interface TravelDocumentVerdict extends Verdict {
  type: Extract<FindingType, 'passport' | 'hkMacauPermit' | 'taiwanPermit'>;
}

/** Classifies one ASCII alphanumeric token (uppercase letters). */
export function classifyTravelDocument(token: string, ctx: TravelDocumentContext): TravelDocumentVerdict | null {
  // Without a label, a letter and a date (G20250312) is a batch or serial number.
  if (!ctx.passport && !ctx.hkMacau && /^[A-Z]\d{8}$/.test(token) && isBirthDate(token.slice(1), 99991231)) return null;
  if (/^E(?:\d{8}|[A-HJ-NP-Z]\d{7})$/.test(token)) {
    return ctx.passport
      ? { type: 'passport', confidence: 'high', reason: '护照号格式，上下文为护照' }
      : { type: 'passport', confidence: 'medium', reason: '普通护照号格式（E 字头）' };
  }
  if (/^G\d{8}$/.test(token)) {
    return ctx.passport
      ? { type: 'passport', confidence: 'high', reason: '护照号格式，上下文为护照' }
      : { type: 'passport', confidence: 'low', reason: '旧版护照号格式（G 字头）' };
  }
  if (ctx.passport && /^(?:[A-HJ-NP-Z]\d{8}|[A-HJ-NP-Z]{2}\d{7}|[PSD]\d{7}|1[45]\d{7})$/.test(token)) {
    return { type: 'passport', confidence: 'medium', reason: '上下文为护照，号码为护照类格式' };
  }
  if (/^[CW]\d{8}$/.test(token)) {
    return ctx.hkMacau ? { type: 'hkMacauPermit', confidence: 'high', reason: '往来港澳通行证号格式，上下文为通行证' } : null;
  }
  if (/^C[A-HJ-NP-Z]\d{7}$/.test(token)) {
    return ctx.hkMacau
      ? { type: 'hkMacauPermit', confidence: 'high', reason: '往来港澳通行证号格式，上下文为通行证' }
      : { type: 'hkMacauPermit', confidence: 'low', reason: '往来港澳通行证号格式（C 字头）' };
  }
  if (/^[HM]\d{8}(?:\d{2})?$/.test(token) && ctx.hkMacau) {
    return { type: 'hkMacauPermit', confidence: 'high', reason: '港澳居民来往内地通行证号格式' };
  }
  if (/^\d{8}$/.test(token) && ctx.taiwan && !isBirthDate(token, 99991231)) {
    return { type: 'taiwanPermit', confidence: 'high', reason: '台湾居民来往大陆通行证号（8位），上下文为台胞证/通行证' };
  }
  return null;
}
