/**
 * What detectors share: the candidate shape (normalised offsets, before mapping back), the scan
 * input, context-keyword lookups and character classes. Pure code, no I/O.
 */
import type { Confidence, FindingType } from './types.ts';
import type { ColumnKind } from './table-columns.ts';

/** A detector's verdict on one value: how sure, and why (Chinese, for the reviewer). */
export interface Verdict {
  confidence: Confidence;
  reason: string;
}

/** A detection in NORMALISED offsets; scan.ts maps it back and masks it. */
export interface Candidate extends Verdict {
  type: FindingType;
  start: number;
  end: number;
  /** Canonical value (see Finding.normalized). */
  normalized: string;
}

/** What every detector reads. */
export interface ScanInput {
  /** Normalised text (normalize.ts). */
  text: string;
  /** Today's date in China (UTC+8) as yyyymmdd; birth dates after it are impossible. */
  today: number;
  /** Column class of the table cell holding `offset`, when the text is a delimited table. */
  columnAt(offset: number): ColumnKind | undefined;
}

/** How far before a candidate context words are looked for (DOMAIN.md §4.4.2: ~20 characters). */
export const contextWindow = 20;

/** The normalised text just before `start`. */
export function textBefore(input: ScanInput, start: number, window = contextWindow): string {
  return input.text.slice(Math.max(0, start - window), start);
}

/**
 * Where the last of `words` ends in `s` (its closeness to the candidate that follows), or −1.
 * When two fields share the window (身份证号：…，银行卡号：…) the nearest label wins.
 */
export function lastEndOf(s: string, words: readonly string[]): number {
  const index = wordIndex(words);
  if (!index) {
    let best = -1;
    for (const w of words) {
      const i = s.lastIndexOf(w);
      if (i !== -1 && i + w.length > best) best = i + w.length;
    }
    return best;
  }
  // One pass over the window: only positions holding a word's first character are compared
  // (most windows hold none). The largest end over all occurrences is the largest end of each
  // word's last occurrence, so the result is the same as a lastIndexOf per word.
  let best = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (index.first[c] !== 1) continue;
    for (const w of index.byFirst.get(c)!) if (i + w.length > best && s.startsWith(w, i)) best = i + w.length;
  }
  return best;
}

/** Words grouped by their first UTF-16 unit, for {@link lastEndOf}. */
interface WordIndex {
  first: Uint8Array;
  byFirst: Map<number, string[]>;
}

const wordIndexes = new WeakMap<readonly string[], WordIndex | null>();
/** The first lists asked for (the context-word lists, asked for per value): found by identity, no hash. */
const recentLists: (readonly string[])[] = [];
const recentIndexes: (WordIndex | null)[] = [];

/** The index of a word list (built once per list); null when a word is empty (plain lookups then). */
function wordIndex(words: readonly string[]): WordIndex | null {
  for (let i = 0; i < recentLists.length; i++) if (recentLists[i] === words) return recentIndexes[i]!;
  let index = wordIndexes.get(words);
  if (index !== undefined) return index;
  if (words.some((w) => w.length === 0)) {
    index = null;
  } else {
    index = { first: new Uint8Array(0x10000), byFirst: new Map() };
    for (const w of words) {
      const c = w.charCodeAt(0);
      index.first[c] = 1;
      const list = index.byFirst.get(c) ?? [];
      list.push(w);
      index.byFirst.set(c, list);
    }
  }
  wordIndexes.set(words, index);
  if (recentLists.length < 16) {
    recentLists.push(words);
    recentIndexes.push(index);
  }
  return index;
}

/**
 * What may stand between a label and its value: the label's own 号码 / 证号 / 编号 / 号 / 码, then
 * no new clause or number label (these characters).
 */
const labelBlockers = /[号码,;。；，\n]/;

/**
 * Where the nearest of `words` ends in `s` when it labels the value right after `s`, or −1.
 * A label only counts within the value's own clause: in `身份证号码（已删除），订单号1000…` the
 * order number is not an ID number, and in `身份证号：…，银行卡号：…` the nearer label wins.
 */
export function labelEnd(s: string, words: readonly string[]): number {
  const end = lastEndOf(s, words);
  if (end < 0) return -1;
  // What follows the label, without its own 号码 / 证号 / 编号 / 号 / 码 (longest first; no slices).
  let from = end;
  const a = s.charCodeAt(end);
  const b = s.charCodeAt(end + 1);
  if ((a === 0x53f7 && b === 0x7801) || ((a === 0x8bc1 || a === 0x7f16) && b === 0x53f7)) from += 2; // 号码 证号 编号
  else if (a === 0x53f7 || a === 0x7801) from += 1; // 号 码
  // A value in the next cell or on the next line (`住址：⏎柳坪村…`) still belongs to its label;
  // otherwise a new clause or number label in between (`labelBlockers`) cuts it off.
  let blank = true;
  let blocked = false;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (labelBlockerUnits[c] === 1) blocked = true;
    if (c !== 58 && whitespaceUnits[c] !== 1) blank = false;
    if (blocked && !blank) return -1;
  }
  return end;
}

