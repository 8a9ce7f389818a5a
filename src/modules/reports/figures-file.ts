/**
 * The yearly figures of table 二 (行政许可, 行政处罚, 行政强制, 行政事业性收费) as a file: the
 * XLSX template (one row per figure: 项目, 数值) and reading a filled-in file back — the
 * template layout, or one header row with the four names and one row of values — from XLSX or
 * CSV (UTF-8 or GBK), the type decided by the content. Every problem is reported in Chinese
 * with its row and cell; the caller writes nothing unless there are none. No database access.
 */
import ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import { parseCsv } from '../privacy/index.ts';
import { decodeBytes } from './parse/decode.ts';

/** The four figures in template order, with the names used in the report. */
export const FIGURE_ROWS = [
  { key: 'licensing', name: '行政许可（本年处理决定数量）', words: /许可/ },
  { key: 'penalties', name: '行政处罚（本年处理决定数量）', words: /处罚/ },
  { key: 'enforcement', name: '行政强制（本年处理决定数量）', words: /强制/ },
  { key: 'feesWan', name: '行政事业性收费（本年收费金额，万元）', words: /收费/ },
] as const;

/** A figure's key. */
export type FigureKey = (typeof FIGURE_ROWS)[number]['key'];

/** The four figures as read. */
export type FigureValues = Record<FigureKey, number>;

/** Largest file accepted. */
export const MAX_FIGURES_FILE_BYTES = 1024 * 1024;

/** The template workbook, pre-filled with `values` when given. */
export async function buildFiguresTemplate(title: string, values?: Partial<FigureValues>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet('年度数据');
  ws.addRow(['项目', '数值']);
  ws.getRow(1).font = { bold: true };
  for (const f of FIGURE_ROWS) ws.addRow([f.name, values?.[f.key] ?? null]);
  ws.addRow([]);
  ws.addRow([`说明：${title}。在“数值”列填写本年度数字（件数为整数，收费金额以万元为单位，最多 4 位小数），不要改动“项目”列。`]);
  ws.getColumn(1).width = 40;
  ws.getColumn(2).width = 14;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A sheet as text cells, rows and columns 0-based. */
type Grid = string[][];

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v).trim();
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
  }
  return '';
}

/** Thrown for a file that is neither XLSX nor CSV, or cannot be opened. */
export class FiguresFileError extends Error {
  constructor(
    message: string,
    readonly unsupported: boolean,
  ) {
    super(message);
  }
}

async function readGrid(data: Buffer): Promise<Grid> {
  if (data.length === 0) throw new FiguresFileError('文件为空', false);
  const type = await fileTypeFromBuffer(data);
  if (type?.ext === 'xlsx' || type?.ext === 'zip') {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(data as unknown as ArrayBuffer);
    } catch {
      throw new FiguresFileError('文件无法作为 XLSX 工作簿读取，可能已损坏', false);
    }
    const ws = wb.worksheets.find((w) => w.actualRowCount > 0);
    if (!ws) throw new FiguresFileError('工作簿中没有内容', false);
    const grid: Grid = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => (cells[c - 1] = cellText(cell.value)));
      grid[r - 1] = Array.from(cells, (x) => x ?? '');
    });
    return Array.from(grid, (r) => r ?? []);
  }
  if (type || data.subarray(0, 4096).includes(0)) {
    const what = type ? `${type.ext.toUpperCase()}（${type.mime}）` : '二进制文件';
    throw new FiguresFileError(`文件内容是${what}，请上传 XLSX 或 CSV 文件`, true);
  }
  return parseCsv(decodeBytes(data)).map((r) => r.map((c) => c.trim()));
}

