/**
 * One `Db` type over two engines: PGlite (embedded, the default) and a PostgreSQL server
 * (DATABASE_URL). Both run the same Drizzle schema, queries and migrations.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** A Drizzle database on either engine. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database or a transaction inside it. */
export type Executor = Db | Tx;

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Database {
  db: Db;
  /** `pglite` (embedded) or `postgres` (server). */
  engine: 'pglite' | 'postgres';
  /** The PGlite instance in embedded mode (backups dump its data folder). */
  pglite?: PGlite;
  /** The connection pool on a PostgreSQL server. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

/** Options for {@link openDatabase}. */
export interface OpenOptions {
  /** postgres:// URL; when absent PGlite is used. */
  url?: string | undefined;
  /** PGlite data folder; absent = in memory. */
  pgliteDir?: string | undefined;
  /** An existing PGlite instance (tests clone a migrated template). */
  pgliteInstance?: PGlite | undefined;
  /** Pool size on a PostgreSQL server. */
  poolSize?: number;
}

/** Opens (but does not migrate) a database. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // An idle connection the server closed (restart, DROP DATABASE … WITH (FORCE)) must not crash
    // the process: the pool discards it and the next query opens a new one.
    pool.on('error', () => undefined);
    // Dates travel as ISO strings and JSON as objects on both engines.
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, engine: 'postgres', pool, close: () => pool.end() };
  }
  const pglite =
    opts.pgliteInstance ??
    (await PGlite.create({
      ...(opts.pgliteDir ? { dataDir: opts.pgliteDir } : {}),
      // PGlite's WASM heap never shrinks; keep the buffer pool small (STACK.md).
      postgresqlconf: ['shared_buffers = 16MB'],
    }));
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return { db, engine: 'pglite', pglite, close: () => pglite.close() };
}

/** Applies the committed migrations (forward only). Safe to call from several processes. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.engine === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  // Several app processes may start at once: serialise migrations with an advisory lock,
  // held on one dedicated connection (a pool would unlock on another session).
  const client = await database.pool!.connect();
  try {
    await client.query('select pg_advisory_lock(7210001)');
    await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock(7210001)').catch(() => undefined);
    client.release();
  }
}
