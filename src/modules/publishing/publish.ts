/**
 * Publication: the one function that turns a document's working copy into a published
 * version (immediate publication at the final approval, the scheduled-publication job, the
 * demo seeder and `createPublishedItem` all go through `publishVersion`).
 */
import type { AppContext } from '../../context.ts';
import type { Db, Executor } from '../../db/client.ts';
import type { AttachmentRef } from '../../db/schema/index.ts';
import { now as clockNow } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { FileStorage } from '../../lib/storage.ts';
import { recordAudit, type AuditActor } from '../audit/index.ts';
import { documentTokens } from '../search/index.ts';
import { bodyToText } from './body-html.ts';
import { budgetTokens, newTokenBudget } from './index-budget.ts';
import { normalizeDocNo, disclosureNames, type Disclosure } from './metadata.ts';
import { notProactive } from './publishing.errors.ts';
import { assertPublishable } from './privacy-gate.service.ts';
import * as repo from './publishing.repository.ts';

/** Characters of attachment text fed to the index (the tsvector of one version stays well under 1 MB). */
const maxAttachmentIndexChars = 150_000;
/** Characters of body text fed to the index. */
const maxBodyIndexChars = 150_000;

/** The weighted token strings of a version, within the tsvector size budget (title and 文号 first). */
function versionTokens(doc: repo.DocumentRow, bodyText: string, attachmentText: string): repo.VersionTokens {
  const budget = newTokenBudget();
  const title = budgetTokens(documentTokens(doc.title), budget);
  const meta = budgetTokens(documentTokens([doc.docNo ?? '', doc.indexNo, doc.keywords.join(' ')].join(' ')), budget);
  // The body may use most of what is left, but attachments keep at least a third of it.
  const body = budgetTokens(documentTokens(bodyText.slice(0, maxBodyIndexChars)), budget, (budget.remaining * 2) / 3);
  const attachments = budgetTokens(documentTokens(attachmentText), budget);
  return { title, meta, body, attachments };
}

/** Calls every cache-invalidation hook after something public changed (never throws). */
export function notifyPublicChange(ctx: AppContext): void {
  for (const fn of ctx.onPublicChange) {
    try {
      fn();
    } catch (err) {
      ctx.log.error({ err }, 'onPublicChange hook failed');
    }
  }
}

/** Options of {@link publishVersion}. */
export interface PublishOptions {
  /** Publication time of the new version. */
  at: Date;
  /** Who published (系统 for the scheduler). */
  by: AuditActor;
  /** Why, recorded in the audit row (e.g. 演示数据). */
  source?: string;
  /** Where the attachments' bytes are: publication re-scans them (privacy gate, fail closed). */
  storage: FileStorage;
  /** Hide the superseded versions (a correction made because of personal data), as `documents.correctionForPrivacy` does. */
  hideSuperseded?: boolean;
}

/** Reason kept on versions hidden by the publication of a privacy correction. */
export const privacyCorrectionHideReason = '因涉及个人信息已更正脱敏，原版本不再公开';

/**
 * Writes version N+1 of `doc` inside the caller's transaction: a snapshot of the metadata, the
 * body (HTML and text), keywords and the current attachments, with its search vector built in
 * SQL; marks older versions not current; points documents.liveVersion at it; writes the
 * review-trail and audit rows. The caller has already moved the row to `published` (or
 * inserted it so) under its own guard. Refuses items that are not 主动公开 (422), and items in
 * which a fresh privacy scan finds an unjustified high-confidence personal finding (422
 * PRIVACY_PUBLISH_BLOCKED, fail closed: see privacy-gate.service.ts).
 */
export async function publishVersion(tx: Executor, doc: repo.DocumentRow, opts: PublishOptions): Promise<repo.DocumentRow> {
  if (doc.disclosure !== 'proactive') throw notProactive(disclosureNames[doc.disclosure as Disclosure] ?? doc.disclosure);
  await assertPublishable(tx, opts.storage, doc);
  const atts = await repo.findAttachments(tx, doc.id);
  const version = (await repo.findMaxVersion(tx, doc.id)) + 1;
  const bodyText = bodyToText(doc.bodyHtml);
  const refs: AttachmentRef[] = atts.map((a) => ({ id: a.id, filename: a.filename, mime: a.mime, size: a.size }));
  const attachmentText = atts.map((a) => `${a.filename}\n${a.text}`).join('\n').slice(0, maxAttachmentIndexChars);
  await repo.retireVersions(tx, doc.id);
  await repo.insertVersion(
    tx,
    {
      documentId: doc.id,
      version,
      agencyId: doc.agencyId,
      columnId: doc.columnId,
      catalogItemId: doc.catalogItemId,
      indexNo: doc.indexNo,
      title: doc.title,
      docNo: doc.docNo,
      publisher: doc.publisher,
      writtenOn: doc.writtenOn,
      topic: doc.topic,
      docType: doc.docType,
      validity: doc.validity,
      effectiveOn: doc.effectiveOn,
      invalidOn: doc.invalidOn,
      interpretsId: doc.interpretsId,
      bodyHtml: doc.bodyHtml,
      bodyText,
      keywords: doc.keywords,
      attachments: refs,
      publishedAt: opts.at,
      changeNote: version > 1 ? doc.changeNote : null,
      isCurrent: true,
      docNoKey: normalizeDocNo(doc.docNo),
      noticeStartsOn: doc.noticeStartsOn,
      noticeEndsOn: doc.noticeEndsOn,
    },
    versionTokens(doc, bodyText, attachmentText),
  );
  const updated = await repo.setDocumentFields(tx, doc.id, {
    status: 'published',
    liveVersion: version,
    scheduledAt: null,
    changeNote: null,
    correctionForPrivacy: false,
  });
  await repo.insertReviewAction(tx, {
    documentId: doc.id,
    round: doc.round,
    action: 'publish',
    actorId: opts.by.userId,
    comment: version > 1 ? doc.changeNote : null,
    at: opts.at,
  });
  await recordAudit(tx, opts.by, {
    agencyId: doc.agencyId,
    action: 'document.publish',
    entityType: 'document',
    entityId: doc.id,
    before: { liveVersion: doc.liveVersion },
    after: {
      liveVersion: version,
      publishedAt: opts.at.toISOString(),
      changeNote: version > 1 ? doc.changeNote : null,
      attachments: refs.map((r) => r.id),
      ...(opts.source ? { source: opts.source } : {}),
    },
  });
  if (version > 1 && (doc.correctionForPrivacy || opts.hideSuperseded)) {
    // A correction made because of personal data: the superseded versions still hold it, so
    // they leave the public history (DOMAIN.md §4.1: TL Art 15, PIPL Art 25).
    const hidden = await repo.hideVersions(tx, doc.id, { at: opts.at, reason: privacyCorrectionHideReason, by: opts.by.userId });
    if (hidden.length) {
      await recordAudit(tx, opts.by, {
        agencyId: doc.agencyId,
        action: 'document.hideVersions',
        entityType: 'document',
        entityId: doc.id,
        before: { hidden: [] },
        after: { hidden, reason: privacyCorrectionHideReason, byCorrection: version },
      });
    }
  }
  return updated;
}

