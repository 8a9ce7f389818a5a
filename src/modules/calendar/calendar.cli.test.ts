import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/config.ts';
import { openRuntime } from '../../runtime.ts';
import { systemActor } from '../accounts/index.ts';
import { addCalendarYear } from './index.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];

function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-cal-'));
  dirs.push(dir);
  return dir;
}

/** Runs `gongkai calendar …` on an embedded data folder. */
function gongkai(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/gongkai.mjs', 'calendar', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, GONGKAI_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('gongkai calendar (shipped data, no database)', () => {
  const dir = tempDataDir();

  it('add DATE N prints the date N working days later', () => {
    const r = gongkai(dir, 'add', '2025-09-26', '20');
    expect(r).toMatchObject({ code: 0, stdout: '2025-10-30\n', stderr: '' });
    // Nothing was created: shipped data needs no database.
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('add --explain prints the Chinese explanation', () => {
    const r = gongkai(dir, 'add', '2025-09-26', '20', '--explain');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2025-10-30\n收到 2025-09-26；第1个工作日 09-28（调休上班）…；跳过 10-01 至 10-08 国庆节、中秋节；第20个工作日 2025-10-30\n');
  });

  it('warns loudly on a year without a schedule', () => {
    const r = gongkai(dir, 'add', '2026-12-20', '20');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2027-01-15\n');
    expect(r.stderr).toContain('注意：2027 年放假安排尚未录入，期限按普通周末推算，可能不准确');
  });

  it('year YYYY --json prints a JSON array of every day, names only on listed days', () => {
    const r = gongkai(dir, 'year', '2025', '--json');
    expect(r.code).toBe(0);
    const days = JSON.parse(r.stdout) as Array<{ date: string; working: boolean; name?: string }>;
    expect(days).toHaveLength(365);
    expect(days[0]).toEqual({ date: '2025-01-01', working: false, name: '元旦' });
    expect(days[1]).toEqual({ date: '2025-01-02', working: true });
    expect(days.find((d) => d.date === '2025-09-28')).toEqual({ date: '2025-09-28', working: true, name: '国庆节、中秋节调休上班' });
    expect(days.filter((d) => d.working)).toHaveLength(248);
    expect(days.filter((d) => 'name' in d)).toHaveLength(28 + 5);
  });

  it('year YYYY prints a month table', () => {
    const r = gongkai(dir, 'year', '2026');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('全年工作日 248 天');
    expect(r.stdout).toContain('2 月\n一   二   三   四   五   六   日');
    expect(r.stdout).toContain('02-15 至 02-23 春节（放假 9 天）');
  });

  it.each([
    [['add', '2025-02-30', '20'], '日期应为有效的 YYYY-MM-DD'],
    [['add', '2025-09-26', '-3'], '参数有误'],
    [['add', '2025-09-26', 'x'], '工作日数应为 1–1000 之间的整数'],
    [['add', '2025-09-26'], '工作日数应为 1–1000 之间的整数'],
    [['year', '25'], '年份应为四位数字'],
    [['year', '2025', '--bogus'], '未知选项 --bogus'],
    [['frobnicate'], '未知的 calendar 子命令'],
    [[], '缺少 calendar 子命令'],
  ])('refuses %j with exit code 2', (args, message) => {
    const r = gongkai(dir, ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('用法: gongkai calendar');
  });
});

describe('gongkai calendar (administrator-entered years in the database)', () => {
  it('reads the database when the folder is free, else falls back to shipped data with a note', async () => {
    const dir = tempDataDir();
    const runtime = await openRuntime(parseConfig({ GONGKAI_DATA_DIR: dir, LOG_LEVEL: 'silent', GONGKAI_DEMO: 'false' }));
    try {
      await addCalendarYear(runtime.ctx.db, systemActor, {
        year: 2027,
        notice: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
        days: [{ date: '2027-01-01', working: false, name: '元旦' }],
      });
    } finally {
      await runtime.close();
    }

    const free = gongkai(dir, 'add', '2026-12-31', '1');
    expect(free).toMatchObject({ code: 0, stdout: '2027-01-04\n', stderr: '' });

    // A running server holds the lock: this test process stands in for it.
    fs.writeFileSync(path.join(dir, 'gongkai.lock'), String(process.pid));
    try {
      const locked = gongkai(dir, 'add', '2026-12-31', '1');
      expect(locked.code).toBe(0);
      expect(locked.stdout).toBe('2027-01-01\n');
      expect(locked.stderr).toContain('数据目录正被另一个 Gongkai 进程');
      expect(locked.stderr).toContain('注意：2027 年放假安排尚未录入');
    } finally {
      fs.rmSync(path.join(dir, 'gongkai.lock'), { force: true });
    }
  });
});
