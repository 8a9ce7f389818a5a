/**
 * Public feedback through HTTP on a fresh database (PGlite, or PostgreSQL with
 * GONGKAI_TEST_DATABASE_URL): the anonymous portal form (token, honeypot, rate limit, spam
 * score, errors re-rendering the form), the staff API allowed and forbidden, the due date on
 * the working-day calendar, the public list (consent, never the contact), statistics, audit;
 * and 政策解读 (links on both detail pages, the missing-interpretation list).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, queryRows, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildPublishedItem } from '../../../test/factories.ts';
import { createStaff, type StaffSpec } from '../../../test/support/staff.ts';
import { setNow } from '../../lib/clock.ts';
import type { Agency } from '../agencies/index.ts';
import { verifyAuditLog } from '../audit/index.ts';
import { createPublishedItem } from '../publishing/index.ts';

let t: TestContext;
let agency: Agency;
let other: Agency;
let item: { documentId: string };
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const CONTACT = '13900001111';

const rows = <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => queryRows<T>(t, q);

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  other = await buildAgency(t.ctx);
  const users: StaffSpec = {
    admin: { agency, roles: ['admin'], displayName: '郑管理' },
    drafter: { agency, roles: ['drafter'], displayName: '张起草' },
    reviewer: { agency, roles: ['reviewer'], displayName: '王审核' },
    auditor: { agency, roles: ['auditor'], displayName: '冯审计' },
    supervisor: { globalRole: 'supervisor', displayName: '陈监督' },
    outsider: { agency: other, roles: ['admin', 'drafter'], displayName: '卫外单位' },
  };
  await createStaff(t, users, { ids, clients: c });
  item = await buildPublishedItem(t.ctx, { agency, createdBy: ids.admin, title: '关于村道维修的通知' });
});
afterEach(() => setNow(undefined));
afterAll(() => t.close());

let addr = 0;
const nextAddress = () => `198.51.100.${(addr++ % 250) + 1}`;
const form = (data: Record<string, string>) => new URLSearchParams(data).toString();

async function formToken(path: string, remoteAddress: string): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url: path, remoteAddress });
  expect(res.statusCode).toBe(200);
  return /name="formToken" value="([^"]+)"/.exec(res.body)![1]!;
}
const postForm = (path: string, data: Record<string, string>, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: path, remoteAddress, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(data) });
const feedbackPath = () => `/gk/${agency.slug}/feedback`;

async function submit(data: Record<string, string>, ip = nextAddress()) {
  return postForm(feedbackPath(), { ...data, formToken: await formToken(feedbackPath(), ip) }, ip);
}

interface Fb {
  id: string;
  status: string;
  contact: string | null;
  lockVersion: number;
  dueOn: string;
  receivedOn: string;
  overdue: boolean;
  spamScore: number;
  documentId: string | null;
}

async function list(query: string, who = 'admin'): Promise<Fb[]> {
  const res = await c[who]!.get(`/api/feedback?agencyId=${agency.id}&pageSize=100${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

describe('portal form /gk/:agency/feedback', () => {
  it('stores anonymous feedback about an item, due in 5 working days, and thanks the author', async () => {
    setNow(new Date('2025-09-26T02:00:00Z')); // Friday before 国庆: 09-28 (调休上班), 29, 30, then 10-09, 10-10
    const res = await submit({ kind: 'message', text: '村道何时开工？希望尽快维修。', contact: CONTACT, consent: '1', documentId: item.documentId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('留言已提交');
    const [fb] = (await list('&status=new')).filter((f) => f.documentId === item.documentId);
    expect(fb).toMatchObject({ status: 'new', receivedOn: '2025-09-26', dueOn: '2025-10-10', contact: CONTACT });
  });

  it('re-renders the form with Chinese errors and the input (escaped), and stores nothing', async () => {
    const before = (await list('')).length;
    const res = await submit({ kind: 'rating', text: '<script>alert(1)</script>' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('满意度评价请选择 1–5 分');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).not.toContain('<script>alert');
    expect((await list('')).length).toBe(before);
  });

  it('refuses a forged, foreign or missing token (403) and a filled honeypot (400)', async () => {
    const ip = nextAddress();
    const token = await formToken(feedbackPath(), ip);
    const ok = { kind: 'suggestion', text: '建议增加路灯' };
    expect((await postForm(feedbackPath(), { ...ok, formToken: `${token.slice(0, -2)}xx` }, ip)).statusCode).toBe(403);
    expect((await postForm(feedbackPath(), { ...ok, formToken: await formToken(`/gk/${other.slug}/feedback`, ip) }, ip)).statusCode).toBe(403);
    // A token of the 依申请公开 form is not one of this form.
    expect((await postForm(feedbackPath(), { ...ok, formToken: await formToken(`/gk/${agency.slug}/ysqgk/apply`, ip) }, ip)).statusCode).toBe(403);
    expect((await postForm(feedbackPath(), ok, ip)).statusCode).toBe(403);
    const hp = await postForm(feedbackPath(), { ...ok, website: 'http://spam', formToken: token }, ip);
    expect(hp.statusCode).toBe(400);
    expect((await list('')).some((f) => (f as unknown as { text: string }).text === '建议增加路灯')).toBe(false);
  });

  it('sets spam aside as rejected with the same thanks', async () => {
    const res = await submit({ kind: 'message', text: '代开发票 http://a.xyz http://b.top 加微信' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('留言已提交');
    const rejected = await list('&status=rejected');
    expect(rejected.some((f) => f.spamScore >= 6)).toBe(true);
  });

  it('limits posts per address (429 page)', async () => {
    const ip = nextAddress();
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await postForm(feedbackPath(), { kind: 'message', text: '' }, ip)).statusCode);
    expect(codes.slice(0, 10).every((s) => s === 403)).toBe(true);
    expect(codes[10]).toBe(429);
  });

  it('404 for an unknown agency; the detail page carries the form and the form knows the item', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/gk/no-such-agency/feedback' })).statusCode).toBe(404);
    const detail = await t.app.inject({ method: 'GET', url: `/info/${item.documentId}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain(`action="/gk/${agency.slug}/feedback"`);
    expect(detail.body).toContain(`name="documentId" value="${item.documentId}"`);
    expect(detail.body).toMatch(/name="formToken" value="[^"]+"/);
  });
});

describe('staff API', () => {
  let fb: Fb;
  beforeAll(async () => {
    const res = await c.drafter!.post('/api/feedback', { agencyId: agency.id, source: 'hotline', kind: 'suggestion', text: '热线：建议公开低保名单', contact: CONTACT, consentToPublish: true, receivedOn: '2025-03-03' });
    expect(res.statusCode, res.body).toBe(201);
    fb = res.json();
  });

  it('records hotline feedback (admin, drafter); others are refused', async () => {
    expect(fb).toMatchObject({ source: 'hotline', status: 'new', dueOn: '2025-03-10', contact: CONTACT });
    const body = { agencyId: agency.id, source: 'in_person', kind: 'message', text: '现场反映' };
    expect((await c.admin!.post('/api/feedback', body)).statusCode).toBe(201);
    expect((await c.reviewer!.post('/api/feedback', body)).statusCode).toBe(403);
    expect((await c.auditor!.post('/api/feedback', body)).statusCode).toBe(403);
    expect((await c.supervisor!.post('/api/feedback', body)).statusCode).toBe(403);
    expect((await c.outsider!.post('/api/feedback', body)).statusCode).toBe(404);
    expect((await c.admin!.post('/api/feedback', { ...body, source: 'online' })).statusCode).toBe(400);
    expect((await c.admin!.post('/api/feedback', { ...body, kind: 'rating' })).statusCode).toBe(400);
  });

  it('lists for readers; the contact only for those who answer; overdue filter', async () => {
    const mine = (l: Fb[]) => l.find((x) => x.id === fb.id)!;
    expect(mine(await list('', 'admin')).contact).toBe(CONTACT);
    expect(mine(await list('', 'auditor')).contact).toBeNull();
    expect(mine(await list('', 'supervisor')).contact).toBeNull();
    expect(mine(await list('&overdue=true')).overdue).toBe(true);
    expect((await c.outsider!.get(`/api/feedback?agencyId=${agency.id}`)).statusCode).toBe(403);
    expect((await c.outsider!.get(`/api/feedback/${fb.id}`)).statusCode).toBe(404);
  });

  it('answers (drafter), refuses reviewers and stale versions, and publishes with consent (no contact)', async () => {
    expect((await c.reviewer!.post(`/api/feedback/${fb.id}/answer`, { lockVersion: fb.lockVersion, answer: '已转民政办' })).statusCode).toBe(403);
    expect((await c.outsider!.post(`/api/feedback/${fb.id}/answer`, { lockVersion: fb.lockVersion, answer: '已转民政办' })).statusCode).toBe(404);
    expect((await c.drafter!.post(`/api/feedback/${fb.id}/answer`, { lockVersion: fb.lockVersion + 1, answer: '已转民政办' })).statusCode).toBe(409);
    const res = await c.drafter!.post(`/api/feedback/${fb.id}/answer`, { lockVersion: fb.lockVersion, answer: '低保名单已在社会救助栏目公示。' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'answered', answeredBy: { id: ids.drafter } });
    expect((await c.drafter!.post(`/api/feedback/${fb.id}/answer`, { lockVersion: res.json().lockVersion, answer: '再次答复' })).statusCode).toBe(409);
    const page = await t.app.inject({ method: 'GET', url: `/gk/${agency.slug}/feedback/answered` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('热线：建议公开低保名单');
    expect(page.body).toContain('低保名单已在社会救助栏目公示。');
    expect(page.body).not.toContain(CONTACT);
    expect(page.body).not.toContain('张起草');
  });

  it('never publishes feedback without consent', async () => {
    const r = await c.admin!.post('/api/feedback', { agencyId: agency.id, source: 'hotline', kind: 'message', text: '不同意公开的留言' });
    await c.admin!.post(`/api/feedback/${r.json().id}/answer`, { lockVersion: r.json().lockVersion, answer: '已答复但不公开' });
    const page = await t.app.inject({ method: 'GET', url: `/gk/${agency.slug}/feedback/answered` });
    expect(page.body).not.toContain('不同意公开的留言');
  });

  it('rejects (admin), not twice, not by auditors', async () => {
    const r = (await c.admin!.post('/api/feedback', { agencyId: agency.id, source: 'hotline', kind: 'message', text: '骚扰电话内容' })).json() as Fb;
    expect((await c.auditor!.post(`/api/feedback/${r.id}/reject`, { lockVersion: r.lockVersion, reason: '骚扰' })).statusCode).toBe(403);
    const res = await c.admin!.post(`/api/feedback/${r.id}/reject`, { lockVersion: r.lockVersion, reason: '骚扰' });
    expect(res.json()).toMatchObject({ status: 'rejected', rejectReason: '骚扰' });
    expect((await c.admin!.post(`/api/feedback/${r.id}/reject`, { lockVersion: res.json().lockVersion, reason: '骚扰' })).statusCode).toBe(409);
  });

  it('monthly statistics with average rating and on-time rate', async () => {
    setNow(new Date('2025-06-10T02:00:00Z'));
    const r = (await c.admin!.post('/api/feedback', { agencyId: agency.id, source: 'in_person', kind: 'rating', rating: 4, text: '服务不错', receivedOn: '2025-06-09' })).json() as Fb;
    await c.admin!.post(`/api/feedback/${r.id}/answer`, { lockVersion: r.lockVersion, answer: '谢谢' });
    setNow(undefined);
    const res = await c.auditor!.get(`/api/feedback/stats?agencyId=${agency.id}&year=2025`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.months[5].byKind.rating).toBe(1);
    expect(s.averageRating).toBe(4);
    expect(s.months[2].byKind.suggestion).toBe(1);
    expect(s.answered).toBeGreaterThanOrEqual(2);
    expect(s.onTimeRate).toBeGreaterThan(0);
    expect(s.onTimeRate).toBeLessThan(1); // the March hotline answer came late
    expect((await c.outsider!.get(`/api/feedback/stats?agencyId=${agency.id}&year=2025`)).statusCode).toBe(403);
  });

  it('settings change the deadline (admin only); every change is audited without the contact', async () => {
    expect((await c.drafter!.request('PUT', '/api/feedback/settings', { agencyId: agency.id, answerWorkingDays: 10, bannedWords: [] })).statusCode).toBe(403);
    expect((await c.admin!.request('PUT', '/api/feedback/settings', { agencyId: agency.id, answerWorkingDays: 10, bannedWords: ['小卖部'] })).statusCode).toBe(200);
    const r = (await c.admin!.post('/api/feedback', { agencyId: agency.id, source: 'hotline', kind: 'message', text: '十天期限', receivedOn: '2025-03-03' })).json() as Fb;
    expect(r.dueOn).toBe('2025-03-17');
    const audit = await rows<{ action: string; after: unknown }>(sql`select action, after from audit_log where entity_type = 'feedback'`);
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['feedback.submit', 'feedback.record', 'feedback.answer', 'feedback.reject']));
    expect(JSON.stringify(audit)).not.toContain(CONTACT);
    expect((await verifyAuditLog(t.ctx.db)).ok).toBe(true);
  });
});

describe('政策解读', () => {
  it('links a policy and its interpretation on both detail pages, and lists policies without one', async () => {
    const sys = ids.admin!;
    setNow(new Date('2025-03-03T02:00:00Z'));
    const policy = await createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: 'qtxx', title: '某镇农村人居环境整治办法', bodyHtml: '<p>办法</p>', createdBy: sys, docType: 'normative', validity: 'valid', effectiveOn: '2025-03-01' });
    const lonely = await createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: 'qtxx', title: '某镇集体资产管理规定', bodyHtml: '<p>规定</p>', createdBy: sys, docType: 'normative', validity: 'valid', effectiveOn: '2025-03-01' });
    setNow(new Date('2025-03-05T02:00:00Z'));
    const interp = await createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: 'qtxx', title: '图解：农村人居环境整治办法', bodyHtml: '<p>解读</p>', createdBy: sys, interpretsId: policy.documentId });
    setNow(undefined);
    // An interpretation of an interpretation is refused.
    await expect(createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: 'qtxx', title: 'x', bodyHtml: '<p>x</p>', createdBy: sys, interpretsId: interp.documentId })).rejects.toThrow();

    const p = await t.app.inject({ method: 'GET', url: `/info/${policy.documentId}` });
    expect(p.body).toContain('政策解读');
    expect(p.body).toContain(`href="/info/${interp.documentId}"`);
    const i = await t.app.inject({ method: 'GET', url: `/info/${interp.documentId}` });
    expect(i.body).toContain('解读的政策文件');
    expect(i.body).toContain(`href="/info/${policy.documentId}"`);

    const res = await c.auditor!.get(`/api/interpretations/missing?agencyId=${agency.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const missing = res.json().items as Array<{ documentId: string; publishedOn: string; dueOn: string }>;
    expect(missing.map((m) => m.documentId)).toEqual([lonely.documentId]);
    expect(missing[0]).toMatchObject({ publishedOn: '2025-03-03', dueOn: '2025-03-10' });
    expect((await c.outsider!.get(`/api/interpretations/missing?agencyId=${agency.id}`)).statusCode).toBe(403);
    expect((await c.auditor!.get(`/api/interpretations/missing`)).statusCode).toBe(400);

    // Without `days` the list follows the agency's 解读时限 (catalog settings); 0 = 同步 is accepted.
    const missingDue = async (q: string) => {
      const r = await c.auditor!.get(`/api/interpretations/missing?agencyId=${agency.id}${q}`);
      expect(r.statusCode, r.body).toBe(200);
      const body = r.json() as { days: number; daysSource: string; items: Array<{ dueOn: string }> };
      return [body.days, body.daysSource, body.items[0]?.dueOn];
    };
    expect(await missingDue('')).toEqual([5, 'agency', '2025-03-10']);
    const put = (interpretationDays: number) => c.admin!.request('PUT', `/api/catalog/settings?agencyId=${agency.id}`, { interpretationDays, escalationWorkingDays: 2 });
    expect((await put(3)).statusCode).toBe(200);
    expect(await missingDue('')).toEqual([3, 'agency', '2025-03-06']);
    expect((await put(0)).statusCode).toBe(200);
    expect(await missingDue('')).toEqual([0, 'agency', '2025-03-03']);
    expect(await missingDue('&days=5')).toEqual([5, 'query', '2025-03-10']);
    expect(await missingDue('&days=0')).toEqual([0, 'query', '2025-03-03']);
    expect((await c.auditor!.get(`/api/interpretations/missing?agencyId=${agency.id}&days=-1`)).statusCode).toBe(400);
    expect((await put(5)).statusCode).toBe(200);
  });
});
