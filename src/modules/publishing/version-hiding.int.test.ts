/**
 * A superseded version hidden from the public (PGlite, or PostgreSQL with
 * GONGKAI_TEST_DATABASE_URL): an item whose body leaked an ID number is corrected through the
 * sweep's 更正脱敏, masked, and republished; the old version then answers 410 without the ID,
 * leaves the history, search and the public API; an agency admin hides any superseded version.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency } from '../../../test/factories.ts';
import { createStaff, reviewChain, type StaffSpec } from '../../../test/support/staff.ts';
import { listColumns, type Agency } from '../agencies/index.ts';
import { id } from '../privacy/testing/files.ts';
import { documentTokens } from '../search/index.ts';
import { createPublishedItem, publishDirectCorrection } from './index.ts';

let t: TestContext;
let agency: Agency;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const proofreading = ['文字', '数据', '格式', '政治把关', '时效'];
const privacyPoints = ['身份证号', '联系电话', '家庭住址', '银行账户', '其他个人信息'];
const host = { host: 'gk.example.gov.cn' };
const portal = (url: string) => t.app.inject({ method: 'GET', url, headers: host });

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  const other = await buildAgency(t.ctx);
  const users: StaffSpec = {
    ...reviewChain(agency),
    outsider: { agency: other, roles: ['admin'] },
  };
  await createStaff(t, users, { ids, clients: c });
});
afterAll(() => t.close());

const leafSlug = async () => {
  const cols = await listColumns(t.ctx.db, agency.id);
  return (cols.find((x) => x.slug === 'shjz') ?? cols[0]!).slug;
};
const lock = async (docId: string) => (await c.admin!.get(`/api/documents/${docId}`)).json().document.lockVersion as number;
const approve = async (docId: string, who: string) =>
  c[who]!.post(`/api/documents/${docId}/approve`, { lockVersion: await lock(docId), checklist: who === 'privacy' ? privacyPoints : proofreading });

/**
 * An item published before the privacy gate existed, its body (and search index) holding an ID
 * number: published clean, then the stored version rewritten as the old platform had it.
 */
async function publishLegacy(title: string): Promise<string> {
  const { documentId } = await createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: await leafSlug(), title, bodyHtml: '<p>申请人情况见下。</p>', createdBy: ids.drafter! });
  const bodyHtml = `<p>申请人：王五，身份证号码：${id}，经审核符合条件。</p>`;
  const bodyText = `申请人：王五，身份证号码：${id}，经审核符合条件。`;
  await t.ctx.db.execute(sql`update documents set body_html = ${bodyHtml} where id = ${documentId}`);
  await t.ctx.db.execute(sql`update document_versions set body_html = ${bodyHtml}, body_text = ${bodyText},
    search = setweight(to_tsvector('simple', ${documentTokens(title)}), 'A') || setweight(to_tsvector('simple', ${documentTokens(bodyText)}), 'B')
    where document_id = ${documentId}`);
  for (const fn of t.ctx.onPublicChange) fn();
  return documentId;
}

async function sweepReport(): Promise<{ runId: string; items: Array<{ id: string; documentId: string; document: { lockVersion: number } }> }> {
  const start = await c.admin!.post('/api/privacy/sweeps', { agencyId: agency.id });
  expect(start.statusCode, start.body).toBe(202);
  const runId = start.json().run.id as string;
  for (let i = 0; i < 600; i++) {
    const r = await c.admin!.get(`/api/privacy/sweeps/${runId}`);
    if (r.json().run.status !== 'running') return { runId, items: r.json().items };
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('sweep did not finish');
}

describe('更正脱敏 hides the superseded version', () => {
  let docId: string;

  it('serves the leaky version before the correction (the leak this closes)', async () => {
    docId = await publishLegacy('最低生活保障审批结果公示');
    const live = await portal(`/info/${docId}`);
    expect(live.statusCode).toBe(200);
    expect(live.body).toContain(id);
    const search = await portal(`/search?q=${id}`);
    expect(search.body).toContain('最低生活保障审批结果公示');
  });

  it('corrects through the sweep, masks the body, republishes: the old version is gone from the public', async () => {
    const { runId, items } = await sweepReport();
    const item = items.find((i) => i.documentId === docId)!;
    expect(item).toBeTruthy();
    const r = await c.admin!.post(`/api/privacy/sweeps/${runId}/items/${item.id}/correct`, { lockVersion: item.document.lockVersion });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ started: true });

    // The drafter masks the body in the correction draft and submits it with a 更正说明.
    const masked = await c.drafter!.post(`/api/documents/${docId}/privacy/mask-body`, { lockVersion: await lock(docId) });
    expect(masked.statusCode, masked.body).toBe(200);
    expect((await c.drafter!.post(`/api/documents/${docId}/submit`, { lockVersion: await lock(docId), changeNote: '隐去申请人身份证号码' })).statusCode).toBe(200);
    // Until the masked version is published the old one stays public (nothing hidden early).
    expect((await portal(`/info/${docId}/v/1`)).statusCode).toBe(200);
    for (const who of ['first', 'privacy', 'second', 'final']) {
      const a = await approve(docId, who);
      expect(a.statusCode, `${who}: ${a.body}`).toBe(200);
    }
    const detail = (await c.admin!.get(`/api/documents/${docId}`)).json();
    expect(detail.document).toMatchObject({ status: 'published', liveVersion: 2 });
    expect(detail.versions.map((v: { version: number; hidden: boolean }) => [v.version, v.hidden])).toEqual([
      [2, false],
      [1, true],
    ]);

    // Old version URL: 410, the notice, nothing of the ID.
    const old = await portal(`/info/${docId}/v/1`);
    expect(old.statusCode).toBe(410);
    expect(old.body).toContain('此版本因涉及个人信息已不再公开');
    expect(old.body).not.toContain(id);
    expect(old.body).not.toContain(id.slice(6, 14));
    const print = await portal(`/info/${docId}/print?v=1`);
    expect(print.statusCode).toBe(410);
    expect(print.body).not.toContain(id);

    // The live page: masked body, history lists only the new version.
    const live = await portal(`/info/${docId}`);
    expect(live.statusCode).toBe(200);
    expect(live.body).not.toContain(id);
    expect(live.body).not.toContain(`/info/${docId}/v/1`);
    const api = await portal(`/api/public/items/${docId}`);
    expect(api.statusCode).toBe(200);
    expect(api.json().versions.map((v: { version: number }) => v.version)).toEqual([2]);
    expect(api.body).not.toContain(id);

    // Search for the ID's digits finds nothing.
    const search = await portal(`/search?q=${id}`);
    expect(search.statusCode).toBe(200);
    expect(search.body).not.toContain('最低生活保障审批结果公示');
    const apiSearch = await portal(`/api/public/items?q=${id}`);
    expect(apiSearch.json().total).toBe(0);

    const audit = (await t.ctx.db.execute(sql`select action, after from audit_log where entity_id = ${docId} and action in ('document.startCorrection', 'document.hideVersions') order by at`)) as unknown as {
      rows: Array<{ action: string; after: Record<string, unknown> }>;
    };
    expect(audit.rows.map((a) => a.action)).toEqual(['document.startCorrection', 'document.hideVersions']);
    expect(audit.rows[0]!.after).toMatchObject({ forPrivacy: true });
    expect(audit.rows[1]!.after).toMatchObject({ hidden: [1], byCorrection: 2 });
  });
});

