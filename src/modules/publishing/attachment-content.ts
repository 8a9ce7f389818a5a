/**
 * What an uploaded attachment really is, decided by its content (never by its name or the
 * client's Content-Type), and its text for search (and later the privacy scanner). A file
 * that lies about its type is refused with 415; a damaged one with 422. No database access.
 */
import { openPdf, PdfOpenError, type PDFDocumentProxy } from '../../lib/pdf.ts';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import mammoth from 'mammoth';
import { corruptAttachment, unsupportedAttachment } from './publishing.errors.ts';
import { compoundFileKind, xlsText, XlsUnreadableError } from '../privacy/index.ts';

/** Attachment kinds accepted. */
export const attachmentKinds = ['docx', 'xlsx', 'xls', 'pdf', 'png', 'jpg', 'gif', 'webp'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];

const kindInfo: Record<AttachmentKind, { name: string; mime: string; extensions: string[] }> = {
  docx: { name: 'Word 文档（DOCX）', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { name: 'Excel 表格（XLSX）', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  xls: { name: 'Excel 97-2003 表格（XLS）', mime: 'application/vnd.ms-excel', extensions: ['xls'] },
  pdf: { name: 'PDF 文档', mime: 'application/pdf', extensions: ['pdf'] },
  png: { name: 'PNG 图片', mime: 'image/png', extensions: ['png'] },
  jpg: { name: 'JPEG 图片', mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  gif: { name: 'GIF 图片', mime: 'image/gif', extensions: ['gif'] },
  webp: { name: 'WebP 图片', mime: 'image/webp', extensions: ['webp'] },
};

/** Names of formats people commonly try to upload, for the refusal message. */
const otherNames: Record<string, string> = {
  zip: 'ZIP 压缩包',
  cfb: '旧版 Office 文档（DOC/XLS）',
  rar: 'RAR 压缩包',
  '7z': '7z 压缩包',
  exe: '可执行程序',
  elf: '可执行程序',
  bmp: 'BMP 图片',
  tif: 'TIFF 图片',
  mp4: 'MP4 视频',
  html: 'HTML 网页',
  xml: 'XML 文件',
  rtf: 'RTF 文档',
  pptx: 'PowerPoint 演示文稿（PPTX）',
  odt: 'OpenDocument 文档',
};

/** The sentence listing what is accepted. */
export const acceptedTypesText = 'DOCX、XLSX、XLS、PDF 及 PNG、JPEG、GIF、WEBP 图片';

/** Largest width or height accepted for an image. */
const maxImageSide = 30_000;
/** Largest total uncompressed size of a DOCX/XLSX (zip bombs). */
const maxUnzippedBytes = 300 * 1024 * 1024;
/** Extracted text beyond this is dropped (search indexes at most 200,000 characters anyway). */
const maxTextChars = 2_000_000;

/** The outcome of inspecting a file. */
export interface InspectedAttachment {
  kind: AttachmentKind;
  /** MIME type of the detected kind. */
  mime: string;
  /** Extracted plain text (NFKC), '' for images. */
  text: string;
  /** Pixel size of an image. */
  width?: number;
  height?: number;
}

/** Chinese name of a kind. */
export function kindName(kind: AttachmentKind): string {
  return kindInfo[kind].name;
}

/** The extension of a filename, lower case, without the dot ('' when none). */
export function extensionOf(filename: string): string {
  const ext = path.extname(filename).toLowerCase();
  return ext.startsWith('.') ? ext.slice(1) : '';
}

/**
 * A filename safe to store and to send back in Content-Disposition: the last path segment,
 * without control characters, at most 120 characters (extension kept).
 */
export function cleanFilename(name: string): string {
  // eslint-disable-next-line no-control-regex
  let base = (name.split(/[\\/]/).pop() ?? '').normalize('NFC').replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '').trim();
  base = base.replace(/^\.+/, '');
  if (base.length > 120) {
    const ext = path.extname(base).slice(0, 10);
    base = base.slice(0, 120 - ext.length) + ext;
  }
  return base;
}

/**
 * Detects the kind from the bytes, checks that the filename's extension agrees, opens the
 * file and extracts its text. Throws 415 (type) or 422 (damaged).
 */
export async function inspectAttachment(filename: string, data: Buffer): Promise<InspectedAttachment> {
  const ext = extensionOf(filename);
  if (data.length === 0) throw corruptAttachment('文件为空');
  const detected = await fileTypeFromBuffer(data);
  let kind = detected && (attachmentKinds as readonly string[]).includes(detected.ext) ? (detected.ext as AttachmentKind) : null;
  // A compound file (DOC, XLS, PPT) is accepted when it is an Excel 97–2003 workbook.
  if (detected?.ext === 'cfb' && compoundFileKind(data) === 'xls') kind = 'xls';
  if (!kind && detected?.ext === 'zip' && (ext === 'docx' || ext === 'xlsx')) {
    // An Office file whose parts file-type could not find: damaged or truncated, not another type.
    throw corruptAttachment(`文件「${filename}」已损坏或不完整，无法作为 ${ext.toUpperCase()} 打开`);
  }
  if (!kind) {
    const what = detected ? (otherNames[detected.ext] ?? `${detected.ext.toUpperCase()} 格式（${detected.mime}）`) : '无法识别的格式';
    const hint = detected?.ext === 'cfb' ? '，请另存为 DOCX 或 XLSX 后上传' : '';
    throw unsupportedAttachment(`不支持的附件类型：文件「${filename}」的内容为「${what}」${hint}。仅支持 ${acceptedTypesText}`);
  }
  const info = kindInfo[kind];
  if (!info.extensions.includes(ext)) {
    const claimed = ext ? `扩展名为 .${ext}` : '没有扩展名';
    throw unsupportedAttachment(`文件「${filename}」${claimed}，但内容实际是「${info.name}」，请核对后重新上传（应为 .${info.extensions[0]}）`);
  }
  switch (kind) {
    case 'docx':
      checkZip(filename, data, kind);
      return { kind, mime: info.mime, text: await docxText(filename, data) };
    case 'xlsx':
      checkZip(filename, data, kind);
      return { kind, mime: info.mime, text: await xlsxText(filename, data) };
    case 'xls':
      return { kind, mime: info.mime, text: xlsAttachmentText(filename, data) };
    case 'pdf':
      return { kind, mime: info.mime, text: await pdfText(filename, data) };
    case 'png':
    case 'jpg':
    case 'gif':
    case 'webp': {
      const size = imageSize(kind, data);
      if (!size || size.width < 1 || size.height < 1 || size.width > maxImageSide || size.height > maxImageSide) {
        throw corruptAttachment(`图片「${filename}」已损坏或尺寸异常`);
      }
      return { kind, mime: info.mime, text: '', ...size };
    }
  }
}

function finishText(text: string): string {
  const t = text.normalize('NFKC').replace(/\r\n?/g, '\n').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  return t.length > maxTextChars ? t.slice(0, maxTextChars) : t;
}

/**
 * Reads the zip central directory: refuses a file with no directory (truncated) or whose
 * entries would unpack to more than {@link maxUnzippedBytes}.
 */
function checkZip(filename: string, data: Buffer, kind: 'docx' | 'xlsx'): void {
  const broken = () => corruptAttachment(`文件「${filename}」已损坏或不完整，无法作为 ${kind.toUpperCase()} 打开`);
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 65_557); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken();
  const entries = data.readUInt16LE(eocd + 10);
  const cdSize = data.readUInt32LE(eocd + 12);
  const cdOffset = data.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > eocd) throw broken();
  let p = cdOffset;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== 0x02014b50) throw broken();
    total += data.readUInt32LE(p + 24);
    p += 46 + data.readUInt16LE(p + 28) + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
  }
  if (total > maxUnzippedBytes) throw corruptAttachment(`文件「${filename}」解压后过大，疑似异常文件，请检查后重新上传`);
}

