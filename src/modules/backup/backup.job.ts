/** The daily backup of embedded mode (a PostgreSQL server is backed up with `gongkai backup` or pg_dump). */
import type { Job } from '../../jobs/scheduler.ts';
import { runScheduledBackup } from './backup.service.ts';

/** Daily; keeps the newest 7 in data/backups/. Embedded only: PGlite forces fsync off (STACK.md). */
export const backupJob: Job = {
  id: 'system.backup',
  everyMs: 24 * 3600_000,
  embeddedOnly: true,
  run: async (ctx) => {
    const { file, pruned } = await runScheduledBackup(ctx);
    ctx.log.info({ file, pruned }, 'scheduled backup written');
  },
};
