/**
 * Who may do what with feedback. No new role: an agency's admins and drafters (the people who
 * publish, so who can answer for the content) record, answer and reject; every reader of the
 * agency (auditors, reviewers, handlers, supervisors, sysadmins) lists and reads; only admins
 * change the settings. The author's contact is shown to those who answer only. Pure.
 */
import { canReadAgency, hasRole, type Actor } from '../accounts/index.ts';

/** true when the actor may list and read the agency's feedback. */
export const canReadFeedback = (actor: Actor, agencyId: string): boolean => canReadAgency(actor, agencyId);

/** true when the actor may record, answer and reject the agency's feedback. */
export const canAnswerFeedback = (actor: Actor, agencyId: string): boolean => hasRole(actor, agencyId, 'admin') || hasRole(actor, agencyId, 'drafter');

/** true when the actor may see the author's contact (those who answer, members only: no sysadmin without membership). */
export function canSeeContact(actor: Actor, agencyId: string): boolean {
  const m = actor.memberships.find((x) => x.agencyId === agencyId);
  return !!m && (m.roles.includes('admin') || m.roles.includes('drafter'));
}

/** true when the actor may change the agency's feedback settings. */
export const canConfigureFeedback = (actor: Actor, agencyId: string): boolean => hasRole(actor, agencyId, 'admin');
