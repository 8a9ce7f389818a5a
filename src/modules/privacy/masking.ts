/**
 * 脱敏 (mask): one site-wide policy per finding type (DOMAIN.md §4.4.4: different masks of the
 * same number in different places can be combined into the full number, so the policy is
 * global, not per document). The default follows the government notice quoted in §4.3:
 * ID 35*************123 (first 2 + last 3), mobile 138****1234, bank card last 4, address cut
 * to 村/社区, name 张* (surname kept), e-mail first character + domain; USCCs stay.
 *
 * Decision on separators: a finding may span spaces, hyphens, parentheses or a line break
 * (138 0013 8000, (023)5768 1234). Masks count and replace only the significant characters
 * (digits, letters, Chinese characters) and KEEP the separators, so `138 0013 8000` becomes
 * `138 **** 8000` and every character keeps its place: the masked text has the same length as
 * the original (except for `remove` rules), table columns stay aligned and offsets of other
 * findings stay valid. Pure code, no I/O.
 */
import { addressKeepLength } from './address.ts';
import { surnameLength } from './surnames.ts';
import type { Finding, FindingType } from './types.ts';

/** How one finding type is masked. */
export type MaskRule =
  /** Keep the first and last significant characters, replace the rest one for one. */
  | { kind: 'partial'; keepFirst: number; keepLast: number; maskChar?: string }
  /** Keep the first characters of the local part and the whole domain. */
  | { kind: 'email'; keepFirst: number; maskChar?: string }
  /** Keep the surname (compound surnames too), mask the given name. */
  | { kind: 'name'; maskChar?: string }
  /** Keep the village / community name (`village`) or nothing below 乡镇 (`township`). */
  | { kind: 'address'; keep: 'village' | 'township'; maskChar?: string }
  /** Delete the value and write `replacement` (court practice, 法释〔2016〕19号). */
  | { kind: 'remove'; replacement: string }
  /** Leave the value as it is (organisation codes). */
  | { kind: 'none' };

/** The site-wide masking policy. */
export interface MaskPolicy {
  /** Default mask character. */
  maskChar: string;
  /** Rule per finding type. */
  rules: Readonly<Record<FindingType, MaskRule>>;
}

/** The default policy (government practice, DOMAIN.md §4.3 / §4.4.4). */
export const defaultMaskPolicy: MaskPolicy = Object.freeze({
  maskChar: '*',
  rules: Object.freeze({
    idCard: { kind: 'partial', keepFirst: 2, keepLast: 3 },
    idCard15: { kind: 'partial', keepFirst: 2, keepLast: 3 },
    uscc: { kind: 'none' },
    mobile: { kind: 'partial', keepFirst: 3, keepLast: 4 },
    landline: { kind: 'partial', keepFirst: 4, keepLast: 2 },
    bankCard: { kind: 'partial', keepFirst: 0, keepLast: 4 },
    email: { kind: 'email', keepFirst: 1 },
    passport: { kind: 'partial', keepFirst: 1, keepLast: 2 },
    hkMacauPermit: { kind: 'partial', keepFirst: 1, keepLast: 2 },
    taiwanPermit: { kind: 'partial', keepFirst: 1, keepLast: 2 },
    plate: { kind: 'partial', keepFirst: 3, keepLast: 1 },
    address: { kind: 'address', keep: 'village' },
    name: { kind: 'name' },
  } satisfies Record<FindingType, MaskRule>),
});

/** Characters a mask keeps in place: whitespace, dashes, parentheses, +, middle dots, zero-width. */
const separator = /[\s\-‐-―−﹣－()（）+＋·・\u200b-\u200d\u2060\ufeff]/u;
const separatorUnits = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) if (separator.test(String.fromCharCode(c))) separatorUnits[c] = 1;

function assertMaskChar(c: string, where: string): void {
  // A mask character that a detector reads as part of a value would defeat re-scanning.
  if ([...c].length !== 1 || /[\p{L}\p{N}\s@.-]/u.test(c) || isSeparator(c)) throw new RangeError(`脱敏策略无效：${where} 的遮盖字符必须是单个非字母数字符号（如 *）`);
}

