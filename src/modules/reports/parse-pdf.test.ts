/**
 * PDF input: the seed report rendered to HTML and printed to PDF by headless Chromium (as a
 * site's "print to PDF" would), then read back through pdf.js. Skipped with a message when
 * Chromium is not installed, except on CI, where a missing Chromium fails the run.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkParsedReport } from './check.ts';
import { renderReportHtml, seedNumbers } from './fixtures/render.ts';
import { SECTION3_LEAF_KEYS, cloneReportNumbers, emptyReportNumbers, type ReportNumbers, type Row7 } from './model.ts';
import { readReport } from './parse/index.ts';
import { ReportReadError } from './reports.errors.ts';

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const enabled = !!chromium || !!process.env.CI;
if (!enabled) console.warn('未找到 /usr/bin/chromium：跳过 PDF 输入测试（apt-get install -y chromium fonts-wqy-microhei；CI 上不跳过）');

let dir = '';

/** A consistent report with many non-zero, multi-digit cells. */
function variedNumbers(): ReportNumbers {
  const n = emptyReportNumbers();
  const row = (six: number[]): Row7 => [...six, six.reduce((a, b) => a + b, 0)] as Row7;
  SECTION3_LEAF_KEYS.forEach((key, i) => (n.section3.rows[key] = row([(i * 7) % 13, i % 3, 0, (i * 5) % 4, i % 2, (i * 11) % 17])));
  const handled = n.section3.rows.total.map((_, c) => SECTION3_LEAF_KEYS.reduce((s, k) => s + (n.section3.rows[k][c] ?? 0), 0));
  n.section3.rows.total = handled as Row7;
  n.section3.rows.carried_forward = row([4, 0, 1, 0, 0, 2]);
  n.section3.rows.carried_over = row([3, 1, 0, 0, 0, 0]);
  n.section3.rows.new = n.section3.rows.total.map((t, c) => t + (n.section3.rows.carried_forward[c] ?? 0) - (n.section3.rows.carried_over[c] ?? 0)) as Row7;
  n.section2 = { regulations: { issued: 0, repealed: 0, inForce: 0 }, normativeDocuments: { issued: 12, repealed: 3, inForce: 147 }, licensing: 1024, penalties: 21, enforcement: 5, feesWan: 12.375 };
  n.section4 = { reconsideration: [2, 1, 0, 1, 4], litigationDirect: [1, 0, 0, 0, 1], litigationAfterReconsideration: [0, 0, 1, 0, 1] };
  return n;
}
const pdfs: Record<string, Buffer> = {};

async function printPdf(name: string, html: string, headerFooter = false): Promise<void> {
  const htmlPath = path.join(dir, `${name}.html`);
  const pdfPath = path.join(dir, `${name}.pdf`);
  await writeFile(htmlPath, html);
  await promisify(execFile)(
    chromium ?? '/usr/bin/chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      ...(headerFooter ? [] : ['--no-pdf-header-footer']),
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      `--user-data-dir=${path.join(dir, `profile-${name}`)}`,
      `--print-to-pdf=${pdfPath}`,
      `file://${htmlPath}`,
    ],
    { timeout: 90_000 },
  );
  pdfs[name] = await readFile(pdfPath);
}

describe.skipIf(!enabled)('PDF printed from the report page', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'gongkai-report-pdf-'));
    const wrong = cloneReportNumbers(seedNumbers());
    wrong.section3.rows.new[6] = 3;
    const blanks = new Set(['三.商业企业.一', '三.法律服务机构.三(七)', '三.科研机构.三(三)4']);
    await Promise.all([
      printPdf('seed', renderReportHtml(seedNumbers())),
      printPdf('blank', renderReportHtml(seedNumbers(), { cellText: (cell, v) => (blanks.has(cell) ? '' : String(v)) })),
      printPdf('wrong', renderReportHtml(wrong)),
      printPdf('varied', renderReportHtml(variedNumbers(), { overview: ['一、总体情况', '全年共收到政府信息公开申请'] })),
      // Printed as a browser does by default: date and title on top, URL and page numbers below.
      printPdf('browser', renderReportHtml(seedNumbers(), { layoutTable: true, wordStyle: true }), true),
      printPdf('empty', '<!doctype html><html><head><meta charset="utf-8"></head><body><div style="height:200px;background:#ccc"></div></body></html>'),
    ]);
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the seed report parses to the same numbers and passes every rule', async () => {
    const p = await readReport(pdfs.seed!, 'seed.pdf');
    expect(p.numbers).toEqual(seedNumbers());
    expect(p).toMatchObject({ title: '巫山县曲尺乡人民政府2025年政府信息公开工作年度报告', agency: '巫山县曲尺乡人民政府', year: 2025, format: 'pdf' });
    const r = checkParsedReport(p);
    expect(r.consistent).toBe(true);
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    expect(r.checks.find((c) => c.rule === 'S3')?.message).toContain('申请1件');
  });

  it('survives the browser’s print header and footer (date, title, URL, page numbers) and a layout table', async () => {
    const p = await readReport(pdfs.browser!, 'browser.pdf');
    expect(p.numbers).toEqual(seedNumbers());
    expect(p.agency).toBe('巫山县曲尺乡人民政府');
  });

  it('reads multi-digit numbers, decimals and every row of a busy report', async () => {
    const p = await readReport(pdfs.varied!, 'varied.pdf');
    expect(p.numbers).toEqual(variedNumbers());
    expect(checkParsedReport(p).consistent).toBe(true);
  });

  it('places the numbers of rows with blank cells by their position', async () => {
    const p = await readReport(pdfs.blank!, 'blank.pdf');
    expect(p.numbers.section3.blank.sort()).toEqual(['三.商业企业.一', '三.法律服务机构.三(七)', '三.科研机构.三(三)4'].sort());
    expect(p.numbers.section3.rows.new).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(p.numbers.section3.rows.total).toEqual([1, 0, 0, 0, 0, 0, 1]);
    const r = checkParsedReport(p);
    expect(r.consistent).toBe(true);
    expect(r.checks.find((c) => c.rule === 'S5')?.ok).toBe(false);
  });

  it('a total that does not add up fails G1 and G2 naming the cell', async () => {
    const r = checkParsedReport(await readReport(pdfs.wrong!, 'wrong.pdf'));
    expect(r.consistent).toBe(false);
    expect(r.checks.filter((c) => !c.ok).map((c) => [c.rule, c.cells[0]])).toEqual([
      ['G1', '三.总计.一'],
      ['G2', '三.总计.一'],
    ]);
  });

  it('a PDF without text (a scan) is unreadable', async () => {
    const e = await readReport(pdfs.empty!, 'scan.pdf').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ReportReadError);
    expect((e as ReportReadError).kind).toBe('UNREADABLE');
    expect((e as ReportReadError).message).toContain('没有可提取的文字');
  });
});
