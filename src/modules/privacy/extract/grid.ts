/**
 * A worksheet as one tab-separated grid, shared by the XLSX and XLS extractors so that both
 * give the detectors the same text (header row for column context, empty cells kept as
 * columns) and the same locations (sheet, cell). Numbers are checked for 18-digit ID numbers a
 * spreadsheet stored as doubles (1.10101E+17): the ID is destroyed, but its area code and
 * often its birth date still leak. Pure code.
 */
import type { Finding } from '../types.ts';
import type { Piece, Segment } from './segments.ts';

/** One non-empty cell of a sheet. */
export interface GridCell {
  /** 1-based row number. */
  row: number;
  /** 0-based column index. */
  col: number;
  /** Cell reference (B7). */
  ref: string;
  /** Text as a reader sees it (a number ≥ 1e17 as Excel shows it). */
  text: string;
  /** Editable node (XLSX cell index, XLS cell index). */
  node: number;
  /** The value of a number cell (absent for text cells). */
  number?: number;
}

/** A damaged ID found in a number cell. */
export interface DamagedId {
  segment: number;
  node: number;
  finding: Finding;
}

/** How Excel shows a number of 18 or more digits in a General cell. */
export function scientific(v: number): string {
  return v.toExponential(5).replace(/\.?0+e/, 'E').replace('e', 'E').replace(/E\+?(\d+)$/, 'E+$1');
}

/** The text of a number cell: as stored for ordinary numbers, Excel's General form from 1e17. */
export function numberText(v: number): string {
  return Math.abs(v) >= 1e17 ? scientific(v) : String(v);
}

const idHeader = /身份证|公民身份|证件号/;
const provinces = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])/;

/**
 * An 18-digit number stored as a number: Excel keeps 15 significant digits, so the ID is
 * destroyed but its area code (and often its birth date) still leak. Reported when the
 * leading digits are a province code: high in an ID column or when a birth date is visible.
 */
export function damagedId(v: number, text: string, header: string): Finding | null {
  if (!Number.isFinite(v) || v < 1e17 || v >= 1e18) return null;
  const digits = BigInt(Math.round(v)).toString();
  if (!provinces.test(digits)) return null;
  const y = Number(digits.slice(6, 10));
  const m = Number(digits.slice(10, 12));
  const d = Number(digits.slice(12, 14));
  const dated = y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
  return {
    type: 'idCard',
    start: 0,
    end: text.length,
    text,
    normalized: digits,
    masked: '',
    confidence: idHeader.test(header) || dated ? 'high' : 'medium',
    reason: '数字被表格软件转换为科学计数法，身份证号已损坏（地区码等仍会泄露，请改为文本格式并核对原始号码）',
    personal: true,
  };
}

/**
 * The segment of one sheet (rows in order, cells by column, tabs for empty cells) and the
 * damaged IDs among its number cells. `segment` is the index the segment will get.
 */
export function gridSegment(sheet: string, cells: Iterable<GridCell>, segment: number): { segment: Segment; damaged: DamagedId[] } {
  const rows = new Map<number, Map<number, GridCell>>();
  for (const c of cells) {
    const cols = rows.get(c.row) ?? new Map<number, GridCell>();
    cols.set(c.col, c);
    rows.set(c.row, cols);
  }
  const pieces: Piece[] = [];
  const damaged: DamagedId[] = [];
  const headers = new Map<number, string>();
  [...rows.keys()]
    .sort((a, b) => a - b)
    .forEach((r, i) => {
      if (i > 0) pieces.push({ text: '\n' });
      const cols = rows.get(r)!;
      let col = 0;
      for (const c of [...cols.keys()].sort((a, b) => a - b)) {
        // Empty cells keep their column: the detectors find columns by tab position.
        while (col < c) {
          pieces.push({ text: '\t' });
          col++;
        }
        const x = cols.get(c)!;
        // A column's header: the first text cell seen in it (a merged title row only covers column A).
        if (!headers.has(c) && x.number === undefined) headers.set(c, x.text);
        const location = { sheet, cell: x.ref };
        pieces.push({ text: x.text.replace(/[\t\r\n]/g, ' '), node: x.node, location });
        const found = x.number !== undefined ? damagedId(x.number, x.text, headers.get(c) ?? '') : null;
        if (found) damaged.push({ segment, node: x.node, finding: { ...found, location } });
      }
    });
  return { segment: { location: { sheet }, pieces }, damaged };
}