/** Column letters of a 0-based index (A … Z, AA …). */
function columnLetter(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function where(r: number, c: number): string {
  return `第${r + 1}行 ${columnLetter(c)}${r + 1} 单元格`;
}

function figureOf(label: string): FigureKey | null {
  const t = label.normalize('NFKC').replace(/\s+/g, '');
  if (!t) return null;
  return FIGURE_ROWS.find((f) => f.words.test(t))?.key ?? null;
}

function nameOf(key: FigureKey): string {
  return FIGURE_ROWS.find((f) => f.key === key)!.name;
}

/** Checks one value: counts are non-negative integers, 收费 a non-negative number with ≤ 4 decimals. */
function readValue(key: FigureKey, raw: string, at: string, errors: string[]): number | null {
  const text = raw.normalize('NFKC').replace(/[,，\s]/g, '').replace(/(件|万元|元)$/, '');
  if (text === '') {
    errors.push(`${at}：「${nameOf(key)}」没有填写数值（没有发生请填 0）`);
    return null;
  }
  if (!/^\d+(\.\d+)?$/.test(text)) {
    errors.push(`${at}：「${raw}」不是数字（${nameOf(key)}）`);
    return null;
  }
  const v = Number(text);
  if (key === 'feesWan') {
    if (!/^\d+(\.\d{1,4})?$/.test(text) || v > 1e9) {
      errors.push(`${at}：收费金额「${raw}」最多 4 位小数、以万元为单位`);
      return null;
    }
  } else if (!Number.isInteger(v) || v > 1e9) {
    errors.push(`${at}：「${raw}」须为整数件数（${nameOf(key)}）`);
    return null;
  }
  return v;
}

/**
 * Reads the figures from an uploaded file. Returns the four values, or the list of problems
 * (each naming its row and cell). Throws {@link FiguresFileError} for a file of another type.
 */
export async function parseFiguresFile(data: Buffer): Promise<{ values: FigureValues | null; errors: string[] }> {
  const errors: string[] = [];
  const found = new Map<FigureKey, number | null>();
  const nonEmpty = (await readGrid(data)).map((row, r) => ({ r, row })).filter(({ row }) => row.some((c) => c !== ''));
  if (nonEmpty.length === 0) return { values: null, errors: ['文件中没有内容'] };

  // Layout B: a header row naming the figures across columns, and the row of values under it.
  const first = nonEmpty[0]!;
  const headerKeys = first.row.map(figureOf);
  const isRowLayout = headerKeys.filter((k) => k !== null).length >= 2;
  if (isRowLayout) {
    const values = nonEmpty[1];
    if (!values) errors.push(`第${first.r + 2}行：表头下面没有数值行`);
    if (nonEmpty.length > 2) errors.push(`第${nonEmpty[2]!.r + 1}行：只能有一行数值（表头下一行）`);
    headerKeys.forEach((key, c) => {
      if (!key) {
        if (first.row[c]) errors.push(`${where(first.r, c)}：无法识别的项目「${first.row[c]}」`);
        return;
      }
      if (found.has(key)) {
        errors.push(`${where(first.r, c)}：「${nameOf(key)}」重复出现`);
        return;
      }
      found.set(key, values ? readValue(key, values.row[c] ?? '', where(values.r, c), errors) : null);
    });
  } else {
    // Layout A (the template): rows of 项目 | 数值, an optional header row 项目/数值, remarks after a 说明.
    for (const { r, row } of nonEmpty) {
      const label = row[0] ?? '';
      if (/^项目$/.test(label.replace(/\s+/g, '')) || /^说明/.test(label)) continue;
      const key = figureOf(label);
      if (!key) {
        errors.push(`${where(r, 0)}：无法识别的项目「${label || row.find(Boolean) || ''}」，应为 行政许可、行政处罚、行政强制、行政事业性收费 之一`);
        continue;
      }
      if (found.has(key)) {
        errors.push(`${where(r, 0)}：「${nameOf(key)}」重复出现`);
        continue;
      }
      found.set(key, readValue(key, row[1] ?? '', where(r, 1), errors));
    }
  }
  for (const f of FIGURE_ROWS) if (!found.has(f.key)) errors.push(`缺少项目「${f.name}」`);
  if (errors.length) return { values: null, errors };
  return { values: Object.fromEntries(FIGURE_ROWS.map((f) => [f.key, found.get(f.key)!])) as FigureValues, errors: [] };
}
