/** Rows → API shapes. Fields are chosen one by one: storage keys, hashes and extracted text never leave. */
import type { ReviewStep } from '../../db/schema/index.ts';
import {
  disclosureGroundNames,
  disclosureNames,
  docTypeNames,
  validityNames,
  type Disclosure,
  type DisclosureGround,
  type DocType,
  type Validity,
} from './metadata.ts';
import type { AttachmentRow, DocumentRow, ReviewActionRow, VersionRow } from './publishing.repository.ts';
import { statusNames, type DocumentStatus } from './workflow.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A document in lists. */
export function presentDocumentSummary(d: DocumentRow, names: Map<string, string>) {
  const status = d.status as DocumentStatus;
  const step = d.chain?.[d.currentStep];
  return {
    id: d.id,
    agencyId: d.agencyId,
    indexNo: d.indexNo,
    title: d.title,
    docNo: d.docNo,
    columnId: d.columnId,
    /** 公开目录事项, null when not linked. */
    catalogItemId: d.catalogItemId,
    disclosure: d.disclosure,
    status,
    statusName: statusNames[status] ?? d.status,
    /** The step awaiting a decision (in review / scheduled). */
    currentStep: status === 'in_review' || status === 'scheduled' ? (step ? { index: d.currentStep, key: step.key, name: step.name } : null) : null,
    /** true while a correction of a published item is under way. */
    correcting: d.liveVersion !== null && status !== 'published' && status !== 'withdrawn',
    liveVersion: d.liveVersion,
    scheduledAt: iso(d.scheduledAt),
    lockVersion: d.lockVersion,
    createdBy: { id: d.createdBy, displayName: names.get(d.createdBy) ?? null },
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

function presentChain(chain: ReviewStep[] | null) {
  return chain?.map((s) => ({ key: s.key, name: s.name, checklist: s.checklist, privacy: !!s.privacy })) ?? null;
}

/** A document with every field of its working copy. */
export function presentDocument(d: DocumentRow, names: Map<string, string>) {
  return {
    ...presentDocumentSummary(d, names),
    publisher: d.publisher,
    writtenOn: d.writtenOn,
    topic: d.topic,
    disclosureName: disclosureNames[d.disclosure as Disclosure] ?? d.disclosure,
    disclosureGround: d.disclosureGround,
    disclosureGroundName: d.disclosureGround ? (disclosureGroundNames[d.disclosureGround as DisclosureGround] ?? d.disclosureGround) : null,
    docType: d.docType,
    docTypeName: docTypeNames[d.docType as DocType] ?? d.docType,
    validity: d.validity,
    validityName: d.validity ? (validityNames[d.validity as Validity] ?? d.validity) : null,
    effectiveOn: d.effectiveOn,
    invalidOn: d.invalidOn,
    /** 公示期 (YYYY-MM-DD), null when none. */
    noticeStartsOn: d.noticeStartsOn,
    noticeEndsOn: d.noticeEndsOn,
    /** 政策解读: the item this one interprets, or null. */
    interpretsId: d.interpretsId,
    bodyHtml: d.bodyHtml,
    keywords: d.keywords,
    chain: presentChain(d.chain),
    round: d.round,
    changeNote: d.changeNote,
    withdrawnAt: iso(d.withdrawnAt),
    withdrawReason: d.withdrawReason,
  };
}

/** An attachment as staff see it. */
export function presentAttachment(a: AttachmentRow) {
  return {
    id: a.id,
    filename: a.filename,
    mime: a.mime,
    size: a.size,
    /** false once removed from the working copy (old versions may still list it). */
    current: a.current,
    /** Characters of text extracted for search. */
    textLength: a.text.length,
    createdAt: a.createdAt.toISOString(),
  };
}

const reviewActionNames: Record<string, string> = {
  submit: '提交审核',
  approve: '审核通过',
  return: '退回',
  publish: '发布',
  withdraw: '撤回',
  correct: '发起更正',
};

/** One event of the review trail. */
export function presentReviewAction(r: ReviewActionRow, chain: ReviewStep[] | null) {
  return {
    id: r.id,
    round: r.round,
    action: r.action,
    actionName: reviewActionNames[r.action] ?? r.action,
    stepKey: r.stepKey,
    stepName: r.stepKey ? (chain?.find((s) => s.key === r.stepKey)?.name ?? r.stepKey) : null,
    actor: r.actorId ? { id: r.actorId, displayName: r.actorName } : { id: null, displayName: '系统' },
    comment: r.comment,
    checklist: r.checklist,
    at: r.at.toISOString(),
  };
}

/** A published version in the 历史版本 list (without body). */
export function presentVersionSummary(v: VersionRow) {
  return {
    version: v.version,
    title: v.title,
    publishedAt: v.publishedAt.toISOString(),
    changeNote: v.changeNote,
    isCurrent: v.isCurrent,
    /** 公示期 of this version (snapshot at publication). */
    noticeStartsOn: v.noticeStartsOn,
    noticeEndsOn: v.noticeEndsOn,
    /** No longer public (personal data): the portal answers 410 for it. */
    hidden: v.hiddenAt !== null,
    hiddenAt: v.hiddenAt?.toISOString() ?? null,
    hiddenReason: v.hiddenReason,
    attachments: v.attachments,
  };
}