async function docxText(filename: string, data: Buffer): Promise<string> {
  try {
    const r = await mammoth.extractRawText({ buffer: data });
    return finishText(r.value);
  } catch {
    throw corruptAttachment(`文件「${filename}」已损坏，无法作为 Word 文档（DOCX）打开`);
  }
}

async function xlsxText(filename: string, data: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw corruptAttachment(`文件「${filename}」已损坏，无法作为 Excel 表格（XLSX）打开`);
  }
  const lines: string[] = [];
  let length = 0;
  for (const ws of wb.worksheets) {
    lines.push(ws.name);
    ws.eachRow({ includeEmpty: false }, (row) => {
      if (length > maxTextChars) return;
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell) => {
        const t = cellText(cell);
        if (t) cells.push(t);
      });
      const line = cells.join(' ');
      length += line.length;
      if (line) lines.push(line);
    });
  }
  return finishText(lines.join('\n'));
}

function xlsAttachmentText(filename: string, data: Buffer): string {
  try {
    return finishText(xlsText(data));
  } catch (err) {
    if (err instanceof XlsUnreadableError && err.reason === 'encrypted') throw corruptAttachment(`文件「${filename}」已加密，请取消打开密码后重新上传`);
    throw corruptAttachment(`文件「${filename}」已损坏，无法作为 Excel 97-2003 表格（XLS）打开${err instanceof XlsUnreadableError ? `：${err.message}` : ''}`);
  }
}

