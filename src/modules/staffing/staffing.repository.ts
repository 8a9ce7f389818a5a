/**
 * Database access of the staffing module: the only file of the module that imports Drizzle.
 * Besides its own tables (post_duties, leave_records, handovers) it reads and, for a handover
 * only, writes the rows a departing staffer holds in other modules' tables (documents.created_by,
 * memberships, users.disabled, sessions): the handover must move all of them in ONE transaction,
 * and those modules offer no transaction-scoped functions yet (docs/modules/catalog.md, Decisions).
 */
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { catalogItems, documents, handovers, leaveRecords, memberships, postDuties, sessions, users } from '../../db/schema/index.ts';

export type DutyRow = typeof postDuties.$inferSelect;
export type LeaveRow = typeof leaveRecords.$inferSelect;

/** Document states in which a draft still belongs to its drafter (not finished). */
export const openDocumentStatuses = ['draft', 'returned', 'in_review', 'scheduled'];

export function findDuties(db: Executor, agencyId: string): Promise<DutyRow[]> {
  return db.select().from(postDuties).where(eq(postDuties.agencyId, agencyId));
}

export async function findDuty(db: Executor, agencyId: string, kind: string, catalogItemId: string | null): Promise<DutyRow | undefined> {
  const where = catalogItemId ? eq(postDuties.catalogItemId, catalogItemId) : and(eq(postDuties.agencyId, agencyId), eq(postDuties.kind, kind), sql`${postDuties.catalogItemId} is null`);
  return (await db.select().from(postDuties).where(where).limit(1))[0];
}

export async function insertDuty(tx: Executor, values: typeof postDuties.$inferInsert): Promise<DutyRow> {
  return (await tx.insert(postDuties).values(values).returning())[0]!;
}

export async function updateDutyHolders(tx: Executor, id: string, holderA: string | null, holderB: string | null): Promise<DutyRow> {
  return (await tx.update(postDuties).set({ holderA, holderB, updatedAt: sql`now()` }).where(eq(postDuties.id, id)).returning())[0]!;
}

export async function findCatalogItemOfAgency(db: Executor, agencyId: string, id: string): Promise<{ id: string; level1: string; level2: string } | undefined> {
  return (await db.select({ id: catalogItems.id, level1: catalogItems.level1, level2: catalogItems.level2 }).from(catalogItems).where(and(eq(catalogItems.id, id), eq(catalogItems.agencyId, agencyId))).limit(1))[0];
}

export function findCatalogItemNames(db: Executor, agencyId: string) {
  return db.select({ id: catalogItems.id, level1: catalogItems.level1, level2: catalogItems.level2 }).from(catalogItems).where(eq(catalogItems.agencyId, agencyId));
}

export function findLeaves(db: Executor, agencyId: string): Promise<LeaveRow[]> {
  return db.select().from(leaveRecords).where(eq(leaveRecords.agencyId, agencyId)).orderBy(leaveRecords.startsOn);
}

export async function insertLeave(tx: Executor, values: typeof leaveRecords.$inferInsert): Promise<LeaveRow> {
  return (await tx.insert(leaveRecords).values(values).returning())[0]!;
}

/** Members of an agency with their names, roles, steps and state. */
export function findMembers(db: Executor, agencyId: string) {
  return db
    .select({ userId: users.id, displayName: users.displayName, username: users.username, disabled: users.disabled, roles: memberships.roles, steps: memberships.steps })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.agencyId, agencyId));
}

export async function findUser(db: Executor, id: string) {
  return (await db.select({ id: users.id, username: users.username, displayName: users.displayName, disabled: users.disabled, globalRole: users.globalRole }).from(users).where(eq(users.id, id)).limit(1))[0];
}

export function findMembershipsOf(db: Executor, userId: string) {
  return db.select().from(memberships).where(eq(memberships.userId, userId));
}

/** Open documents a user created (drafts, returned, in review, scheduled). */
export function findOpenDocumentsBy(db: Executor, userId: string) {
  return db
    .select({ id: documents.id, agencyId: documents.agencyId, title: documents.title, status: documents.status, indexNo: documents.indexNo })
    .from(documents)
    .where(and(eq(documents.createdBy, userId), inArray(documents.status, openDocumentStatuses)));
}

/** Duties in which the user is A or B. */
export function findDutiesOf(db: Executor, userId: string): Promise<DutyRow[]> {
  return db.select().from(postDuties).where(or(eq(postDuties.holderA, userId), eq(postDuties.holderB, userId)));
}

