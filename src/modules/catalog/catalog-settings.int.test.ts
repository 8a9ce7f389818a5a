/**
 * Per-agency timeliness settings, the 是否需要解读 flag and 公示期 rules through HTTP on a fresh
 * database (PGlite, or PostgreSQL with GONGKAI_TEST_DATABASE_URL): GET/PUT /api/catalog/settings
 * (404 outsiders, 403 non-admins, 400 bad input, 200 + audit row), the ledger reading the 解读
 * limit and the item flag, a withdrawn 公示 flagged 公示期不足, the reminders job reading the
 * escalation delay, and the XLSX columns.
 */
import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildUser, testPassword } from '../../../test/factories.ts';
import { auditLog, notifications } from '../../db/schema/index.ts';
import { setNow } from '../../lib/clock.ts';
import { listColumns, type Agency } from '../agencies/index.ts';
import { addWorkingDays, shippedCalendar } from '../calendar/index.ts';
import { createPublishedItem, publishDirectCorrection } from '../publishing/index.ts';
import { remindCatalogUpdates } from './index.ts';

let t: TestContext;
let agency: Agency;
let other: Agency;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};

interface Item { id: string; areaId: string; level1: string; level2: string; lockVersion: number; timeLimit: string; timeRule: Record<string, unknown>; needsInterpretation: boolean | null }
interface Entry { kind: string; title: string | null; documentId: string | null; from: string; dueDate: string; status: string; withdrawnOn?: string | null; noticeShort?: boolean; ruleEnd?: string | null; announcedTo?: string | null }
interface Row { itemId: string; needsInterpretation: boolean | null; timeLimit: string; entries: Entry[] }

const china = (s: string) => new Date(`${s}+08:00`);

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  other = await buildAgency(t.ctx);
  for (const [name, opts] of Object.entries({
    admin: { agency, roles: ['admin'] },
    drafter: { agency, roles: ['drafter'] },
    a: { agency, roles: ['reviewer'] },
    b: { agency, roles: ['reviewer'] },
    outsider: { agency: other, roles: ['admin'] },
  } as Record<string, Parameters<typeof buildUser>[1]>)) {
    const u = await buildUser(t.ctx, opts);
    ids[name] = u.id;
    c[name] = await login(t.app, u.username, testPassword);
  }
});
afterAll(async () => {
  setNow(undefined);
  await t?.close();
});

