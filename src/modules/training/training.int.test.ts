/**
 * Work manual and pre-post training through HTTP on a fresh database (PGlite, or PostgreSQL with
 * GONGKAI_TEST_DATABASE_URL): the gate on and off, passing grants the role and failing does not,
 * answers scored on the server only, results per person, manual overrides audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, queryRows, login, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildUser, testPassword } from '../../../test/factories.ts';
import { createStaff, type StaffSpec } from '../../../test/support/staff.ts';
import { listColumns, type Agency } from '../agencies/index.ts';
import { verifyAuditLog } from '../audit/index.ts';
import { questionById } from './quiz.ts';

let t: TestContext;
let agency: Agency;
let other: Agency;
let columnId: string;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};

const rows = <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => queryRows<T>(t, q);

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  other = await buildAgency(t.ctx);
  columnId = (await listColumns(t.ctx.db, agency.id)).find((x) => x.slug === 'shjz')!.id;
  const users: StaffSpec = {
    admin: { agency, roles: ['admin'], displayName: '郑主任' },
    drafter: { agency, roles: ['drafter'], displayName: '张起草' },
    failer: { agency, roles: ['drafter'], displayName: '李不及格' },
    reviewer: { agency, roles: ['reviewer'], steps: ['first'], displayName: '王审核' },
    handler: { agency, roles: ['handler'], displayName: '赵承办' },
    otherDrafter: { agency: other, roles: ['drafter'], displayName: '外单位起草' },
    outsider: { agency: other, roles: ['admin'], displayName: '外单位管理员' },
  };
  await createStaff(t, users, { ids, clients: c });
});
afterAll(() => t.close());

const draft = (who: string, agencyId = agency.id, col = columnId) =>
  c[who]!.post('/api/documents', { agencyId, title: '培训测试稿件', columnId: col, disclosure: 'proactive', bodyHtml: '<p>正文</p>' });

async function start(who: string, role: string): Promise<{ attemptId: string; questions: Array<{ id: string; options: string[] }> }> {
  const res = await c[who]!.post(`/api/training/courses/${role}/attempts`, {});
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Answers right for the first `right` questions and wrong for the rest. */
function answersFor(questions: Array<{ id: string; options: string[] }>, right: number): Record<string, number[]> {
  return Object.fromEntries(
    questions.map((q, i) => {
      const correct = [...questionById(q.id).answer];
      const wrong = [q.options.findIndex((_, k) => !correct.includes(k))];
      return [q.id, i < right ? correct : wrong];
    }),
  );
}

describe('gate off (no setting: existing agencies and test data)', () => {
  it('roles work without training', async () => {
    const res = await draft('drafter');
    expect(res.statusCode, res.body).toBe(201);
    const session = (await c.drafter!.get('/api/auth/session')).json();
    expect(session.actor.memberships[0].roles).toContain('drafter');
    expect(session.actor.memberships[0].pendingTraining).toBeUndefined();
  });
});

