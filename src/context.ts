/** What every module's routes and jobs receive: the database, configuration, logger and file storage. */
import type { Database, Db } from './db/client.ts';
import type { Config } from './lib/config.ts';
import type { Logger } from './lib/logger.ts';
import type { FileStorage } from './lib/storage.ts';

export interface AppContext {
  db: Db;
  database: Database;
  config: Config;
  log: Logger;
  storage: FileStorage;
  /** Called after anything public changed (publish, withdraw) so caches drop stale pages. */
  onPublicChange: Set<() => void>;
  /** Called after an administrator entered a calendar year, so deadlines are recomputed. */
  onCalendarChange: Set<() => Promise<unknown>>;
}
