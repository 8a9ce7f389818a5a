/**
 * The numeric pass: one walk over the ASCII alphanumeric tokens of the normalised text. Every
 * digit run is bounded explicitly by its neighbours (never `\b`, which sees no boundary between
 * a digit and a Chinese character — DOMAIN.md §4.4.3) and is given to exactly one family, chosen
 * by length and validation in the overlap order ID → USCC → bank card → phone. Because a run is
 * maximal, no phone number is ever found inside an ID number, an order number, a timestamp
 * (20250312143000123) or a card number. Pure code, no I/O.
 */
import { classifyBankCard, issuerSignal, luhnValid } from './bank-card.ts';
import { contextWords, hasLabel, isAsciiAlnumCode, isDigitCode, labelEnd, looksLikeQuantity, textBefore, type Candidate, type ScanInput, type Verdict } from './detector-kit.ts';
import { classifyIdCard15, classifyIdCard18, isValidIdCard18 } from './id-card.ts';
import { classifyLandline, landlineContext } from './landline.ts';
import { classifyMobile, hasAllocatedPrefix, isMobileShape, nationalMobile } from './mobile.ts';
import type { WrappedDigits } from './normalize.ts';
import { classifyPlate } from './plate.ts';
import { classifyTravelDocument } from './travel-documents.ts';
import type { FindingType } from './types.ts';
import { classifyUscc, isValidOrgCode } from './uscc.ts';

/** What the numeric pass needs beyond {@link ScanInput}. */
export interface NumberScanInput extends ScanInput {
  /** Whether separators were removed from the normalised span (138 0013 8000). */
  hasSeparators(start: number, end: number): boolean;
}

function candidate(type: FindingType, start: number, end: number, normalized: string, v: Verdict): Candidate {
  return { type, start, end, normalized, confidence: v.confidence, reason: v.reason };
}

/** Whether offset `at` lies inside a URL (digits in links are page ids, not phones). */
function isInsideUrl(text: string, at: number): boolean {
  let s = at;
  while (s > 0 && at - s < 300) {
    const c = text.charCodeAt(s - 1);
    if (c <= 32 || c > 126) break;
    s--;
  }
  if (s === at) return false;
  const head = text.slice(s, at);
  return head.includes('://') || head.startsWith('www.');
}

/** +86 / 0086 / 86 written before a national mobile number; returns the new start. */
function countryCodeStart(text: string, start: number): number {
  let p = start;
  if (text[p - 1] === ' ' || text[p - 1] === '-') p--;
  if (text.startsWith('0086', p - 4) && !isDigitCode(text.charCodeAt(p - 5))) return p - 4;
  // Not the fraction of a figure before it (`3291.86 15518082909` in a PDF row).
  if (text.startsWith('86', p - 2) && !isDigitCode(text.charCodeAt(p - 3)) && text[p - 3] !== '.') return text[p - 3] === '+' ? p - 3 : p - 2;
  return start;
}

/** An ID label (or 身份证号 column) is the nearest label before `start`. */
function idContextAt(input: ScanInput, start: number, before: string): boolean {
  if (input.columnAt(start) === 'idCard') return true;
  const id = labelEnd(before, contextWords.idCard);
  return id >= 0 && id >= labelEnd(before, contextWords.bank);
}

/** A bank label (or 卡号/账号 column) is the nearest label before `start`. */
function bankContextAt(input: ScanInput, start: number, before: string): boolean {
  if (input.columnAt(start) === 'bank') return true;
  const bank = labelEnd(before, contextWords.bank);
  return bank >= 0 && bank > labelEnd(before, contextWords.idCard);
}

/** Which travel-document label is nearest before a token (护照 / 港澳·通行证 / 台湾·台胞证). */
function travelContext(before: string): { passport: boolean; hkMacau: boolean; taiwan: boolean } {
  const p = labelEnd(before, contextWords.passport);
  const hk = labelEnd(before, contextWords.hkMacauPermit);
  const tw = labelEnd(before, contextWords.taiwanPermit);
  const permit = labelEnd(before, contextWords.permit);
  // 通行证 belongs to the nearer region word; alone it fits both, and the token's shape decides.
  const region = tw > hk ? 'taiwan' : hk > tw ? 'hkMacau' : 'none';
  const hkAt = region === 'hkMacau' ? Math.max(hk, permit) : region === 'none' ? permit : -1;
  const twAt = region === 'taiwan' ? Math.max(tw, permit) : region === 'none' ? permit : -1;
  return { passport: p >= 0 && p > Math.max(hkAt, twAt), hkMacau: hkAt >= 0 && hkAt > p, taiwan: twAt >= 0 && twAt > p };
}

/**
 * An 18-character value that may be an ID number, a USCC or an 18-digit card (the alphabets
 * overlap). Decision, most specific first: a USCC word before it makes it a USCC; otherwise a
 * fully valid ID wins (fail closed), then a high-confidence card, then a USCC, then an ID
 * reading of medium confidence. An all-digit value counts as a USCC only when its embedded
 * 组织机构代码 validates too (about 1 in 341 random numbers pass both checks).
 */
