/**
 * Feedback after the answer and its AB post, through HTTP on a fresh database (PGlite, or
 * PostgreSQL with GONGKAI_TEST_DATABASE_URL): 撤下公开 / 恢复公开 of an answered item (the item
 * page and the answered list stop and start showing it at once, reason required, who may,
 * audit, history); the privacy check of a public answer; the 承办人 taken from the feedback duty
 * (A, B while A is on leave), reassigned by hand, answering as 承办人; reminders to the 承办人,
 * the current holder and, on escalation, the other post or the administrators; the handover
 * and doctor helpers.
 */
import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, queryRows, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildPublishedItem } from '../../../test/factories.ts';
import { createStaff, type StaffSpec } from '../../../test/support/staff.ts';
import { notifications } from '../../db/schema/index.ts';
import { setNow } from '../../lib/clock.ts';
import type { Agency } from '../agencies/index.ts';
import { verifyAuditLog } from '../audit/index.ts';
import { findFeedbackHeldByDisabled, reassignFeedbackOnHandover, remindFeedbackDeadlines } from './index.ts';

let t: TestContext;
let agency: Agency;
let other: Agency;
let item: { documentId: string };
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const at = (d: string) => new Date(`${d}T02:00:00Z`); // 10:00 Beijing time

interface Fb {
  id: string;
  status: string;
  lockVersion: number;
  dueOn: string;
  public: boolean;
  assignee: { id: string; displayName: string | null; disabled: boolean } | null;
  assignedVia: string | null;
  hidden: { at: string; by: { id: string } | null; reason: string | null } | null;
}

const rows = <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => queryRows<T>(t, q);

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  other = await buildAgency(t.ctx);
  const users: StaffSpec = {
    admin: { agency, roles: ['admin'], displayName: '郑管理' },
    drafter: { agency, roles: ['drafter'], displayName: '张起草' },
    reviewer: { agency, roles: ['reviewer'], displayName: '王审核' },
    a: { agency, roles: ['reviewer'], displayName: '甲A岗' },
    b: { agency, roles: ['drafter'], displayName: '乙B岗' },
    outsider: { agency: other, roles: ['admin', 'drafter'], displayName: '卫外单位' },
  };
  await createStaff(t, users, { ids, clients: c });
  item = await buildPublishedItem(t.ctx, { agency, createdBy: ids.admin, title: '关于自来水管网改造的公告' });
});
afterEach(() => setNow(undefined));
afterAll(() => t.close());

