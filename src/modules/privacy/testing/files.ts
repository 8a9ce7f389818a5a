/**
 * Real files with personal data built in code, for the privacy tests (extractors, masking, the
 * gate, the sweep, the CLI): DOCX via the docx package, XLSX via exceljs, a two-page PDF.
 */
import ExcelJS from 'exceljs';
import { Document, Footer, Header, Packer, Paragraph, Table, TableCell, TableRow, TextRun, CommentRangeStart, CommentRangeEnd, CommentReference } from 'docx';
import { buildPdf } from '../../../../test/fixtures.ts';

/** A valid ID number (GB 11643 check digit). */
export const id = '11010519491231002X';
/** An allocated mobile number. */
export const mobile = '13800138000';

/** A DOCX with a number split over three runs, a table, a header, a footer and a comment. */
export async function buildPrivacyDocx(): Promise<Buffer> {
  const cell = (t: string) => new TableCell({ children: [new Paragraph(t)] });
  const doc = new Document({
    comments: { children: [{ id: 0, author: '审核人', date: new Date(0), children: [new Paragraph(`联系人手机 ${mobile}`)] }] },
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph(`经办人电话：139 0013 9000`)] }) },
        footers: { default: new Footer({ children: [new Paragraph('曲尺乡人民政府 第 1 页')] }) },
        children: [
          new Paragraph('曲尺乡2025年危房改造补助对象公示'),
          new Paragraph({ children: [new TextRun('户主：张三，身份证号：110105'), new TextRun({ text: '19491231', bold: true }), new TextRun('002X。')] }),
          new Paragraph({
            children: [new CommentRangeStart(0), new TextRun('现予公示，公示期7天。'), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] })],
          }),
          new Table({
            rows: [
              new TableRow({ children: [cell('姓名'), cell('身份证号'), cell('联系电话')] }),
              new TableRow({ children: [cell('李四'), cell('11010119900307803X'), cell('13912345678')] }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** An XLSX with a visible and a hidden sheet, a damaged ID number and a styled header. */
export async function buildPrivacyXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('公示名单');
  ws.addRow(['姓名', '身份证号', '联系电话', '补助金额（元）']);
  ws.addRow(['张三', id, mobile, 12000]);
  ws.addRow(['李四', 1.10101e17, '13912345678', 8000]);
  ws.getRow(1).font = { bold: true };
  ws.getColumn(2).width = 24;
  const hidden = wb.addWorksheet('原始数据');
  hidden.state = 'hidden';
  hidden.addRow(['户主', '银行卡号']);
  hidden.addRow(['王五', '6222021234567890128']);
  const stats = wb.addWorksheet('统计');
  stats.addRow(['合计', 20000]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A PDF whose first page has a text layer and whose second page has none (a scanned page). */
export function buildTwoPagePdf(lines: string[]): Buffer {
  const one = buildPdf(lines).toString('latin1');
  // Add a second page with an empty content stream (what a scanned image page gives pdf.js).
  const objects = one.split(/\d+ 0 obj\n/).slice(1).map((o) => o.replace(/\nendobj\n[\s\S]*$/, ''));
  objects[1] = '<< /Type /Pages /Kids [3 0 R 8 0 R] /Count 2 >>';
  objects.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 9 0 R >>');
  objects.push(`<< /Length 0 >>\nstream\n\nendstream`);
  let out = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

