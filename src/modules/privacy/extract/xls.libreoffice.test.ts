/**
 * Real-world XLS, not just our writer's: LibreOffice Calc converts our XLS fixture to XLSX (the
 * XLS reader must give the same cell texts as the XLSX extractor on the converted file) and
 * writes an XLS from an XLSX built by test/fixtures.ts (which must scan like the XLSX). Needs
 * `soffice` with Calc (Debian libreoffice-calc-nogui): skipped without it, except in CI.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildXlsx } from '../../../../test/fixtures.ts';
import { scanFile } from '../file-scan.ts';
import { buildXls } from '../testing/xls-writer.ts';
import { segmentText } from './segments.ts';
import { readXls } from './xls.ts';
import { readXlsx } from './xlsx.ts';

const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));
// Calc is a separate Debian package; without it soffice cannot open spreadsheets.
const hasCalc = !!soffice && fs.existsSync('/usr/lib/libreoffice/program/libsclo.so');
if (!hasCalc && process.env.CI) throw new Error('CI needs LibreOffice Calc for the XLS cross-check (apt-get install libreoffice-calc-nogui)');
if (!hasCalc) console.warn('xls: LibreOffice Calc not found — skipping the conversion cross-check (apt-get install libreoffice-calc-nogui)');

const now = new Date('2025-07-01T00:00:00Z');
const id = '11010519491231002X';
let dir = '';

/** Converts `file` with LibreOffice to `format` in the temp dir; returns the output's bytes. */
async function convert(file: string, format: 'xlsx' | 'xls'): Promise<Buffer> {
  // A profile of our own: concurrent soffice runs sharing one profile fail.
  await promisify(execFile)(soffice!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', format, '--outdir', dir, file], { timeout: 120_000 });
  return fs.readFileSync(path.join(dir, `${path.parse(file).name}.${format}`));
}

describe.skipIf(!hasCalc)('XLS against LibreOffice Calc', () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-xls-'));
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('our XLS converted to XLSX by Calc: the same cell texts through both extractors', async () => {
    const file = path.join(dir, 'ours.xls');
    fs.writeFileSync(
      file,
      buildXls([
        {
          name: '公示名单',
          rows: [
            ['姓名', '身份证号', '联系电话', '金额'],
            ['张三', id, { label: '13800138000' }, 12000],
            // Excel keeps 15 significant digits of a typed number: the double a real file holds.
            ['李四', { number: Number('110101199003078000') }, { formula: '13912345678' }, 8000.5],
            [`${'备注'.repeat(5000)}${id}`, { rich: '户主：王五' }, 1, 2],
          ],
        },
        { name: '原始数据', hidden: true, rows: [['户主', '银行卡号'], ['王五', '6222021234567890128']] },
      ]),
    );
    const fromXls = readXls(fs.readFileSync(file));
    const fromXlsx = await readXlsx(await convert(file, 'xlsx'));
    expect(fromXlsx.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['公示名单', false],
      ['原始数据', true],
    ]);
    expect(fromXls.segments.slice(0, 2).map(segmentText)).toEqual(fromXlsx.segments.slice(0, 2).map(segmentText));
    expect(fromXls.damaged.map((d) => d.finding)).toEqual(fromXlsx.damaged.map((d) => d.finding));
  });

  it('an XLS written by Calc from a fixture XLSX scans like the XLSX', async () => {
    const file = path.join(dir, 'fixture.xlsx');
    fs.writeFileSync(
      file,
      await buildXlsx({
        公示名单: [
          ['姓名', '身份证号', '联系电话', '补助金额（元）'],
          ['张三', id, '13800138000', 12000],
          ['李四', Number('110101199003078035'), '13912345678', 8000],
        ],
        原始数据: [
          ['户主', '银行卡号'],
          ['王五', '6222021234567890128'],
        ],
      }),
    );
    const xls = await convert(file, 'xls');
    const pick = (s: Awaited<ReturnType<typeof scanFile>>) => s.findings.map((f) => [f.type, f.confidence, f.masked, f.location?.sheet, f.location?.cell]);
    const fromXls = await scanFile('名单.xls', xls, { now });
    expect(fromXls.kind).toBe('xls');
    const fromXlsx = await scanFile('名单.xlsx', fs.readFileSync(file), { now });
    expect(pick(fromXls)).toEqual(pick(fromXlsx).filter(([, , , , cell]) => cell !== undefined));
    expect(pick(fromXls)).toEqual(
      expect.arrayContaining([
        ['idCard', 'high', '11*************02X', '公示名单', 'B2'],
        ['mobile', 'high', '138****8000', '公示名单', 'C2'],
        ['idCard', 'high', '11*************032', '公示名单', 'B3'],
        ['bankCard', 'high', '***************0128', '原始数据', 'B2'],
      ]),
    );
  });
});
