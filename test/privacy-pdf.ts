/**
 * A real PDF 公示 for the PDF redaction tests, written with the project's PDF writer (pdfkit and
 * the bundled CJK font): a table of names, 18-digit IDs and mobiles, a sentence with an ID and a
 * grouped mobile inside a longer line, and a second page without personal data. It also
 * returns where each value's glyphs are drawn (points from the top-left, computed from the
 * font's advances), so a test can check on a rendering that every one is covered.
 */
import { createPdf, finishPdf, PDF_FONTS } from '../src/lib/pdf-writer.ts';

export const pdfPeople = [
  { name: '张三', id: '11010519491231002X', mobile: '13800138000' },
  { name: '李四', id: '11010119900307803X', mobile: '13912345678' },
  { name: '王五', id: '500104198203150013', mobile: '15071234567' },
] as const;
/** The mobile written 3-4-4 in the sentence of page 1. */
export const groupedMobile = '186 2345 6789';

/** A rectangle in PDF points, top-left origin (page 1). */
export interface GlyphBox {
  value: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export async function buildPdfNotice(opts: { invisibleText?: boolean } = {}): Promise<{ pdf: Buffer; values: GlyphBox[] }> {
  const doc = createPdf({ title: '曲尺乡2025年危房改造补助对象公示', author: '曲尺乡人民政府' });
  const values: GlyphBox[] = [];
  const size = 11;
  const put = (text: string, x: number, y: number, personal: string[] = []) => {
    doc.fontSize(size).text(text, x, y, { lineBreak: false });
    // pdfkit puts the top of the line box at y; digits stand on the baseline, about 0.72 em tall.
    const baseline = y + (doc as unknown as { _font: { ascender: number } })._font.ascender / 1000 * size;
    for (const v of personal) {
      const at = text.indexOf(v);
      values.push({ value: v, x: x + doc.widthOfString(text.slice(0, at)), y: baseline - 0.72 * size, width: doc.widthOfString(v), height: 0.72 * size });
    }
  };
  doc.font(PDF_FONTS.bold).fontSize(16).text('曲尺乡2025年危房改造补助对象公示', 80, 90, { lineBreak: false });
  doc.font(PDF_FONTS.body);
  if (opts.invisibleText) doc.addContent('3 Tr');
  put(`联系人身份证号：${pdfPeople[0].id}，电话：${groupedMobile}，请核对。`, 80, 130, [pdfPeople[0].id, groupedMobile]);
  const cols = [80, 140, 290, 400];
  ['姓名', '身份证号', '联系电话', '补助金额（元）'].forEach((h, i) => put(h, cols[i]!, 170));
  pdfPeople.forEach((p, r) => {
    const y = 195 + r * 22;
    put(p.name, cols[0]!, y);
    put(p.id, cols[1]!, y, [p.id]);
    put(p.mobile, cols[2]!, y, [p.mobile]);
    put(String(12000 - r * 2000), cols[3]!, y);
    doc.moveTo(80, y + 17).lineTo(500, y + 17).lineWidth(0.5).stroke();
  });
  put('经村民会议评议，现将补助对象公示如下。公示期为7天。如有异议，请向曲尺乡人民政府反映。', 80, 290);
  doc.addPage();
  doc.fontSize(11).text('附：评议程序说明。本页不含个人信息，补助标准按县级文件执行。', 80, 90, { lineBreak: false });
  return { pdf: await finishPdf(doc), values };
}
