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

/** true when the actor is a member of the agency (any role). */
const isMember = (actor: Actor, agencyId: string): boolean => actor.memberships.some((m) => m.agencyId === agencyId && m.roles.length > 0);

/**
 * true when the actor may answer or reject this item: those who answer the agency's feedback,
 * and its 承办人 (the feedback duty's holder may be a member without the drafter role).
 */
export const canHandleFeedback = (actor: Actor, agencyId: string, assigneeId: string | null): boolean =>
  canAnswerFeedback(actor, agencyId) || (!!assigneeId && assigneeId === actor.userId && isMember(actor, agencyId));

/** true when the actor may see the author's contact of this item (those who answer, and its 承办人). */
export const canSeeContactOf = (actor: Actor, agencyId: string, assigneeId: string | null): boolean =>
  canSeeContact(actor, agencyId) || (!!assigneeId && assigneeId === actor.userId && isMember(actor, agencyId));

/** true when the actor may reassign the 承办人 by hand (agency admins). */
export const canAssignFeedback = (actor: Actor, agencyId: string): boolean => hasRole(actor, agencyId, 'admin');

/** true when the actor may take an answered item off the portal and put it back (those who moderate: admins and drafters). */
export const canHideFeedback = (actor: Actor, agencyId: string): boolean => canAnswerFeedback(actor, agencyId);