/** Moves open documents to the successor, bumping lockVersion so open editors get a conflict. */
export async function reassignOpenDocuments(tx: Executor, fromUserId: string, toUserId: string): Promise<number> {
  const rows = await tx
    .update(documents)
    .set({ createdBy: toUserId, lockVersion: sql`${documents.lockVersion} + 1`, updatedAt: sql`now()` })
    .where(and(eq(documents.createdBy, fromUserId), inArray(documents.status, openDocumentStatuses)))
    .returning({ id: documents.id });
  return rows.length;
}

/** Sets a membership's roles and steps (insert or update). */
export async function upsertMembership(tx: Executor, userId: string, agencyId: string, roles: string[], steps: string[]): Promise<void> {
  await tx
    .insert(memberships)
    .values({ userId, agencyId, roles, steps })
    .onConflictDoUpdate({ target: [memberships.userId, memberships.agencyId], set: { roles, steps } });
}

export async function setDuty(tx: Executor, id: string, holderA: string | null, holderB: string | null): Promise<void> {
  await tx.update(postDuties).set({ holderA, holderB, updatedAt: sql`now()` }).where(eq(postDuties.id, id));
}

/** Disables an account and ends its sessions. */
export async function disableUser(tx: Executor, userId: string): Promise<void> {
  await tx.update(users).set({ disabled: true }).where(eq(users.id, userId));
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}

export async function insertHandover(tx: Executor, values: typeof handovers.$inferInsert): Promise<string> {
  return (await tx.insert(handovers).values(values).returning({ id: handovers.id }))[0]!.id;
}

/** The invariant "nothing stays assigned to a disabled account": every violation, platform-wide. */
export async function findAssignmentsOfDisabled(db: Executor) {
  const disabled = db.select({ id: users.id }).from(users).where(eq(users.disabled, true));
  const [docs, steps, duties] = await Promise.all([
    db
      .select({ id: documents.id, agencyId: documents.agencyId, title: documents.title, status: documents.status, userId: documents.createdBy, user: users.displayName })
      .from(documents)
      .innerJoin(users, eq(users.id, documents.createdBy))
      .where(and(eq(users.disabled, true), inArray(documents.status, openDocumentStatuses))),
    db
      .select({ agencyId: memberships.agencyId, userId: memberships.userId, steps: memberships.steps, user: users.displayName })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(users.disabled, true), sql`cardinality(${memberships.steps}) > 0`)),
    db
      .select()
      .from(postDuties)
      .where(or(inArray(postDuties.holderA, disabled), inArray(postDuties.holderB, disabled))),
  ]);
  return { docs, steps, duties };
}

/** Duties without an A or a B holder (reported, not an invariant violation). */
export function findIncompleteDuties(db: Executor) {
  return db.select().from(postDuties).where(or(sql`${postDuties.holderA} is null`, sql`${postDuties.holderB} is null`));
}

export type HandoverRow = typeof handovers.$inferSelect;

/** Past handovers, newest first. */
export function findHandovers(db: Executor, limit: number): Promise<HandoverRow[]> {
  return db.select().from(handovers).orderBy(desc(handovers.createdAt)).limit(limit);
}

/** Display names of the given accounts (disabled ones included). */
export async function findUserNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

/** Handover states in which the leaver's handover is still open. */
export const openHandoverStatuses = ['awaitingSuccessor', 'awaitingApproval'];

export async function findHandover(db: Executor, id: string): Promise<HandoverRow | undefined> {
  return (await db.select().from(handovers).where(eq(handovers.id, id)).limit(1))[0];
}

/** The open handover of a leaver, if any (at most one: handovers_open_uq). */
export async function findOpenHandoverOf(db: Executor, fromUserId: string): Promise<HandoverRow | undefined> {
  return (await db.select().from(handovers).where(and(eq(handovers.fromUserId, fromUserId), inArray(handovers.status, openHandoverStatuses))).limit(1))[0];
}

/** Open handovers, newest first. */
export function findOpenHandovers(db: Executor): Promise<HandoverRow[]> {
  return db.select().from(handovers).where(inArray(handovers.status, openHandoverStatuses)).orderBy(desc(handovers.createdAt));
}

/**
 * Moves a handover from state `from` to the values given, only if it is still in `from`
 * (a guarded UPDATE); undefined when someone else acted first.
 */
export async function transitionHandover(tx: Executor, id: string, from: string, values: Partial<typeof handovers.$inferInsert>): Promise<HandoverRow | undefined> {
  return (await tx.update(handovers).set(values).where(and(eq(handovers.id, id), eq(handovers.status, from))).returning())[0];
}
