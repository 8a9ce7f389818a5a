/**
 * Scan-time normalisation (DOMAIN.md §4.4.2 step 2, §4.4.3). Identifiers hide from ASCII patterns
 * behind full-width digits (`１３８…`; JS `\d` never matches them), odd spaces and dashes,
 * zero-width characters, PDF radical code points (⼾主 for 户主) and grouping (`138 0013 8000`).
 * `normalizeForScan` folds those and keeps, for every UTF-16 unit of the result, the span of
 * the original character it came from (stored as the few length-changing edits; 1:1 folds need
 * none), so findings always report ORIGINAL offsets.
 *
 * Chinese text passes through unchanged: NFKC is applied to single code points of a few blocks
 * only (full-width forms, Kangxi radicals, compatibility ideographs, mathematical alphanumerics),
 * never to the whole text, so ① ⑴ ㈠ ² ㎡ keep their shape and never glue onto a number.
 *
 * Grouping separators (space, hyphen, middle dot) between digit groups are removed only when the
 * groups follow a layout in which identifiers are written (3-4-4 mobile, 4-4-4-4 card, 6-8-4 ID,
 * area code + local number). Arbitrary runs such as `15 23 45 12 8 90` in a statistics row, dates
 * (`2025-03-12`) and ranges (`2020-2025`) are left alone, so no number is made up from them.
 * Line breaks are never removed here: a number wrapped inside a table cell is joined by the
 * scanner only when the joined value validates (see {@link findLineWrappedDigits}).
 * Pure code, no I/O.
 */

/**
 * A stretch where normalisation changed the length: normalised units [ns, ne) came from original
 * units [os, oe) (ne = ns for dropped characters). Everywhere else one unit maps to one unit.
 */
export interface OffsetEdit {
  ns: number;
  ne: number;
  os: number;
  oe: number;
}

/** Scan-time view of a text with a map back to the original. */
export interface NormalizedText {
  /** The folded text the detectors scan. */
  text: string;
  /** Length of the original text. */
  originalLength: number;
  /** Length-changing edits, sorted by normalised then original position. */
  edits: readonly OffsetEdit[];
}

/**
 * What one original code point becomes: `null` = unchanged, `''` = dropped, otherwise the
 * replacement. Exported for tests.
 */
export function foldCodePoint(cp: number): string | null {
  // Full-width ASCII (digits, letters, punctuation): ０-９ Ａ-Ｚ （ ） ： － ＠ …
  if (cp >= 0xff01 && cp <= 0xff5e) return String.fromCharCode(cp - 0xfee0);
  if (cp === 0x3000 || cp === 0xa0 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x205f) return ' ';
  if ((cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff || cp === 0xad) return '';
  if (cp === 0x2028 || cp === 0x2029) return '\n';
  if ((cp >= 0x2010 && cp <= 0x2015) || cp === 0x2212 || cp === 0xfe58 || cp === 0xfe63) return '-';
  if (cp === 0x30fb || cp === 0xff65) return '\u00b7';
  // ⼾ (Kangxi radical, printed by PDF generators for 户) folds to the traditional 戶 under NFKC;
  // labels such as 户主 are simplified, so both go to 户.
  if (cp === 0x2f3e || cp === 0x6236) return '户';
  if (
    (cp >= 0x2e80 && cp <= 0x2fdf) || // CJK radicals supplement, Kangxi radicals (PDF text layers)
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0x2f800 && cp <= 0x2fa1f) ||
    (cp >= 0x1d400 && cp <= 0x1d7ff) || // mathematical alphanumerics (𝟏𝟑𝟖)
    (cp >= 0xffe0 && cp <= 0xffee) // ￥ ￡ and half-width symbols
  ) {
    const s = String.fromCodePoint(cp);
    const n = s.normalize('NFKC');
    return n === s ? null : n;
  }
  return null;
}

/** BMP units that {@link foldCodePoint} may change (high surrogates of the astral ranges included). */
const foldable = new Uint8Array(0x10000);
for (const [a, b] of [
  [0xa0, 0xa0], [0xad, 0xad], [0x2000, 0x206f], [0x2212, 0x2212], [0x2e80, 0x2fdf], [0x3000, 0x3000], [0x30fb, 0x30fb],
  [0xf900, 0xfaff], [0xfe58, 0xfe58], [0xfe63, 0xfe63], [0xfeff, 0xfeff], [0xff01, 0xff5e], [0xff65, 0xff65], [0xffe0, 0xffee],
  [0xd835, 0xd835], [0xd87e, 0xd87e], [0x6236, 0x6236],
] as const) foldable.fill(1, a, b + 1);