function cellText(cell: ExcelJS.Cell): string {
  try {
    return cell.text?.trim() ?? '';
  } catch {
    // Some malformed cells (e.g. a formula without a cached result) throw on .text.
    const v = cell.value;
    return v === null || v === undefined ? '' : typeof v === 'object' ? '' : String(v);
  }
}

async function pdfText(filename: string, data: Buffer): Promise<string> {
  let doc: PDFDocumentProxy;
  try {
    doc = await openPdf(data);
  } catch (err) {
    if (err instanceof PdfOpenError && err.kind === 'encrypted') throw corruptAttachment(`PDF「${filename}」已加密，请上传未加密的版本`);
    throw corruptAttachment(`文件「${filename}」已损坏，无法作为 PDF 打开`);
  }
  try {
    const pages: string[] = [];
    let length = 0;
    for (let i = 1; i <= doc.numPages && length <= maxTextChars; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(text);
      length += text.length;
      page.cleanup();
    }
    return finishText(pages.join('\n'));
  } catch {
    throw corruptAttachment(`PDF「${filename}」的内容已损坏，无法读取`);
  } finally {
    await doc.destroy();
  }
}

/** Width and height from an image header, or null when the header is damaged. */
export function imageSize(kind: 'png' | 'jpg' | 'gif' | 'webp', b: Buffer): { width: number; height: number } | null {
  try {
    switch (kind) {
      case 'png':
        if (b.length < 33 || b.toString('latin1', 12, 16) !== 'IHDR') return null;
        return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
      case 'gif':
        if (b.length < 13) return null;
        return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
      case 'webp': {
        const chunk = b.toString('latin1', 12, 16);
        if (chunk === 'VP8 ' && b.length >= 30) return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
        if (chunk === 'VP8L' && b.length >= 25) {
          const bits = b.readUInt32LE(21);
          return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
        }
        if (chunk === 'VP8X' && b.length >= 30) return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
        return null;
      }
      case 'jpg': {
        // Walk the markers to the first start-of-frame (SOF0–SOF15 except DHT, JPG, DAC).
        let p = 2;
        while (p + 9 < b.length) {
          if (b[p] !== 0xff) return null;
          const marker = b[p + 1]!;
          if (marker === 0xff) {
            p++;
            continue;
          }
          const len = b.readUInt16BE(p + 2);
          if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
            return { height: b.readUInt16BE(p + 5), width: b.readUInt16BE(p + 7) };
          }
          p += 2 + len;
        }
        return null;
      }
    }
  } catch {
    return null;
  }
}