function classify18(input: NumberScanInput, start: number, end: number, value: string, before: string): Candidate | null {
  // Only a final x can be lower case (callers pass digits, \d{17}[Xx] or [0-9A-Z]{18}).
  const upper = value.charCodeAt(17) === 120 ? value.toUpperCase() : value;
  const idContext = idContextAt(input, start, before);
  const id = classifyIdCard18(value, input.today, { idContext });
  // The USCC reading is only needed when a USCC word is before the value or the ID reading is
  // not high (the usual ID in a 公示 list skips the MOD 31 check).
  const usccLabel = hasLabel(before, contextWords.uscc);
  if (!usccLabel && id?.confidence === 'high') return candidate('idCard', start, end, upper, id);
  let uscc = classifyUscc(upper);
  if (uscc && /^\d{17}[\dX]$/.test(upper) && !isValidOrgCode(upper.slice(8, 17))) uscc = null;
  if (uscc && usccLabel) return candidate('uscc', start, end, upper, uscc);
  if (id?.confidence === 'high') return candidate('idCard', start, end, upper, id);
  if (/^\d{18}$/.test(value) && !idContext && !looksLikeQuantity(input.text, start, end)) {
    const bank = classifyBankCard(value, { bankContext: bankContextAt(input, start, before), grouped: input.hasSeparators(start, end) });
    if (bank?.confidence === 'high') return candidate('bankCard', start, end, value, bank);
  }
  if (uscc) return candidate('uscc', start, end, upper, uscc);
  if (id) return candidate('idCard', start, end, upper, id);
  return null;
}

/**
 * Whether an unlabelled 11-digit run sits in a row of figures: a statistics or budget row whose
 * columns lost their tabs (a PDF text layer, a table pasted into one cell), such as
 * `一般公共预算支出 元 15713682183 18635924054 13473604978`. True when at least two other plain runs
 * of 8–12 digits stand on the same line, separated only by spaces, tabs or a percentage. A
 * 公示 row's neighbours are IDs (15/18) and cards (16–19), never 8–12-digit figures; under a
 * phone header or after a phone label the number stays a phone.
 */
function inRowOfFigures(input: NumberScanInput, start: number, end: number, before: string): boolean {
  const { text } = input;
  if (input.columnAt(start) === 'phone' || hasLabel(before, contextWords.phone)) return false;
  const from = Math.max(0, text.lastIndexOf('\n', start) + 1, start - 200);
  let to = text.indexOf('\n', end);
  if (to === -1 || to > end + 200) to = Math.min(text.length, end + 200);
  let figures = 0;
  for (const token of text.slice(from, to).split(/[ \t]+/)) {
    if (/^\d{8,12}%?$/.test(token)) figures++;
  }
  // The run itself is one of them.
  return figures >= 3;
}

/** Classifies one maximal digit run [start, end); `glued` = a Latin letter touches it. */
function classifyDigitRun(input: NumberScanInput, start: number, end: number, glued: boolean): Candidate | null {
  const { text } = input;
  const n = end - start;
  if (n < 8 || n > 25) return null;
  const digits = text.slice(start, end);
  const before = textBefore(input, start);
  if (!glued && n === 18) {
    const c = classify18(input, start, end, digits, before);
    if (c) return c;
  }
  if (looksLikeQuantity(text, start, end) || input.columnAt(start) === 'quantity' || isInsideUrl(text, start)) return null;
  if (!glued && n === 15) {
    const id15 = classifyIdCard15(digits, input.today, { idContext: idContextAt(input, start, before) });
    if (id15) return candidate('idCard15', start, end, digits, id15);
  }
  const national = nationalMobile(digits);
  if (national && !(n === 11 && inRowOfFigures(input, start, end, before))) {
    const v = classifyMobile(national);
    if (v) {
      const s = n === 11 ? countryCodeStart(text, start) : text[start - 1] === '+' ? start - 1 : start;
      return candidate('mobile', s, end, national, v);
    }
  }
  if (digits[0] === '0' && n >= 10 && n <= 12) {
    const v = classifyLandline(digits, landlineContext(input, start, input.hasSeparators(start, end)));
    if (v) return candidate('landline', start, end, digits, v);
  }
  if (n >= 12) {
    const v = classifyBankCard(digits, { bankContext: bankContextAt(input, start, before), grouped: input.hasSeparators(start, end) });
    if (v) return candidate('bankCard', start, end, digits, v);
  }
  if (n === 8 && !glued) {
    const v = classifyTravelDocument(digits, { ...travelContext(before), passport: false, hkMacau: false });
    if (v) return candidate(v.type, start, end, digits, v);
  }
  return null;
}

