/**
 * Issue 6: every 主动公开 item belongs to a catalog item (default from its column, 422 without
 * one), and the ledger's 变更 (更正) and 政策解读 entries, through the real services.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildPublishedItem, buildUser, testPassword } from '../../../test/factories.ts';
import { listColumns, type Agency } from '../agencies/index.ts';
import { chinaYear } from '../../lib/clock.ts';
import { createPublishedItem, publishDirectCorrection } from '../publishing/index.ts';

interface Item {
  id: string;
  level1: string;
  level2: string;
}
interface Area {
  id: string;
  name: string;
  items: Item[];
}
interface Entry {
  kind: string;
  title: string;
  status: string;
  from: string;
  dueDate: string;
}

let t: TestContext;
let agency: Agency;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  for (const [name, opts] of Object.entries({
    admin: { agency, roles: ['admin'] },
    drafter: { agency, roles: ['drafter'] },
  } as Record<string, Parameters<typeof buildUser>[1]>)) {
    const u = await buildUser(t.ctx, opts);
    ids[name] = u.id;
    c[name] = await login(t.app, u.username, testPassword);
  }
});
afterAll(() => t.close());

async function catalog(): Promise<Area[]> {
  const res = await c.admin!.get(`/api/catalog?agencyId=${agency.id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().areas;
}
const find = (areas: Area[], area: string, level1: string) => areas.find((a) => a.name === area)!.items.find((i) => i.level1 === level1)!;
const columnId = async (slug: string) => (await listColumns(t.ctx.db, agency.id)).find((x) => x.slug === slug)!.id;

describe('enforcement: 主动公开 needs a 目录事项', () => {
  const body = async (over: Record<string, unknown> = {}) => ({
    agencyId: agency.id,
    title: '第三季度低保资金发放情况公示',
    columnId: await columnId('shjz'),
    disclosure: 'proactive',
    bodyHtml: '<p>公示如下。</p>',
    ...over,
  });

  it("a new draft starts with its column's catalog item", async () => {
    const res = await c.drafter!.post('/api/documents', await body());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().document.catalogItemId).toBe(find(await catalog(), '社会救助', '最低生活保障').id);
  });

  it('a draft without one cannot be submitted (422 naming 目录事项); choosing one lets it through', async () => {
    const res = await c.drafter!.post('/api/documents', await body({ catalogItemId: null }));
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json().document;
    expect(doc.catalogItemId).toBeNull();
    const refused = await c.drafter!.post(`/api/documents/${doc.id}/submit`, { lockVersion: doc.lockVersion });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('CATALOG_ITEM_REQUIRED');
    expect(refused.json().message).toContain('目录事项');
    expect(refused.json().details.fields).toHaveProperty('catalogItemId');
    const item = find(await catalog(), '社会救助', '临时救助');
    const patched = await c.drafter!.patch(`/api/documents/${doc.id}`, { lockVersion: doc.lockVersion, catalogItemId: item.id });
    expect(patched.statusCode, patched.body).toBe(200);
    const ok = await c.drafter!.post(`/api/documents/${doc.id}/submit`, { lockVersion: patched.json().document.lockVersion });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('依申请公开 drafts need none', async () => {
    const res = await c.drafter!.post('/api/documents', await body({ disclosure: 'request', disclosureGround: 'art16_2' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().document.catalogItemId).toBeNull();
  });

  it('direct publication takes the column default, and is refused when the agency deleted it', async () => {
    const { documentId } = await buildPublishedItem(t.ctx, { agency, columnSlug: 'qtxx' });
    const other = find(await catalog(), '机构与政务公开工作', '其他法定公开信息');
    const detail = await c.admin!.get(`/api/documents/${documentId}`);
    expect(detail.json().document.catalogItemId).toBe(other.id);
    const stats = find(await catalog(), '机构与政务公开工作', '统计信息');
    expect((await c.admin!.request('DELETE', `/api/catalog/items/${stats.id}`)).statusCode).toBe(204);
    await expect(createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: 'tjxx', title: '统计公报', bodyHtml: '<p>x</p>', createdBy: ids.admin! })).rejects.toMatchObject({ reason: 'CATALOG_ITEM_REQUIRED' });
  });
});

describe('ledger: corrections and 政策解读', () => {
  it('a direct correction is a change event; a started correction is pending until published', async () => {
    const item = find(await catalog(), '安全生产', '安全生产监管');
    const { documentId } = await createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: 'jdjc', catalogItemId: item.id, title: '安全检查情况', bodyHtml: '<p>一</p>', createdBy: ids.admin!, writtenOn: '2025-09-26', publishedAt: new Date('2025-10-09T10:00:00+08:00') });
    await t.ctx.db.transaction((tx) => publishDirectCorrection(t.ctx, tx, { documentId, title: '安全检查情况', bodyHtml: '<p>二</p>', changeNote: '更正数据', by: ids.admin!, at: new Date('2025-11-03T10:00:00+08:00') }));
    const detail = (await c.admin!.get(`/api/documents/${documentId}`)).json().document;
    const started = await c.admin!.post(`/api/documents/${documentId}/correct`, { lockVersion: detail.lockVersion });
    expect(started.statusCode, started.body).toBe(200);
    const res = await c.admin!.get(`/api/catalog/ledger?agencyId=${agency.id}&year=2025`);
    expect(res.statusCode, res.body).toBe(200);
    const row = res.json().ledger.rows.find((r: { itemId: string }) => r.itemId === item.id);
    const kinds = row.entries.map((e: Entry) => [e.kind, e.from, e.status]);
    expect(kinds).toContainEqual(['publication', '2025-09-26', 'on_time']);
    expect(kinds).toContainEqual(['correction', '2025-11-03', 'on_time']);
    // The correction started today is a 变更 of this year, pending until version 3 is published.
    const year = chinaYear(new Date());
    const now = (await c.admin!.get(`/api/catalog/ledger?agencyId=${agency.id}&year=${year}`)).json().ledger;
    const pending = now.rows.find((r: { itemId: string }) => r.itemId === item.id).entries.filter((e: Entry) => e.kind === 'correction' && e.status === 'due');
    expect(pending).toHaveLength(1);
  });

  it('a policy without its interpretation is 解读缺失; a linked interpretation clears it; rates per area and agency in the XLSX', async () => {
    const policyItem = find(await catalog(), '机构与政务公开工作', '政策文件');
    const policy = { agencyId: agency.id, columnSlug: 'gfxwj', bodyHtml: '<p>办法全文</p>', createdBy: ids.admin!, docType: 'normative' as const, validity: 'valid' as const, effectiveOn: '2025-10-01' };
    await createPublishedItem(t.ctx, { ...policy, title: '某某管理办法', writtenOn: '2025-09-15', publishedAt: new Date('2025-09-30T10:00:00+08:00') });
    const other = await createPublishedItem(t.ctx, { ...policy, title: '另一管理办法', writtenOn: '2025-09-15', publishedAt: new Date('2025-09-30T10:00:00+08:00') });
    await createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: 'gfxwj', bodyHtml: '<p>解读</p>', createdBy: ids.admin!, title: '《另一管理办法》政策解读', interpretsId: other.documentId, publishedAt: new Date('2025-10-14T10:00:00+08:00') });
    const ledger = (await c.admin!.get(`/api/catalog/ledger?agencyId=${agency.id}&year=2025`)).json().ledger;
    const row = ledger.rows.find((r: { itemId: string }) => r.itemId === policyItem.id);
    const interp = row.entries.filter((e: Entry) => e.kind === 'interpretation').map((e: Entry) => [e.title, e.dueDate, e.status]).sort();
    expect(interp).toEqual([
      ['另一管理办法（解读）', '2025-10-14', 'on_time'],
      ['某某管理办法（解读）', '2025-10-14', 'overdue'],
    ].sort());
    expect(row.status).toBe('overdue');
    const area = ledger.areas.find((a: { areaName: string }) => a.areaName === '机构与政务公开工作');
    expect(area.onTimeRate).toBeGreaterThan(0);
    expect(area.onTimeRate).toBeLessThan(1);
    expect(ledger.total.onTimeRate).not.toBeNull();
    const xlsx = await c.admin!.get(`/api/catalog/ledger.xlsx?agencyId=${agency.id}&year=2025`);
    expect(xlsx.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = (name: string) => wb.getWorksheet(name)!.getSheetValues().flat().map(String);
    expect(cells('更新提醒台账')).toContain('解读缺失（已逾期）');
    expect(cells('更新提醒台账')).toContain('政策解读');
    expect(cells('按时公开率')).toContain('全单位合计');
    expect(cells('按时公开率')).toContain('机构与政务公开工作');
  });
});
