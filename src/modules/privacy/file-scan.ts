/**
 * Files: detect the kind, extract text with locations, scan, and write masked copies. No
 * database; the only I/O is parsing the bytes given. Used by the publication gate, the sweep
 * and the CLI.
 *
 * What can be masked: an HTML body, DOCX and XLSX (in place: same parts, styles, tables and
 * sheets; only the text of the nodes holding findings changes). PDF, images and legacy XLS
 * (nothing here writes BIFF8: the reviewer is asked to save it as XLSX) are refused
 * with a message asking for a clean file (pdf.js reads but cannot write PDFs, and nothing
 * installed can rewrite a content stream; an overlay that leaves the text layer is not a
 * redaction) — except that a PDF with findings is redacted by redact-pdf.ts (its pages with
 * findings become redacted images with a masked invisible text layer) and refused only when
 * that cannot be done safely; plain text and CSV are masked as text. Every masked copy is
 * scanned again; a copy in which a high or medium personal
 * finding remains is refused (fail closed).
 */
import { fileTypeFromBuffer } from 'file-type';
import path from 'node:path';
import { defaultMaskPolicy, type MaskPolicy } from './masking.ts';
import { confidenceRank, type Confidence, type Finding } from './types.ts';
import { readDocx, writeDocx } from './extract/docx.ts';
import { extractPdf } from './extract/pdf.ts';
import { PdfOpenError } from '../../lib/pdf.ts';
import { bySegment, maskSegmentNodes, scanSegments, type ManualReviewItem, type Segment } from './extract/segments.ts';
import { extractCsv, extractHtml, extractPlainText, parseCsv } from './extract/text.ts';
import { applyReplacements, escapeText } from './extract/xml.ts';
import { maskDamagedId, readXlsx, writeXlsx } from './extract/xlsx.ts';
import { PdfRedactionError, redactPdf, type RedactedBox } from './redact-pdf.ts';
import { scanText } from './scan.ts';
import { maskText } from './masking.ts';
import { compoundFileKind, readXls, XlsUnreadableError } from './extract/xls.ts';

/** Kinds of file the scanner reads. */
export type FileKind = 'docx' | 'xlsx' | 'xls' | 'csv' | 'pdf' | 'image' | 'html' | 'text';

/** Result of scanning one file. */
export interface FileScan {
  kind: FileKind;
  /** Findings, each with its location; offsets are within the located text (paragraph, table, sheet, page). */
  findings: Finding[];
  /** Parts nobody could read automatically (scanned pages, images): never reported as clean. */
  manualReview: ManualReviewItem[];
}

/** Options of scanning and masking files. */
export interface FileScanOptions {
  now: Date;
  policy?: MaskPolicy;
}

/** The file cannot be read as the kind it is (damaged, encrypted, unknown format). */
export class UnreadableFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}

/** The file cannot be masked automatically (PDF, image) or a masked copy still holds findings. */
export class MaskRefusedError extends Error {
  readonly reason: 'PDF_NOT_MASKABLE' | 'IMAGE_NOT_MASKABLE' | 'XLS_NOT_MASKABLE' | 'NOT_MASKABLE' | 'FINDINGS_REMAIN';
  constructor(reason: MaskRefusedError['reason'], message: string) {
    super(message);
    this.name = 'MaskRefusedError';
    this.reason = reason;
  }
}

const imageExts = new Set(['png', 'jpg', 'gif', 'webp', 'bmp', 'tif']);

/** The kind of a file from its content (binary formats) or its extension (text formats); null when unsupported. */
export async function detectFileKind(filename: string, data: Buffer): Promise<FileKind | null> {
  const detected = await fileTypeFromBuffer(data);
  const ext = path.extname(filename).slice(1).toLowerCase();
  if (detected) {
    if (detected.ext === 'docx' || detected.ext === 'xlsx' || detected.ext === 'pdf') return detected.ext;
    if (imageExts.has(detected.ext)) return 'image';
    // A compound file is an XLS only when it holds a Workbook stream (not a DOC or PPT).
    if (detected.ext === 'cfb') return compoundFileKind(data) === 'xls' ? 'xls' : null;
    if (detected.ext === 'zip' && (ext === 'docx' || ext === 'xlsx')) return ext;
    return null;
  }
  if (ext === 'csv') return 'csv';
  if (ext === 'html' || ext === 'htm') return 'html';
  if (ext === 'txt' || ext === 'text' || ext === 'md' || ext === '') return 'text';
  return null;
}

