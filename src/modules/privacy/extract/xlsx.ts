/**
 * XLSX: reads the SpreadsheetML parts straight from the zip. Every sheet (hidden and very
 * hidden ones included) is scanned as one tab-separated grid, so the header row gives column
 * context (姓名 / 身份证号 / 联系电话); each finding is located by sheet and cell. Numbers are read
 * as the text stored in the file, never through a float: an 18-digit ID that a spreadsheet
 * turned into 1.10101E+17 is reported as a damaged ID (its area code and birth date still
 * leak). Masking rewrites only the cells concerned (shared strings in place, number cells
 * become inline strings with their style kept): sheets, styles, widths, merges stay as they were.
 * Also scanned: comments and notes (legacy and threaded, with their authors), sheet names,
 * document properties (masked in place like cells); each embedded image (xl/media) is a
 * manual-review item. A sheet name cannot be masked (formulas refer to it): a copy that still
 * holds a finding there is refused by the re-scan.
 */
import JSZip from 'jszip';
import { defaultMaskPolicy, maskValue, type MaskPolicy } from '../masking.ts';
import type { Finding } from '../types.ts';
import path from 'node:path';
import { gridSegment, scientific, type DamagedId, type GridCell } from './grid.ts';
import { embeddedImages, readDocProps } from './ooxml-extras.ts';
import type { ManualReviewItem, Piece, Segment } from './segments.ts';
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
  damaged: DamagedId[];
  /** XML parts other than sheets and shared strings whose text nodes are editable (comments, docProps). */
  xmlParts: Map<string, string>;
  /** Text nodes of those parts; node index = {@link xmlNodeBase} + position. */
  xmlNodes: Array<{ part: string; start: number; end: number }>;
  /** Embedded images nobody can read automatically. */
  manualReview: ManualReviewItem[];
}

/** Node indices from here on are text nodes of `xmlNodes`, not cells. */
export const xmlNodeBase = 0x40000000;

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
  const model: XlsxModel = {
    zip,
    sheets,
    sheetXml: new Map(),
    sharedXml,
    shared: sharedXml ? readShared(sharedXml) : [],
    cells: [],
    segments: [],
    damaged: [],
    xmlParts: new Map(),
    xmlNodes: [],
    manualReview: embeddedImages(zip, 'xl/media/'),
  };
  for (const sheet of sheets) {
    const xml = await zip.file(sheet.path)!.async('string');
    model.sheetXml.set(sheet.path, xml);
    readSheet(model, sheet, xml);
  }
  const addNode = (part: string, start: number, end: number) => xmlNodeBase + model.xmlNodes.push({ part, start, end }) - 1;
  for (const sheet of sheets) await readComments(model, sheet, addNode);
  await readPersons(model);
  model.segments.push(sheetNames(sheets));
  const props = await readDocProps(zip, model.xmlParts, addNode);
  if (props) model.segments.push(props);
  return model;
}

type AddNode = (part: string, start: number, end: number) => number;

/** The parts a sheet's relationships point to, by relationship type suffix. */
async function sheetRelations(zip: JSZip, sheetPath: string, typeSuffix: string): Promise<string[]> {
  const dir = path.posix.dirname(sheetPath);
  const rels = zip.file(`${dir}/_rels/${path.posix.basename(sheetPath)}.rels`);
  if (!rels) return [];
  const out: string[] = [];
  forEachTag(await rels.async('string'), (t) => {
    if (!t.name.endsWith('Relationship') || t.closing) return;
    const target = attr(t.attrs, 'Target');
    if (!target || !(attr(t.attrs, 'Type') ?? '').endsWith(typeSuffix) || attr(t.attrs, 'TargetMode') === 'External') return;
    out.push(target.startsWith('/') ? target.slice(1) : path.posix.normalize(`${dir}/${target}`));
  });
  return out;
}

/**
 * Notes (legacy comments: authors, then each comment's runs) and threaded comments of a sheet,
 * one segment per part; each text located by sheet and cell with part `comments` (批注).
 */
