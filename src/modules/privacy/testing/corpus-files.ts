/**
 * Renders the labelled documents of `documents.ts` as real files — TXT, DOCX (docx package),
 * XLSX (exceljs), PDF (pdfkit through lib/pdf-writer, with a text layer) — and labels each
 * file in the text its extractor gives back (the text the scanner sees). Labels are placed by
 * alignment: every mark is looked for, in reading order, in the extracted text with whitespace
 * ignored and full-width forms folded (the extractors turn a line break inside a cell into a
 * space, and pdf.js lays text out its own way). A mark the extractor lost is kept as `lost` and
 * counts as missed. Deterministic: the same documents give the same bytes apart from the
 * metadata dates the libraries stamp (never part of the extracted text). Test-only.
 */
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { A4, PDF_FONTS, createPdf, finishPdf, type PdfDoc } from '../../../lib/pdf-writer.ts';
import { readDocx } from '../extract/docx.ts';
import { extractPdf } from '../extract/pdf.ts';
import { segmentText, type Segment } from '../extract/segments.ts';
import { extractPlainText } from '../extract/text.ts';
import { readXlsx } from '../extract/xlsx.ts';
import type { FindingLocation, FindingType } from '../types.ts';
import { Rng, docMarks, type Block, type CorpusDoc, type Inline, type Mark } from './documents.ts';

export type CorpusFormat = 'txt' | 'docx' | 'xlsx' | 'pdf';
export const corpusFormats: readonly CorpusFormat[] = ['txt', 'docx', 'xlsx', 'pdf'];

/** A label in a file's extracted text. */
export interface FileLabel {
  type: FindingType;
  start: number;
  end: number;
  expectHigh: boolean;
  form: string;
  /** The extractor gave back no text for it (counted as missed). */
  lost?: boolean;
}

/** One segment of the extracted text, at `start` in the joined text. */
export interface ExtractedSegment {
  start: number;
  text: string;
  location: FindingLocation;
  pieces: { start: number; text: string; location?: FindingLocation }[];
}

/** The text the scanner sees in a file: its segments joined by line breaks. */
export interface ExtractedText {
  text: string;
  segments: ExtractedSegment[];
}

/** A rendered, labelled file. */
export interface LabelledFile {
  doc: CorpusDoc;
  format: CorpusFormat;
  filename: string;
  bytes: Buffer;
  extracted: ExtractedText;
  labels: FileLabel[];
}

const inlineText = (content: readonly Inline[]): string => content.map((x) => (typeof x === 'string' ? x : x.text)).join('');

/** How Excel shows a number of 18 or more digits in a General cell (what the XLSX extractor reads). */
function scientific(v: number): string {
  return v.toExponential(5).replace(/\.?0+e/, 'E').replace('e', 'E').replace(/E\+?(\d+)$/, 'E+$1');
}

/** The trap a mark stands for in a format (a damaged number only exists in a spreadsheet). */
export function formIn(mark: Mark, format: CorpusFormat): string {
  if (mark.damagedNumber !== undefined && format !== 'xlsx') return 'plain';
  return mark.form;
}

// ----- TXT -----

export function renderTxt(doc: CorpusDoc): Buffer {
  const lines = [doc.title];
  for (const b of doc.blocks) {
    if (b.kind === 'para') lines.push(inlineText(b.content));
    else for (const row of b.rows) lines.push(row.map(inlineText).join('\t'));
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

// ----- DOCX -----

/** Runs of a cell or paragraph; some marks split over two runs as Word does, a line break as <w:br/>. */
function runs(content: readonly Inline[], r: Rng): TextRun[] {
  const out: TextRun[] = [];
  for (const x of content) {
    if (typeof x === 'string') {
      if (x) out.push(new TextRun(x));
      continue;
    }
    const [first, ...rest] = x.text.split('\n');
    if (r.chance(0.2) && first!.length > 4) {
      const at = r.int(1, first!.length - 1);
      out.push(new TextRun(first!.slice(0, at)), new TextRun({ text: first!.slice(at), bold: r.chance(0.5) }));
    } else out.push(new TextRun(first!));
    for (const part of rest) out.push(new TextRun({ text: part, break: 1 }));
  }
  return out;
}

export async function renderDocx(doc: CorpusDoc, seed: number): Promise<Buffer> {
  const r = new Rng(seed);
  const children: (Paragraph | Table)[] = [new Paragraph({ children: [new TextRun({ text: doc.title, bold: true })] })];
  for (const b of doc.blocks) {
    if (b.kind === 'para') children.push(new Paragraph({ children: runs(b.content, r) }));
    else {
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: b.rows.map((row) => new TableRow({ children: row.map((c) => new TableCell({ children: [new Paragraph({ children: runs(c, r) })] })) })),
        }),
      );
    }
  }
  const file = new Document({ creator: '曲尺乡人民政府', sections: [{ children }] });
  return Packer.toBuffer(file);
}