/** Bytes → text: UTF-8, else GB18030 (CSV exported by a Chinese spreadsheet). */
export function decodeText(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\ufeff/, '');
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

function scanned(kind: FileKind, segments: Segment[], opts: FileScanOptions, manualReview: ManualReviewItem[] = [], extra: Finding[] = []): FileScan {
  const findings = scanSegments(segments, { now: opts.now, policy: opts.policy ?? defaultMaskPolicy }).map((s) => s.finding);
  return { kind, findings: [...findings, ...extra], manualReview };
}

/** Scans a file of any supported kind. Throws {@link UnreadableFileError}. */
export async function scanFile(filename: string, data: Buffer, opts: FileScanOptions): Promise<FileScan> {
  const kind = await detectFileKind(filename, data);
  if (!kind) {
    if (compoundFileKind(data) === 'encrypted-ooxml') throw new UnreadableFileError(`文件「${filename}」已加密（设置了打开密码），无法自动检查，请取消密码后重新上传`);
    throw new UnreadableFileError(`无法识别文件「${filename}」的格式（支持 DOCX、XLSX、XLS、CSV、PDF、HTML、TXT 及图片）`);
  }
  const policy = opts.policy ?? defaultMaskPolicy;
  try {
    switch (kind) {
      case 'docx': {
        const model = await readDocx(data);
        return scanned(kind, model.segments, opts, model.manualReview);
      }
      case 'xlsx': {
        const model = await readXlsx(data);
        const damaged = model.damaged.map((d) => ({ ...d.finding, masked: maskDamagedId(d.finding, policy) }));
        return scanned(kind, model.segments, opts, model.manualReview, damaged);
      }
      case 'xls': {
        const model = readXls(data);
        const damaged = model.damaged.map((d) => ({ ...d.finding, masked: maskDamagedId(d.finding, policy) }));
        return scanned(kind, model.segments, opts, [], damaged);
      }
      case 'csv':
        return scanned(kind, extractCsv(decodeText(data), path.basename(filename)), opts);
      case 'pdf': {
        const pdf = await extractPdf(data);
        return scanned(kind, pdf.segments, opts, pdf.manualReview);
      }
      case 'image':
        return { kind, findings: [], manualReview: [{ location: {}, reason: '图片中的文字无法自动检查，须人工核对是否含个人信息' }] };
      case 'html':
        return scanned(kind, [extractHtml(decodeText(data)).segment], opts);
      case 'text':
        return scanned(kind, extractPlainText(decodeText(data)), opts);
    }
  } catch (err) {
    if (err instanceof UnreadableFileError) throw err;
    if (err instanceof XlsUnreadableError) throw new UnreadableFileError(`文件「${filename}」无法读取：${err.message}`);
    const what = err instanceof PdfOpenError && err.kind === 'encrypted' ? '已加密' : '已损坏或无法读取';
    throw new UnreadableFileError(`文件「${filename}」${what}`);
  }
}

/** Why an XLS is not masked, and what to do. */
export function xlsNotMaskableMessage(filename: string): string {
  return `旧版 Excel 文件「${filename}」（XLS）无法自动脱敏，请将文件另存为 XLSX 后重新上传`;
}

/** true for findings the gate blocks on before approval: personal and at least medium. */
export function isBlocking(f: Pick<Finding, 'personal' | 'confidence'>, min: Confidence = 'medium'): boolean {
  return f.personal && confidenceRank[f.confidence] >= confidenceRank[min];
}

