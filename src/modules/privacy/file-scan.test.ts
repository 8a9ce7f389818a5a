/**
 * Extractors and file masking on real files built in code: DOCX (runs split inside a number, a
 * table, header, footer, comment), XLSX (hidden sheet, an ID turned into 1.10101E+17, shared
 * strings, styles), CSV, HTML, a PDF with a text layer and one without, images.
 */
import { deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildPdf, buildPng } from '../../../test/fixtures.ts';
import { buildPrivacyDocx, buildPrivacyXlsx, buildTwoPagePdf, id, mobile } from './testing/files.ts';
import { maskFile, maskHtml, MaskRefusedError, scanFile, scanHtml } from './file-scan.ts';

const now = new Date('2025-07-01T00:00:00Z');

describe('DOCX', () => {
  it('joins runs, reads tables with cell coordinates, headers and comments', async () => {
    const scan = await scanFile('公示.docx', await buildPrivacyDocx(), { now });
    const byText = new Map(scan.findings.map((f) => [f.normalized, f]));
    expect(byText.get(id)).toMatchObject({ type: 'idCard', confidence: 'high', location: { part: 'body', paragraph: 2 } });
    expect(byText.get('11010119900307803X')).toMatchObject({ type: 'idCard', location: { part: 'body', table: 1, row: 2, column: 2 } });
    expect(byText.get('13912345678')?.location).toMatchObject({ table: 1, row: 2, column: 3 });
    expect(byText.get('13900139000')?.location?.part).toMatch(/^header/);
    expect(byText.get(mobile)?.location?.part).toBe('comments');
    expect(scan.findings.find((f) => f.type === 'name' && f.text === '李四')?.location).toMatchObject({ row: 2, column: 1 });
  });

  it('masks in place: same parts, styles and tables; re-scans clean', async () => {
    const data = await buildPrivacyDocx();
    const { output, masked } = await maskFile('公示.docx', data, { now });
    expect(masked).toBeGreaterThanOrEqual(5);
    const before = await JSZip.loadAsync(data);
    const after = await JSZip.loadAsync(output);
    expect(Object.keys(after.files).sort()).toEqual(Object.keys(before.files).sort());
    expect(await after.file('word/styles.xml')!.async('string')).toBe(await before.file('word/styles.xml')!.async('string'));
    const xml = await after.file('word/document.xml')!.async('string');
    expect(xml.match(/<w:tbl>/g)?.length).toBe(1);
    expect(xml).toContain('<w:b/>');
    expect(xml).not.toContain('19491231');
    expect(xml).toContain('11');
    const again = await scanFile('公示.docx', output, { now });
    expect(again.findings.filter((f) => f.personal && f.confidence !== 'low')).toEqual([]);
  });
});

describe('XLSX', () => {
  it('reads every sheet incl. hidden ones, with sheet and cell; flags a 1.10101E+17 ID', async () => {
    const scan = await scanFile('名单.xlsx', await buildPrivacyXlsx(), { now });
    const at = (cell: string, sheet = '公示名单') => scan.findings.find((f) => f.location?.sheet === sheet && f.location.cell === cell);
    expect(at('B2')).toMatchObject({ type: 'idCard', confidence: 'high' });
    expect(at('C2')).toMatchObject({ type: 'mobile' });
    expect(at('B3')).toMatchObject({ type: 'idCard', confidence: 'high', text: '1.10101E+17', reason: expect.stringContaining('数字被表格软件转换为科学计数法，身份证号已损坏') });
    expect(at('B2', '原始数据')).toMatchObject({ type: 'bankCard', confidence: 'high' });
    expect(scan.findings.some((f) => f.location?.sheet === '统计')).toBe(false);
    expect(scan.findings.some((f) => f.location?.cell === 'D2')).toBe(false);
  });

  it('masks cells in place: sheet names, hidden state, styles kept; re-scans clean', async () => {
    const data = await buildPrivacyXlsx();
    const { output } = await maskFile('名单.xlsx', data, { now });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(output as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['公示名单', '原始数据', '统计']);
    expect(wb.getWorksheet('原始数据')!.state).toBe('hidden');
    const ws = wb.getWorksheet('公示名单')!;
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getColumn(2).width).toBe(24);
    expect(ws.getCell('B2').text).toBe('11*************02X');
    expect(ws.getCell('C2').text).toBe('138****8000');
    expect(ws.getCell('B3').text).not.toMatch(/E\+17|110101/);
    expect(ws.getCell('D2').value).toBe(12000);
    expect(wb.getWorksheet('原始数据')!.getCell('B2').text).toBe('***************0128');
    const again = await scanFile('名单.xlsx', output, { now });
    expect(again.findings.filter((f) => f.personal && f.confidence !== 'low')).toEqual([]);
    const before = await JSZip.loadAsync(data);
    const after = await JSZip.loadAsync(output);
    expect(await after.file('xl/styles.xml')!.async('string')).toBe(await before.file('xl/styles.xml')!.async('string'));
  });
});

