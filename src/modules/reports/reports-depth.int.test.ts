/**
 * The annual report's server depth on a fresh database (PGlite, or PostgreSQL with
 * GONGKAI_TEST_DATABASE_URL): the figures template and import (XLSX, GBK CSV, errors naming row
 * and cell, nothing written on error), the drill-down of every number (records = the number
 * shown, applicants' data only for request staff), editing and deleting cases, the county view
 * and its XLSX against the deadline, publication in one transaction and its correction, and
 * `report check` as an upload. The clock is set to 2026-01-20 (before the default deadline of
 * the 2025 reports) and later to 2026-02-05.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildUser, testPassword } from '../../../test/factories.ts';
import { buildPng, buildXlsx } from '../../../test/fixtures.ts';
import { auditLog, documents, reportPublications } from '../../db/schema/index.ts';
import { setNow } from '../../lib/clock.ts';
import { systemActor } from '../accounts/index.ts';
import { createAgency, listColumns, type Agency } from '../agencies/index.ts';
import { verifyAuditLog } from '../audit/index.ts';
import { createPublishedItem } from '../publishing/index.ts';
import { allCellIds } from './cells.ts';
import { editSeedCell, encodeGbk, renderReportHtml, seedNumbers, SEED_PATH } from './fixtures/render.ts';
import { readReport, type AnnualReport } from './index.ts';

let t: TestContext;
let county: Agency;
let agency: Agency;
let sibling: Agency;
let other: Agency;
const c: Record<string, Client> = {};
const users: Record<string, { id: string; username: string }> = {};
const docs: Record<string, string> = {};
const reqs: Record<string, string> = {};
const base = () => `/api/reports/${agency.id}/2025`;

interface View {
  numbers: AnnualReport;
  figures: { id: string; licensing: number; penalties: number; enforcement: number; feesWan: number; section4: unknown } | null;
  cases: Array<{ id: string; kind: string; result: string; requestId: string | null }>;
  narrative: { overview: string; lockVersion: number };
  publication: { documentId: string; url: string; revision: number; outdated: boolean; publishedAt: string; firstPublishedAt: string } | null;
}
interface Drill {
  cell: string;
  name: string;
  label: string;
  value: number;
  records: Array<{ kind: string; id: string; title: string; date: string | null; href?: string; applicant?: string }>;
}

function multipart(files: Array<{ name: string; data: Buffer | Uint8Array }>, field = 'file') {
  const boundary = `----gk${randomBytes(8).toString('hex')}`;
  const parts = files.flatMap((f) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(f.data),
    Buffer.from('\r\n'),
  ]);
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const importFile = (who: string, name: string, data: Buffer | Uint8Array, url = `${base()}/figures/import`) => {
  const m = multipart([{ name, data }]);
  return c[who]!.request('POST', url, m.payload, m.headers);
};
const check = (who: string, files: Array<{ name: string; data: Buffer | Uint8Array }>, url = '/api/reports/check') => {
  const m = multipart(files, 'files');
  return c[who]!.request('POST', url, m.payload, m.headers);
};

async function view(who = 'admin'): Promise<View> {
  const res = await c[who]!.get(base());
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function signIn(name: string) {
  c[name] = await login(t.app, users[name]!.username, testPassword);
}

async function request(key: string, receivedOn: string, who: Record<string, unknown>, then: { action: string; on: string; extra?: Record<string, unknown> } | null, into = agency) {
  const res = await c[into === agency ? 'handler' : 'siblingAdmin']!.post('/api/requests', {
    agencyId: into.id,
    channel: 'in_person',
    receivedOn,
    phone: '13912345678',
    description: `关于${key}的政府信息`,
    provisionForm: 'paper',
    delivery: 'mail',
    address: '某县某镇某村1号',
    ...who,
  });
  expect(res.statusCode, res.body).toBe(201);
  const d = res.json() as { request: { id: string; lockVersion: number } };
  reqs[key] = d.request.id;
  if (then) {
    const r = await c[into === agency ? 'handler' : 'siblingAdmin']!.post(`/api/requests/${d.request.id}/${then.action}`, { lockVersion: d.request.lockVersion, on: then.on, ...then.extra });
    expect(r.statusCode, r.body).toBe(200);
  }
}

const person = (name: string) => ({ applicantKind: 'person', name, idType: 'resident_id', idNumber: '11010519491231002X' });
const org = (orgKind: string) => ({ applicantKind: 'organization', orgKind, name: '某某有限公司', uscc: '91350100M000100Y43', legalRepresentative: '王某', contactPerson: '李某' });

beforeAll(async () => {
  setNow(new Date('2026-01-20T10:00:00+08:00'));
  t = await createTestContext({ GONGKAI_MAX_UPLOAD_MB: '1' });
  county = await createAgency(t.ctx.db, systemActor, { code: `C${randomBytes(4).toString('hex').toUpperCase()}`, slug: `county-${randomBytes(3).toString('hex')}`, name: '测试县人民政府', kind: 'county' });
  const child = (name: string) =>
    createAgency(t.ctx.db, systemActor, { code: `T${randomBytes(4).toString('hex').toUpperCase()}`, slug: `t-${randomBytes(4).toString('hex')}`, name, kind: 'township', parentId: county.id });
  agency = await child('测试县甲乡人民政府');
  sibling = await child('测试县乙镇人民政府');
  other = await buildAgency(t.ctx, { name: '外县丙乡人民政府' });
  const specs: Record<string, Parameters<typeof buildUser>[1]> = {
    admin: { agency, roles: ['admin'] },
    handler: { agency, roles: ['handler'] },
    drafter: { agency, roles: ['drafter'] },
    supervisor: { globalRole: 'supervisor' },
    sysadmin: { globalRole: 'sysadmin' },
    countyAdmin: { agency: county, roles: ['admin'] },
    siblingAdmin: { agency: sibling, roles: ['admin'] },
    outsider: { agency: other, roles: ['admin'] },
  };
  for (const [name, opts] of Object.entries(specs)) {
    users[name] = await buildUser(t.ctx, { ...opts, displayName: `用户${name}` });
    await signIn(name);
  }
  const at = (d: string) => new Date(`${d}T02:00:00Z`);
  const doc = async (key: string, over: Partial<Parameters<typeof createPublishedItem>[1]>) => {
    docs[key] = (await createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: 'qtxx', title: `测试文件${key}`, bodyHtml: '<p>正文</p>', createdBy: users.sysadmin!.id, ...over })).documentId;
  };
  await doc('R1', { docType: 'regulation', validity: 'valid', effectiveOn: '2025-03-01', publishedAt: at('2025-03-01') });
  await doc('N1', { docType: 'normative', validity: 'valid', effectiveOn: '2024-05-01', publishedAt: at('2024-05-01') });
  await doc('N2', { docType: 'normative', validity: 'repealed', effectiveOn: '2023-01-10', invalidOn: '2025-06-30', publishedAt: at('2023-01-10') });
  await doc('N3', { docType: 'normative', validity: 'valid', effectiveOn: '2025-02-01', publishedAt: at('2025-02-01') });
  await request('A', '2024-12-20', person('张三丰'), { action: 'reply', on: '2025-01-10', extra: { outcome: 'granted' } });
  await request('B', '2025-03-03', person('李四光'), { action: 'reply', on: '2025-03-20', extra: { outcome: 'partial' } });
  await request('C', '2025-05-06', org('business'), { action: 'reply', on: '2025-05-20', extra: { outcome: 'not_processed_duplicate' } });
  await request('D', '2025-12-25', org('legal'), null);
  await request('E', '2025-04-01', person('王五'), { action: 'withdraw', on: '2025-04-05', extra: { reason: '申请人书面撤回' } });
  await request('G', '2025-06-02', person('赵六'), { action: 'reply', on: '2025-06-20', extra: { outcome: 'granted' } });
  await request('S', '2025-06-02', person('钱七'), null, sibling);
});
afterAll(async () => {
  setNow(undefined);
  await t?.close();
});

describe('the figures template and import', () => {
  it('serves the template: one row per figure with the report names, pre-filled once entered', async () => {
    const res = await c.drafter!.get(`${base()}/figures/template.xlsx`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect([ws.getCell('A1').value, ws.getCell('B1').value]).toEqual(['项目', '数值']);
    expect([2, 3, 4, 5].map((r) => ws.getCell(`A${r}`).value)).toEqual([
      '行政许可（本年处理决定数量）',
      '行政处罚（本年处理决定数量）',
      '行政强制（本年处理决定数量）',
      '行政事业性收费（本年收费金额，万元）',
    ]);
    expect(ws.getCell('B2').value).toBeNull();
    expect((await c.outsider!.get(`${base()}/figures/template.xlsx`)).statusCode).toBe(404);
  });

  it('imports the filled-in template (XLSX): the report shows the figures; audited with the file name', async () => {
    const res = await c.admin!.get(`${base()}/figures/template.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    ws.getCell('B2').value = 3;
    ws.getCell('B3').value = 21;
    ws.getCell('B4').value = '2';
    ws.getCell('B5').value = 1.25;
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await importFile('admin', '年度数据.xlsx', filled);
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json() as View;
    expect(v.numbers.section2).toMatchObject({ licensing: 3, penalties: 21, enforcement: 2, feesWan: 1.25 });
    const rows = await t.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'report.figures'), eq(auditLog.agencyId, agency.id)));
    expect(rows.some((a) => (a.after as { importedFrom?: string } | null)?.importedFrom === '年度数据.xlsx')).toBe(true);
    // The template now comes pre-filled.
    const again = new ExcelJS.Workbook();
    await again.xlsx.load((await c.admin!.get(`${base()}/figures/template.xlsx`)).rawPayload as unknown as ArrayBuffer);
    expect(again.worksheets[0]!.getCell('B3').value).toBe(21);
  });

  it('imports a header row + value row from a GBK CSV, and keeps table 四 entered directly', async () => {
    const section4 = { reconsideration: [1, 0, 0, 0, 1], litigationDirect: [0, 0, 0, 0, 0], litigationAfterReconsideration: [0, 0, 0, 0, 0] };
    expect((await c.admin!.request('PUT', `${base()}/figures`, { licensing: 0, penalties: 0, enforcement: 0, feesWan: 0, section4 })).statusCode).toBe(200);
    const csv = encodeGbk('行政许可,行政处罚,行政强制,行政事业性收费（万元）\r\n4,22,2,"1.5"\r\n');
    const r = await importFile('admin', 'figures.csv', csv);
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json() as View;
    expect(v.numbers.section2).toMatchObject({ licensing: 4, penalties: 22, enforcement: 2, feesWan: 1.5 });
    expect(v.figures!.section4).toEqual(section4);
    // Back to the recorded cases for the rest of the file.
    const put = await c.admin!.request('PUT', `${base()}/figures`, { licensing: 3, penalties: 21, enforcement: 2, feesWan: 1.25, section4: null });
    expect(put.statusCode).toBe(200);
  });

  it('refuses wrong numbers naming the row and cell, and writes nothing', async () => {
    const bad = await buildXlsx({ 年度数据: [['项目', '数值'], ['行政许可', 5], ['行政处罚', '二十一'], ['行政强制', 1.5], ['行政事业性收费（万元）', 0.123456]] });
    const r = await importFile('admin', '数据.xlsx', bad);
    expect(r.statusCode, r.body).toBe(400);
    const errors = (r.json() as { details: { errors: string[] } }).details.errors;
    expect(errors.some((e) => e.includes('第3行') && e.includes('B3') && e.includes('二十一'))).toBe(true);
    expect(errors.some((e) => e.includes('B4') && e.includes('整数'))).toBe(true);
    expect(errors.some((e) => e.includes('B5') && e.includes('4 位小数'))).toBe(true);
    expect((r.json() as { message: string }).message).toContain('未写入任何数据');
    // An unknown item and a missing one.
    const odd = await importFile('admin', 'x.csv', Buffer.from('项目,数值\n行政许可,1\n行政奖励,2\n行政处罚,3\n行政强制,0\n'));
    expect(odd.statusCode).toBe(400);
    const oddErrors = (odd.json() as { details: { errors: string[] } }).details.errors;
    expect(oddErrors.some((e) => e.includes('A3') && e.includes('行政奖励'))).toBe(true);
    expect(oddErrors.some((e) => e.includes('缺少项目') && e.includes('行政事业性收费'))).toBe(true);
    // Nothing changed.
    expect((await view()).numbers.section2).toMatchObject({ licensing: 3, penalties: 21, enforcement: 2, feesWan: 1.25 });
  });

  it('refuses a file of another type (by content, whatever its name), an empty upload, and who may not', async () => {
    const png = await importFile('admin', '数据.xlsx', buildPng());
    expect(png.statusCode, png.body).toBe(415);
    expect((png.json() as { message: string }).message).toContain('XLSX 或 CSV');
    expect((await c.admin!.request('POST', `${base()}/figures/import`, { licensing: 1 })).statusCode).toBe(415);
    expect((await importFile('admin', 'e.csv', Buffer.alloc(0))).statusCode).toBe(400);
    const ok = Buffer.from('行政许可,行政处罚,行政强制,行政事业性收费\n1,1,1,1\n');
    expect((await importFile('drafter', 'a.csv', ok)).statusCode).toBe(403);
    expect((await importFile('outsider', 'a.csv', ok)).statusCode).toBe(404);
    expect((await view()).numbers.section2.licensing).toBe(3);
  });
});

describe('cases: edit, delete, linked request', () => {
  it('adds cases with and without a request; refuses a request of another agency', async () => {
    const add = async (body: Record<string, unknown>) => c.admin!.post(`${base()}/cases`, body);
    let r = await add({ kind: 'reconsideration', result: 'upheld', caseNo: '某复决字〔2025〕1号', requestId: reqs.B });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().case.requestId).toBe(reqs.B);
    r = await add({ kind: 'reconsideration', result: 'pending' });
    expect(r.statusCode).toBe(201);
    r = await add({ kind: 'litigation_direct', result: 'corrected', filedOn: '2025-08-01' });
    expect(r.statusCode).toBe(201);
    r = await add({ kind: 'litigation_direct', result: 'other', summary: '将被删除' });
    expect(r.statusCode).toBe(201);
    r = await add({ kind: 'reconsideration', result: 'upheld', requestId: reqs.S });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.body).toContain('不属于本单位');
  });

  it('edits and deletes a case (agency admin; audited); others are refused', async () => {
    const cases = (await view()).cases;
    const pending = cases.find((x) => x.result === 'pending')!;
    const doomed = cases.find((x) => x.result === 'other')!;
    const url = (id: string) => `${base()}/cases/${id}`;
    let r = await c.admin!.request('PUT', url(pending.id), { kind: 'reconsideration', result: 'corrected', requestId: reqs.C });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().case).toMatchObject({ result: 'corrected', requestId: reqs.C });
    expect((await c.admin!.request('PUT', url(pending.id), { kind: 'reconsideration', result: 'upheld', requestId: reqs.S })).statusCode).toBe(400);
    expect((await c.admin!.request('PUT', url(pending.id), { kind: 'appeal', result: 'upheld' })).statusCode).toBe(400);
    expect((await c.drafter!.request('PUT', url(pending.id), { kind: 'reconsideration', result: 'upheld' })).statusCode).toBe(403);
    expect((await c.outsider!.request('DELETE', url(doomed.id))).statusCode).toBe(404);
    expect((await c.admin!.request('DELETE', `/api/reports/${agency.id}/2024/cases/${doomed.id}`)).statusCode).toBe(404);
    expect((await c.admin!.request('DELETE', url('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
    r = await c.admin!.request('DELETE', url(doomed.id));
    expect(r.statusCode, r.body).toBe(204);
    const v = await view();
    expect(v.cases).toHaveLength(3);
    expect(v.numbers.section4).toEqual({ reconsideration: [1, 1, 0, 0, 2], litigationDirect: [0, 1, 0, 0, 1], litigationAfterReconsideration: [0, 0, 0, 0, 0] });
    const actions = (await t.ctx.db.select().from(auditLog).where(eq(auditLog.agencyId, agency.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['report.case.update', 'report.case.delete']));
  });
});

describe('drill-down', () => {
  const drill = async (who: string, cell: string) => c[who]!.get(`${base()}/cells/${cell}`);

  it('every non-zero counted cell has exactly as many records as the number shown', async () => {
    const v = await view();
    expect(v.numbers.consistent).toBe(true);
    let checked = 0;
    for (const cell of allCellIds()) {
      const r = await drill('admin', cell);
      expect(r.statusCode, `${cell} ${r.body}`).toBe(200);
      const d = r.json() as Drill;
      expect(d.cell).toBe(cell);
      const figure = /^s2\.(licensing|penalties|enforcement|feesWan)$/.test(cell);
      if (figure) {
        expect(d.records).toHaveLength(1);
        expect(d.records[0]).toMatchObject({ kind: 'figure', id: v.figures!.id });
        expect(d.records[0]!.title).toContain('用户admin');
        continue;
      }
      expect(d.records.length, `${cell} ${d.name}`).toBe(d.value);
      if (d.value > 0) checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('names the records: items with their portal page, requests with 受理编号 and what was asked, cases', async () => {
    const issued = (await drill('admin', 's2.normativeDocuments.issued')).json() as Drill;
    expect(issued).toMatchObject({ name: '二.行政规范性文件.本年制发件数', value: 1, records: [{ kind: 'item', id: docs.N3, title: '测试文件N3', date: '2025-02-01', href: `/info/${docs.N3}` }] });
    const repealed = (await drill('admin', 's2.normativeDocuments.repealed')).json() as Drill;
    expect(repealed.records).toEqual([expect.objectContaining({ id: docs.N2, date: '2025-06-30' })]);
    const granted = (await drill('admin', 's3.granted.6')).json() as Drill;
    expect(granted.label).toContain('予以公开');
    expect(new Set(granted.records.map((x) => x.id))).toEqual(new Set([reqs.A, reqs.G]));
    expect(granted.records[0]!.title).toMatch(/^\d{4}-\d{4} 关于.的政府信息$/);
    expect(granted.records[0]!.href).toBe(`/admin/requests/${granted.records[0]!.id}`);
    const s4 = (await drill('admin', 's4.reconsideration.4')).json() as Drill;
    expect(s4.records.map((x) => x.kind)).toEqual(['case', 'case']);
    expect(s4.records.map((x) => x.title)).toContain('某复决字〔2025〕1号');
  });

  it("shows applicants' names only to the agency's request staff", async () => {
    for (const who of ['admin', 'handler']) {
      const d = (await drill(who, 's3.granted.0')).json() as Drill;
      expect(new Set(d.records.map((x) => x.applicant))).toEqual(new Set(['张三丰', '赵六']));
    }
    for (const who of ['drafter', 'supervisor', 'sysadmin', 'countyAdmin']) {
      const r = await drill(who, 's3.granted.0');
      if (who === 'countyAdmin') {
        expect(r.statusCode).toBe(404); // the county report is not the township's: no membership
        continue;
      }
      expect(r.statusCode, who).toBe(200);
      expect(r.body).not.toContain('张三丰');
      expect(r.body).not.toContain('11010519491231002X');
      expect((r.json() as Drill).records.every((x) => x.applicant === undefined)).toBe(true);
    }
  });

  it('answers 400 in Chinese for an unknown cell, 404 for another agency, 401 anonymous', async () => {
    for (const bad of ['s3.granted.7', 's3.nope.0', 's2.regulations', 's4.reconsideration.5', 'x', 's2.licensing.0', 's3.granted.01']) {
      const r = await drill('admin', bad);
      expect(r.statusCode, bad).toBe(400);
      expect((r.json() as { message: string }).message).toContain('未知的单元格');
    }
    expect((await drill('outsider', 's3.granted.6')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${base()}/cells/s3.granted.6` })).statusCode).toBe(401);
  });

  it('drills into table 四 entered as figures: one figure record', async () => {
    const url = `/api/reports/${sibling.id}/2025`;
    const put = await c.siblingAdmin!.request('PUT', `${url}/figures`, {
      licensing: 0,
      penalties: 0,
      enforcement: 0,
      feesWan: 0,
      section4: { reconsideration: [2, 0, 0, 0, 2], litigationDirect: [0, 0, 0, 0, 0], litigationAfterReconsideration: [0, 0, 0, 0, 0] },
    });
    expect(put.statusCode).toBe(200);
    const d = (await c.siblingAdmin!.get(`${url}/cells/s4.reconsideration.0`)).json() as Drill;
    expect(d.value).toBe(2);
    expect(d.records).toEqual([expect.objectContaining({ kind: 'figure' })]);
  });
});

describe('the county view', () => {
  type County = { year: number; deadline: string; agencies: Array<{ agencyId: string; name: string; state: string; consistent: boolean; failedRules: string[]; publishedAt?: string; correctedAt?: string }> };
  const countyOf = async (who: string) => {
    const r = await c[who]!.get('/api/reports/county/2025');
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as County;
  };
  const row = (v: County, a: Agency) => v.agencies.find((x) => x.agencyId === a.id);

  it('lists every agency for supervisors with state and rules; the deadline defaults to 1月31日 of the next year', async () => {
    const v = await countyOf('supervisor');
    expect(v).toMatchObject({ year: 2025, deadline: '2026-01-31' });
    expect(row(v, agency)).toMatchObject({ name: '测试县甲乡人民政府', state: 'draft', consistent: true, failedRules: [] });
    expect(row(v, sibling)).toMatchObject({ state: 'draft' });
    expect(row(v, other)).toMatchObject({ state: 'missing' });
    expect(row(v, county)).toMatchObject({ state: 'missing' });
  });

  it('names a failing hard rule, and shows a parent agency admin its own and its child agencies only', async () => {
    // 乙镇 enters table 四 with a wrong 总计.
    const put = await c.siblingAdmin!.request('PUT', `/api/reports/${sibling.id}/2025/figures`, {
      licensing: 0,
      penalties: 0,
      enforcement: 0,
      feesWan: 0,
      section4: { reconsideration: [2, 0, 0, 0, 3], litigationDirect: [0, 0, 0, 0, 0], litigationAfterReconsideration: [0, 0, 0, 0, 0] },
    });
    expect(put.statusCode).toBe(200);
    const v = await countyOf('countyAdmin');
    expect(v.agencies.map((x) => x.agencyId).sort()).toEqual([county.id, agency.id, sibling.id].sort());
    expect(row(v, sibling)).toMatchObject({ consistent: false, failedRules: ['G4'] });
    const own = await countyOf('siblingAdmin');
    expect(own.agencies.map((x) => x.agencyId)).toEqual([sibling.id]);
    expect((await c.drafter!.get('/api/reports/county/2025')).statusCode).toBe(403);
    expect((await c.admin!.get('/api/reports/county/1999')).statusCode).toBe(400);
  });

  it('serves the same as XLSX: one row per agency', async () => {
    const r = await c.supervisor!.get('/api/reports/county/2025/summary.xlsx');
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('年度报告汇总')!;
    expect(String(ws.getCell('A1').value)).toContain('2026-01-31');
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['单位', '状态', '首次发布时间', '最近更正时间', '是否一致']);
    const lines = new Map<string, unknown[]>();
    for (let i = 3; i <= ws.rowCount; i++) lines.set(String(ws.getCell(i, 1).value), (ws.getRow(i).values as unknown[]).slice(1));
    expect(lines.size).toBe((await countyOf('supervisor')).agencies.length);
    expect(lines.get('测试县甲乡人民政府')![1]).toBe('草稿');
    expect(lines.get('测试县乙镇人民政府')![4]).toBe('否');
    expect(lines.get('外县丙乡人民政府')![1]).toBe('未开始');
    const rules = wb.getWorksheet('未通过的规则')!;
    const g4 = (rules.getRow(2).values as unknown[]).slice(1);
    expect(g4).toEqual(expect.arrayContaining(['测试县乙镇人民政府', 'G4']));
    expect((await c.drafter!.get('/api/reports/county/2025/summary.xlsx')).statusCode).toBe(403);
  });
});

describe('publication: one transaction, then a correction', () => {
  it('publishes once even when two publications race: one item, one publication record', async () => {
    const v = await view();
    const overview = v.narrative.overview.replace(/【请填写[^】]*】/g, '');
    const n = await c.admin!.request('PUT', `${base()}/narrative`, { overview, problems: '一是公开内容还不够全面。', other: '本年度未收取信息处理费。', lockVersion: v.narrative.lockVersion });
    expect(n.statusCode, n.body).toBe(200);
    const [a, b] = await Promise.all([c.admin!.post(`${base()}/publish`), c.admin!.post(`${base()}/publish`)]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 409]);
    const column = (await listColumns(t.ctx.db, agency.id)).find((x) => x.slug === 'zfxxgknb')!;
    const items = await t.ctx.db.select().from(documents).where(and(eq(documents.agencyId, agency.id), eq(documents.columnId, column.id)));
    expect(items).toHaveLength(1);
    const pubs = await t.ctx.db.select().from(reportPublications).where(eq(reportPublications.agencyId, agency.id));
    expect(pubs.map((p) => [p.revision, p.documentId])).toEqual([[1, items[0]!.id]]);
    const published = (await view()).publication!;
    expect(published).toMatchObject({ revision: 1, outdated: false });
    // In time: the county view says published.
    const county = (await c.supervisor!.get('/api/reports/county/2025')).json() as { agencies: Array<{ agencyId: string; state: string; publishedAt?: string }> };
    expect(county.agencies.find((x) => x.agencyId === agency.id)).toMatchObject({ state: 'published', publishedAt: published.firstPublishedAt });
  });

  it('after the deadline: unpublished reports are late; a correction needs its note, stores revision 2 and the portal shows 本报告于…更正', async () => {
    setNow(new Date('2026-02-05T09:00:00+08:00'));
    for (const name of ['admin', 'supervisor', 'drafter', 'siblingAdmin']) await signIn(name); // the idle sessions of 20 January have ended
    let v = (await c.supervisor!.get('/api/reports/county/2025')).json() as { agencies: Array<{ agencyId: string; state: string; correctedAt?: string }> };
    expect(v.agencies.find((x) => x.agencyId === sibling.id)!.state).toBe('late');
    expect(v.agencies.find((x) => x.agencyId === agency.id)!.state).toBe('published');
    // A figure changes after publication: the view says the publication is outdated.
    const put = await c.admin!.request('PUT', `${base()}/figures`, { licensing: 3, penalties: 25, enforcement: 2, feesWan: 1.25, section4: null });
    expect((put.json() as View).publication).toMatchObject({ revision: 1, outdated: true });
    const plain = await c.admin!.post(`${base()}/publish`);
    expect(plain.statusCode).toBe(409);
    expect((plain.json() as { message: string }).message).toContain('更正说明');
    expect((await c.drafter!.post(`${base()}/publish`, { note: '更正' })).statusCode).toBe(403);
    const r = await c.admin!.post(`${base()}/publish`, { note: '行政处罚决定数量更正为25件' });
    expect(r.statusCode, r.body).toBe(200);
    const pub = (r.json() as View).publication!;
    expect(pub).toMatchObject({ revision: 2, outdated: false });
    expect(pub.firstPublishedAt < pub.publishedAt).toBe(true);
    const page = await t.app.inject({ method: 'GET', url: pub.url });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('本报告于2026年2月5日更正。更正说明：行政处罚决定数量更正为25件');
    const parsed = await readReport(Buffer.from(page.body), 'report.html');
    expect(parsed.numbers.section2.penalties).toBe(25);
    const json = (await t.app.inject({ method: 'GET', url: `/api/public/reports/${agency.slug}/2025` })).json() as AnnualReport;
    expect(json.section2.penalties).toBe(25);
    const pubs = await t.ctx.db.select().from(reportPublications).where(eq(reportPublications.agencyId, agency.id));
    expect(pubs.map((p) => p.revision).sort()).toEqual([1, 2]);
    expect(new Set(pubs.map((p) => p.documentId)).size).toBe(1);
    v = (await c.supervisor!.get('/api/reports/county/2025')).json() as typeof v;
    expect(v.agencies.find((x) => x.agencyId === agency.id)).toMatchObject({ state: 'published', correctedAt: pub.publishedAt });
    const actions = (await t.ctx.db.select().from(auditLog).where(eq(auditLog.agencyId, agency.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['report.publish', 'report.correct', 'document.correctDirect']));
  });

  it('a report first published after the deadline is late', async () => {
    const ok = await c.siblingAdmin!.request('PUT', `/api/reports/${sibling.id}/2025/figures`, { licensing: 0, penalties: 0, enforcement: 0, feesWan: 0, section4: null });
    expect(ok.statusCode).toBe(200);
    const v = (await c.siblingAdmin!.get(`/api/reports/${sibling.id}/2025`)).json() as View;
    const overview = v.narrative.overview.replace(/【请填写[^】]*】/g, '');
    await c.siblingAdmin!.request('PUT', `/api/reports/${sibling.id}/2025/narrative`, { overview, problems: '无。', other: '无。', lockVersion: 0 });
    expect((await c.siblingAdmin!.post(`/api/reports/${sibling.id}/2025/publish`)).statusCode).toBe(200);
    const county = (await c.supervisor!.get('/api/reports/county/2025')).json() as { agencies: Array<{ agencyId: string; state: string }> };
    expect(county.agencies.find((x) => x.agencyId === sibling.id)!.state).toBe('late');
  });
});

describe('report check as an upload', () => {
  const seed = readFileSync(SEED_PATH);
  const wrong = Buffer.from(editSeedCell('一、本年新收政府信息公开申请数量', 6, '2'));

  it('checks several files: contract + path + exit code per file, unreadable ones with a Chinese reason', async () => {
    await signIn('drafter');
    const r = await check('drafter', [
      { name: '曲尺乡2025.txt', data: seed },
      { name: '错误.txt', data: wrong },
      { name: '曲尺乡.html', data: Buffer.from(renderReportHtml(seedNumbers())) },
      { name: '图片.pdf', data: buildPng() },
      { name: '损坏.docx', data: Buffer.from('PK\u0003\u0004 not really a zip') },
      { name: '通知.txt', data: Buffer.from('关于做好防汛工作的通知\n各村：请做好准备。') },
    ]);
    expect(r.statusCode, r.body).toBe(200);
    const reports = (r.json() as { reports: Array<Record<string, unknown>> }).reports;
    expect(reports.map((x) => [x.path, x.exitCode])).toEqual([
      ['曲尺乡2025.txt', 0],
      ['错误.txt', 1],
      ['曲尺乡.html', 0],
      ['图片.pdf', 2],
      ['损坏.docx', 2],
      ['通知.txt', 2],
    ]);
    expect(Object.keys(reports[0]!)).toEqual(['path', 'exitCode', 'title', 'agency', 'year', 'format', 'section2', 'section3', 'section4', 'checks', 'consistent']);
    expect(reports[0]).toMatchObject({ agency: '巫山县曲尺乡人民政府', year: 2025, consistent: true });
    expect((reports[1]!.checks as Array<{ rule: string; ok: boolean; cells: string[] }>).find((x) => x.rule === 'G1')).toMatchObject({ ok: false, cells: expect.arrayContaining(['三.总计.一']) });
    for (const bad of reports.slice(3)) {
      expect(bad.error).toMatchObject({ code: expect.any(String), message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    }
    expect((reports[5]!.error as { code: string }).code).toBe('NOT_A_REPORT');
  });

  it('answers the XLSX summary, one row per report', async () => {
    const r = await check('drafter', [{ name: '曲尺乡2025.txt', data: seed }, { name: '错误.txt', data: wrong }, { name: 'x.bin', data: buildPng() }], '/api/reports/check/summary.xlsx');
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('年报检查汇总')!;
    expect(ws.rowCount).toBe(4);
    expect([2, 3, 4].map((i) => [ws.getCell(i, 1).value, ws.getCell(i, 5).value])).toEqual([
      ['曲尺乡2025.txt', '是'],
      ['错误.txt', '否'],
      ['x.bin', '无法读取'],
    ]);
  });

  it('limits: a file over the size limit is reported alone, too many files 413, no file 400, not multipart 415, anonymous 401', async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 0x41);
    const r = await check('drafter', [{ name: '大文件.txt', data: big }, { name: '曲尺乡2025.txt', data: seed }]);
    expect(r.statusCode, r.body).toBe(200);
    const reports = (r.json() as { reports: Array<{ path: string; exitCode: number; error?: { message: string } }> }).reports;
    expect(reports.map((x) => x.exitCode)).toEqual([2, 0]);
    expect(reports[0]!.error!.message).toContain('超过 1 MB');
    const many = await check('drafter', Array.from({ length: 31 }, (_, i) => ({ name: `${i}.txt`, data: Buffer.from('x') })));
    expect(many.statusCode, many.body).toBe(413);
    expect((many.json() as { message: string }).message).toContain('30');
    const none = multipart([]);
    expect((await c.drafter!.request('POST', '/api/reports/check', none.payload, none.headers)).statusCode).toBe(400);
    expect((await c.drafter!.post('/api/reports/check', { files: [] })).statusCode).toBe(415);
    const m = multipart([{ name: 'a.txt', data: seed }], 'files');
    expect((await t.app.inject({ method: 'POST', url: '/api/reports/check', payload: m.payload, headers: m.headers })).statusCode).toBe(401);
  });

  it('keeps the audit chain intact', async () => {
    expect((await verifyAuditLog(t.ctx.db)).ok).toBe(true);
  });
});