async function record(body: Record<string, unknown>, who = 'drafter'): Promise<Fb> {
  const res = await c[who]!.post('/api/feedback', { agencyId: agency.id, source: 'hotline', kind: 'message', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const fetchFb = async (id: string, who = 'admin'): Promise<Fb> => (await c[who]!.get(`/api/feedback/${id}`)).json();
const itemPage = async () => (await t.app.inject({ method: 'GET', url: `/info/${item.documentId}` })).body;
const answeredPage = async () => (await t.app.inject({ method: 'GET', url: `/gk/${agency.slug}/feedback/answered` })).body;

describe('撤下公开 / 恢复公开 of an answered item', () => {
  let fb: Fb;
  const QUESTION = '改造期间是否停水？请提前通知。';
  const ANSWER = '改造分段施工，停水前一日在本网站公告。';

  beforeAll(async () => {
    const r = await record({ text: QUESTION, documentId: item.documentId, consentToPublish: true });
    const res = await c.drafter!.post(`/api/feedback/${r.id}/answer`, { lockVersion: r.lockVersion, answer: ANSWER });
    expect(res.statusCode, res.body).toBe(200);
    fb = res.json();
    expect(fb.public).toBe(true);
  });

  it('is shown on the item page and the answered list before', async () => {
    expect(await itemPage()).toContain(ANSWER); // also fills the page cache
    expect(await answeredPage()).toContain(QUESTION);
  });

  it('requires a reason (400); reviewers 403; other agencies 404', async () => {
    const noReason = await c.drafter!.post(`/api/feedback/${fb.id}/hide`, { lockVersion: fb.lockVersion });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('请填写理由');
    const blank = await c.drafter!.post(`/api/feedback/${fb.id}/hide`, { lockVersion: fb.lockVersion, reason: ' ' });
    expect(blank.statusCode).toBe(400);
    expect((await c.reviewer!.post(`/api/feedback/${fb.id}/hide`, { lockVersion: fb.lockVersion, reason: '留言人撤回同意' })).statusCode).toBe(403);
    expect((await c.outsider!.post(`/api/feedback/${fb.id}/hide`, { lockVersion: fb.lockVersion, reason: '留言人撤回同意' })).statusCode).toBe(404);
    expect((await c.outsider!.get(`/api/feedback/${fb.id}/history`)).statusCode).toBe(404);
    expect((await c.drafter!.post(`/api/feedback/${fb.id}/hide`, { lockVersion: fb.lockVersion + 1, reason: '留言人撤回同意' })).statusCode).toBe(409);
    expect(await itemPage()).toContain(ANSWER);
  });

  it('hides at once (the cached item page too), shows the state, refuses hiding twice', async () => {
    const res = await c.admin!.post(`/api/feedback/${fb.id}/hide`, { lockVersion: fb.lockVersion, reason: '留言人来电撤回公开同意' });
    expect(res.statusCode, res.body).toBe(200);
    fb = res.json();
    expect(fb).toMatchObject({ status: 'answered', public: false, hidden: { by: { id: ids.admin }, reason: '留言人来电撤回公开同意' } });
    const page = await itemPage();
    expect(page).not.toContain(ANSWER);
    expect(page).not.toContain(QUESTION);
    expect(await answeredPage()).not.toContain(QUESTION);
    expect((await c.admin!.post(`/api/feedback/${fb.id}/hide`, { lockVersion: fb.lockVersion, reason: '再次撤下' })).statusCode).toBe(409);
    const hidden = (await c.admin!.get(`/api/feedback?agencyId=${agency.id}&hidden=true`)).json().items as Fb[];
    expect(hidden.map((x) => x.id)).toEqual([fb.id]);
  });

  it('puts it back with a reason (shown again at once); history and audit record both', async () => {
    expect((await c.reviewer!.post(`/api/feedback/${fb.id}/unhide`, { lockVersion: fb.lockVersion, reason: '留言人重新同意' })).statusCode).toBe(403);
    expect((await c.drafter!.post(`/api/feedback/${fb.id}/unhide`, { lockVersion: fb.lockVersion })).statusCode).toBe(400);
    const res = await c.drafter!.post(`/api/feedback/${fb.id}/unhide`, { lockVersion: fb.lockVersion, reason: '留言人重新书面同意公开' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ public: true, hidden: null });
    expect(await itemPage()).toContain(ANSWER);
    expect(await answeredPage()).toContain(QUESTION);
    expect((await c.drafter!.post(`/api/feedback/${fb.id}/unhide`, { lockVersion: res.json().lockVersion, reason: '再次恢复' })).statusCode).toBe(409);

    const h = await c.reviewer!.get(`/api/feedback/${fb.id}/history`);
    expect(h.statusCode, h.body).toBe(200);
    const items = h.json().items as Array<{ action: string; actor: string; reason: string | null }>;
    expect(items.map((x) => x.action)).toEqual(['feedback.record', 'feedback.answer', 'feedback.hide', 'feedback.unhide']);
    expect(items[2]).toMatchObject({ actor: '郑管理', reason: '留言人来电撤回公开同意' });
    expect(items[3]).toMatchObject({ actor: '张起草', reason: '留言人重新书面同意公开' });
    const audit = await rows<{ action: string; actor_id: string }>(sql`select action, actor_id from audit_log where entity_id = ${fb.id} and action in ('feedback.hide', 'feedback.unhide') order by id`);
    expect(audit).toEqual([
      { action: 'feedback.hide', actor_id: ids.admin },
      { action: 'feedback.unhide', actor_id: ids.drafter },
    ]);
    expect((await verifyAuditLog(t.ctx.db)).ok).toBe(true);
  });

  it('never shows an answer without consent: hiding is allowed, putting back is refused (422)', async () => {
    const r = await record({ text: '不同意公开的提问', documentId: item.documentId, consentToPublish: false });
    const ans = (await c.drafter!.post(`/api/feedback/${r.id}/answer`, { lockVersion: r.lockVersion, answer: '已电话答复' })).json() as Fb;
    expect(ans.public).toBe(false);
    const hidden = (await c.admin!.post(`/api/feedback/${r.id}/hide`, { lockVersion: ans.lockVersion, reason: '记录：不公开' })).json() as Fb;
    const back = await c.admin!.post(`/api/feedback/${r.id}/unhide`, { lockVersion: hidden.lockVersion, reason: '试图恢复' });
    expect(back.statusCode).toBe(422);
    expect(back.body).toContain('留言人未同意公开');
    expect(await itemPage()).not.toContain('不同意公开的提问');
  });

  it('only answered items can be taken off (409 for new)', async () => {
    const r = await record({ text: '尚未答复的留言', consentToPublish: true });
    expect((await c.admin!.post(`/api/feedback/${r.id}/hide`, { lockVersion: r.lockVersion, reason: '测试理由' })).statusCode).toBe(409);
  });
});

describe('privacy of a public answer', () => {
  it('refuses an answer with a mobile number or ID number when it would be public (422, named); allows it when not public', async () => {
    const r = await record({ text: '请问低保申请找谁？', consentToPublish: true });
    const phone = await c.drafter!.post(`/api/feedback/${r.id}/answer`, { lockVersion: r.lockVersion, answer: '请联系经办人，电话13812345678。' });
    expect(phone.statusCode).toBe(422);
    expect(phone.json().message).toContain('手机号');
    expect(phone.json().message).not.toContain('13812345678');
    const id = await c.drafter!.post(`/api/feedback/${r.id}/answer`, { lockVersion: r.lockVersion, answer: '申请人11010519491231002X已获批。' });
    expect(id.statusCode).toBe(422);
    expect(id.json().message).toContain('居民身份证号');
    expect((await fetchFb(r.id)).status).toBe('new');
    const ok = await c.drafter!.post(`/api/feedback/${r.id}/answer`, { lockVersion: r.lockVersion, answer: '请到镇便民服务中心民政窗口办理。' });
    expect(ok.statusCode, ok.body).toBe(200);

    const priv = await record({ text: '不公开的咨询', consentToPublish: false });
    const res = await c.drafter!.post(`/api/feedback/${priv.id}/answer`, { lockVersion: priv.lockVersion, answer: '已回电，经办人电话13812345678。' });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('masks a phone number the author left in a public text', async () => {
    const r = await record({ text: '我的电话13987654321，请回电说明停水时间', documentId: item.documentId, consentToPublish: true });
    expect((await c.drafter!.post(`/api/feedback/${r.id}/answer`, { lockVersion: r.lockVersion, answer: '已回电说明。' })).statusCode).toBe(200);
    const page = await answeredPage();
    expect(page).toContain('请回电说明停水时间');
    expect(page).not.toContain('13987654321');
  });
});

describe('承办人 from the feedback AB post', () => {
  beforeAll(async () => {
    const res = await c.admin!.request('PUT', '/api/posts', { agencyId: agency.id, kind: 'feedback', holderA: ids.a, holderB: ids.b });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('assigns new feedback to A; to B while A is on leave; online feedback too', async () => {
    setNow(at('2025-11-03'));
    const fa = await record({ text: '交给A岗的留言' });
    expect(fa).toMatchObject({ assignee: { id: ids.a, displayName: '甲A岗' }, assignedVia: 'A' });
    const leave = await c.admin!.post('/api/posts/leaves', { agencyId: agency.id, userId: ids.a, startsOn: '2025-11-04', endsOn: '2025-11-05', reason: '培训' });
    expect(leave.statusCode, leave.body).toBe(201);
    setNow(at('2025-11-04'));
    const fb = await record({ text: 'A岗请假时的留言' });
    expect(fb).toMatchObject({ assignee: { id: ids.b }, assignedVia: 'B' });
    // The portal form: a token, then the post.
    const ip = '203.0.113.9';
    const form = await t.app.inject({ method: 'GET', url: `/gk/${agency.slug}/feedback`, remoteAddress: ip });
    const token = /name="formToken" value="([^"]+)"/.exec(form.body)![1]!;
    const post = await t.app.inject({ method: 'POST', url: `/gk/${agency.slug}/feedback`, remoteAddress: ip, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ kind: 'suggestion', text: '网上建议：增加公交班次', formToken: token }).toString() });
    expect(post.statusCode, post.body).toBe(200);
    const online = ((await c.admin!.get(`/api/feedback?agencyId=${agency.id}&assignee=${ids.b}`)).json().items as Array<Fb & { text: string }>).find((x) => x.text === '网上建议：增加公交班次');
    expect(online).toMatchObject({ assignee: { id: ids.b }, assignedVia: 'B' });
    // B is told in the console.
    const mine = (await c.b!.get('/api/notifications')).json().items as Array<{ kind: string }>;
    expect(mine.filter((n) => n.kind === 'feedback.assigned').length).toBeGreaterThanOrEqual(2);
  });

  it('the 承办人 answers even without the drafter role; others of that role may not', async () => {
    setNow(at('2025-11-03'));
    const mine = await record({ text: 'A岗可以答复的留言' });
    const notMine = await record({ text: '不是A岗承办的留言' });
    const moved = await c.admin!.post(`/api/feedback/${notMine.id}/assign`, { lockVersion: notMine.lockVersion, assigneeId: ids.b });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await c.a!.post(`/api/feedback/${notMine.id}/answer`, { lockVersion: moved.json().lockVersion, answer: '越权答复' })).statusCode).toBe(403);
    const res = await c.a!.post(`/api/feedback/${mine.id}/answer`, { lockVersion: mine.lockVersion, answer: 'A岗答复' });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('reassigns by hand (admins; a member of the agency), audited and in the history', async () => {
    const f = await record({ text: '需要改派的留言' });
    expect((await c.drafter!.post(`/api/feedback/${f.id}/assign`, { lockVersion: f.lockVersion, assigneeId: ids.drafter })).statusCode).toBe(403);
    expect((await c.outsider!.post(`/api/feedback/${f.id}/assign`, { lockVersion: f.lockVersion, assigneeId: ids.outsider })).statusCode).toBe(404);
    const foreign = await c.admin!.post(`/api/feedback/${f.id}/assign`, { lockVersion: f.lockVersion, assigneeId: ids.outsider });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).toContain('承办人须为本单位在岗人员');
    const res = await c.admin!.post(`/api/feedback/${f.id}/assign`, { lockVersion: f.lockVersion, assigneeId: ids.drafter });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ assignee: { id: ids.drafter, displayName: '张起草' }, assignedVia: 'manual' });
    const h = (await c.admin!.get(`/api/feedback/${f.id}/history`)).json().items as Array<{ action: string; assignee: { displayName: string } | null }>;
    expect(h.at(-1)).toMatchObject({ action: 'feedback.assign', assignee: { displayName: '张起草' } });
    const mine = (await c.drafter!.get(`/api/feedback?agencyId=${agency.id}&assignee=me`)).json().items as Fb[];
    expect(mine.map((x) => x.id)).toContain(f.id);
  });
});

