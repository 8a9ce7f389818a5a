/**
 * Backfill of items published before enforcement: the unlinked list with column-default
 * suggestions, linking (document + versions, audit, ledger, portal ?ml=), refusals that write
 * nothing, and `gongkai catalog backfill` on an open installation. PGlite and PostgreSQL.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildPublishedItem, buildUser, testPassword } from '../../../test/factories.ts';
import { listColumns, type Agency } from '../agencies/index.ts';
import { chinaYear } from '../../lib/clock.ts';
import { backfillLocally } from '../../cli/catalog-backfill.command.ts';
import { publishDirectCorrection, setDocumentCatalogItem } from '../publishing/index.ts';

interface Area {
  id: string;
  name: string;
  items: Array<{ id: string; level1: string; level2: string }>;
}
interface Unlinked {
  documentId: string;
  title: string;
  columnSlug: string;
  columnName: string;
  publishedAt: string;
  suggestion: { id: string; areaName: string; level1: string; level2: string } | null;
}

let t: TestContext;
let agency: Agency;
let other: Agency;
const c: Record<string, Client> = {};
const docs: Record<string, string> = {};
let areas: Area[];
let otherAreas: Area[];

/** Makes a published item look like one published before enforcement: no catalog link anywhere. */
async function unlink(documentId: string): Promise<void> {
  await t.ctx.db.execute(sql`update documents set catalog_item_id = null where id = ${documentId}`);
  await t.ctx.db.execute(sql`update document_versions set catalog_item_id = null where document_id = ${documentId}`);
}
async function legacy(a: Agency, columnSlug: string, title: string): Promise<string> {
  const { documentId } = await buildPublishedItem(t.ctx, { agency: a, columnSlug, title });
  await unlink(documentId);
  return documentId;
}
async function links(documentId: string): Promise<{ doc: string | null; versions: Array<string | null> }> {
  const d = await t.ctx.db.execute(sql`select catalog_item_id from documents where id = ${documentId}`);
  const v = await t.ctx.db.execute(sql`select catalog_item_id from document_versions where document_id = ${documentId} order by version`);
  const rows = (r: unknown) => ((r as { rows: Array<{ catalog_item_id: string | null }> }).rows ?? []).map((x) => x.catalog_item_id);
  return { doc: rows(d)[0] ?? null, versions: rows(v) };
}
async function auditCount(action: string): Promise<number> {
  const r = await t.ctx.db.execute(sql`select count(*)::int as n from audit_log where action = ${action}`);
  return (r as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
}
const item = (list: Area[], area: string, level1: string) => list.find((a) => a.name === area)!.items.find((i) => i.level1 === level1)!;
const portal = (url: string) => t.app.inject({ method: 'GET', url, headers: { host: 'gk.example.gov.cn' } });

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  other = await buildAgency(t.ctx);
  for (const [name, opts] of Object.entries({
    admin: { agency, roles: ['admin'] },
    drafter: { agency, roles: ['drafter'] },
    reviewer: { agency, roles: ['reviewer'], steps: ['first'] },
    supervisor: { globalRole: 'supervisor' },
    otherAdmin: { agency: other, roles: ['admin'] },
  } as Record<string, Parameters<typeof buildUser>[1]>)) {
    const u = await buildUser(t.ctx, opts);
    c[name] = await login(t.app, u.username, testPassword);
  }
  docs.check = await legacy(agency, 'jdjc', '曲尺乡安全生产检查情况通报');
  docs.relief = await legacy(agency, 'shjz', '十月低保资金发放公示');
  docs.stats = await legacy(agency, 'tjxx', '上半年主要经济指标');
  docs.withdrawn = await legacy(agency, 'qtxx', '已撤回的旧信息');
  docs.linked = (await buildPublishedItem(t.ctx, { agency, columnSlug: 'qtxx', title: '启用校验后发布的信息' })).documentId;
  docs.foreign = await legacy(other, 'shjz', '其他单位的旧信息');
  areas = (await c.admin!.get(`/api/catalog?agencyId=${agency.id}`)).json().areas;
  otherAreas = (await c.otherAdmin!.get(`/api/catalog?agencyId=${other.id}`)).json().areas;
  // The agency deleted 统计信息 (now referenced by nothing): its column has no suggestion.
  expect((await c.admin!.request('DELETE', `/api/catalog/items/${item(areas, '机构与政务公开工作', '统计信息').id}`)).statusCode).toBe(204);
  const w = (await c.admin!.get(`/api/documents/${docs.withdrawn}`)).json().document;
  const withdrawn = await c.admin!.post(`/api/documents/${docs.withdrawn}/withdraw`, { lockVersion: w.lockVersion, reason: '内容已过时' });
  expect(withdrawn.statusCode, withdrawn.body).toBe(200);
});
afterAll(() => t.close());

