/**
 * Header-based column classification for delimited tables in text (tab-, pipe- or
 * comma-separated: a 公示 list pasted as text, a CSV, or an XLSX sheet rendered as TSV by the
 * extractor). A cell under 姓名 / 户主 is a name, under 住址 an address, under 身份证号 an ID
 * number even when its checksum fails, under 金额 / 人数 an amount (DOMAIN.md §4.4.1 "XLSX columns 姓名/身份证号/住址/联系电话").
 * Pure code, no I/O.
 */

/**
 * What a column holds, judged from its header cell. `quantity` columns (金额, 人数, 合计 …) hold
 * amounts and counts: a long number there is never a phone or card number.
 */
export type ColumnKind = 'name' | 'idCard' | 'phone' | 'bank' | 'address' | 'quantity';

/** Looks up the column class of the cell holding an offset of the scanned text. */
export interface ColumnIndex {
  /** Column class at `offset`, or undefined outside a classified table cell. */
  kindAt(offset: number): ColumnKind | undefined;
  /** Every classified data cell, in text order (trimmed spans). */
  cells: readonly TableCell[];
}

/** One data cell of a classified column. */
export interface TableCell {
  start: number;
  end: number;
  kind: ColumnKind;
}

const nameHeaders = new Set(['姓名', '户主', '户主姓名', '申请人', '申请人姓名', '收款人', '收款人姓名', '监护人', '监护人姓名', '持卡人', '户名', '户主名', '家庭成员', '成员姓名', '救助对象', '补助对象', '对象姓名', '当事人']);

/** Verdicts on header cells already seen (the same few headers recur in every table of a kind). */
const headerVerdicts = new Map<string, ColumnKind | null>();

const idCardHeader = /身份证|身份号码|证件号/;
const bankHeader = /卡号|账号|帐号|存折|一卡通|账户|帐户/;
const phoneHeader = /电话|手机|联系方式/;
const addressHeader = /住址|地址|住所|居住地|户籍地/;
const quantityHeader = /金额|元|数|人口|面积|产值|收入|支出|合计|总计|小计|预算|决算|余额|资金|费|亩|吨|率|%|量|值|年度|年份|增长|同比|环比/;

/**
 * Units that start a word some header rule looks for (the alternatives above, the name headers,
 * 姓名, and a year header's 1 / 2 / 上 / 本 / 去): a cell holding none of them is no header, so a
 * table's names and values skip the memo and the rules.
 */
const headerStarts = new Uint8Array(0x10000);
for (const re of [idCardHeader, bankHeader, phoneHeader, addressHeader, quantityHeader]) for (const w of re.source.split('|')) headerStarts[w.charCodeAt(0)] = 1;
for (const w of [...nameHeaders, '姓名', '1', '2', '上', '本', '去']) headerStarts[w.charCodeAt(0)] = 1;

/** Column class of a header cell, or undefined when it is not a personal-data header. */
export function classifyHeaderCell(cell: string): ColumnKind | undefined {
  let candidate = false;
  for (let i = 0; i < cell.length && !candidate; i++) candidate = headerStarts[cell.charCodeAt(i)] === 1;
  if (!candidate) return undefined;
  const known = headerVerdicts.get(cell);
  if (known !== undefined) return known ?? undefined;
  const kind = classifyHeaderCellOnce(cell);
  // Bounded: cells are short (header candidates), but a long text has many distinct ones.
  if (headerVerdicts.size >= 4096) headerVerdicts.clear();
  headerVerdicts.set(cell, kind ?? null);
  return kind;
}

function classifyHeaderCellOnce(cell: string): ColumnKind | undefined {
  const c = cell.replace(/\s+/g, '');
  if (c.length === 0 || c.length > 14) return undefined;
  if (idCardHeader.test(c)) return 'idCard';
  if (bankHeader.test(c)) return 'bank';
  if (phoneHeader.test(c)) return 'phone';
  if (addressHeader.test(c)) return 'address';
  if (nameHeaders.has(c) || /姓名$/.test(c)) return 'name';
  if (quantityHeader.test(c) || isYearHeader(c)) return 'quantity';
  return undefined;
}

/**
 * A statistics table's year column (2024年, 2024年度, 2024年1-6月, 上年, 本年): its cells are the
 * year's figures, so an 11-digit amount in 元 under it is not a mobile number.
 */
