/** Installation-wide state: job runs (so several processes do not run one job twice). */
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const jobRuns = pgTable('job_runs', {
  /** Job id, e.g. `publishing.publishScheduled`. */
  id: text('id').primaryKey(),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true }),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true }),
  lastError: text('last_error'),
});