/** The last edit that starts at or before normalised unit `p` (see {@link OffsetEdit}). */
function lastEditAtOrBefore(edits: readonly OffsetEdit[], p: number): OffsetEdit | undefined {
  let lo = 0;
  let hi = edits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edits[mid]!.ns <= p) lo = mid + 1;
    else hi = mid;
  }
  return edits[lo - 1];
}

/** Original offset where normalised unit `p` starts. */
function unitStart(edits: readonly OffsetEdit[], p: number): number {
  const e = lastEditAtOrBefore(edits, p);
  if (!e) return p;
  return p < e.ne ? e.os : e.oe + (p - e.ne);
}

/** Original offset just after the character normalised unit `p` came from. */
function unitEnd(edits: readonly OffsetEdit[], p: number): number {
  const e = lastEditAtOrBefore(edits, p);
  if (!e) return p + 1;
  return p < e.ne ? e.oe : e.oe + (p - e.ne) + 1;
}

/** For BMP units whose fold is one unit: the folded unit; 0 = the fold changes the length. */
const simpleFold = new Uint16Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  if (!foldable[c] || (c >= 0xd800 && c <= 0xdfff)) continue;
  const r = foldCodePoint(c);
  if (r === null) foldable[c] = 0;
  else if (r.length === 1) simpleFold[c] = r.charCodeAt(0);
}
const utf16 = new TextDecoder('utf-16le');

/** Stage 1: fold characters one code point at a time (see {@link foldCodePoint}). */
function foldCharacters(original: string): { text: string; edits: OffsetEdit[] } {
  const n = original.length;
  // Fast path: every fold keeps the length, so the text is rewritten in place, no map needed.
  const at: number[] = [];
  let surrogates = false;
  for (let i = 0; i < n; i++) {
    const c = original.charCodeAt(i);
    if (!foldable[c]) {
      if (c >= 0xd800 && c <= 0xdfff) surrogates = true;
      continue;
    }
    if (simpleFold[c] === 0) return foldCharactersWithEdits(original);
    at.push(i);
  }
  if (at.length === 0) return { text: original, edits: [] };
  // Few folds (a full-width number here and there): splice them in; many: rewrite a buffer. The
  // buffer's decoder turns a lone surrogate into U+FFFD, so text with surrogates always takes it.
  if (!surrogates && at.length * 512 < n) {
    const parts: string[] = [];
    let from = 0;
    for (const i of at) {
      parts.push(original.slice(from, i), String.fromCharCode(simpleFold[original.charCodeAt(i)]!));
      from = i + 1;
    }
    parts.push(original.slice(from));
    return { text: parts.join(''), edits: [] };
  }
  const bytes = surrogates ? null : Buffer.from(original, 'utf16le');
  if (!bytes || bytes.byteOffset % 2 !== 0) {
    const buf = new Uint16Array(n);
    for (const i of at) buf[i] = simpleFold[original.charCodeAt(i)]!;
    return { text: fillAndDecode(buf, original), edits: [] };
  }
  // Chinese prose folds every ，：（） : copy the units once (native), patch the folds in place
  // and read them back (Node's UTF-16 codec, several times faster than TextDecoder here).
  const units = new Uint16Array(bytes.buffer, bytes.byteOffset, n);
  for (const i of at) units[i] = simpleFold[units[i]!]!;
  return { text: bytes.toString('utf16le'), edits: [] };
}

/** Copies the unfolded units of `original` into `buf` (folded ones are non-zero) and decodes it. */
function fillAndDecode(buf: Uint16Array, original: string): string {
  for (let i = 0; i < buf.length; i++) {
    const c = original.charCodeAt(i);
    if (!foldable[c]) buf[i] = c;
  }
  // The decoder writes U+FFFD for a lone surrogate, one unit for one unit: the map is unchanged.
  return utf16.decode(buf);
}

/** Stage 1 when some fold changes the length (zero-width characters, astral digits …). */
function foldCharactersWithEdits(original: string): { text: string; edits: OffsetEdit[] } {
  const edits: OffsetEdit[] = [];
  const parts: string[] = [];
  let from = 0;
  let delta = 0;
  const n = original.length;
  for (let i = 0; i < n; i++) {
    if (!foldable[original.charCodeAt(i)]) continue;
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const r = foldCodePoint(cp);
    if (r !== null) {
      parts.push(original.slice(from, i), r);
      if (r.length !== width) {
        edits.push({ ns: i + delta, ne: i + delta + r.length, os: i, oe: i + width });
        delta += r.length - width;
      }
      from = i + width;
    }
    i += width - 1;
  }
  if (from === 0) return { text: original, edits };
  parts.push(original.slice(from));
  return { text: parts.join(''), edits };
}

