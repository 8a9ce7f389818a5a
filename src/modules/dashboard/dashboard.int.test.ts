/**
 * Dashboards through HTTP on a fresh database (PGlite, or PostgreSQL with
 * GONGKAI_TEST_DATABASE_URL), with known data and "today" fixed at 2025-12-15 (Beijing):
 * publications per China month and catalog area, requests by state / outcome and the overdue
 * list (never the applicant), feedback counts, satisfaction and overdue feedback, the on-time
 * rate equal to the catalog ledger's; the county view's rows and who may see what.
 */
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
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
  agencyName: string;
  year: number;
  today: string;
  published: { total: number; months: Array<{ month: number; count: number }>; areas: Array<{ areaId: string | null; areaName: string; count: number }> };
  onTime: { rate: number | null; onTime: number; late: number; overdue: number; due: number; areas: Array<{ areaId: string; areaName: string; onTime: number; late: number; overdue: number; due: number; rate: number | null }> };
  requests: {
    total: number;
    byState: Array<{ state: string; name: string; count: number }>;
    byOutcome: Array<{ outcome: string; name: string; count: number }>;
    overdueCount: number;
    overdue: Array<{ id: string; trackingNo: string; dueOn: string; receivedOn: string; state: string; stateName: string }>;
  };
  feedback: {
    total: number;
    byKind: Array<{ kind: string; name: string; count: number }>;
    byStatus: Array<{ status: string; name: string; count: number }>;
    answered: number;
    answeredOnTime: number;
    onTimeRate: number | null;
    ratings: number;
    averageRating: number | null;
    overdueCount: number;
    overdue: Array<{ id: string; kind: string; kindName: string; dueOn: string; receivedOn: string; excerpt: string }>;
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
  name: string;
  publicationsOverdue: number;
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

/** The county table's counts and the drill-down each opens (into the agency's own dashboard). */
const countyDrills: Array<[keyof CountyRow, string, string?]> = [
  ['published', 'published'],
  ['publicationsOverdue', 'ontime', 'overdue'],
  ['requests', 'requests'],
  ['requestsOpen', 'requests-open'],
  ['requestsOverdue', 'requests-overdue'],
  ['feedback', 'feedback'],
  ['feedbackAnswered', 'feedback-answered'],
  ['feedbackOverdue', 'feedback-overdue'],
];

describe('GET /api/dashboard/county', () => {
  it("drills every count of an agency's row into that agency's records, as many as shown", async () => {
    const v = await ok<{ agencies: CountyRow[] }>(c.countyAdmin!, 'get', '/api/dashboard/county?year=2025');
    for (const row of v.agencies) {
      for (const [field, metric, key] of countyDrills) {
        const drill = await ok<Drill>(c.countyAdmin!, 'get', drillUrl(row.agencyId, metric, key));
        expect(drill.count, `${row.name} ${field}`).toBe(row[field]);
      }
    }
    expect(v.agencies.find((a) => a.agencyId === town.id)!.requestsOpen).toBe(2);
  });

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

interface Drill {
  kind: 'documents' | 'ledger' | 'requests' | 'feedback';
  title: string;
  count: number;
  rows: Array<Record<string, unknown>>;
}

const drillUrl = (agencyId: string, metric: string, key?: string, year = 2025) => `/api/dashboard/drill?agencyId=${agencyId}&year=${year}&metric=${metric}${key === undefined ? '' : `&key=${encodeURIComponent(key)}`}`;

/** Every figure of the dashboard with the drill-down that lists its records. */
function drillCases(d: Dashboard): Array<{ metric: string; key?: string; shown: number }> {
  const statusKeys = { on_time: 'onTime', late: 'late', overdue: 'overdue', due: 'due' } as const;
  return [
    { metric: 'published', shown: d.published.total },
    ...d.published.months.map((m) => ({ metric: 'published', key: String(m.month), shown: m.count })),
    ...d.published.areas.map((a) => ({ metric: 'published-area', key: a.areaId ?? 'none', shown: a.count })),
    ...Object.entries(statusKeys).map(([key, field]) => ({ metric: 'ontime', key, shown: d.onTime[field] })),
    ...d.onTime.areas.flatMap((a) => [
      { metric: 'ontime', key: a.areaId, shown: a.onTime + a.late + a.overdue + a.due },
      ...Object.entries(statusKeys).map(([st, field]) => ({ metric: 'ontime', key: `${a.areaId}:${st}`, shown: a[field] })),
    ]),
    { metric: 'requests', shown: d.requests.total },
    ...d.requests.byState.map((s) => ({ metric: 'requests-state', key: s.state, shown: s.count })),
    ...d.requests.byOutcome.map((s) => ({ metric: 'requests-outcome', key: s.outcome, shown: s.count })),
    { metric: 'requests-overdue', shown: d.requests.overdueCount },
    { metric: 'feedback', shown: d.feedback.total },
    ...d.feedback.byKind.map((k) => ({ metric: 'feedback-kind', key: k.kind, shown: k.count })),
    ...d.feedback.byStatus.map((k) => ({ metric: 'feedback-status', key: k.status, shown: k.count })),
    { metric: 'feedback-answered', shown: d.feedback.answered },
    { metric: 'feedback-answered-on-time', shown: d.feedback.answeredOnTime },
    { metric: 'feedback-rated', shown: d.feedback.ratings },
    { metric: 'feedback-overdue', shown: d.feedback.overdueCount },
  ];
}

describe('GET /api/dashboard/drill', () => {
  it('lists exactly as many records as every figure shows (2025 and 2024)', async () => {
    for (const year of [2025, 2024]) {
      const d = await ok<Dashboard>(c.handler!, 'get', `/api/dashboard?agencyId=${town.id}&year=${year}`);
      const cases = drillCases(d);
      // The ledger's per-area cases exist (the town's catalog is seeded) and something is owed.
      expect(cases.filter((x) => x.metric === 'ontime').length).toBeGreaterThan(4);
      expect(cases.some((x) => x.metric === 'ontime' && x.shown > 0)).toBe(true);
      for (const x of cases) {
        const drill = await ok<Drill>(c.handler!, 'get', drillUrl(town.id, x.metric, x.key, year));
        expect(drill.count, `${year} ${x.metric} ${x.key ?? ''}`).toBe(x.shown);
        expect(drill.rows, `${year} ${x.metric} ${x.key ?? ''}`).toHaveLength(x.shown);
      }
    }
  }, 120_000);

  it('gives the records themselves: the month and area items, the requests and the feedback', async () => {
    const march = await ok<Drill>(c.handler!, 'get', drillUrl(town.id, 'published', '3'));
    expect(march.kind).toBe('documents');
    expect(march.title).toBe('2025年3月发布的信息');
    expect(march.rows.map((r) => r.publishedOn)).toEqual(['2025-03-10', '2025-03-20']);
    expect(march.rows.every((r) => r.areaName === area.name && typeof r.documentId === 'string' && typeof r.title === 'string')).toBe(true);
    // The first publication of 1 January 00:30 Beijing time is January's, not December's.
    expect((await ok<Drill>(c.handler!, 'get', drillUrl(town.id, 'published', '1'))).rows.map((r) => r.publishedOn)).toEqual(['2025-01-01']);
    const unlinked = await ok<Drill>(c.handler!, 'get', drillUrl(town.id, 'published-area', 'none'));
    expect(unlinked.rows.map((r) => r.publishedOn)).toEqual(['2025-01-01', '2025-11-05']);

    const registered = await ok<Drill>(c.handler!, 'get', drillUrl(town.id, 'requests-state', 'registered'));
    expect(registered.kind).toBe('requests');
    expect(registered.rows.map((r) => r.stateName)).toEqual(['已登记（待审核）', '已登记（待审核）']);
    const overdue = await ok<Drill>(c.handler!, 'get', drillUrl(town.id, 'requests-overdue'));
    expect(overdue.rows.map((r) => r.trackingNo)).toEqual([tracking.overdue]);
    const granted = await ok<Drill>(c.handler!, 'get', drillUrl(town.id, 'requests-outcome', 'granted'));
    expect(granted.rows).toEqual([expect.objectContaining({ state: 'replied', outcome: 'granted', outcomeName: '予以公开' })]);

    const overdueFb = await ok<Drill>(c.handler!, 'get', drillUrl(town.id, 'feedback-overdue'));
    expect(overdueFb.rows.map((r) => r.id)).toEqual([feedbackIds.overdue]);
    const onTime = await ok<Drill>(c.handler!, 'get', drillUrl(town.id, 'feedback-answered-on-time'));
    expect(onTime.rows.map((r) => [r.kind, r.rating])).toEqual([['rating', 2]]);

    const overdueLedger = await ok<Drill>(c.handler!, 'get', drillUrl(town.id, 'ontime', 'overdue'));
    expect(overdueLedger.kind).toBe('ledger');
    expect(overdueLedger.rows.every((r) => r.status === 'overdue' && r.statusName === '已逾期')).toBe(true);
  });

  it("shows the applicant's name only to those the requests module lets see it; never the feedback contact", async () => {
    const withName = await ok<Drill>(c.handler!, 'get', drillUrl(town.id, 'requests'));
    expect(withName.rows.map((r) => r.applicantName)).toEqual([NAME, NAME, NAME, NAME]);
    expect(await ok<Drill>(c.townAdmin!, 'get', drillUrl(town.id, 'requests')).then((d) => d.rows[0]!.applicantName)).toBe(NAME);
    // A drafter of the agency, the parent agency's admin and a supervisor see the dashboard, not the applicant.
    for (const who of ['drafter', 'countyAdmin', 'supervisor']) {
      const d = await ok<Drill>(c[who]!, 'get', drillUrl(town.id, 'requests'));
      expect(d.count, who).toBe(4);
      expect(JSON.stringify(d), who).not.toContain(NAME);
      expect(d.rows.every((r) => !('applicantName' in r)), who).toBe(true);
    }
    for (const metric of ['requests', 'requests-overdue', 'feedback', 'feedback-overdue']) {
      const text = JSON.stringify(await ok<Drill>(c.handler!, 'get', drillUrl(town.id, metric)));
      for (const secret of [ID_NUMBER, PHONE, CONTACT]) expect(text, metric).not.toContain(secret);
    }
  });

  it('refuses what the dashboard refuses (403), and bad figures or keys (400)', async () => {
    for (const who of ['outsider', 'countyDrafter']) {
      for (const metric of ['published', 'requests', 'feedback', 'ontime']) expect((await c[who]!.get(drillUrl(town.id, metric))).statusCode, `${who} ${metric}`).toBe(403);
    }
    expect((await c.townAdmin!.get(drillUrl(county.id, 'published'))).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: drillUrl(town.id, 'published') })).statusCode).toBe(401);
    for (const [metric, key] of [['nothing', undefined], ['published', '13'], ['published', '03'], ['published-area', undefined], ['requests-state', 'nope'], ['feedback-kind', undefined], ['ontime', 'soon']] as const) {
      const res = await c.handler!.get(drillUrl(town.id, metric, key));
      expect(res.statusCode, `${metric} ${key ?? ''}`).toBe(400);
    }
  });
});

