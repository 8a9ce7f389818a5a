/** Database access of the requests module: the only file of the module that imports Drizzle tables. */
import { and, asc, count, desc, eq, gte, inArray, lt, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { requestApplicants, requestEvents, requests, requestSecrets, requestSequences, requestSettings, users, type ApplicantJson } from '../../db/schema/index.ts';
import { randomToken } from '../../lib/ids.ts';

export type RequestRow = typeof requests.$inferSelect;
export type NewRequest = typeof requests.$inferInsert;
export type EventRow = typeof requestEvents.$inferSelect;
export type NewEvent = typeof requestEvents.$inferInsert;

/** Takes the next tracking-number sequence of an agency and year (atomic upsert). */
export async function nextSequence(tx: Executor, agencyId: string, year: number): Promise<number> {
  const rows = await tx
    .insert(requestSequences)
    .values({ agencyId, year, last: 1 })
    .onConflictDoUpdate({ target: [requestSequences.agencyId, requestSequences.year], set: { last: sql`${requestSequences.last} + 1` } })
    .returning({ last: requestSequences.last });
  return rows[0]!.last;
}

/** Inserts a request, its applicant row and its first events. */
export async function insertRequest(tx: Executor, values: NewRequest, applicant: ApplicantJson, events: Omit<NewEvent, 'requestId'>[]): Promise<RequestRow> {
  const row = (await tx.insert(requests).values(values).returning())[0]!;
  await tx.insert(requestApplicants).values({ requestId: row.id, data: applicant });
  if (events.length) await tx.insert(requestEvents).values(events.map((e) => ({ ...e, requestId: row.id })));
  return row;
}

/** One request by id. */
export async function findRequest(db: Executor, id: string): Promise<RequestRow | undefined> {
  return (await db.select().from(requests).where(eq(requests.id, id)).limit(1))[0];
}

/** One request by agency and tracking number. */
export async function findByTrackingNo(db: Executor, agencyId: string, trackingNo: string): Promise<RequestRow | undefined> {
  return (await db.select().from(requests).where(and(eq(requests.agencyId, agencyId), eq(requests.trackingNo, trackingNo))).limit(1))[0];
}

/** The applicant's personal data (only the staff detail of an authorised actor reads it). */
export async function findApplicant(db: Executor, requestId: string): Promise<ApplicantJson | undefined> {
  return (await db.select({ data: requestApplicants.data }).from(requestApplicants).where(eq(requestApplicants.requestId, requestId)).limit(1))[0]?.data;
}

/** The events of a request in the order they were recorded, with the recorder's name. */
export async function findEvents(db: Executor, requestId: string): Promise<Array<EventRow & { actorName: string | null }>> {
  return db
    .select({
      id: requestEvents.id,
      requestId: requestEvents.requestId,
      kind: requestEvents.kind,
      on: requestEvents.on,
      data: requestEvents.data,
      actorId: requestEvents.actorId,
      at: requestEvents.at,
      actorName: users.displayName,
    })
    .from(requestEvents)
    .leftJoin(users, eq(users.id, requestEvents.actorId))
    .where(eq(requestEvents.requestId, requestId))
    .orderBy(asc(requestEvents.id));
}

/** The events of several requests (ledger page), grouped by request id. */
export async function findEventsOf(db: Executor, ids: string[]): Promise<Map<string, EventRow[]>> {
  const out = new Map<string, EventRow[]>();
  if (!ids.length) return out;
  const rows = await db.select().from(requestEvents).where(inArray(requestEvents.requestId, ids)).orderBy(asc(requestEvents.id));
  for (const r of rows) {
    const list = out.get(r.requestId) ?? [];
    list.push(r);
    out.set(r.requestId, list);
  }
  return out;
}

/** Appends an event. */
export async function insertEvent(tx: Executor, event: NewEvent): Promise<void> {
  await tx.insert(requestEvents).values(event);
}

/** UPDATE … WHERE id AND lock_version AND state, bumping lock_version; undefined when someone else changed it first. */
export async function updateGuarded(tx: Executor, id: string, guard: { lockVersion: number; state: string }, values: Partial<NewRequest>): Promise<RequestRow | undefined> {
  const rows = await tx
    .update(requests)
    .set({ ...values, lockVersion: sql`${requests.lockVersion} + 1`, updatedAt: sql`now()` })
    .where(and(eq(requests.id, id), eq(requests.lockVersion, guard.lockVersion), eq(requests.state, guard.state)))
    .returning();
  return rows[0];
}

/** Sets the cached due date (no lock bump: it is derived data). */
export async function setDueOn(tx: Executor, id: string, dueOn: string | null): Promise<void> {
  await tx.update(requests).set({ dueOn }).where(eq(requests.id, id));
}

/** Ids and received dates of every open request (for recomputing the cached due dates). */
export async function findOpenIds(db: Executor, openStates: readonly string[]): Promise<Array<{ id: string; receivedOn: string }>> {
  return db.select({ id: requests.id, receivedOn: requests.receivedOn }).from(requests).where(inArray(requests.state, [...openStates]));
}

/** Ledger filters. */
export interface LedgerQuery {
  agencyIds: string[] | 'all';
  state?: string | undefined;
  openStates: readonly string[];
  /** Open and due before this date (overdue = due before today). */
  dueBefore?: string | undefined;
  dueOnOrBefore?: string | undefined;
  /** Open and due on or after this date (即将到期 with dueOnOrBefore). */
  dueOnOrAfter?: string | undefined;
  /** Handler or backup handler. */
  handlerId?: string | undefined;
  receivedFrom?: string | undefined;
  receivedTo?: string | undefined;
  limit: number;
  offset: number;
}

/** A page of the ledger, oldest due date first for open requests. */
export async function findPage(db: Executor, q: LedgerQuery): Promise<{ rows: RequestRow[]; total: number }> {
  const where: SQL[] = [];
  if (q.agencyIds !== 'all') {
    if (!q.agencyIds.length) return { rows: [], total: 0 };
    where.push(inArray(requests.agencyId, q.agencyIds));
  }
  if (q.state) where.push(eq(requests.state, q.state));
  if (q.dueBefore || q.dueOnOrBefore) where.push(inArray(requests.state, [...q.openStates]));
  if (q.dueBefore) where.push(lt(requests.dueOn, q.dueBefore));
  if (q.dueOnOrBefore) where.push(lte(requests.dueOn, q.dueOnOrBefore));
  if (q.dueOnOrAfter) where.push(inArray(requests.state, [...q.openStates]), gte(requests.dueOn, q.dueOnOrAfter));
  if (q.handlerId) where.push(or(eq(requests.handlerId, q.handlerId), eq(requests.backupHandlerId, q.handlerId))!);
  if (q.receivedFrom) where.push(gte(requests.receivedOn, q.receivedFrom));
  if (q.receivedTo) where.push(lte(requests.receivedOn, q.receivedTo));
  const cond = where.length ? and(...where) : undefined;
  const rows = await db
    .select()
    .from(requests)
    .where(cond)
    .orderBy(sql`${requests.dueOn} asc nulls last`, desc(requests.createdAt))
    .limit(q.limit)
    .offset(q.offset);
  const total = (await db.select({ n: count() }).from(requests).where(cond))[0]?.n ?? 0;
  return { rows, total: Number(total) };
}

/** Names of users by id. */
export async function findUserNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The named secret, created with 32 random bytes on first use (concurrent first uses agree). */
export async function getOrCreateSecret(db: Executor, name: string): Promise<string> {
  await db.insert(requestSecrets).values({ name, secret: randomToken(32) }).onConflictDoNothing();
  return (await db.select({ secret: requestSecrets.secret }).from(requestSecrets).where(eq(requestSecrets.name, name)).limit(1))[0]!.secret;
}

/** Every open request (reminders job), oldest first. */
export async function findOpen(db: Executor, openStates: readonly string[]): Promise<RequestRow[]> {
  return db.select().from(requests).where(inArray(requests.state, [...openStates])).orderBy(asc(requests.receivedOn), asc(requests.createdAt));
}

/** The applicants of several requests (ledger export for staff who may see them). */
export async function findApplicantsOf(db: Executor, ids: string[]): Promise<Map<string, ApplicantJson>> {
  if (!ids.length) return new Map();
  const rows = await db.select().from(requestApplicants).where(inArray(requestApplicants.requestId, ids));
  return new Map(rows.map((r) => [r.requestId, r.data]));
}

/** The agency's procedure settings (request_settings); undefined = defaults. */
export async function findSettings(db: Executor, agencyId: string): Promise<{ approvalRequired: boolean; updatedAt: Date } | undefined> {
  return (await db.select({ approvalRequired: requestSettings.approvalRequired, updatedAt: requestSettings.updatedAt }).from(requestSettings).where(eq(requestSettings.agencyId, agencyId)).limit(1))[0];
}

/** Creates or replaces the agency's procedure settings. */
export async function upsertSettings(tx: Executor, agencyId: string, approvalRequired: boolean, updatedBy: string | null): Promise<void> {
  await tx
    .insert(requestSettings)
    .values({ agencyId, approvalRequired, updatedBy })
    .onConflictDoUpdate({ target: requestSettings.agencyId, set: { approvalRequired, updatedBy, updatedAt: sql`now()` } });
}

/**
 * How many other applications the same applicant (same ID number or USCC) addressed to the
 * agency earlier in the same natural month (国办函〔2020〕109号第四条 counts 件 per applicant and
 * month): received on an earlier day of the month, or the same day and entered earlier.
 */
export async function countEarlierApplications(db: Executor, r: RequestRow, applicantKey: string, month: { first: string }): Promise<number> {
  const key = sql`upper(coalesce(${requestApplicants.data}->>'idNumber', ${requestApplicants.data}->>'uscc'))`;
  const rows = await db
    .select({ n: count() })
    .from(requests)
    .innerJoin(requestApplicants, eq(requestApplicants.requestId, requests.id))
    .where(
      and(
        eq(requests.agencyId, r.agencyId),
        sql`${requests.id} <> ${r.id}`,
        gte(requests.receivedOn, month.first),
        or(lt(requests.receivedOn, r.receivedOn), and(eq(requests.receivedOn, r.receivedOn), lt(requests.submittedAt, r.submittedAt))),
        sql`${key} = ${applicantKey.toUpperCase()}`,
      ),
    );
  return Number(rows[0]?.n ?? 0);
}

/** States after which nobody has anything left to do on a request (the handover and `gongkai doctor` skip them). */
export const finishedStates = ['archived', 'withdrawn', 'deemed_withdrawn'];

/** Unfinished requests in which the user is 承办人 or B角承办人 (for the handover checklist). */
export function findUnfinishedHeldBy(db: Executor, userId: string): Promise<RequestRow[]> {
  return db
    .select()
    .from(requests)
    .where(and(or(eq(requests.handlerId, userId), eq(requests.backupHandlerId, userId)), notInArray(requests.state, finishedStates)))
    .orderBy(asc(requests.receivedOn));
}

/** Unfinished requests whose handler or backup handler is a disabled account (the invariant of `gongkai doctor`). */
export function findUnfinishedHeldByDisabled(db: Executor) {
  const disabled = db.select({ id: users.id }).from(users).where(eq(users.disabled, true));
  return db
    .select({ id: requests.id, agencyId: requests.agencyId, trackingNo: requests.trackingNo, state: requests.state, handlerId: requests.handlerId, backupHandlerId: requests.backupHandlerId })
    .from(requests)
    .where(and(or(inArray(requests.handlerId, disabled), inArray(requests.backupHandlerId, disabled)), notInArray(requests.state, finishedStates)));
}
