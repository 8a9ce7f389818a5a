/**
 * The report as PDF (pdfkit through lib/pdf-writer.ts, the bundled Noto Sans Hans): the same
 * document as the DOCX (render/docx.ts) — A4 with the GB/T 9704 margins, the title (二号),
 * sections 一 to 六 (三号, 28 pt line pitch, two-character first-line indent), the three tables
 * of the national format with their merged header cells (render/grid.ts), page numbers.
 *
 * The tables are drawn cell by cell (rectangles and text), not with pdfkit's table(), so that
 * a merged cell is one rectangle with no inner rule and page breaks follow table-layout.ts:
 * header rows repeated, merged rows kept together, a section heading kept with its table.
 */
import { OFFICIAL_MARGINS, PDF_FONTS, addPageNumbers, createPdf, finishPdf, type PdfDoc } from '../../../lib/pdf-writer.ts';
import type { ReportNumbers } from '../model.ts';
import { TABLE_LAYOUT, reportGrid, type GridRow, type TableLayout } from './grid.ts';
import { SECTION_TITLES, isSectionHeading, type ReportContent } from './html.ts';
import { columnEdges, paginateRows, placeCells, rowGroups, rowHeights, type PlacedCell, type TableSegment } from './table-layout.ts';

/** Type sizes in points (GB/T 9704: title 二号, text 三号; table cells 五号). */
const SIZE = { title: 22, heading: 16, body: 16, cell: 10.5 } as const;
/** Line pitch of the text: 22 lines on a page of the official format. */
const LINE_PITCH = 28;
const CELL = { padX: 2, padY: 2, minRowHeight: 16 } as const;
/**
 * Noto Sans Hans sets 1.448 em lines; table text is set closer (1.2 em) so that table 三 fits on
 * one page. pdfkit measures n lines as n × 1.2 em but wants the full 1.448 em room for the last
 * one, and the glyphs sit low in the shortened line box: hence the two corrections.
 */
const CELL_LINE_GAP = (1.2 - 1.448) * SIZE.cell;
const LAST_LINE_ROOM = -CELL_LINE_GAP + 1;
const CELL_TEXT_RAISE = 0.18 * SIZE.cell;
const RULE_WIDTH = 0.75;

/** Renders the report as PDF bytes. */
export async function renderReportPdf(n: ReportNumbers, content: ReportContent): Promise<Buffer> {
  const grid = reportGrid(n, content.cellText);
  const doc = createPdf({ title: content.title, subject: '政府信息公开工作年度报告', margins: OFFICIAL_MARGINS });
  title(doc, content.title);
  if (content.notice) notice(doc, content.notice);
  lines(doc, content.overview);
  table(doc, SECTION_TITLES[1], grid.section2, TABLE_LAYOUT.section2);
  table(doc, SECTION_TITLES[2], grid.section3, TABLE_LAYOUT.section3);
  table(doc, SECTION_TITLES[3], grid.section4, TABLE_LAYOUT.section4);
  lines(doc, content.closing);
  addPageNumbers(doc);
  return finishPdf(doc);
}