// ----- XLSX -----

export async function renderXlsx(doc: CorpusDoc, seed: number): Promise<Buffer> {
  const r = new Rng(seed);
  const wb = new ExcelJS.Workbook();
  wb.creator = '曲尺乡人民政府';
  wb.created = new Date('2025-03-12T00:00:00Z');
  wb.modified = wb.created;
  const ws = wb.addWorksheet(doc.genre.replace(/[（）]/g, '').slice(0, 20));
  ws.addRow([doc.title]).font = { bold: true };
  for (const b of doc.blocks) {
    if (b.kind === 'para') {
      ws.addRow([inlineText(b.content)]);
      continue;
    }
    b.rows.forEach((row, i) => {
      const values = row.map((c): string | number => {
        const mark = c.length === 1 && typeof c[0] !== 'string' ? c[0] : undefined;
        if (mark?.damagedNumber !== undefined) return mark.damagedNumber;
        // A spreadsheet keeps a plain mobile number as a number more often than not.
        if (mark?.type === 'mobile' && /^\d{11}$/.test(mark.text) && r.chance(0.3)) return Number(mark.text);
        const text = inlineText(c);
        return i > 0 && !mark && /^\d{1,9}(\.\d+)?$/.test(text) ? Number(text) : text;
      });
      const added = ws.addRow(values);
      if (i === 0) added.font = { bold: true };
      row.forEach((c, k) => {
        if (inlineText(c).includes('\n')) added.getCell(k + 1).alignment = { wrapText: true };
      });
    });
  }
  ws.columns.forEach((col) => (col.width = 20));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ----- PDF -----

const margin = 40;
const pageWidth = A4.height - 2 * margin;
const pageBottom = A4.width - margin;

/** Where the next line goes; opens a page when `h` points do not fit. */
interface PdfCursor {
  y: number;
}

function room(pdf: PdfDoc, at: PdfCursor, h: number): void {
  if (at.y + h > pageBottom) {
    pdf.addPage();
    at.y = margin;
  }
}

export async function renderPdf(doc: CorpusDoc): Promise<Buffer> {
  const pdf = createPdf({ title: doc.title, layout: 'landscape', margins: { top: margin, bottom: margin, left: margin, right: margin } });
  const at: PdfCursor = { y: margin };
  pdf.font(PDF_FONTS.bold).fontSize(14).text(doc.title, margin, at.y, { width: pageWidth, align: 'center' });
  at.y = pdf.y + 8;
  pdf.font(PDF_FONTS.body);
  for (const b of doc.blocks) {
    if (b.kind === 'para') {
      pdf.fontSize(10);
      const text = inlineText(b.content);
      room(pdf, at, pdf.heightOfString(text, { width: pageWidth }));
      pdf.text(text, margin, at.y, { width: pageWidth });
      at.y = pdf.y + 4;
    } else pdfTable(pdf, b, at);
  }
  return finishPdf(pdf);
}

/** Draws a table cell by cell, a wrapped cell as two lines, in the widest font that fits. */
function pdfTable(pdf: PdfDoc, b: Extract<Block, { kind: 'table' }>, at: PdfCursor): void {
  const cells = b.rows.map((row) => row.map((c) => inlineText(c).split('\n')));
  let size = 9;
  let widths: number[] = [];
  for (; size >= 5; size -= 0.5) {
    pdf.fontSize(size);
    widths = cells[0]!.map((_, k) => Math.max(...cells.map((row) => Math.max(...(row[k] ?? ['']).map((l) => pdf.widthOfString(l))))) + 10);
    if (widths.reduce((a, w) => a + w, 0) <= pageWidth) break;
  }
  const lineHeight = size * 1.5;
  for (const row of cells) {
    const h = Math.max(...row.map((lines) => lines.length)) * lineHeight + 2;
    room(pdf, at, h);
    let x = margin;
    row.forEach((lines, k) => {
      lines.forEach((line, i) => pdf.text(line, x, at.y + i * lineHeight, { lineBreak: false }));
      x += widths[k]!;
    });
    at.y += h;
  }
  at.y += 4;
}

// ----- extraction and labels -----

function toExtracted(segments: readonly Segment[]): ExtractedText {
  const out: ExtractedSegment[] = [];
  let pos = 0;
  for (const seg of segments) {
    let p = 0;
    const pieces = seg.pieces.map((piece) => {
      const start = p;
      p += piece.text.length;
      return { start, text: piece.text, ...(piece.location ? { location: piece.location } : {}) };
    });
    const text = segmentText(seg);
    out.push({ start: pos, text, location: seg.location, pieces });
    pos += text.length + 1;
  }
  return { text: out.map((s) => s.text).join('\n'), segments: out };
}

/** The text the file scanner sees in `bytes`, with its segments (the same extractors it uses). */
export async function extractForEvaluation(format: CorpusFormat, bytes: Buffer): Promise<ExtractedText> {
  switch (format) {
    case 'txt':
      return toExtracted(extractPlainText(bytes.toString('utf8')));
    case 'docx':
      return toExtracted((await readDocx(bytes)).segments);
    case 'xlsx':
      return toExtracted((await readXlsx(bytes)).segments);
    case 'pdf':
      return toExtracted((await extractPdf(bytes)).segments);
  }
}

/** Folds for alignment: full-width ASCII → ASCII (one unit for one); whitespace is skipped by the caller. */
const fold = (c: number): number => (c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c);
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000 || c === 0xa0;

/** Extracted text without whitespace, folded, with each unit's offset in the original. */
function compact(text: string): { s: string; at: number[] } {
  let s = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    s += String.fromCharCode(fold(c));
    at.push(i);
  }
  return { s, at };
}

