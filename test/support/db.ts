/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new
 * database on the PostgreSQL server named by GONGKAI_TEST_DATABASE_URL (CI runs both).
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { migrateDatabase, openDatabase, type Database } from '../../src/db/client.ts';

/** The server URL tests use, or undefined for PGlite. */
export const testServerUrl = process.env.GONGKAI_TEST_DATABASE_URL || undefined;

/** Creates a throw-away database URL on the test server (or undefined on PGlite). */
export async function createServerDatabase(): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  if (!testServerUrl) return undefined;
  const name = `gk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testServerUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(testServerUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: testServerUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A migrated database; `close` drops it. */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  const server = await createServerDatabase();
  const database = await openDatabase({ url: server?.url, poolSize: 5 });
  await migrateDatabase(database);
  return {
    ...database,
    ...(server ? { url: server.url } : {}),
    close: async () => {
      await database.close();
      await server?.drop();
    },
  };
}
