/**
 * The catalog API on a fresh database (PGlite, or PostgreSQL with GONGKAI_TEST_DATABASE_URL):
 * lazy seeding, CRUD with allowed and forbidden cases, XLSX round trip and row errors,
 * document links and the ledger.
 */
import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildUser, testPassword } from '../../../test/factories.ts';
import { listColumns, type Agency } from '../agencies/index.ts';
import { verifyAuditLog } from '../audit/index.ts';
import { createPublishedItem } from '../publishing/index.ts';
import { seedAgencyCatalog, standardCatalog } from './index.ts';

let t: TestContext;
let agency: Agency;
let other: Agency;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};

interface Item { id: string; areaId: string; level1: string; level2: string; lockVersion: number; timeLimit: string }
interface Area { id: string; name: string; items: Item[] }

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  other = await buildAgency(t.ctx);
  for (const [name, opts] of Object.entries({
    admin: { agency, roles: ['admin'] },
    drafter: { agency, roles: ['drafter'] },
    auditor: { agency, roles: ['auditor'] },
    outsider: { agency: other, roles: ['admin', 'drafter'] },
    supervisor: { globalRole: 'supervisor' },
  } as Record<string, Parameters<typeof buildUser>[1]>)) {
    const u = await buildUser(t.ctx, opts);
    ids[name] = u.id;
    c[name] = await login(t.app, u.username, testPassword);
  }
});
afterAll(() => t.close());