async function readWorkbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

/** A row with empty cells as null and the trailing empty cells left out (how a sheet reads back). */
function trim(r: unknown[]): unknown[] {
  const x = Array.from(r, (y) => (y === undefined ? null : y));
  while (x.length && x[x.length - 1] === null) x.pop();
  return x;
}

/** The data rows of a sheet (from row 3: row 1 is the title, row 2 the headers). */
function sheetRows(wb: ExcelJS.Workbook, name: string): unknown[][] {
  const ws = wb.getWorksheet(name);
  expect(ws, name).toBeTruthy();
  const out: unknown[][] = [];
  ws!.eachRow((row, n) => {
    if (n > 2) out.push(trim((row.values as unknown[]).slice(1)));
  });
  return out;
}

describe('XLSX export', () => {
  it('writes the agency dashboard: title row, Chinese headers, the same numbers as the JSON', async () => {
    const d = await ok<Dashboard>(c.handler!, 'get', `/api/dashboard?agencyId=${town.id}&year=2025`);
    const res = await c.handler!.get(`/api/dashboard.xlsx?agencyId=${town.id}&year=2025`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('看板乡人民政府2025年数据看板.xlsx');
    const wb = await readWorkbook(res.rawPayload);
    const months = wb.getWorksheet('每月发布信息数')!;
    expect(String(months.getCell('A1').value)).toMatch(/^看板乡人民政府 2025年数据看板（生成时间 2025-12-15 10:00）$/);
    expect(months.getRow(2).values).toEqual([undefined, '月份', '发布条数']);
    expect(sheetRows(wb, '每月发布信息数')).toEqual(d.published.months.map((m) => [`${m.month}月`, m.count]));
    expect(sheetRows(wb, '按目录领域发布信息数')).toEqual(d.published.areas.map((a) => [a.areaName, a.count]));
    expect(sheetRows(wb, '目录更新时限')).toEqual([
      ...d.onTime.areas.map((a) => [a.areaName, a.onTime, a.late, a.overdue, a.due, a.rate]),
      ['全单位合计', d.onTime.onTime, d.onTime.late, d.onTime.overdue, d.onTime.due, d.onTime.rate],
    ].map(trim));
    expect(wb.getWorksheet('目录更新时限')!.getColumn(6).numFmt).toBe('0.0%');
    // Something is owed in 2025, so the rate column holds a number (0 when nothing came on time).
    expect(typeof d.onTime.rate).toBe('number');
    expect(sheetRows(wb, '依申请公开办理状态')).toEqual(d.requests.byState.map((s) => [s.name, s.count]));
    expect(sheetRows(wb, '依申请公开办理结果')).toEqual(d.requests.byOutcome.map((s) => [s.name, s.count]));
    expect(sheetRows(wb, '逾期未答复的申请')).toEqual(d.requests.overdue.map((r) => [r.trackingNo, r.stateName, r.receivedOn, r.dueOn]));
    expect(sheetRows(wb, '留言类型')).toEqual(d.feedback.byKind.map((k) => [k.name, k.count]));
    expect(sheetRows(wb, '留言状态')).toEqual(d.feedback.byStatus.map((k) => [k.name, k.count]));
    expect(sheetRows(wb, '逾期未答复的留言')).toEqual(d.feedback.overdue.map((r) => [r.kindName, r.receivedOn, r.dueOn, r.excerpt]));
    const key = new Map(sheetRows(wb, '关键指标').map((r) => [r[0], r[1] ?? null]));
    expect(key.get('本年发布信息（条）')).toBe(d.published.total);
    expect(key.get('按时公开率')).toBe(d.onTime.rate);
    expect(key.get('依申请公开收件（件）')).toBe(4);
    expect(key.get('逾期未答复申请（件）')).toBe(1);
    expect(key.get('留言按期答复率')).toBe(0.5);
    expect(key.get('满意度（5分制）')).toBe(3);
    expect(wb.getWorksheet('关键指标')!.getCell('B14').numFmt).toBe('0.0%');
    // Numbers are numbers, never the applicant nor the contact.
    expect(typeof sheetRows(wb, '留言状态')[0]![1]).toBe('number');
    const all = wb.worksheets.map((ws) => ws.getSheetValues().flat(2).join('|')).join('|');
    for (const secret of [NAME, ID_NUMBER, PHONE, CONTACT]) expect(all).not.toContain(secret);
  });

  it('writes the county view with one row per visible agency, and refuses as the dashboards do', async () => {
    const v = await ok<{ year: number; agencies: CountyRow[] }>(c.countyAdmin!, 'get', '/api/dashboard/county?year=2025');
    const res = await c.countyAdmin!.get('/api/dashboard/county.xlsx?year=2025');
    expect(res.statusCode).toBe(200);
    const wb = await readWorkbook(res.rawPayload);
    const ws = wb.getWorksheet('各单位关键指标')!;
    expect(String(ws.getCell('A1').value)).toContain('县级数据看板 2025年（生成时间 2025-12-15 10:00）');
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['单位', '发布信息', '按时公开率', '逾期未公开', '申请收件', '申请办理中', '逾期未答复申请', '收到留言', '已答复留言', '留言按期答复率', '逾期未答复留言', '满意度']);
    const expected = v.agencies.map((a) =>
      [a.name, a.published, a.onTimeRate, a.publicationsOverdue, a.requests, a.requestsOpen, a.requestsOverdue, a.feedback, a.feedbackAnswered, a.feedbackOnTimeRate, a.feedbackOverdue, a.averageRating],
    );
    expect(sheetRows(wb, '各单位关键指标')).toEqual(expected.map(trim));
    expect(sheetRows(wb, '各单位关键指标')).toHaveLength(2);

    expect((await c.outsider!.get(`/api/dashboard.xlsx?agencyId=${town.id}&year=2025`)).statusCode).toBe(403);
    expect((await c.countyDrafter!.get(`/api/dashboard.xlsx?agencyId=${town.id}&year=2025`)).statusCode).toBe(403);
    expect((await c.handler!.get('/api/dashboard/county.xlsx?year=2025')).statusCode).toBe(403);
  });
});
