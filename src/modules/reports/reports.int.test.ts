/**
 * The annual report generator on a fresh database (PGlite, or PostgreSQL with
 * GONGKAI_TEST_DATABASE_URL): 2025 data built through the services (规章 and 行政规范性文件 with
 * their validity through createPublishedItem, requests registered and answered through the
 * requests API, figures and cases through the reports API) → the tables, every hard rule, the
 * drill-down; publication refused when inconsistent or unfinished, allowed otherwise; the
 * published page and the DOCX read back by the report readers give the same numbers; every
 * route allowed and forbidden.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency } from '../../../test/factories.ts';
import { createStaff, type StaffSpec } from '../../../test/support/staff.ts';
import type { Agency } from '../agencies/index.ts';
import { verifyAuditLog } from '../audit/index.ts';
import { createPublishedItem } from '../publishing/index.ts';
import { readReport, type AnnualReport, type ReportNumbers } from './index.ts';

let t: TestContext;
let agency: Agency;
let other: Agency;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const docs: Record<string, string> = {};
const reqs: Record<string, string> = {};
const base = () => `/api/reports/${agency.id}/2025`;

interface View {
  numbers: AnnualReport;
  checks: AnnualReport['checks'];
  sources: Record<string, string[]>;
  section4Source: string;
  figures: { id: string } | null;
  narrative: { overview: string; problems: string; other: string; stored: boolean; lockVersion: number };
  publication: { documentId: string; url: string } | null;
}

const put = (who: string, url: string, body: unknown) => c[who]!.request('PUT', url, body);

async function doc(key: string, over: Partial<Parameters<typeof createPublishedItem>[1]>) {
  const { documentId } = await createPublishedItem(t.ctx, {
    agencyId: agency.id,
    columnSlug: 'qtxx',
    title: `测试文件${key}`,
    bodyHtml: '<p>正文</p>',
    createdBy: ids.sysadmin!,
    ...over,
  });
  docs[key] = documentId;
}

async function request(key: string, receivedOn: string, who: Record<string, unknown>, then: { action: string; on: string; extra?: Record<string, unknown> } | null) {
  const res = await c.handler!.post('/api/requests', {
    agencyId: agency.id,
    channel: 'in_person',
    receivedOn,
    phone: '13912345678',
    description: '某项政府信息',
    provisionForm: 'paper',
    delivery: 'mail',
    address: '某县某镇某村1号',
    ...who,
  });
  expect(res.statusCode, res.body).toBe(201);
  const d = res.json() as { request: { id: string; lockVersion: number } };
  reqs[key] = d.request.id;
  if (then) {
    const r = await c.handler!.post(`/api/requests/${d.request.id}/${then.action}`, { lockVersion: d.request.lockVersion, on: then.on, ...then.extra });
    expect(r.statusCode, r.body).toBe(200);
  }
}

const person = { applicantKind: 'person', name: '张某', idType: 'resident_id', idNumber: '11010519491231002X' };
const org = (orgKind: string) => ({ applicantKind: 'organization', orgKind, name: '某某有限公司', uscc: '91350100M000100Y43', legalRepresentative: '王某', contactPerson: '李某' });

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx, { name: '测试县某某乡人民政府' });
  other = await buildAgency(t.ctx);
  const users: StaffSpec = {
    admin: { agency, roles: ['admin'] },
    handler: { agency, roles: ['handler'] },
    drafter: { agency, roles: ['drafter'] },
    supervisor: { globalRole: 'supervisor' },
    sysadmin: { globalRole: 'sysadmin' },
    outsider: { agency: other, roles: ['admin'] },
  };
  await createStaff(t, users, { ids, clients: c });
  // 规章 and 行政规范性文件 (table 二 第二十条第（一）项).
  const at = (d: string) => new Date(`${d}T02:00:00Z`);
  await doc('R1', { docType: 'regulation', validity: 'valid', effectiveOn: '2025-03-01', publishedAt: at('2025-03-01') });
  await doc('N1', { docType: 'normative', validity: 'valid', effectiveOn: '2024-05-01', publishedAt: at('2024-05-01') });
  await doc('N2', { docType: 'normative', validity: 'repealed', effectiveOn: '2023-01-10', invalidOn: '2025-06-30', publishedAt: at('2023-01-10') });
  await doc('N3', { docType: 'normative', validity: 'expired', effectiveOn: '2025-02-01', invalidOn: '2026-03-01', publishedAt: at('2025-02-01') });
  await doc('N4', { docType: 'normative', validity: 'valid', effectiveOn: '2026-02-01', publishedAt: at('2026-02-01') });
  await doc('O1', { publishedAt: at('2025-07-01') });
  // Requests (table 三).
  await request('A', '2024-12-20', person, { action: 'reply', on: '2025-01-10', extra: { outcome: 'granted' } });
  await request('B', '2025-03-03', person, { action: 'reply', on: '2025-03-20', extra: { outcome: 'partial' } });
  await request('C', '2025-05-06', org('business'), { action: 'reply', on: '2025-05-20', extra: { outcome: 'not_processed_duplicate' } });
  await request('D', '2025-12-25', org('legal'), null);
  await request('E', '2025-04-01', person, { action: 'withdraw', on: '2025-04-05', extra: { reason: '申请人书面撤回' } });
  await request('F', '2024-06-01', person, { action: 'reply', on: '2024-06-20', extra: { outcome: 'granted' } });
});
afterAll(() => t.close());

/** The expected tables of 2025. */
function expected(): Pick<ReportNumbers, 'section2' | 'section4'> & { rows: Record<string, number[]> } {
  return {
    section2: {
      regulations: { issued: 1, repealed: 0, inForce: 1 },
      normativeDocuments: { issued: 1, repealed: 1, inForce: 2 },
      licensing: 3,
      penalties: 21,
      enforcement: 2,
      feesWan: 1.25,
    },
    rows: {
      new: [2, 1, 0, 0, 1, 0, 4],
      carried_over: [1, 0, 0, 0, 0, 0, 1],
      granted: [1, 0, 0, 0, 0, 0, 1],
      partial: [1, 0, 0, 0, 0, 0, 1],
      not_processed_duplicate: [0, 1, 0, 0, 0, 0, 1],
      other_other: [1, 0, 0, 0, 0, 0, 1],
      total: [3, 1, 0, 0, 0, 0, 4],
      carried_forward: [0, 0, 0, 0, 1, 0, 1],
    },
    section4: { reconsideration: [1, 0, 0, 1, 2], litigationDirect: [0, 1, 0, 0, 1], litigationAfterReconsideration: [0, 0, 0, 0, 0] },
  };
}