describe('reminders follow the AB post', () => {
  const who = (rs: Array<{ userId: string; kind: string }>) => rs.map((r) => `${r.kind}→${Object.keys(ids).find((k) => ids[k] === r.userId)}`).sort();
  const notes = (id: string) =>
    t.ctx.db.select({ userId: notifications.userId, kind: notifications.kind }).from(notifications).where(and(eq(notifications.agencyId, agency.id), like(notifications.dedupeKey, `feedback:${id}:%`)));
  let soon: Fb;
  let lateA: Fb;
  let lateB: Fb;

  it('due soon → the 承办人 (A); two working days late → B; B already holding → the admins', async () => {
    // Answer everything open so far: only this block's items are reminded.
    for (const f of (await c.admin!.get(`/api/feedback?agencyId=${agency.id}&status=new&pageSize=100`)).json().items as Fb[]) {
      expect((await c.admin!.post(`/api/feedback/${f.id}/reject`, { lockVersion: f.lockVersion, reason: '测试清理' })).statusCode).toBe(200);
    }
    setNow(at('2025-11-13'));
    soon = await record({ text: '期限将至的留言', receivedOn: '2025-11-07' });
    lateA = await record({ text: '逾期的留言', receivedOn: '2025-11-03' });
    expect([soon.dueOn, lateA.dueOn, soon.assignee?.id]).toEqual(['2025-11-14', '2025-11-10', ids.a]);
    expect(await remindFeedbackDeadlines(t.ctx, '2025-11-13')).toBe(2);
    expect(who(await notes(soon.id))).toEqual(['feedback.due_soon→a']);
    expect(who(await notes(lateA.id))).toEqual(['feedback.escalated→b']);
    expect(await remindFeedbackDeadlines(t.ctx, '2025-11-13')).toBe(0);

    // A on leave from tomorrow: new feedback goes to B, and B's overdue escalation has no other post to go to.
    expect((await c.admin!.post('/api/posts/leaves', { agencyId: agency.id, userId: ids.a, startsOn: '2025-11-14', endsOn: '2025-11-20', reason: '年休' })).statusCode).toBe(201);
    setNow(at('2025-11-14'));
    lateB = await record({ text: 'B岗承办的逾期留言', receivedOn: '2025-11-03' });
    expect(lateB.assignee?.id).toBe(ids.b);

    // The deadline day, A away: the same stage reaches the current holder B; B's own late item escalates to the admins (A on leave).
    await remindFeedbackDeadlines(t.ctx, '2025-11-14');
    expect(who(await notes(soon.id))).toEqual(['feedback.due_soon→a', 'feedback.due_soon→b']);
    expect(who(await notes(lateB.id))).toEqual(['feedback.escalated→admin']);
    const audit = await rows<{ after: { reason: string } }>(sql`select after from audit_log where action = 'feedback.remind' and entity_id = ${lateB.id}`);
    expect(audit[0]!.after.reason).toContain('提醒本单位管理员');
  });

  it("escalates after the agency's escalationWorkingDays (catalog timeliness settings), not a constant", async () => {
    for (const f of (await c.admin!.get(`/api/feedback?agencyId=${agency.id}&status=new&pageSize=100`)).json().items as Fb[]) {
      expect((await c.admin!.post(`/api/feedback/${f.id}/reject`, { lockVersion: f.lockVersion, reason: '测试清理' })).statusCode).toBe(200);
    }
    const put = (escalationWorkingDays: number) => c.admin!.request('PUT', `/api/catalog/settings?agencyId=${agency.id}`, { interpretationDays: 5, escalationWorkingDays });
    expect((await put(3)).statusCode).toBe(200);
    setNow(at('2025-11-24'));
    const f = await record({ text: '按单位设置督办的留言', receivedOn: '2025-11-14' });
    expect([f.dueOn, f.assignee?.id]).toEqual(['2025-11-21', ids.a]);
    // Two working days late: the default (2) would escalate; the agency's 3 keeps it with A.
    await remindFeedbackDeadlines(t.ctx, '2025-11-25');
    expect(who(await notes(f.id))).toEqual(['feedback.overdue→a']);
    await remindFeedbackDeadlines(t.ctx, '2025-11-26');
    expect(who(await notes(f.id))).toEqual(['feedback.escalated→b', 'feedback.overdue→a']);
    const mail = await rows<{ body: string }>(sql`select body from notifications where dedupe_key = ${`feedback:${f.id}:escalated:2025-11-21`}`);
    expect(mail[0]!.body).toContain('逾期已满 3 个工作日');
    expect((await put(2)).statusCode).toBe(200);
    const now = await fetchFb(f.id);
    expect((await c.admin!.post(`/api/feedback/${f.id}/reject`, { lockVersion: now.lockVersion, reason: '测试清理' })).statusCode).toBe(200);
  });
});

