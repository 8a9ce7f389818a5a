/**
 * Plain text, CSV and HTML. HTML text nodes keep their offsets in the source so the body of a
 * document can be masked in place (tags and attributes untouched); block elements become line
 * breaks and table cells tabs, so a table's header row gives column context. CSV cells are
 * located by cell reference (A1) with the file name as sheet. Pure code.
 */
import type { Piece, Segment } from './segments.ts';
import { decodeEntities, forEachTag } from './xml.ts';

/** A plain text file: one segment, findings located by line. */
export function extractPlainText(text: string): Segment[] {
  return [{ location: { line: 1 }, pieces: [{ text }] }];
}

/** Column index (0-based) → letters. */
export function columnLetters(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Splits CSV text into rows of cells (RFC 4180 quotes; a BOM dropped). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\ufeff/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A CSV file as one tab-separated grid, each piece located by sheet (the file name) and cell. */
export function extractCsv(text: string, sheet: string): Segment[] {
  const pieces: Piece[] = [];
  parseCsv(text).forEach((row, r) => {
    if (r > 0) pieces.push({ text: '\n' });
    row.forEach((cell, c) => {
      if (c > 0) pieces.push({ text: '\t' });
      if (cell) pieces.push({ text: cell.replace(/[\t\r\n]/g, ' '), location: { sheet, cell: `${columnLetters(c)}${r + 1}` } });
    });
  });
  return [{ location: { sheet }, pieces }];
}

const blockTags = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'tr', 'table', 'hr', 'section', 'article', 'pre']);
const cellTags = new Set(['td', 'th']);
const skipTags = new Set(['script', 'style', 'head', 'title']);

/** A text node of an HTML source: offsets of its raw text. */
export interface HtmlNode {
  start: number;
  end: number;
}

/**
 * HTML as one segment: text nodes (decoded) as editable pieces, block boundaries as line
 * breaks, cells as tabs. Findings are located by line (≈ paragraph).
 */
export function extractHtml(html: string): { segment: Segment; nodes: HtmlNode[] } {
  const pieces: Piece[] = [];
  const nodes: HtmlNode[] = [];
  let pos = 0;
  let skip = 0;
  let rowCells = 0;
  const text = (start: number, end: number) => {
    if (end <= start || skip) return;
    const raw = html.slice(start, end);
    const decoded = decodeEntities(raw).replace(/[\t\r\n]+/g, ' ');
    if (!decoded) return;
    pieces.push({ text: decoded, node: nodes.push({ start, end }) - 1 });
  };
  forEachTag(html, (t) => {
    text(pos, t.start);
    pos = t.end;
    const name = t.name.toLowerCase();
    if (skipTags.has(name)) {
      if (!t.selfClosing) skip += t.closing ? -1 : 1;
      skip = Math.max(0, skip);
      return;
    }
    if (cellTags.has(name) && !t.closing) {
      if (rowCells++ > 0) pieces.push({ text: '\t' });
    } else if (blockTags.has(name)) {
      if (name === 'tr') rowCells = 0;
      // One line per block (nested blocks give no empty lines): lines ≈ paragraphs.
      if (pieces.length && pieces.at(-1)!.text !== '\n') pieces.push({ text: '\n' });
    }
  });
  text(pos, html.length);
  return { segment: { location: { line: 1 }, pieces }, nodes };
}
