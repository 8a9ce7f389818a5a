/** Page layout of the grid tables: slot placement, row heights, groups, page breaks (pure). */
import { describe, expect, it } from 'vitest';
import { seedNumbers } from '../fixtures/render.ts';
import { reportGrid } from './grid.ts';
import { paginateRows, placeCells, rowGroups, rowHeights, type TableSegment } from './table-layout.ts';

const rowsOf = (s: TableSegment) => s.rows.map((r) => r.row);

describe('placeCells', () => {
  it('places table 三 on 10 columns with its merged cells where the format has them', () => {
    const { cells, columns } = placeCells(reportGrid(seedNumbers()).section3);
    expect(columns).toBe(10);
    const at = (text: string) => cells.find((c) => c.cell.text === text)!;
    expect(at('申请人情况')).toMatchObject({ row: 0, col: 3, rowspan: 1, colspan: 7 });
    expect(at('自然人')).toMatchObject({ row: 1, col: 3, rowspan: 2, colspan: 1 });
    expect(at('法人或其他组织')).toMatchObject({ row: 1, col: 4, colspan: 5 });
    expect(at('总计')).toMatchObject({ row: 1, col: 9, rowspan: 2 });
    expect(at('商业企业')).toMatchObject({ row: 2, col: 4 });
    expect(at('三、本年度办理结果')).toMatchObject({ row: 5, col: 0, rowspan: 22 });
    // Every slot of every row is covered exactly once.
    const covered = new Map<string, number>();
    for (const c of cells) for (let r = c.row; r < c.row + c.rowspan; r++) for (let k = c.col; k < c.col + c.colspan; k++) covered.set(`${r}.${k}`, (covered.get(`${r}.${k}`) ?? 0) + 1);
    expect(covered.size).toBe(28 * 10);
    expect([...covered.values()].every((n) => n === 1)).toBe(true);
  });

  it('places table 四 on 15 columns', () => {
    expect(placeCells(reportGrid(seedNumbers()).section4).columns).toBe(15);
  });
});

describe('rowHeights and rowGroups', () => {
  const { cells } = placeCells(reportGrid(seedNumbers()).section3);
  // 10 pt a line, 5 characters a 50 pt line.
  const measure = (text: string, width: number) => Math.ceil(text.length / Math.max(1, Math.floor(width / 10))) * 10;

  it('a merged cell that needs more room than its rows grows them', () => {
    const widths = new Array<number>(10).fill(12); // one character a line: 三、本年度办理结果 needs 9 lines
    const h = rowHeights(cells, 28, widths, measure, { padX: 1, padY: 0, minRowHeight: 1 });
    const rows = h.slice(5, 27).reduce((a, b) => a + b, 0);
    expect(rows).toBeGreaterThanOrEqual(90);
  });

  it('joins the 22 rows of 三、本年度办理结果 and the header rows into groups', () => {
    const groups = rowGroups(cells, 28);
    expect(groups).toContainEqual([5, 27]);
    expect(groups).toContainEqual([0, 3]);
    expect(groups).toContainEqual([3, 4]);
    expect(rowGroups(cells, 28, new Set([3]))).toContainEqual([3, 5]);
  });
});

describe('paginateRows', () => {
  const heights = new Array<number>(10).fill(10);
  const groups: Array<[number, number]> = [[0, 2], [2, 3], [3, 4], [4, 8], [8, 9], [9, 10]];

  it('keeps the table on the page when it fits', () => {
    const s = paginateRows(heights, groups, 2, { startY: 0, pageTop: 0, pageBottom: 200 });
    expect(s).toHaveLength(1);
    expect(rowsOf(s[0]!)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('moves a group that does not fit to the next page and repeats the header rows there', () => {
    const s = paginateRows(heights, groups, 2, { startY: 0, pageTop: 0, pageBottom: 60 });
    expect(s.map(rowsOf)).toEqual([
      [0, 1, 2, 3],
      [0, 1, 4, 5, 6, 7],
      [0, 1, 8, 9],
    ]);
    expect(s.map((x) => x.page)).toEqual([0, 1, 2]);
    expect(s[1]!.rows.map((r) => r.y)).toEqual([0, 10, 20, 30, 40, 50]);
  });

  it('takes the header with the first rows to the next page when they do not fit under the text', () => {
    const s = paginateRows(heights, groups, 2, { startY: 175, pageTop: 0, pageBottom: 200 });
    expect(s[0]!.page).toBe(1);
    expect(rowsOf(s[0]!)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('cuts a group taller than a page between rows, header repeated', () => {
    const s = paginateRows(heights, [[0, 2], [2, 10]], 2, { startY: 0, pageTop: 0, pageBottom: 50 });
    expect(s.map(rowsOf)).toEqual([
      [0, 1, 2, 3, 4],
      [0, 1, 5, 6, 7],
      [0, 1, 8, 9],
    ]);
  });
});
