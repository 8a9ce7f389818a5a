/**
 * Extractor coverage (issue 3): legacy XLS through scanFile / maskFile, DOCX and XLSX beyond
 * the body (document properties, footnotes, text boxes, comments and notes, sheet names,
 * embedded images), and already-masked values, which are not findings.
 */
import CFB from 'cfb';
import { Document, FootnoteReferenceRun, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildPng } from '../../../test/fixtures.ts';
import { buildXls } from './testing/xls-writer.ts';
import { id, mobile } from './testing/files.ts';
import { detectFileKind, maskFile, MaskRefusedError, scanFile, UnreadableFileError } from './file-scan.ts';
import { gateMessage, toStoredFindings } from './gate.ts';
import { scanText } from './scan.ts';

const now = new Date('2025-07-01T00:00:00Z');
const blocking = (f: { personal: boolean; confidence: string }) => f.personal && f.confidence !== 'low';

function xlsFixture(): Buffer {
  return buildXls([
    {
      name: '公示名单',
      rows: [
        ['姓名', '身份证号', '联系电话', '补助金额（元）'],
        ['张三', id, mobile, 12000],
        ['李四', { number: Number('110101199003078035') }, { formula: '13912345678' }, 8000],
        [`${'说明'.repeat(4200)}，经办人身份证号：11010119900307803X`],
      ],
    },
    { name: '原始数据', hidden: true, rows: [['户主', '银行卡号'], ['王五', '6222021234567890128']] },
    { name: '联系人13600136000', hidden: 'very', rows: [['合计', 20000]] },
  ]);
}

describe('XLS (Excel 97–2003)', () => {
  it('is detected by content and scanned like an XLSX: every sheet, cells, damaged IDs', async () => {
    const data = xlsFixture();
    expect(await detectFileKind('名单.xls', data)).toBe('xls');
    expect(await detectFileKind('名单.bin', data)).toBe('xls');
    const scan = await scanFile('名单.xls', data, { now });
    expect(scan.kind).toBe('xls');
    const at = (cell: string, sheet = '公示名单') => scan.findings.find((f) => f.location?.sheet === sheet && f.location.cell === cell);
    expect(at('B2')).toMatchObject({ type: 'idCard', confidence: 'high', masked: '11*************02X' });
    expect(at('C2')).toMatchObject({ type: 'mobile', confidence: 'high' });
    expect(at('A2')).toMatchObject({ type: 'name', confidence: 'low' });
    expect(at('B3')).toMatchObject({ type: 'idCard', confidence: 'high', text: '1.10101E+17', masked: '11*************032', reason: expect.stringContaining('科学计数法') });
    expect(at('C3')).toMatchObject({ type: 'mobile' });
    // A string long enough to continue over several records; the ID after the split is found.
    expect(at('A4')).toMatchObject({ type: 'idCard', normalized: '11010119900307803X' });
    expect(at('B2', '原始数据')).toMatchObject({ type: 'bankCard', confidence: 'high' });
    expect(scan.findings.find((f) => f.location?.part === '工作表名称')).toMatchObject({ type: 'mobile', location: { sheet: '联系人13600136000' } });
    expect(scan.findings.some((f) => f.location?.cell === 'D2')).toBe(false);
  });

  it('cannot be masked in place: the reviewer is told to save it as XLSX; the gate says so too', async () => {
    const err = await maskFile('名单.xls', xlsFixture(), { now }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MaskRefusedError);
    expect((err as MaskRefusedError).reason).toBe('XLS_NOT_MASKABLE');
    expect((err as Error).message).toContain('请将文件另存为 XLSX 后重新上传');
    const scan = await scanFile('名单.xls', xlsFixture(), { now });
    const stored = toStoredFindings({ source: 'attachment', attachmentId: 'a1', filename: '名单.xls' }, scan.findings.filter(blocking));
    expect(gateMessage(stored, 'approve')).toMatch(/附件「名单\.xls」为旧版 Excel（XLS）格式，无法自动脱敏，请将文件另存为 XLSX 后重新上传$/);
    expect(gateMessage(toStoredFindings({ source: 'attachment', attachmentId: 'a2', filename: '名单.xlsx' }, scan.findings.filter(blocking)), 'approve')).not.toContain('XLS');
  });

  it('encrypted XLS, encrypted OOXML and DOC files are unreadable with a clear message', async () => {
    const enc = await scanFile('名单.xls', buildXls([{ name: 'A', rows: [[id]] }], { encrypted: true }), { now }).catch((e: unknown) => e);
    expect(enc).toBeInstanceOf(UnreadableFileError);
    expect((enc as Error).message).toMatch(/名单\.xls.*已加密/);
    const c = CFB.utils.cfb_new();
    CFB.utils.cfb_add(c, 'EncryptionInfo', Buffer.alloc(64, 1));
    CFB.utils.cfb_add(c, 'EncryptedPackage', Buffer.alloc(700, 2));
    await expect(scanFile('名单.xlsx', Buffer.from(CFB.write(c, { type: 'buffer' }) as Uint8Array), { now })).rejects.toThrow(/已加密/);
    const d = CFB.utils.cfb_new();
    CFB.utils.cfb_add(d, 'WordDocument', Buffer.alloc(700, 1));
    await expect(scanFile('通知.doc', Buffer.from(CFB.write(d, { type: 'buffer' }) as Uint8Array), { now })).rejects.toThrow(/无法识别/);
  });
});

