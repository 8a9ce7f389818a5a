/**
 * Writing PDFs (annual reports, reply letters, bulletin-board notices, redacted copies) with
 * pdfkit and a CJK font that ships with the npm install (Noto Sans Hans from @embedpdf/fonts-sc,
 * OFL), so a fresh `npm ci` produces Chinese PDFs without system fonts or a browser (ADR 0006).
 * pdfkit subsets the font: a one-page letter is about 100 KB.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');

/** Font names registered on every document: use with `doc.font(PDF_FONTS.body)`. */
export const PDF_FONTS = { body: 'gk-body', bold: 'gk-bold' } as const;

/** Absolute paths of the bundled fonts (also used by tests that rasterise our output). */
export const PDF_FONT_FILES = {
  body: path.join(fontDir, 'NotoSansHans-Regular.otf'),
  bold: path.join(fontDir, 'NotoSansHans-Bold.otf'),
} as const;

/** A4 in PostScript points, and the GB/T 9704 official-document margins (37/35/28/26 mm). */
export const A4 = { width: 595.28, height: 841.89 } as const;
const mm = (n: number): number => (n * 72) / 25.4;
export const OFFICIAL_MARGINS = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const;

export interface PdfOptions {
  title: string;
  author?: string;
  subject?: string;
  margins?: { top: number; bottom: number; left: number; right: number };
  /** Portrait A4 unless told otherwise. */
  layout?: 'portrait' | 'landscape';
}

export type PdfDoc = PDFKit.PDFDocument;

/**
 * Starts an A4 document with the CJK fonts registered and the body font selected. Pass it to
 * {@link finishPdf} to get the bytes; do not call `end()` yourself.
 */
export function createPdf(options: PdfOptions): PdfDoc {
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.layout ?? 'portrait',
    margins: options.margins ?? OFFICIAL_MARGINS,
    bufferPages: true,
    info: {
      Title: options.title,
      Author: options.author ?? 'Gongkai',
      Subject: options.subject ?? '',
      Creator: 'Gongkai (公开)',
      Producer: 'Gongkai (公开)',
    },
    lang: 'zh-CN',
    displayTitle: true,
  });
  doc.registerFont(PDF_FONTS.body, PDF_FONT_FILES.body);
  doc.registerFont(PDF_FONTS.bold, PDF_FONT_FILES.bold);
  doc.font(PDF_FONTS.body);
  return doc;
}

/** Ends the document and resolves with its bytes. */
export function finishPdf(doc: PdfDoc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** Writes “第 N 页 / 共 M 页” centred in the bottom margin of every buffered page. */
export function addPageNumbers(doc: PdfDoc): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not open a new page
    doc
      .font(PDF_FONTS.body)
      .fontSize(10)
      .text(`第 ${i + 1} 页 / 共 ${range.count} 页`, 0, doc.page.height - bottom / 2 - 5, { width: doc.page.width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