describe('gate on', () => {
  it('only the agency admin switches it, audited', async () => {
    expect((await c.drafter!.request('PUT', '/api/training/settings', { agencyId: agency.id, requireTraining: true })).statusCode).toBe(403);
    expect((await c.outsider!.request('PUT', '/api/training/settings', { agencyId: agency.id, requireTraining: true })).statusCode).toBe(404);
    expect((await c.admin!.request('PUT', '/api/training/settings', { agencyId: agency.id, requireTraining: 'yes' })).statusCode).toBe(400);
    const res = await c.admin!.request('PUT', '/api/training/settings', { agencyId: agency.id, requireTraining: true });
    expect(res.statusCode, res.body).toBe(200);
    const audit = await rows<{ after: { requireTraining: boolean } }>(sql`select after from audit_log where action = 'training.settings.update' and entity_id = ${agency.id}`);
    expect(audit.map((a) => a.after.requireTraining)).toEqual([true]);
  });

  it('untrained drafter/reviewer/handler roles are pending, and refusals say why in Chinese', async () => {
    const res = await draft('drafter');
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'TRAINING_REQUIRED', message: '您尚未通过「起草人」岗前培训考核，暂不能执行此操作' });
    for (const [who, role] of [['drafter', 'drafter'], ['reviewer', 'reviewer'], ['handler', 'handler']] as const) {
      const m = (await c[who]!.get('/api/auth/session')).json().actor.memberships[0];
      expect(m.roles).not.toContain(role);
      expect(m.pendingTraining).toEqual([role]);
    }
    // The admin role is never gated; another agency without the switch is unaffected.
    expect((await c.admin!.get('/api/auth/session')).json().actor.memberships[0].pendingTraining).toBeUndefined();
    const otherCol = (await listColumns(t.ctx.db, other.id))[0]!.id;
    expect((await draft('otherDrafter', other.id, otherCol)).statusCode).toBe(201);
  });

  it('the course lists the manual sections and the test never sends answers', async () => {
    const courses = (await c.drafter!.get('/api/training/courses/mine')).json().courses;
    expect(courses).toHaveLength(1);
    expect(courses[0]).toMatchObject({ role: 'drafter', required: true, passed: false, attempts: 0, passMark: 80 });
    expect(courses[0].sections.map((s: { topic: string }) => s.topic)).toContain('privacy');
    const res = await c.drafter!.post('/api/training/courses/drafter/attempts', {});
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toMatch(/"answer/);
    expect(res.json().questions).toHaveLength(5);
    // A role the user does not hold has no test.
    expect((await c.drafter!.post('/api/training/courses/handler/attempts', {})).statusCode).toBe(403);
    expect((await c.drafter!.post('/api/training/courses/janitor/attempts', {})).statusCode).toBe(400);
  });

  it('failing keeps the role pending; the score is computed on the server', async () => {
    const a = await start('failer', 'drafter');
    const res = await c.failer!.post(`/api/training/attempts/${a.attemptId}/submit`, { answers: answersFor(a.questions, 3) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ score: 60, passed: false, correctCount: 3, total: 5 });
    expect(res.body).not.toMatch(/"answer"/);
    expect((await draft('failer')).statusCode).toBe(403);
    // Submitting twice is refused; nobody else can submit someone's attempt.
    expect((await c.failer!.post(`/api/training/attempts/${a.attemptId}/submit`, { answers: answersFor(a.questions, 5) })).statusCode).toBe(409);
    const b = await start('failer', 'drafter');
    expect((await c.drafter!.post(`/api/training/attempts/${b.attemptId}/submit`, { answers: answersFor(b.questions, 5) })).statusCode).toBe(404);
    // Incomplete or foreign answers are a 400 with field messages.
    const partial = await c.failer!.post(`/api/training/attempts/${b.attemptId}/submit`, { answers: { [b.questions[0]!.id]: [0] } });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().message).toMatch(/道题没有作答/);
    const foreign = await c.failer!.post(`/api/training/attempts/${b.attemptId}/submit`, { answers: { ...answersFor(b.questions, 5), 'q-g1': [0] } });
    expect(foreign.statusCode).toBe(400);
  });

  it('passing grants the role on the next request', async () => {
    const a = await start('drafter', 'drafter');
    const res = await c.drafter!.post(`/api/training/attempts/${a.attemptId}/submit`, { answers: answersFor(a.questions, 4) });
    expect(res.json()).toMatchObject({ score: 80, passed: true });
    expect((await draft('drafter')).statusCode).toBe(201);
    const m = (await c.drafter!.get('/api/auth/session')).json().actor.memberships[0];
    expect(m.roles).toContain('drafter');
    expect(m.pendingTraining).toBeUndefined();
    const audit = await rows(sql`select 1 from audit_log where action = 'training.attempt.submit' and entity_id = ${a.attemptId}`);
    expect(audit).toHaveLength(1);
  });

  it('results are kept per person for the admin only', async () => {
    expect((await c.drafter!.get(`/api/training/results?agencyId=${agency.id}`)).statusCode).toBe(403);
    expect((await c.outsider!.get(`/api/training/results?agencyId=${agency.id}`)).statusCode).toBe(404);
    const res = await c.admin!.get(`/api/training/results?agencyId=${agency.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const people = res.json().people as Array<{ userId: string; courses: Array<{ role: string; attempts: number; bestScore: number | null; lastScore: number | null; passedAt: string | null; required: boolean }> }>;
    const of = (who: string) => people.find((p) => p.userId === ids[who])!.courses[0]!;
    expect(of('drafter')).toMatchObject({ role: 'drafter', attempts: 1, bestScore: 80, required: true });
    expect(of('drafter').passedAt).not.toBeNull();
    expect(of('failer')).toMatchObject({ attempts: 1, lastScore: 60, passedAt: null });
    expect(of('reviewer')).toMatchObject({ role: 'reviewer', attempts: 0, passedAt: null });
  });

  it('switching the gate off restores every role', async () => {
    await c.admin!.request('PUT', '/api/training/settings', { agencyId: agency.id, requireTraining: false });
    expect((await draft('failer')).statusCode).toBe(201);
    await c.admin!.request('PUT', '/api/training/settings', { agencyId: agency.id, requireTraining: true });
    expect((await draft('failer')).statusCode).toBe(403);
  });
});

describe('new agencies', () => {
  it('an agency created through the API requires training unless told otherwise; factories and existing agencies do not', async () => {
    const sys = await buildUser(t.ctx, { globalRole: 'sysadmin' });
    const s = await login(t.app, sys.username, testPassword);
    const on = await s.post('/api/agencies', { code: 'TRAIN0000001', slug: 'train-on', name: '培训开启镇人民政府', kind: 'township' });
    expect(on.statusCode, on.body).toBe(201);
    expect((await s.get(`/api/training/settings?agencyId=${on.json().agency.id}`)).json().requireTraining).toBe(true);
    const off = await s.post('/api/agencies', { code: 'TRAIN0000002', slug: 'train-off', name: '培训关闭镇人民政府', kind: 'township', requireTraining: false });
    expect((await s.get(`/api/training/settings?agencyId=${off.json().agency.id}`)).json().requireTraining).toBe(false);
    expect((await s.get(`/api/training/settings?agencyId=${other.id}`)).json().requireTraining).toBe(false);
  });
});

describe('manual', () => {
  it('lists sections with their screens and reads one topic', async () => {
    const res = await c.drafter!.get('/api/training/manual');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.canEdit).toBe(false);
    expect(body.sections.find((s: { topic: string }) => s.topic === 'requests').screens).toContain('requests.detail');
    const one = (await c.handler!.get('/api/training/manual/request-deadlines')).json().section;
    expect(one.body).toContain('20 个工作日');
    expect((await c.handler!.get('/api/training/manual/nope')).statusCode).toBe(404);
  });

  it('an agency admin overrides and resets a section, audited; others cannot; other agencies keep the built-in text', async () => {
    const body = { agencyId: agency.id, title: '隐私审查（本单位）', body: '本单位补充：低保名单只公示姓名和金额。' };
    expect((await c.drafter!.request('PUT', '/api/training/manual/privacy', body)).statusCode).toBe(403);
    expect((await c.outsider!.request('PUT', '/api/training/manual/privacy', body)).statusCode).toBe(404);
    expect((await c.admin!.request('PUT', '/api/training/manual/privacy', { ...body, body: ' ' })).statusCode).toBe(400);
    const put = await c.admin!.request('PUT', '/api/training/manual/privacy', body);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().section).toMatchObject({ title: body.title, overridden: true });
    expect((await c.drafter!.get('/api/training/manual/privacy')).json().section.body).toBe(body.body);
    expect((await c.otherDrafter!.get('/api/training/manual/privacy')).json().section.overridden).toBe(false);
    const reset = await c.admin!.request('DELETE', `/api/training/manual/privacy?agencyId=${agency.id}`);
    expect(reset.json().section.overridden).toBe(false);
    const audit = await rows<{ action: string; before: { body: string }; after: { body?: string } }>(sql`select action, before, after from audit_log where action like 'training.manual.%' order by id`);
    expect(audit.map((a) => a.action)).toEqual(['training.manual.update', 'training.manual.reset']);
    expect(audit[0]!.before.body).toContain('隐私');
    expect(audit[0]!.after.body).toBe(body.body);
    expect((await verifyAuditLog(t.ctx.db)).ok).toBe(true);
  });
});