function isYearHeader(c: string): boolean {
  return /^(?:(?:19|20)\d\d年(?:度|末|底)?(?:\d{1,2}(?:-\d{1,2})?月)?|上年|本年|去年|上年同期|本年累计)$/.test(c);
}

const headerHint = /姓名|户主|申请人|收款人|监护人|持卡人|户名|身份证|证件号|身份号码|电话|手机|联系方式|账号|帐号|卡号|存折|一卡通|住址|地址|住所|居住地|户籍地|金额|元|数|人口|面积|产值|收入|支出|合计|总计|预算|决算|余额|资金|费|亩|吨|率|%|量|值|年/;

const emptyIndex: ColumnIndex = { kindAt: () => undefined, cells: [] };

interface Cell {
  text: string;
  start: number;
  end: number;
}

/** BMP units that `\s` matches (built from the regular expression itself: the same set). */
const whitespace = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) if (/\s/.test(String.fromCharCode(c))) whitespace[c] = 1;

function splitCells(line: string, lineStart: number, delimiter: string): Cell[] {
  const cells: Cell[] = [];
  let from = 0;
  for (;;) {
    const at = line.indexOf(delimiter, from);
    const to = at === -1 ? line.length : at;
    let s = from;
    let e = to;
    while (s < e && whitespace[line.charCodeAt(s)] === 1) s++;
    while (e > s && whitespace[line.charCodeAt(e - 1)] === 1) e--;
    cells.push({ text: line.slice(s, e), start: lineStart + s, end: lineStart + e });
    if (at === -1) break;
    from = at + delimiter.length;
  }
  return cells;
}

/**
 * The number of cells of a data row [from, to); the offsets of its delimiters go to `at`, for
 * {@link pushDataCells} (a data row's cells are only located, never sliced).
 */
function countCells(text: string, from: number, to: number, delimiter: string, at: number[]): number {
  at.length = 0;
  for (let d = text.indexOf(delimiter, from); d !== -1 && d < to; d = text.indexOf(delimiter, d + delimiter.length)) at.push(d);
  return at.length + 1;
}

/** Pushes the trimmed spans of the row's cells as `kinds` says (`at` = the delimiters {@link countCells} found). */
function pushDataCells(text: string, from: number, to: number, delimiter: string, at: readonly number[], kinds: readonly (ColumnKind | undefined)[], first: number, out: TableCell[]): void {
  let cellFrom = from;
  for (let i = 0; i <= at.length; i++) {
    const kind = kinds[first + i];
    const cellTo = i < at.length ? at[i]! : to;
    if (kind) {
      let s = cellFrom;
      let e = cellTo;
      while (s < e && whitespace[text.charCodeAt(s)] === 1) s++;
      while (e > s && whitespace[text.charCodeAt(e - 1)] === 1) e--;
      if (e > s) out.push({ start: s, end: e, kind });
    }
    cellFrom = cellTo + delimiter.length;
  }
}

/** Finds the delimiter of each line in one forward pass (no search runs past a line twice). */
class DelimiterFinder {
  /** Next known offset of a tab, a pipe, a comma (−2: not searched yet, −1: none left). */
  private tab = -2;
  private pipe = -2;
  private comma = -2;

  constructor(private readonly text: string) {}

  /** The first of tab, pipe, comma present in [from, to), in that preference. */
  in(from: number, to: number): string | undefined {
    if (this.tab === -2 || (this.tab !== -1 && this.tab < from)) this.tab = this.text.indexOf('\t', from);
    if (this.tab !== -1 && this.tab < to) return '\t';
    if (this.pipe === -2 || (this.pipe !== -1 && this.pipe < from)) this.pipe = this.text.indexOf('|', from);
    if (this.pipe !== -1 && this.pipe < to) return '|';
    if (this.comma === -2 || (this.comma !== -1 && this.comma < from)) this.comma = this.text.indexOf(',', from);
    if (this.comma !== -1 && this.comma < to) return ',';
    return undefined;
  }
}

/** Cheap pre-check before splitting: a header's cells are short (prose clauses are not). */
function hasShortCells(text: string, from: number, to: number, delimiter: string): boolean {
  const limit = delimiter === ',' ? 16 : 24;
  const d = delimiter.charCodeAt(0);
  let cell = 0;
  for (let i = from; i < to; i++) {
    if (text.charCodeAt(i) === d) cell = 0;
    else if (++cell > limit) return false;
  }
  return true;
}