function expectNumbers(n: Pick<ReportNumbers, 'section2' | 'section3' | 'section4'>) {
  const e = expected();
  expect(n.section2).toEqual(e.section2);
  for (const [key, row] of Object.entries(n.section3.rows)) expect(row, key).toEqual(e.rows[key] ?? [0, 0, 0, 0, 0, 0, 0]);
  expect(n.section4).toEqual(e.section4);
}

async function view(who = 'admin', url = base()): Promise<View> {
  const res = await c[who]!.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('the 2025 report computed from live data', () => {
  it('enters figures and cases (agency admin), computes every table and passes every hard rule', async () => {
    const f = await put('admin', `${base()}/figures`, { licensing: 3, penalties: 21, enforcement: 2, feesWan: 1.25 });
    expect(f.statusCode, f.body).toBe(200);
    for (const body of [
      { kind: 'reconsideration', result: 'upheld', caseNo: '某复决字〔2025〕1号' },
      { kind: 'reconsideration', result: 'pending' },
      { kind: 'litigation_direct', result: 'corrected', filedOn: '2025-08-01' },
    ]) {
      const r = await c.admin!.post(`${base()}/cases`, body);
      expect(r.statusCode, r.body).toBe(201);
    }
    const v = await view();
    expectNumbers(v.numbers);
    expect(v.numbers).toMatchObject({ title: '测试县某某乡人民政府2025年政府信息公开工作年度报告', agency: '测试县某某乡人民政府', year: 2025, format: 'html', consistent: true });
    expect(v.checks.filter((x) => x.rule.startsWith('G')).every((x) => x.ok)).toBe(true);
    expect(v.section4Source).toBe('cases');
  });

  it('links every number to the records behind it', async () => {
    const v = await view();
    const s = v.sources;
    expect(s['二.规章.本年制发件数']).toEqual([docs.R1]);
    expect(s['二.行政规范性文件.本年废止件数']).toEqual([docs.N2]);
    expect(new Set(s['二.行政规范性文件.现行有效件数'])).toEqual(new Set([docs.N1, docs.N3]));
    expect(s['二.行政处罚.本年处理决定数量']).toEqual([v.figures!.id]);
    expect(s['三.自然人.二']).toEqual([reqs.A]);
    expect(new Set(s['三.总计.一'])).toEqual(new Set([reqs.B, reqs.C, reqs.D, reqs.E]));
    expect(s['三.商业企业.三(五)2']).toEqual([reqs.C]);
    expect(s['三.法律服务机构.四']).toEqual([reqs.D]);
    expect(s['三.自然人.三(六)3']).toEqual([reqs.E]);
    expect(s['四.行政复议.总计']).toHaveLength(2);
    expect(Object.values(s).flat()).not.toContain(reqs.F);
    // Every cell with a non-zero count has exactly that many records behind it (figures aside).
    for (const cell of Object.keys(s).filter((k) => k.startsWith('三.'))) expect(s[cell]!.length).toBeGreaterThan(0);
  });

  it('offers a data-driven first draft whose quoted figures pass S3', async () => {
    const v = await view();
    expect(v.narrative.stored).toBe(false);
    expect(v.narrative.overview).toContain('全年累计主动公开政府信息3条'); // R1 N3 O1 (N1 N2 earlier, N4 in 2026)
    expect(v.narrative.overview).toContain('共收到政府信息公开申请4件，其中自然人提出的申请2件，法人或其他组织提出的申请2件');
    expect(v.narrative.overview).toContain('上年结转政府信息公开申请1件');
    expect(v.narrative.overview).toContain('行政复议2件，行政诉讼1件');
    const s3 = v.checks.find((x) => x.rule === 'S3')!;
    expect(s3.ok, s3.message).toBe(true);
  });
});

describe('publishing the 2025 report', () => {
  it('refuses while the narrative has placeholders, then while a hard rule fails (422 naming the cells)', async () => {
    let r = await c.admin!.post(`${base()}/publish`);
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json()).toMatchObject({ code: 'REPORT_NARRATIVE_INCOMPLETE' });
    const v = await view();
    const overview = v.narrative.overview.replace(/【请填写[^】]*】/g, '');
    r = await put('admin', `${base()}/narrative`, { overview, problems: '一是公开内容还不够全面。下一步将加强培训。', other: '本年度未收取信息处理费。', lockVersion: 0 });
    expect(r.statusCode, r.body).toBe(200);
    expect((r.json() as View).narrative).toMatchObject({ stored: true, lockVersion: 1 });
    // A stale lockVersion is refused.
    r = await put('admin', `${base()}/narrative`, { overview, problems: 'x', other: 'y', lockVersion: 0 });
    expect(r.statusCode).toBe(409);
    // Table 四 entered directly with a wrong 总计: G4 fails and publication is refused naming the cell.
    r = await put('admin', `${base()}/figures`, {
      licensing: 3,
      penalties: 21,
      enforcement: 2,
      feesWan: 1.25,
      section4: { reconsideration: [1, 0, 0, 1, 3], litigationDirect: [0, 1, 0, 0, 1], litigationAfterReconsideration: [0, 0, 0, 0, 0] },
    });
    expect(r.statusCode, r.body).toBe(200);
    const bad = r.json() as View;
    expect(bad.section4Source).toBe('figures');
    expect(bad.numbers.consistent).toBe(false);
    expect(bad.checks.find((x) => x.rule === 'G4')).toMatchObject({ ok: false, cells: expect.arrayContaining(['四.行政复议.总计']) });
    r = await c.admin!.post(`${base()}/publish`);
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json()).toMatchObject({ code: 'REPORT_INCONSISTENT', details: { cells: expect.arrayContaining(['四.行政复议.总计']) } });
    expect(r.json().message).toContain('G4');
    // Back to the recorded cases.
    r = await put('admin', `${base()}/figures`, { licensing: 3, penalties: 21, enforcement: 2, feesWan: 1.25, section4: null });
    expect((r.json() as View).numbers.consistent).toBe(true);
  });

  it('publishes into the 政府信息公开年报 column; the portal page read back gives the same numbers', async () => {
    const r = await c.admin!.post(`${base()}/publish`);
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json() as View;
    expect(v.publication).toMatchObject({ url: `/info/${v.publication!.documentId}` });
    const page = await t.app.inject({ method: 'GET', url: v.publication!.url });
    expect(page.statusCode).toBe(200);
    for (const title of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) {
      expect(page.body).toContain(title);
    }
    expect(page.body).toContain('rowspan="22"');
    const parsed = await readReport(Buffer.from(page.body), 'report.html');
    expect(parsed.title).toBe('测试县某某乡人民政府2025年政府信息公开工作年度报告');
    expect(parsed.year).toBe(2025);
    expectNumbers(parsed.numbers);
    // The column lists it.
    const column = await t.app.inject({ method: 'GET', url: `/gk/${agency.slug}/zfxxgknb/` });
    expect(column.body).toContain('2025年政府信息公开工作年度报告');
    // Publishing twice is refused.
    expect((await c.admin!.post(`${base()}/publish`)).statusCode).toBe(409);
  });

  it('serves the published JSON contract publicly, and 404 for a year not published', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/reports/${agency.slug}/2025` });
    expect(res.statusCode, res.body).toBe(200);
    const json = res.json() as AnnualReport;
    expect(Object.keys(json)).toEqual(['title', 'agency', 'year', 'format', 'section2', 'section3', 'section4', 'checks', 'consistent']);
    expectNumbers(json);
    expect(json.consistent).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/reports/${agency.slug}/2024` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/reports/${other.slug}/2025` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/reports/no-such-agency/2025` })).statusCode).toBe(404);
  });

  it('renders DOCX that the DOCX reader reads back to the same numbers', async () => {
    const res = await c.drafter!.get(`${base()}/report.docx`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const parsed = await readReport(res.rawPayload, 'report.docx');
    expect(parsed.format).toBe('docx');
    expect(parsed.title).toBe('测试县某某乡人民政府2025年政府信息公开工作年度报告');
    expectNumbers(parsed.numbers);
    const xml = (await import('jszip')).default;
    const zip = await xml.loadAsync(res.rawPayload);
    const document = await zip.file('word/document.xml')!.async('string');
    expect(document).toContain('仿宋_GB2312');
    expect(document).toContain('黑体');
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(document).toContain('<w:vMerge w:val="restart"/>');
    expect(document).toContain('<w:gridSpan w:val="7"/>');
  });
});