async function items(): Promise<Item[]> {
  const res = await c.admin!.get(`/api/catalog?agencyId=${agency.id}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().areas as Array<{ items: Item[] }>).flatMap((a) => a.items);
}
const find = (all: Item[], level1: string) => all.find((i) => i.level1 === level1)!;
async function ledgerRow(itemId: string, year = 2025): Promise<Row> {
  const res = await c.drafter!.get(`/api/catalog/ledger?agencyId=${agency.id}&year=${year}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().ledger.rows.find((r: Row) => r.itemId === itemId);
}
const put = (who: string, body: unknown, agencyId = agency.id) => c[who]!.request('PUT', `/api/catalog/settings?agencyId=${agencyId}`, body);

describe('GET/PUT /api/catalog/settings', () => {
  it('readers get the defaults; outsiders 404', async () => {
    const res = await c.drafter!.get(`/api/catalog/settings?agencyId=${agency.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().settings).toMatchObject({ interpretationDays: 5, escalationWorkingDays: 2, isDefault: true });
    expect((await c.outsider!.get(`/api/catalog/settings?agencyId=${agency.id}`)).statusCode).toBe(404);
  });

  it('only the agency admin writes (403 / 404), input is checked (400 in Chinese), a change is audited', async () => {
    expect((await put('drafter', { interpretationDays: 3, escalationWorkingDays: 2 })).statusCode).toBe(403);
    expect((await put('outsider', { interpretationDays: 3, escalationWorkingDays: 2 })).statusCode).toBe(404);
    for (const bad of [{ interpretationDays: -1, escalationWorkingDays: 2 }, { interpretationDays: 3, escalationWorkingDays: 0 }, { interpretationDays: 31, escalationWorkingDays: 2 }, { interpretationDays: 1.5, escalationWorkingDays: 2 }, { interpretationDays: 3 }, { interpretationDays: 3, escalationWorkingDays: 2, extra: 1 }]) {
      const res = await put('admin', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const res = await put('admin', { interpretationDays: 3, escalationWorkingDays: 4 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().settings).toMatchObject({ interpretationDays: 3, escalationWorkingDays: 4, isDefault: false });
    expect((await c.drafter!.get(`/api/catalog/settings?agencyId=${agency.id}`)).json().settings).toMatchObject({ interpretationDays: 3, escalationWorkingDays: 4 });
    const audit = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'catalog.settings.update'), eq(auditLog.entityId, agency.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: ids.admin, agencyId: agency.id, before: { interpretationDays: 5, escalationWorkingDays: 2 }, after: { interpretationDays: 3, escalationWorkingDays: 4 } });
  });
});

describe('the ledger reads the 解读 limit and the item flag', () => {
  let policyItem: Item;
  let policyId: string;
  let plainId: string;
  beforeAll(async () => {
    policyItem = find(await items(), '政策文件');
    const base = { agencyId: agency.id, columnSlug: 'gfxwj', bodyHtml: '<p>全文</p>', createdBy: ids.admin!, catalogItemId: policyItem.id, writtenOn: '2025-09-15', publishedAt: china('2025-09-30T10:00:00') };
    policyId = (await createPublishedItem(t.ctx, { ...base, title: '某某管理办法', docType: 'normative', validity: 'valid', effectiveOn: '2025-10-01' })).documentId;
    plainId = (await createPublishedItem(t.ctx, { ...base, title: '工作通知' })).documentId;
    // The 解读 of the policy comes 2025-10-13: on time under 5 working days (due 10-14), late under 3 (due 10-11).
    await createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: 'gfxwj', bodyHtml: '<p>解读</p>', createdBy: ids.admin!, title: '《某某管理办法》解读', interpretsId: policyId, publishedAt: china('2025-10-13T10:00:00') });
  });
  const interp = (r: Row) => r.entries.filter((e) => e.kind === 'interpretation').map((e) => [e.documentId, e.dueDate, e.status]);

  it('3 working days (set above): late; 5: on time; 0 (同步): due the same day', async () => {
    expect(interp(await ledgerRow(policyItem.id))).toEqual([[policyId, '2025-10-11', 'late']]);
    expect((await put('admin', { interpretationDays: 5, escalationWorkingDays: 4 })).statusCode).toBe(200);
    expect(interp(await ledgerRow(policyItem.id))).toEqual([[policyId, '2025-10-14', 'on_time']]);
    expect((await put('admin', { interpretationDays: 0, escalationWorkingDays: 4 })).statusCode).toBe(200);
    expect(interp(await ledgerRow(policyItem.id))).toEqual([[policyId, '2025-09-30', 'late']]);
    expect((await put('admin', { interpretationDays: 5, escalationWorkingDays: 4 })).statusCode).toBe(200);
  });

  it('the item flag: true → the plain notice owes one too; false → none; null → by type again', async () => {
    const flag = async (v: boolean | null) => {
      const cur = find(await items(), '政策文件');
      const res = await c.admin!.patch(`/api/catalog/items/${cur.id}`, { lockVersion: cur.lockVersion, needsInterpretation: v });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().item.needsInterpretation).toBe(v);
    };
    await flag(true);
    let row = await ledgerRow(policyItem.id);
    expect(row.needsInterpretation).toBe(true);
    expect(interp(row).sort()).toEqual([[plainId, '2025-10-14', 'overdue'], [policyId, '2025-10-14', 'on_time']].sort());
    await flag(false);
    expect(interp(await ledgerRow(policyItem.id))).toEqual([]);
    await flag(null);
    row = await ledgerRow(policyItem.id);
    expect(row.needsInterpretation).toBeNull();
    expect(interp(row)).toEqual([[policyId, '2025-10-14', 'on_time']]);
    const bad = await c.admin!.patch(`/api/catalog/items/${policyItem.id}`, { lockVersion: find(await items(), '政策文件').lockVersion, needsInterpretation: '是' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('公示期 as a time rule', () => {
  it('a 公示 withdrawn one day before the end of its 公示期 is 公示期不足; one left up is 公示期满', async () => {
    const item = find(await items(), '对象认定'); // 农村危房改造 / 补助对象公示: 7个工作日内公示，公示期不少于7天
    expect(item.timeRule).toMatchObject({ kind: 'event', unit: 'workingDays', limit: 7, noticeDays: 7 });
    expect(item.timeLimit).toBe('信息形成或者变更之日起7个工作日内，公示期不少于7天');
    const base = { agencyId: agency.id, columnSlug: 'qtxx', bodyHtml: '<p>名单</p>', createdBy: ids.admin!, catalogItemId: item.id, writtenOn: '2025-09-24', publishedAt: china('2025-09-26T10:00:00') };
    const short = (await createPublishedItem(t.ctx, { ...base, title: '危房改造补助对象公示（一）' })).documentId;
    const kept = (await createPublishedItem(t.ctx, { ...base, title: '危房改造补助对象公示（二）' })).documentId;
    // 7 days from 09-26 end on 10-03 (国庆): the 公示期 runs to 10-09. Withdrawn on 10-08.
    setNow(china('2025-10-08T15:00:00'));
    const doc = (await c.admin!.get(`/api/documents/${short}`)).json().document;
    const w = await c.admin!.post(`/api/documents/${short}/withdraw`, { lockVersion: doc.lockVersion, reason: '公示提前撤下' });
    expect(w.statusCode, w.body).toBe(200);
    setNow(china('2025-12-01T10:00:00'));
    const row = await ledgerRow(item.id);
    const notices = row.entries.filter((e) => e.kind === 'notice');
    expect(notices.find((e) => e.documentId === short)).toMatchObject({ from: '2025-09-26', dueDate: '2025-10-09', withdrawnOn: '2025-10-08', status: 'late' });
    expect(notices.find((e) => e.documentId === kept)).toMatchObject({ dueDate: '2025-10-09', status: 'on_time' });
    const xlsx = await c.admin!.get(`/api/catalog/ledger.xlsx?agencyId=${agency.id}&year=2025`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = wb.getWorksheet('更新提醒台账')!.getSheetValues().flat().map(String);
    expect(cells).toContain('公示期不足（2025-10-08撤下，应公示至2025-10-09）');
    expect(cells).toContain('公示');
    expect(cells).toContain('是否需要解读');
    setNow(undefined);
  });

  it('the document\'s own 公示期 (latest published version): a later end holds, a shorter one is 公示期短于规定', async () => {
    const item = find(await items(), '对象认定'); // 公示期不少于7天
    const base = { agencyId: agency.id, columnSlug: 'qtxx', bodyHtml: '<p>名单</p>', createdBy: ids.admin!, catalogItemId: item.id, writtenOn: '2025-11-01', publishedAt: china('2025-11-03T10:00:00') };
    // Published Mon 11-03: the rule's 7 days end Mon 11-10.
    const short = (await createPublishedItem(t.ctx, { ...base, title: '补助对象公示（三）', noticeStartsOn: '2025-11-03', noticeEndsOn: '2025-11-07' })).documentId;
    const long = (await createPublishedItem(t.ctx, { ...base, title: '补助对象公示（四）', noticeStartsOn: '2025-11-04', noticeEndsOn: '2025-11-20' })).documentId;
    const fixed = (await createPublishedItem(t.ctx, { ...base, title: '补助对象公示（五）', noticeStartsOn: '2025-11-03', noticeEndsOn: '2025-11-07' })).documentId;
    // A correction announcing a longer period: the latest published version's 公示期 counts.
    await t.ctx.db.execute(sql`update documents set notice_ends_on = '2025-11-14' where id = ${fixed}`);
    await t.ctx.db.transaction((tx) => publishDirectCorrection(t.ctx, tx, { documentId: fixed, title: '补助对象公示（五）', bodyHtml: '<p>名单</p>', changeNote: '延长公示期', by: ids.admin!, at: china('2025-11-05T10:00:00') }));
    setNow(china('2025-11-12T10:00:00'));
    const notices = (await ledgerRow(item.id)).entries.filter((e) => e.kind === 'notice');
    const of = (id: string) => notices.find((e) => e.documentId === id);
    // The short one ran its legal 7 days (to 11-10) but announced only 11-03..11-07: over and 公示期短于规定.
    expect(of(short)).toMatchObject({ status: 'late', dueDate: '2025-11-10', noticeShort: true });
    expect(of(long)).toMatchObject({ status: 'due', dueDate: '2025-11-20', ruleEnd: '2025-11-10', noticeShort: false });
    expect(of(fixed)).toMatchObject({ status: 'due', dueDate: '2025-11-14', announcedTo: '2025-11-14', noticeShort: false });
    setNow(china('2025-12-01T10:00:00'));
    const over = (await ledgerRow(item.id)).entries.filter((e) => e.kind === 'notice');
    expect(over.filter((e) => [short, long, fixed].includes(e.documentId!)).map((e) => [e.title, e.status]).sort()).toEqual([
      ['补助对象公示（三）（公示）', 'late'],
      ['补助对象公示（五）（公示）', 'on_time'],
      ['补助对象公示（四）（公示）', 'on_time'],
    ]);
    const xlsx = await c.admin!.get(`/api/catalog/ledger.xlsx?agencyId=${agency.id}&year=2025`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('更新提醒台账')!.getSheetValues().flat().map(String)).toContain('公示期短于规定（公示2025-11-03至2025-11-07，规定不少于7天）');
    setNow(undefined);
  });

  it('PATCH accepts a 公示期 in working days and refuses an out-of-range one', async () => {
    const item = find(await items(), '统计信息');
    const res = await c.admin!.patch(`/api/catalog/items/${item.id}`, { lockVersion: item.lockVersion, timeRule: { kind: 'event', unit: 'workingDays', limit: 7, noticeDays: 5, noticeUnit: 'workingDays' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().item.timeLimit).toBe('信息形成或者变更之日起7个工作日内，公示期不少于5个工作日');
    const bad = await c.admin!.patch(`/api/catalog/items/${item.id}`, { lockVersion: res.json().item.lockVersion, timeRule: { kind: 'event', unit: 'workingDays', limit: 7, noticeDays: 400, noticeUnit: 'workingDays' } });
    expect(bad.statusCode).toBe(400);
  });
});

describe('XLSX: 是否需要解读 and 公示期 round trip', () => {
  function multipart(data: Buffer) {
    const boundary = `----gk${randomBytes(8).toString('hex')}`;
    return {
      payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="目录.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    };
  }
  async function exported() {
    const res = await c.admin!.get(`/api/catalog/export.xlsx?agencyId=${agency.id}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb;
  }
  const upload = async (wb: ExcelJS.Workbook) => {
    const m = multipart(Buffer.from(await wb.xlsx.writeBuffer()));
    return c.admin!.request('POST', `/api/catalog/import?agencyId=${agency.id}`, m.payload, m.headers);
  };

  it('exports 是/否/空 and 公示期, re-imports unchanged, imports edits, refuses a bad cell', async () => {
    const wb = await exported();
    const ws = wb.getWorksheet('公开目录')!;
    const header = (ws.getRow(2).values as unknown[]).map(String);
    const col = header.indexOf('是否需要解读');
    const limitCol = header.indexOf('公开时限');
    expect(col).toBeGreaterThan(0);
    const rowOf = (level1: string) => {
      for (let r = 3; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(3).value === level1) return ws.getRow(r);
      throw new Error(level1);
    };
    expect(rowOf('对象认定').getCell(limitCol).value).toBe('信息形成或者变更之日起7个工作日内，公示期不少于7天');
    expect(rowOf('政策文件').getCell(col).value).toBe('');
    const same = await upload(wb);
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json().result.updated).toBe(0);
    rowOf('政策文件').getCell(col).value = '否';
    rowOf('统计信息').getCell(col).value = '是';
    rowOf('统计信息').getCell(limitCol).value = '公示期7天';
    const edited = await upload(wb);
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().result.updated).toBe(2);
    const all = await items();
    expect(find(all, '政策文件').needsInterpretation).toBe(false);
    expect(find(all, '统计信息')).toMatchObject({ needsInterpretation: true, timeRule: { kind: 'event', unit: 'workingDays', limit: 20, noticeDays: 7 } });
    rowOf('统计信息').getCell(col).value = '也许';
    const bad = await upload(wb);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details.errors.join()).toContain('是否需要解读「也许」');
  });
});

