/**
 * 回头看: the privacy sweep re-scans every current published version (body and attachments,
 * re-extracted from storage) and records, per item, what it finds (a report per run). Findings
 * a reviewer justified at the privacy step are left out. Runs daily as the job `privacy.sweep`
 * and on demand (sysadmin for all agencies, an agency admin for their agency).
 */
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { now as clockNow } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { auditActor, hasRole, readableAgencies, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { countFindings, getMaskPolicy, privacyStore, scanFile, scanHtml, toStoredFindings, UnreadableFileError, type StoredFinding } from '../privacy/index.ts';
import * as repo from './publishing.repository.ts';

/** Summary of one sweep run. */
export interface SweepSummary {
  id: string;
  agencyId: string | null;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  itemsScanned: number;
  itemsWithFindings: number;
}

function presentSweep(s: privacyStore.SweepRow): SweepSummary {
  return {
    id: s.id,
    agencyId: s.agencyId,
    trigger: s.trigger,
    startedAt: s.startedAt.toISOString(),
    finishedAt: s.finishedAt?.toISOString() ?? null,
    itemsScanned: s.itemsScanned,
    itemsWithFindings: s.itemsWithFindings,
  };
}

/** Scans every current published version (of one agency, or all) and stores the report. */
export async function runPrivacySweep(
  ctx: AppContext,
  opts: { agencyId: string | null; trigger: 'schedule' | 'manual'; requestedBy?: string | null; onProgress?: (done: number) => void },
): Promise<SweepSummary> {
  const db: Executor = ctx.db;
  const policy = await getMaskPolicy(db);
  const sweep = await privacyStore.insertSweep(db, { agencyId: opts.agencyId, trigger: opts.trigger, requestedBy: opts.requestedBy ?? null });
  let scanned = 0;
  let flagged = 0;
  let after: string | null = null;
  for (;;) {
    const page = await repo.findCurrentVersionsPage(db, opts.agencyId, after, 50);
    if (!page.length) break;
    for (const v of page) {
      after = v.documentId;
      const now = clockNow();
      const findings: StoredFinding[] = toStoredFindings({ source: 'body' }, scanHtml(v.bodyHtml, { now, policy }));
      const atts = await repo.findAttachmentsByIds(db, v.attachments.map((a) => a.id));
      for (const a of atts) {
        const src = { source: 'attachment' as const, attachmentId: a.id, filename: a.filename };
        try {
          const scan = await scanFile(a.filename, await ctx.storage.get(a.storageKey), { now, policy });
          findings.push(...toStoredFindings(src, scan.findings, scan.manualReview));
        } catch (err) {
          findings.push(...toStoredFindings(src, [], [{ location: {}, reason: err instanceof UnreadableFileError ? err.message : '附件无法读取' }]));
        }
      }
      const justified = new Set((await privacyStore.findJustifications(db, v.documentId)).map((j) => j.findingId));
      const reported = findings.filter((f) => f.personal && f.confidence !== 'low' && !justified.has(f.id));
      scanned++;
      if (reported.length) {
        flagged++;
        await privacyStore.insertSweepItem(db, {
          sweepId: sweep.id,
          documentId: v.documentId,
          agencyId: v.agencyId,
          version: v.version,
          title: v.title,
          indexNo: v.indexNo,
          findings: reported,
          counts: countFindings(reported),
        });
      }
      opts.onProgress?.(scanned);
    }
  }
  return presentSweep(await privacyStore.finishSweep(db, sweep.id, scanned, flagged));
}

/** On-demand sweep: sysadmin (all agencies or one), an agency admin (their agency). Audited. */
export async function requestPrivacySweep(ctx: AppContext, actor: Actor, agencyId: string | null, ip: string | null): Promise<SweepSummary> {
  if (actor.globalRole !== 'sysadmin') {
    if (!agencyId) throw new AppError('VALIDATION', { message: '输入有误：请指定单位', details: { fields: { agencyId: '必填' } } });
    if (!hasRole(actor, agencyId, 'admin')) throw new AppError('FORBIDDEN', { message: '只有平台管理员或本单位管理员可以发起回头看检查' });
  }
  const summary = await runPrivacySweep(ctx, { agencyId, trigger: 'manual', requestedBy: actor.userId });
  await ctx.db.transaction((tx) =>
    recordAudit(tx, auditActor(actor, ip), {
      agencyId,
      action: 'privacy.sweep',
      entityType: 'privacySweep',
      entityId: summary.id,
      after: { itemsScanned: summary.itemsScanned, itemsWithFindings: summary.itemsWithFindings },
    }),
  );
  return summary;
}

/** The newest sweeps the actor may read and the items of the newest one, per agency. */
export async function listPrivacySweeps(db: Executor, actor: Actor, agencyId?: string) {
  const readable = readableAgencies(actor);
  if (agencyId && readable !== 'all' && !readable.includes(agencyId)) throw new AppError('FORBIDDEN', { message: '无权查看该单位的回头看结果' });
  const scope = agencyId ? [agencyId] : readable === 'all' ? null : readable;
  const sweeps = await privacyStore.findSweeps(db, scope, 20);
  const latest = sweeps.find((s) => s.finishedAt);
  const items = latest ? await privacyStore.findSweepItems(db, latest.id, scope) : [];
  return {
    sweeps: sweeps.map(presentSweep),
    latest: latest
      ? {
          ...presentSweep(latest),
          items: items.map((i) => ({ documentId: i.documentId, agencyId: i.agencyId, version: i.version, title: i.title, indexNo: i.indexNo, counts: i.counts, findings: i.findings })),
        }
      : null,
  };
}
