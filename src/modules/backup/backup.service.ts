/**
 * Logical backups (format.ts): write one from a consistent snapshot, verify one, restore one
 * into an empty installation, and the scheduled backup of embedded mode.
 */
import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { migrateDatabase, type Database } from '../../db/client.ts';
import type { Config } from '../../lib/config.ts';
import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { FileStorage } from '../../lib/storage.ts';
import { backupCorrupt, backupIncompatible, restoreTargetNotEmpty } from './backup.errors.ts';
import * as repo from './backup.repository.ts';
import {
  BackupFormatError,
  backupFormat,
  backupVersion,
  backupsToPrune,
  encodeLine,
  fileChunkBytes,
  parseHeader,
  parseLine,
  scheduledBackupName,
  type BackupHeader,
  type TableRef,
} from './format.ts';

/** What a backup is taken from or restored into. */
export interface BackupTarget {
  database: Database;
  storage: FileStorage;
  log?: Logger | undefined;
}

/** A stored file left out of a backup. */
export interface SkippedFile {
  key: string;
  /** missing: gone from storage; corrupt: its content no longer matches its key. */
  reason: 'missing' | 'corrupt';
}

/** Result of {@link writeBackup}. */
export interface BackupSummary {
  file: string;
  rows: number;
  files: number;
  /** Size of the written file in bytes. */
  bytes: number;
  /** Rows per table. */
  tables: Record<string, number>;
  /** Files that could not be included (logged as errors). */
  skippedFiles: SkippedFile[];
}

/** Writes one line at a time into the gzip stream, hashing what it writes, honouring backpressure. */
class LineWriter {
  readonly hash: Hash = createHash('sha256');

  constructor(
    private readonly out: Writable,
    private readonly failed: Promise<unknown>,
  ) {}

  async write(line: string, hashed = true): Promise<void> {
    if (hashed) this.hash.update(line);
    if (!this.out.write(line)) await Promise.race([once(this.out, 'drain'), this.failed]);
  }
}

/** fsyncs a file or folder (best effort on folders: not every platform allows it). */
async function fsyncPath(p: string, folder = false): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(p, 'r');
    await handle.sync();
  } catch (e) {
    if (!folder) throw e;
  } finally {
    await handle?.close();
  }
}