/** A DOCX with document properties, a footnote, an image and (added to the XML) a text box. */
async function docxWithExtras(): Promise<Buffer> {
  const doc = new Document({
    creator: '张三',
    lastModifiedBy: '李四',
    title: `补助名单（联系电话 ${mobile}）`,
    description: `经办人身份证号：${id}`,
    footnotes: { 1: { children: [new Paragraph('经办人电话：139 1234 5678')] } },
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun('曲尺乡补助公示'), new FootnoteReferenceRun(1)] }),
          new Paragraph({ children: [new ImageRun({ type: 'png', data: buildPng(8, 8), transformation: { width: 8, height: 8 } })] }),
        ],
      },
    ],
  });
  const zip = await JSZip.loadAsync(await Packer.toBuffer(doc));
  const xml = await zip.file('word/document.xml')!.async('string');
  const box =
    '<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框：联系电话 13700137000</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>';
  zip.file('word/document.xml', xml.replace('<w:sectPr', `${box}<w:sectPr`));
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('DOCX beyond the body', () => {
  it('document properties, footnotes, text boxes; each embedded image needs manual review', async () => {
    const scan = await scanFile('公示.docx', await docxWithExtras(), { now });
    const props = scan.findings.filter((f) => f.location?.part === '文档属性');
    expect(props).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'name', text: '张三', location: { part: '文档属性', property: '作者' } }),
        expect.objectContaining({ type: 'name', text: '李四', location: { part: '文档属性', property: '最后修改者' } }),
        expect.objectContaining({ type: 'mobile', confidence: 'high', location: { part: '文档属性', property: '标题' } }),
        expect.objectContaining({ type: 'idCard', confidence: 'high', location: { part: '文档属性', property: '备注' } }),
      ]),
    );
    expect(scan.findings.find((f) => f.normalized === '13912345678')?.location?.part).toBe('footnotes');
    expect(scan.findings.find((f) => f.normalized === '13700137000')?.location?.part).toBe('body');
    expect(scan.manualReview).toEqual([{ location: { part: '嵌入图片 image1.png' }, reason: expect.stringContaining('嵌入的图片') }]);
  });

  it('masks document properties in place; the copy re-scans clean (names stay for the reviewer)', async () => {
    const { output } = await maskFile('公示.docx', await docxWithExtras(), { now });
    const core = await (await JSZip.loadAsync(output)).file('docProps/core.xml')!.async('string');
    expect(core).not.toContain(mobile);
    expect(core).not.toContain('19491231');
    expect(core).toContain('<dc:creator>张三</dc:creator>');
    const again = await scanFile('公示.docx', output, { now });
    expect(again.findings.filter(blocking)).toEqual([]);
    expect(again.manualReview).toHaveLength(1);
  });
});

