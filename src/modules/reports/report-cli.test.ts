/** `gongkai report check` end to end: spawns the real command (no database involved). */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportDocx, editSeedCell, renderReportHtml, seedNumbers, SEED_PATH } from './fixtures/render.ts';
import { SECTION3_ROW_KEYS } from './model.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = path.join(root, 'bin', 'gongkai.mjs');
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

let tmp = '';

function run(args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'report', ...args],
      { cwd, env: { ...process.env, GONGKAI_DATA_DIR: path.join(tmp, 'data'), LOG_LEVEL: 'silent' }, timeout: 120_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 99) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gongkai-report-cli-'));
  await writeFile(path.join(tmp, 'g1-total.txt'), editSeedCell('一、本年新收政府信息公开申请数量', 6, '2'));
  await writeFile(path.join(tmp, 'g3-leaf.txt'), editSeedCell('(一)予以公开', 3, '1'));
  await writeFile(path.join(tmp, 'g4-review.txt'), editSeedCell('行政复议', 4, '1', '四、政府信息公开行政复议'));
  await writeFile(path.join(tmp, 'g5-negative.txt'), editSeedCell('行政强制', 0, '-2'));
  await writeFile(path.join(tmp, 's5-blank.txt'), editSeedCell('一、本年新收政府信息公开申请数量', 2, ''));
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('gongkai report check', () => {
  it('the seed report with --json: exit 0 and the documented contract', async () => {
    const { code, stdout } = await run(['check', SEED_PATH, '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['title', 'agency', 'year', 'format', 'section2', 'section3', 'section4', 'checks', 'consistent']);
    expect(json).toMatchObject({
      title: '巫山县曲尺乡人民政府2025年政府信息公开工作年度报告',
      agency: '巫山县曲尺乡人民政府',
      year: 2025,
      format: 'text',
      consistent: true,
    });
    const seed = seedNumbers();
    expect(json.section2).toEqual(seed.section2);
    expect(json.section4).toEqual(seed.section4);
    const s3 = json.section3 as { columns: string[]; rows: Record<string, number[]>; blank: string[] };
    expect(s3.columns).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
    // The 25 row keys of issue 5, in table order.
    expect(Object.keys(s3.rows)).toEqual(
      'new, carried_over, granted, partial, denied_state_secret, denied_law_forbids, denied_security_stability, denied_third_party, denied_internal_affairs, denied_process_info, denied_enforcement_file, denied_admin_query, unavailable_not_held, unavailable_needs_creation, unavailable_still_unclear, not_processed_petition, not_processed_duplicate, not_processed_publication, not_processed_excessive, not_processed_reconfirm, other_no_correction, other_fee_unpaid, other_other, total, carried_forward'.split(', '),
    );
    expect(Object.keys(s3.rows)).toEqual([...SECTION3_ROW_KEYS]);
    expect(s3.rows).toEqual(seed.section3.rows);
    expect(s3.blank).toEqual([]);
    const checks = json.checks as Array<Record<string, unknown>>;
    expect(checks.map((c) => c.rule)).toEqual(['G1', 'G2', 'G3', 'G4', 'G5', 'S1', 'S2', 'S3', 'S4', 'S5']);
    for (const c of checks) {
      expect(Object.keys(c)).toEqual(['rule', 'ok', 'message', 'cells']);
      expect(c.ok).toBe(true);
    }
  });

  it('prints the three tables and every rule', async () => {
    const { code, stdout } = await run(['check', SEED_PATH]);
    expect(code).toBe(0);
    expect(stdout).toContain('巫山县曲尺乡人民政府2025年政府信息公开工作年度报告');
    expect(stdout).toMatch(/行政处罚\s+21/);
    expect(stdout).toMatch(/一、本年新收\s+1\s+0\s+0\s+0\s+0\s+0\s+1/);
    expect(stdout).toMatch(/行政复议\s+0\s+0\s+0\s+0\s+0/);
    for (const rule of ['G1', 'G2', 'G3', 'G4', 'G5', 'S1', 'S2', 'S3', 'S4', 'S5']) expect(stdout).toContain(`[通过] ${rule}`);
    expect(stdout).toContain('结论：勾稽关系全部成立');
  });

  it('broken variants exit 1 naming the rule and the cell; several files exit with the worst code', async () => {
    const files = ['g1-total.txt', 'g3-leaf.txt', 'g4-review.txt', 'g5-negative.txt', 's5-blank.txt'].map((f) => path.join(tmp, f));
    const { code, stdout } = await run(['check', ...files, '--json']);
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as Array<{ file: string; consistent: boolean; checks: Array<{ rule: string; ok: boolean; cells: string[] }> }>;
    const failedOf = (name: string) => {
      const r = results.find((x) => x.file.endsWith(name));
      return Object.fromEntries((r?.checks ?? []).filter((c) => !c.ok).map((c) => [c.rule, c.cells[0]]));
    };
    expect(failedOf('g1-total.txt')).toEqual({ G1: '三.总计.一', G2: '三.总计.一' });
    expect(failedOf('g3-leaf.txt')).toEqual({ G2: '三.社会公益组织.三(一)', G3: '三.社会公益组织.三(一)' });
    expect(failedOf('g4-review.txt')).toEqual({ G4: '四.行政复议.总计' });
    expect(failedOf('g5-negative.txt')).toEqual({ G5: '二.行政强制.本年处理决定数量' });
    expect(failedOf('s5-blank.txt')).toEqual({ S5: '三.科研机构.一' });
    expect(results.map((r) => r.consistent)).toEqual([false, false, false, false, true]);
  });

  it('text output of a broken report says which rule and cell', async () => {
    const { code, stdout } = await run(['check', SEED_PATH, path.join(tmp, 'g1-total.txt')]);
    expect(code).toBe(1);
    expect(stdout).toContain('[违反] G1 不相符：“总计”列：一(2) + 二(0) = 2，三(七)(1) + 四(0) = 1');
    expect(stdout).toContain('最可能是 三.总计.一（表中为 2，按勾稽关系应为 1）');
    expect(stdout).toContain('结论：不一致，违反 G1、G2');
    expect(stdout).toContain('共 2 份：一致 1 份，不一致 1 份，无法检查 0 份');
  });

  it('a text that is not an annual report exits 2 with a Chinese message', async () => {
    const plain = await run(['check', fixture('not-a-report.txt')]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('不是政府信息公开工作年度报告');
    const json = await run(['check', fixture('not-a-report.txt'), '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'NOT_A_REPORT', message: expect.stringContaining('不是政府信息公开工作年度报告') } });
  });

  it('a 2019 trial-format report exits 2 and is called old format', async () => {
    const { code, stderr } = await run(['check', fixture('old-format-2019.txt')]);
    expect(code).toBe(2);
    expect(stderr).toContain('2019 年试行格式');
  });

  it('usage errors exit 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['check'])).code).toBe(2);
  });

  it('a folder: checks every report inside and writes the XLSX summary (default name in the working folder)', async () => {
    const dir = path.join(tmp, '2025年报');
    await mkdir(path.join(dir, '乡镇'), { recursive: true });
    await copyFile(SEED_PATH, path.join(dir, '曲尺乡.txt'));
    await writeFile(path.join(dir, '曲尺乡.html'), renderReportHtml(seedNumbers()));
    await writeFile(path.join(dir, '乡镇', '曲尺乡.docx'), await buildReportDocx(seedNumbers()));
    await copyFile(path.join(tmp, 'g1-total.txt'), path.join(dir, '错误.txt'));
    await copyFile(fixture('not-a-report.txt'), path.join(dir, '通知.txt'));
    await copyFile(fixture('old-format-2019.txt'), path.join(dir, '旧格式.txt'));
    await writeFile(path.join(dir, '说明.xlsx'), 'not a report type');
    const cwd = path.join(tmp, 'work');
    await mkdir(cwd);
    const { code, stdout } = await run(['check', dir], cwd);
    expect(code).toBe(2);
    expect(stdout).toContain('共 6 份：一致 3 份，不一致 1 份，无法检查 2 份');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(cwd, '年报检查汇总.xlsx'));
    const ws = wb.getWorksheet('年报检查汇总')!;
    const rows: Array<Array<unknown>> = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['文件', '单位', '年度', '格式', '是否一致', '违反的规则', '提示', '本年新收申请', '上年结转', '办理结果总计', '结转下年度', '行政复议', '行政诉讼', '行政处罚', '行政许可', '说明']);
    expect(rows).toHaveLength(7);
    const byFile = (name: string) => rows.find((r) => String(r[0]).endsWith(name)) ?? [];
    expect(byFile('曲尺乡.txt').slice(1, 15)).toEqual(['巫山县曲尺乡人民政府', 2025, 'text', '是', undefined, undefined, 1, 0, 1, 0, 0, 0, 21, 0]);
    expect(byFile('曲尺乡.html').slice(1, 5)).toEqual(['巫山县曲尺乡人民政府', 2025, 'html', '是']);
    expect(byFile('曲尺乡.docx').slice(1, 5)).toEqual(['巫山县曲尺乡人民政府', 2025, 'docx', '是']);
    expect(byFile('错误.txt').slice(4, 6)).toEqual(['否', 'G1、G2']);
    expect(String(byFile('错误.txt')[15])).toContain('三.总计.一');
    expect(byFile('通知.txt')[4]).toBe('不是年度报告');
    expect(byFile('旧格式.txt').slice(1, 5)).toEqual(['示例县青石镇人民政府', 2019, undefined, '旧格式（2019年试行）']);
    expect(rows.some((r) => String(r[0]).endsWith('.xlsx'))).toBe(false);
    const detail = wb.getWorksheet('未通过的规则')!;
    expect(detail.rowCount).toBe(3);
  });
});
