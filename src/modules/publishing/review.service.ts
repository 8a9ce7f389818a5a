/**
 * Use cases of the 三审三校 workflow: submit, approve, return, withdraw, start a correction.
 * Each one: load (404), compare the client's lockVersion (409), policy (409/422/403), pure
 * transition (workflow.ts), then ONE transaction with the guarded UPDATE (0 rows → 409), the
 * review_actions row and the audit row, and publication when the final step approves.
 */
import type { AppContext } from '../../context.ts';
import { now } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { auditActor, type Actor } from '../accounts/index.ts';
import { getAgency } from '../agencies/index.ts';
import { recordAudit } from '../audit/index.ts';
import { loadForChange } from './documents.service.ts';
import { catalogItemRequired, changeNoteRequired, checklistIncomplete, invalidState, notProactive, staleDocument } from './publishing.errors.ts';
import { disclosureNames, type Disclosure } from './metadata.ts';
import { notifyPublicChange, publishVersion } from './publish.ts';
import { assertPrivacyStepClear } from './privacy-gate.service.ts';
import * as repo from './publishing.repository.ts';
import { transition, type DocumentStatus, type TransitionResult, type WorkflowEvent } from './workflow.ts';

/** Outcome of a transition: the new state the client needs to carry on. */
export interface TransitionOutcome {
  id: string;
  status: DocumentStatus;
  currentStep: number;
  lockVersion: number;
  liveVersion: number | null;
  scheduledAt: string | null;
}

function outcome(row: repo.DocumentRow): TransitionOutcome {
  return {
    id: row.id,
    status: row.status as DocumentStatus,
    currentStep: row.currentStep,
    lockVersion: row.lockVersion,
    liveVersion: row.liveVersion,
    scheduledAt: row.scheduledAt?.toISOString() ?? null,
  };
}

function apply(doc: repo.DocumentRow, event: WorkflowEvent): Extract<TransitionResult, { ok: true }>['next'] {
  const r = transition(
    {
      status: doc.status as DocumentStatus,
      currentStep: doc.currentStep,
      stepCount: doc.chain?.length ?? 0,
      round: doc.round,
      hasLive: doc.liveVersion !== null,
      proactive: doc.disclosure === 'proactive',
    },
    event,
  );
  if (r.ok) return r.next;
  switch (r.reason) {
    case 'INVALID_STATE':
    case 'NOT_DUE':
      throw invalidState(r.message);
    case 'NOT_PROACTIVE':
      throw notProactive(disclosureNames[doc.disclosure as Disclosure] ?? doc.disclosure);
    case 'SCHEDULE_IN_PAST':
    case 'SCHEDULE_NOT_FINAL':
      throw new AppError('UNPROCESSABLE', { message: r.message, reason: r.reason, details: { fields: { scheduledAt: r.message } } });
  }
}

/** Sends a draft or returned document into review at the first step of the agency's chain (frozen now). */
export async function submitDocument(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { lockVersion: number; changeNote?: string | null | undefined },
  ip: string | null,
): Promise<TransitionOutcome> {
  const doc = await loadForChange(ctx.db, actor, id, 'submit', input.lockVersion);
  const correcting = doc.liveVersion !== null;
  const changeNote = correcting ? (input.changeNote ?? doc.changeNote) : null;
  if (correcting && !changeNote) throw changeNoteRequired();
  if (!correcting && input.changeNote) {
    throw new AppError('VALIDATION', { message: '输入有误：只有更正已发布的信息时才需要填写更正说明', details: { fields: { changeNote: '仅更正时填写' } } });
  }
  if (doc.disclosure === 'proactive' && !doc.catalogItemId) throw catalogItemRequired();
  const attachments = await repo.findAttachments(ctx.db, doc.id);
  if (!doc.bodyHtml.trim() && attachments.length === 0) {
    throw new AppError('UNPROCESSABLE', { message: '正文和附件不能都为空', reason: 'EMPTY_DOCUMENT' });
  }
  const agency = await getAgency(ctx.db, doc.agencyId);
  const next = apply({ ...doc, chain: agency.reviewChain }, { type: 'submit' });
  const row = await ctx.db.transaction(async (tx) => {
    const row = await repo.updateDocumentGuarded(
      tx,
      doc.id,
      { lockVersion: doc.lockVersion, status: doc.status },
      { status: next.status, currentStep: next.currentStep, round: next.round, chain: agency.reviewChain, scheduledAt: null, changeNote },
    );
    if (!row) throw staleDocument();
    await repo.insertReviewAction(tx, { documentId: doc.id, round: next.round, action: 'submit', actorId: actor.userId, comment: changeNote });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: doc.agencyId,
      action: 'document.submit',
      entityType: 'document',
      entityId: doc.id,
      before: { status: doc.status, round: doc.round },
      after: { status: row.status, round: row.round, currentStep: row.currentStep, chain: agency.reviewChain.map((s) => s.key), ...(changeNote ? { changeNote } : {}) },
    });
    return row;
  });
  return outcome(row);
}