/** BMP units that `\s` matches (built from the regular expression itself: the same set). */
const whitespaceUnits = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) if (/\s/.test(String.fromCharCode(c))) whitespaceUnits[c] = 1;
/** The units of `labelBlockers`. */
const labelBlockerUnits = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) if (labelBlockers.test(String.fromCharCode(c))) labelBlockerUnits[c] = 1;

/** Whether `s` ends in a label from `words` for the value after it (see {@link labelEnd}). */
export function hasLabel(s: string, words: readonly string[]): boolean {
  return labelEnd(s, words) >= 0;
}

/** Context words that say "what follows is a …" (DOMAIN.md §4.4.2 step 3). */
export const contextWords = {
  idCard: ['身份证', '公民身份号码', '身份号码', '证件号', '证件号码', '身份证号'],
  uscc: ['统一社会信用代码', '信用代码', '社会信用', '纳税人识别号', '机构代码', '登记证号', '注册号'],
  bank: ['卡号', '账号', '帐号', '银行', '开户', '存折', '社保卡', '一卡通', '账户', '帐户', '收款'],
  phone: ['电话', '手机', '联系方式', '座机', '传真', '联系', 'tel', 'Tel', 'TEL', '热线'],
  /** A phone next to these is usually an office's published number. */
  institutionalPhone: ['咨询电话', '监督电话', '投诉电话', '举报电话', '办公电话', '值班电话', '服务电话', '受理电话', '服务热线', '热线', '传真', '办公室'],
  passport: ['护照'],
  hkMacauPermit: ['港澳'],
  /** 通行证 alone: Hong Kong/Macau or Taiwan, decided by the nearer region word or the number's shape. */
  permit: ['通行证'],
  taiwanPermit: ['台胞证', '台湾', '来往大陆'],
  /** Words that make an address personal. */
  homeAddress: ['家庭住址', '家庭地址', '住址', '家住', '住所', '户籍地', '户籍地址', '居住地', '现住', '现居', '居住于', '住在'],
  /** Words that make an address an office's or a project's. */
  officeAddress: ['办公地址', '单位地址', '机关地址', '办公室地址', '办公场所', '项目地点', '建设地点', '实施地点', '项目地址', '会议地点', '活动地点', '服务地址', '受理地点', '窗口地址'],
} as const;

/** '0'–'9'. */
export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** ASCII letter or digit. */
export function isAsciiAlnumCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A CJK unified ideograph (basic block and extension A). */
export function isCjkCode(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

/** Characters right after a number that make it a quantity (amount, count, measure), not an identifier. */
const quantityUnits = new Set(['元', '万', '亿', '千', '百', '%', '‰', '人', '户', '次', '件', '个', '台', '辆', '吨', '亩', '米', '斤', '公', '平', '份', '张', '册', '页', '条', '项', '笔', '天', '年', '月', '日', '时', '分', '秒', '号', '期']);

const quantityUnitCodes = new Uint8Array(0x10000);
for (const u of quantityUnits) if (u.length === 1) quantityUnitCodes[u.charCodeAt(0)] = 1;

/** Whether the digit run [start, end) is a quantity or part of a decimal, not an identifier. */
export function looksLikeQuantity(text: string, start: number, end: number): boolean {
  const prev = text.charCodeAt(start - 1);
  const next = text.charCodeAt(end);
  // Part of a decimal: 0.250750683890174, 12345678901.5
  if (prev === 46 /* . */ && isDigitCode(text.charCodeAt(start - 2))) return true;
  if (next === 46 && isDigitCode(text.charCodeAt(end + 1))) return true;
  // Currency before: ¥ $ or RMB.
  if (prev === 0xa5 || prev === 36 || (start >= 3 && text.startsWith('RMB', start - 3))) return true;
  return end < text.length && quantityUnitCodes[text.charCodeAt(end)] === 1;
}

/** Whether all characters of `s` are the same (11111111111). */
export function isAllSame(s: string): boolean {
  for (let i = 1; i < s.length; i++) if (s.charCodeAt(i) !== s.charCodeAt(0)) return false;
  return true;
}
