/** Reading a report made elsewhere: file → tokens → numbers. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ReportReadError } from '../reports.errors.ts';
import { readDocxDocument } from './docx.ts';
import { readHtmlDocument } from './html.ts';
import { readPdfDocument } from './pdf.ts';
import { readReportDocument, type ParsedReport } from './read-tables.ts';
import { readTextDocument } from './text.ts';
import type { SourceDocument } from './tokens.ts';

export type { ParsedReport } from './read-tables.ts';

/** File extensions the checker reads. */
export const REPORT_EXTENSIONS = ['.html', '.htm', '.docx', '.pdf', '.txt'] as const;

/** Largest file read (a report is a few hundred kilobytes; PDFs with images a few megabytes). */
export const MAX_REPORT_BYTES = 50 * 1024 * 1024;

type Kind = 'html' | 'docx' | 'pdf' | 'text';

function sniff(bytes: Uint8Array): Kind | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).replace(/^\ufeff|^\xef\xbb\xbf/, '').trimStart();
  if (head.startsWith('%PDF-')) return 'pdf';
  if (head.startsWith('PK\x03\x04')) return 'docx';
  if (/^<(?:!doctype\s+html|html|head|body|meta|table|div|p)\b/i.test(head)) return 'html';
  return null;
}

/** Reads the tokens of a file; the extension decides, unless the content plainly says otherwise. */
export async function readSourceDocument(bytes: Uint8Array, fileName: string): Promise<SourceDocument> {
  const base = path.basename(fileName);
  const ext = path.extname(fileName).toLowerCase();
  if (bytes.length > MAX_REPORT_BYTES) throw new ReportReadError('UNREADABLE', `「${base}」超过 50 MB，不像是一份年度报告`);
  const byExt: Kind | null = ext === '.html' || ext === '.htm' ? 'html' : ext === '.docx' ? 'docx' : ext === '.pdf' ? 'pdf' : ext === '.txt' ? 'text' : null;
  const sniffed = sniff(bytes);
  const kind = sniffed === 'pdf' || sniffed === 'docx' ? sniffed : (byExt ?? sniffed);
  if (!kind) {
    const hint = ext === '.doc' ? '（旧版 Word 文档请另存为 .docx）' : ext === '.wps' ? '（WPS 文档请另存为 .docx）' : '';
    throw new ReportReadError('UNSUPPORTED_FILE', `「${base}」的文件类型不受支持，只能检查 .html .htm .docx .pdf .txt${hint}`);
  }
  switch (kind) {
    case 'html':
      return readHtmlDocument(bytes);
    case 'docx':
      return readDocxDocument(bytes, base);
    case 'pdf':
      return readPdfDocument(bytes, base);
    case 'text':
      return readTextDocument(bytes);
  }
}

/** Reads a report from its bytes; `fileName` gives the type and a fallback for the title. */
export async function readReport(bytes: Uint8Array, fileName: string): Promise<ParsedReport> {
  const doc = await readSourceDocument(bytes, fileName);
  return readReportDocument(doc, path.basename(fileName));
}

/** Reads a report file from disk. */
export async function readReportFile(file: string): Promise<ParsedReport> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '不存在' : code === 'EISDIR' ? '是文件夹' : code === 'EACCES' ? '没有读取权限' : '无法读取';
    throw new ReportReadError('UNREADABLE', `「${file}」${why}`);
  }
  return readReport(bytes, file);
}