/** Result of one run of the scheduled-publication job. */
export interface ScheduledRun {
  published: string[];
  /** `returned`: refused for good (privacy gate …) and sent back to the drafter, never retried. */
  failed: Array<{ id: string; error: string; returned?: boolean }>;
}

const systemActor: AuditActor = { userId: null, username: '系统' };

/**
 * Publishes every scheduled document whose time has come, each in its own transaction
 * (one failure does not hold back the others), audited as 系统. A refusal that retrying cannot
 * cure (a 422: the privacy gate finding an unmasked ID, an item no longer 主动公开) returns the
 * item to its drafter with the reason in the review trail, so the job does not try it again
 * every 30 s; other errors (database, storage) are retried on the next run.
 */
export async function publishDueScheduled(ctx: AppContext, at: Date = clockNow()): Promise<ScheduledRun> {
  const run: ScheduledRun = { published: [], failed: [] };
  for (;;) {
    const due = await repo.findDueScheduled(ctx.db, at, 50);
    const fresh = due.filter((d) => !run.failed.some((f) => f.id === d.id) && !run.published.includes(d.id));
    if (fresh.length === 0) break;
    for (const d of fresh) {
      try {
        const done = await publishScheduledOne(ctx.db, ctx.storage, d.id, d.lockVersion, at);
        if (done) run.published.push(d.id);
        else run.failed.push({ id: d.id, error: 'changed concurrently' });
      } catch (err) {
        ctx.log.error({ err, documentId: d.id }, 'scheduled publication failed');
        const error = err instanceof Error ? err.message : String(err);
        const refused = err instanceof AppError && err.code === 'UNPROCESSABLE';
        const returned = refused ? await returnRefusedScheduled(ctx.db, d.id, d.lockVersion, error).catch(() => false) : false;
        run.failed.push({ id: d.id, error, ...(returned ? { returned } : {}) });
      }
    }
  }
  if (run.published.length > 0) notifyPublicChange(ctx);
  return run;
}

async function publishScheduledOne(db: Db, storage: FileStorage, id: string, lockVersion: number, at: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const before = await repo.findDocument(tx, id);
    if (!before || before.status !== 'scheduled' || !before.scheduledAt || before.scheduledAt > at) return false;
    const row = await repo.updateDocumentGuarded(tx, id, { lockVersion, status: 'scheduled' }, { status: 'published' });
    if (!row) return false;
    await recordAudit(tx, systemActor, {
      agencyId: row.agencyId,
      action: 'document.publishScheduled',
      entityType: 'document',
      entityId: id,
      before: { status: 'scheduled', scheduledAt: before.scheduledAt.toISOString() },
      after: { status: 'published' },
    });
    await publishVersion(tx, row, { at, by: systemActor, source: '定时发布', storage });
    return true;
  });
}

/**
 * A scheduled item publication refused: back to `returned` (the drafter's list shows it, the
 * final-step reviewer's decision stands in the trail) with a 退回 by 系统 giving the reason.
 */
async function returnRefusedScheduled(db: Db, id: string, lockVersion: number, reason: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const doc = await repo.findDocument(tx, id);
    if (!doc || doc.status !== 'scheduled') return false;
    const row = await repo.updateDocumentGuarded(tx, id, { lockVersion, status: 'scheduled' }, { status: 'returned', scheduledAt: null });
    if (!row) return false;
    const comment = `定时发布未能完成，已退回：${reason}`;
    const step = doc.chain?.[doc.currentStep];
    await repo.insertReviewAction(tx, { documentId: id, round: doc.round, stepKey: step?.key ?? null, action: 'return', actorId: null, comment });
    await recordAudit(tx, systemActor, {
      agencyId: doc.agencyId,
      action: 'document.publishScheduledRefused',
      entityType: 'document',
      entityId: id,
      before: { status: 'scheduled', scheduledAt: doc.scheduledAt?.toISOString() ?? null },
      after: { status: 'returned', reason },
    });
    return true;
  });
}
