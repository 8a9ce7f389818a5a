/**
 * Who may see and change AB posts, leave and handovers. Members of the agency, supervisors and
 * sysadmins read; the agency administrator (a sysadmin counts) assigns posts and records leave.
 * A handover needs the administrator of every agency the departing staffer belongs to.
 */
import { canReadAgency, hasRole, type Actor } from '../accounts/index.ts';

export type StaffingAction = 'read' | 'manage';

/** true when `actor` may do `action` with the posts of `agencyId`. */
export function canStaffing(actor: Actor, action: StaffingAction, agencyId: string): boolean {
  return action === 'read' ? canReadAgency(actor, agencyId) : hasRole(actor, agencyId, 'admin');
}

/** true when `actor` may hand over an account that belongs to `agencyIds` (a sysadmin always). */
export function canHandOver(actor: Actor, agencyIds: readonly string[]): boolean {
  if (actor.globalRole === 'sysadmin') return true;
  return agencyIds.length > 0 && agencyIds.every((a) => hasRole(actor, a, 'admin'));
}
