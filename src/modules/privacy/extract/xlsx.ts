/**
 * XLSX: reads the SpreadsheetML parts straight from the zip. Every sheet (hidden and very
 * hidden ones included) is scanned as one tab-separated grid, so the header row gives column
 * context (姓名 / 身份证号 / 联系电话); each finding is located by sheet and cell. Numbers are read
 * as the text stored in the file, never through a float: an 18-digit ID that a spreadsheet
 * turned into 1.10101E+17 is reported as a damaged ID (its area code and birth date still
 * leak). Masking rewrites only the cells concerned (shared strings in place, number cells
 * become inline strings with their style kept): sheets, styles, widths, merges stay as they were.
 */
import JSZip from 'jszip';
import { defaultMaskPolicy, maskValue, type MaskPolicy } from '../masking.ts';
import type { Finding } from '../types.ts';
import type { Piece, Segment } from './segments.ts';
import { applyReplacements, attr, decodeEntities, escapeText, forEachTag, type Replacement } from './xml.ts';

/** A cell that holds text or a number. */
interface XlsxCell {
  sheetPath: string;
  ref: string;
  /** Offsets of the whole `<c …>…</c>` element in the sheet XML. */
  start: number;
  end: number;
  /** Raw attribute text of `<c>`. */
  attrs: string;
  /** Shared string index (t="s"). */
  shared?: number;
  /** Cell kind: s (shared), inlineStr, str (formula text), n (number), b, e, d. */
  type: string;
  /** Value as it appears to a reader (a number as stored, ≥ 1e17 as Excel shows it). */
  text: string;
  /** Raw `<v>` of a number cell. */
  raw?: string;
}

/** One worksheet. */
export interface XlsxSheet {
  name: string;
  path: string;
  hidden: boolean;
}

/** An opened XLSX. */
export interface XlsxModel {
  zip: JSZip;
  sheets: XlsxSheet[];
  sheetXml: Map<string, string>;
  sharedXml: string | null;
  /** Text and `<si>` offsets of each shared string. */
  shared: Array<{ text: string; start: number; end: number }>;
  /** Node index → cell. */
  cells: XlsxCell[];
  segments: Segment[];
  /** Damaged ID numbers (number cells ≥ 1e17), found by reading, not by the text detectors. */
  damaged: Array<{ segment: number; node: number; finding: Finding }>;
}

const sstPath = 'xl/sharedStrings.xml';

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return `xl/${target}`.replace(/\/\.\//g, '/');
}

/** Opens an XLSX (throws when it is not a readable workbook). */
export async function readXlsx(data: Buffer): Promise<XlsxModel> {
  const zip = await JSZip.loadAsync(data);
  const wbFile = zip.file('xl/workbook.xml');
  const relsFile = zip.file('xl/_rels/workbook.xml.rels');
  if (!wbFile || !relsFile) throw new Error('XLSX 缺少 xl/workbook.xml');
  const rels = new Map<string, string>();
  forEachTag(await relsFile.async('string'), (t) => {
    if (t.name.endsWith('Relationship') && !t.closing) {
      const id = attr(t.attrs, 'Id');
      const target = attr(t.attrs, 'Target');
      if (id && target) rels.set(id, resolveTarget(target));
    }
  });
  const sheets: XlsxSheet[] = [];
  forEachTag(await wbFile.async('string'), (t) => {
    if (t.name.replace(/^\w+:/, '') !== 'sheet' || t.closing) return;
    const rid = /\br:id\s*=\s*"([^"]*)"/.exec(t.attrs)?.[1] ?? /:id\s*=\s*"([^"]*)"/.exec(t.attrs)?.[1];
    const path = rid ? rels.get(rid) : undefined;
    if (path && zip.file(path)) sheets.push({ name: attr(t.attrs, 'name') ?? path, path, hidden: /state\s*=\s*"(hidden|veryHidden)"/.test(t.attrs) });
  });
  const sharedXml = zip.file(sstPath) ? await zip.file(sstPath)!.async('string') : null;
  const model: XlsxModel = { zip, sheets, sheetXml: new Map(), sharedXml, shared: sharedXml ? readShared(sharedXml) : [], cells: [], segments: [], damaged: [] };
  for (const sheet of sheets) {
    const xml = await zip.file(sheet.path)!.async('string');
    model.sheetXml.set(sheet.path, xml);
    readSheet(model, sheet, xml);
  }
  return model;
}

