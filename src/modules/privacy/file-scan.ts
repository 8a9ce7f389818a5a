/**
 * Files: detect the kind, extract text with locations, scan, and write masked copies. No
 * database; the only I/O is parsing the bytes given. Used by the publication gate, the sweep
 * and the CLI.
 *
 * What can be masked: an HTML body, DOCX and XLSX (in place: same parts, styles, tables and
 * sheets; only the text of the nodes holding findings changes). PDF and images are refused
 * with a message asking for a clean file (pdf.js reads but cannot write PDFs, and nothing
 * installed can rewrite a content stream; an overlay that leaves the text layer is not a
 * redaction). Every masked copy is scanned again; a copy in which a high or medium personal
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
import { extractCsv, extractHtml, extractPlainText } from './extract/text.ts';
import { applyReplacements, escapeText } from './extract/xml.ts';
import { maskDamagedId, readXlsx, writeXlsx } from './extract/xlsx.ts';

/** Kinds of file the scanner reads. */
export type FileKind = 'docx' | 'xlsx' | 'csv' | 'pdf' | 'image' | 'html' | 'text';

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
  readonly reason: 'PDF_NOT_MASKABLE' | 'IMAGE_NOT_MASKABLE' | 'NOT_MASKABLE' | 'FINDINGS_REMAIN';
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
  if (!kind) throw new UnreadableFileError(`无法识别文件「${filename}」的格式（支持 DOCX、XLSX、CSV、PDF、HTML、TXT 及图片）`);
  const policy = opts.policy ?? defaultMaskPolicy;
  try {
    switch (kind) {
      case 'docx':
        return scanned(kind, (await readDocx(data)).segments, opts);
      case 'xlsx': {
        const model = await readXlsx(data);
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
    const what = err instanceof PdfOpenError && err.kind === 'encrypted' ? '已加密' : '已损坏或无法读取';
    throw new UnreadableFileError(`文件「${filename}」${what}`);
  }
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
 * A masked copy of a DOCX or XLSX with the same structure, scanned again: throws
 * {@link MaskRefusedError} for PDF and images, and when the copy still holds a high or medium
 * personal finding (fail closed).
 */
export async function maskFile(filename: string, data: Buffer, opts: FileScanOptions & { min?: Confidence }): Promise<Masked<Buffer>> {
  const policy = opts.policy ?? defaultMaskPolicy;
  const min = opts.min ?? 'medium';
  const kind = await detectFileKind(filename, data);
  let output: Buffer;
  let count = 0;
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
      throw new MaskRefusedError('PDF_NOT_MASKABLE', `PDF「${filename}」无法自动脱敏（系统不能可靠地删除 PDF 文字层中的号码，仅遮盖会留下可复制的原文）。请对原始 Word/Excel 文件脱敏后重新生成 PDF 并上传`);
    } else if (kind === 'image') {
      throw new MaskRefusedError('IMAGE_NOT_MASKABLE', '图片无法自动脱敏，请上传已处理的文件');
    } else {
      throw new MaskRefusedError('NOT_MASKABLE', `文件「${filename}」的格式不支持自动脱敏（支持 DOCX、XLSX）`);
    }
  } catch (err) {
    if (err instanceof MaskRefusedError) throw err;
    throw new UnreadableFileError(`文件「${filename}」已损坏或无法读取，无法脱敏`);
  }
  const again = await scanFile(filename, output, { now: opts.now, policy });
  const left = again.findings.filter((f) => isBlocking(f, min));
  if (left.length) {
    throw new MaskRefusedError('FINDINGS_REMAIN', `文件「${filename}」脱敏后复查仍发现 ${left.length} 处个人信息，已拒绝（请人工处理后上传）`);
  }
  return { output, masked: count };
}