describe('handover and the doctor helpers', () => {
  it('an open item of a disabled 承办人 is reported, and the handover helper moves it', async () => {
    setNow(at('2025-11-24'));
    const f = await record({ text: '交接前的留言' });
    expect(f.assignee?.id).toBe(ids.a);
    await t.ctx.db.execute(sql`update users set disabled = true where id = ${ids.a}`);
    expect((await fetchFb(f.id)).assignee).toMatchObject({ id: ids.a, disabled: true });
    const held = await findFeedbackHeldByDisabled(t.ctx.db);
    expect(held.map((h) => h.id)).toContain(f.id);
    expect(held.find((h) => h.id === f.id)!.message).toContain('承办人仍为已停用账号');
    const moved = await t.ctx.db.transaction((tx) => reassignFeedbackOnHandover(tx, ids.a!, ids.b!));
    expect(moved.count).toBeGreaterThanOrEqual(1);
    expect(await fetchFb(f.id)).toMatchObject({ assignee: { id: ids.b }, assignedVia: 'handover' });
    expect(await findFeedbackHeldByDisabled(t.ctx.db)).toEqual([]);
    await t.ctx.db.execute(sql`update users set disabled = false where id = ${ids.a}`);
    expect((await verifyAuditLog(t.ctx.db)).ok).toBe(true);
  });
});
