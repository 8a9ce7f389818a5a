/**
 * The 隐私信息专项审查 gate: the privacy scanner plugged into the review chain (issue 3).
 *
 * - `scanDocument` scans the working copy's body and current attachments (re-extracted from
 *   storage) and stores the result; a stored scan is reused while body, attachments and policy
 *   are unchanged (its content key).
 * - Approving the step marked `privacy: true` is refused (422 PRIVACY_FINDINGS_UNRESOLVED)
 *   while a personal finding of high or medium confidence, or an item needing manual review,
 *   is neither masked nor justified by a reviewer (已确认为公开信息, with a reason, audited).
 * - `publishVersion` calls `assertPublishable`: a fresh scan inside the publishing transaction
 *   that refuses (422 PRIVACY_PUBLISH_BLOCKED) any unjustified high-confidence personal finding
 *   (fail closed: an attachment that cannot be read blocks too).
 * - Masking the body (one click) and masking a DOCX/XLSX attachment (a masked copy replaces it;
 *   the original stays private in storage, linked in privacy_masked_files for the audit).
 */
import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { now as clockNow } from '../../lib/clock.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { sha256 } from '../../lib/ids.ts';
import type { FileStorage } from '../../lib/storage.ts';
import { auditActor, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import {
  countFindings,
  gateMessage,
  getMaskPolicy,
  isBlocking,
  maskFile,
  maskHtml,
  MaskRefusedError,
  privacyStore,
  scanFile,
  scanHtml,
  toStoredFindings,
  unresolvedFindings,
  UnreadableFileError,
  type MaskPolicy,
  type PrivacyCounts,
  type StoredFinding,
} from '../privacy/index.ts';
import { inspectAttachment } from './attachment-content.ts';
import { loadVisible, toPolicyDocument } from './documents.service.ts';
import { decide, currentStepOf } from './publishing.policy.ts';
import { staleDocument } from './publishing.errors.ts';
import * as repo from './publishing.repository.ts';

/** A stored finding as the reviewer sees it, with its justification if any. */
export interface PresentedFinding extends StoredFinding {
  justification: { reason: string; at: string } | null;
  /** true when it blocks the privacy step now. */
  blocking: boolean;
}

/** GET /api/documents/:id/privacy */
export interface DocumentPrivacy {
  documentId: string;
  scannedAt: string;
  counts: PrivacyCounts;
  findings: PresentedFinding[];
  /** Findings blocking the privacy step (high/medium personal, manual review) not yet justified. */
  unresolved: number;
  /** The refusal message approval would give now, or null. */
  message: string | null;
  /** true when the document is at the privacy step. */
  atPrivacyStep: boolean;
  /** What the actor may do here. */
  can: { maskBody: boolean; maskAttachment: boolean; justify: boolean };
  lockVersion: number;
}

function contentKey(doc: repo.DocumentRow, atts: repo.AttachmentRow[], policy: MaskPolicy): string {
  return createHash('sha256')
    .update(JSON.stringify([doc.bodyHtml, atts.map((a) => a.sha256), policy]))
    .digest('hex');
}

/** Scans body and current attachments; never throws for a file it cannot read (that is a finding). */
async function scanContent(exec: Executor, storage: FileStorage, doc: repo.DocumentRow, policy: MaskPolicy): Promise<{ findings: StoredFinding[]; key: string }> {
  const now = clockNow();
  const atts = await repo.findAttachments(exec, doc.id);
  const findings = toStoredFindings({ source: 'body' }, scanHtml(doc.bodyHtml, { now, policy }));
  for (const a of atts) {
    const src = { source: 'attachment' as const, attachmentId: a.id, filename: a.filename };
    try {
      const scan = await scanFile(a.filename, await storage.get(a.storageKey), { now, policy });
      findings.push(...toStoredFindings(src, scan.findings, scan.manualReview));
    } catch (err) {
      const reason = err instanceof UnreadableFileError ? `${err.message}，须人工核对` : '附件无法读取，须人工核对';
      findings.push(...toStoredFindings(src, [], [{ location: {}, reason }]));
    }
  }
  return { findings, key: contentKey(doc, atts, policy) };
}

/**
 * Scans the working copy of a document and stores the result (reusing the newest stored scan
 * while the content key matches, unless `force`). Returns the stored row.
 */
export async function scanDocument(db: Executor, storage: FileStorage, documentId: string, opts: { force?: boolean } = {}): Promise<privacyStore.ScanRow> {
  const doc = await repo.findDocument(db, documentId);
  if (!doc) throw notFound('稿件');
  const policy = await getMaskPolicy(db);
  const latest = await privacyStore.findLatestScan(db, doc.id);
  if (latest && !opts.force) {
    const key = contentKey(doc, await repo.findAttachments(db, doc.id), policy);
    if (latest.contentKey === key) return latest;
  }
  const { findings, key } = await scanContent(db, storage, doc, policy);
  return privacyStore.insertScan(db, { documentId: doc.id, agencyId: doc.agencyId, contentKey: key, findings, counts: countFindings(findings) });
}

async function justifiedIds(db: Executor, documentId: string): Promise<Map<string, privacyStore.JustificationRow>> {
  return new Map((await privacyStore.findJustifications(db, documentId)).map((j) => [j.findingId, j]));
}

function isPrivacyStep(doc: repo.DocumentRow): boolean {
  return doc.status === 'in_review' && !!doc.chain?.[doc.currentStep]?.privacy;
}

/** May the actor mask (drafter before submission, or the privacy-step reviewer) / justify (reviewer only)? */
function permissions(actor: Actor, doc: repo.DocumentRow): DocumentPrivacy['can'] {
  const pd = toPolicyDocument(doc);
  const reviewer = isPrivacyStep(doc) && decide(actor, 'approve', pd).ok;
  const drafter = decide(actor, 'update', pd).ok;
  return { maskBody: reviewer || drafter, maskAttachment: reviewer || drafter, justify: reviewer };
}

function requirePermission(actor: Actor, doc: repo.DocumentRow, what: keyof DocumentPrivacy['can']): void {
  if (permissions(actor, doc)[what]) return;
  const step = currentStepOf(toPolicyDocument(doc));
  if (what === 'justify') {
    if (!isPrivacyStep(doc)) throw new AppError('CONFLICT', { message: '只有处于隐私信息专项审查步骤的稿件可以确认公开信息', reason: 'INVALID_STATE' });
    throw new AppError('FORBIDDEN', { message: `只有「${step?.name ?? '隐私信息专项审查'}」的审核人可以确认公开信息` });
  }
  throw new AppError('FORBIDDEN', { message: '只有起草人（草稿、退回时）或隐私信息专项审查的审核人可以脱敏' });
}

/** The privacy view of a document for a reviewer (scans first when the stored scan is stale). */
export async function getDocumentPrivacy(ctx: AppContext, actor: Actor, id: string): Promise<DocumentPrivacy> {
  const doc = await loadVisible(ctx.db, actor, id);
  const scan = await scanDocument(ctx.db, ctx.storage, doc.id);
  const justified = await justifiedIds(ctx.db, doc.id);
  const unresolved = unresolvedFindings(scan.findings, new Set(justified.keys()), 'medium');
  const blockingIds = new Set(unresolved.map((f) => f.id));
  return {
    documentId: doc.id,
    scannedAt: scan.scannedAt.toISOString(),
    counts: scan.counts,
    findings: scan.findings.map((f) => {
      const j = justified.get(f.id);
      return { ...f, justification: j ? { reason: j.reason, at: j.at.toISOString() } : null, blocking: blockingIds.has(f.id) };
    }),
    unresolved: unresolved.length,
    message: unresolved.length ? gateMessage(unresolved, 'approve') : null,
    atPrivacyStep: isPrivacyStep(doc),
    can: permissions(actor, doc),
    lockVersion: doc.lockVersion,
  };
}

/** Throws 422 PRIVACY_FINDINGS_UNRESOLVED while the privacy step cannot be approved. */
export async function assertPrivacyStepClear(ctx: AppContext, doc: repo.DocumentRow): Promise<void> {
  const scan = await scanDocument(ctx.db, ctx.storage, doc.id);
  const justified = await justifiedIds(ctx.db, doc.id);
  const unresolved = unresolvedFindings(scan.findings, new Set(justified.keys()), 'medium');
  if (unresolved.length) {
    throw new AppError('UNPROCESSABLE', {
      message: gateMessage(unresolved, 'approve'),
      reason: 'PRIVACY_FINDINGS_UNRESOLVED',
      details: { counts: scan.counts, unresolved: unresolved.map((f) => ({ id: f.id, type: f.type, typeLabel: f.typeLabel, masked: f.masked, location: f.location })) },
    });
  }
}

/**
 * The publication check (fail closed): a fresh scan inside the caller's transaction; throws 422
 * PRIVACY_PUBLISH_BLOCKED on any unjustified high-confidence personal finding, or an
 * attachment that cannot be read.
 */
export async function assertPublishable(tx: Executor, storage: FileStorage, doc: repo.DocumentRow): Promise<void> {
  const policy = await getMaskPolicy(tx);
  const { findings } = await scanContent(tx, storage, doc, policy);
  const justified = new Set((await privacyStore.findJustifications(tx, doc.id)).map((j) => j.findingId));
  const unreadable = findings.filter((f) => f.type === 'manualReview' && f.reason.includes('无法读取') && !justified.has(f.id));
  const unresolved = [...unresolvedFindings(findings, justified, 'high'), ...unreadable];
  if (unresolved.length) {
    throw new AppError('UNPROCESSABLE', {
      message: gateMessage(unresolved, 'publish'),
      reason: 'PRIVACY_PUBLISH_BLOCKED',
      details: { unresolved: unresolved.map((f) => ({ id: f.id, type: f.type, typeLabel: f.typeLabel, masked: f.masked, location: f.location })) },
    });
  }
}

async function loadForPrivacyChange(ctx: AppContext, actor: Actor, id: string, lockVersion: number, what: keyof DocumentPrivacy['can']): Promise<repo.DocumentRow> {
  const doc = await loadVisible(ctx.db, actor, id);
  if (doc.lockVersion !== lockVersion) throw staleDocument();
  requirePermission(actor, doc, what);
  return doc;
}

/** 一键脱敏正文: masks the body with the site policy (findings of medium or high confidence); audited. */
export async function maskDocumentBody(ctx: AppContext, actor: Actor, id: string, input: { lockVersion: number }, ip: string | null): Promise<DocumentPrivacy & { masked: number }> {
  const doc = await loadForPrivacyChange(ctx, actor, id, input.lockVersion, 'maskBody');
  const policy = await getMaskPolicy(ctx.db);
  const now = clockNow();
  const { output, masked } = maskHtml(doc.bodyHtml, { now, policy });
  if (masked > 0) {
    const left = scanHtml(output, { now, policy }).filter((f) => isBlocking(f));
    if (left.length) throw new AppError('UNPROCESSABLE', { message: `正文脱敏后复查仍发现 ${left.length} 处个人信息，请手工修改正文`, reason: 'PRIVACY_MASK_INCOMPLETE' });
    await ctx.db.transaction(async (tx) => {
      const row = await repo.updateDocumentGuarded(tx, doc.id, { lockVersion: doc.lockVersion, status: doc.status }, { bodyHtml: output });
      if (!row) throw staleDocument();
      await recordAudit(tx, auditActor(actor, ip), {
        agencyId: doc.agencyId,
        action: 'document.privacy.maskBody',
        entityType: 'document',
        entityId: doc.id,
        before: { body: { length: doc.bodyHtml.length, sha256: sha256(Buffer.from(doc.bodyHtml)) } },
        after: { body: { length: output.length, sha256: sha256(Buffer.from(output)) }, masked },
      });
    });
  }
  return { ...(await getDocumentPrivacy(ctx, actor, id)), masked };
}

/**
 * 脱敏附件: a masked DOCX/XLSX/PDF copy (same structure, re-scanned clean; a PDF's pages with
 * findings become redacted images) replaces the attachment in the working copy; the original
 * stays private, linked for the audit. Images, and PDFs that cannot be redacted safely, are
 * refused with a message asking for a clean file.
 */
export async function maskDocumentAttachment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  attachmentId: string,
  input: { lockVersion: number },
  ip: string | null,
): Promise<DocumentPrivacy & { masked: number; attachmentId: string }> {
  const doc = await loadForPrivacyChange(ctx, actor, id, input.lockVersion, 'maskAttachment');
  const att = await repo.findAttachment(ctx.db, doc.id, attachmentId);
  if (!att || !att.current) throw notFound('附件');
  const policy = await getMaskPolicy(ctx.db);
  let result;
  try {
    result = await maskFile(att.filename, await ctx.storage.get(att.storageKey), { now: clockNow(), policy });
  } catch (err) {
    if (err instanceof MaskRefusedError) throw new AppError('UNPROCESSABLE', { message: err.message, reason: `PRIVACY_${err.reason}` });
    if (err instanceof UnreadableFileError) throw new AppError('UNPROCESSABLE', { message: err.message, reason: 'ATTACHMENT_CORRUPT' });
    throw err;
  }
  if (result.masked === 0) throw new AppError('UNPROCESSABLE', { message: `附件「${att.filename}」中没有需要脱敏的个人信息`, reason: 'PRIVACY_NOTHING_TO_MASK' });
  const inspected = await inspectAttachment(att.filename, result.output);
  const hash = sha256(result.output);
  await ctx.storage.put(hash, result.output);
  const created = await ctx.db.transaction(async (tx) => {
    const row = await repo.updateDocumentGuarded(tx, doc.id, { lockVersion: doc.lockVersion, status: doc.status }, {});
    if (!row) throw staleDocument();
    const created = await repo.insertAttachment(tx, {
      documentId: doc.id,
      agencyId: doc.agencyId,
      filename: att.filename,
      mime: inspected.mime,
      size: result.output.length,
      sha256: hash,
      storageKey: hash,
      text: inspected.text,
      createdBy: actor.userId,
    });
    await repo.markAttachmentRemoved(tx, att.id);
    await privacyStore.insertMaskedFile(tx, { documentId: doc.id, originalAttachmentId: att.id, maskedAttachmentId: created.id, masked: result.masked, actorId: actor.userId });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: doc.agencyId,
      action: 'document.privacy.maskAttachment',
      entityType: 'document',
      entityId: doc.id,
      before: { attachmentId: att.id, filename: att.filename, sha256: att.sha256, current: true },
      after: {
        attachmentId: created.id,
        sha256: hash,
        masked: result.masked,
        ...(result.redacted ? { redactedPages: result.redacted.pages, redactedBoxes: result.redacted.boxes.length } : {}),
        original: { attachmentId: att.id, current: false, keptPrivate: true },
      },
    });
    return created;
  });
  return { ...(await getDocumentPrivacy(ctx, actor, id)), masked: result.masked, attachmentId: created.id };
}