/** Shared strings: the text of each `<si>` (phonetic `<rPh>` runs left out). */
function readShared(xml: string): XlsxModel['shared'] {
  const out: XlsxModel['shared'] = [];
  let si = -1;
  let text = '';
  let tStart = -1;
  let inPhonetic = false;
  forEachTag(xml, (t) => {
    if (t.name === 'si') {
      if (t.selfClosing) out.push({ text: '', start: t.start, end: t.end });
      else if (!t.closing) {
        si = t.start;
        text = '';
      } else if (si >= 0) {
        out.push({ text, start: si, end: t.end });
        si = -1;
      }
    } else if (t.name === 'rPh') inPhonetic = !t.closing && !t.selfClosing;
    else if (t.name === 't' && !inPhonetic && !t.selfClosing) {
      if (!t.closing) tStart = t.end;
      else if (tStart >= 0) {
        text += decodeEntities(xml.slice(tStart, t.start));
        tStart = -1;
      }
    }
  });
  return out;
}

/** Column letters → 0-based index. */
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(ref)?.[0] ?? 'A') n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/** How Excel shows a number of 18 or more digits in a General cell. */
function scientific(v: number): string {
  return v.toExponential(5).replace(/\.?0+e/, 'E').replace('e', 'E').replace(/E\+?(\d+)$/, 'E+$1');
}

const idHeader = /身份证|公民身份|证件号/;
const provinces = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])/;

function readSheet(model: XlsxModel, sheet: XlsxSheet, xml: string): void {
  const rows = new Map<number, Map<number, number>>();
  let cell: XlsxCell | null = null;
  let vStart = -1;
  let tStart = -1;
  let inline = '';
  let value = '';
  forEachTag(xml, (t) => {
    if (t.name === 'c') {
      if (!t.closing) {
        const ref = attr(t.attrs, 'r') ?? '';
        cell = { sheetPath: sheet.path, ref, start: t.start, end: t.end, attrs: t.attrs, type: attr(t.attrs, 't') ?? 'n', text: '' };
        value = '';
        inline = '';
        if (t.selfClosing) cell = null;
        return;
      }
      const c: XlsxCell | null = cell;
      cell = null;
      if (!c || !c.ref) return;
      c.end = t.end;
      if (c.type === 's') {
        c.shared = Number(value);
        c.text = model.shared[c.shared]?.text ?? '';
      } else if (c.type === 'inlineStr') c.text = inline;
      else if (c.type === 'str' || c.type === 'd') c.text = decodeEntities(value);
      else if (c.type === 'n') {
        c.raw = value.trim();
        const v = Number(c.raw);
        c.text = Number.isFinite(v) && Math.abs(v) >= 1e17 ? scientific(v) : c.raw;
      } else return;
      if (!c.text) return;
      const row = Number(/\d+$/.exec(c.ref)?.[0] ?? 0);
      const cols = rows.get(row) ?? new Map<number, number>();
      cols.set(columnIndex(c.ref), model.cells.push(c) - 1);
      rows.set(row, cols);
      return;
    }
    if (!cell) return;
    if (t.name === 'v' && !t.selfClosing) {
      if (!t.closing) vStart = t.end;
      else if (vStart >= 0) value = xml.slice(vStart, t.start);
    } else if (t.name === 't' && !t.selfClosing) {
      if (!t.closing) tStart = t.end;
      else if (tStart >= 0) inline += decodeEntities(xml.slice(tStart, t.start));
    }
  });
  const pieces: Piece[] = [];
  const segment = model.segments.length;
  const headers = new Map<number, string>();
  const rowNumbers = [...rows.keys()].sort((a, b) => a - b);
  rowNumbers.forEach((r, i) => {
    if (i > 0) pieces.push({ text: '\n' });
    const cols = rows.get(r)!;
    let col = 0;
    for (const c of [...cols.keys()].sort((a, b) => a - b)) {
      // Empty cells keep their column: the detectors find columns by tab position.
      while (col < c) {
        pieces.push({ text: '\t' });
        col++;
      }
      const node = cols.get(c)!;
      const x = model.cells[node]!;
      // A column's header: the first text cell seen in it (a merged title row only covers column A).
      if (!headers.has(c) && x.type !== 'n') headers.set(c, x.text);
      pieces.push({ text: x.text.replace(/[\t\r\n]/g, ' '), node, location: { sheet: sheet.name, cell: x.ref } });
      const damaged = x.type === 'n' ? damagedId(x, headers.get(c) ?? '') : null;
      if (damaged) model.damaged.push({ segment, node, finding: { ...damaged, location: { sheet: sheet.name, cell: x.ref } } });
    }
  });
  model.segments.push({ location: { sheet: sheet.name }, pieces });
}

