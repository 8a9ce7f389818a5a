/**
 * Cell ids of the drill-down API (`s2.regulations.issued`, `s3.granted.0`, `s4.reconsideration.4`
 * …): parsing, the matching cell name of the rules (`二.规章.本年制发件数`), a label for people,
 * and the cell's value in a report. Pure.
 */
import {
  SECTION2_CELLS,
  SECTION3_COLUMNS,
  SECTION3_ROW_KEYS,
  SECTION4_COLUMNS,
  SECTION4_GROUPS,
  section2CountCell,
  section2SingleCell,
  section3Cell,
  section3Row,
  section4Cell,
  type IssuedCounts,
  type ReportNumbers,
  type Section3RowKey,
  type Section4GroupKey,
} from './model.ts';

/** A parsed cell id. */
export type CellRef =
  | { table: 2; item: 'regulations' | 'normativeDocuments'; field: keyof IssuedCounts }
  | { table: 2; item: 'licensing' | 'penalties' | 'enforcement' | 'feesWan' }
  | { table: 3; row: Section3RowKey; column: number }
  | { table: 4; group: Section4GroupKey; column: number };

const countItems = ['regulations', 'normativeDocuments'] as const;
const countFields = ['issued', 'repealed', 'inForce'] as const;
const singleItems = ['licensing', 'penalties', 'enforcement', 'feesWan'] as const;

function index(text: string | undefined, size: number): number | null {
  if (text === undefined || !/^\d$/.test(text)) return null;
  const n = Number(text);
  return n < size ? n : null;
}

/** Parses a cell id; null when it names no cell. */
export function parseCellId(id: string): CellRef | null {
  const [t, a, b, ...rest] = id.split('.');
  if (rest.length) return null;
  if (t === 's2') {
    const item = countItems.find((x) => x === a);
    const field = countFields.find((x) => x === b);
    if (item && field) return { table: 2, item, field };
    const single = singleItems.find((x) => x === a);
    if (single && b === undefined) return { table: 2, item: single };
    return null;
  }
  if (t === 's3') {
    const row = SECTION3_ROW_KEYS.find((k) => k === a);
    const column = index(b, SECTION3_COLUMNS.length);
    return row && column !== null ? { table: 3, row, column } : null;
  }
  if (t === 's4') {
    const group = SECTION4_GROUPS.find((g) => g.key === a)?.key;
    const column = index(b, SECTION4_COLUMNS.length);
    return group && column !== null ? { table: 4, group, column } : null;
  }
  return null;
}

/** The cell name the rules use (`checks[].cells`, `sources`). */
export function cellName(c: CellRef): string {
  if (c.table === 2) return 'field' in c ? section2CountCell(c.item, c.field) : section2SingleCell(c.item);
  if (c.table === 3) return section3Cell(c.row, c.column);
  return section4Cell(c.group, c.column);
}

/** A label for people, e.g. 规章 · 本年制发件数, （一）予以公开 · 自然人, 行政复议 · 结果维持. */
export function cellLabel(c: CellRef): string {
  if (c.table === 2) {
    if ('field' in c) {
      const spec = SECTION2_CELLS[c.item];
      return `${spec.label} · ${spec.columns[c.field]}`;
    }
    const spec = SECTION2_CELLS[c.item];
    return `${spec.label} · ${spec.column}${c.item === 'feesWan' ? '（万元）' : ''}`;
  }
  if (c.table === 3) {
    const spec = section3Row(c.row);
    return `${spec.group ? `${spec.group} ` : ''}${spec.label} · ${SECTION3_COLUMNS[c.column]}`;
  }
  const g = SECTION4_GROUPS.find((x) => x.key === c.group)!;
  const group = c.group === 'reconsideration' ? g.name : `行政诉讼（${g.name}）`;
  return `${group} · ${SECTION4_COLUMNS[c.column]}`;
}

/** The cell's value in `n`. */
export function cellValue(n: ReportNumbers, c: CellRef): number {
  if (c.table === 2) return 'field' in c ? n.section2[c.item][c.field] : n.section2[c.item];
  if (c.table === 3) return n.section3.rows[c.row][c.column] ?? 0;
  return n.section4[c.group][c.column] ?? 0;
}

/** Every cell id of a report, in table order (tests walk them). */
export function allCellIds(): string[] {
  const ids: string[] = [];
  for (const item of countItems) for (const field of countFields) ids.push(`s2.${item}.${field}`);
  for (const item of singleItems) ids.push(`s2.${item}`);
  for (const row of SECTION3_ROW_KEYS) for (let c = 0; c < SECTION3_COLUMNS.length; c++) ids.push(`s3.${row}.${c}`);
  for (const g of SECTION4_GROUPS) for (let c = 0; c < SECTION4_COLUMNS.length; c++) ids.push(`s4.${g.key}.${c}`);
  return ids;
}
