/** Database access of notifications and the mail outbox: the only file of the module that imports Drizzle tables. */
import { and, count, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { mailOutbox, notifications } from '../../db/schema/index.ts';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;
export type OutboxRow = typeof mailOutbox.$inferSelect;

/** Inserts a notification unless the user already has one with this dedupe key; returns the new row or undefined. */
export async function insertOnce(tx: Executor, values: NewNotification): Promise<NotificationRow | undefined> {
  const rows = await tx.insert(notifications).values(values).onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] }).returning();
  return rows[0];
}

/** Queues one e-mail. */
export async function insertMail(tx: Executor, values: typeof mailOutbox.$inferInsert): Promise<void> {
  await tx.insert(mailOutbox).values(values);
}

/** A page of a user's notifications (newest first), the total and the unread count. */
export async function findPage(db: Executor, userId: string, opts: { unreadOnly: boolean; limit: number; offset: number }) {
  const mine = eq(notifications.userId, userId);
  const cond = opts.unreadOnly ? and(mine, isNull(notifications.readAt)) : mine;
  const rows = await db.select().from(notifications).where(cond).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(opts.limit).offset(opts.offset);
  const total = Number((await db.select({ n: count() }).from(notifications).where(cond))[0]?.n ?? 0);
  const unread = Number((await db.select({ n: count() }).from(notifications).where(and(mine, isNull(notifications.readAt))))[0]?.n ?? 0);
  return { rows, total, unread };
}

/** Marks one of the user's notifications read; false when it is not theirs (or unknown). */
export async function markRead(db: Executor, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

/** Marks every unread notification of the user read; returns how many. */
export async function markAllRead(db: Executor, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Pending mails whose next attempt is due, oldest first. */
export async function findDueMails(db: Executor, at: Date, limit: number): Promise<OutboxRow[]> {
  return db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, at)))
    .orderBy(mailOutbox.nextAttemptAt, mailOutbox.createdAt)
    .limit(limit);
}

/**
 * Claims a pending mail for one attempt by bumping its attempt count and pushing the next
 * attempt out (a crash mid-send retries after the backoff); false when another process got it first.
 */
export async function claimMail(db: Executor, id: string, attempts: number, retryAt: Date): Promise<boolean> {
  const rows = await db
    .update(mailOutbox)
    .set({ attempts: attempts + 1, nextAttemptAt: retryAt })
    .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'pending'), eq(mailOutbox.attempts, attempts)))
    .returning({ id: mailOutbox.id });
  return rows.length > 0;
}

export async function markMailSent(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(mailOutbox).set({ status: 'sent', sentAt: at, lastError: null }).where(eq(mailOutbox.id, id));
}

export async function markMailFailed(db: Executor, id: string, error: string, giveUp: boolean): Promise<void> {
  await db
    .update(mailOutbox)
    .set({ lastError: error.slice(0, 2000), ...(giveUp ? { status: 'failed' } : {}) })
    .where(eq(mailOutbox.id, id));
}

/** Marks every pending mail skipped (no SMTP server configured); returns how many. */
export async function skipPendingMails(db: Executor, reason: string): Promise<number> {
  const rows = await db.update(mailOutbox).set({ status: 'skipped', lastError: reason }).where(eq(mailOutbox.status, 'pending')).returning({ id: mailOutbox.id });
  return rows.length;
}

/** Outbox rows by status (diagnostics, tests). */
export async function findMails(db: Executor, statuses: string[]): Promise<OutboxRow[]> {
  return db.select().from(mailOutbox).where(inArray(mailOutbox.status, statuses)).orderBy(mailOutbox.createdAt);
}
