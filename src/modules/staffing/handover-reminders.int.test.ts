/**
 * Handover reminders on a fresh database (PGlite, or PostgreSQL with GONGKAI_TEST_DATABASE_URL),
 * with the application clock set: a handover started on Thursday 2025-11-13 reminds the successor
 * from Friday, once a day, on working days only, in the console and by e-mail; the initiator is
 * told once after three working days; after the successor signs, the approver is reminded from
 * the next working day; a closed handover reminds nobody.
 */
import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, testPassword } from '../../../test/factories.ts';
import { createStaff, type StaffSpec } from '../../../test/support/staff.ts';
import { mailOutbox, notifications } from '../../db/schema/index.ts';
import { setNow } from '../../lib/clock.ts';
import type { Agency } from '../agencies/index.ts';
import { remindHandovers } from './index.ts';

let t: TestContext;
let agency: Agency;
let handoverId: string;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const at = (d: string) => new Date(`${d}T02:00:00Z`); // 10:00 Beijing time
const run = (d: string) => {
  setNow(at(d));
  return remindHandovers(t.ctx);
};

async function notes() {
  const rs = await t.ctx.db
    .select({ userId: notifications.userId, kind: notifications.kind, dedupeKey: notifications.dedupeKey })
    .from(notifications)
    .where(like(notifications.dedupeKey, `handover:${handoverId}:%`));
  const name = (id: string) => Object.keys(ids).find((k) => ids[k] === id);
  return rs.filter((r) => /:(remind|stalled):/.test(r.dedupeKey)).map((r) => `${r.kind}→${name(r.userId)}@${r.dedupeKey.split(':').at(-1)}`).sort();
}

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  const staff: StaffSpec = {
    admin: { agency, roles: ['admin'], displayName: '郑管理', email: 'admin@example.gov.cn' },
    head: { agency, roles: ['admin'], displayName: '钱主任', email: 'head@example.gov.cn' },
    leaver: { agency, roles: ['drafter'], displayName: '李离岗' },
    successor: { agency, roles: ['drafter'], displayName: '王接手', email: 'successor@example.gov.cn' },
  };
  // Signed in on the real clock; the application clock is then set into the past for the handover.
  await createStaff(t, staff, { ids, clients: c });
  setNow(at('2025-11-13'));
  const res = await c.admin!.post('/api/handovers', { fromUserId: ids.leaver, toUserId: ids.successor, approverId: ids.head });
  expect(res.statusCode, res.body).toBe(201);
  handoverId = res.json().handover.id;
});
afterAll(async () => {
  setNow(undefined);
  await t?.close();
});

describe('handover reminders', () => {
  it('reminds the successor from the next working day, once a day, not on the weekend, in-app and by e-mail', async () => {
    expect(await run('2025-11-13')).toBe(0);
    expect(await run('2025-11-14')).toBe(1);
    expect(await run('2025-11-14')).toBe(0); // rerun the same day: nobody
    expect(await notes()).toEqual(['handover.remind_sign→successor@2025-11-14']);
    const mine = (await c.successor!.get('/api/notifications')).json().items as Array<{ kind: string; link: string; title: string }>;
    expect(mine.find((n) => n.kind === 'handover.remind_sign')).toMatchObject({ link: '/handovers', title: '请尽快签收：李离岗的离岗交接' });
    const mail = await t.ctx.db.select({ to: mailOutbox.to, subject: mailOutbox.subject, text: mailOutbox.text }).from(mailOutbox).where(eq(mailOutbox.to, 'successor@example.gov.cn'));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe('请尽快签收：李离岗的离岗交接');
    expect(mail[0]!.text).toContain('已 1 个工作日');
    expect(await run('2025-11-15')).toBe(0); // Saturday
    expect(await run('2025-11-16')).toBe(0);
    expect(await run('2025-11-17')).toBe(1);
  });

  it('tells the initiator once after three working days of waiting', async () => {
    expect(await run('2025-11-18')).toBe(2);
    expect(await run('2025-11-18')).toBe(0);
    expect(await run('2025-11-19')).toBe(1); // the successor only: the initiator was told for this stage
    expect(await notes()).toEqual([
      'handover.remind_sign→successor@2025-11-14',
      'handover.remind_sign→successor@2025-11-17',
      'handover.remind_sign→successor@2025-11-18',
      'handover.remind_sign→successor@2025-11-19',
      'handover.stalled→admin@awaitingSuccessor',
    ]);
    const mail = await t.ctx.db.select({ subject: mailOutbox.subject }).from(mailOutbox).where(eq(mailOutbox.to, 'admin@example.gov.cn'));
    expect(mail.map((m) => m.subject)).toEqual(['交接待签收已满 3 个工作日：李离岗']);
    const audit = ((await t.ctx.db.execute(sql`select actor_name, after from audit_log where action = 'handover.remind' and entity_id = ${handoverId}`)) as unknown as { rows: Array<{ after: { to: string; waitedWorkingDays: number } }> }).rows;
    expect(audit).toHaveLength(5);
    expect(audit.find((a) => a.after.to === 'initiator')!.after.waitedWorkingDays).toBe(3);
  });

  it('after signing, the approver is reminded from the next working day; a closed handover reminds nobody', async () => {
    setNow(at('2025-11-19'));
    const detail = (await c.successor!.get(`/api/handovers/${handoverId}`)).json().handover as { fingerprint: string };
    const signed = await c.successor!.post(`/api/handovers/${handoverId}/sign`, { password: testPassword, fingerprint: detail.fingerprint });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(await run('2025-11-19')).toBe(0);
    expect(await run('2025-11-20')).toBe(1);
    const headNotes = await t.ctx.db
      .select({ kind: notifications.kind, dedupeKey: notifications.dedupeKey })
      .from(notifications)
      .where(and(eq(notifications.userId, ids.head!), like(notifications.dedupeKey, `handover:${handoverId}:remind:%`)));
    expect(headNotes).toEqual([{ kind: 'handover.remind_approve', dedupeKey: `handover:${handoverId}:remind:awaitingApproval:2025-11-20` }]);
    expect((await c.admin!.post(`/api/handovers/${handoverId}/cancel`, {})).statusCode).toBe(200);
    expect(await run('2025-11-21')).toBe(0);
    expect(await run('2025-11-26')).toBe(0);
  });
});