async function catalog(who = 'admin', agencyId = agency.id): Promise<Area[]> {
  const res = await c[who]!.get(`/api/catalog?agencyId=${agencyId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().areas;
}

function multipart(filename: string, data: Buffer) {
  const boundary = `----gk${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(who: string, agencyId: string, data: Buffer) {
  const m = multipart('目录.xlsx', data);
  return c[who]!.request('POST', `/api/catalog/import?agencyId=${agencyId}`, m.payload, m.headers);
}

describe('seeding', () => {
  it('creates the standard catalog on first access, once', async () => {
    const areas = await catalog('drafter');
    expect(areas.map((a) => a.name).slice(0, 26)).toEqual(standardCatalog.map((a) => a.name));
    expect(areas).toHaveLength(27);
    const low = areas.find((a) => a.name === '社会救助')!.items.find((i) => i.level1 === '最低生活保障')!;
    expect(low.timeLimit).toBe('每月公开，次月10日前');
    expect(await seedAgencyCatalog(t.ctx.db, agency.id)).toBe(false);
    expect((await catalog()).flatMap((a) => a.items)).toHaveLength(areas.flatMap((a) => a.items).length);
  });

  it('readers of other agencies get 404; supervisors read', async () => {
    expect((await c.outsider!.get(`/api/catalog?agencyId=${agency.id}`)).statusCode).toBe(404);
    expect((await c.supervisor!.get(`/api/catalog?agencyId=${agency.id}`)).statusCode).toBe(200);
  });
});

describe('editing', () => {
  let areaId: string;
  let item: Item;
  it('the admin adds an area and an item (audited); others are refused', async () => {
    const res = await c.admin!.post('/api/catalog/areas', { agencyId: agency.id, name: '自然资源', sort: 500 });
    expect(res.statusCode, res.body).toBe(201);
    areaId = res.json().area.id;
    expect((await c.drafter!.post('/api/catalog/areas', { agencyId: agency.id, name: '保障性住房' })).statusCode).toBe(403);
    expect((await c.outsider!.post('/api/catalog/areas', { agencyId: agency.id, name: '保障性住房' })).statusCode).toBe(404);
    expect((await c.admin!.post('/api/catalog/areas', { agencyId: agency.id, name: '自然资源' })).statusCode).toBe(409);

    const body = { agencyId: agency.id, areaId, level1: '自然资源管理', level2: '宅基地审批', timeRule: { kind: 'event', unit: 'workingDays', limit: 7 }, channels: ['website', 'bulletinBoard'] };
    const created = await c.admin!.post('/api/catalog/items', body);
    expect(created.statusCode, created.body).toBe(201);
    item = created.json().item;
    expect(item.timeLimit).toBe('信息形成或者变更之日起7个工作日内');
    expect((await c.auditor!.post('/api/catalog/items', { ...body, level2: '其他' })).statusCode).toBe(403);
    expect((await c.admin!.post('/api/catalog/items', { ...body, areaId: (await catalog('outsider', other.id))[0]!.id })).statusCode).toBe(400);
    expect((await c.admin!.post('/api/catalog/items', { ...body, timeRule: { kind: 'event', unit: 'days', limit: 7 } })).statusCode).toBe(400);
  });

  it('updates with the lock; stale versions are 409; drafters 403', async () => {
    const res = await c.admin!.patch(`/api/catalog/items/${item.id}`, { lockVersion: item.lockVersion, content: '审批结果' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await c.admin!.patch(`/api/catalog/items/${item.id}`, { lockVersion: item.lockVersion, content: '再改' })).statusCode).toBe(409);
    expect((await c.drafter!.patch(`/api/catalog/items/${item.id}`, { lockVersion: 1, content: 'x' })).statusCode).toBe(403);
  });

  it('an area with items cannot be deleted; an unreferenced item can', async () => {
    expect((await c.admin!.request('DELETE', `/api/catalog/areas/${areaId}`)).statusCode).toBe(409);
    expect((await c.drafter!.request('DELETE', `/api/catalog/items/${item.id}`)).statusCode).toBe(403);
    expect((await c.admin!.request('DELETE', `/api/catalog/items/${item.id}`)).statusCode).toBe(204);
    expect((await c.admin!.request('DELETE', `/api/catalog/areas/${areaId}`)).statusCode).toBe(204);
    expect((await verifyAuditLog(t.ctx.db)).ok).toBe(true);
  });
});

describe('XLSX', () => {
  it('exports and re-imports without change', async () => {
    const res = await c.auditor!.get(`/api/catalog/export.xlsx?agencyId=${agency.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(2).getCell(3).value).toBe('一级事项');
    expect((await upload('drafter', agency.id, res.rawPayload)).statusCode).toBe(403);
    const imp = await upload('admin', agency.id, res.rawPayload);
    expect(imp.statusCode, imp.body).toBe(200);
    expect(imp.json().result).toMatchObject({ created: 0, updated: 0 });
  });

  async function sheet(rows: unknown[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('目录');
    ws.addRow(['序号', '公开领域', '一级事项', '二级事项', '公开内容（要素）', '公开依据', '公开时限', '公开主体', '公开渠道和载体', '公开对象', '公开方式', '公开层级']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('refuses the whole file with row-numbered errors', async () => {
    const before = (await catalog()).flatMap((a) => a.items).length;
    const data = await sheet([
      [1, '养老服务', '新事项', '新二级', '', '', '20个工作日内', '', '政府网站', '全社会', '主动', '乡级'],
      [2, '养老服务', '', '缺一级', '', '', '及时', '', '飞鸽', '所有人', '主动', '乡级'],
      [3, '养老服务', '新事项', '新二级', '', '', '', '', '', '', '', ''],
    ]);
    const res = await upload('admin', agency.id, data);
    expect(res.statusCode, res.body).toBe(422);
    const errors: string[] = res.json().details.errors;
    expect(errors[0]).toMatch(/^第3行：一级事项不能为空；公开时限「及时」无法识别.*公开渠道「飞鸽」无法识别；公开对象「所有人」/);
    expect(errors[1]).toMatch(/^第4行：与第2行重复/);
    expect((await catalog()).flatMap((a) => a.items)).toHaveLength(before);
  });

  it('imports new items and areas, updates changed ones', async () => {
    const data = await sheet([
      [1, '保障性住房', '公租房', '配租结果', '名单', '', '每季度15日前', '', '■政府网站 □两微一端 ■便民服务站', '全社会', '主动', '乡级'],
      [2, '社会救助', '最低生活保障', '低保对象与资金', '对象、金额', '', '每月5日前', '', '政府网站', '特定群众', '主动', '乡级'],
    ]);
    const res = await upload('admin', agency.id, data);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().result).toMatchObject({ created: 1, updated: 1, areasCreated: 1 });
    const areas = await catalog();
    expect(areas.find((a) => a.name === '保障性住房')!.items[0]!.timeLimit).toBe('每季度公开，季度结束后次月15日前');
  });
});

describe('documents and the ledger', () => {
  it('a document accepts only a catalog item of its agency', async () => {
    const item = (await catalog()).find((a) => a.name === '社会救助')!.items[0]!;
    const foreign = (await catalog('outsider', other.id))[0]!.items[0]!;
    const columnId = (await listColumns(t.ctx.db, agency.id)).find((x) => x.slug === 'shjz')!.id;
    const body = { agencyId: agency.id, title: '低保公示', columnId, disclosure: 'proactive', catalogItemId: item.id };
    const ok = await c.drafter!.post('/api/documents', body);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().document.catalogItemId).toBe(item.id);
    const bad = await c.drafter!.post('/api/documents', { ...body, catalogItemId: foreign.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields.catalogItemId).toBe('所选目录事项不属于该单位');
  });

  it('computes on-time, late and overdue entries and the rate', async () => {
    const areas = await catalog();
    const item = areas.find((a) => a.name === '安全生产')!.items.find((i) => i.level1 === '安全生产监管')!;
    const base = { agencyId: agency.id, columnSlug: 'qtxx', bodyHtml: '<p>正文</p>', createdBy: ids.admin!, catalogItemId: item.id };
    await createPublishedItem(t.ctx, { ...base, title: '按时', writtenOn: '2025-09-26', publishedAt: new Date('2025-10-30T10:00:00+08:00') });
    await createPublishedItem(t.ctx, { ...base, title: '逾期', writtenOn: '2025-09-26', publishedAt: new Date('2025-10-31T10:00:00+08:00') });
    const res = await c.auditor!.get(`/api/catalog/ledger?agencyId=${agency.id}&year=2025`);
    expect(res.statusCode, res.body).toBe(200);
    const ledger = res.json().ledger;
    const row = ledger.rows.find((r: { itemId: string }) => r.itemId === item.id);
    expect(row.entries.map((e: { title: string; status: string }) => [e.title, e.status])).toEqual([
      ['按时', 'on_time'],
      ['逾期', 'late'],
    ]);
    const area = ledger.areas.find((a: { areaName: string }) => a.areaName === '安全生产');
    expect(area.onTimeRate).toBe(0.5);
    expect(ledger.total.onTimeRate).toBeGreaterThanOrEqual(0);
    expect(ledger.total.onTimeRate).toBeLessThanOrEqual(1);
    expect((await c.outsider!.get(`/api/catalog/ledger?agencyId=${agency.id}&year=2025`)).statusCode).toBe(404);
    const xlsx = await c.admin!.get(`/api/catalog/ledger.xlsx?agencyId=${agency.id}&year=2025`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('an item documents point at cannot be deleted', async () => {
    const item = (await catalog()).find((a) => a.name === '安全生产')!.items.find((i) => i.level1 === '安全生产监管')!;
    expect((await c.admin!.request('DELETE', `/api/catalog/items/${item.id}`)).statusCode).toBe(409);
  });
});