/** What kind of number a grouping layout writes; decides whether a chain of groups is joined. */
type LayoutKind = 'id18' | 'id15' | 'bank' | 'mobile' | 'landline3' | 'landline4';

/**
 * Group layouts in which identifiers are written, most groups first. A chain of digit groups is
 * joined only where it matches one of these exactly (group lengths and leading digits).
 */
const layouts: ReadonlyArray<{ lengths: readonly number[]; kind: LayoutKind }> = [
  { lengths: [3, 3, 4, 4, 4], kind: 'id18' },
  { lengths: [4, 4, 4, 4, 3], kind: 'bank' },
  { lengths: [4, 4, 4, 4, 2], kind: 'bank' },
  { lengths: [4, 4, 4, 4, 1], kind: 'bank' },
  { lengths: [6, 4, 4, 4], kind: 'id18' },
  { lengths: [4, 4, 4, 7], kind: 'bank' },
  { lengths: [4, 4, 4, 6], kind: 'bank' },
  { lengths: [4, 4, 4, 5], kind: 'bank' },
  { lengths: [4, 4, 4, 4], kind: 'bank' },
  { lengths: [6, 8, 4], kind: 'id18' },
  { lengths: [6, 6, 3], kind: 'id15' },
  { lengths: [3, 4, 4], kind: 'mobile' },
  { lengths: [4, 4, 3], kind: 'mobile' },
  { lengths: [3, 4, 4], kind: 'landline3' },
  { lengths: [4, 3, 4], kind: 'landline4' },
  { lengths: [4, 4, 4], kind: 'landline4' },
  { lengths: [6, 13], kind: 'bank' },
  { lengths: [6, 12], kind: 'bank' },
  { lengths: [6, 11], kind: 'bank' },
  { lengths: [6, 10], kind: 'bank' },
  { lengths: [3, 8], kind: 'mobile' },
  { lengths: [7, 4], kind: 'mobile' },
  { lengths: [3, 8], kind: 'landline3' },
  { lengths: [4, 7], kind: 'landline4' },
  { lengths: [4, 8], kind: 'landline4' },
];

