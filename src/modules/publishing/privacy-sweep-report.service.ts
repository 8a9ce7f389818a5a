/**
 * Reading and acting on the sweep (回头看) report: runs, a run's items (paged, filtered), the
 * XLSX export, and the two actions a finding calls for — withdraw the item (the publishing
 * withdrawal, with a reason, audited) or open the masking flow (a correction draft: masking,
 * then the review chain with its 隐私信息专项审查 step, then version N+1). The per-agency
 * interval of the scheduled sweep is set here too.
 */
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { now as clockNow } from '../../lib/clock.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { auditActor, canReadAgency, hasRole, readableAgencies, type Actor } from '../accounts/index.ts';
import { getAgency } from '../agencies/index.ts';
import { recordAudit } from '../audit/index.ts';
import { privacyStore } from '../privacy/index.ts';
import { buildSweepWorkbook } from './privacy-sweep-xlsx.ts';
import { itemState, presentItem, presentRun, type SweepReportItem, type SweepRun } from './privacy-sweep.presenter.ts';
import { defaultSweepIntervalDays } from './privacy-sweep.service.ts';
import { toPolicyDocument } from './documents.service.ts';
import { decide } from './publishing.policy.ts';
import * as repo from './publishing.repository.ts';
import { startCorrection, withdrawDocument, type TransitionOutcome } from './review.service.ts';

/** Filters of the report (GET …/sweeps/:id and its export). */
export interface ReportFilter {
  agencyId?: string | undefined;
  type?: string | undefined;
  confidence?: 'high' | 'medium' | 'low' | undefined;
  q?: string | undefined;
}

/** The agencies whose items the actor sees in a run: the run's agency, or the readable ones of an all-agency run. */
function scopeOf(actor: Actor, run: privacyStore.SweepRow, agencyId?: string): string[] | null {
  if (run.agencyId) {
    if (!canReadAgency(actor, run.agencyId)) throw notFound('回头看记录');
    return [run.agencyId];
  }
  const readable = readableAgencies(actor);
  if (agencyId) {
    if (readable !== 'all' && !readable.includes(agencyId)) throw new AppError('FORBIDDEN', { message: '无权查看该单位的回头看结果' });
    return [agencyId];
  }
  return readable === 'all' ? null : readable;
}

async function loadRun(db: Executor, id: string): Promise<privacyStore.SweepRow> {
  const run = await privacyStore.findSweep(db, id);
  if (!run) throw notFound('回头看记录');
  return run;
}

/** The newest runs covering an agency (its own and the all-agency ones), or all for global roles. */
export async function listSweepRuns(db: Executor, actor: Actor, agencyId?: string): Promise<{ runs: SweepRun[] }> {
  const readable = readableAgencies(actor);
  if (agencyId && readable !== 'all' && !readable.includes(agencyId)) throw new AppError('FORBIDDEN', { message: '无权查看该单位的回头看结果' });
  const scope = agencyId ? [agencyId] : readable === 'all' ? null : readable;
  const now = clockNow();
  return { runs: (await privacyStore.findSweeps(db, scope, 30)).map((r) => presentRun(r, now)) };
}

async function presentItems(db: Executor, rows: privacyStore.SweepItemRow[]): Promise<SweepReportItem[]> {
  const docs = new Map((await repo.findDocumentsByIds(db, [...new Set(rows.map((r) => r.documentId))])).map((d) => [d.id, d]));
  return rows.map((r) => presentItem(r, docs.get(r.documentId)));
}

/** A run with a page of its items (ordered by 索引号). */
export async function getSweepRun(
  db: Executor,
  actor: Actor,
  id: string,
  q: ReportFilter & { page: number; pageSize: number },
): Promise<{ run: SweepRun; items: SweepReportItem[]; total: number; page: number; pageSize: number }> {
  const run = await loadRun(db, id);
  const agencyIds = scopeOf(actor, run, q.agencyId);
  const { rows, total } = await privacyStore.findSweepItemsPage(db, run.id, { agencyIds, type: q.type, confidence: q.confidence, q: q.q }, q.pageSize, (q.page - 1) * q.pageSize);
  return { run: presentRun(run, clockNow()), items: await presentItems(db, rows), total, page: q.page, pageSize: q.pageSize };
}

/** Every item of a run, for the installation's own tools (the CLI): no actor, all agencies. */
export async function readSweepItems(db: Executor, id: string): Promise<SweepReportItem[]> {
  const items: SweepReportItem[] = [];
  for (let offset = 0; ; offset += 500) {
    const { rows } = await privacyStore.findSweepItemsPage(db, id, { agencyIds: null }, 500, offset);
    items.push(...(await presentItems(db, rows)));
    if (rows.length < 500) break;
  }
  return items;
}

/** The whole (filtered) report as XLSX. */
export async function exportSweepRun(db: Executor, actor: Actor, id: string, q: ReportFilter): Promise<{ filename: string; data: Buffer }> {
  const run = await loadRun(db, id);
  const agencyIds = scopeOf(actor, run, q.agencyId);
  const items: SweepReportItem[] = [];
  for (let offset = 0; ; offset += 500) {
    const { rows } = await privacyStore.findSweepItemsPage(db, run.id, { agencyIds, type: q.type, confidence: q.confidence, q: q.q }, 500, offset);
    items.push(...(await presentItems(db, rows)));
    if (rows.length < 500) break;
  }
  const presented = presentRun(run, clockNow());
  const who = run.agencyId ? (await getAgency(db, run.agencyId)).name : '全部单位';
  const day = presented.startedAt.slice(0, 10).replaceAll('-', '');
  const title = `${who}隐私信息回头看报告（${day}）`;
  return { filename: `${title}.xlsx`, data: await buildSweepWorkbook(title, presented, items) };
}

