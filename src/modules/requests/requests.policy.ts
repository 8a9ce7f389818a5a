/**
 * Who may do what to a request. Pure predicates over the actor and the request.
 *
 * - Members of the agency (any role), supervisors and sysadmins read the request's procedure
 *   (state, clock, events, outcome). Everyone else gets 404.
 * - The applicant's personal data: only members of the handling agency holding `handler`
 *   (依申请公开承办人) or `admin` there — not auditors, drafters, reviewers, supervisors, and
 *   not a sysadmin without membership (data minimisation, 个人信息保护法第6条).
 * - Registering and every action: the agency's admin (a sysadmin counts), or a handler of the
 *   agency who is the request's handler or backup handler — any handler while none is assigned.
 * - 审批 (approve, return-for-revision): a member of the agency holding `approver`
 *   (依申请公开审批人, the head of the disclosure office) or `admin` — not a sysadmin without
 *   membership — who is neither the request's handler nor the one who submitted it (no
 *   self-approval). When the agency requires 审批, `reply` is refused (422 APPROVAL_REQUIRED).
 * - Order of checks: visibility (404) → state (409) → role (403) → agency rule (422).
 */
import { AppError } from '../../lib/errors.ts';
import { canReadAgency, hasRole, type Actor } from '../accounts/index.ts';
import { actionNames, isActionApplicable, requestActions, stateNames, type RequestAction, type RequestState } from './model.ts';
import { invalidState } from './requests.errors.ts';

/** The part of a request the policy looks at. */
export interface PolicyRequest {
  agencyId: string;
  state: RequestState;
  handlerId: string | null;
  backupHandlerId: string | null;
  /** The agency requires 审批 before every reply (request_settings). */
  approvalRequired?: boolean;
  /** Who submitted the pending 审批 (the last approval_requested event), if any. */
  approvalRequestedBy?: string | null;
}

export type Decision =
  | { ok: true }
  | { ok: false; refusal: 'NOT_FOUND' | 'INVALID_STATE' | 'FORBIDDEN'; message: string; reason?: string }
  | { ok: false; refusal: 'RULE'; message: string; reason: string };

/** true when the actor may register requests for the agency. */
export function canRegisterIn(actor: Actor, agencyId: string): boolean {
  return hasRole(actor, agencyId, 'admin') || hasRole(actor, agencyId, 'handler');
}

/** true when the actor may see the applicant's personal data of the agency's requests. */
export function canSeeApplicant(actor: Actor, agencyId: string): boolean {
  const m = actor.memberships.find((x) => x.agencyId === agencyId);
  return !!m && (m.roles.includes('handler') || m.roles.includes('admin') || m.roles.includes('approver'));
}

/** true when the actor holds a role of the agency that may approve (审批 of replies, 延期 under 条例第33条第2款). */
export function mayApproveIn(actor: Pick<Actor, 'memberships'>, agencyId: string): boolean {
  const m = actor.memberships.find((x) => x.agencyId === agencyId);
  return !!m && (m.roles.includes('approver') || m.roles.includes('admin'));
}

const approvalActions: readonly RequestAction[] = ['approve', 'returnForRevision'];

function mayAct(actor: Actor, r: PolicyRequest): boolean {
  if (hasRole(actor, r.agencyId, 'admin')) return true;
  if (!hasRole(actor, r.agencyId, 'handler')) return false;
  if (r.handlerId === null) return true;
  return actor.userId === r.handlerId || actor.userId === r.backupHandlerId;
}

/** Decides whether `actor` may do `action` (or read) the request. */
export function decide(actor: Actor, action: RequestAction | 'read', r: PolicyRequest): Decision {
  if (!canReadAgency(actor, r.agencyId)) return { ok: false, refusal: 'NOT_FOUND', message: '申请不存在或无权查看' };
  if (action === 'read') return { ok: true };
  if (!isActionApplicable(action, r.state)) {
    return { ok: false, refusal: 'INVALID_STATE', message: `申请当前为「${stateNames[r.state]}」，不能执行「${actionNames[action]}」` };
  }
  if (approvalActions.includes(action)) {
    if (!mayApproveIn(actor, r.agencyId)) return { ok: false, refusal: 'FORBIDDEN', message: '只有本单位的依申请公开审批人或管理员可以审批' };
    if (actor.userId === r.handlerId || actor.userId === r.approvalRequestedBy) {
      return { ok: false, refusal: 'FORBIDDEN', message: '承办人或提交审批的人不能审批自己办理的申请', reason: 'SELF_APPROVAL' };
    }
    return { ok: true };
  }
  if (!mayAct(actor, r)) return { ok: false, refusal: 'FORBIDDEN', message: '只有本单位管理员或该申请的承办人、B角承办人可以办理' };
  if (action === 'reply' && r.approvalRequired) {
    return { ok: false, refusal: 'RULE', message: '本单位要求答复前经审批，请先「提交审批」', reason: 'APPROVAL_REQUIRED' };
  }
  return { ok: true };
}

/** true when allowed. */
export function can(actor: Actor, action: RequestAction | 'read', r: PolicyRequest): boolean {
  return decide(actor, action, r).ok;
}

/** The actions the actor may take now (the UI shows these buttons). */
export function allowedActions(actor: Actor, r: PolicyRequest): RequestAction[] {
  return requestActions.filter((a) => can(actor, a, r));
}

/** Throws the AppError matching a refusal. */
export function authorize(actor: Actor, action: RequestAction | 'read', r: PolicyRequest): void {
  const d = decide(actor, action, r);
  if (d.ok) return;
  switch (d.refusal) {
    case 'NOT_FOUND':
      throw new AppError('NOT_FOUND', { message: d.message });
    case 'INVALID_STATE':
      throw invalidState(d.message);
    case 'FORBIDDEN':
      throw new AppError('FORBIDDEN', { message: d.message, ...(d.reason ? { reason: d.reason } : {}) });
    case 'RULE':
      throw new AppError('UNPROCESSABLE', { message: d.message, reason: d.reason });
  }
}
