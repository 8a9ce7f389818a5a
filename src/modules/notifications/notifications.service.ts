/**
 * Use cases of notifications: `notify` (inside the caller's transaction), the signed-in user's
 * list, read marks. Reading a notification is the reader's own UI state, not an act of the
 * administration, so it is not audited; the notifying module audits what it notified about.
 */
import type { Executor } from '../../db/client.ts';
import { now } from '../../lib/clock.ts';
import { notFound } from '../../lib/errors.ts';
import { findUserContacts, type Actor } from '../accounts/index.ts';
import * as repo from './notifications.repository.ts';

export interface NotifyInput {
  /** Recipients; duplicates, unknown and disabled accounts are skipped. */
  userIds: ReadonlyArray<string | null | undefined>;
  agencyId: string | null;
  /** `<module>.<what>`, e.g. `request.reply_due_soon`. */
  kind: string;
  title: string;
  body: string;
  /** Admin-console path, e.g. `/requests/<id>`. */
  link?: string | null | undefined;
  /** Same key for the same user → notified once, ever (a job may run twice). */
  dedupeKey: string;
  /** Also queue an e-mail to recipients with an address (sent by the outbox job when SMTP is configured). */
  email: boolean;
}

/** The plain-text e-mail of a notification. */
export function mailText(input: Pick<NotifyInput, 'body' | 'link'>, displayName: string): string {
  const lines = [`${displayName}：`, '', input.body];
  if (input.link) lines.push('', `请登录政务公开平台管理后台处理（${`/admin${input.link}`}）。`);
  lines.push('', '—— 本邮件由政务公开平台自动发送，请勿回复。');
  return lines.join('\n');
}

/**
 * Notifies users, inside the caller's transaction. Returns the ids of the users notified now
 * (those who already had this dedupe key are left out).
 */
export async function notify(tx: Executor, input: NotifyInput): Promise<string[]> {
  const ids = [...new Set(input.userIds.filter((x): x is string => !!x))];
  if (!ids.length) return [];
  const notified: string[] = [];
  for (const user of await findUserContacts(tx, ids)) {
    if (user.disabled) continue;
    const row = await repo.insertOnce(tx, {
      userId: user.id,
      agencyId: input.agencyId,
      kind: input.kind,
      title: input.title,
      body: input.body,
      link: input.link ?? null,
      dedupeKey: input.dedupeKey,
    });
    if (!row) continue;
    notified.push(user.id);
    if (input.email && user.email) {
      await repo.insertMail(tx, { notificationId: row.id, to: user.email, subject: input.title, text: mailText(input, user.displayName), nextAttemptAt: now() });
    }
  }
  return notified;
}

/** The API shape of a notification. */
export function presentNotification(n: repo.NotificationRow) {
  return {
    id: n.id,
    agencyId: n.agencyId,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}

/** The signed-in user's notifications, newest first, with the unread count. */
export async function listMine(db: Executor, actor: Actor, q: { unread?: 'true' | 'false' | undefined; page: number; pageSize: number }) {
  const { rows, total, unread } = await repo.findPage(db, actor.userId, { unreadOnly: q.unread === 'true', limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map(presentNotification), total, unread, page: q.page, pageSize: q.pageSize };
}

/** Marks one of my notifications read (404 for someone else's). */
export async function readOne(db: Executor, actor: Actor, id: string): Promise<{ ok: true }> {
  if (!(await repo.markRead(db, actor.userId, id))) throw notFound('提醒');
  return { ok: true };
}

/** Marks all my notifications read. */
export async function readAll(db: Executor, actor: Actor): Promise<{ updated: number }> {
  return { updated: await repo.markAllRead(db, actor.userId) };
}
