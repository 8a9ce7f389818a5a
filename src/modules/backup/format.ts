/**
 * The backup file format, pure (no I/O): one gzip stream of NDJSON.
 *
 *   {"format":"gongkai-backup","version":1,"createdAt":…,"engine":…,"schemaMigrations":[…],"tables":[…]}
 *   {"t":"agencies","r":{…}}                 one line per row, tables in foreign-key order
 *   {"f":"<sha256>","d":"<base64>"}          one line per stored file (large files: several
 *                                            lines with "more":true, the last one without)
 *   {"end":true,"rows":N,"files":M,"sha256":"…"}   sha256 of every byte before this line
 *
 * Rows use SQL column names. Values are what PostgreSQL's `to_jsonb` gives (timestamps as
 * ISO 8601 with microseconds in UTC, dates as YYYY-MM-DD, arrays as JSON arrays, tsvector and
 * bytea as their text form) except the columns listed in the table's `text`: bigint, numeric
 * and json/jsonb, which travel as their PostgreSQL text form so that no digit is lost to a
 * JavaScript number. Everything is engine-independent: PGlite and PostgreSQL read the same file.
 */

/** Value of the header's `format`. */
export const backupFormat = 'gongkai-backup';
/** Current format version; a reader refuses versions it does not know. */
export const backupVersion = 1;
/** Bytes of a stored file per line: a multiple of 3 so base64 pieces concatenate cleanly. */
export const fileChunkBytes = 3 * 1024 * 1024;

/** One applied schema migration, as recorded in the header. */
export interface MigrationRef {
  /** File name without `.sql`, e.g. `0001_audit_append_only` (null if unknown to this build). */
  tag: string | null;
  /** sha256 of the migration's SQL, as drizzle records it. */
  hash: string;
}

/** A table in the header. */
export interface TableRef {
  /** Table name, schema-qualified (`schema.table`) when not in `public`. */
  name: string;
  /** SQL column names present in every row line of this table. */
  columns: string[];
  /** Columns carried as PostgreSQL text (bigint, numeric, json, jsonb and arrays of them). */
  text: string[];
}

/** First line of a backup. */
export interface BackupHeader {
  format: typeof backupFormat;
  version: number;
  /** ISO time the backup's snapshot was taken. */
  createdAt: string;
  /** Engine the backup came from (informational: restores go to either). */
  engine: 'pglite' | 'postgres';
  /** Applied drizzle migrations of the source, oldest first. */
  schemaMigrations: MigrationRef[];
  /** Tables in foreign-key order (a table comes after every table it references). */
  tables: TableRef[];
}

/** A row line. */
export interface RowLine {
  t: string;
  r: Record<string, unknown>;
}

/** A (piece of a) stored file. */
export interface FileLine {
  /** Storage key: the sha256 of the whole file's content. */
  f: string;
  /** Base64 of the bytes (of this piece). */
  d: string;
  /** true when more pieces of the same file follow. */
  more?: true;
}

/** Last line. */
export interface Trailer {
  end: true;
  rows: number;
  files: number;
  /** sha256 (hex) of the uncompressed bytes of every line before the trailer, newlines included. */
  sha256: string;
}

export type BackupLine = { kind: 'row'; line: RowLine } | { kind: 'file'; line: FileLine } | { kind: 'end'; line: Trailer };

/** Thrown by the parsers: the file is not a valid backup (message in Chinese). */
export class BackupFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFormatError';
  }
}

const keyPattern = /^[a-f0-9]{64}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Serialises one line (with its newline). JSON.stringify never emits a raw newline. */
export function encodeLine(value: BackupHeader | RowLine | FileLine | Trailer): string {
  return `${JSON.stringify(value)}\n`;
}

function parseJson(text: string, lineNo: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BackupFormatError(`备份文件第 ${lineNo} 行不是有效的 JSON，文件已损坏`);
  }
}

/** Parses and checks the header line. */
export function parseHeader(text: string): BackupHeader {
  const v = parseJson(text, 1);
  if (!isObject(v) || v.format !== backupFormat) throw new BackupFormatError('这不是 Gongkai 备份文件（缺少文件头）');
  if (v.version !== backupVersion) {
    throw new BackupFormatError(`备份文件格式版本 ${String(v.version)} 不受支持（本程序支持版本 ${backupVersion}），请使用较新版本的 Gongkai 恢复`);
  }
  const tablesOk =
    Array.isArray(v.tables) &&
    v.tables.every((t) => isObject(t) && typeof t.name === 'string' && isStringArray(t.columns) && isStringArray(t.text));
  const migrationsOk =
    Array.isArray(v.schemaMigrations) &&
    v.schemaMigrations.every((m) => isObject(m) && typeof m.hash === 'string' && (m.tag === null || typeof m.tag === 'string'));
  if (!tablesOk || !migrationsOk || typeof v.createdAt !== 'string') throw new BackupFormatError('备份文件头不完整，文件已损坏');
  return v as unknown as BackupHeader;
}

/** Parses a line after the header. */
export function parseLine(text: string, lineNo: number): BackupLine {
  const v = parseJson(text, lineNo);
  if (isObject(v)) {
    if (typeof v.t === 'string' && isObject(v.r)) return { kind: 'row', line: v as unknown as RowLine };
    if (typeof v.f === 'string' && typeof v.d === 'string') {
      if (!keyPattern.test(v.f)) throw new BackupFormatError(`备份文件第 ${lineNo} 行的附件标识无效`);
      return { kind: 'file', line: v as unknown as FileLine };
    }
    if (v.end === true && typeof v.rows === 'number' && typeof v.files === 'number' && typeof v.sha256 === 'string') {
      return { kind: 'end', line: v as unknown as Trailer };
    }
  }
  throw new BackupFormatError(`备份文件第 ${lineNo} 行内容无法识别，文件已损坏`);
}

/** A table and the tables it references, for {@link sortByForeignKeys}. */
export interface TableDeps {
  name: string;
  references: string[];
}

/**
 * Orders tables so that each comes after the tables it references (Kahn's algorithm; ties
 * keep the input order). Self-references are ignored; a cycle between tables throws.
 */
export function sortByForeignKeys(tables: TableDeps[]): string[] {
  const names = tables.map((t) => t.name);
  const pending = new Map(tables.map((t) => [t.name, new Set(t.references.filter((r) => r !== t.name && names.includes(r)))]));
  const out: string[] = [];
  while (pending.size > 0) {
    const ready = names.find((n) => pending.has(n) && pending.get(n)!.size === 0);
    if (ready === undefined) throw new Error(`foreign keys form a cycle between tables: ${[...pending.keys()].join(', ')}`);
    out.push(ready);
    pending.delete(ready);
    for (const deps of pending.values()) deps.delete(ready);
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Name of a scheduled backup taken at `at` (local time): gongkai-YYYYMMDD-HHMMSS.ndjson.gz. */
export function scheduledBackupName(at: Date): string {
  const date = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}`;
  const time = `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `gongkai-${date}-${time}.ndjson.gz`;
}

/** Matches the names {@link scheduledBackupName} produces. */
export const scheduledBackupPattern = /^gongkai-\d{8}-\d{6}\.ndjson\.gz$/;

/** Of the file names in a backups folder, the scheduled backups to delete so that `keep` remain. */
export function backupsToPrune(fileNames: string[], keep: number): string[] {
  const ours = fileNames.filter((n) => scheduledBackupPattern.test(n)).sort();
  return ours.slice(0, Math.max(0, ours.length - keep));
}