/** Scans an HTML body; findings are located by paragraph (line of the rendered text). */
export function scanHtml(html: string, opts: FileScanOptions): Finding[] {
  return scanned('html', [extractHtml(html).segment], opts).findings.map((f) => {
    const { line, ...rest } = f.location ?? {};
    return { ...f, location: { ...rest, ...(line !== undefined ? { paragraph: line } : {}) } };
  });
}

/** Result of masking. */
export interface Masked<T> {
  output: T;
  /** Findings that were masked. */
  masked: number;
  /** PDF: pages (1-based) replaced by a redacted image, and the boxes painted on them. */
  redacted?: { pages: number[]; boxes: RedactedBox[] };
}

function toMask(f: Finding, min: Confidence): boolean {
  return isBlocking(f, min);
}

/**
 * Masks the personal findings of at least `min` confidence (default medium: names, always low,
 * stay for the reviewer; a 公示 often must show them) in an HTML body, tags untouched.
 */
export function maskHtml(html: string, opts: FileScanOptions & { min?: Confidence }): Masked<string> {
  const policy = opts.policy ?? defaultMaskPolicy;
  const { segment, nodes } = extractHtml(html);
  const found = scanSegments([segment], { now: opts.now, policy }).map((s) => s.finding).filter((f) => toMask(f, opts.min ?? 'medium'));
  const texts = maskSegmentNodes(segment, found, policy);
  const output = applyReplacements(html, [...texts].map(([n, text]) => ({ start: nodes[n]!.start, end: nodes[n]!.end, text: escapeText(text) })));
  return { output, masked: found.length };
}

/**
 * A masked copy with the same structure (DOCX, XLSX, PDF, HTML, CSV, text), scanned again:
 * throws {@link MaskRefusedError} for images, for a PDF that cannot be redacted safely, and
 * when the copy still holds a high or medium personal finding (fail closed).
 */
export async function maskFile(filename: string, data: Buffer, opts: FileScanOptions & { min?: Confidence }): Promise<Masked<Buffer>> {
  const policy = opts.policy ?? defaultMaskPolicy;
  const min = opts.min ?? 'medium';
  const kind = await detectFileKind(filename, data);
  let output: Buffer;
  let count = 0;
  let redacted: Masked<Buffer>['redacted'];
  try {
    if (kind === 'docx') {
      const model = await readDocx(data);
      const groups = bySegment(scanSegments(model.segments, { now: opts.now, policy }).filter((s) => toMask(s.finding, min)));
      const nodes = new Map<number, string>();
      for (const [i, list] of groups) {
        count += list.length;
        for (const [n, t] of maskSegmentNodes(model.segments[i]!, list, policy)) nodes.set(n, t);
      }
      output = count ? await writeDocx(model, nodes) : data;
    } else if (kind === 'xlsx') {
      const model = await readXlsx(data);
      const groups = bySegment(scanSegments(model.segments, { now: opts.now, policy }).filter((s) => toMask(s.finding, min)));
      const cells = new Map<number, string>();
      for (const [i, list] of groups) {
        count += list.length;
        for (const [n, t] of maskSegmentNodes(model.segments[i]!, list, policy)) cells.set(n, t);
      }
      for (const d of model.damaged) {
        if (!toMask(d.finding, min)) continue;
        count++;
        cells.set(d.node, maskDamagedId(d.finding, policy));
      }
      output = count ? await writeXlsx(model, cells, policy.maskChar) : data;
    } else if (kind === 'pdf') {
      const r = await redactPdf(data, { now: opts.now, policy, select: (f) => toMask(f, min) });
      ({ output, masked: count } = r);
      if (count) redacted = { pages: r.pages, boxes: r.boxes };
    } else if (kind === 'html' || kind === 'text' || kind === 'csv') {
      ({ output, masked: count } = maskTextFile(kind, data, { ...opts, policy, min }));
    } else if (kind === 'image') {
      throw new MaskRefusedError('IMAGE_NOT_MASKABLE', '图片无法自动脱敏，请上传已处理的文件');
    } else if (kind === 'xls') {
      // Decision: refuse rather than convert. A converted copy would lose formats, formulas and
      // layout the agency chose; Excel or WPS saves an exact XLSX, which is then masked in place.
      throw new MaskRefusedError('XLS_NOT_MASKABLE', xlsNotMaskableMessage(filename));
    } else {
      throw new MaskRefusedError('NOT_MASKABLE', `文件「${filename}」的格式不支持自动脱敏（支持 DOCX、XLSX、PDF、CSV、HTML、TXT）`);
    }
  } catch (err) {
    if (err instanceof MaskRefusedError) throw err;
    if (err instanceof PdfRedactionError) throw new MaskRefusedError('PDF_NOT_MASKABLE', `PDF「${filename}」${err.message}`);
    throw new UnreadableFileError(`文件「${filename}」已损坏或无法读取，无法脱敏`);
  }
  const again = await scanFile(filename, output, { now: opts.now, policy });
  const left = again.findings.filter((f) => isBlocking(f, min));
  if (left.length) {
    throw new MaskRefusedError('FINDINGS_REMAIN', `文件「${filename}」脱敏后复查仍发现 ${left.length} 处个人信息，已拒绝（请人工处理后上传）`);
  }
  return { output, masked: count, ...(redacted ? { redacted } : {}) };
}