async function readComments(model: XlsxModel, sheet: XlsxSheet, addNode: AddNode): Promise<void> {
  const parts = [...(await sheetRelations(model.zip, sheet.path, '/comments')), ...(await sheetRelations(model.zip, sheet.path, '/threadedComment'))];
  for (const part of parts) {
    const file = model.zip.file(part);
    if (!file || model.xmlParts.has(part)) continue;
    const xml = await file.async('string');
    model.xmlParts.set(part, xml);
    const pieces: Piece[] = [];
    const line = () => {
      if (pieces.length && pieces.at(-1)!.text !== '\n') pieces.push({ text: '\n' });
    };
    let ref = '';
    let open = -1;
    let inPhonetic = false;
    forEachTag(xml, (t) => {
      const name = t.name.replace(/^\w+:/, '');
      if ((name === 'comment' || name === 'threadedComment') && !t.closing) {
        ref = attr(t.attrs, 'ref') ?? '';
        line();
      } else if (name === 'rPh') inPhonetic = !t.closing && !t.selfClosing;
      else if ((name === 'author' || name === 't' || (name === 'text' && part.includes('threadedComment'))) && !t.selfClosing && !inPhonetic) {
        if (!t.closing) open = t.end;
        else if (open >= 0) {
          const text = decodeEntities(xml.slice(open, t.start)).replace(/[\t\r\n]+/g, ' ');
          if (name === 'author') {
            line();
            pieces.push({ text: '姓名（批注作者）：' });
            pieces.push({ text, node: addNode(part, open, t.start), location: { sheet: sheet.name, part: 'comments' } });
          } else pieces.push({ text, node: addNode(part, open, t.start), location: { sheet: sheet.name, ...(ref ? { cell: ref } : {}), part: 'comments' } });
          open = -1;
        }
      }
    });
    if (pieces.length) model.segments.push({ location: { sheet: sheet.name, part: 'comments' }, pieces });
  }
}

/** Threaded comments' people (xl/persons/person.xml): display names, read only. */
async function readPersons(model: XlsxModel): Promise<void> {
  const file = model.zip.file('xl/persons/person.xml');
  if (!file) return;
  const pieces: Piece[] = [];
  forEachTag(await file.async('string'), (t) => {
    const name = attr(t.attrs, 'displayName');
    if (t.name.replace(/^\w+:/, '') !== 'person' || t.closing || !name) return;
    if (pieces.length) pieces.push({ text: '\n' });
    pieces.push({ text: '姓名（批注人）：' }, { text: name.replace(/[\t\r\n]+/g, ' '), location: { part: 'comments' } });
  });
  if (pieces.length) model.segments.push({ location: { part: 'comments' }, pieces });
}

/** Sheet names, one per line: scanned, not editable (formulas and defined names refer to them). */
export function sheetNames(sheets: ReadonlyArray<{ name: string }>): Segment {
  const pieces: Piece[] = [];
  for (const s of sheets) {
    if (pieces.length) pieces.push({ text: '\n' });
    pieces.push({ text: '工作表名称：' }, { text: s.name.replace(/[\t\r\n]+/g, ' '), location: { sheet: s.name, part: '工作表名称' } });
  }
  return { location: { part: '工作表名称' }, pieces };
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

function readSheet(model: XlsxModel, sheet: XlsxSheet, xml: string): void {
  const grid: GridCell[] = [];
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
      const node = model.cells.push(c) - 1;
      grid.push({ row: Number(/\d+$/.exec(c.ref)?.[0] ?? 0), col: columnIndex(c.ref), ref: c.ref, text: c.text, node, ...(c.type === 'n' ? { number: Number(c.raw) } : {}) });
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
  const built = gridSegment(sheet.name, grid, model.segments.length);
  model.segments.push(built.segment);
  model.damaged.push(...built.damaged);
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
  const byPart = new Map<string, Replacement[]>();
  for (const [node, text] of cellTexts) {
    if (node >= xmlNodeBase) {
      const x = model.xmlNodes[node - xmlNodeBase]!;
      byPart.set(x.part, [...(byPart.get(x.part) ?? []), { start: x.start, end: x.end, text: escapeText(text) }]);
      continue;
    }
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
  for (const [part, reps] of byPart) model.zip.file(part, applyReplacements(model.xmlParts.get(part)!, reps), { createFolders: false });
  if (sharedTexts.size && model.sharedXml) {
    const reps: Replacement[] = [...sharedTexts].map(([i, text]) => {
      const si = model.shared[i]!;
      return { start: si.start, end: si.end, text: `<si><t xml:space="preserve">${escapeText(text)}</t></si>` };
    });
    model.zip.file(sstPath, applyReplacements(model.sharedXml, reps), { createFolders: false });
  }
  return model.zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
