/** Job: the daily privacy sweep (回头看) over every published item of every agency. */
import type { Job } from '../../../jobs/scheduler.ts';
import { runPrivacySweep } from '../privacy-sweep.service.ts';

export const privacySweepJob: Job = {
  id: 'privacy.sweep',
  everyMs: 24 * 3600_000,
  run: (ctx) => runPrivacySweep(ctx, { agencyId: null, trigger: 'schedule' }),
};
