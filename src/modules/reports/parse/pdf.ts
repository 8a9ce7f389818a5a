/**
 * PDF → tokens with pdf.js (legacy build, packaged CMaps: STACK.md). A PDF has no table
 * structure, only positioned text: items are grouped into lines by baseline, ordered top to
 * bottom and left to right, and pieces that touch (a digit run next to CJK text in another
 * font) are joined. Each token keeps its line and horizontal centre so that the table reader
 * can place the numbers of a row that has blank cells.
 */
import { openPdf, PdfOpenError, type PDFDocumentProxy } from '../../../lib/pdf.ts';
import { ReportReadError } from '../reports.errors.ts';
import { normalizeText, tidyText } from './normalize.ts';
import type { SourceDocument, Token } from './tokens.ts';

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Lines of one page, top to bottom, items left to right, touching items joined. */
function pageLines(items: Item[]): Item[][] {
  const sorted = items.filter((i) => i.str.trim()).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Item[][] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    const ref = line?.[0];
    const tolerance = Math.max(2, 0.35 * Math.max(item.height, ref?.height ?? 0));
    if (line && ref && Math.abs(ref.y - item.y) <= tolerance) line.push(item);
    else lines.push([item]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    const joined: Item[] = [];
    for (const item of line) {
      const prev = joined[joined.length - 1];
      if (prev && item.x - (prev.x + prev.width) <= Math.max(0.5, 0.05 * item.height) && item.x >= prev.x) {
        prev.str += item.str;
        prev.width = item.x + item.width - prev.x;
      } else joined.push({ ...item });
    }
    return joined;
  });
}

/** Tokens of a PDF report. */
export async function readPdfDocument(bytes: Uint8Array, fileName: string): Promise<SourceDocument> {
  let doc: PDFDocumentProxy;
  try {
    doc = await openPdf(bytes);
  } catch (err) {
    if (err instanceof PdfOpenError && err.kind === 'encrypted') throw new ReportReadError('UNREADABLE', `PDF「${fileName}」已加密，无法读取`);
    throw new ReportReadError('UNREADABLE', `文件「${fileName}」已损坏，无法作为 PDF 打开`);
  }
  const tokens: Token[] = [];
  let lineNo = 0;
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it) || !it.str) continue;
        const [, , , , e, f] = it.transform as number[];
        items.push({ str: it.str.normalize('NFKC'), x: e ?? 0, y: f ?? 0, width: it.width, height: it.height });
      }
      for (const line of pageLines(items)) {
        lineNo++;
        for (const item of line) {
          const raw = tidyText(item.str);
          if (!raw) continue;
          tokens.push({ text: normalizeText(raw), raw, kind: 'item', line: lineNo, x: item.x + item.width / 2 });
        }
      }
      page.cleanup();
    }
  } catch {
    throw new ReportReadError('UNREADABLE', `PDF「${fileName}」的内容已损坏，无法读取`);
  } finally {
    await doc.destroy();
  }
  if (!tokens.length) {
    throw new ReportReadError('UNREADABLE', `PDF「${fileName}」中没有可提取的文字（可能是扫描件或图片），无法检查`);
  }
  return { format: 'pdf', tokens };
}
