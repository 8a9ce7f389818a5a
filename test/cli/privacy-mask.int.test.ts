/**
 * `gongkai privacy mask IN OUT [--json]` as a user runs it (the real CLI in a child process, no
 * server, no database): TXT, CSV, HTML, DOCX, XLSX and PDF copies written masked and checked
 * by scanning them again here; exit 1 with nothing written when personal information would
 * remain; exit 2 for unreadable or unsupported input and usage errors.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { createPdf, finishPdf } from '../../src/lib/pdf-writer.ts';
import { isBlocking, scanFile } from '../../src/modules/privacy/index.ts';
import { extractPdf } from '../../src/modules/privacy/extract/pdf.ts';
import { segmentText } from '../../src/modules/privacy/extract/segments.ts';
import { buildPrivacyDocx, buildPrivacyXlsx, id, mobile } from '../../src/modules/privacy/testing/files.ts';
import { buildPdf, buildPng } from '../fixtures.ts';
import { buildPdfNotice, pdfPeople } from '../privacy-pdf.ts';
import { killAll, processTestTimeout, runCli, tempDir } from './process.ts';

afterAll(killAll);

const now = new Date();
const mask = (...args: string[]) => runCli(['privacy', 'mask', ...args], {});

/** No high or medium personal finding and nothing needing manual review in the written copy. */
async function expectClean(file: string): Promise<void> {
  const scan = await scanFile(file, readFileSync(file), { now });
  expect(scan.findings.filter((f) => isBlocking(f)), file).toEqual([]);
  expect(scan.manualReview).toEqual([]);
}

describe('gongkai privacy mask', { timeout: processTestTimeout * 2 }, () => {
  it('writes masked TXT, CSV and HTML copies (exit 0) and keeps their layout', async () => {
    const dir = tempDir();
    const txt = path.join(dir, '名单.txt');
    writeFileSync(txt, `户主：张三，身份证号：${id}，电话：138 0013 8000\n公示期7天。\n`);
    let r = await mask(txt, path.join(dir, 'out.txt'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('脱敏 2 处');
    expect(readFileSync(path.join(dir, 'out.txt'), 'utf8')).toBe('户主：张三，身份证号：11*************02X，电话：138 **** 8000\n公示期7天。\n');

    const csv = path.join(dir, '名单.csv');
    writeFileSync(csv, `姓名,身份证号,联系电话,备注\r\n张三,${id},${mobile},"住址：柳坪村3组12号, 已核实"\r\n`);
    r = await mask(csv, path.join(dir, 'out.csv'));
    expect(r.code, r.stderr).toBe(0);
    const out = readFileSync(path.join(dir, 'out.csv'), 'utf8');
    expect(out).toBe('姓名,身份证号,联系电话,备注\r\n张三,11*************02X,138****8000,"住址：柳坪村*****, 已核实"\r\n');
    await expectClean(path.join(dir, 'out.csv'));

    const html = path.join(dir, '公示.html');
    writeFileSync(html, `<table><tr><th>姓名</th><th>手机</th></tr><tr><td>李四</td><td class="n">${mobile}</td></tr></table>`);
    r = await mask(html, path.join(dir, 'out.html'));
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'out.html'), 'utf8')).toBe('<table><tr><th>姓名</th><th>手机</th></tr><tr><td>李四</td><td class="n">138****8000</td></tr></table>');
  });

  it('writes masked DOCX and XLSX copies with the same structure (exit 0)', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.docx'), await buildPrivacyDocx());
    writeFileSync(path.join(dir, 'a.xlsx'), await buildPrivacyXlsx());
    let r = await mask(path.join(dir, 'a.docx'), path.join(dir, 'b.docx'));
    expect(r.code, r.stderr).toBe(0);
    await expectClean(path.join(dir, 'b.docx'));
    r = await mask(path.join(dir, 'a.xlsx'), path.join(dir, 'b.xlsx'), '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'xlsx', written: true, masked: 5 });
    await expectClean(path.join(dir, 'b.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'b.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['公示名单', '原始数据', '统计']);
    expect(wb.getWorksheet('公示名单')!.getCell('B2').text).toBe('11*************02X');
  });

  it('redacts a PDF 公示 (exit 0): the written copy\'s text has no full ID or phone', async () => {
    const dir = tempDir();
    const { pdf } = await buildPdfNotice();
    writeFileSync(path.join(dir, '公示.pdf'), pdf);
    const r = await mask(path.join(dir, '公示.pdf'), path.join(dir, '公示-脱敏.pdf'), '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'pdf', written: true, masked: 8, redactedPages: [1] });
    const text = (await extractPdf(readFileSync(path.join(dir, '公示-脱敏.pdf')))).segments.map((s) => segmentText(s)).join('\n');
    for (const p of pdfPeople) {
      expect(text).not.toContain(p.id);
      expect(text).not.toContain(p.mobile);
    }
    expect(text).toContain('138****8000');
    await expectClean(path.join(dir, '公示-脱敏.pdf'));
  });

  it('exits 1 and writes nothing when personal information would remain', async () => {
    const dir = tempDir();
    // A PDF in a font that is not embedded: cannot be redacted safely.
    writeFileSync(path.join(dir, '名单.pdf'), buildPdf(['公示名单', `户主：张三 身份证号：${id}`]));
    let r = await mask(path.join(dir, '名单.pdf'), path.join(dir, 'out.pdf'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('无法自动脱敏');
    expect(existsSync(path.join(dir, 'out.pdf'))).toBe(false);
    // A redactable page and a page without text (a scan nobody can check automatically).
    const doc = createPdf({ title: '名单' });
    doc.fontSize(12).text(`身份证号：${id}`);
    doc.addPage();
    doc.rect(100, 100, 200, 100).fill('#333333');
    writeFileSync(path.join(dir, 'scan.pdf'), await finishPdf(doc));
    r = await mask(path.join(dir, 'scan.pdf'), path.join(dir, 'scan-out.pdf'), '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ written: false, masked: 1, manualReview: [{ location: { page: 2 } }], error: expect.stringContaining('须人工核对') });
    expect(existsSync(path.join(dir, 'scan-out.pdf'))).toBe(false);
  });

  it('exits 2 on unreadable or unsupported input and on usage errors', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '照片.png'), buildPng());
    writeFileSync(path.join(dir, '坏.docx'), Buffer.from('not a zip'));
    writeFileSync(path.join(dir, 'a.txt'), `电话：${mobile}`);
    const cases: Array<[string[], RegExp]> = [
      [[path.join(dir, '照片.png'), path.join(dir, 'o.png')], /图片无法自动脱敏/],
      [[path.join(dir, '坏.docx'), path.join(dir, 'o.docx')], /坏\.docx/],
      [[path.join(dir, '没有.txt'), path.join(dir, 'o.txt')], /不存在/],
      [[path.join(dir, 'a.txt'), path.join(dir, 'a.txt')], /不能与输入文件相同/],
      [[path.join(dir, 'a.txt')], /用法/],
    ];
    for (const [args, message] of cases) {
      const r = await mask(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe(`电话：${mobile}`);
    expect(existsSync(path.join(dir, 'o.png'))).toBe(false);
  });
});