describe('the reminders job reads the escalation delay', () => {
  it('with 4 working days, an entry due Fri 11-14 is escalated to B on Thu 11-20, not on Tue 11-18', async () => {
    const item = find(await items(), '机构信息');
    // The 成文日期 whose 20-working-day deadline (条例第26条) is Fri 2025-11-14.
    let day = new Date('2025-11-14T00:00:00Z');
    while (addWorkingDays(day.toISOString().slice(0, 10), 20, shippedCalendar).date !== '2025-11-14') day = new Date(day.getTime() - 86_400_000);
    const written = day.toISOString().slice(0, 10);
    setNow(china('2025-11-13T10:00:00'));
    const columnId = (await listColumns(t.ctx.db, agency.id))[0]!.id;
    const res = await c.drafter!.post('/api/documents', { agencyId: agency.id, title: '机构职能调整', columnId, disclosure: 'proactive', catalogItemId: item.id, writtenOn: written });
    expect(res.statusCode, res.body).toBe(201);
    const post = await c.admin!.request('PUT', '/api/posts', { agencyId: agency.id, kind: 'catalogItem', catalogItemId: item.id, holderA: ids.a, holderB: ids.b });
    expect(post.statusCode, post.body).toBe(200);
    const mine = async () =>
      (await t.ctx.db.select({ userId: notifications.userId, kind: notifications.kind }).from(notifications).where(like(notifications.dedupeKey, `catalog:${item.id}:%`)))
        .map((r) => `${r.kind}→${r.userId === ids.a ? 'a' : r.userId === ids.b ? 'b' : 'other'}`)
        .sort();
    await remindCatalogUpdates(t.ctx, china('2025-11-18T10:00:00'));
    expect(await mine()).toEqual(['catalog.overdue→a']);
    await remindCatalogUpdates(t.ctx, china('2025-11-19T10:00:00'));
    expect(await mine()).toEqual(['catalog.overdue→a']);
    await remindCatalogUpdates(t.ctx, china('2025-11-20T10:00:00'));
    expect(await mine()).toEqual(['catalog.escalated→b', 'catalog.overdue→a']);
    const body = (await t.ctx.db.select({ body: notifications.body }).from(notifications).where(and(eq(notifications.userId, ids.b!), like(notifications.dedupeKey, `catalog:${item.id}:%`))))[0]!.body;
    expect(body).toContain('逾期已满 4 个工作日');
    setNow(undefined);
  });
});
