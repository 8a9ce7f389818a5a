/**
 * The catalog update and feedback answer reminders jobs on a fresh database (PGlite, or
 * PostgreSQL with GONGKAI_TEST_DATABASE_URL): drafts linked to catalog items with due dates
 * around "today" (2025-11-13, Thursday), AB posts and a leave record set through HTTP. A run
 * notifies A (or B while A is on leave, or the admins for an item without a post) once — the
 * second run notifies nobody —; two working days after the due date B is told. Feedback near or
 * past its answer deadline reminds the agency's admins and drafters, once per stage.
 */
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildUser, testPassword } from '../../../test/factories.ts';
import { catalogItems, notifications } from '../../db/schema/index.ts';
import { setNow } from '../../lib/clock.ts';
import { listColumns, type Agency } from '../agencies/index.ts';
import { addWorkingDays, shippedCalendar } from '../calendar/index.ts';
import { remindFeedbackDeadlines } from '../feedback/index.ts';
import { ensureCatalog, remindCatalogUpdates } from './index.ts';

let t: TestContext;
let agency: Agency;
const ids: Record<string, string> = {};
const c: Record<string, Client> = {};
const item: Record<'x' | 'y' | 'z', string> = { x: '', y: '', z: '' };
const at = (d: string) => new Date(`${d}T02:00:00Z`); // 10:00 Beijing time

/** The 成文日期 whose 20-working-day deadline (条例第26条) is `due`. */
function writtenFor(due: string): string {
  for (let d = new Date(`${due}T00:00:00Z`); ; d = new Date(d.getTime() - 86_400_000)) {
    const iso = d.toISOString().slice(0, 10);
    if (addWorkingDays(iso, 20, shippedCalendar).date === due) return iso;
  }
}

async function rows(prefix: string) {
  return t.ctx.db
    .select({ userId: notifications.userId, dedupeKey: notifications.dedupeKey, kind: notifications.kind })
    .from(notifications)
    .where(and(eq(notifications.agencyId, agency.id), like(notifications.dedupeKey, `${prefix}%`)));
}
const who = (rs: Array<{ userId: string; kind: string }>) => rs.map((r) => `${r.kind}→${Object.keys(ids).find((k) => ids[k] === r.userId)}`).sort();

beforeAll(async () => {
  t = await createTestContext();
  setNow(at('2025-11-13'));
  agency = await buildAgency(t.ctx);
  for (const [name, roles] of Object.entries({ a1: ['reviewer'], a2: ['reviewer'], b: ['reviewer'], admin: ['admin'], drafter: ['drafter'], auditor: ['auditor'] } as const)) {
    const u = await buildUser(t.ctx, { agency, roles: [...roles], displayName: name });
    ids[name] = u.id;
    c[name] = await login(t.app, u.username, testPassword);
  }
  await ensureCatalog(t.ctx.db, agency.id);
  const items = await t.ctx.db.select().from(catalogItems).where(eq(catalogItems.agencyId, agency.id));
  const event = items.filter((i) => i.mode === 'proactive' && i.timeRule.kind === 'event' && i.timeRule.unit === 'workingDays' && i.timeRule.limit === 20);
  [item.x, item.y, item.z] = event.slice(0, 3).map((i) => i.id) as [string, string, string];
  const columnId = (await listColumns(t.ctx.db, agency.id))[0]!.id;
  const draft = async (catalogItemId: string, due: string) => {
    const res = await c.drafter!.post('/api/documents', { agencyId: agency.id, title: `草稿${due}`, columnId, disclosure: 'proactive', catalogItemId, writtenOn: writtenFor(due) });
    expect(res.statusCode, res.body).toBe(201);
  };
  await draft(item.x, '2025-11-14'); // due tomorrow
  await draft(item.y, '2025-11-12'); // overdue since yesterday
  await draft(item.z, '2025-11-14'); // due tomorrow, no AB post
  const post = async (catalogItemId: string, holderA: string) => {
    const res = await c.admin!.request('PUT', '/api/posts', { agencyId: agency.id, kind: 'catalogItem', catalogItemId, holderA, holderB: ids.b });
    expect(res.statusCode, res.body).toBe(200);
  };
  await post(item.x, ids.a1!);
  await post(item.y, ids.a2!);
  const leave = await c.admin!.post('/api/posts/leaves', { agencyId: agency.id, userId: ids.a2, startsOn: '2025-11-10', endsOn: '2025-11-30', reason: '培训' });
  expect(leave.statusCode, leave.body).toBe(201);
});
afterAll(async () => {
  setNow(undefined);
  await t?.close();
});