/** 确认为公开信息: the reviewer records, per finding, why it is meant to be public. Audited. */
export async function justifyFindings(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { lockVersion: number; findingIds: string[]; reason: string },
  ip: string | null,
): Promise<DocumentPrivacy> {
  const doc = await loadForPrivacyChange(ctx, actor, id, input.lockVersion, 'justify');
  const scan = await scanDocument(ctx.db, ctx.storage, doc.id);
  const byId = new Map(scan.findings.map((f) => [f.id, f]));
  const unknown = input.findingIds.filter((f) => !byId.has(f));
  if (unknown.length) throw new AppError('VALIDATION', { message: '输入有误：部分发现项不存在（请刷新后重试）', details: { fields: { findingIds: unknown.join(',') } } });
  const chosen = [...new Set(input.findingIds)].map((f) => byId.get(f)!);
  await ctx.db.transaction(async (tx) => {
    await privacyStore.upsertJustifications(
      tx,
      chosen.map((f) => ({ documentId: doc.id, findingId: f.id, type: f.type, masked: f.masked, reason: input.reason, actorId: actor.userId, at: clockNow() })),
    );
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: doc.agencyId,
      action: 'document.privacy.justify',
      entityType: 'document',
      entityId: doc.id,
      after: { reason: input.reason, findings: chosen.map((f) => ({ id: f.id, type: f.type, masked: f.masked, source: f.source, filename: f.filename ?? null, location: f.location })) },
    });
  });
  return getDocumentPrivacy(ctx, actor, id);
}