describe('who may do what', () => {
  const codes = async (who: string, method: string, url: string, body?: unknown) => (await c[who]!.request(method, url, body)).statusCode;
  const figures = { licensing: 0, penalties: 0, enforcement: 0, feesWan: 0 };

  it('reads: members and supervisors yes, other agencies 404, anonymous 401', async () => {
    expect(await codes('drafter', 'GET', base())).toBe(200);
    expect(await codes('supervisor', 'GET', base())).toBe(200);
    expect(await codes('drafter', 'GET', `${base()}/cases`)).toBe(200);
    expect(await codes('outsider', 'GET', base())).toBe(404);
    expect(await codes('outsider', 'GET', `${base()}/cases`)).toBe(404);
    expect(await codes('outsider', 'GET', `${base()}/report.docx`)).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: base() })).statusCode).toBe(401);
    expect(await codes('admin', 'GET', `/api/reports/${agency.id}/1999`)).toBe(400);
  });

  it('writes: agency admin (and sysadmin) yes; other members 403; other agencies 404; bad input 400', async () => {
    const url = `/api/reports/${agency.id}/2024`;
    expect(await codes('drafter', 'PUT', `${url}/figures`, figures)).toBe(403);
    expect(await codes('handler', 'POST', `${url}/cases`, { kind: 'reconsideration', result: 'upheld' })).toBe(403);
    expect(await codes('supervisor', 'PUT', `${url}/narrative`, { overview: 'a', problems: 'b', other: 'c', lockVersion: 0 })).toBe(403);
    expect(await codes('drafter', 'POST', `${url}/publish`)).toBe(403);
    expect(await codes('outsider', 'PUT', `${url}/figures`, figures)).toBe(404);
    expect(await codes('outsider', 'POST', `${url}/publish`)).toBe(404);
    expect(await codes('admin', 'PUT', `${url}/figures`, { ...figures, penalties: -1 })).toBe(400);
    expect(await codes('admin', 'PUT', `${url}/figures`, { ...figures, feesWan: 0.00001 })).toBe(400);
    expect(await codes('admin', 'POST', `${url}/cases`, { kind: 'appeal', result: 'upheld' })).toBe(400);
    expect(await codes('sysadmin', 'PUT', `${url}/figures`, figures)).toBe(200);
    expect(await codes('admin', 'POST', `${url}/cases`, { kind: 'litigation_after_reconsideration', result: 'other' })).toBe(201);
    // The year under way cannot be published.
    expect(await codes('admin', 'POST', `/api/reports/${agency.id}/2026/publish`)).toBe(422);
  });

  it('keeps the audit chain intact', async () => {
    expect((await verifyAuditLog(t.ctx.db)).ok).toBe(true);
  });
});
