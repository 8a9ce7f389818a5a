/**
 * Notifications on a fresh database (PGlite, or PostgreSQL with GONGKAI_TEST_DATABASE_URL):
 * notify inside a caller's transaction (rolled back with it, deduplicated), the user's list and
 * read marks through HTTP, the e-mail address settings, and the outbox over a real SMTP server on
 * loopback (retry with backoff, skipped without SMTP).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/support/context.ts';
import { decodeHeader, parseMail, startSmtpServer, type TestSmtp } from '../../../test/support/smtp.ts';
import { buildAgency } from '../../../test/factories.ts';
import { createStaff, type StaffSpec } from '../../../test/support/staff.ts';
import { setNow } from '../../lib/clock.ts';
import type { Agency } from '../agencies/index.ts';
import { notify, sendOutbox } from './index.ts';
import { findMails } from './notifications.repository.ts';

let t: TestContext;
let smtp: TestSmtp;
let agency: Agency;
const ids: Record<string, string> = {};
const c: Record<string, Client> = {};

beforeAll(async () => {
  t = await createTestContext();
  smtp = await startSmtpServer();
  agency = await buildAgency(t.ctx);
  const users: StaffSpec = {
    wang: { agency, roles: ['handler' as const], displayName: '王承办', email: 'wang@example.gov.cn' },
    li: { agency, roles: ['handler' as const], displayName: '李B角' },
    admin: { agency, roles: ['admin' as const], displayName: '郑管理' },
  };
  await createStaff(t, users, { ids, clients: c });
});
afterEach(() => {
  setNow(undefined);
  smtp.refuse = null;
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});

const withSmtp = () => ({ ...t.ctx, config: { ...t.ctx.config, GONGKAI_SMTP_URL: smtp.url, GONGKAI_MAIL_FROM: '曲尺乡政务公开 <gongkai@quchi.example.gov.cn>' } });

const base = (key: string, email = false) => ({
  userIds: [ids.wang, ids.li, ids.wang, null],
  agencyId: agency.id,
  kind: 'test.kind',
  title: '目录更新提醒：财政预决算',
  body: '应于 2025-10-10 前公开。',
  link: '/catalog/ledger',
  dedupeKey: key,
  email,
});

describe('notify inside a transaction', () => {
  it('notifies each recipient once per dedupe key, and only with the caller’s commit', async () => {
    const first = await t.ctx.db.transaction((tx) => notify(tx, base('k1')));
    expect(first.sort()).toEqual([ids.wang, ids.li].sort());
    expect(await t.ctx.db.transaction((tx) => notify(tx, base('k1')))).toEqual([]);
    await expect(
      t.ctx.db.transaction(async (tx) => {
        await notify(tx, base('k-rolled-back'));
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    const list = (await c.wang!.get('/api/notifications')).json() as { items: Array<{ title: string; link: string }>; unread: number; total: number };
    expect(list.total).toBe(1);
    expect(list.unread).toBe(1);
    expect(list.items[0]).toMatchObject({ title: '目录更新提醒：财政预决算', link: '/catalog/ledger' });
  });
});

describe('GET /api/notifications, read marks', () => {
  it('lists only my own, pages, marks read one and all; someone else’s id is 404', async () => {
    await t.ctx.db.transaction((tx) => notify(tx, { ...base('k2'), title: '第二条' }));
    const mine = (await c.li!.get('/api/notifications?pageSize=1')).json() as { items: Array<{ id: string; title: string; readAt: string | null }>; total: number; unread: number };
    expect(mine.total).toBe(2);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]!.title).toBe('第二条');
    expect((await c.admin!.get('/api/notifications')).json()).toMatchObject({ total: 0, unread: 0 });
    expect((await c.admin!.post(`/api/notifications/${mine.items[0]!.id}/read`)).statusCode).toBe(404);
    expect((await c.li!.post(`/api/notifications/${mine.items[0]!.id}/read`)).statusCode).toBe(200);
    expect((await c.li!.get('/api/notifications')).json()).toMatchObject({ unread: 1 });
    expect((await c.li!.get('/api/notifications?unread=true')).json()).toMatchObject({ total: 1 });
    expect((await c.li!.post('/api/notifications/read-all')).json()).toEqual({ updated: 1 });
    expect((await c.li!.get('/api/notifications')).json()).toMatchObject({ unread: 0, total: 2 });
    expect((await c.li!.get('/api/notifications?pageSize=500')).statusCode).toBe(400);
    expect((await c.li!.post('/api/notifications/not-a-uuid/read')).statusCode).toBe(400);
  });
});

describe('e-mail address', () => {
  it('a user sets their own (validated, audited) and an admin sets a colleague’s', async () => {
    const bad = await c.li!.patch('/api/auth/profile', { email: 'not-an-address' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields.email).toBe('电子邮箱格式不正确');
    expect((await c.li!.patch('/api/auth/profile', { email: 'li@example.gov.cn' })).json()).toEqual({ email: 'li@example.gov.cn' });
    expect((await c.li!.get('/api/auth/profile')).json()).toEqual({ email: 'li@example.gov.cn' });
    const byAdmin = await c.admin!.patch(`/api/users/${ids.li}`, { email: '' });
    expect(byAdmin.json().user.email).toBeNull();
    expect((await c.admin!.patch(`/api/users/${ids.li}`, { email: 'li@example.gov.cn' })).json().user.email).toBe('li@example.gov.cn');
  });
});

describe('mail outbox', () => {
  it('without GONGKAI_SMTP_URL queued mail is skipped, not kept for later', async () => {
    await t.ctx.db.transaction((tx) => notify(tx, base('k-mail-off', true)));
    const result = await sendOutbox(t.ctx);
    expect(result.skipped).toBeGreaterThanOrEqual(2);
    expect((await findMails(t.ctx.db, ['pending'])).length).toBe(0);
  });

  it('sends through a real SMTP server; a refusal is retried after the backoff', async () => {
    const start = new Date('2025-09-30T02:00:00Z');
    setNow(start);
    await t.ctx.db.transaction((tx) => notify(tx, { ...base('k-mail-on', true), userIds: [ids.wang] }));
    smtp.refuse = '4.3.0 try later';
    expect(await sendOutbox(withSmtp())).toMatchObject({ sent: 0, failed: 1 });
    const [pending] = await findMails(t.ctx.db, ['pending']);
    expect(pending).toMatchObject({ attempts: 1, to: 'wang@example.gov.cn' });
    expect(pending!.lastError).toContain('try later');
    expect(pending!.nextAttemptAt.getTime()).toBe(start.getTime() + 60_000);
    smtp.refuse = null;
    expect(await sendOutbox(withSmtp())).toMatchObject({ sent: 0, failed: 0 }); // not due yet
    setNow(new Date(start.getTime() + 61_000));
    expect(await sendOutbox(withSmtp())).toMatchObject({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['wang@example.gov.cn']);
    expect(mail.from).toBe('gongkai@quchi.example.gov.cn');
    const { headers, text } = parseMail(mail.raw);
    expect(decodeHeader(headers.subject!)).toBe('目录更新提醒：财政预决算');
    expect(text).toContain('王承办：');
    expect(text).toContain('应于 2025-10-10 前公开。');
    expect(text).toContain('/admin/catalog/ledger');
    expect((await findMails(t.ctx.db, ['sent'])).map((m) => m.attempts)).toEqual([2]);
    expect(await sendOutbox(withSmtp())).toMatchObject({ sent: 0 }); // sent once
  });
});
