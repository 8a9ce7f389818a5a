/** The only Drizzle file of the feedback module. */
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { feedback, feedbackSettings, users } from '../../db/schema/index.ts';

export type FeedbackRow = typeof feedback.$inferSelect;
export type NewFeedback = typeof feedback.$inferInsert;
export type SettingsRow = typeof feedbackSettings.$inferSelect;

/** Inserts one feedback row. */
export async function insertFeedback(tx: Executor, values: NewFeedback): Promise<FeedbackRow> {
  return (await tx.insert(feedback).values(values).returning())[0]!;
}

/** One row by id. */
export async function findById(db: Executor, id: string): Promise<FeedbackRow | undefined> {
  return (await db.select().from(feedback).where(eq(feedback.id, id)).limit(1))[0];
}

/** Updates a row when it still has `lockVersion` and one of `statuses` (else undefined). */
export async function updateGuarded(tx: Executor, id: string, lockVersion: number, statuses: string[], values: Partial<NewFeedback>): Promise<FeedbackRow | undefined> {
  const rows = await tx
    .update(feedback)
    .set({ ...values, lockVersion: sql`${feedback.lockVersion} + 1` })
    .where(and(eq(feedback.id, id), eq(feedback.lockVersion, lockVersion), inArray(feedback.status, statuses)))
    .returning();
  return rows[0];
}

/** Filters of the staff list. */
export interface ListFilter {
  agencyIds: string[] | 'all';
  status?: string | undefined;
  /** Only this kind (message | suggestion | rating). */
  kind?: string | undefined;
  /** Only feedback about this item. */
  documentId?: string | undefined;
  /** Only status new with dueOn before this date. */
  overdueOn?: string | undefined;
  /** Only feedback whose 承办人 is this user. */
  assigneeId?: string | undefined;
  /** true: only answered feedback taken off the portal. */
  hidden?: boolean | undefined;
  limit: number;
  offset: number;
}

/** A page of rows, oldest due first for open ones, newest first otherwise. */
export async function findPage(db: Executor, f: ListFilter): Promise<{ rows: FeedbackRow[]; total: number }> {
  const where = and(
    f.agencyIds === 'all' ? undefined : f.agencyIds.length ? inArray(feedback.agencyId, f.agencyIds) : sql`false`,
    f.status ? eq(feedback.status, f.status) : undefined,
    f.kind ? eq(feedback.kind, f.kind) : undefined,
    f.documentId ? eq(feedback.documentId, f.documentId) : undefined,
    f.overdueOn ? and(eq(feedback.status, 'new'), lt(feedback.dueOn, f.overdueOn)) : undefined,
    f.assigneeId ? eq(feedback.assigneeId, f.assigneeId) : undefined,
    f.hidden ? sql`${feedback.hiddenAt} is not null` : undefined,
  );
  const [rows, [n]] = await Promise.all([
    db.select().from(feedback).where(where).orderBy(desc(feedback.createdAt), desc(feedback.id)).limit(f.limit).offset(f.offset),
    db.select({ n: count() }).from(feedback).where(where),
  ]);
  return { rows, total: Number(n?.n ?? 0) };
}

