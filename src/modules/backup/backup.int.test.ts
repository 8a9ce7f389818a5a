import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../../../test/support/context.ts';
import { createServerDatabase, testServerUrl } from '../../../test/support/db.ts';
import { buildAgency, buildUser } from '../../../test/factories.ts';
import { buildDocx, buildPdf, buildXlsx } from '../../../test/fixtures.ts';
import { createPublishedItem } from '../publishing/index.ts';
import { openDatabase, type Database } from '../../db/client.ts';
import { setNow } from '../../lib/clock.ts';
import { localStorage, memoryStorage, type FileStorage } from '../../lib/storage.ts';
import { verifyAuditLog } from '../audit/index.ts';
import { restoreBackup, runScheduledBackup, verifyBackupFile, writeBackup } from './index.ts';
import { localMigrations, migrateUpTo, schemaTables } from './backup.repository.ts';

/** A database with nothing in it, not even migrations (a new data folder or `create database`). */
async function blankDatabase(): Promise<Database> {
  const server = await createServerDatabase();
  const database = await openDatabase({ url: server?.url, poolSize: 3 });
  return { ...database, close: async () => (await database.close(), await server?.drop()) };
}

/** Every row of every table as canonical JSON text, sorted: two equal dumps mean equal databases. */
async function dumpTables(database: Database): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone to 'UTC'`);
    for (const t of schemaTables()) {
      const res = (await tx.execute(sql`select to_jsonb(x)::text as r from ${sql.raw(t.sqlName)} x order by 1`)) as unknown as { rows: { r: string }[] };
      out[t.name] = res.rows.map((r) => r.r);
    }
  });
  return out;
}

async function dumpFiles(storage: FileStorage): Promise<Map<string, Buffer>> {
  const m = new Map<string, Buffer>();
  for (const key of (await storage.list()).sort()) m.set(key, await storage.get(key));
  return m;
}

async function tableExists(database: Database, name: string): Promise<boolean> {
  const res = (await database.db.execute(sql`select to_regclass(${name}) is not null as e`)) as unknown as { rows: { e: boolean }[] };
  return res.rows[0]!.e;
}

async function putFile(storage: FileStorage, data: Buffer): Promise<string> {
  const key = createHash('sha256').update(data).digest('hex');
  await storage.put(key, data);
  return key;
}

let t: TestContext;
let tmp: string;
let backupFile: string;
let sourceDump: Record<string, string[]>;
let sourceFiles: Map<string, Buffer>;

beforeAll(async () => {
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'gongkai-backup-test-'));
  t = await createTestContext();
  const a = await buildAgency(t.ctx, { kind: 'county', name: '巫山县人民政府（备份测试）' });
  const b = await buildAgency(t.ctx);
  const admin = await buildUser(t.ctx, { globalRole: 'sysadmin', displayName: '管理员 "引号" \\ 反斜杠\n换行' });
  await buildUser(t.ctx, { agency: a, roles: ['drafter', 'reviewer'], steps: ['first', 'privacy'] });
  await buildUser(t.ctx, { agency: b, roles: ['auditor'] });
  // Sessions, a failed login and the audit rows they write.
  await login(t.app, admin.username, admin.password);
  await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: admin.username, password: 'wrong-password' } });
  // Published items with attachments: dates, keywords (text[]), jsonb snapshots, tsvector, bigint sizes.
  await createPublishedItem(t.ctx, {
    agencyId: b.id,
    columnSlug: 'shjz',
    title: '曲尺乡2025年第一季度低保资金发放情况公示',
    bodyHtml: '<p>现将本季度<strong>最低生活保障</strong>资金发放情况予以公示。</p>',
    docNo: '曲尺府发〔2025〕12号',
    writtenOn: '2025-03-20',
    publishedAt: new Date('2025-03-25T02:00:00.123Z'),
    keywords: ['低保', '公示', '含,逗号', '含"引号'],
    attachments: [
      { filename: '低保名单.xlsx', data: await buildXlsx({ 名单: [['村名', '户数'], ['柳坪村', 12]] }) },
      { filename: '说明.docx', data: await buildDocx(['资金来源为县级财政专户']) },
      { filename: '通知.pdf', data: buildPdf(['救助对象动态管理']) },
    ],
    createdBy: admin.id,
  });
  await createPublishedItem(t.ctx, {
    agencyId: b.id,
    columnSlug: 'gfxwj',
    title: '曲尺乡村规民约管理办法',
    bodyHtml: '<p>第一条 为规范……</p>',
    docType: 'normative',
    validity: 'repealed',
    effectiveOn: '2020-02-29',
    invalidOn: '2024-12-31',
    createdBy: admin.id,
  });
  // Runtime state of this installation, deliberately not backed up.
  await t.ctx.db.execute(sql`insert into job_runs (id, last_started_at) values ('test.job', now())`);
  // Stored files: an empty one, small ones and one spanning several lines of the format.
  await putFile(t.ctx.storage, Buffer.alloc(0));
  await putFile(t.ctx.storage, Buffer.from('附件内容 attachment'));
  // Large files from a repeated random block: several lines each, yet cheap to compress.
  const block = randomBytes(4096);
  const big = (size: number) => Buffer.concat(Array.from({ length: Math.ceil(size / 4096) }, () => block)).subarray(0, size);
  await putFile(t.ctx.storage, big(3 * 1024 * 1024 + 5));
  await putFile(t.ctx.storage, big(6 * 1024 * 1024));
  backupFile = path.join(tmp, 'backup.ndjson.gz');
  sourceDump = await dumpTables(t.ctx.database);
  sourceFiles = await dumpFiles(t.ctx.storage);
});

afterAll(async () => {
  setNow(undefined);
  await t?.close();
  await fsp.rm(tmp, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('writes a gzip NDJSON file atomically with a verified trailer', async () => {
    const summary = await writeBackup(t.ctx, backupFile);
    expect(summary.files).toBe(sourceFiles.size);
    expect(sourceFiles.size).toBe(7);
    expect(summary.tables).toMatchObject({ documents: 2, document_versions: 2, attachments: 3 });
    expect(summary.skippedFiles).toEqual([]);
    expect(summary.rows).toBe(Object.values(sourceDump).reduce((n, rows) => n + rows.length, 0));
    expect(fs.existsSync(`${backupFile}.tmp`)).toBe(false);
    expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);
    const lines = zlib.gunzipSync(fs.readFileSync(backupFile)).toString('utf8').trimEnd().split('\n');
    const header = JSON.parse(lines[0]!);
    expect(header).toMatchObject({ format: 'gongkai-backup', version: 1, engine: t.ctx.database.engine });
    expect(header.schemaMigrations.length).toBeGreaterThan(0);
    // Foreign-key order: agencies and users before memberships and sessions.
    const order = header.tables.map((x: { name: string }) => x.name);
    expect(order.indexOf('agencies')).toBeLessThan(order.indexOf('memberships'));
    expect(order.indexOf('users')).toBeLessThan(order.indexOf('sessions'));
    expect(order.indexOf('documents')).toBeLessThan(order.indexOf('document_versions'));
    expect(order).not.toContain('job_runs');
    // bigint and jsonb travel as text, so no digit is lost to a JavaScript number.
    expect(header.tables.find((x: { name: string }) => x.name === 'audit_log').text).toEqual(expect.arrayContaining(['id', 'before', 'after']));
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: true, rows: summary.rows, files: 7 });
    const v = await verifyBackupFile(backupFile);
    expect(v.rows).toBe(summary.rows);
  });

  it('restores into a blank database and empty storage: every row and every byte', async () => {
    const target = await blankDatabase();
    const storage = localStorage(path.join(tmp, 'restored-files'));
    try {
      const r = await restoreBackup({ database: target, storage }, backupFile);
      expect(r.files).toBe(7);
      expect(r.tables).toMatchObject({ documents: 2, attachments: 3 });
      expect(await dumpTables(target)).toEqual(sourceDump);
      const files = await dumpFiles(storage);
      expect([...files.keys()]).toEqual([...sourceFiles.keys()]);
      for (const [key, data] of sourceFiles) expect(files.get(key)!.equals(data)).toBe(true);
      const audit = await verifyAuditLog(target.db);
      expect(audit).toMatchObject({ ok: true, rows: sourceDump.audit_log!.length });
      // bigserial sequences continue after the restored ids.
      const next = (await target.db.execute(sql`select nextval(pg_get_serial_sequence('audit_log', 'id'))::int as n`)) as unknown as { rows: { n: number }[] };
      expect(next.rows[0]!.n).toBe(sourceDump.audit_log!.length + 1);
      // So does every other sequence a column owns (e.g. review_actions.seq).
      const owned = (await target.db.execute(sql`
        select c.relname as t, a.attname as col, pg_get_serial_sequence(quote_ident(c.relname), a.attname) as seq
        from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where c.relkind = 'r' and pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null`)) as unknown as { rows: { t: string; col: string; seq: string }[] };
      expect(owned.rows.map((r) => r.t)).toEqual(expect.arrayContaining(['audit_log']));
      for (const { t: table, col, seq } of owned.rows) {
        if (table === 'audit_log') continue;
        const r = (await target.db.execute(sql`select nextval(${seq}::regclass) as n, (select max(${sql.identifier(col)}) from ${sql.identifier(table)}) as m`)) as unknown as { rows: { n: string; m: string | null }[] };
        expect(BigInt(r.rows[0]!.n) > BigInt(r.rows[0]!.m ?? 0), `${table}.${col}`).toBe(true);
      }
    } finally {
      await target.close();
    }
  });

  it('restores into a migrated but empty database too', async () => {
    const other = await createTestContext();
    try {
      await restoreBackup({ database: other.ctx.database, storage: memoryStorage() }, backupFile);
      expect(await dumpTables(other.ctx.database)).toEqual(sourceDump);
    } finally {
      await other.close();
    }
  });

  it('refuses a database that already holds data, in Chinese, writing nothing', async () => {
    const before = await dumpTables(t.ctx.database);
    await expect(restoreBackup({ database: t.ctx.database, storage: memoryStorage() }, backupFile)).rejects.toMatchObject({
      reason: 'RESTORE_TARGET_NOT_EMPTY',
      message: expect.stringContaining('目标数据库不是空的'),
    });
    expect(await dumpTables(t.ctx.database)).toEqual(before);
  });

  it('refuses a truncated file before writing anything', async () => {
    const bytes = fs.readFileSync(backupFile);
    const truncated = path.join(tmp, 'truncated.ndjson.gz');
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const target = await blankDatabase();
    const storage = memoryStorage();
    try {
      await expect(restoreBackup({ database: target, storage }, truncated)).rejects.toMatchObject({
        reason: 'BACKUP_CORRUPT',
        message: expect.stringMatching(/不完整|损坏/),
      });
      expect(await tableExists(target, 'agencies')).toBe(false);
      expect(await storage.list()).toEqual([]);
    } finally {
      await target.close();
    }
  });

  it('refuses a file whose content was altered (valid gzip, wrong checksum) or whose trailer is missing', async () => {
    const text = zlib.gunzipSync(fs.readFileSync(backupFile)).toString('utf8');
    const altered = path.join(tmp, 'altered.ndjson.gz');
    fs.writeFileSync(altered, zlib.gzipSync(text.replace('巫山县人民政府（备份测试）', '巫山县人民政府（被篡改）')));
    await expect(verifyBackupFile(altered)).rejects.toMatchObject({ reason: 'BACKUP_CORRUPT', message: expect.stringContaining('校验和不符') });
    const lines = text.trimEnd().split('\n');
    const noTrailer = path.join(tmp, 'no-trailer.ndjson.gz');
    fs.writeFileSync(noTrailer, zlib.gzipSync(`${lines.slice(0, -1).join('\n')}\n`));
    await expect(verifyBackupFile(noTrailer)).rejects.toMatchObject({ message: expect.stringContaining('缺少结尾校验行') });
    await expect(verifyBackupFile(path.join(tmp, 'nope.gz'))).rejects.toMatchObject({ message: expect.stringContaining('不存在') });
  });

  it('refuses a backup from a newer schema', async () => {
    const text = zlib.gunzipSync(fs.readFileSync(backupFile)).toString('utf8');
    const lines = text.trimEnd().split('\n');
    const header = JSON.parse(lines[0]!);
    header.schemaMigrations.push({ tag: '9999_future', hash: 'f'.repeat(64) });
    const body = [JSON.stringify(header), ...lines.slice(1, -1)].map((l) => `${l}\n`).join('');
    const trailer = { ...JSON.parse(lines.at(-1)!), sha256: createHash('sha256').update(body).digest('hex') };
    const future = path.join(tmp, 'future.ndjson.gz');
    fs.writeFileSync(future, zlib.gzipSync(`${body}${JSON.stringify(trailer)}\n`));
    // Checked before the target is even looked at (here a non-empty one, which stays as it was).
    await expect(restoreBackup({ database: t.ctx.database, storage: memoryStorage() }, future)).rejects.toMatchObject({
      reason: 'BACKUP_INCOMPATIBLE',
      message: expect.stringContaining('较新版本'),
    });
    expect(await dumpTables(t.ctx.database)).toEqual(sourceDump);
  });

  it('migrates a blank database up to a given migration, then the rest', async () => {
    const target = await blankDatabase();
    try {
      const count = async () =>
        ((await target.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;
      await migrateUpTo(target, 1);
      expect(await count()).toBe(1);
      expect(await tableExists(target, 'audit_log')).toBe(true);
      await migrateUpTo(target, localMigrations().length);
      expect(await count()).toBe(localMigrations().length);
    } finally {
      await target.close();
    }
  });

  it.runIf(testServerUrl)('crosses engines: PostgreSQL → PGlite → PostgreSQL gives the same rows', async () => {
    const lite = await openDatabase({});
    const pgTarget = await blankDatabase();
    try {
      await restoreBackup({ database: lite, storage: memoryStorage() }, backupFile);
      expect(await dumpTables(lite)).toEqual(sourceDump);
      const fromLite = path.join(tmp, 'from-pglite.ndjson.gz');
      await writeBackup({ database: lite, storage: t.ctx.storage }, fromLite);
      await restoreBackup({ database: pgTarget, storage: memoryStorage() }, fromLite);
      expect(await dumpTables(pgTarget)).toEqual(sourceDump);
      expect((await verifyAuditLog(pgTarget.db)).ok).toBe(true);
    } finally {
      await lite.close();
      await pgTarget.close();
    }
  });
});

describe('scheduled backup (system.backup)', () => {
  it('writes gongkai-YYYYMMDD-HHMMSS.ndjson.gz into data/backups and keeps the newest 7', async () => {
    const dataDir = path.join(tmp, 'data');
    const ctx = { ...t.ctx, storage: memoryStorage(), config: { ...t.ctx.config, dataDir } };
    await fsp.mkdir(path.join(dataDir, 'backups'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'backups', 'gongkai-20240101-000000.ndjson.gz.tmp'), 'left by a killed run');
    fs.writeFileSync(path.join(dataDir, 'backups', 'keep-me.txt'), 'not ours');
    for (let day = 1; day <= 9; day++) {
      setNow(new Date(2025, 0, day, 2, 30, 0));
      await runScheduledBackup(ctx);
    }
    setNow(undefined);
    const names = fs.readdirSync(path.join(dataDir, 'backups')).sort();
    expect(names).toEqual([
      'gongkai-20250103-023000.ndjson.gz',
      'gongkai-20250104-023000.ndjson.gz',
      'gongkai-20250105-023000.ndjson.gz',
      'gongkai-20250106-023000.ndjson.gz',
      'gongkai-20250107-023000.ndjson.gz',
      'gongkai-20250108-023000.ndjson.gz',
      'gongkai-20250109-023000.ndjson.gz',
      'keep-me.txt',
    ]);
    await expect(verifyBackupFile(path.join(dataDir, 'backups', names[6]!))).resolves.toMatchObject({ rows: Object.values(sourceDump).flat().length });
  });
});
