/**
 * `gongkai backup` / `gongkai restore` as real processes: a round trip into an empty data
 * folder, the scheduled backup of a running embedded server, and the refusals (locked folder,
 * non-empty target, truncated file).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabase, testServerUrl } from '../support/db.ts';
import { killAll, processTestTimeout, runCli, signIn, startServer, tempDir } from './process.ts';

const adminPassword = 'Backup-Test-Passw0rd';
let work: string;
let source: Record<string, string>;
let documentsBefore: unknown;
let usersBefore: string[];
let backupFile: string;
let backupCounts: { rows: number; files: number };

/** Every file under `dir`, relative path → bytes. */
function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      out.set(path.relative(dir, full), fs.readFileSync(full));
    }
  }
  return out;
}

beforeAll(async () => {
  work = tempDir();
  // Demo on: sample items with an XLSX attachment.
  source = { GONGKAI_DATA_DIR: path.join(work, 'source'), GONGKAI_ADMIN_PASSWORD: adminPassword };
  const server = await startServer(source);
  try {
    const admin = await signIn(server.url, 'admin', adminPassword);
    expect((await admin.request('POST', '/api/users', { username: 'wangwu', displayName: '王五', password: 'Wang-Wu-Passw0rd', globalRole: 'supervisor' })).status).toBe(201);
    documentsBefore = await (await admin.request('GET', '/api/documents')).json();
    usersBefore = ((await (await admin.request('GET', '/api/users')).json()) as { users: { username: string }[] }).users.map((u) => u.username).sort();

    // The running server holds the folder: the CLI refuses and points at the scheduled backups.
    const locked = await runCli(['backup', path.join(work, 'locked.ndjson.gz')], source);
    expect(locked.code).toBe(3);
    expect(locked.stderr).toContain(path.join(source.GONGKAI_DATA_DIR!, 'backups'));
    expect(fs.existsSync(path.join(work, 'locked.ndjson.gz'))).toBe(false);
    // …where the in-process job has written one (it runs shortly after start).
    const backups = path.join(source.GONGKAI_DATA_DIR!, 'backups');
    for (let i = 0; i < 400 && !(fs.existsSync(backups) && fs.readdirSync(backups).some((n) => n.endsWith('.ndjson.gz'))); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(fs.readdirSync(backups).filter((n) => /^gongkai-\d{8}-\d{6}\.ndjson\.gz$/.test(n))).toHaveLength(1);
  } finally {
    await server.stop();
  }
  backupFile = path.join(work, 'full.ndjson.gz');
  const backup = await runCli(['backup', backupFile], source);
  expect(backup.stderr).toBe('');
  expect(backup.code).toBe(0);
  const counts = /（(\d+) 行数据，(\d+) 个附件/.exec(backup.stdout);
  expect(counts).not.toBeNull();
  backupCounts = { rows: Number(counts![1]), files: Number(counts![2]) };
  expect(backupCounts.files).toBeGreaterThan(0);
});
afterAll(killAll);

/** Starts a server on a restored installation and checks it serves what the source did. */
async function expectSameRecords(env: Record<string, string>): Promise<void> {
  const server = await startServer(env);
  try {
    expect(server.stdout()).not.toContain('初始密码');
    const admin = await signIn(server.url, 'admin', adminPassword);
    expect(await (await admin.request('GET', '/api/documents')).json()).toEqual(documentsBefore);
    const users = ((await (await admin.request('GET', '/api/users')).json()) as { users: { username: string }[] }).users.map((u) => u.username).sort();
    expect(users).toEqual(usersBefore);
    expect(await (await admin.request('GET', '/api/audit/verify')).json()).toMatchObject({ ok: true });
  } finally {
    await server.stop();
  }
}

/** Attachments of two data folders are the same files, byte for byte. */
function expectSameFiles(fromDir: string, toDir: string): void {
  const before = readTree(path.join(fromDir, 'files'));
  const after = readTree(path.join(toDir, 'files'));
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [name, data] of before) expect(after.get(name)!.equals(data), name).toBe(true);
}

describe('gongkai backup / restore', { timeout: processTestTimeout }, () => {
  it('round-trips every record and attachment into an empty data folder', async () => {
    const target = { GONGKAI_DATA_DIR: path.join(work, 'restored') };
    const restore = await runCli(['restore', backupFile], target);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`恢复完成：${backupCounts.rows} 行数据，${backupCounts.files} 个附件`);
    expectSameFiles(source.GONGKAI_DATA_DIR!, target.GONGKAI_DATA_DIR);

    // A second restore into the now non-empty folder is refused.
    const twice = await runCli(['restore', backupFile], target);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('目标数据库不是空的');

    // The restored installation starts without a new password and serves the same records.
    await expectSameRecords(target);
  });

  it.runIf(testServerUrl)('restores the embedded backup onto a fresh PostgreSQL database', async () => {
    const db = (await createServerDatabase())!;
    try {
      const target = { GONGKAI_DATA_DIR: path.join(work, 'on-postgres'), DATABASE_URL: db.url };
      const restore = await runCli(['restore', backupFile], target);
      expect(restore.stderr).toBe('');
      expect(restore.code).toBe(0);
      expectSameFiles(source.GONGKAI_DATA_DIR!, target.GONGKAI_DATA_DIR);
      await expectSameRecords(target);
    } finally {
      await db.drop();
    }
  });

  it('refuses a truncated backup (exit 2) without creating the data folder', async () => {
    const scheduled = path.join(source.GONGKAI_DATA_DIR!, 'backups');
    const name = fs.readdirSync(scheduled).find((n) => n.endsWith('.ndjson.gz'))!;
    const bytes = fs.readFileSync(path.join(scheduled, name));
    const truncated = path.join(work, 'truncated.ndjson.gz');
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const target = path.join(work, 'never-created');
    const r = await runCli(['restore', truncated], { GONGKAI_DATA_DIR: target });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/恢复失败：备份文件不完整|已损坏/);
    expect(fs.existsSync(target)).toBe(false);

    const usage = await runCli(['restore'], { GONGKAI_DATA_DIR: target });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('用法');
  });
});
