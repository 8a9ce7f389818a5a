/** Reading the text of PDFs in tests (pdf.js through src/lib/pdf.ts). */
import { openPdf } from '../../src/lib/pdf.ts';

/** Each page's text with all white space removed, and each page's size in points (rounded). */
export async function pdfPages(data: Uint8Array): Promise<{ pages: string[]; sizes: number[][] }> {
  const pdf = await openPdf(new Uint8Array(data));
  try {
    const pages: string[] = [];
    const sizes: number[][] = [];
    for (let i = 1; i <= pdf.numPages; i++) {
      const page = await pdf.getPage(i);
      const content = await page.getTextContent();
      pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join('').replace(/\s+/g, ''));
      sizes.push(page.view.slice(2).map((n) => Math.round(n)));
    }
    return { pages, sizes };
  } finally {
    await pdf.destroy();
  }
}

/** All text of a PDF, pages joined, all white space removed. */
export async function pdfText(data: Uint8Array): Promise<string> {
  return (await pdfPages(data)).pages.join('');
}
