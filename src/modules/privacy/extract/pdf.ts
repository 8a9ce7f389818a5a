/**
 * PDF: the text layer of every page through pdf.js (legacy build, with the packaged CJK CMaps
 * so that old GBK-font PDFs extract). A page without any text is reported as needing manual
 * review (a scanned page may hold a whole list of ID numbers): never as clean.
 */
import { openPdf } from '../../../lib/pdf.ts';
import type { ManualReviewItem, Segment } from './segments.ts';

/** Pages of text and the pages a person must look at. */
export interface PdfText {
  pages: number;
  segments: Segment[];
  manualReview: ManualReviewItem[];
}

/** Extracts the text of every page (throws when the file cannot be opened). */
export async function extractPdf(data: Buffer): Promise<PdfText> {
  const doc = await openPdf(data);
  try {
    const out: PdfText = { pages: doc.numPages, segments: [], manualReview: [] };
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      }
      page.cleanup();
      // NFKC: PDF text layers use compatibility forms (radicals, full-width digits).
      text = text.normalize('NFKC');
      if (!text.trim()) {
        out.manualReview.push({ location: { page: i }, reason: '该页没有文字层（可能是扫描件或图片），无法自动检查，须人工核对是否含个人信息' });
        continue;
      }
      out.segments.push({ location: { page: i }, pieces: [{ text, location: { page: i } }] });
    }
    return out;
  } finally {
    await doc.destroy();
  }
}