/** Places every mark of `doc` in the extracted text, in reading order. */
export function alignLabels(doc: CorpusDoc, format: CorpusFormat, extracted: ExtractedText): FileLabel[] {
  const { s, at } = compact(extracted.text);
  let cursor = 0;
  return docMarks(doc).map((m) => {
    const written = format === 'xlsx' && m.damagedNumber !== undefined ? scientific(m.damagedNumber) : m.text;
    const needle = compact(written).s;
    const label = { type: m.type, expectHigh: m.expectHigh && !(format === 'pdf' && m.needsColumn), form: formIn(m, format) };
    const i = s.indexOf(needle, cursor);
    if (i === -1 || !needle) return { ...label, start: 0, end: 0, lost: true };
    cursor = i + needle.length;
    return { ...label, start: at[i]!, end: at[i + needle.length - 1]! + 1 };
  });
}

/** Renders `doc` in `format`, extracts it and labels it. */
export async function buildLabelledFile(doc: CorpusDoc, format: CorpusFormat, seed: number): Promise<LabelledFile> {
  const bytes = format === 'txt' ? renderTxt(doc) : format === 'docx' ? await renderDocx(doc, seed) : format === 'xlsx' ? await renderXlsx(doc, seed) : await renderPdf(doc);
  const extracted = await extractForEvaluation(format, bytes);
  return { doc, format, filename: `${doc.name}.${format}`, bytes, extracted, labels: alignLabels(doc, format, extracted) };
}
