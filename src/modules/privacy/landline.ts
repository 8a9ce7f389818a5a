/**
 * 固定电话 (DOMAIN.md §4.4.1): `0` + area code (010 and 02x: 3 digits, 0[3-9]xx: 4 digits) + a
 * 7–8-digit local number starting 2–8; written 023-57681234, (023)57681234, 023 5768 1234.
 *
 * Decision (documented in docs/modules/privacy.md): every landline is reported at MEDIUM and
 * never blocks publication on its own. Government documents print many institutional numbers
 * (咨询电话、监督电话) that must stay; a landline after such a word gets a reason saying so, and
 * the reviewer decides. An unseparated 10–12-digit run starting with 0 is reported only next to
 * a phone word, since invoice codes and serial numbers have that shape too. 400/800 and 95xxx
 * numbers are organisational and never match. Pure code, no I/O.
 */
import { contextWords, hasLabel, textBefore, type Candidate, type ScanInput, type Verdict } from './detector-kit.ts';

/** Splits a landline digit string into area code and local number, or null. */
export function splitLandline(digits: string): { area: string; local: string } | null {
  if (/^0(?:10|2\d)/.test(digits)) {
    const local = digits.slice(3);
    return /^[2-8]\d{7}$/.test(local) ? { area: digits.slice(0, 3), local } : null;
  }
  if (/^0[3-9]\d\d/.test(digits)) {
    const local = digits.slice(4);
    return /^[2-8]\d{6,7}$/.test(local) ? { area: digits.slice(0, 4), local } : null;
  }
  return null;
}

/** Context of a landline candidate. */
export interface LandlineContext {
  /** Written with a separator or parentheses (023-…, (023)…), so it reads as a phone number. */
  written: boolean;
  /** A phone word (电话, 联系方式 …) just before, or the cell is under a phone header. */
  phoneContext: boolean;
  /** An institutional phone word (咨询电话, 监督电话 …) just before. */
  institutional: boolean;
}

/** Verdict on a landline digit string (see the module comment for the policy). */
export function classifyLandline(digits: string, ctx: LandlineContext): Verdict | null {
  if (!splitLandline(digits)) return null;
  if (!ctx.written && !ctx.phoneContext) return null;
  if (ctx.institutional) return { confidence: 'medium', reason: '固定电话（机构咨询/办公电话用语，通常可公开，请审核人判断）' };
  return { confidence: 'medium', reason: '固定电话（含区号），请审核人判断是否为个人电话' };
}

/** Context flags for a landline at normalised offset `start`. */
export function landlineContext(input: ScanInput, start: number, written: boolean): LandlineContext {
  const before = textBefore(input, start);
  return {
    written,
    phoneContext: input.columnAt(start) === 'phone' || hasLabel(before, contextWords.phone),
    institutional: hasLabel(before, contextWords.institutionalPhone),
  };
}

const parenthesized = /\(0\d{2,3}\)[ -]?[2-8]\d{2,3}[ -]?\d{3,4}(?![0-9])/g;

/** Finds landlines written with the area code in parentheses: (023)57681234, (0755) 8234-5678. */
export function detectParenthesizedLandlines(input: ScanInput, out: Candidate[]): void {
  const { text } = input;
  if (!text.includes('(0')) return;
  parenthesized.lastIndex = 0;
  for (let m = parenthesized.exec(text); m; m = parenthesized.exec(text)) {
    const digits = m[0].replace(/\D/g, '');
    const verdict = classifyLandline(digits, landlineContext(input, m.index, true));
    if (verdict) out.push({ type: 'landline', start: m.index, end: m.index + m[0].length, normalized: digits, ...verdict });
  }
}
