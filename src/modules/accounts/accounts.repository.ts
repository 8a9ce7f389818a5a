/** Database access of users, memberships and sessions. */
import { and, arrayOverlaps, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { memberships, sessions, users } from '../../db/schema/index.ts';

export type UserRow = typeof users.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export async function findUserByUsername(tx: Executor, username: string): Promise<UserRow | undefined> {
  const rows = await tx.select().from(users).where(eq(users.username, username)).limit(1);
  return rows[0];
}

export async function findUserById(tx: Executor, id: string): Promise<UserRow | undefined> {
  const rows = await tx.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

export async function findUsersByIds(tx: Executor, ids: string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(users).where(inArray(users.id, ids));
}

export async function insertUser(tx: Executor, values: typeof users.$inferInsert): Promise<UserRow> {
  const rows = await tx.insert(users).values(values).returning();
  return rows[0]!;
}

export async function updateUser(tx: Executor, id: string, values: Partial<typeof users.$inferInsert>): Promise<UserRow | undefined> {
  const rows = await tx.update(users).set(values).where(eq(users.id, id)).returning();
  return rows[0];
}

/** Counts a failed login and locks the account once `threshold` is reached; returns the new row. */
export async function recordFailedLogin(tx: Executor, id: string, threshold: number, lockUntil: Date): Promise<UserRow> {
  const rows = await tx
    .update(users)
    .set({
      failedLogins: sql`${users.failedLogins} + 1`,
      lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${threshold} then ${lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, id))
    .returning();
  return rows[0]!;
}

export async function findMemberships(tx: Executor, userIds: string[]): Promise<MembershipRow[]> {
  if (userIds.length === 0) return [];
  return tx.select().from(memberships).where(inArray(memberships.userId, userIds));
}

/** Users that have a membership in one of `agencyIds` (or all users). */
export async function findUsers(tx: Executor, agencyIds: string[] | 'all'): Promise<UserRow[]> {
  if (agencyIds === 'all') return tx.select().from(users).orderBy(asc(users.username));
  if (agencyIds.length === 0) return [];
  return tx
    .select()
    .from(users)
    .where(inArray(users.id, tx.select({ id: memberships.userId }).from(memberships).where(inArray(memberships.agencyId, agencyIds))))
    .orderBy(asc(users.username));
}

/** Replaces the user's membership in one agency (deletes it when roles is empty). */
export async function setMembership(tx: Executor, userId: string, agencyId: string, roles: string[], steps: string[]): Promise<void> {
  await tx.delete(memberships).where(and(eq(memberships.userId, userId), eq(memberships.agencyId, agencyId)));
  if (roles.length > 0) await tx.insert(memberships).values({ userId, agencyId, roles, steps });
}

export async function insertSession(tx: Executor, values: typeof sessions.$inferInsert): Promise<void> {
  await tx.insert(sessions).values(values);
}

export async function findSession(tx: Executor, id: string): Promise<SessionRow | undefined> {
  const rows = await tx.select().from(sessions).where(eq(sessions.id, id)).limit(1);
  return rows[0];
}

export async function touchSession(tx: Executor, id: string, at: Date): Promise<void> {
  await tx.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function deleteSession(tx: Executor, id: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of a user (password change, disable), optionally keeping one. */
export async function deleteUserSessions(tx: Executor, userId: string, keepId?: string): Promise<void> {
  await tx
    .delete(sessions)
    .where(keepId ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${keepId}`) : eq(sessions.userId, userId));
}

/** Removes sessions idle since before `cutoff`; returns how many. */
export async function deleteIdleSessions(tx: Executor, cutoff: Date): Promise<number> {
  const rows = await tx.delete(sessions).where(lt(sessions.lastSeenAt, cutoff)).returning({ id: sessions.id });
  return rows.length;
}

/** Active (not disabled) members of one agency with their roles there, by display name. */
export async function findAgencyMembers(tx: Executor, agencyId: string): Promise<Array<{ id: string; username: string; displayName: string; roles: string[] }>> {
  return tx
    .select({ id: users.id, username: users.username, displayName: users.displayName, roles: memberships.roles })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.agencyId, agencyId), eq(users.disabled, false)))
    .orderBy(asc(users.displayName), asc(users.username));
}

/** Ids of active members of an agency holding any of `roles` (reminders for unassigned work). */
export async function findMemberIdsWithRoles(tx: Executor, agencyId: string, roles: string[]): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.agencyId, agencyId), eq(users.disabled, false), arrayOverlaps(memberships.roles, roles)));
  return rows.map((r) => r.id);
}
