/**
 * The bulletin-board notice (村(居)公开栏) as a real A4 PDF, written server-side with pdfkit and
 * the bundled CJK font (src/lib/pdf-writer.ts), so a village clerk prints it the same on any
 * printer without the browser's print dialog: per item its title, 发布日期, 索引号 and 文号, the
 * full body as plain text in paragraphs and a QR code to the item's detail page with the URL
 * written under it. Long bodies flow onto further pages (numbered 第 N 页 / 共 M 页).
 * Pure rendering: the data comes from channel-pages.ts.
 */
import QRCode from 'qrcode';
import { addPageNumbers, createPdf, finishPdf, PDF_FONTS, type PdfDoc } from '../lib/pdf-writer.ts';
import { noticePeriodText } from './notice-pdf.ts';
import { formatDate } from './views/format.ts';

/** One item of the PDF notice. */
export interface BulletinItem {
  title: string;
  indexNo: string;
  docNo: string | null;
  columnName: string;
  publishedAt: Date;
  /** Plain text of the body, paragraphs separated by "\n". */
  bodyText: string;
  /** Absolute URL of the detail page (the QR code's content). */
  url: string;
  /** 公示期 (YYYY-MM-DD), null when none. */
  noticeStartsOn?: string | null;
  noticeEndsOn?: string | null;
}

export interface BulletinPdfView {
  agencyName: string;
  siteName: string;
  origin: string | null;
  columnNames: string[];
  printedOn: string;
  items: BulletinItem[];
}

/** Side of a QR code in points (about 32 mm: scannable from a step away on a notice board). */
export const BULLETIN_QR_SIZE = 90;
/** Margins of the notice: narrower than GB/T 9704, a notice is not an official document. */
const MARGINS = { top: 48, bottom: 56, left: 56, right: 56 } as const;
const RED = '#b30000';

/** Renders the notice; resolves with the PDF bytes. */
export async function renderBulletinPdf(v: BulletinPdfView): Promise<Buffer> {
  const doc = createPdf({ title: `${v.agencyName}政务公开栏`, author: v.agencyName, subject: '政务公开栏张贴通知', margins: MARGINS });
  const left = MARGINS.left;
  const width = doc.page.width - MARGINS.left - MARGINS.right;

  doc.font(PDF_FONTS.bold).fontSize(22).fillColor(RED).text(`${v.agencyName}政务公开栏`, left, MARGINS.top, { width, align: 'center', characterSpacing: 2 });
  doc.moveDown(0.2);
  doc.font(PDF_FONTS.body).fontSize(10.5).fillColor('#333333').text(`${v.columnNames.length ? v.columnNames.join('、') : '最新公开信息'} · ${v.printedOn} 更新`, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.3);
  rule(doc, left, width, 2, RED);

  if (v.items.length === 0) {
    doc.moveDown(2).font(PDF_FONTS.body).fontSize(14).fillColor('#000000').text('暂无公开信息', left, doc.y, { width, align: 'center' });
  }
  for (const [n, item] of v.items.entries()) {
    if (n > 0) rule(doc, left, width, 0.75, '#999999');
    await writeItem(doc, item, left, width);
  }

  doc.moveDown(1);
  ensureSpace(doc, 40);
  doc.font(PDF_FONTS.body).fontSize(9).fillColor('#333333').text(`来源：${v.siteName}${v.origin ? ` ${v.origin}` : ''}。如有疑问，请向${v.agencyName}咨询。`, left, doc.y, { width });
  addPageNumbers(doc);
  return finishPdf(doc);
}

async function writeItem(doc: PdfDoc, item: BulletinItem, left: number, width: number): Promise<void> {
  // The head (title, facts, QR, URL) stays on one page; the body may flow on.
  ensureSpace(doc, BULLETIN_QR_SIZE + 60);
  const top = doc.y + 8;
  const qrX = left + width - BULLETIN_QR_SIZE;
  const png = await QRCode.toBuffer(item.url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 8 });
  doc.image(png, qrX, top, { width: BULLETIN_QR_SIZE, height: BULLETIN_QR_SIZE });
  doc.font(PDF_FONTS.body).fontSize(8).fillColor('#000000').text('扫码看全文', qrX, top + BULLETIN_QR_SIZE + 2, { width: BULLETIN_QR_SIZE, align: 'center' });

  const textWidth = width - BULLETIN_QR_SIZE - 14;
  doc.font(PDF_FONTS.bold).fontSize(15).fillColor('#000000').text(item.title, left, top, { width: textWidth });
  doc.moveDown(0.3);
  const facts = [
    `发布日期：${formatDate(item.publishedAt)}`,
    `栏目：${item.columnName}`,
    `索引号：${item.indexNo}`,
    ...(item.docNo ? [`文号：${item.docNo}`] : []),
  ];
  const period = noticePeriodText(item.noticeStartsOn ?? null, item.noticeEndsOn ?? null);
  if (period) facts.push(period);
  doc.font(PDF_FONTS.body).fontSize(10).fillColor('#333333');
  for (const f of facts) doc.text(f, left, doc.y, { width: textWidth });

  // The URL goes under the QR code, across the full width (a URL does not fit a 32 mm column).
  doc.y = Math.max(doc.y, top + BULLETIN_QR_SIZE + 14) + 4;
  doc.font(PDF_FONTS.body).fontSize(9).fillColor('#333333').text(`全文链接：${item.url}`, left, doc.y, { width, align: 'right' });
  doc.moveDown(0.6);

  doc.font(PDF_FONTS.body).fontSize(11.5).fillColor('#000000');
  const paragraphs = item.bodyText.split('\n').filter((p) => p.trim() !== '');
  for (const p of paragraphs) {
    doc.text(p, left, doc.y, { width, indent: 23, lineGap: 3, paragraphGap: 4, align: 'justify' });
  }
  doc.moveDown(0.6);
}

function rule(doc: PdfDoc, left: number, width: number, thickness: number, color: string): void {
  doc.save().lineWidth(thickness).strokeColor(color).moveTo(left, doc.y).lineTo(left + width, doc.y).stroke().restore();
  doc.moveDown(0.3);
}

/** Starts a new page when less than `height` points are left above the bottom margin. */
function ensureSpace(doc: PdfDoc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}
