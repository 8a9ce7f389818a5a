/**
 * The notice (公告) of ONE published item as an A4 PDF for posting on a village bulletin board
 * (村(居)公开栏): agency name, the title in large type, 发布日期, 索引号 and 文号, the 公示期 when
 * the item has one, the body as plain text reflowed into paragraphs (further pages numbered
 * 第 N 页 / 共 M 页), the issuing agency and date, then a closing block: 张贴期限 (the 公示期's last
 * day, else a blank line the clerk fills in by hand), the agency's contacts and a QR code to the
 * item's page with the hint 扫码查看全文及附件. Pure rendering with pdfkit and the bundled CJK font
 * (src/lib/pdf-writer.ts); the data comes from channel-pages.ts.
 */
import QRCode from 'qrcode';
import { chineseDate } from './views/format.ts';
import { addPageNumbers, createPdf, finishPdf, PDF_FONTS, type PdfDoc } from '../lib/pdf-writer.ts';

/** What the notice shows. */
export interface NoticePdfView {
  agencyName: string;
  siteName: string;
  title: string;
  indexNo: string;
  docNo: string | null;
  /** 发布日期 YYYY-MM-DD (China time). */
  publishedOn: string;
  /** 公示期 YYYY-MM-DD, both or neither. */
  noticeStartsOn: string | null;
  noticeEndsOn: string | null;
  /** Plain text of the body, paragraphs separated by "\n". */
  bodyText: string;
  /** Number of attachments (the QR code leads to them). */
  attachmentCount: number;
  /** Absolute URL of the item's page (the QR code's content), or the path when the host is unknown. */
  url: string;
  /** 联系电话 / 办公地址 of the agency, when set. */
  phone?: string | undefined;
  address?: string | undefined;
}

/** Side of the QR code in points (about 35 mm: scannable from a step away). */
export const NOTICE_QR_SIZE = 100;
/**
 * Body characters printed at most (about 12 pages): a notice board is not the place for a
 * 1-million-character body; the rest is reached through the QR code.
 */
export const NOTICE_MAX_BODY_CHARS = 20_000;

const MARGINS = { top: 56, bottom: 60, left: 62, right: 62 } as const;
const RED = '#b30000';

/** 公示期：2026年11月20日至2026年11月27日, or null when the item has none. */
export function noticePeriodText(startsOn: string | null, endsOn: string | null): string | null {
  if (!startsOn || !endsOn) return null;
  return `公示期：${chineseDate(startsOn)}至${chineseDate(endsOn)}`;
}

/** 张贴期限: the 公示期's last day, else a blank line to fill in by hand. */
export function postingDeadlineText(endsOn: string | null): string {
  return `张贴期限：${endsOn ? `${chineseDate(endsOn)}止` : '______年____月____日止'}`;
}

