/**
 * The training gate: when an agency requires training, a member's drafter/reviewer/handler role
 * takes effect only after that role's test is passed. Called by accounts when it builds an
 * Actor, so every policy (hasRole, canReviewStep and the direct `roles.includes` checks) follows.
 */
import type { Executor } from '../../db/client.ts';
import type { AgencyRole, Membership } from '../accounts/index.ts';
import { gatedRoles } from './questions.ts';
import * as repo from './training.repository.ts';

const isGated = (r: AgencyRole): boolean => (gatedRoles as readonly string[]).includes(r);

/** Memberships with untrained gated roles moved from `roles` to `pendingTraining`. */
export async function gateMemberships(db: Executor, userId: string, memberships: Membership[]): Promise<Membership[]> {
  const candidates = memberships.filter((m) => m.roles.some(isGated)).map((m) => m.agencyId);
  const requiring = new Set(await repo.findRequiringAgencies(db, candidates));
  if (requiring.size === 0) return memberships;
  const passed = new Set((await repo.findPassed(db, userId, [...requiring])).map((p) => `${p.agencyId}:${p.role}`));
  return memberships.map((m) => {
    if (!requiring.has(m.agencyId)) return m;
    const pending = m.roles.filter((r) => isGated(r) && !passed.has(`${m.agencyId}:${r}`));
    if (pending.length === 0) return m;
    return { ...m, roles: m.roles.filter((r) => !pending.includes(r)), pendingTraining: pending };
  });
}