async function list(client: Client, query = ''): Promise<{ items: Unlinked[]; total: number; withSuggestion: number }> {
  const res = await client.get(`/api/catalog/unlinked?agencyId=${agency.id}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('GET /api/catalog/unlinked', () => {
  it('lists the live 主动公开 items without a catalog item, each with its column default as suggestion', async () => {
    const r = await list(c.admin!);
    expect(r.items.map((i) => i.title).sort()).toEqual(['上半年主要经济指标', '十月低保资金发放公示', '曲尺乡安全生产检查情况通报'].sort());
    expect(r.total).toBe(3);
    expect(r.withSuggestion).toBe(2);
    const byTitle = new Map(r.items.map((i) => [i.title, i]));
    expect(byTitle.get('十月低保资金发放公示')).toMatchObject({ columnSlug: 'shjz', suggestion: { id: item(areas, '社会救助', '最低生活保障').id, areaName: '社会救助', level2: '低保对象与资金' } });
    expect(byTitle.get('曲尺乡安全生产检查情况通报')!.suggestion!.id).toBe(item(areas, '安全生产', '安全生产监管').id);
    expect(byTitle.get('上半年主要经济指标')!.suggestion).toBeNull();
    expect(byTitle.get('上半年主要经济指标')!.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('filters by column and pages', async () => {
    const shjz = (await listColumns(t.ctx.db, agency.id)).find((x) => x.slug === 'shjz')!;
    const r = await list(c.admin!, `&columnId=${shjz.id}`);
    expect(r.items.map((i) => i.title)).toEqual(['十月低保资金发放公示']);
    const p2 = await list(c.admin!, '&page=2&pageSize=2');
    expect(p2.items).toHaveLength(1);
    expect(p2.total).toBe(3);
  });

  it('drafters and reviewers of the agency read; a supervisor is refused (403), an outsider sees nothing (404)', async () => {
    expect((await list(c.drafter!)).total).toBe(3);
    expect((await list(c.reviewer!)).total).toBe(3);
    expect((await c.supervisor!.get(`/api/catalog/unlinked?agencyId=${agency.id}`)).statusCode).toBe(403);
    expect((await c.otherAdmin!.get(`/api/catalog/unlinked?agencyId=${agency.id}`)).statusCode).toBe(404);
    expect((await c.admin!.get('/api/catalog/unlinked?agencyId=nope')).statusCode).toBe(400);
  });
});

describe('POST /api/catalog/link refusals write nothing', () => {
  const relief = () => item(areas, '社会救助', '最低生活保障').id;

  it('only the agency admin links', async () => {
    const body = { agencyId: agency.id, links: [{ documentId: docs.relief, catalogItemId: relief() }] };
    expect((await c.drafter!.post('/api/catalog/link', body)).statusCode).toBe(403);
    expect((await c.otherAdmin!.post('/api/catalog/link', body)).statusCode).toBe(404);
    expect((await links(docs.relief!)).doc).toBeNull();
  });

  it("another agency's document or item, unknown ids, a withdrawn item: 422 naming the rows", async () => {
    const before = await auditCount('catalog.link');
    const res = await c.admin!.post('/api/catalog/link', {
      agencyId: agency.id,
      links: [
        { documentId: docs.relief, catalogItemId: relief() },
        { documentId: docs.foreign, catalogItemId: relief() },
        { documentId: docs.check, catalogItemId: item(otherAreas, '安全生产', '安全生产监管').id },
        { documentId: '00000000-0000-4000-8000-000000000000', catalogItemId: relief() },
        { documentId: docs.stats, catalogItemId: '00000000-0000-4000-8000-000000000000' },
        { documentId: docs.withdrawn, catalogItemId: relief() },
      ],
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().reason ?? res.json().code).toBeTruthy();
    const errors = res.json().details.errors as Array<{ row: number; message: string }>;
    expect(errors.map((e) => e.row)).toEqual([2, 3, 4, 5, 6]);
    expect(errors[0]!.message).toBe('第2行：信息不存在或不属于本单位');
    expect(errors[1]!.message).toBe('第3行：目录事项不存在或不属于本单位');
    expect(errors[4]!.message).toContain('未发布或已撤回');
    expect(res.json().message).toContain('未做任何修改');
    // Row 1 was fine, but nothing was written.
    expect(await links(docs.relief!)).toEqual({ doc: null, versions: [null] });
    expect(await auditCount('catalog.link')).toBe(before);
  });

  it('a document linked meanwhile is not relinked: 422 for its row, the other rows not written', async () => {
    const seen = await list(c.admin!);
    const check = seen.items.find((i) => i.documentId === docs.check)!;
    const stats = seen.items.find((i) => i.documentId === docs.stats)!;
    // Someone links the 安全检查 item to 其他法定公开信息 after the list was read …
    const otherItem = item(areas, '机构与政务公开工作', '其他法定公开信息').id;
    expect((await c.admin!.post('/api/catalog/link', { agencyId: agency.id, links: [{ documentId: docs.check, catalogItemId: otherItem }] })).statusCode).toBe(200);
    // … then the stale selection arrives.
    const res = await c.admin!.post('/api/catalog/link', {
      agencyId: agency.id,
      links: [
        { documentId: stats.documentId, catalogItemId: otherItem },
        { documentId: check.documentId, catalogItemId: check.suggestion!.id },
      ],
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().details.errors[0]).toMatchObject({ row: 2, message: expect.stringContaining('已归入目录事项「机构与政务公开工作 / 其他法定公开信息 / 其他信息」') });
    expect((await links(docs.check!)).doc).toBe(otherItem);
    expect((await links(docs.stats!)).doc).toBeNull();
    // The guarded write itself refuses a document whose link is no longer what the caller saw.
    expect(await setDocumentCatalogItem(t.ctx.db, docs.check!, agency.id, null, check.suggestion!.id)).toBe(false);
    expect((await links(docs.check!)).doc).toBe(otherItem);
    // Relinking works when the caller names the current link.
    const relink = await c.admin!.post('/api/catalog/link', { agencyId: agency.id, links: [{ documentId: docs.check, catalogItemId: check.suggestion!.id, expectedCatalogItemId: otherItem }] });
    expect(relink.statusCode, relink.body).toBe(200);
    expect(await links(docs.check!)).toEqual({ doc: check.suggestion!.id, versions: [check.suggestion!.id] });
  });
});

describe('linking', () => {
  it('sets the document and its versions, audits each, and the ledger and the portal ?ml= list include it', async () => {
    const relief = item(areas, '社会救助', '最低生活保障').id;
    const ml = `/gk/${agency.slug}/fdzdgknr/?ml=${relief}`;
    const beforePage = await portal(ml);
    expect(beforePage.statusCode).toBe(200);
    expect(beforePage.body).not.toContain('十月低保资金发放公示');
    const before = await auditCount('catalog.link');
    const res = await c.admin!.post('/api/catalog/link', { agencyId: agency.id, links: [{ documentId: docs.relief, catalogItemId: relief }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().result).toEqual({ linked: 1 });
    expect(await links(docs.relief!)).toEqual({ doc: relief, versions: [relief] });
    expect(await auditCount('catalog.link')).toBe(before + 1);
    expect((await c.admin!.get(`/api/documents/${docs.relief}`)).json().document.catalogItemId).toBe(relief);
    // The cached portal page was dropped.
    expect((await portal(ml)).body).toContain('十月低保资金发放公示');
    // The ledger counts it (安全检查, linked above, is an event-driven item).
    const ledger = (await c.admin!.get(`/api/catalog/ledger?agencyId=${agency.id}&year=${chinaYear(new Date())}`)).json().ledger;
    const check = ledger.rows.find((r: { itemId: string }) => r.itemId === item(areas, '安全生产', '安全生产监管').id);
    expect(check.entries.map((e: { documentId: string }) => e.documentId)).toContain(docs.check);
    // Only the item without a suggestion is left.
    const left = await list(c.admin!);
    expect(left.items.map((i) => i.title)).toEqual(['上半年主要经济指标']);
  });
});

describe('versions (decision: classification metadata, not content)', () => {
  it('the live version always gets the item, older versions only where they recorded none', async () => {
    const by = (await buildUser(t.ctx, { globalRole: 'sysadmin' })).id;
    const { documentId } = await buildPublishedItem(t.ctx, { agency, columnSlug: 'qtxx', title: '三次更正的旧信息' });
    for (const n of [2, 3]) await t.ctx.db.transaction((tx) => publishDirectCorrection(t.ctx, tx, { documentId, title: '三次更正的旧信息', bodyHtml: `<p>第${n}版</p>`, changeNote: '更正', by }));
    const recorded = item(areas, '机构与政务公开工作', '其他法定公开信息').id;
    // Version 1 recorded an item; versions 2 and 3 and the working copy did not.
    await t.ctx.db.execute(sql`update documents set catalog_item_id = null where id = ${documentId}`);
    await t.ctx.db.execute(sql`update document_versions set catalog_item_id = null where document_id = ${documentId} and version > 1`);
    expect(await links(documentId)).toEqual({ doc: null, versions: [recorded, null, null] });
    const target = item(areas, '社会救助', '临时救助').id;
    const res = await c.admin!.post('/api/catalog/link', { agencyId: agency.id, links: [{ documentId, catalogItemId: target }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(await links(documentId)).toEqual({ doc: target, versions: [recorded, target, target] });
  });
});

describe('gongkai catalog backfill (open installation)', () => {
  it('dry run prints what the column default would link and what has none; --apply links those; exit 1 while some remain', async () => {
    const a = await buildAgency(t.ctx, { name: '补登测试镇人民政府' });
    const low = await legacy(a, 'shjz', '十一月低保资金发放公示');
    const misc = await legacy(a, 'gwyzk', '公务员招考公告');
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) };
    // Delete the default of gwyzk (其他法定公开信息) so that one has no suggestion.
    const aAdmin = await buildUser(t.ctx, { agency: a, roles: ['admin'] });
    const client = await login(t.app, aAdmin.username, testPassword);
    const aAreas: Area[] = (await client.get(`/api/catalog?agencyId=${a.id}`)).json().areas;
    expect((await client.request('DELETE', `/api/catalog/items/${item(aAreas, '机构与政务公开工作', '其他法定公开信息').id}`)).statusCode).toBe(204);

    expect(await backfillLocally(t.ctx, { agency: a.slug, apply: false }, io)).toBe(1);
    const dry = out.join('');
    expect(dry).toContain('未归入目录的主动公开信息 2 条');
    expect(dry).toMatch(/按栏目默认可归入 1 条：\n.*十一月低保资金发放公示.*→ 社会救助 \/ 最低生活保障 \/ 低保对象与资金/);
    expect(dry).toMatch(/无建议事项 1 条[^\n]*\n.*公务员招考公告/);
    expect(dry).toContain('以上为试运行，未做任何修改');
    expect((await links(low)).doc).toBeNull();

    out.length = 0;
    expect(await backfillLocally(t.ctx, { agency: a.slug, apply: true }, io)).toBe(1);
    expect(out.join('')).toContain('已归入 1 条');
    expect(out.join('')).toContain('仍有 1 条无建议事项');
    const lowItem = item(aAreas, '社会救助', '最低生活保障').id;
    expect(await links(low)).toEqual({ doc: lowItem, versions: [lowItem] });
    expect((await links(misc)).doc).toBeNull();
    const audit = await t.ctx.db.execute(sql`select after from audit_log where action = 'catalog.link' and entity_id = ${low}`);
    expect((audit as unknown as { rows: Array<{ after: { via: string } }> }).rows[0]!.after.via).toBe('cli');

    // Once the admin links the rest, the backfill finds nothing: exit 0.
    const aItem = item(aAreas, '社会救助', '特困人员供养').id;
    expect((await client.post('/api/catalog/link', { agencyId: a.id, links: [{ documentId: misc, catalogItemId: aItem }] })).statusCode).toBe(200);
    out.length = 0;
    expect(await backfillLocally(t.ctx, { agency: a.slug, apply: false }, io)).toBe(0);
    expect(out.join('')).toContain('没有未归入目录的主动公开信息');
    expect(await backfillLocally(t.ctx, { agency: 'nowhere', apply: false }, io)).toBe(2);
    expect(err.join('')).toContain('单位 nowhere 不存在');
  });
});