describe('a correction not started for privacy', () => {
  it('keeps the superseded version public', async () => {
    const { documentId } = await createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: await leafSlug(), title: '通知一则', bodyHtml: '<p>原文</p>', createdBy: ids.drafter! });
    await t.ctx.db.transaction((tx) => publishDirectCorrection(t.ctx, tx, { documentId, title: '通知一则', bodyHtml: '<p>改正的文字</p>', changeNote: '改正错字', by: ids.admin! }));
    for (const fn of t.ctx.onPublicChange) fn();
    expect((await portal(`/info/${documentId}/v/1`)).statusCode).toBe(200);
    // A direct correction for privacy hides it.
    await t.ctx.db.transaction((tx) =>
      publishDirectCorrection(t.ctx, tx, { documentId, title: '通知一则', bodyHtml: '<p>再次改正</p>', changeNote: '隐去个人信息', by: ids.admin!, forPrivacy: true }),
    );
    for (const fn of t.ctx.onPublicChange) fn();
    expect((await portal(`/info/${documentId}/v/1`)).statusCode).toBe(410);
    expect((await portal(`/info/${documentId}/v/2`)).statusCode).toBe(410);
    expect((await portal(`/info/${documentId}/v/3`)).statusCode).toBe(200);
  });
});

describe('an agency admin hides a superseded version', () => {
  it('with a reason, audited; not the live version; the cached page is invalidated', async () => {
    const { documentId } = await createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: await leafSlug(), title: '补助发放情况', bodyHtml: '<p>第一版</p>', createdBy: ids.drafter! });
    await t.ctx.db.transaction((tx) => publishDirectCorrection(t.ctx, tx, { documentId, title: '补助发放情况', bodyHtml: '<p>第二版</p>', changeNote: '更新数据', by: ids.admin! }));
    for (const fn of t.ctx.onPublicChange) fn();
    // Rendered (and cached) while still public.
    expect((await portal(`/info/${documentId}/v/1`)).statusCode).toBe(200);
    expect((await portal(`/info/${documentId}`)).body).toContain(`/info/${documentId}/v/1`);

    const url = `/api/documents/${documentId}/versions/1/hide`;
    expect((await c.drafter!.post(url, { reason: '含个人信息' })).statusCode).toBe(403);
    expect((await c.outsider!.post(url, { reason: '含个人信息' })).statusCode).toBe(404);
    expect((await c.admin!.post(url, { reason: '' })).statusCode).toBe(400);
    expect((await c.admin!.post(`/api/documents/${documentId}/versions/0/hide`, { reason: '含个人信息' })).statusCode).toBe(400);
    expect((await c.admin!.post(`/api/documents/${documentId}/versions/9/hide`, { reason: '含个人信息' })).statusCode).toBe(404);
    const current = await c.admin!.post(`/api/documents/${documentId}/versions/2/hide`, { reason: '含个人信息' });
    expect(current.statusCode).toBe(422);
    expect(current.json().message).toContain('当前公开的版本不能隐藏');

    const ok = await c.admin!.post(url, { reason: '第一版附表含申请人住址' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().versions.find((v: { version: number }) => v.version === 1)).toMatchObject({ hidden: true, hiddenReason: '第一版附表含申请人住址' });
    expect((await c.admin!.post(url, { reason: '再次隐藏' })).statusCode).toBe(409);

    const old = await portal(`/info/${documentId}/v/1`);
    expect(old.statusCode).toBe(410);
    expect(old.body).not.toContain('第一版');
    expect((await portal(`/info/${documentId}`)).body).not.toContain(`/info/${documentId}/v/1`);
    const audit = (await t.ctx.db.execute(sql`select after from audit_log where entity_id = ${documentId} and action = 'document.hideVersion'`)) as unknown as { rows: Array<{ after: unknown }> };
    expect(audit.rows.map((r) => r.after)).toEqual([{ version: 1, hidden: true, reason: '第一版附表含申请人住址' }]);
  });
});