function layoutFits(kind: LayoutKind, groups: readonly string[]): boolean {
  const joined = groups.join('');
  switch (kind) {
    case 'id18':
      return /^[1-9]\d{16}[\dXx]$/.test(joined);
    case 'id15':
      return /^[1-9]\d{14}$/.test(joined);
    case 'bank':
      return /^[1-9]\d{15,18}$/.test(joined);
    case 'mobile':
      return /^1[3-9]\d{9}$/.test(joined);
    case 'landline3':
      // 010 and 02x: 3-digit area code, 8-digit local number.
      return /^0(?:10|2\d)$/.test(groups[0]!) && /^[2-8]\d{7}$/.test(joined.slice(3));
    case 'landline4':
      return /^0[3-9]\d\d$/.test(groups[0]!) && /^[2-8]\d{6,7}$/.test(joined.slice(4));
  }
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isSeparator = (c: number): boolean => c === 32 || c === 45 || c === 0xb7;
/** A digit, 1–3 separators, a digit: where a chain of digit groups may be. */
const groupGap = /[0-9][ \-\u00b7]{1,3}[0-9]/g;

/** The texts of groups [p, p + k) of a chain. */
function joinedGroups(text: string, starts: readonly number[], lengths: readonly number[], p: number, k: number): string[] {
  const groups: string[] = [];
  for (let j = p; j < p + k; j++) groups.push(text.slice(starts[j]!, starts[j]! + lengths[j]!));
  return groups;
}

/**
 * Applies the layouts to one chain of groups (start offsets and lengths); returns the separator
 * ranges to drop. An X can only end the chain's last group (the walk stops after it), so a
 * layout never puts one in the middle of a number.
 */
function joinChain(text: string, starts: readonly number[], lengths: readonly number[], drops: [number, number][]): void {
  const count = lengths.length;
  let p = 0;
  while (p < count) {
    let matched = 0;
    for (const layout of layouts) {
      const k = layout.lengths.length;
      if (p + k > count) continue;
      let same = true;
      for (let j = 0; j < k && same; j++) if (lengths[p + j] !== layout.lengths[j]) same = false;
      if (same && layoutFits(layout.kind, joinedGroups(text, starts, lengths, p, k))) {
        matched = k;
        break;
      }
    }
    if (matched > 1) {
      for (let j = p; j < p + matched - 1; j++) drops.push([starts[j]! + lengths[j]!, starts[j + 1]!]);
      p += matched;
    } else {
      p++;
    }
  }
}

/** Stage 2: the separator ranges inside digit groups that follow a known layout. */
function findGroupSeparators(text: string): [number, number][] {
  const drops: [number, number][] = [];
  // Reused for every chain: most chains are dates and ranges that match no layout.
  const starts: number[] = [];
  const lengths: number[] = [];
  groupGap.lastIndex = 0;
  for (let m = groupGap.exec(text); m; m = groupGap.exec(text)) {
    // Walk back to the start of the chain's first group, then read groups forward.
    let s = m.index;
    while (s > 0 && isDigit(text.charCodeAt(s - 1))) s--;
    starts.length = 0;
    lengths.length = 0;
    let i = s;
    for (;;) {
      const g = i;
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
      // The integer part of a decimal (`… 9644 1.1` in a PDF row) is a figure, not a group.
      if (lengths.length && text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) break;
      const x = text.charCodeAt(i) === 88 || text.charCodeAt(i) === 120;
      if (x) i++;
      starts.push(g);
      lengths.push(i - g);
      if (x) break;
      let j = i;
      while (j < text.length && j - i < 3 && isSeparator(text.charCodeAt(j))) j++;
      if (j === i || !isDigit(text.charCodeAt(j))) break;
      i = j;
    }
    if (lengths.length > 1) joinChain(text, starts, lengths, drops);
    groupGap.lastIndex = Math.max(i, m.index + 1);
  }
  return drops;
}

/** Normalises `original` for scanning and keeps the offset map (see the module comment). */
export function normalizeForScan(original: string): NormalizedText {
  const stage1 = foldCharacters(original);
  const drops = findGroupSeparators(stage1.text);
  if (drops.length === 0) return { text: stage1.text, originalLength: original.length, edits: stage1.edits };
  // Drop the separators; express stage-1 edits and the drops in final coordinates.
  const parts: string[] = [];
  const dropEdits: OffsetEdit[] = [];
  let from = 0;
  let removed = 0;
  for (const [a, b] of drops) {
    parts.push(stage1.text.slice(from, a));
    const ns = a - removed;
    dropEdits.push({ ns, ne: ns, os: unitStart(stage1.edits, a), oe: unitEnd(stage1.edits, b - 1) });
    removed += b - a;
    from = b;
  }
  parts.push(stage1.text.slice(from));
  let d = 0;
  let shift = 0;
  const moved = stage1.edits.map((e) => {
    while (d < drops.length && drops[d]![0] < e.ns) shift += drops[d]![1] - drops[d++]![0];
    return { ns: e.ns - shift, ne: e.ne - shift, os: e.os, oe: e.oe };
  });
  const edits = [...moved, ...dropEdits].sort((x, y) => x.ns - y.ns || x.os - y.os);
  return { text: parts.join(''), originalLength: original.length, edits };
}

/** Maps a span of the normalised text back to the original text. */
export function toOriginalSpan(norm: NormalizedText, start: number, end: number): { start: number; end: number } {
  if (start >= norm.text.length) return { start: norm.originalLength, end: norm.originalLength };
  const s = unitStart(norm.edits, start);
  if (end <= start) return { start: s, end: s };
  return { start: s, end: unitEnd(norm.edits, Math.min(end, norm.text.length) - 1) };
}

/**
 * Maps spans back like {@link toOriginalSpan} (same results), for spans that come in text order
 * with `end` never before the previous span's end (scanText's findings): the edits are walked
 * forward once instead of searched for every span; an earlier span falls back to the search.
 * `map` writes the result into `start` / `end`.
 */
export class SpanMapper {
  start = 0;
  end = 0;
  /** Number of edits with ns ≤ the last unit looked up. */
  private k = 0;
  private last = 0;

  constructor(private readonly norm: NormalizedText) {}

  /** The last edit at or before normalised unit `p` (see lastEditAtOrBefore). */
  private editAt(p: number): OffsetEdit | undefined {
    const edits = this.norm.edits;
    if (p < this.last) return lastEditAtOrBefore(edits, p);
    this.last = p;
    while (this.k < edits.length && edits[this.k]!.ns <= p) this.k++;
    return edits[this.k - 1];
  }

  map(start: number, end: number): void {
    const norm = this.norm;
    const length = norm.text.length;
    if (start >= length) {
      this.start = this.end = norm.originalLength;
      return;
    }
    if (norm.edits.length === 0) {
      this.start = start;
      this.end = end <= start ? start : Math.min(end, length);
      return;
    }
    const e = this.editAt(start);
    this.start = !e ? start : start < e.ne ? e.os : e.oe + (start - e.ne);
    if (end <= start) {
      this.end = this.start;
      return;
    }
    const p = Math.min(end, length) - 1;
    const f = this.editAt(p);
    this.end = !f ? p + 1 : p < f.ne ? f.oe : f.oe + (p - f.ne) + 1;
  }
}

/** Whether the original text of a normalised span has a different length (separators were removed). */
export function changesLength(norm: NormalizedText, start: number, end: number): boolean {
  if (norm.edits.length === 0 || end <= start) return false;
  return unitEnd(norm.edits, end - 1) - unitStart(norm.edits, start) !== end - start;
}

/** Two digit runs on consecutive lines, as a number wrapped inside a narrow table cell. */
export interface WrappedDigits {
  /** Normalised span of the run that ends a line. */
  leftStart: number;
  leftEnd: number;
  /** Normalised span of the run that starts the next line (may end in X). */
  rightStart: number;
  rightEnd: number;
}

/**
 * Finds digit runs that end a line and continue on the next one (`5002371985⏎0612341X` in a narrow
 * cell). The scanner joins each pair only when the joined value validates as an ID number, a
 * bank card or a mobile number, so lists of numbers one per line are never glued together.
 */
export function findLineWrappedDigits(text: string): WrappedDigits[] {
  const out: WrappedDigits[] = [];
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
    let le = nl;
    if (text.charCodeAt(le - 1) === 13) le--;
    while (le > 0 && (text.charCodeAt(le - 1) === 32 || text.charCodeAt(le - 1) === 9)) le--;
    if (!isDigit(text.charCodeAt(le - 1))) continue;
    let rs = nl + 1;
    while (rs < text.length && (text.charCodeAt(rs) === 32 || text.charCodeAt(rs) === 9)) rs++;
    if (!isDigit(text.charCodeAt(rs))) continue;
    let ls = le;
    while (ls > 0 && isDigit(text.charCodeAt(ls - 1))) ls--;
    let re = rs;
    while (re < text.length && isDigit(text.charCodeAt(re))) re++;
    if (text[re] === 'X' || text[re] === 'x') re++;
    // An X must end the run: `…002Xa` is not an ID.
    if (re < text.length && /[0-9A-Za-z]/.test(text[re]!)) continue;
    out.push({ leftStart: ls, leftEnd: le, rightStart: rs, rightEnd: re });
  }
  return out;
}

