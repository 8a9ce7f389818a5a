/**
 * 回头看: the privacy sweep re-scans every current published version (body and attachments,
 * re-extracted from storage) and records a run — agency, start and finish, items to scan, items
 * done (written once per batch, so a console can show progress), items with findings, findings,
 * who started it — and, per item with findings, the findings with their locations and MASKED
 * forms only (StoredFinding never holds the original value). Findings a reviewer justified at
 * the privacy step are left out. Runs on a per-agency interval (the job `privacy.sweep`),
 * from the CLI (`gongkai privacy sweep`) and on demand in the console.
 */
import type { AppContext } from '../../context.ts';
import { now as clockNow } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { auditActor, hasRole, type Actor } from '../accounts/index.ts';
import { listAgencies } from '../agencies/index.ts';
import { recordAudit } from '../audit/index.ts';
import { countFindings, getMaskPolicy, privacyStore, scanFile, scanHtml, toStoredFindings, UnreadableFileError, type StoredFinding } from '../privacy/index.ts';
import { presentRun, sweepStaleMs, sweepStoppedMessage, type SweepRun, type SweepTrigger } from './privacy-sweep.presenter.ts';
import * as repo from './publishing.repository.ts';

/** Items read per page; progress is written after each page (or every 2 s, whichever first). */
const pageSize = 20;
const progressEveryMs = 2000;
/** Interval of an agency that has not set one (DOMAIN.md §4: 回头看 at least daily by default). */
export const defaultSweepIntervalDays = 1;

/** Runs going on in the background (console, job): stopped cleanly when the server closes. */
interface Background {
  cancelled: boolean;
  done: Promise<unknown>;
}
const background = new Set<Background>();


/** Starts `work` in the background; it is told to stop (and awaited) by {@link stopBackgroundSweeps}. */
function inBackground(ctx: AppContext, work: (token: { cancelled: boolean }) => Promise<unknown>): void {
  const entry: Background = { cancelled: false, done: Promise.resolve() };
  entry.done = work(entry)
    .catch((err: unknown) => ctx.log.error({ err }, 'privacy sweep failed'))
    .finally(() => background.delete(entry));
  background.add(entry);
}

/** Asks background sweeps to stop after their current item and waits for them (app close). */
export async function stopBackgroundSweeps(): Promise<void> {
  for (const b of background) b.cancelled = true;
  await Promise.all([...background].map((b) => b.done));
}

/** Options of a run. */
export interface SweepOptions {
  /** One agency, or null for all. */
  agencyId: string | null;
  trigger: SweepTrigger;
  requestedBy?: string | null;
  /** Called after each progress write (CLI progress bar). */
  onProgress?: (done: number, total: number) => void;
  /** Checked before each item: a cancelled run stops and is finished with an error. */
  token?: { cancelled: boolean };
}

/** Scans one published version: body and attachments; unreadable files are manual-review findings. */
async function scanVersion(ctx: AppContext, v: Awaited<ReturnType<typeof repo.findCurrentVersionsPage>>[number], policy: Awaited<ReturnType<typeof getMaskPolicy>>): Promise<StoredFinding[]> {
  const now = clockNow();
  const findings: StoredFinding[] = toStoredFindings({ source: 'body' }, scanHtml(v.bodyHtml, { now, policy }));
  const atts = await repo.findAttachmentsByIds(ctx.db, v.attachments.map((a) => a.id));
  for (const a of atts) {
    const src = { source: 'attachment' as const, attachmentId: a.id, filename: a.filename };
    try {
      const scan = await scanFile(a.filename, await ctx.storage.get(a.storageKey), { now, policy });
      findings.push(...toStoredFindings(src, scan.findings, scan.manualReview));
    } catch (err) {
      findings.push(...toStoredFindings(src, [], [{ location: {}, reason: err instanceof UnreadableFileError ? err.message : '附件无法读取' }]));
    }
  }
  return findings;
}

/** Creates the run row (total counted now). */
async function createRun(ctx: AppContext, opts: SweepOptions): Promise<privacyStore.SweepRow> {
  const total = await repo.countCurrentVersions(ctx.db, opts.agencyId);
  return privacyStore.insertSweep(ctx.db, { agencyId: opts.agencyId, trigger: opts.trigger, requestedBy: opts.requestedBy ?? null, itemsTotal: total });
}

