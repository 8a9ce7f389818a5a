/**
 * 公示期 (noticeStartsOn / noticeEndsOn) through the editor API and the versions: saved and
 * returned, refused with Chinese field messages (end before start, one end only, an impossible
 * date, a non-主动公开 item), cleared when the item leaves 主动公开, snapshotted into each
 * published version (a correction changes the new version only) and shown on the portal.
 * Runs on PGlite and on PostgreSQL (GONGKAI_TEST_DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildUser, testPassword } from '../../../test/factories.ts';
import { listColumns, type Agency } from '../agencies/index.ts';
import { sql } from 'drizzle-orm';

let t: TestContext;
let agency: Agency;
let columnId: string;
let drafter: Client;
let reviewer: Client;
let admin: Client;

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  columnId = (await listColumns(t.ctx.db, agency.id)).find((c) => c.slug === 'shjz')!.id;
  const keys = agency.reviewChain.map((s) => s.key);
  const d = await buildUser(t.ctx, { agency, roles: ['drafter'] });
  const r = await buildUser(t.ctx, { agency, roles: ['reviewer'], steps: keys });
  const a = await buildUser(t.ctx, { agency, roles: ['admin'] });
  drafter = await login(t.app, d.username, testPassword);
  reviewer = await login(t.app, r.username, testPassword);
  admin = await login(t.app, a.username, testPassword);
});
afterAll(() => t.close());

interface Detail {
  document: { id: string; lockVersion: number; noticeStartsOn: string | null; noticeEndsOn: string | null; chain: { checklist: string[] }[] | null; currentStep: { index: number } | null; status: string };
  versions: { version: number; noticeStartsOn: string | null; noticeEndsOn: string | null }[];
}

const body = (over: Record<string, unknown> = {}) => ({
  agencyId: agency.id,
  title: '关于2026年度农村低保对象拟认定名单的公示',
  columnId,
  disclosure: 'proactive',
  bodyHtml: '<p>经村民代表评议、乡政府审核，现将拟认定名单予以公示。</p>',
  noticeStartsOn: '2026-11-20',
  noticeEndsOn: '2026-11-27',
  ...over,
});

async function detail(id: string): Promise<Detail> {
  const res = await drafter.get(`/api/documents/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function patch(id: string, fields: Record<string, unknown>) {
  return drafter.patch(`/api/documents/${id}`, { lockVersion: (await detail(id)).document.lockVersion, ...fields });
}

async function publish(id: string, changeNote?: string): Promise<void> {
  const sub = await drafter.post(`/api/documents/${id}/submit`, { lockVersion: (await detail(id)).document.lockVersion, ...(changeNote ? { changeNote } : {}) });
  expect(sub.statusCode, sub.body).toBe(200);
  for (;;) {
    const d = await detail(id);
    if (d.document.status === 'published') return;
    const step = d.document.chain![d.document.currentStep!.index]!;
    const res = await reviewer.post(`/api/documents/${id}/approve`, { lockVersion: d.document.lockVersion, checklist: step.checklist });
    expect(res.statusCode, res.body).toBe(200);
  }
}

describe('公示期 in the editor API', () => {
  let id: string;

  it('is saved on create and returned by the detail', async () => {
    const res = await drafter.post('/api/documents', body());
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().document.id;
    expect(res.json().document).toMatchObject({ noticeStartsOn: '2026-11-20', noticeEndsOn: '2026-11-27' });
    expect((await detail(id)).document).toMatchObject({ noticeStartsOn: '2026-11-20', noticeEndsOn: '2026-11-27' });
  });

  it('refuses an end before the start, one end only, an impossible date and a non-主动公开 item, in Chinese', async () => {
    const before = await patch(id, { noticeEndsOn: '2026-11-19' });
    expect(before.statusCode).toBe(400);
    expect(before.json().details.fields.noticeEndsOn).toBe('公示期结束日期不能早于开始日期');
    expect(before.json().message).toContain('公示期结束日期不能早于开始日期');

    const oneEnd = await patch(id, { noticeEndsOn: null });
    expect(oneEnd.statusCode).toBe(400);
    expect(oneEnd.json().details.fields.noticeEndsOn).toContain('请填写公示期的结束日期');

    const impossible = await patch(id, { noticeEndsOn: '2026-02-30' });
    expect(impossible.statusCode).toBe(400);
    expect(JSON.stringify(impossible.json().details.fields)).toContain('公示期结束日期不是有效的日期');

    const request = await drafter.post('/api/documents', body({ disclosure: 'request', disclosureGround: 'art16_2' }));
    expect(request.statusCode).toBe(400);
    expect(request.json().details.fields.noticeStartsOn).toBe('只有主动公开的信息可以设置公示期');

    // Nothing of the refused edits was stored; a one-day period (start = end) is fine.
    expect((await detail(id)).document).toMatchObject({ noticeStartsOn: '2026-11-20', noticeEndsOn: '2026-11-27' });
    const oneDay = await patch(id, { noticeEndsOn: '2026-11-20' });
    expect(oneDay.statusCode, oneDay.body).toBe(200);
    expect(oneDay.json().document.noticeEndsOn).toBe('2026-11-20');
  });

  it('is audited and cleared when the item leaves 主动公开', async () => {
    const rows = (await t.ctx.db.execute(sql`select before, after from audit_log where entity_id = ${id} and action = 'document.update' order by id`)) as unknown as { rows: { before: Record<string, unknown>; after: Record<string, unknown> }[] };
    expect(rows.rows.at(-1)).toMatchObject({ before: { noticeEndsOn: '2026-11-27' }, after: { noticeEndsOn: '2026-11-20' } });
    const created = await drafter.post('/api/documents', body());
    const other = created.json().document.id as string;
    const res = await patch(other, { disclosure: 'request', disclosureGround: 'art16_2' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().document).toMatchObject({ disclosure: 'request', noticeStartsOn: null, noticeEndsOn: null });
  });
});

describe('公示期 in published versions', () => {
  it('is snapshotted per version: a correction changes the new version only; the portal shows each', async () => {
    const created = await drafter.post('/api/documents', body({ title: '关于危房改造补助对象的公示' }));
    const id = created.json().document.id as string;
    await publish(id);
    let d = await detail(id);
    expect(d.versions).toEqual([expect.objectContaining({ version: 1, noticeStartsOn: '2026-11-20', noticeEndsOn: '2026-11-27' })]);

    const correct = await admin.post(`/api/documents/${id}/correct`, { lockVersion: d.document.lockVersion });
    expect(correct.statusCode, correct.body).toBe(200);
    expect((await patch(id, { noticeStartsOn: '2026-11-22', noticeEndsOn: '2026-11-29' })).statusCode).toBe(200);
    await publish(id, '公示期顺延两天');
    d = await detail(id);
    expect(d.versions.map((v) => [v.version, v.noticeStartsOn, v.noticeEndsOn])).toEqual([
      [2, '2026-11-22', '2026-11-29'],
      [1, '2026-11-20', '2026-11-27'],
    ]);

    const live = await t.app.inject({ method: 'GET', url: `/info/${id}`, headers: { host: 'gk.example.gov.cn' } });
    expect(live.body).toMatch(/<th scope="row">公示期<\/th><td>2026年11月22日至2026年11月29日<\/td>/);
    const old = await t.app.inject({ method: 'GET', url: `/info/${id}/v/1`, headers: { host: 'gk.example.gov.cn' } });
    expect(old.body).toContain('2026年11月20日至2026年11月27日');
    const api = await t.app.inject({ method: 'GET', url: `/api/public/items/${id}`, headers: { host: 'gk.example.gov.cn' } });
    expect(api.json()).toMatchObject({ noticeStartsOn: '2026-11-22', noticeEndsOn: '2026-11-29' });
  });
});
