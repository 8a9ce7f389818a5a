/**
 * The signed-in person as every policy sees them, and the role predicates shared by all
 * modules. Roles are per agency; `sysadmin` and `supervisor` are platform-wide.
 */

/** A name people can sign in with: 2–32 letters, digits or ._- */
export const usernamePattern = /^[A-Za-z0-9._-]{2,32}$/;

/** Roles within one agency. */
export const agencyRoles = ['admin', 'drafter', 'reviewer', 'auditor', 'handler', 'approver'] as const;
export type AgencyRole = (typeof agencyRoles)[number];

/** Platform-wide roles: sysadmin manages everything; supervisor (县级监督) reads every agency. */
export const globalRoles = ['sysadmin', 'supervisor'] as const;
export type GlobalRole = (typeof globalRoles)[number];

export const roleNames: Record<AgencyRole | GlobalRole, string> = {
  admin: '单位管理员',
  drafter: '起草人',
  reviewer: '审核人',
  auditor: '审计员（只读）',
  handler: '依申请公开承办人',
  // 政府信息公开工作机构负责人: approves replies (审批) and extensions (条例第33条第2款).
  approver: '依申请公开审批人',
  sysadmin: '平台管理员',
  supervisor: '县级监督员（只读）',
};

export interface Membership {
  agencyId: string;
  roles: AgencyRole[];
  /** Review-chain step keys this reviewer may decide. */
  steps: string[];
  /** Roles held but not yet effective: the agency requires a passed pre-post test (training module). */
  pendingTraining?: AgencyRole[];
}

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  globalRole: GlobalRole | null;
  memberships: Membership[];
  mustChangePassword: boolean;
}

function membership(actor: Actor, agencyId: string): Membership | undefined {
  return actor.memberships.find((m) => m.agencyId === agencyId);
}

/** true when the actor holds `role` in the agency. sysadmin counts as admin everywhere. */
export function hasRole(actor: Actor, agencyId: string, role: AgencyRole): boolean {
  if (role === 'admin' && actor.globalRole === 'sysadmin') return true;
  return membership(actor, agencyId)?.roles.includes(role) ?? false;
}

/** true when the actor may decide review step `stepKey` in the agency. */
export function canReviewStep(actor: Actor, agencyId: string, stepKey: string): boolean {
  const m = membership(actor, agencyId);
  return !!m && m.roles.includes('reviewer') && m.steps.includes(stepKey);
}

/** true when the actor may read the agency's internal records. */
export function canReadAgency(actor: Actor, agencyId: string): boolean {
  return actor.globalRole !== null || !!membership(actor, agencyId);
}

/** Agencies whose internal records the actor may read, or 'all'. */
export function readableAgencies(actor: Actor): string[] | 'all' {
  return actor.globalRole ? 'all' : actor.memberships.map((m) => m.agencyId);
}

/** Agencies in which the actor holds `role`, or 'all' for a sysadmin asking for admin. */
export function agenciesWithRole(actor: Actor, role: AgencyRole): string[] | 'all' {
  if (role === 'admin' && actor.globalRole === 'sysadmin') return 'all';
  return actor.memberships.filter((m) => m.roles.includes(role)).map((m) => m.agencyId);
}

/**
 * The refusal shown instead of a bare 403 when the actor holds roles that wait for a passed
 * pre-post test (岗前培训，考核合格后方可上岗), or null when none wait.
 */
export function trainingRefusal(actor: Actor | null): { message: string; roles: AgencyRole[] } | null {
  const roles = [...new Set(actor?.memberships.flatMap((m) => m.pendingTraining ?? []) ?? [])];
  if (roles.length === 0) return null;
  const names = roles.map((r) => `「${roleNames[r]}」`).join('');
  return { message: `您尚未通过${names}岗前培训考核，暂不能执行此操作`, roles };
}