/** An XLSX with a note, a sheet named with a phone number, properties and an image. */
async function xlsxWithExtras(sheetName = '名单'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '张三';
  wb.lastModifiedBy = '李四';
  wb.title = `身份证号 ${id}`;
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(['村名', '户数']);
  ws.addRow(['柳坪村', 12]);
  ws.getCell('B2').note = `核实人电话 ${mobile}`;
  const image = wb.addImage({ buffer: buildPng(8, 8) as unknown as ExcelJS.Buffer, extension: 'png' });
  ws.addImage(image, 'C1:D2');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('XLSX beyond the cells', () => {
  it('notes by sheet and cell, sheet names, document properties; images need manual review', async () => {
    const scan = await scanFile('名单.xlsx', await xlsxWithExtras('联系人13600136000'), { now });
    expect(scan.findings.find((f) => f.normalized === mobile)).toMatchObject({ type: 'mobile', location: { sheet: '联系人13600136000', cell: 'B2', part: 'comments' } });
    expect(scan.findings.find((f) => f.normalized === '13600136000')).toMatchObject({ location: { sheet: '联系人13600136000', part: '工作表名称' } });
    expect(scan.findings.find((f) => f.type === 'idCard')).toMatchObject({ confidence: 'high', location: { part: '文档属性', property: '标题' } });
    expect(scan.findings.find((f) => f.text === '张三')).toMatchObject({ type: 'name', location: { part: '文档属性', property: '作者' } });
    expect(scan.manualReview).toEqual([{ location: { part: '嵌入图片 image1.png' }, reason: expect.stringContaining('嵌入的图片') }]);
  });

  it('masks notes and properties in place; a finding in a sheet name makes the copy refused', async () => {
    const { output } = await maskFile('名单.xlsx', await xlsxWithExtras(), { now });
    const zip = await JSZip.loadAsync(output);
    const notes = Object.keys(zip.files).find((p) => /^xl\/comments\d*\.xml$/.test(p))!;
    expect(await zip.file(notes)!.async('string')).toContain('138****8000');
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain('11*************02X');
    expect((await scanFile('名单.xlsx', output, { now })).findings.filter(blocking)).toEqual([]);
    const refused = await maskFile('名单.xlsx', await xlsxWithExtras('联系人13600136000'), { now }).catch((e: unknown) => e);
    expect((refused as MaskRefusedError).reason).toBe('FINDINGS_REMAIN');
  });
});

describe('already-masked values are not findings', () => {
  const masked = [
    '身份证号：5001***********123',
    '身份证号：11*************02X',
    '公民身份号码 110105********002X',
    '电话：138****1234',
    '手机 +86 138****1234',
    '联系电话：138 **** 8000',
    '固定电话：023-5*****34',
    '银行卡号：***************0128',
    '户主：张*',
    '姓名：欧阳**',
    '邮箱 z*******@163.com',
    '护照号 E******78',
    '住址：柳坪村*组**号',
    '身份证号：110105＊＊＊＊＊＊＊＊002X',
    '身份证号：11●●●●●●●●●●●●●02X，电话：138●●●●1234',
    '姓名\t身份证号\t联系电话\n张*\t11*************02X\t138****8000\n李*\t5001***********123\t139****5678',
  ];
  it.each(masked)('%s', (text) => {
    expect(scanText(text, { now })).toEqual([]);
  });

  it('in XLSX and XLS cells: no finding, no damaged ID', async () => {
    const rows = [
      ['姓名', '身份证号', '联系电话'],
      ['张*', '5001***********123', '138****1234'],
      ['李*', '11*************02X', '139****5678'],
    ];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    rows.forEach((r) => ws.addRow(r));
    const xlsx = await scanFile('名单.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), { now });
    expect(xlsx.findings).toEqual([]);
    const xls = await scanFile('名单.xls', buildXls([{ name: '名单', rows }]), { now });
    expect(xls.findings).toEqual([]);
  });
});