describe('CSV, HTML, text', () => {
  it('CSV cells are located; GB18030 is decoded', async () => {
    const csv = `姓名,身份证号,电话\n张三,${id},${mobile}\n`;
    const scan = await scanFile('名单.csv', Buffer.from(new TextEncoder().encode(csv)), { now });
    expect(scan.findings.find((f) => f.type === 'idCard')?.location).toEqual({ sheet: '名单.csv', cell: 'B2' });
    expect(scan.findings.find((f) => f.type === 'mobile')?.location).toEqual({ sheet: '名单.csv', cell: 'C2' });
  });

  it('HTML findings by paragraph; masking keeps the tags', () => {
    const html = `<p>现予公示。</p><p>户主：张三，电话：<strong>138</strong>0013 8000</p><table><tr><td>姓名</td><td>身份证号</td></tr><tr><td>李四</td><td>${id}</td></tr></table>`;
    const findings = scanHtml(html, { now });
    expect(findings.find((f) => f.type === 'mobile')).toMatchObject({ text: '1380013 8000', location: { paragraph: 2 } });
    expect(findings.find((f) => f.type === 'idCard')?.location).toEqual({ paragraph: 4 });
    const { output, masked } = maskHtml(html, { now });
    expect(masked).toBe(2);
    expect(output).toBe(`<p>现予公示。</p><p>户主：张三，电话：<strong>138</strong>**** 8000</p><table><tr><td>姓名</td><td>身份证号</td></tr><tr><td>李四</td><td>11*************02X</td></tr></table>`);
    expect(scanHtml(output, { now }).filter((f) => f.confidence !== 'low')).toEqual([]);
  });
});

describe('PDF and images', () => {
  it('per page text (CJK through the CMaps); a page without text needs manual review', async () => {
    const pdf = buildTwoPagePdf(['危房改造补助公示', `户主：张三 身份证号：${id}`]);
    const scan = await scanFile('公示.pdf', pdf, { now });
    expect(scan.findings.find((f) => f.type === 'idCard')).toMatchObject({ confidence: 'high', location: { page: 1 } });
    expect(scan.manualReview).toEqual([{ location: { page: 2 }, reason: expect.stringContaining('没有文字层') }]);
  });

  it('a PDF that cannot be redacted safely (font not embedded) and images are refused for masking with a clear message', async () => {
    await expect(maskFile('a.pdf', buildPdf([`身份证号：${id}`]), { now })).rejects.toThrow(/无法自动脱敏/);
    const err = await maskFile('a.png', buildPng(), { now }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MaskRefusedError);
    expect((err as Error).message).toBe('图片无法自动脱敏，请上传已处理的文件');
    const scan = await scanFile('a.png', buildPng(), { now });
    expect(scan.manualReview).toHaveLength(1);
  });

  it('an unreadable file is an error, not a clean result', async () => {
    await expect(scanFile('a.docx', Buffer.concat([Buffer.from('PK\x03\x04'), deflateSync(Buffer.from('x'))]), { now })).rejects.toThrow(/已损坏|无法识别/);
  });
});