/**
 * HTML, CSV and plain text: the personal findings masked in the decoded text (a length-keeping
 * mask leaves CSV columns and HTML tags alone), written back as UTF-8 (a GB18030 CSV gets a
 * BOM so that spreadsheets read it as UTF-8).
 */
function maskTextFile(kind: 'html' | 'text' | 'csv', data: Buffer, opts: FileScanOptions & { policy: MaskPolicy; min: Confidence }): Masked<Buffer> {
  const text = decodeText(data);
  if (kind === 'html') {
    const r = maskHtml(text, opts);
    return { output: r.masked ? Buffer.from(r.output) : data, masked: r.masked };
  }
  const bom = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
  const utf8 = Buffer.from(text, 'utf8').equals(bom ? data.subarray(3) : data);
  const prefix = bom || (!utf8 && kind === 'csv') ? '\ufeff' : '';
  if (kind === 'csv') {
    const r = maskCsv(text, opts);
    return r.masked ? { output: Buffer.from(prefix + r.output, 'utf8'), masked: r.masked } : { output: data, masked: 0 };
  }
  const found = scanText(text, { now: opts.now, policy: opts.policy }).filter((f) => toMask(f, opts.min));
  if (!found.length) return { output: data, masked: 0 };
  return { output: Buffer.from(prefix + maskText(text, found, opts.policy), 'utf8'), masked: found.length };
}

/** CSV: scanned as the grid the scanner reads (header columns give context), masked per cell, written back RFC 4180. */
function maskCsv(text: string, opts: FileScanOptions & { policy: MaskPolicy; min: Confidence }): Masked<string> {
  const rows = parseCsv(text);
  const pieces: Segment['pieces'] = [];
  const cells: Array<[number, number]> = [];
  rows.forEach((row, r) => {
    if (r > 0) pieces.push({ text: '\n' });
    row.forEach((cell, c) => {
      if (c > 0) pieces.push({ text: '\t' });
      if (cell) pieces.push({ text: cell.replace(/[\t\r\n]/g, ' '), node: cells.push([r, c]) - 1 });
    });
  });
  const segment: Segment = { location: {}, pieces };
  const found = scanSegments([segment], { now: opts.now, policy: opts.policy }).map((x) => x.finding).filter((f) => toMask(f, opts.min));
  if (!found.length) return { output: text, masked: 0 };
  for (const [n, masked] of maskSegmentNodes(segment, found, opts.policy)) {
    const [r, c] = cells[n]!;
    const original = rows[r]![c]!;
    // Line breaks inside a quoted cell were scanned as spaces: keep them.
    rows[r]![c] = masked.length === original.length ? [...masked].map((ch, i) => (/[\t\r\n]/.test(original[i]!) ? original[i]! : ch)).join('') : masked;
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const trailing = /\r?\n$/.test(text) ? eol : '';
  return { output: rows.map((row) => row.map(quote).join(',')).join(eol) + trailing, masked: found.length };
}
