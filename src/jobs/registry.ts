/** Every job of the installation, gathered from the modules. */
import { sql } from 'drizzle-orm';
import type { Job } from './scheduler.ts';
import { purgeIdleSessions } from '../modules/accounts/index.ts';
import { publishingJobs } from '../modules/publishing/index.ts';
import { backupJob } from '../modules/backup/index.ts';
import { mailOutboxJob } from '../modules/notifications/index.ts';
import { requestRemindersJob } from '../modules/requests/index.ts';
import { catalogRemindersJob } from '../modules/catalog/index.ts';
import { feedbackRemindersJob } from '../modules/feedback/index.ts';
import { handoverRemindersJob } from '../modules/staffing/index.ts';

/** PGlite runs no autovacuum: GIN indexes stay unused until VACUUM ANALYZE (STACK.md). */
const vacuum: Job = {
  id: 'system.vacuumAnalyze',
  everyMs: 6 * 3600_000,
  embeddedOnly: true,
  run: async (ctx) => {
    await ctx.db.execute(sql`vacuum analyze`);
  },
};

const sessions: Job = {
  id: 'accounts.purgeIdleSessions',
  everyMs: 15 * 60_000,
  run: (ctx) => purgeIdleSessions(ctx.db, ctx.config.GONGKAI_SESSION_IDLE_MINUTES),
};

/** Every job, from every module. */
export function allJobs(): Job[] {
  return [vacuum, sessions, ...publishingJobs, backupJob, requestRemindersJob, catalogRemindersJob, feedbackRemindersJob, handoverRemindersJob, mailOutboxJob];
}