/**
 * An 18-digit number stored as a number: Excel keeps 15 significant digits, so the ID is
 * destroyed but its area code (and often its birth date) still leak. Reported when the
 * leading digits are a province code: high in an ID column or when a birth date is visible.
 */
function damagedId(c: XlsxCell, header: string): Finding | null {
  const v = Number(c.raw);
  if (!Number.isFinite(v) || v < 1e17 || v >= 1e18) return null;
  const digits = BigInt(Math.round(v)).toString();
  if (!provinces.test(digits)) return null;
  const y = Number(digits.slice(6, 10));
  const m = Number(digits.slice(10, 12));
  const d = Number(digits.slice(12, 14));
  const dated = y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
  const inIdColumn = idHeader.test(header);
  const finding: Finding = {
    type: 'idCard',
    start: 0,
    end: c.text.length,
    text: c.text,
    normalized: digits,
    masked: '',
    confidence: inIdColumn || dated ? 'high' : 'medium',
    reason: '数字被表格软件转换为科学计数法，身份证号已损坏（地区码等仍会泄露，请改为文本格式并核对原始号码）',
    personal: true,
  };
  return finding;
}

/** The masked text of a damaged ID (the digits as stored, masked under the ID rule). */
export function maskDamagedId(f: Finding, policy: MaskPolicy = defaultMaskPolicy): string {
  return maskValue({ type: 'idCard', text: f.normalized, normalized: f.normalized }, policy);
}

/**
 * Writes a copy of the XLSX with the given cells' text replaced. A shared string is masked in
 * place (every cell using it shows the masked text: masking more, never less); when cells
 * sharing a string ask for different texts, the one with more mask characters wins. Number,
 * formula-text and inline cells become inline strings keeping their style (`s`).
 */
export async function writeXlsx(model: XlsxModel, cellTexts: Map<number, string>, maskChar = '*'): Promise<Buffer> {
  const sharedTexts = new Map<number, string>();
  const bySheet = new Map<string, Replacement[]>();
  const count = (s: string) => s.split(maskChar).length - 1;
  for (const [node, text] of cellTexts) {
    const c = model.cells[node]!;
    if (c.type === 's' && c.shared !== undefined) {
      const prev = sharedTexts.get(c.shared);
      if (prev === undefined || count(text) > count(prev)) sharedTexts.set(c.shared, text);
      continue;
    }
    const attrs = c.attrs.replace(/\s*\/\s*$/, '').replace(/\s+t\s*=\s*"[^"]*"/, '');
    const list = bySheet.get(c.sheetPath) ?? [];
    list.push({ start: c.start, end: c.end, text: `<c${attrs} t="inlineStr"><is><t xml:space="preserve">${escapeText(text)}</t></is></c>` });
    bySheet.set(c.sheetPath, list);
  }
  for (const [path, reps] of bySheet) model.zip.file(path, applyReplacements(model.sheetXml.get(path)!, reps), { createFolders: false });
  if (sharedTexts.size && model.sharedXml) {
    const reps: Replacement[] = [...sharedTexts].map(([i, text]) => {
      const si = model.shared[i]!;
      return { start: si.start, end: si.end, text: `<si><t xml:space="preserve">${escapeText(text)}</t></si>` };
    });
    model.zip.file(sstPath, applyReplacements(model.sharedXml, reps), { createFolders: false });
  }
  return model.zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