async function loadItem(ctx: AppContext, actor: Actor, runId: string, itemId: string): Promise<privacyStore.SweepItemRow> {
  const item = await privacyStore.findSweepItem(ctx.db, runId, itemId);
  if (!item || !canReadAgency(actor, item.agencyId)) throw notFound('回头看发现项');
  return item;
}

/**
 * 撤回 from the report: the publishing withdrawal (same rules: agency admin or final-step
 * reviewer, the reason shown on the portal's notice), its audit row naming the sweep.
 */
export async function withdrawSweepItem(
  ctx: AppContext,
  actor: Actor,
  runId: string,
  itemId: string,
  input: { lockVersion: number; reason: string },
  ip: string | null,
): Promise<{ outcome: TransitionOutcome; item: SweepReportItem }> {
  const item = await loadItem(ctx, actor, runId, itemId);
  const outcome = await withdrawDocument(ctx, actor, item.documentId, input, ip, { source: 'privacySweep', sweepId: runId, sweepItemId: itemId });
  return { outcome, item: (await presentItems(ctx.db, [item]))[0]! };
}

/**
 * 更正脱敏 from the report: starts a correction of the item (the live version stays public until
 * the masked version N+1 passes the review chain, 隐私信息专项审查 included) — or, when a
 * correction is already under way, points at it. The drafter masks in the correction draft.
 * Either way the correction is marked as made for privacy: its publication hides the superseded
 * versions (which still hold the personal data) from the portal.
 */
export async function correctSweepItem(
  ctx: AppContext,
  actor: Actor,
  runId: string,
  itemId: string,
  input: { lockVersion: number },
  ip: string | null,
): Promise<{ documentId: string; started: boolean; item: SweepReportItem }> {
  const item = await loadItem(ctx, actor, runId, itemId);
  const doc = await repo.findDocument(ctx.db, item.documentId);
  const state = itemState(item, doc);
  if (state === 'withdrawn' || state === 'gone') throw new AppError('CONFLICT', { message: '该信息已撤回，无需更正', reason: 'INVALID_STATE' });
  let started = false;
  if (state === 'published' || state === 'corrected') {
    const found = item.findings.length;
    await startCorrection(
      ctx,
      actor,
      item.documentId,
      { lockVersion: input.lockVersion, comment: `隐私信息回头看发现 ${found} 处个人信息，更正脱敏后重新发布`, forPrivacy: true },
      ip,
    );
    started = true;
  } else if (state === 'correcting' && doc && !doc.correctionForPrivacy) {
    // A correction already under way now masks personal data: its publication must hide the
    // superseded versions too. Same people as for starting a correction (withdraw applies to
    // every correction state).
    if (!decide(actor, 'withdraw', toPolicyDocument(doc)).ok) throw new AppError('FORBIDDEN', { message: '只有单位管理员或终审审核人可以更正已发布的信息' });
    await ctx.db.transaction(async (tx) => {
      await repo.setDocumentFields(tx, doc.id, { correctionForPrivacy: true });
      await recordAudit(tx, auditActor(actor, ip), {
        agencyId: doc.agencyId,
        action: 'document.markPrivacyCorrection',
        entityType: 'document',
        entityId: doc.id,
        before: { correctionForPrivacy: false },
        after: { correctionForPrivacy: true, origin: { source: 'privacySweep', sweepId: runId, sweepItemId: itemId } },
      });
    });
  }
  return { documentId: item.documentId, started, item: (await presentItems(ctx.db, [item]))[0]! };
}

/** An agency's scheduled-sweep interval. */
export interface SweepSchedule {
  agencyId: string;
  intervalDays: number;
  /** true when the agency has not set one (the default applies). */
  isDefault: boolean;
}

/** Readers of the agency see its interval. */
export async function getSweepSchedule(db: Executor, actor: Actor, agencyId: string): Promise<SweepSchedule> {
  if (!canReadAgency(actor, agencyId)) throw new AppError('FORBIDDEN', { message: '无权查看该单位的设置' });
  const row = await privacyStore.findSweepSchedule(db, agencyId);
  return { agencyId, intervalDays: row?.intervalDays ?? defaultSweepIntervalDays, isDefault: !row };
}

/** Agency admin or sysadmin sets the interval (1–365 days). Audited. */
export async function setSweepSchedule(db: Executor, actor: Actor, agencyId: string, intervalDays: number, ip: string | null): Promise<SweepSchedule> {
  await getAgency(db, agencyId);
  if (!hasRole(actor, agencyId, 'admin')) throw new AppError('FORBIDDEN', { message: '只有平台管理员或本单位管理员可以设置回头看周期' });
  const before = await privacyStore.findSweepSchedule(db, agencyId);
  await db.transaction(async (tx) => {
    await privacyStore.upsertSweepSchedule(tx, agencyId, intervalDays, actor.userId);
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId,
      action: 'privacy.setSweepSchedule',
      entityType: 'agency',
      entityId: agencyId,
      before: { intervalDays: before?.intervalDays ?? defaultSweepIntervalDays },
      after: { intervalDays },
    });
  });
  return { agencyId, intervalDays, isDefault: false };
}