/** Renders the notice; resolves with the PDF bytes. */
export async function renderNoticePdf(v: NoticePdfView): Promise<Buffer> {
  const doc = createPdf({ title: v.title, author: v.agencyName, subject: '公开栏张贴公告', margins: MARGINS });
  const left = MARGINS.left;
  const width = doc.page.width - MARGINS.left - MARGINS.right;

  // Head: the agency in red over a double rule, then the title.
  doc.font(PDF_FONTS.bold).fontSize(20).fillColor(RED).text(v.agencyName, left, MARGINS.top, { width, align: 'center', characterSpacing: 3 });
  doc.moveDown(0.3);
  const y = doc.y;
  doc.save().lineWidth(2).strokeColor(RED).moveTo(left, y).lineTo(left + width, y).stroke();
  doc.lineWidth(0.75).moveTo(left, y + 4).lineTo(left + width, y + 4).stroke().restore();
  doc.y = y + 18;
  doc.font(PDF_FONTS.bold).fontSize(22).fillColor('#000000').text(v.title, left, doc.y, { width, align: 'center', lineGap: 4 });
  doc.moveDown(0.5);

  // Two centred lines, so that no value breaks in the middle: date and 文号, then 索引号.
  doc.font(PDF_FONTS.body).fontSize(10.5).fillColor('#333333');
  doc.text([`发布日期：${chineseDate(v.publishedOn)}`, ...(v.docNo ? [`文号：${v.docNo}`] : [])].join('　　'), left, doc.y, { width, align: 'center' });
  doc.text(`索引号：${v.indexNo}`, left, doc.y, { width, align: 'center' });
  const period = noticePeriodText(v.noticeStartsOn, v.noticeEndsOn);
  if (period) {
    doc.moveDown(0.4);
    doc.font(PDF_FONTS.bold).fontSize(13).fillColor(RED).text(period, left, doc.y, { width, align: 'center' });
  }
  doc.moveDown(1);

  // Body: paragraphs with a two-character first-line indent, justified.
  const cut = v.bodyText.length > NOTICE_MAX_BODY_CHARS;
  const body = cut ? v.bodyText.slice(0, NOTICE_MAX_BODY_CHARS) : v.bodyText;
  const paragraphs = body.split('\n').map((p) => p.trim()).filter((p) => p !== '');
  doc.font(PDF_FONTS.body).fontSize(14).fillColor('#000000');
  for (const p of paragraphs) doc.text(p, left, doc.y, { width, indent: 28, lineGap: 5, paragraphGap: 6, align: 'justify' });
  if (cut) doc.font(PDF_FONTS.bold).fontSize(12).text('（正文较长，以上为节选，全文请扫描下方二维码查看。）', left, doc.y, { width });

  // Issuer and date, right-aligned as on a paper 公告.
  doc.moveDown(1);
  ensureSpace(doc, 50);
  doc.font(PDF_FONTS.body).fontSize(14).fillColor('#000000');
  doc.text(v.agencyName, left, doc.y, { width, align: 'right' });
  doc.text(chineseDate(v.publishedOn), left, doc.y, { width, align: 'right' });
  doc.moveDown(1);

  // Closing block (kept on one page): posting deadline and contacts on the left, QR on the right.
  ensureSpace(doc, NOTICE_QR_SIZE + 50);
  const top = doc.y + 4;
  doc.save().lineWidth(0.75).strokeColor('#999999').moveTo(left, top - 6).lineTo(left + width, top - 6).stroke().restore();
  const qrX = left + width - NOTICE_QR_SIZE;
  const png = await QRCode.toBuffer(v.url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 8 });
  doc.image(png, qrX, top + 4, { width: NOTICE_QR_SIZE, height: NOTICE_QR_SIZE });
  doc.font(PDF_FONTS.body).fontSize(9).fillColor('#000000').text('扫码查看全文及附件', qrX - 10, top + NOTICE_QR_SIZE + 7, { width: NOTICE_QR_SIZE + 20, align: 'center' });

  const textWidth = width - NOTICE_QR_SIZE - 20;
  doc.font(PDF_FONTS.bold).fontSize(12).fillColor('#000000').text(postingDeadlineText(v.noticeEndsOn), left, top + 6, { width: textWidth });
  doc.moveDown(0.4);
  doc.font(PDF_FONTS.body).fontSize(10.5).fillColor('#333333');
  if (period) doc.text(period, left, doc.y, { width: textWidth });
  const contact = [v.phone ? `联系电话：${v.phone}` : '', v.address ? `地址：${v.address}` : ''].filter(Boolean);
  if (contact.length) doc.text(`如有疑问或异议，请联系${v.agencyName}。${contact.join('；')}`, left, doc.y, { width: textWidth });
  if (v.attachmentCount > 0) doc.text(`本信息另有附件 ${v.attachmentCount} 个，请扫码查看或下载。`, left, doc.y, { width: textWidth });
  doc.text(`网上查看：${v.url}`, left, doc.y, { width: textWidth });
  doc.text(`来源：${v.siteName}政务公开平台`, left, doc.y, { width: textWidth });
  doc.y = Math.max(doc.y, top + NOTICE_QR_SIZE + 22);

  addPageNumbers(doc);
  return finishPdf(doc);
}

/** Starts a new page when less than `height` points are left above the bottom margin. */
function ensureSpace(doc: PdfDoc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}