function assertCount(n: number, where: string): void {
  if (!Number.isInteger(n) || n < 0 || n > 8) throw new RangeError(`脱敏策略无效：${where} 的保留位数必须是 0–8 的整数`);
}

/**
 * A validated site policy: the default with `overrides` applied. Throws RangeError (message in
 * Chinese) on a mask character that detectors could read or keep counts outside 0–8.
 */
export function createMaskPolicy(overrides: { maskChar?: string; rules?: Partial<Record<FindingType, MaskRule>> } = {}): MaskPolicy {
  const maskChar = overrides.maskChar ?? defaultMaskPolicy.maskChar;
  assertMaskChar(maskChar, '全局');
  const rules = { ...defaultMaskPolicy.rules, ...overrides.rules };
  for (const [type, rule] of Object.entries(rules) as [FindingType, MaskRule][]) {
    if ('maskChar' in rule && rule.maskChar !== undefined) assertMaskChar(rule.maskChar, type);
    if (rule.kind === 'partial') {
      assertCount(rule.keepFirst, type);
      assertCount(rule.keepLast, type);
    }
    if (rule.kind === 'email') assertCount(rule.keepFirst, type);
    if (rule.kind === 'remove' && /[\p{N}]/u.test(rule.replacement)) throw new RangeError(`脱敏策略无效：${type} 的替换文字不能含数字`);
  }
  return Object.freeze({ maskChar, rules: Object.freeze(rules) });
}

/** Whether a character is kept in place by masks. */
function isSeparator(c: string): boolean {
  return c.length === 1 && separatorUnits[c.charCodeAt(0)] === 1;
}

/** Masks the significant characters of `text` (after `skipLeading` of them), except the first and last kept ones. */
/** Whether `text` has a surrogate unit (an astral character): the per-unit fast paths do not apply. */
function hasSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** Characters of `text` that are not separators (code points). */
function countSignificant(text: string): number {
  if (hasSurrogate(text)) return Array.from(text).filter((c) => !isSeparator(c)).length;
  let n = 0;
  for (let i = 0; i < text.length; i++) if (separatorUnits[text.charCodeAt(i)] !== 1) n++;
  return n;
}

function maskSignificant(text: string, maskChar: string, keepFirst: number, keepLast: number, skipLeading = 0): string {
  // Every finding is masked: one unit per character, no arrays, for the usual BMP-only value.
  if (!hasSurrogate(text)) return maskSignificantBmp(text, maskChar, keepFirst, keepLast, skipLeading);
  const chars = Array.from(text);
  const significant: number[] = [];
  for (let i = 0; i < chars.length; i++) if (!isSeparator(chars[i]!)) significant.push(i);
  const n = significant.length - skipLeading;
  let first = keepFirst;
  let last = keepLast;
  // A short value keeps less: at least a third of it is always masked (138****1234 masks 4 of 11).
  if (n - first - last < Math.ceil(n / 3)) {
    first = Math.min(first, Math.floor(n / 4));
    last = Math.min(last, Math.floor(n / 4));
  }
  for (let k = skipLeading + first; k < significant.length - last; k++) chars[significant[k]!] = maskChar;
  return chars.join('');
}

/** {@link maskSignificant} for text without surrogates (same result). */
function maskSignificantBmp(text: string, maskChar: string, keepFirst: number, keepLast: number, skipLeading: number, significant = -1): string {
  let total = significant;
  if (total < 0) {
    total = 0;
    for (let i = 0; i < text.length; i++) if (separatorUnits[text.charCodeAt(i)] !== 1) total++;
  }
  const n = total - skipLeading;
  let first = keepFirst;
  let last = keepLast;
  if (n - first - last < Math.ceil(n / 3)) {
    first = Math.min(first, Math.floor(n / 4));
    last = Math.min(last, Math.floor(n / 4));
  }
  const from = skipLeading + first;
  const to = total - last;
  if (from >= to) return text;
  if (total === text.length) {
    // No separators (the usual value): one run of mask characters between two slices.
    return text.slice(0, from) + maskChar.repeat(to - from) + text.slice(to);
  }
  let out = '';
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (separatorUnits[c] === 1) {
      out += text[i];
      continue;
    }
    out += k >= from && k < to ? maskChar : text[i];
    k++;
  }
  return out;
}

