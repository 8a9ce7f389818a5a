/**
 * Job: the privacy sweep (回头看). Hourly, it starts — in the background — a sweep of each agency
 * whose own interval (default daily) has passed (see startDueSweeps).
 */
import type { Job } from '../../../jobs/scheduler.ts';
import { startDueSweeps } from '../privacy-sweep.service.ts';

const everyMs = 3600_000;

export const privacySweepJob: Job = {
  id: 'privacy.sweep',
  everyMs,
  run: async (ctx) => startDueSweeps(ctx, everyMs),
};
