/**
 * Database access of backup and restore: schema introspection (which tables, in which
 * order), catalog lookups, cursor export, batch insert, sequence reset and migrations up to a
 * given point. Plain SQL that PGlite and PostgreSQL ≥ 15 both run.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { is, sql, type SQL } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { migrateDatabase, migrationsFolder, type Database, type Executor } from '../../db/client.ts';
import * as schema from '../../db/schema/index.ts';
import { sortByForeignKeys, type MigrationRef } from './format.ts';

/** A table of the Drizzle schema, as backup sees it. */
export interface SchemaTable {
  /** `table`, or `schema.table` outside `public` (the name used in backup files). */
  name: string;
  /** Quoted, schema-qualified SQL name, e.g. `"public"."audit_log"`. */
  sqlName: string;
  /** Primary-key columns (SQL names), the export order. */
  primaryKey: string[];
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Tables that hold this installation's runtime state rather than records, left out of
 * backups: `job_runs` says when jobs last ran *here*; a restored installation must run its
 * jobs (above all its first scheduled backup) on its own schedule.
 */
const runtimeStateTables = new Set(['job_runs']);

/** Every table of the Drizzle schema (but runtime state), ordered so a table follows the tables it references. */
export function schemaTables(): SchemaTable[] {
  const configs = (Object.values(schema) as unknown[])
    .filter((v): v is PgTable => is(v, PgTable))
    .map((t) => getTableConfig(t))
    .filter((c) => !runtimeStateTables.has(c.name));
  const nameOf = (c: { name: string; schema: string | undefined }) => (c.schema && c.schema !== 'public' ? `${c.schema}.${c.name}` : c.name);
  const byName = new Map(
    configs.map((c) => {
      const primaryKey = c.primaryKeys[0]?.columns.map((col) => col.name) ?? c.columns.filter((col) => col.primary).map((col) => col.name);
      return [nameOf(c), { name: nameOf(c), sqlName: `${quoteIdent(c.schema ?? 'public')}.${quoteIdent(c.name)}`, primaryKey }] as const;
    }),
  );
  const order = sortByForeignKeys(
    configs.map((c) => ({ name: nameOf(c), references: c.foreignKeys.map((fk) => nameOf(getTableConfig(fk.reference().foreignTable))) })),
  );
  return order.map((n) => byName.get(n)!);
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** A column as the catalog describes it. */
export interface CatalogColumn {
  name: string;
  /** format_type(), e.g. `timestamp with time zone`, `text[]`, `jsonb`. */
  type: string;
  /** Carried as PostgreSQL text in backups (a JavaScript number or JSON null would lose information). */
  asText: boolean;
  /** Generated (computed) column: never exported or inserted. */
  generated: boolean;
}

/** Columns of a table in the database, in column order; empty when the table does not exist. */
export async function catalogColumns(db: Executor, table: SchemaTable): Promise<CatalogColumn[]> {
  const rows = rowsOf<{ name: string; type: string; base: string; generated: boolean }>(
    await db.execute(sql`
      select a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
             coalesce(e.typname, t.typname) as base, a.attgenerated <> '' as generated
      from pg_attribute a
      join pg_type t on t.oid = a.atttypid
      left join pg_type e on e.oid = t.typelem and t.typcategory = 'A'
      where a.attrelid = to_regclass(${table.sqlName}) and a.attnum > 0 and not a.attisdropped
      order by a.attnum`),
  );
  return rows.map((r) => ({
    name: r.name,
    type: r.type,
    asText: ['int8', 'numeric', 'json', 'jsonb', 'money'].includes(r.base),
    generated: r.generated,
  }));
}

/** The snapshot time and the applied migrations (oldest first); the first query of an export. */
export async function readSnapshotInfo(db: Executor): Promise<{ at: string; migrations: { hash: string; createdAt: number }[] }> {
  const [info] = rowsOf<{ at: string; has: boolean }>(
    await db.execute(sql`select to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, to_regclass('drizzle.__drizzle_migrations') is not null as has`),
  );
  const migrations = info!.has
    ? rowsOf<{ hash: string; created_at: string | number }>(await db.execute(sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at, id`))
    : [];
  return { at: info!.at, migrations: migrations.map((m) => ({ hash: m.hash, createdAt: Number(m.created_at) })) };
}

/** The migrations this build ships, oldest first. */
export function localMigrations(): (MigrationRef & { when: number })[] {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
  const files = readMigrationFiles({ migrationsFolder });
  return files.map((f, i) => ({ tag: journal.entries[i]?.tag ?? null, hash: f.hash, when: f.folderMillis }));
}

/** The export expression of a row: its JSON text, with the `asText` columns as PostgreSQL text. */
function rowExpression(columns: CatalogColumn[]): SQL {
  const generated = columns.filter((c) => c.generated).map((c) => c.name);
  let expr = sql`to_jsonb(x)`;
  if (generated.length) expr = sql`(${expr} - ${sql.param(generated)}::text[])`;
  const textCols = columns.filter((c) => c.asText && !c.generated);
  // jsonb_build_object takes at most 100 arguments: 50 columns per call.
  for (let i = 0; i < textCols.length; i += 50) {
    const pairs = sql.join(
      textCols.slice(i, i + 50).map((c) => sql`${c.name}::text, x.${sql.identifier(c.name)}::text`),
      sql`, `,
    );
    expr = sql`${expr} || jsonb_build_object(${pairs})`;
  }
  return sql`(${expr})::text`;
}

/**
 * Streams a table's rows (as JSON text) in primary-key order through a cursor, `batch` at a
 * time. Must run inside a transaction (the cursor lives in it).
 */
export async function exportRows(
  tx: Executor,
  table: SchemaTable,
  columns: CatalogColumn[],
  onBatch: (rows: string[]) => Promise<void>,
  batch = 500,
): Promise<number> {
  const order = table.primaryKey.length ? sql`order by ${sql.join(table.primaryKey.map((c) => sql`x.${sql.identifier(c)}`), sql`, `)}` : sql`order by x.ctid`;
  await tx.execute(sql`declare gk_backup_rows no scroll cursor for select ${rowExpression(columns)} as r from ${sql.raw(table.sqlName)} x ${order}`);
  let count = 0;
  try {
    for (;;) {
      const rows = rowsOf<{ r: string }>(await tx.execute(sql.raw(`fetch ${batch} from gk_backup_rows`)));
      if (rows.length === 0) break;
      count += rows.length;
      await onBatch(rows.map((r) => r.r));
    }
  } finally {
    await tx.execute(sql`close gk_backup_rows`);
  }
  return count;
}

/**
 * Inserts a batch of backup rows. `columns` are the backup's columns for the table; those in
 * `textColumns` are cast from their text form to the target column's type, the others come
 * through jsonb_populate_record (which parses every PostgreSQL input format).
 */
export async function insertRows(
  tx: Executor,
  table: SchemaTable,
  columns: string[],
  textColumns: Set<string>,
  target: Map<string, CatalogColumn>,
  rows: Record<string, unknown>[],
): Promise<void> {
  const list = sql.join(columns.map((c) => sql.identifier(c)), sql`, `);
  const values = sql.join(
    columns.map((c) => (textColumns.has(c) ? sql`(e.r ->> ${c}::text)::${sql.raw(target.get(c)!.type)}` : sql`p.${sql.identifier(c)}`)),
    sql`, `,
  );
  const t = sql.raw(table.sqlName);
  await tx.execute(sql`
    insert into ${t} (${list}) overriding system value
    select ${values}
    from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) as e(r)
    cross join lateral jsonb_populate_record(null::${t}, e.r) as p`);
}

/** Sets every sequence owned by a column of `table` (serial, bigserial, identity) past the largest value. */
export async function resetSequences(tx: Executor, table: SchemaTable): Promise<void> {
  const owned = rowsOf<{ col: string; seq: string }>(
    await tx.execute(sql`
      select c.col, pg_get_serial_sequence(${table.sqlName}, c.col) as seq
      from (select a.attname::text as col from pg_attribute a
            where a.attrelid = to_regclass(${table.sqlName}) and a.attnum > 0 and not a.attisdropped) c
      where pg_get_serial_sequence(${table.sqlName}, c.col) is not null`),
  );
  for (const { col, seq } of owned) {
    await tx.execute(
      sql`select setval(${seq}::regclass, coalesce((select max(${sql.identifier(col)}) from ${sql.raw(table.sqlName)}), 0) + 1, false)`,
    );
  }
}

/** Tables (of `tables`) that exist and hold at least one row. */
export async function nonEmptyTables(db: Executor, tables: SchemaTable[]): Promise<string[]> {
  const out: string[] = [];
  for (const table of tables) {
    const [exists] = rowsOf<{ e: boolean }>(await db.execute(sql`select to_regclass(${table.sqlName}) is not null as e`));
    if (!exists?.e) continue;
    const [row] = rowsOf<{ e: boolean }>(await db.execute(sql`select exists (select 1 from ${sql.raw(table.sqlName)}) as e`));
    if (row?.e) out.push(table.name);
  }
  return out;
}

/**
 * Applies the first `count` migrations this build ships (all of them when `count` is the
 * total). A restore loads rows into the schema they were taken from, then migrates the rest,
 * so data migrations added since the backup run on the restored rows.
 */
export async function migrateUpTo(database: Database, count: number): Promise<void> {
  const journalPath = path.join(migrationsFolder, 'meta', '_journal.json');
  const journal = JSON.parse(await fsp.readFile(journalPath, 'utf8')) as { entries: { tag: string }[] };
  if (count >= journal.entries.length) {
    await migrateDatabase(database);
    return;
  }
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'gongkai-migrations-'));
  try {
    const entries = journal.entries.slice(0, count);
    await fsp.mkdir(path.join(dir, 'meta'));
    await fsp.writeFile(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
    for (const e of entries) await fsp.copyFile(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
    if (database.engine === 'pglite') await migratePglite(database.db as never, { migrationsFolder: dir });
    else await migratePg(database.db as never, { migrationsFolder: dir });
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}