/**
 * Approves the current step. Every point of the step's checklist must be ticked. At the last
 * step a 主动公开 item is published now (or scheduled); other items end as `approved`.
 */
export async function approveDocument(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { lockVersion: number; checklist: string[]; comment?: string | null | undefined; scheduledAt?: string | null | undefined },
  ip: string | null,
): Promise<TransitionOutcome> {
  const doc = await loadForChange(ctx.db, actor, id, 'approve', input.lockVersion);
  const step = doc.chain![doc.currentStep]!;
  const unknown = input.checklist.filter((c) => !step.checklist.includes(c));
  if (unknown.length) {
    throw new AppError('VALIDATION', {
      message: `输入有误：「${unknown.join('、')}」不是「${step.name}」的核对项`,
      details: { fields: { checklist: '含有不属于本步骤的核对项' } },
    });
  }
  const missing = step.checklist.filter((c) => !input.checklist.includes(c));
  if (missing.length) throw checklistIncomplete(missing);
  // 隐私信息专项审查: the scanner's findings must be masked or justified first (issue 3).
  if (step.privacy) await assertPrivacyStepClear(ctx, doc);
  const at = now();
  const next = apply(doc, { type: 'approve', scheduledAt: input.scheduledAt ? new Date(input.scheduledAt) : null, now: at });
  const row = await ctx.db.transaction(async (tx) => {
    const row = await repo.updateDocumentGuarded(
      tx,
      doc.id,
      { lockVersion: doc.lockVersion, status: 'in_review', currentStep: doc.currentStep },
      { status: next.status, currentStep: next.currentStep, scheduledAt: next.scheduledAt },
    );
    if (!row) throw staleDocument();
    await repo.insertReviewAction(tx, {
      documentId: doc.id,
      round: doc.round,
      stepKey: step.key,
      action: 'approve',
      actorId: actor.userId,
      comment: input.comment ?? null,
      checklist: [...new Set(input.checklist)],
      at,
    });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: doc.agencyId,
      action: 'document.approve',
      entityType: 'document',
      entityId: doc.id,
      before: { status: doc.status, currentStep: doc.currentStep },
      after: { status: row.status, currentStep: row.currentStep, step: step.key, scheduledAt: row.scheduledAt?.toISOString() ?? null },
    });
    return next.effect === 'publish' ? publishVersion(tx, row, { at, by: auditActor(actor, ip), storage: ctx.storage }) : row;
  });
  if (next.effect === 'publish') notifyPublicChange(ctx);
  return outcome(row);
}