/** Runs a created sweep to its end; a failure finishes the run with its reason (and rethrows). */
async function executeRun(ctx: AppContext, run: privacyStore.SweepRow, onProgress?: SweepOptions['onProgress'], token?: SweepOptions['token']): Promise<SweepRun> {
  const progress: privacyStore.SweepProgress = { itemsScanned: 0, itemsWithFindings: 0, findingsCount: 0 };
  let total = run.itemsTotal;
  try {
    const policy = await getMaskPolicy(ctx.db);
    let after: string | null = null;
    let lastWrite = Date.now();
    for (;;) {
      const page = await repo.findCurrentVersionsPage(ctx.db, run.agencyId, after, pageSize);
      if (!page.length) break;
      for (const v of page) {
        if (token?.cancelled) throw new Error(sweepStoppedMessage);
        after = v.documentId;
        const findings = await scanVersion(ctx, v, policy);
        const justified = new Set((await privacyStore.findJustifications(ctx.db, v.documentId)).map((j) => j.findingId));
        // Personal findings of medium or high confidence and manual-review items (medium), unless justified.
        const reported = findings.filter((f) => f.personal && f.confidence !== 'low' && !justified.has(f.id));
        progress.itemsScanned++;
        if (reported.length) {
          progress.itemsWithFindings++;
          progress.findingsCount += reported.length;
          await privacyStore.insertSweepItem(ctx.db, {
            sweepId: run.id,
            documentId: v.documentId,
            agencyId: v.agencyId,
            version: v.version,
            title: v.title,
            indexNo: v.indexNo,
            publishedAt: v.publishedAt,
            findings: reported,
            counts: countFindings(reported),
          });
        }
        if (Date.now() - lastWrite > progressEveryMs) {
          await privacyStore.updateSweepProgress(ctx.db, run.id, progress);
          lastWrite = Date.now();
          total = Math.max(total, progress.itemsScanned);
          onProgress?.(progress.itemsScanned, total);
        }
      }
      // Items published during the run may push the count past the total counted at the start.
      total = Math.max(total, progress.itemsScanned);
      await privacyStore.updateSweepProgress(ctx.db, run.id, progress);
      lastWrite = Date.now();
      onProgress?.(progress.itemsScanned, total);
    }
  } catch (err) {
    if (!token?.cancelled) ctx.log.error({ err, sweepId: run.id }, 'privacy sweep failed');
    await privacyStore.finishSweep(ctx.db, run.id, progress, String((err as Error).message ?? err).slice(0, 500)).catch(() => undefined);
    throw err;
  }
  return presentRun(await privacyStore.finishSweep(ctx.db, run.id, progress), clockNow());
}

/** A run of the same scope still alive (heartbeat within the stale window), if any. */
async function liveRun(ctx: AppContext, agencyId: string | null): Promise<privacyStore.SweepRow | undefined> {
  return (await privacyStore.findLiveSweeps(ctx.db, agencyId, new Date(clockNow().getTime() - sweepStaleMs)))[0];
}

/** Scans every current published version (of one agency, or all) and stores the report; resolves when done. */
export async function runPrivacySweep(ctx: AppContext, opts: SweepOptions): Promise<SweepRun> {
  const run = await createRun(ctx, opts);
  return executeRun(ctx, run, opts.onProgress, opts.token);
}

/**
 * Starts a sweep from the console: sysadmin (all agencies or one), agency admin (their agency).
 * Answers at once with the run (progress is read with GET …/sweeps/:id); a run of the same scope
 * already under way is returned instead of starting a second one. Audited.
 */
export async function requestPrivacySweep(
  ctx: AppContext,
  actor: Actor,
  agencyId: string | null,
  ip: string | null,
  trigger: 'manual' | 'cli' = 'manual',
): Promise<{ run: SweepRun; alreadyRunning: boolean }> {
  if (actor.globalRole !== 'sysadmin') {
    if (!agencyId) throw new AppError('VALIDATION', { message: '输入有误：请指定单位', details: { fields: { agencyId: '必填' } } });
    if (!hasRole(actor, agencyId, 'admin')) throw new AppError('FORBIDDEN', { message: '只有平台管理员或本单位管理员可以发起回头看检查' });
  }
  const live = await liveRun(ctx, agencyId);
  if (live) return { run: presentRun(live, clockNow()), alreadyRunning: true };
  const run = await createRun(ctx, { agencyId, trigger, requestedBy: actor.userId });
  await ctx.db.transaction((tx) =>
    recordAudit(tx, auditActor(actor, ip), {
      agencyId,
      action: 'privacy.sweep',
      entityType: 'privacySweep',
      entityId: run.id,
      after: { trigger, total: run.itemsTotal },
    }),
  );
  // The scan goes on after the answer; its failure is recorded on the run (and logged).
  inBackground(ctx, (token) => executeRun(ctx, run, undefined, token));
  return { run: presentRun(run, clockNow()), alreadyRunning: false };
}

/**
 * The job: sweeps each agency whose interval has passed since its last sweep (its own or an
 * all-agency one), one run per agency; skips an agency with a run under way. `slackMs` (the
 * job's own period) keeps a daily sweep from drifting later by one job period every day.
 */
export async function runDueSweeps(ctx: AppContext, slackMs: number, token?: { cancelled: boolean }): Promise<SweepRun[]> {
  const now = clockNow();
  const intervals = new Map((await privacyStore.findSweepSchedules(ctx.db)).map((s) => [s.agencyId, s.intervalDays]));
  const last = await privacyStore.findLastSweepStarts(ctx.db, new Date(now.getTime() - sweepStaleMs));
  const everyone = last.get(null)?.getTime() ?? 0;
  const done: SweepRun[] = [];
  for (const agency of await listAgencies(ctx.db)) {
    if (token?.cancelled) break;
    const days = intervals.get(agency.id) ?? defaultSweepIntervalDays;
    const lastStart = Math.max(everyone, last.get(agency.id)?.getTime() ?? 0);
    if (now.getTime() - lastStart + slackMs < days * 86_400_000) continue;
    if (await liveRun(ctx, agency.id)) continue;
    done.push(await runPrivacySweep(ctx, { agencyId: agency.id, trigger: 'schedule', ...(token ? { token } : {}) }));
  }
  return done;
}

/**
 * The job's entry: due sweeps in the background (the scheduler runs its jobs one after another,
 * and a long sweep must not hold back scheduled publication every 30 s); skipped while the
 * previous hour's sweeps are still going.
 */
let dueInFlight = false;
export function startDueSweeps(ctx: AppContext, slackMs: number): { started: boolean } {
  if (dueInFlight) return { started: false };
  dueInFlight = true;
  inBackground(ctx, (token) =>
    runDueSweeps(ctx, slackMs, token).finally(() => {
      dueInFlight = false;
    }),
  );
  return { started: true };
}