/**
 * Whether a row reads as a table header: short cells, classified ones without digits. Commas
 * also separate clauses of prose (and full-width ，is folded to , before scanning), so a
 * comma-separated header needs two classified cells and no digits or long cells at all.
 */
function isHeaderRow(row: readonly Cell[], delimiter: string): boolean {
  if (row.length < 2) return false;
  let classified = 0;
  for (const cell of row) {
    const kind = classifyHeaderCell(cell.text);
    if (kind) {
      if (/[0-9]/.test(cell.text) && !isYearHeader(cell.text.replace(/\s+/g, ''))) return false;
      classified++;
    }
    if (cell.text.length > 20) return false;
    if (delimiter === ',' && (cell.text.length === 0 || cell.text.length > 14 || /[0-9]/.test(cell.text))) return false;
  }
  return classified >= (delimiter === ',' ? 2 : 1);
}

/** Finds delimited tables with personal-data headers in `text` and indexes their data cells. */
export function findTableColumns(text: string): ColumnIndex {
  if (!headerHint.test(text) || !/[\t|,]/.test(text)) return emptyIndex;
  const cells: TableCell[] = [];
  // `open`: cells already read of a row that a line break inside a cell cut short (0 = none).
  let table: { delimiter: string; kinds: (ColumnKind | undefined)[]; open: number } | null = null;
  const delimiters = new DelimiterFinder(text);
  /** The delimiters of the current data row (reused). */
  const delimiterOffsets: number[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    // Most lines are prose: decide on the raw range before slicing anything.
    const delimiter = delimiters.in(lineStart, lineEnd);
    if (!delimiter) {
      // The end of a number wrapped inside the last cell of a row (`…\t1880112⏎2603`) keeps the table.
      // Prose lines (no table open) are not sliced at all.
      const rest = table && table.open === 0 && lineEnd - lineStart <= 24 ? text.slice(lineStart, lineEnd).trim() : '';
      if (table && rest !== '' && /^[0-9Xx]{1,19}$/.test(rest)) {
        const kind = table.kinds.at(-1);
        const s = text.indexOf(rest, lineStart);
        if (kind) cells.push({ start: s, end: s + rest.length, kind });
      } else table = null;
      lineStart = lineEnd + 1;
      continue;
    }
    if (!table && !hasShortCells(text, lineStart, lineEnd, delimiter)) {
      lineStart = lineEnd + 1;
      continue;
    }
    const rowEnd = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    let consumed = false;
    if (table && delimiter === table.delimiter) {
      // Data rows are only located, never sliced: the usual line of a 公示 list.
      const rowLength = countCells(text, lineStart, rowEnd, delimiter, delimiterOffsets);
      const width = table.kinds.length;
      // A row cut by a line break inside a cell continues on this line, in the cut cell's column.
      const first = table.open > 0 ? table.open - 1 : 0;
      if (first + rowLength === width || (table.open === 0 && rowLength < width && rowLength > 1)) {
        consumed = true;
        pushDataCells(text, lineStart, rowEnd, delimiter, delimiterOffsets, table.kinds, first, cells);
        table.open = first + rowLength < width ? rowLength : 0;
      }
    }
    if (!consumed) {
      table = null;
      const line = text.slice(lineStart, rowEnd);
      if (headerHint.test(line)) {
        const row = splitCells(line, lineStart, delimiter);
        if (isHeaderRow(row, delimiter)) table = { delimiter, kinds: row.map((c) => classifyHeaderCell(c.text)), open: 0 };
      }
    }
    lineStart = lineEnd + 1;
  }
  if (cells.length === 0) return emptyIndex;
  // Detectors ask in text order, several times per value: the last cell looked at (`hint`, the
  // last cell starting at or before the previous offset) usually answers without a search.
  let hint = 0;
  return {
    cells,
    kindAt(offset: number): ColumnKind | undefined {
      const h = cells[hint]!;
      if (offset >= h.start) {
        if (offset < h.end) return h.kind;
        const next = cells[hint + 1];
        if (next === undefined || offset < next.start) return undefined;
        if (offset < next.end) {
          hint++;
          return next.kind;
        }
      }
      let lo = 0;
      let hi = cells.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const c = cells[mid]!;
        if (offset < c.start) hi = mid - 1;
        else if (offset >= c.end) lo = mid + 1;
        else {
          hint = mid;
          return c.kind;
        }
      }
      hint = hi < 0 ? 0 : hi;
      return undefined;
    },
  };
}