/** Answered rows of an agency whose author consented to publication and that are not taken off the portal, newest answer first. */
export async function findPublicAnswered(db: Executor, agencyId: string, limit: number, offset: number): Promise<{ rows: FeedbackRow[]; total: number }> {
  const where = and(eq(feedback.agencyId, agencyId), eq(feedback.status, 'answered'), eq(feedback.consentToPublish, true), isNull(feedback.hiddenAt));
  const [rows, [n]] = await Promise.all([
    db.select().from(feedback).where(where).orderBy(desc(feedback.answeredAt), desc(feedback.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(feedback).where(where),
  ]);
  return { rows, total: Number(n?.n ?? 0) };
}

/** Answered rows about one item whose author consented, not taken off the portal, oldest answer first (the item's detail page). */
export async function findPublicAnsweredForDocument(db: Executor, documentId: string, limit: number): Promise<FeedbackRow[]> {
  return db
    .select()
    .from(feedback)
    .where(and(eq(feedback.documentId, documentId), eq(feedback.status, 'answered'), eq(feedback.consentToPublish, true), isNull(feedback.hiddenAt)))
    .orderBy(asc(feedback.answeredAt), asc(feedback.id))
    .limit(limit);
}

/** Rows of an agency received within [from, to) (China dates), for statistics. */
export async function findReceivedBetween(db: Executor, agencyId: string, from: string, to: string) {
  return db
    .select({ kind: feedback.kind, rating: feedback.rating, status: feedback.status, receivedOn: feedback.receivedOn, dueOn: feedback.dueOn, answeredOn: feedback.answeredOn })
    .from(feedback)
    .where(and(eq(feedback.agencyId, agencyId), gte(feedback.receivedOn, from), lt(feedback.receivedOn, to)))
    .orderBy(asc(feedback.receivedOn));
}

/** The agency's settings row, if any. */
export async function findSettings(db: Executor, agencyId: string): Promise<SettingsRow | undefined> {
  return (await db.select().from(feedbackSettings).where(eq(feedbackSettings.agencyId, agencyId)).limit(1))[0];
}

/** Creates or replaces the agency's settings. */
export async function upsertSettings(tx: Executor, values: { agencyId: string; answerWorkingDays: number; bannedWords: string[] }): Promise<SettingsRow> {
  return (
    await tx
      .insert(feedbackSettings)
      .values({ ...values, updatedAt: new Date() })
      .onConflictDoUpdate({ target: feedbackSettings.agencyId, set: { answerWorkingDays: values.answerWorkingDays, bannedWords: values.bannedWords, updatedAt: new Date() } })
      .returning()
  )[0]!;
}

/** Display names of users by id. */
export async function findUserNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Unanswered feedback (status new) of every agency, for the reminders job. */
export function findUnanswered(db: Executor) {
  return db
    .select({ id: feedback.id, agencyId: feedback.agencyId, kind: feedback.kind, status: feedback.status, receivedOn: feedback.receivedOn, dueOn: feedback.dueOn, assigneeId: feedback.assigneeId })
    .from(feedback)
    .where(eq(feedback.status, 'new'));
}

/** Open (status new) feedback whose 承办人 is `userId`. */
export function findOpenAssignedTo(db: Executor, userId: string) {
  return db.select({ id: feedback.id, agencyId: feedback.agencyId, kind: feedback.kind, receivedOn: feedback.receivedOn, dueOn: feedback.dueOn, lockVersion: feedback.lockVersion }).from(feedback).where(and(eq(feedback.status, 'new'), eq(feedback.assigneeId, userId)));
}

/** Moves the 承办人 of one open row (the handover); undefined when it changed meanwhile. */
export async function moveAssignee(tx: Executor, id: string, from: string, to: string): Promise<FeedbackRow | undefined> {
  const rows = await tx
    .update(feedback)
    .set({ assigneeId: to, assignedVia: 'handover', lockVersion: sql`${feedback.lockVersion} + 1` })
    .where(and(eq(feedback.id, id), eq(feedback.status, 'new'), eq(feedback.assigneeId, from)))
    .returning();
  return rows[0];
}

/** Open (status new) feedback whose 承办人 is a disabled account (the doctor check). */
export function findOpenHeldByDisabled(db: Executor) {
  return db
    .select({ id: feedback.id, agencyId: feedback.agencyId, receivedOn: feedback.receivedOn, kind: feedback.kind, assigneeId: feedback.assigneeId })
    .from(feedback)
    .innerJoin(users, eq(users.id, feedback.assigneeId))
    .where(and(eq(feedback.status, 'new'), eq(users.disabled, true)));
}

/** Display names and account state of users by id. */
export async function findUsersState(db: Executor, ids: string[]): Promise<Map<string, { name: string; disabled: boolean }>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName, disabled: users.disabled }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, { name: r.name, disabled: r.disabled }]));
}