const left = (doc: PdfDoc) => doc.page.margins.left;
const contentWidth = (doc: PdfDoc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

function title(doc: PdfDoc, text: string): void {
  doc.font(PDF_FONTS.bold).fontSize(SIZE.title);
  doc.text(text, left(doc), doc.page.margins.top, { width: contentWidth(doc), align: 'center', lineGap: 6 });
  doc.moveDown(0.6);
}

/** The correction line of a corrected report, in bold above section 一. */
function notice(doc: PdfDoc, text: string): void {
  doc.font(PDF_FONTS.bold).fontSize(SIZE.body);
  doc.text(text, left(doc), doc.y, { width: contentWidth(doc), indent: 2 * SIZE.body, lineGap: lineGap(doc, SIZE.body, LINE_PITCH), align: 'justify' });
}

/** Extra space between lines so that lines of `size` points are `pitch` apart. */
function lineGap(doc: PdfDoc, size: number, pitch: number): number {
  doc.fontSize(size);
  return Math.max(0, pitch - doc.currentLineHeight());
}

function heading(doc: PdfDoc, text: string): void {
  doc.font(PDF_FONTS.bold).fontSize(SIZE.heading);
  doc.text(text, left(doc), doc.y, { width: contentWidth(doc), lineGap: lineGap(doc, SIZE.heading, LINE_PITCH) });
}

/** Height `heading` will take. */
function headingHeight(doc: PdfDoc, text: string): number {
  doc.font(PDF_FONTS.bold).fontSize(SIZE.heading);
  return doc.heightOfString(text, { width: contentWidth(doc), lineGap: lineGap(doc, SIZE.heading, LINE_PITCH) });
}

/** Narrative lines: a section heading is kept with the line after it. */
function lines(doc: PdfDoc, ls: readonly string[]): void {
  for (const line of ls) {
    if (isSectionHeading(line)) {
      if (doc.y + headingHeight(doc, line) + LINE_PITCH > doc.page.maxY()) doc.addPage();
      heading(doc, line);
      continue;
    }
    doc.font(PDF_FONTS.body).fontSize(SIZE.body);
    doc.text(line, left(doc), doc.y, { width: contentWidth(doc), indent: 2 * SIZE.body, lineGap: lineGap(doc, SIZE.body, LINE_PITCH), align: 'justify' });
  }
}

/** A section heading and its table; the heading moves to the next page when the table's first rows would not follow it. */
function table(doc: PdfDoc, headingText: string, rows: GridRow[], spec: TableLayout): void {
  const { cells } = placeCells(rows);
  const total = spec.weights.reduce((a, b) => a + b, 0);
  const widths = spec.weights.map((w) => (w * contentWidth(doc)) / total);
  doc.font(PDF_FONTS.body).fontSize(SIZE.cell);
  const measure = (text: string, width: number) => (text ? doc.heightOfString(text, { width, lineGap: CELL_LINE_GAP }) : 0);
  const heights = rowHeights(cells, rows.length, widths, measure, CELL);
  // A row without numbers (a heading row of a sub-table of 二) goes with the row after it.
  const keep = new Set(rows.flatMap((r, i) => (r.some((c) => c.value) ? [] : [i])));
  const groups = rowGroups(cells, rows.length, keep);
  const gap = 4;
  const frame = (y: number) => ({ startY: y + headingHeight(doc, headingText) + gap, pageTop: doc.page.margins.top, pageBottom: doc.page.maxY() });
  let segments = paginateRows(heights, groups, spec.headerRows, frame(doc.y));
  // A table that fits on one page is not cut when less than half of it would stay on this page.
  const tableHeight = heights.reduce((a, b) => a + b, 0);
  const fitsOnePage = frame(doc.page.margins.top).startY + tableHeight <= doc.page.maxY();
  const onThisPage = segments.filter((s) => s.page === 0).flatMap((s) => s.rows).reduce((h, r) => h + heights[r.row]!, 0);
  if (segments[0]?.page !== 0 || (segments.length > 1 && fitsOnePage && onThisPage < tableHeight / 2)) {
    doc.addPage();
    segments = paginateRows(heights, groups, spec.headerRows, frame(doc.y));
  }
  heading(doc, headingText);
  drawSegments(doc, cells, segments, columnEdges(widths, left(doc)), heights, keep);
}

/**
 * Which part of a merged cell cut by a page break carries its text: the first part it fits in,
 * else the tallest. Cells drawn whole (repeated header cells included) are not in the map.
 */
function textParts(cells: readonly PlacedCell[], segments: readonly TableSegment[], heights: readonly number[], needs: readonly number[]): Map<PlacedCell, number> {
  const chosen = new Map<PlacedCell, number>();
  cells.forEach((c, i) => {
    const parts = segments.map((s, k) => {
      const rows = s.rows.filter((r) => r.row >= c.row && r.row < c.row + c.rowspan);
      return { k, rows: rows.length, height: rows.reduce((h, r) => h + heights[r.row]!, 0) };
    });
    if (parts.some((p) => p.rows === c.rowspan)) return;
    const present = parts.filter((p) => p.rows > 0);
    const fits = present.find((p) => p.height >= needs[i]!);
    const best = fits ?? present.reduce((a, b) => (b.height > a.height ? b : a));
    chosen.set(c, best.k);
  });
  return chosen;
}

function drawSegments(doc: PdfDoc, cells: readonly PlacedCell[], segments: readonly TableSegment[], edges: readonly number[], heights: readonly number[], headingRows: ReadonlySet<number>): void {
  doc.font(PDF_FONTS.body).fontSize(SIZE.cell);
  const innerWidth = (c: PlacedCell) => edges[c.col + c.colspan]! - edges[c.col]! - 2 * CELL.padX;
  const needs = cells.map((c) => (c.cell.text ? doc.heightOfString(c.cell.text, { width: innerWidth(c), lineGap: CELL_LINE_GAP }) : 0) + 2 * CELL.padY);
  const textIn = textParts(cells, segments, heights, needs);
  let page = 0;
  let bottom = doc.y;
  segments.forEach((segment, k) => {
    for (; page < segment.page; page++) doc.addPage();
    doc.font(PDF_FONTS.body).fontSize(SIZE.cell).lineWidth(RULE_WIDTH).strokeColor('black').fillColor('black');
    cells.forEach((c, i) => {
      const rows = segment.rows.filter((r) => r.row >= c.row && r.row < c.row + c.rowspan);
      if (rows.length === 0) return;
      const x = edges[c.col]!;
      const w = edges[c.col + c.colspan]! - x;
      const top = rows[0]!.y;
      const h = rows.reduce((s, r) => s + heights[r.row]!, 0);
      doc.rect(x, top, w, h).stroke();
      bottom = Math.max(bottom, top + h);
      if (!c.cell.text || (textIn.has(c) && textIn.get(c) !== k)) return;
      const textHeight = needs[i]! - 2 * CELL.padY;
      const ty = top + Math.max(CELL.padY, (h - textHeight) / 2 - CELL_TEXT_RAISE);
      // Numbers, heading rows and the tall group cells are centred; row labels read from the left.
      const centred = c.cell.value || headingRows.has(c.row) || c.rowspan > 1;
      doc.text(c.cell.text, x + CELL.padX, ty, { width: innerWidth(c), height: textHeight + LAST_LINE_ROOM, align: centred ? 'center' : 'left', lineGap: CELL_LINE_GAP });
    });
  });
  doc.x = left(doc);
  doc.y = bottom + LINE_PITCH / 2;
}
