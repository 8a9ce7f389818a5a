/**
 * In-process job scheduler. Modules declare jobs; every process that runs jobs ticks them,
 * and a conditional UPDATE on job_runs makes sure one run per interval happens across all
 * processes sharing a PostgreSQL server.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { jobRuns } from '../db/schema/index.ts';

export interface Job {
  /** Stable id, e.g. `publishing.publishScheduled`. */
  id: string;
  /** Run at most once per this many milliseconds. */
  everyMs: number;
  /** Only in embedded mode (e.g. VACUUM ANALYZE, which a server's autovacuum does). */
  embeddedOnly?: boolean;
  run(ctx: AppContext): Promise<unknown>;
}

/** Claims a run of `job` if its interval has elapsed; true when this process should run it. */
async function claim(ctx: AppContext, job: Job): Promise<boolean> {
  await ctx.db.insert(jobRuns).values({ id: job.id }).onConflictDoNothing();
  const rows = await ctx.db
    .update(jobRuns)
    .set({ lastStartedAt: sql`now()` })
    .where(sql`${jobRuns.id} = ${job.id} and (${jobRuns.lastStartedAt} is null or ${jobRuns.lastStartedAt} < now() - make_interval(secs => ${job.everyMs / 1000}))`)
    .returning({ id: jobRuns.id });
  return rows.length > 0;
}

/** Runs one job now (claim included); returns whether it ran. Errors are logged and stored. */
export async function runJob(ctx: AppContext, job: Job, force = false): Promise<boolean> {
  if (!force && !(await claim(ctx, job))) return false;
  try {
    const result = await job.run(ctx);
    await ctx.db.update(jobRuns).set({ lastFinishedAt: sql`now()`, lastError: null }).where(sql`${jobRuns.id} = ${job.id}`);
    if (result !== undefined) ctx.log.debug({ job: job.id, result }, 'job finished');
  } catch (err) {
    ctx.log.error({ err, job: job.id }, 'job failed');
    await ctx.db
      .update(jobRuns)
      .set({ lastFinishedAt: sql`now()`, lastError: String((err as Error).message ?? err).slice(0, 2000) })
      .where(sql`${jobRuns.id} = ${job.id}`)
      .catch(() => undefined);
  }
  return true;
}

/** Starts ticking the jobs; returns a stop function that waits for a running tick. */
export function startScheduler(ctx: AppContext, jobs: Job[], tickMs = 15_000): () => Promise<void> {
  const active = jobs.filter((j) => !j.embeddedOnly || ctx.database.engine === 'pglite');
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = (async () => {
      for (const job of active) {
        if (stopped) break;
        await runJob(ctx, job).catch((err: unknown) => ctx.log.error({ err, job: job.id }, 'job claim failed'));
      }
    })().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(tick, tickMs);
  timer.unref();
  setTimeout(tick, 1000).unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    if (running) await running;
  };
}