/**
 * Finds table cells that hold exactly two digit runs separated by one space (`5002351999 05018505`):
 * what a line break inside a DOCX or XLSX cell becomes once the extractor turns it into a space
 * (a new line would start a new table row). A cell is delimited by tabs or line ends, so a
 * statistics row (`15 23 45 12`) or prose never matches; the scanner still joins a pair only
 * when the joined value validates (see {@link findLineWrappedDigits}).
 */
export function findCellSplitDigits(text: string): WrappedDigits[] {
  const out: WrappedDigits[] = [];
  if (text.indexOf('\t') === -1) return out;
  for (let sp = text.indexOf(' '); sp !== -1; sp = text.indexOf(' ', sp + 1)) {
    if (!isDigit(text.charCodeAt(sp - 1)) || !isDigit(text.charCodeAt(sp + 1))) continue;
    let ls = sp;
    while (ls > 0 && isDigit(text.charCodeAt(ls - 1))) ls--;
    let re = sp + 1;
    while (re < text.length && isDigit(text.charCodeAt(re))) re++;
    if (text[re] === 'X' || text[re] === 'x') re++;
    const before = ls === 0 ? 10 : text.charCodeAt(ls - 1);
    const after = re === text.length ? 10 : text.charCodeAt(re);
    if ((before !== 9 && before !== 10) || (after !== 9 && after !== 10 && after !== 13)) continue;
    out.push({ leftStart: ls, leftEnd: sp, rightStart: sp + 1, rightEnd: re });
  }
  return out;
}