/** The masked form of one finding's original text under `policy`. */
export function maskValue(finding: Pick<Finding, 'type' | 'text' | 'normalized'>, policy: MaskPolicy = defaultMaskPolicy): string {
  const rule = policy.rules[finding.type];
  const text = finding.text;
  switch (rule.kind) {
    case 'none':
      return text;
    case 'remove':
      return rule.replacement;
    case 'partial': {
      const maskChar = rule.maskChar ?? policy.maskChar;
      if (!hasSurrogate(text)) {
        // The usual value: count once, mask per unit (same result as below).
        let significant = 0;
        for (let i = 0; i < text.length; i++) if (separatorUnits[text.charCodeAt(i)] !== 1) significant++;
        const skip = finding.type === 'mobile' && significant > 11 ? significant - 11 : 0;
        return maskSignificantBmp(text, maskChar, rule.keepFirst, rule.keepLast, skip, significant);
      }
      // A mobile written with +86 / 0086: the country code stays, the 11 digits are masked.
      const significant = countSignificant(text);
      const skip = finding.type === 'mobile' && significant > 11 ? significant - 11 : 0;
      return maskSignificant(text, maskChar, rule.keepFirst, rule.keepLast, skip);
    }
    case 'email': {
      const maskChar = rule.maskChar ?? policy.maskChar;
      const at = Math.max(text.lastIndexOf('@'), text.lastIndexOf('＠'));
      if (at <= 0) return maskSignificant(text, maskChar, 0, 0);
      const local = [...text.slice(0, at)];
      const keep = Math.min(rule.keepFirst, Math.floor(local.length / 2));
      return local.map((c, i) => (i < keep ? c : maskChar)).join('') + text.slice(at);
    }
    case 'name': {
      const maskChar = rule.maskChar ?? policy.maskChar;
      const keep = Math.max(1, surnameLength(text));
      if (!hasSurrogate(text)) {
        let out = text.slice(0, keep);
        for (let i = keep; i < text.length; i++) out += text.charCodeAt(i) === 0xb7 ? '\u00b7' : maskChar;
        return out;
      }
      const chars = [...text];
      return chars.map((c, i) => (i < keep || c === '\u00b7' ? c : maskChar)).join('');
    }
    case 'address': {
      const maskChar = rule.maskChar ?? policy.maskChar;
      const keep = addressKeepLength(text, rule.keep);
      return text.slice(0, keep) + maskSignificant(text.slice(keep), maskChar, 0, 0);
    }
  }
}

/**
 * `text` with every finding masked under `policy`, using the findings' ORIGINAL offsets.
 * Findings may come in any order; where two overlap, the part not yet masked by the first is
 * masked by the second. Throws RangeError when a finding's `text` does not match `text` at its
 * offsets (findings from another version of the text): masking the wrong characters would
 * publish the right ones.
 */
export function maskText(text: string, findings: readonly Finding[], policy: MaskPolicy = defaultMaskPolicy): string {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: string[] = [];
  let pos = 0;
  for (const f of sorted) {
    if (text.slice(f.start, f.end) !== f.text) {
      throw new RangeError(`脱敏失败：第 ${f.start}–${f.end} 个字符与发现项不一致，请重新扫描`);
    }
    if (f.end <= pos) continue;
    const masked = maskValue(f, policy);
    if (f.start >= pos) {
      parts.push(text.slice(pos, f.start), masked);
    } else if (masked.length === f.text.length) {
      parts.push(masked.slice(pos - f.start));
    }
    // A `remove` rule overlapping an earlier finding drops the rest of its span.
    pos = f.end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}
