/**
 * Dashboards through HTTP on a fresh database (PGlite, or PostgreSQL with
 * GONGKAI_TEST_DATABASE_URL), with known data and "today" fixed at 2025-12-15 (Beijing):
 * publications per China month and catalog area, requests by state / outcome and the overdue
 * list (never the applicant), feedback counts, satisfaction and overdue feedback, the on-time
 * rate equal to the catalog ledger's; the county view's rows and who may see what.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, login, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildPublishedItem, buildUser, testPassword } from '../../../test/factories.ts';
import { setNow } from '../../lib/clock.ts';
import { systemActor } from '../accounts/index.ts';
import { createAgency, type Agency } from '../agencies/index.ts';
import { ensureCatalog } from '../catalog/index.ts';

let t: TestContext;
let county: Agency;
let town: Agency;
let other: Agency;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const NAME = '张秘密';
const ID_NUMBER = '11010519491231002X';
const PHONE = '13912345678';
const CONTACT = '13900001111';
let area: { id: string; name: string };
const tracking: Record<string, string> = {};
const feedbackIds: Record<string, string> = {};

async function rows<T = Record<string, unknown>>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.ctx.db.execute(q)) as unknown as { rows: T[] }).rows;
}

async function ok<T>(client: Client, method: 'get' | 'post', url: string, body?: unknown): Promise<T> {
  const res = method === 'get' ? await client.get(url) : await client.post(url, body);
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res.json() as T;
}

const newAgency = (name: string, kind: 'county' | 'township', parentId?: string) =>
  createAgency(t.ctx.db, systemActor, { code: `D${randomBytes(4).toString('hex').toUpperCase()}`, slug: `d-${randomBytes(4).toString('hex')}`, name, kind, ...(parentId ? { parentId } : {}) });

beforeAll(async () => {
  t = await createTestContext();
  setNow(new Date('2025-12-15T10:00:00+08:00'));
  county = await newAgency('看板县人民政府', 'county');
  town = await newAgency('看板乡人民政府', 'township', county.id);
  other = await buildAgency(t.ctx);
  const users: Record<string, Parameters<typeof buildUser>[1]> = {
    handler: { agency: town, roles: ['handler'] },
    drafter: { agency: town, roles: ['drafter'] },
    townAdmin: { agency: town, roles: ['admin'] },
    countyAdmin: { agency: county, roles: ['admin'] },
    countyDrafter: { agency: county, roles: ['drafter'] },
    supervisor: { globalRole: 'supervisor' },
    outsider: { agency: other, roles: ['admin'] },
  };
  for (const [name, opts] of Object.entries(users)) {
    const u = await buildUser(t.ctx, opts);
    ids[name] = u.id;
    c[name] = await login(t.app, u.username, testPassword);
  }

  // Publications: the township 5 (one in 2024 by Beijing time, one on 1 January Beijing time = 31 December UTC), the county 1.
  await ensureCatalog(t.ctx.db, town.id);
  const [first] = await rows<{ id: string; area_id: string; name: string }>(
    sql`select i.id, i.area_id, a.name from catalog_items i join catalog_areas a on a.id = i.area_id where i.agency_id = ${town.id} order by a.sort, i.sort limit 1`,
  );
  area = { id: first!.area_id, name: first!.name };
  const pub = (agency: Agency, at: string, catalogItemId?: string) =>
    buildPublishedItem(t.ctx, { agency, publishedAt: new Date(at) }).then(async (r) => {
      // Link (or unlink) explicitly: the publishing module may pick a catalog item from the column.
      await t.ctx.db.execute(sql`update document_versions set catalog_item_id = ${catalogItemId ?? null} where document_id = ${r.documentId}`);
      return r;
    });
  await pub(town, '2024-12-31T23:00:00+08:00');
  await pub(town, '2025-01-01T00:30:00+08:00');
  await pub(town, '2025-03-10T09:00:00+08:00', first!.id);
  await pub(town, '2025-03-20T09:00:00+08:00', first!.id);
  await pub(town, '2025-11-05T09:00:00+08:00');
  await pub(county, '2025-06-01T09:00:00+08:00');

  // Requests of the township: one left registered (overdue), one replied, one withdrawn, one new.
  const register = async (receivedOn: string) => {
    const d = await ok<{ request: { id: string; trackingNo: string; lockVersion: number } }>(c.handler!, 'post', '/api/requests', {
      agencyId: town.id, channel: 'registered_mail', receivedOn, applicantKind: 'person', name: NAME, idType: 'resident_id', idNumber: ID_NUMBER,
      phone: PHONE, address: '某县某镇某村1号', description: '2025年本乡低保资金发放明细', provisionForm: 'paper', delivery: 'mail', handlerId: ids.handler,
    });
    return d.request;
  };
  const act = async (id: string, action: string, extra: Record<string, unknown>) => {
    const { request } = await ok<{ request: { lockVersion: number } }>(c.handler!, 'get', `/api/requests/${id}`);
    return ok(c.handler!, 'post', `/api/requests/${id}/${action}`, { lockVersion: request.lockVersion, ...extra });
  };
  const overdue = await register('2025-09-26');
  tracking.overdue = overdue.trackingNo;
  const replied = await register('2025-09-26');
  await act(replied.id, 'accept', { on: '2025-09-29' });
  await act(replied.id, 'reply', { on: '2025-10-10', outcome: 'granted' });
  const withdrawn = await register('2025-09-26');
  await act(withdrawn.id, 'withdraw', { on: '2025-09-30', reason: '申请人电话告知撤回' });
  await register('2025-12-10');

  // Feedback of the township (staff entry): a 留言 overdue, a 建议 not yet due, two ratings answered (one late), one rejected.
  const record = (kind: string, receivedOn: string, rating?: number) =>
    ok<{ id: string; lockVersion: number }>(c.drafter!, 'post', '/api/feedback', { agencyId: town.id, source: 'hotline', kind, text: `来电反映${kind}${receivedOn}`, contact: CONTACT, receivedOn, ...(rating ? { rating } : {}) });
  const msg = await record('message', '2025-11-03');
  feedbackIds.overdue = msg.id;
  await record('suggestion', '2025-12-12');
  const late = await record('rating', '2025-12-01', 4);
  await ok(c.drafter!, 'post', `/api/feedback/${late.id}/answer`, { lockVersion: late.lockVersion, answer: '感谢您的评价，我们将继续改进。' });
  const timely = await record('rating', '2025-12-12', 2);
  await ok(c.drafter!, 'post', `/api/feedback/${timely.id}/answer`, { lockVersion: timely.lockVersion, answer: '已转相关站所改进服务。' });
  const spam = await record('message', '2025-12-11');
  await ok(c.drafter!, 'post', `/api/feedback/${spam.id}/reject`, { lockVersion: spam.lockVersion, reason: '广告信息' });
}, 120_000);
afterAll(async () => {
  setNow(undefined);
  await t.close();
});

interface Dashboard {
  year: number;
  today: string;
  published: { total: number; months: Array<{ month: number; count: number }>; areas: Array<{ areaId: string | null; areaName: string; count: number }> };
  onTime: { rate: number | null; onTime: number; late: number; overdue: number; due: number };
  requests: {
    total: number;
    byState: Array<{ state: string; name: string; count: number }>;
    byOutcome: Array<{ outcome: string; name: string; count: number }>;
    overdue: Array<{ id: string; trackingNo: string; dueOn: string; receivedOn: string; state: string }>;
  };
  feedback: {
    total: number;
    byKind: Array<{ kind: string; count: number }>;
    byStatus: Array<{ status: string; count: number }>;
    answered: number;
    answeredOnTime: number;
    onTimeRate: number | null;
    ratings: number;
    averageRating: number | null;
    overdue: Array<{ id: string; kind: string; dueOn: string }>;
  };
}

describe('GET /api/dashboard', () => {
  it('counts the township year 2025 exactly', async () => {
    const d = await ok<Dashboard>(c.handler!, 'get', `/api/dashboard?agencyId=${town.id}&year=2025`);
    expect(d.year).toBe(2025);
    expect(d.today).toBe('2025-12-15');
    expect(d.published.total).toBe(4);
    expect(d.published.months.map((m) => m.count)).toEqual([1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(d.published.areas).toEqual(
      expect.arrayContaining([
        { areaId: area.id, areaName: area.name, count: 2 },
        { areaId: null, areaName: '未关联目录', count: 2 },
      ]),
    );
    expect(d.published.areas).toHaveLength(2);

    expect(d.requests.total).toBe(4);
    expect(Object.fromEntries(d.requests.byState.map((s) => [s.state, s.count]))).toEqual({ registered: 2, replied: 1, withdrawn: 1 });
    expect(d.requests.byState.find((s) => s.state === 'registered')!.name).toBe('已登记（待审核）');
    expect(Object.fromEntries(d.requests.byOutcome.map((s) => [s.outcome, s.count]))).toEqual({ granted: 1, other_other: 1 });
    expect(d.requests.byOutcome.find((s) => s.outcome === 'granted')!.name).toBe('予以公开');
    expect(d.requests.overdue).toHaveLength(1);
    expect(d.requests.overdue[0]).toMatchObject({ trackingNo: tracking.overdue, dueOn: '2025-10-30', receivedOn: '2025-09-26', state: 'registered' });

    // Same definitions as GET /api/feedback/stats: the rejected 留言 counts in the total and its kind.
    expect(d.feedback.total).toBe(5);
    expect(Object.fromEntries(d.feedback.byKind.map((k) => [k.kind, k.count]))).toEqual({ message: 2, suggestion: 1, rating: 2 });
    const stats = await ok<{ total: number; answered: number; onTimeRate: number; averageRating: number }>(c.drafter!, 'get', `/api/feedback/stats?agencyId=${town.id}&year=2025`);
    expect({ total: stats.total, answered: stats.answered, onTimeRate: stats.onTimeRate, averageRating: stats.averageRating }).toEqual({ total: 5, answered: 2, onTimeRate: 0.5, averageRating: 3 });
    expect(Object.fromEntries(d.feedback.byStatus.map((k) => [k.status, k.count]))).toEqual({ new: 2, answered: 2, rejected: 1 });
    expect(d.feedback.answered).toBe(2);
    expect(d.feedback.answeredOnTime).toBe(1);
    expect(d.feedback.onTimeRate).toBe(0.5);
    expect(d.feedback.ratings).toBe(2);
    expect(d.feedback.averageRating).toBe(3);
    expect(d.feedback.overdue).toEqual([expect.objectContaining({ id: feedbackIds.overdue, kind: 'message', dueOn: '2025-11-10' })]);

    // Never the applicant nor the feedback author's contact.
    const text = JSON.stringify(d);
    for (const secret of [NAME, ID_NUMBER, PHONE, CONTACT]) expect(text).not.toContain(secret);
  });

  it('tells the same on-time figures as the catalog ledger', async () => {
    const d = await ok<Dashboard>(c.handler!, 'get', `/api/dashboard?agencyId=${town.id}&year=2025`);
    const { ledger } = await ok<{ ledger: { total: { onTimeRate: number | null; counts: Record<string, number> } } }>(c.handler!, 'get', `/api/catalog/ledger?agencyId=${town.id}&year=2025`);
    expect(d.onTime.rate).toBe(ledger.total.onTimeRate);
    expect({ onTime: d.onTime.onTime, late: d.onTime.late, overdue: d.onTime.overdue, due: d.onTime.due }).toEqual(ledger.total.counts);
  });

  it('puts a publication at 23:00 on 31 December Beijing time into 2024, and defaults to this year', async () => {
    const d = await ok<Dashboard>(c.handler!, 'get', `/api/dashboard?agencyId=${town.id}&year=2024`);
    expect(d.published.total).toBe(1);
    expect(d.published.months[11]!.count).toBe(1);
    expect(d.requests.total).toBe(0);
    expect(d.feedback.total).toBe(0);
    // The overdue lists are "now", whatever the year.
    expect(d.requests.overdue).toHaveLength(1);
    expect((await ok<Dashboard>(c.handler!, 'get', `/api/dashboard?agencyId=${town.id}`)).year).toBe(2025);
  });

  it('shows a child agency to its parent admin; refuses other agencies (403) and bad input (400)', async () => {
    expect((await c.countyAdmin!.get(`/api/dashboard?agencyId=${town.id}&year=2025`)).statusCode).toBe(200);
    expect((await c.supervisor!.get(`/api/dashboard?agencyId=${town.id}&year=2025`)).statusCode).toBe(200);
    expect((await c.countyDrafter!.get(`/api/dashboard?agencyId=${town.id}&year=2025`)).statusCode).toBe(403);
    expect((await c.townAdmin!.get(`/api/dashboard?agencyId=${county.id}&year=2025`)).statusCode).toBe(403);
    expect((await c.outsider!.get(`/api/dashboard?agencyId=${town.id}&year=2025`)).statusCode).toBe(403);
    const bad = await c.handler!.get(`/api/dashboard?agencyId=x&year=1800`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('单位编号格式不正确');
    expect((await t.app.inject({ method: 'GET', url: `/api/dashboard?agencyId=${town.id}` })).statusCode).toBe(401);
  });
});

interface CountyRow {
  agencyId: string;
  published: number;
  onTimeRate: number | null;
  requests: number;
  requestsOpen: number;
  requestsOverdue: number;
  feedback: number;
  feedbackAnswered: number;
  feedbackOnTimeRate: number | null;
  feedbackOverdue: number;
  averageRating: number | null;
}

describe('GET /api/dashboard/county', () => {
  it('gives one row per agency with the key figures', async () => {
    const v = await ok<{ year: number; agencies: CountyRow[] }>(c.supervisor!, 'get', '/api/dashboard/county?year=2025');
    expect(v.year).toBe(2025);
    const townRow = v.agencies.find((a) => a.agencyId === town.id)!;
    expect(townRow).toMatchObject({ published: 4, requests: 4, requestsOpen: 2, requestsOverdue: 1, feedback: 5, feedbackAnswered: 2, feedbackOnTimeRate: 0.5, feedbackOverdue: 1, averageRating: 3 });
    const d = await ok<Dashboard>(c.handler!, 'get', `/api/dashboard?agencyId=${town.id}&year=2025`);
    expect(townRow.onTimeRate).toBe(d.onTime.rate);
    expect(v.agencies.find((a) => a.agencyId === county.id)).toMatchObject({ published: 1, requests: 0, requestsOverdue: 0, feedback: 0, feedbackOnTimeRate: null, averageRating: null });
    expect(v.agencies.map((a) => a.agencyId)).toContain(other.id);
  });

  it('gives an agency admin that agency and its children; refuses everyone else', async () => {
    const v = await ok<{ agencies: CountyRow[] }>(c.countyAdmin!, 'get', '/api/dashboard/county?year=2025');
    expect(v.agencies.map((a) => a.agencyId).sort()).toEqual([county.id, town.id].sort());
    const own = await ok<{ agencies: CountyRow[] }>(c.townAdmin!, 'get', '/api/dashboard/county?year=2025');
    expect(own.agencies.map((a) => a.agencyId)).toEqual([town.id]);
    for (const who of ['handler', 'drafter', 'countyDrafter']) expect((await c[who]!.get('/api/dashboard/county?year=2025')).statusCode, who).toBe(403);
    expect((await c.supervisor!.get('/api/dashboard/county?year=abc')).statusCode).toBe(400);
  });
});