describe('catalog update reminders', () => {
  it('notifies A, B for A on leave, the admins without a post — once', async () => {
    const first = await remindCatalogUpdates(t.ctx);
    expect(first).toBeGreaterThanOrEqual(3);
    expect(who(await rows(`catalog:${item.x}:`))).toEqual(['catalog.due_soon→a1']);
    expect(who(await rows(`catalog:${item.y}:`))).toEqual(['catalog.overdue→b']);
    expect(who(await rows(`catalog:${item.z}:`))).toEqual(['catalog.due_soon→admin']);
    expect(await remindCatalogUpdates(t.ctx)).toBe(0);
    expect(await rows(`catalog:${item.x}:`)).toHaveLength(1);
    const mine = await c.a1!.get('/api/notifications');
    expect(mine.json().items[0]).toMatchObject({ kind: 'catalog.due_soon', link: '/catalog/ledger' });
    expect(mine.json().items[0].body).toContain('2025-11-14');
  });

  it('escalates to B two working days after the due date (over the weekend), once', async () => {
    setNow(at('2025-11-17')); // Monday: one working day late → A again, overdue stage
    await remindCatalogUpdates(t.ctx);
    expect(who(await rows(`catalog:${item.x}:`))).toEqual(['catalog.due_soon→a1', 'catalog.overdue→a1']);
    setNow(at('2025-11-18'));
    expect(await remindCatalogUpdates(t.ctx)).toBeGreaterThan(0);
    expect(who(await rows(`catalog:${item.x}:`))).toEqual(['catalog.due_soon→a1', 'catalog.escalated→b', 'catalog.overdue→a1']);
    // B already held Y (A on leave): the escalation goes to the admins.
    expect(who(await rows(`catalog:${item.y}:`))).toEqual(['catalog.escalated→admin', 'catalog.overdue→b']);
    expect(await remindCatalogUpdates(t.ctx)).toBe(0);
    setNow(at('2025-11-13'));
  });
});

describe('feedback answer reminders', () => {
  it('reminds admins and drafters near and past the deadline, once per stage', async () => {
    const add = async (receivedOn: string) => {
      const res = await c.drafter!.post('/api/feedback', { agencyId: agency.id, source: 'hotline', kind: 'message', text: '热线留言', receivedOn });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; dueOn: string; lockVersion: number };
    };
    const soon = await add('2025-11-07');
    const late = await add('2025-11-03');
    const answered = await add('2025-11-03');
    expect([soon.dueOn, late.dueOn]).toEqual(['2025-11-14', '2025-11-10']);
    const ans = await c.drafter!.post(`/api/feedback/${answered.id}/answer`, { answer: '已答复', lockVersion: answered.lockVersion });
    expect(ans.statusCode, ans.body).toBe(200);
    expect(await remindFeedbackDeadlines(t.ctx)).toBe(4);
    expect(who(await rows(`feedback:${soon.id}:`))).toEqual(['feedback.due_soon→admin', 'feedback.due_soon→drafter']);
    expect(who(await rows(`feedback:${late.id}:`))).toEqual(['feedback.overdue→admin', 'feedback.overdue→drafter']);
    expect(await rows(`feedback:${answered.id}:`)).toHaveLength(0);
    expect(await remindFeedbackDeadlines(t.ctx)).toBe(0);
  });
});