/** sha256 of a stored file, or null when it is gone. */
async function hashStored(storage: FileStorage, key: string): Promise<string | null> {
  const h = createHash('sha256');
  try {
    for await (const chunk of storage.stream(key)) h.update(chunk as Buffer);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  return h.digest('hex');
}

/** Writes a stored file as base64 lines of {@link fileChunkBytes} bytes. */
async function writeStoredFile(writer: LineWriter, storage: FileStorage, key: string): Promise<void> {
  let held: Buffer | null = null;
  let parts: Buffer[] = [];
  let size = 0;
  const emit = (piece: Buffer, more: boolean) => writer.write(encodeLine({ f: key, d: piece.toString('base64'), ...(more ? { more: true as const } : {}) }));
  for await (const chunk of storage.stream(key)) {
    let buf = chunk as Buffer;
    while (buf.length > 0) {
      const take = Math.min(buf.length, fileChunkBytes - size);
      parts.push(buf.subarray(0, take));
      size += take;
      buf = buf.subarray(take);
      if (size === fileChunkBytes) {
        if (held) await emit(held, true);
        held = Buffer.concat(parts);
        parts = [];
        size = 0;
      }
    }
  }
  if (held && size === 0) {
    await emit(held, false);
  } else {
    if (held) await emit(held, true);
    await emit(Buffer.concat(parts), false);
  }
}

/**
 * Writes a backup of the database and the stored files to `file` (via `file.tmp` and a
 * rename, so `file` is either the previous one or complete). Rows come from one REPEATABLE
 * READ, read-only transaction: a consistent snapshot. Files are listed after the snapshot was
 * taken; they are content-addressed and never rewritten, so every file a row of the snapshot
 * references is there (a file stored later is included too, harmlessly).
 */
export async function writeBackup(source: BackupTarget, file: string): Promise<BackupSummary> {
  const { database, storage } = source;
  const target = path.resolve(file);
  const tmp = `${target}.tmp`;
  await fsp.mkdir(path.dirname(target), { recursive: true });
  const gzip = zlib.createGzip({ level: 6 });
  const out = fs.createWriteStream(tmp, { mode: 0o600 });
  const done = pipeline(gzip, out);
  done.catch(() => undefined);
  const writer = new LineWriter(gzip, done);
  const tables = repo.schemaTables();
  const counts: Record<string, number> = {};
  const skippedFiles: SkippedFile[] = [];
  let rows = 0;
  let files = 0;
  try {
    await database.db.transaction(
      async (tx) => {
        // Output settings that could lose information or vary between servers: UTC timestamps,
        // shortest-exact floats, the default interval style.
        await tx.execute(sql`set local timezone to 'UTC'`);
        await tx.execute(sql`set local extra_float_digits to 3`);
        await tx.execute(sql`set local intervalstyle to 'postgres'`);
        // The first query fixes the snapshot.
        const info = await repo.readSnapshotInfo(tx);
        const local = repo.localMigrations();
        const refs: TableRef[] = [];
        const described = [];
        for (const table of tables) {
          const columns = await repo.catalogColumns(tx, table);
          if (columns.length === 0) throw new Error(`table ${table.name} of the schema is missing from the database (not migrated?)`);
          described.push({ table, columns });
          const kept = columns.filter((c) => !c.generated);
          refs.push({ name: table.name, columns: kept.map((c) => c.name), text: kept.filter((c) => c.asText).map((c) => c.name) });
        }
        const header: BackupHeader = {
          format: backupFormat,
          version: backupVersion,
          createdAt: info.at,
          engine: database.engine,
          schemaMigrations: info.migrations.map((m) => ({ tag: local.find((l) => l.hash === m.hash)?.tag ?? null, hash: m.hash })),
          tables: refs,
        };
        await writer.write(encodeLine(header));
        for (const { table, columns } of described) {
          const prefix = `{"t":${JSON.stringify(table.name)},"r":`;
          counts[table.name] = await repo.exportRows(tx, table, columns, async (batch) => {
            for (const r of batch) await writer.write(`${prefix}${r}}\n`);
          });
          rows += counts[table.name]!;
        }
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    for (const key of (await storage.list()).sort()) {
      // Hash first: a rotten file would make the whole backup unrestorable.
      const actual = await hashStored(storage, key);
      if (actual !== key) {
        const reason = actual === null ? 'missing' : 'corrupt';
        skippedFiles.push({ key, reason });
        source.log?.error({ key, reason }, 'backup: stored file left out');
        continue;
      }
      await writeStoredFile(writer, storage, key);
      files++;
    }
    const trailer = encodeLine({ end: true, rows, files, sha256: writer.hash.digest('hex') });
    await writer.write(trailer, false);
    gzip.end();
    await done;
    await fsyncPath(tmp);
    await fsp.rename(tmp, target);
    await fsyncPath(path.dirname(target), true);
  } catch (e) {
    gzip.destroy();
    out.destroy();
    await fsp.rm(tmp, { force: true });
    throw e;
  }
  const { size } = await fsp.stat(target);
  source.log?.info({ file: target, rows, files, bytes: size }, 'backup written');
  return { file: target, rows, files, bytes: size, tables: counts, skippedFiles };
}

/** The uncompressed lines of a backup file; throws {@link BackupFormatError} when gunzip fails. */
async function* readLines(file: string): AsyncGenerator<{ text: string; terminated: boolean }> {
  const input = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  input.on('error', (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let parts: string[] = [];
  try {
    for await (const chunk of gunzip) {
      const s = decoder.write(chunk as Buffer);
      let start = 0;
      for (let nl = s.indexOf('\n'); nl !== -1; nl = s.indexOf('\n', start)) {
        parts.push(s.slice(start, nl));
        yield { text: parts.join(''), terminated: true };
        parts = [];
        start = nl + 1;
      }
      if (start < s.length) parts.push(s.slice(start));
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw backupCorrupt(`备份文件不存在: ${file}`);
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') throw backupCorrupt(`${file} 是文件夹，不是备份文件`);
    throw new BackupFormatError(`备份文件不完整或已损坏（解压失败：${(e as Error).message}），可能在复制或写入时被截断`);
  } finally {
    input.destroy();
  }
  const rest = parts.join('') + decoder.end();
  if (rest.length) yield { text: rest, terminated: false };
}

/** Callbacks of {@link scanBackup}; without them the scan only verifies. */
interface ScanHandlers {
  onHeader?(header: BackupHeader): Promise<void>;
  /** A batch of rows of one table, in file order. */
  onRows?(table: string, rows: Record<string, unknown>[]): Promise<void>;
  /** A complete stored file whose content matches its key. */
  onFile?(key: string, data: Buffer): Promise<void>;
}

/** Result of {@link verifyBackupFile}. */
export interface VerifiedBackup {
  header: BackupHeader;
  rows: number;
  files: number;
  /** Rows per table. */
  tables: Record<string, number>;
}

const rowBatch = 500;
const rowBatchChars = 4 * 1024 * 1024;

/**
 * Reads a backup from start to end, checking everything: header, every line's shape, each
 * file's content against its key, the counts and the checksum in the trailer. Handlers
 * receive data as it is read; the caller must treat what they did as provisional until the
 * scan returns (restore runs it inside a transaction that a throw rolls back).
 */
async function scanBackup(file: string, handlers: ScanHandlers = {}): Promise<VerifiedBackup> {
  const hash = createHash('sha256');
  let header: BackupHeader | null = null;
  let tableNames = new Set<string>();
  const tables: Record<string, number> = {};
  let rows = 0;
  let files = 0;
  let lineNo = 0;
  let ended = false;
  let inFiles = false;
  let batch: Record<string, unknown>[] = [];
  let batchTable = '';
  let batchChars = 0;
  let pending: { key: string; hash: Hash; parts: Buffer[] } | null = null;
  const flush = async () => {
    if (batch.length && handlers.onRows) await handlers.onRows(batchTable, batch);
    batch = [];
    batchChars = 0;
  };
  try {
    for await (const { text, terminated } of readLines(file)) {
      lineNo++;
      if (ended) {
        if (text.trim() === '') continue;
        throw new BackupFormatError('备份文件在结尾校验行之后还有内容，文件已损坏');
      }
      if (!terminated) throw new BackupFormatError('备份文件不完整（最后一行被截断），可能在复制或写入时被截断');
      if (!header) {
        header = parseHeader(text);
        tableNames = new Set(header.tables.map((t) => t.name));
        hash.update(`${text}\n`);
        await handlers.onHeader?.(header);
        continue;
      }
      const parsed = parseLine(text, lineNo);
      if (parsed.kind === 'end') {
        if (pending) throw new BackupFormatError(`附件 ${pending.key} 不完整，文件已损坏`);
        const t = parsed.line;
        if (t.sha256 !== hash.digest('hex')) throw new BackupFormatError('备份文件校验和不符，文件已损坏或被改动');
        if (t.rows !== rows || t.files !== files) {
          throw new BackupFormatError(`备份文件内容数量不符（结尾记录 ${t.rows} 行、${t.files} 个附件，实际 ${rows} 行、${files} 个附件），文件已损坏`);
        }
        await flush();
        ended = true;
        continue;
      }
      hash.update(`${text}\n`);
      if (parsed.kind === 'row') {
        const { t, r } = parsed.line;
        if (inFiles) throw new BackupFormatError(`备份文件第 ${lineNo} 行：数据行出现在附件之后，文件已损坏`);
        if (!tableNames.has(t)) throw new BackupFormatError(`备份文件第 ${lineNo} 行：表 ${t} 不在文件头列出的表中，文件已损坏`);
        if (t !== batchTable || batch.length >= rowBatch || batchChars >= rowBatchChars) {
          await flush();
          batchTable = t;
        }
        if (handlers.onRows) {
          batch.push(r);
          batchChars += text.length;
        }
        tables[t] = (tables[t] ?? 0) + 1;
        rows++;
        continue;
      }
      // A (piece of a) stored file.
      if (!inFiles) {
        await flush();
        inFiles = true;
      }
      const { f, d, more } = parsed.line;
      if (pending && pending.key !== f) throw new BackupFormatError(`附件 ${pending.key} 不完整，文件已损坏`);
      pending ??= { key: f, hash: createHash('sha256'), parts: [] };
      const bytes = Buffer.from(d, 'base64');
      pending.hash.update(bytes);
      if (handlers.onFile) pending.parts.push(bytes);
      if (!more) {
        if (pending.hash.digest('hex') !== f) throw new BackupFormatError(`附件 ${f} 的内容与其校验值不符，文件已损坏`);
        if (handlers.onFile) await handlers.onFile(f, Buffer.concat(pending.parts));
        pending = null;
        files++;
      }
    }
  } catch (e) {
    if (e instanceof BackupFormatError) throw backupCorrupt(e.message);
    throw e;
  }
  if (!header) throw backupCorrupt('备份文件是空的');
  if (!ended) throw backupCorrupt('备份文件不完整（缺少结尾校验行），可能在复制或写入时被截断');
  return { header, rows, files, tables };
}

/** Checks a backup completely without writing anything; throws an AppError (BACKUP_CORRUPT) when it is not intact. */
export function verifyBackupFile(file: string): Promise<VerifiedBackup> {
  return scanBackup(file);
}

/** Result of {@link restoreBackup}. */
export interface RestoreSummary {
  rows: number;
  files: number;
  tables: Record<string, number>;
  /** When the backup was taken. */
  createdAt: string;
}

/**
 * Restores a backup into an empty installation: verifies the whole file first (nothing is
 * written if it is damaged), refuses a database that holds any row, migrates to the backup's
 * schema, inserts every row and writes every file inside one transaction (rolled back if
 * anything fails), resets sequences, then applies the migrations added since the backup.
 */
export async function restoreBackup(target: BackupTarget, file: string, verified?: VerifiedBackup): Promise<RestoreSummary> {
  const { database, storage } = target;
  const checked = verified ?? (await verifyBackupFile(file));
  const { header } = checked;
  const local = repo.localMigrations();
  const theirs = header.schemaMigrations;
  const mismatch = theirs.findIndex((m, i) => local[i]?.hash !== m.hash);
  if (mismatch !== -1) {
    const m = theirs[mismatch]!;
    throw backupIncompatible(
      local.some((l) => l.hash === m.hash) || mismatch < local.length
        ? `备份的数据库结构（迁移 ${m.tag ?? m.hash.slice(0, 12)}）与本版本不一致，无法恢复`
        : `备份来自较新版本的 Gongkai（含本版本没有的数据库迁移 ${m.tag ?? m.hash.slice(0, 12)}），请先升级 Gongkai 再恢复`,
    );
  }
  const tables = repo.schemaTables();
  const byName = new Map(tables.map((t) => [t.name, t]));
  const unknown = header.tables.filter((t) => !byName.has(t.name)).map((t) => t.name);
  if (unknown.length) throw backupIncompatible(`备份中的数据表 ${unknown.join('、')} 在本版本中不存在，无法恢复`);

  const busy = await repo.nonEmptyTables(database.db, tables);
  if (busy.length) throw restoreTargetNotEmpty(busy);

  await repo.migrateUpTo(database, theirs.length);
  const plans = new Map<string, { columns: string[]; text: Set<string>; target: Map<string, repo.CatalogColumn> }>();
  for (const ref of header.tables) {
    const cols = await repo.catalogColumns(database.db, byName.get(ref.name)!);
    const targetCols = new Map(cols.filter((c) => !c.generated).map((c) => [c.name, c]));
    const missing = ref.columns.filter((c) => !targetCols.has(c));
    if (missing.length) throw backupIncompatible(`备份中表 ${ref.name} 的列 ${missing.join('、')} 在本版本中不存在，无法恢复`);
    plans.set(ref.name, { columns: ref.columns, text: new Set(ref.text), target: targetCols });
  }

  let result: VerifiedBackup | undefined;
  await database.db.transaction(async (tx) => {
    // Checked again inside the transaction: nothing may have slipped in meanwhile.
    const busyNow = await repo.nonEmptyTables(tx, tables);
    if (busyNow.length) throw restoreTargetNotEmpty(busyNow);
    result = await scanBackup(file, {
      onRows: async (table, rows) => {
        const plan = plans.get(table)!;
        await repo.insertRows(tx, byName.get(table)!, plan.columns, plan.text, plan.target, rows);
      },
      // Files go to storage before the rows commit: a failure leaves at most unreferenced,
      // content-addressed files, never rows pointing at missing ones.
      onFile: (key, data) => storage.put(key, data),
    });
    for (const ref of header.tables) await repo.resetSequences(tx, byName.get(ref.name)!);
  });
  await migrateDatabase(database);
  target.log?.info({ file, rows: result!.rows, files: result!.files }, 'backup restored');
  return { rows: result!.rows, files: result!.files, tables: result!.tables, createdAt: header.createdAt };
}

/** Folder of the scheduled backups inside the data folder. */
export function backupsDir(config: Config): string {
  return path.join(config.dataDir, 'backups');
}

/** How many scheduled backups are kept. */
export const keptBackups = 7;

/**
 * The scheduled backup of embedded mode: writes data/backups/gongkai-YYYYMMDD-HHMMSS.ndjson.gz
 * from the running server's own connection (the CLI cannot open a locked data folder), then
 * keeps the newest {@link keptBackups}.
 */
export async function runScheduledBackup(ctx: AppContext): Promise<{ file: string; pruned: string[] }> {
  const dir = backupsDir(ctx.config);
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  // Only this process holds the data folder: a leftover .tmp is from a killed run.
  for (const name of await fsp.readdir(dir)) {
    if (/^gongkai-\d{8}-\d{6}\.ndjson\.gz\.tmp$/.test(name)) await fsp.rm(path.join(dir, name), { force: true });
  }
  const summary = await writeBackup(ctx, path.join(dir, scheduledBackupName(now())));
  const pruned = backupsToPrune(await fsp.readdir(dir), keptBackups);
  for (const name of pruned) await fsp.rm(path.join(dir, name), { force: true });
  return { file: summary.file, pruned };
}