/** Returns the document to its drafter with a reason (from review, or a scheduled one before it goes out). */
export async function returnDocument(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { lockVersion: number; comment: string },
  ip: string | null,
): Promise<TransitionOutcome> {
  const doc = await loadForChange(ctx.db, actor, id, 'return', input.lockVersion);
  const step = doc.chain![doc.currentStep]!;
  const next = apply(doc, { type: 'return' });
  const row = await ctx.db.transaction(async (tx) => {
    const row = await repo.updateDocumentGuarded(
      tx,
      doc.id,
      { lockVersion: doc.lockVersion, status: doc.status, currentStep: doc.currentStep },
      { status: next.status, scheduledAt: null },
    );
    if (!row) throw staleDocument();
    await repo.insertReviewAction(tx, { documentId: doc.id, round: doc.round, stepKey: step.key, action: 'return', actorId: actor.userId, comment: input.comment });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: doc.agencyId,
      action: 'document.return',
      entityType: 'document',
      entityId: doc.id,
      before: { status: doc.status, currentStep: doc.currentStep, scheduledAt: doc.scheduledAt?.toISOString() ?? null },
      after: { status: row.status, step: step.key, comment: input.comment },
    });
    return row;
  });
  return outcome(row);
}

/**
 * 撤回: takes a published item off the portal, which answers with a notice giving the reason.
 * Its versions stay (no longer current) for the record; a correction under way ends.
 */
export async function withdrawDocument(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { lockVersion: number; reason: string },
  ip: string | null,
  /** Where the withdrawal was asked for (e.g. the privacy sweep's report), recorded in the audit row. */
  origin?: Record<string, string>,
): Promise<TransitionOutcome> {
  const doc = await loadForChange(ctx.db, actor, id, 'withdraw', input.lockVersion);
  const next = apply(doc, { type: 'withdraw' });
  const at = now();
  const row = await ctx.db.transaction(async (tx) => {
    const row = await repo.updateDocumentGuarded(
      tx,
      doc.id,
      { lockVersion: doc.lockVersion, status: doc.status },
      { status: next.status, withdrawnAt: at, withdrawReason: input.reason, scheduledAt: null },
    );
    if (!row) throw staleDocument();
    await repo.retireVersions(tx, doc.id);
    await repo.insertReviewAction(tx, { documentId: doc.id, round: doc.round, action: 'withdraw', actorId: actor.userId, comment: input.reason, at });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: doc.agencyId,
      action: 'document.withdraw',
      entityType: 'document',
      entityId: doc.id,
      before: { status: doc.status, liveVersion: doc.liveVersion },
      after: { status: row.status, withdrawnAt: at.toISOString(), withdrawReason: input.reason, ...(origin ? { origin } : {}) },
    });
    return row;
  });
  notifyPublicChange(ctx);
  return outcome(row);
}

/**
 * Starts a correction: the working copy goes back to draft while the live version stays public.
 * `forPrivacy` (the sweep's 更正脱敏, or the console's privacy flow): the correction is made
 * because of personal data, and its publication hides the superseded versions from the public.
 */
export async function startCorrection(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { lockVersion: number; comment?: string | null | undefined; forPrivacy?: boolean | undefined },
  ip: string | null,
): Promise<TransitionOutcome> {
  const doc = await loadForChange(ctx.db, actor, id, 'startCorrection', input.lockVersion);
  const next = apply(doc, { type: 'startCorrection' });
  const row = await ctx.db.transaction(async (tx) => {
    const row = await repo.updateDocumentGuarded(
      tx,
      doc.id,
      { lockVersion: doc.lockVersion, status: 'published' },
      { status: next.status, currentStep: next.currentStep, scheduledAt: null, changeNote: null, correctionForPrivacy: input.forPrivacy === true },
    );
    if (!row) throw staleDocument();
    await repo.insertReviewAction(tx, { documentId: doc.id, round: doc.round, action: 'correct', actorId: actor.userId, comment: input.comment ?? null });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: doc.agencyId,
      action: 'document.startCorrection',
      entityType: 'document',
      entityId: doc.id,
      before: { status: doc.status, currentStep: doc.currentStep },
      after: {
        status: row.status,
        currentStep: row.currentStep,
        liveVersion: row.liveVersion,
        ...(input.comment ? { comment: input.comment } : {}),
        ...(row.correctionForPrivacy ? { forPrivacy: true } : {}),
      },
    });
    return row;
  });
  return outcome(row);
}
