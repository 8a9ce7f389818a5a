/**
 * Opening the installation: lock the data folder (embedded), open and migrate the database,
 * build the context. Shared by the server and the CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from './context.ts';
import { migrateDatabase, openDatabase } from './db/client.ts';
import { lockDataDir } from './db/lock.ts';
import type { Config } from './lib/config.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { localStorage } from './lib/storage.ts';

export interface Runtime {
  ctx: AppContext;
  /** Closes the database and releases the data folder lock. */
  close(): Promise<void>;
}

/** Where the embedded database lives inside the data folder. */
export function pgliteDir(config: Config): string {
  return path.join(config.dataDir, 'pg');
}

/** Where attachments live inside the data folder. */
export function filesDir(config: Config): string {
  return path.join(config.dataDir, 'files');
}

/** Opens the installation described by `config`. */
export async function openRuntime(config: Config, log: Logger = createLogger(config.LOG_LEVEL)): Promise<Runtime> {
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const release = config.embedded ? lockDataDir(config.dataDir) : () => undefined;
  try {
    const database = await openDatabase({ url: config.DATABASE_URL, pgliteDir: pgliteDir(config) });
    await migrateDatabase(database);
    const ctx: AppContext = {
      db: database.db,
      database,
      config,
      log,
      storage: localStorage(filesDir(config)),
      onPublicChange: new Set(),
      onCalendarChange: new Set(),
    };
    return {
      ctx,
      async close() {
        await database.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
