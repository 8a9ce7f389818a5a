/** Job: publish scheduled items whose time has come (every 30 s; each item in its own transaction, audited as 系统). */
import type { Job } from '../../../jobs/scheduler.ts';
import { publishDueScheduled } from '../publish.ts';

export const publishScheduledJob: Job = {
  id: 'publishing.publishScheduled',
  everyMs: 30_000,
  run: (ctx) => publishDueScheduled(ctx),
};
