/**
 * A rendered letter as DOCX and PDF, in the house style of official letters (GB/T 9704): A4,
 * margins 37/35/28/26 mm, title in 方正小标宋简体 二号, text in 仿宋_GB2312 三号 with a two-character
 * first-line indent, signature and date to the right. The DOCX names the official fonts (Word falls
 * back where absent, like reports/render/docx.ts); the PDF embeds the bundled CJK font.
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { createPdf, finishPdf, addPageNumbers, PDF_FONTS } from '../../../lib/pdf-writer.ts';
import type { LetterContent } from './render.ts';

const MM = 56.7; // twips per millimetre

/** Font names (east-Asian and Latin), as in reports/render/docx.ts. */
const DOCX_FONTS = {
  title: { eastAsia: '方正小标宋简体', ascii: '黑体', hAnsi: '黑体' },
  body: { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' },
} as const;

/** The letter as DOCX bytes. */
export async function letterDocx(c: LetterContent): Promise<Buffer> {
  const run = (text: string, font: (typeof DOCX_FONTS)[keyof typeof DOCX_FONTS], size: number) => new TextRun({ text, font: { ...font }, size });
  // Half-points: 二号 22pt = 44, 三号 16pt = 32.
  const body = (text: string, indent = true) =>
    new Paragraph({ ...(indent ? { indent: { firstLine: 640 } } : {}), spacing: { line: 560 }, children: [run(text, DOCX_FONTS.body, 32)] });
  const right = (text: string) => new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { line: 560 }, indent: { right: 640 }, children: [run(text, DOCX_FONTS.body, 32)] });
  const doc = new Document({
    title: c.title,
    creator: 'Gongkai (公开)',
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 }, // A4
            margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) },
          },
        },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(c.title, DOCX_FONTS.title, 44)] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(c.reference, DOCX_FONTS.body, 32)] }),
          body(c.salutation, false),
          ...c.paragraphs.map((p) => body(p)),
          ...(c.attachments.length ? [body('附件：'), ...c.attachments.map((a) => body(a))] : []),
          new Paragraph({ spacing: { line: 560 }, children: [] }),
          right(c.signature),
          right(c.date),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The letter as PDF bytes. */
export async function letterPdf(c: LetterContent): Promise<Buffer> {
  const doc = createPdf({ title: c.title, author: c.signature, subject: c.reference });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const size = 16; // 三号
  const gap = 10;
  doc.font(PDF_FONTS.bold).fontSize(22).text(c.title, { align: 'center', width });
  doc.moveDown(0.5);
  doc.font(PDF_FONTS.body).fontSize(size).text(c.reference, { align: 'center', width });
  doc.moveDown(0.8);
  doc.text(c.salutation, { width, lineGap: gap });
  // First-line indent of two characters.
  for (const p of c.paragraphs) doc.text(p, { width, lineGap: gap, indent: size * 2 });
  if (c.attachments.length) {
    doc.text('附件：', { width, lineGap: gap, indent: size * 2 });
    for (const a of c.attachments) doc.text(a, { width, lineGap: gap, indent: size * 3 });
  }
  doc.moveDown(1.5);
  doc.text(c.signature, { width: width - size * 2, align: 'right', lineGap: gap });
  doc.text(c.date, { width: width - size * 2, align: 'right', lineGap: gap });
  addPageNumbers(doc);
  return finishPdf(doc);
}
