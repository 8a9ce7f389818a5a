/** DOCX → HTML (mammoth keeps merged cells as rowspan/colspan) → the HTML reader. */
import mammoth from 'mammoth';
import { ReportReadError } from '../reports.errors.ts';
import { readHtmlString } from './html.ts';
import type { SourceDocument } from './tokens.ts';

/** Tokens of a Word (DOCX) report. */
export async function readDocxDocument(bytes: Uint8Array, fileName: string): Promise<SourceDocument> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch {
    throw new ReportReadError('UNREADABLE', `文件「${fileName}」已损坏，无法作为 Word 文档（DOCX）打开`);
  }
  return readHtmlString(html, 'docx');
}
