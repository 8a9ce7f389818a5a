/**
 * Page layout of a grid table (render/grid.ts) for the PDF: cells placed on the slot grid the
 * way HTML places rowspan/colspan cells, row heights from the text, and the split over pages.
 * Pure: text is measured through a function the caller gives (pdfkit's heightOfString).
 *
 * Splitting follows what a reader of a printed 年报 expects: rows joined by a merged cell (the
 * 22 rows under 三、本年度办理结果) and rows marked keep-with-next (a sub-table's heading rows)
 * move to the next page together; a table's header rows go with its first rows and are repeated
 * at the top of every further page; only a group taller than a whole page is cut, between rows,
 * and its merged cells are then drawn in parts.
 */
import type { GridCell, GridRow } from './grid.ts';

/** A cell on the slot grid. */
export interface PlacedCell {
  cell: GridCell;
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
}

/** Places the cells of `rows` on the slot grid (HTML table rules: a cell takes the next free slot of its row). */
export function placeCells(rows: readonly GridRow[]): { cells: PlacedCell[]; columns: number } {
  const taken: boolean[][] = rows.map(() => []);
  const cells: PlacedCell[] = [];
  let columns = 0;
  rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row) {
      while (taken[r]![col]) col++;
      const rowspan = Math.max(1, Math.min(cell.rowspan ?? 1, rows.length - r));
      const colspan = Math.max(1, cell.colspan ?? 1);
      for (let i = r; i < r + rowspan; i++) for (let j = col; j < col + colspan; j++) taken[i]![j] = true;
      cells.push({ cell, row: r, col, rowspan, colspan });
      col += colspan;
      columns = Math.max(columns, col);
    }
  });
  return { cells, columns };
}

/** Height of `text` set in a box `width` wide. */
export type MeasureText = (text: string, width: number) => number;

/** Spacing of a table, in points. */
export interface CellSpacing {
  padX: number;
  padY: number;
  minRowHeight: number;
}

/** Left edge of every column (and the right edge of the last) from the column widths. */
export function columnEdges(widths: readonly number[], x0: number): number[] {
  const edges = [x0];
  for (const w of widths) edges.push(edges[edges.length - 1]! + w);
  return edges;
}

/**
 * Row heights: the tallest single-row cell of each row; then every merged cell that needs more
 * room than its rows give gets the difference spread over its rows (smaller spans first).
 */
export function rowHeights(cells: readonly PlacedCell[], rowCount: number, widths: readonly number[], measure: MeasureText, s: CellSpacing): number[] {
  const edges = columnEdges(widths, 0);
  const need = (c: PlacedCell) => measure(c.cell.text, edges[c.col + c.colspan]! - edges[c.col]! - 2 * s.padX) + 2 * s.padY;
  const heights = new Array<number>(rowCount).fill(s.minRowHeight);
  for (const c of cells) if (c.rowspan === 1) heights[c.row] = Math.max(heights[c.row]!, need(c));
  for (const c of [...cells].filter((x) => x.rowspan > 1).sort((a, b) => a.rowspan - b.rowspan)) {
    const have = heights.slice(c.row, c.row + c.rowspan).reduce((a, b) => a + b, 0);
    const missing = need(c) - have;
    if (missing > 0) for (let r = c.row; r < c.row + c.rowspan; r++) heights[r]! += missing / c.rowspan;
  }
  return heights;
}

/**
 * Consecutive row ranges [start, end) that must stay on one page: rows joined by a merged cell,
 * and a row marked keep-with-next with the row after it.
 */
export function rowGroups(cells: readonly PlacedCell[], rowCount: number, keepWithNext: ReadonlySet<number> = new Set()): Array<[number, number]> {
  const reach = new Array<number>(rowCount).fill(0).map((_, r) => r + 1);
  for (const c of cells) reach[c.row] = Math.max(reach[c.row]!, c.row + c.rowspan);
  for (const r of keepWithNext) if (r + 1 < rowCount) reach[r] = Math.max(reach[r]!, r + 2);
  const groups: Array<[number, number]> = [];
  let start = 0;
  let end = 0;
  for (let r = 0; r < rowCount; r++) {
    end = Math.max(end, reach[r]!);
    if (r + 1 === end) {
      groups.push([start, end]);
      start = end;
    }
  }
  return groups;
}

/** One part of a table on one page: the rows drawn there, top to bottom, with their tops. */
export interface TableSegment {
  /** Pages after the one the table starts on (0: that page). */
  page: number;
  rows: Array<{ row: number; y: number }>;
}

/** Where a table goes on the page. */
export interface PageFrame {
  /** Top of the table on the current page. */
  startY: number;
  /** Top of the content area of a page. */
  pageTop: number;
  /** Bottom of the content area of a page. */
  pageBottom: number;
}

/** Splits the rows of a table over pages; see the file comment for the rules. */
export function paginateRows(heights: readonly number[], groups: ReadonlyArray<[number, number]>, headerRows: number, frame: PageFrame): TableSegment[] {
  const { pageTop, pageBottom } = frame;
  const sum = (from: number, to: number) => heights.slice(from, to).reduce((a, b) => a + b, 0);
  // The header rows go with the first group after them.
  const units: Array<[number, number]> = [];
  for (const [from, to] of groups) {
    const last = units[units.length - 1];
    if (last && last[1] <= headerRows) last[1] = to;
    else units.push([from, to]);
  }
  let y = frame.startY;
  const segments: TableSegment[] = [{ page: 0, rows: [] }];
  const current = () => segments[segments.length - 1]!;
  const place = (r: number) => {
    current().rows.push({ row: r, y });
    y += heights[r]!;
  };
  const breakPage = (repeatHeader: boolean) => {
    segments.push({ page: current().page + 1, rows: [] });
    y = pageTop;
    if (repeatHeader) for (let r = 0; r < headerRows; r++) place(r);
  };
  const hasBody = () => current().rows.some((x) => x.row >= headerRows);
  // Nothing but (repeated) header rows on this page yet: moving on would not win any room.
  const fresh = () => !hasBody() && (current().page > 0 || frame.startY <= pageTop + 0.5);
  units.forEach(([from, to], i) => {
    const height = sum(from, to);
    if (y + height > pageBottom && !fresh()) breakPage(i > 0);
    if (y + height <= pageBottom) {
      for (let r = from; r < to; r++) place(r);
      return;
    }
    // Taller than a page: cut between rows; the header rows are repeated on each new page.
    for (let r = from; r < to; r++) {
      if (r >= headerRows && y + heights[r]! > pageBottom && hasBody()) breakPage(true);
      place(r);
    }
  });
  return segments.filter((s) => s.rows.length > 0);
}
