/**
 * Who may do what to a government information item. Pure predicates over the actor and the
 * document; routes and services ask `decide` (for the error to throw) or `can` (a boolean).
 *
 * - Only a drafter of the agency creates; only the drafter who created a document edits,
 *   uploads to and submits it, and only in draft/returned.
 * - A reviewer approves or returns only at the current step whose key they hold.
 * - Nobody approves or returns at any step a document they created (REVIEW_SELF_APPROVAL).
 * - Withdrawal and correction: the agency's administrator (a sysadmin counts) or a reviewer
 *   holding the final step of the document's chain.
 * - Members of the agency, supervisors and sysadmins read; auditors and supervisors only read.
 * - Everyone else does not learn that the document exists (404).
 */
import { AppError } from '../../lib/errors.ts';
import { canReadAgency, canReviewStep, hasRole, type Actor } from '../accounts/index.ts';
import { documentActions, isActionApplicable, statusNames, type DocumentAction, type DocumentStatus } from './workflow.ts';
import { invalidState, selfApproval } from './publishing.errors.ts';

/** The part of a document the policy looks at. */
export interface PolicyDocument {
  agencyId: string;
  createdBy: string;
  status: DocumentStatus;
  currentStep: number;
  /** The frozen review chain (null before the first submission). */
  chain: Array<{ key: string; name: string }> | null;
  liveVersion: number | null;
}

/** The outcome of a permission check; a refusal says which error to answer with. */
export type Decision =
  | { ok: true }
  | { ok: false; refusal: 'NOT_FOUND' | 'INVALID_STATE' | 'SELF_APPROVAL' | 'FORBIDDEN'; message: string };

const allow: Decision = { ok: true };
const deny = (message: string): Decision => ({ ok: false, refusal: 'FORBIDDEN', message });

/** true when the actor may create documents in the agency. */
export function canCreateIn(actor: Actor, agencyId: string): boolean {
  return hasRole(actor, agencyId, 'drafter');
}

/** The current step of a document in review, if any. */
export function currentStepOf(doc: PolicyDocument): { key: string; name: string } | undefined {
  return doc.chain?.[doc.currentStep];
}

function holdsFinalStep(actor: Actor, doc: PolicyDocument): boolean {
  const final = doc.chain?.at(-1);
  return !!final && canReviewStep(actor, doc.agencyId, final.key);
}

/**
 * Decides whether `actor` may do `action` to `doc`. Checks, in order: visibility (404), the
 * state (409), self-approval (422), the role (403).
 */
export function decide(actor: Actor, action: DocumentAction, doc: PolicyDocument): Decision {
  if (!canReadAgency(actor, doc.agencyId)) return { ok: false, refusal: 'NOT_FOUND', message: '稿件不存在或无权查看' };
  if (!isActionApplicable(action, { status: doc.status, hasLive: doc.liveVersion !== null })) {
    return { ok: false, refusal: 'INVALID_STATE', message: `稿件当前为「${statusNames[doc.status]}」状态，不能执行此操作` };
  }
  const isOwner = doc.createdBy === actor.userId;
  switch (action) {
    case 'read':
      return allow;
    case 'update':
    case 'addAttachment':
    case 'removeAttachment':
    case 'submit':
      if (isOwner && hasRole(actor, doc.agencyId, 'drafter')) return allow;
      return deny('只有起草该稿件的起草人可以修改、上传附件或提交审核');
    case 'approve':
    case 'return': {
      if (isOwner) return { ok: false, refusal: 'SELF_APPROVAL', message: '不能审核本人起草的稿件' };
      const step = currentStepOf(doc);
      if (step && canReviewStep(actor, doc.agencyId, step.key)) return allow;
      return deny(step ? `只有「${step.name}」的审核人可以审核此步骤` : '该稿件没有待审核的步骤');
    }
    case 'withdraw':
    case 'startCorrection':
      if (hasRole(actor, doc.agencyId, 'admin') || holdsFinalStep(actor, doc)) return allow;
      return deny(`只有单位管理员或终审审核人可以${action === 'withdraw' ? '撤回' : '更正'}已发布的信息`);
  }
}

/** true when `actor` may do `action` to `doc`. */
export function can(actor: Actor, action: DocumentAction, doc: PolicyDocument): boolean {
  return decide(actor, action, doc).ok;
}

/** The actions (besides reading) the actor may take now: the UI shows these buttons. */
export function allowedActions(actor: Actor, doc: PolicyDocument): DocumentAction[] {
  return documentActions.filter((a) => a !== 'read' && can(actor, a, doc));
}

/** Throws the AppError matching a refusal; returns when allowed. */
export function authorize(actor: Actor, action: DocumentAction, doc: PolicyDocument): void {
  const d = decide(actor, action, doc);
  if (d.ok) return;
  switch (d.refusal) {
    case 'NOT_FOUND':
      throw new AppError('NOT_FOUND', { message: d.message });
    case 'INVALID_STATE':
      throw invalidState(d.message);
    case 'SELF_APPROVAL':
      throw selfApproval();
    case 'FORBIDDEN':
      throw new AppError('FORBIDDEN', { message: d.message });
  }
}