/** Classifies a token that mixes letters and digits (ID ending in X, USCC, passport, plate). */
function classifyMixedToken(input: NumberScanInput, start: number, end: number, token: string): Candidate | null {
  const { text } = input;
  const before = textBefore(input, start);
  if (token.length === 18) {
    if (/^\d{17}[Xx]$/.test(token) || /^[0-9A-Z]{18}$/.test(token)) {
      const c = classify18(input, start, end, token, before);
      if (c) return c;
    }
  }
  if (start > 0) {
    const plate = classifyPlate(text[start - 1]!, token, text[end]);
    if (plate) return candidate('plate', start - 1, end, text[start - 1]! + token, plate);
  }
  if (token.length >= 8 && token.length <= 11) {
    const v = classifyTravelDocument(token, travelContext(before));
    if (v) return candidate(v.type, start, end, token, v);
  }
  return null;
}

/** ASCII units: 1 = digit, 2 = Latin letter, 0 = neither. */
const asciiClass = new Uint8Array(128);
for (let c = 48; c <= 57; c++) asciiClass[c] = 1;
for (let c = 65; c <= 90; c++) asciiClass[c] = asciiClass[c + 32] = 2;

/**
 * The numeric pass over the maximal ASCII alphanumeric tokens of 5 or more characters (shorter
 * ones are counts, years and list numbers), found by one walk that also tells digit runs from
 * mixed tokens (no match objects, no token strings for digit runs).
 */
export function detectNumbers(input: NumberScanInput, out: Candidate[]): void {
  const { text } = input;
  const length = text.length;
  for (let i = 0; i < length; ) {
    const first = text.charCodeAt(i);
    if (first >= 128 || asciiClass[first] === 0) {
      i++;
      continue;
    }
    const start = i;
    let letters = asciiClass[first] === 2;
    for (i++; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) break;
      const k = asciiClass[c];
      if (k === 0) break;
      if (k === 2) letters = true;
    }
    const end = i;
    if (end - start < 5) continue;
    if (!letters) {
      const c = classifyDigitRun(input, start, end, false);
      if (c) out.push(c);
      continue;
    }
    const token = text.slice(start, end);
    const c = classifyMixedToken(input, start, end, token);
    if (c) {
      out.push(c);
      continue;
    }
    // Digits glued to letters (Tel13800138000, No6222…): phones and cards only, never an ID
    // (an ID needs letter-free boundaries) and never the 17 digits before an ID's X.
    if (/^\d{17}[Xx]$/.test(token)) continue;
    for (const sub of token.matchAll(/\d{8,}/g)) {
      const s = start + sub.index;
      const g = classifyDigitRun(input, s, s + sub[0].length, true);
      if (g && g.type !== 'idCard' && g.type !== 'idCard15' && g.type !== 'uscc') out.push(g);
    }
  }
}

/**
 * Numbers wrapped across a line break inside a table cell (normalize.ts). Joined only when the
 * result validates: a full ID number (checksum, birth date, province), a Luhn-valid card with an
 * issuer prefix, or an allocated mobile number (medium: two short numbers one per line could
 * make one up).
 */
export function detectWrappedNumbers(input: NumberScanInput, pairs: readonly WrappedDigits[], out: Candidate[]): void {
  const { text } = input;
  for (const p of pairs) {
    const left = text.slice(p.leftStart, p.leftEnd);
    const right = text.slice(p.rightStart, p.rightEnd);
    if (left.length < 3 || right.length < 2) continue;
    if (isAsciiAlnumCode(text.charCodeAt(p.leftStart - 1)) && !isDigitCode(text.charCodeAt(p.leftStart - 1))) continue;
    if (looksLikeQuantity(text, p.leftStart, p.leftEnd) || looksLikeQuantity(text, p.rightStart, p.rightEnd)) continue;
    const joined = left + right;
    if (joined.length === 18 && isValidIdCard18(joined, input.today)) {
      out.push({ type: 'idCard', start: p.leftStart, end: p.rightEnd, normalized: joined.toUpperCase(), confidence: 'high', reason: '跨行拆分的身份证号，校验位正确' });
    } else if (/^\d{16,19}$/.test(joined) && luhnValid(joined) && issuerSignal(joined)) {
      out.push({ type: 'bankCard', start: p.leftStart, end: p.rightEnd, normalized: joined, confidence: 'high', reason: '跨行拆分的银行卡号，Luhn 校验通过' });
    } else if (joined.length === 11 && isMobileShape(joined) && hasAllocatedPrefix(joined) && right.length >= 3) {
      // Under a 电话 / 手机 header the column says what the joined number is.
      const inPhoneColumn = input.columnAt(p.leftStart) === 'phone';
      out.push({ type: 'mobile', start: p.leftStart, end: p.rightEnd, normalized: joined, confidence: inPhoneColumn ? 'high' : 'medium', reason: inPhoneColumn ? '电话列中跨行拆分的手机号' : '跨行拆分的手机号' });
    }
  }
}
