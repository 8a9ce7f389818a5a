/**
 * 告知书 through HTTP on a fresh database (PGlite, or PostgreSQL with GONGKAI_TEST_DATABASE_URL):
 * the reply letter generated and frozen at the reply with the disclosed files listed, DOCX and
 * PDF read back (mammoth, pdf.js), the notices (补正、延期、收费), per-agency templates and
 * remedies settings (validation, audit, reset), access, delivery, the portal download with and
 * without the right query code, and 条例第44条 (a draft in the normal review workflow).
 */
import { randomBytes } from 'node:crypto';
import mammoth from 'mammoth';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, queryRows, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency } from '../../../test/factories.ts';
import { createStaff, type StaffSpec } from '../../../test/support/staff.ts';
import { buildXlsx } from '../../../test/fixtures.ts';
import { pdfText } from '../../../test/support/pdf.ts';
import { sha256 } from '../../lib/ids.ts';
import { listColumns, type Agency } from '../agencies/index.ts';
import { verifyAuditLog } from '../audit/index.ts';

let t: TestContext;
let agency: Agency;
let other: Agency;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const NAME = '张秘密';
const ID_NUMBER = '11010519491231002X';

const rows = <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => queryRows<T>(t, q);

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx, { name: '测试曲尺乡人民政府' });
  other = await buildAgency(t.ctx);
  const users: StaffSpec = {
    handler: { agency, roles: ['handler', 'drafter'], displayName: '王承办' },
    handlerOnly: { agency, roles: ['handler'], displayName: '李承办' },
    admin: { agency, roles: ['admin'], displayName: '郑管理' },
    auditor: { agency, roles: ['auditor'], displayName: '冯审计' },
    outsider: { agency: other, roles: ['admin', 'handler'], displayName: '卫外单位' },
  };
  await createStaff(t, users, { ids, clients: c });
});
afterAll(() => t.close());

interface Detail {
  request: { id: string; state: string; lockVersion: number; trackingNo: string };
  events: Array<{ kind: string; on: string; data: Record<string, unknown> }>;
  queryCode?: string;
}

async function register(over: Record<string, unknown> = {}): Promise<Detail> {
  const res = await c.handler!.post('/api/requests', {
    agencyId: agency.id,
    channel: 'registered_mail',
    receivedOn: '2025-09-26',
    applicantKind: 'person',
    name: NAME,
    idType: 'resident_id',
    idNumber: ID_NUMBER,
    phone: '13912345678',
    address: '某县某镇某村1号',
    description: '2025年本乡低保资金发放明细',
    provisionForm: 'paper',
    delivery: 'mail',
    handlerId: ids.handler,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function lockVersion(id: string): Promise<number> {
  return ((await c.admin!.get(`/api/requests/${id}`)).json() as Detail).request.lockVersion;
}

async function act(id: string, action: string, extra: Record<string, unknown>): Promise<Detail> {
  const res = await c.handler!.post(`/api/requests/${id}/${action}`, { lockVersion: await lockVersion(id), ...extra });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
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

async function upload(id: string, filename: string, data: Buffer, who = 'handler') {
  const m = multipart(filename, data);
  return c[who]!.request('POST', `/api/requests/${id}/files?lockVersion=${await lockVersion(id)}`, m.payload, m.headers);
}

async function docxText(data: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer: data })).value.replace(/\s+/g, '');
}

describe('the reply letter', () => {
  let req: Detail;
  let firstPdf: Buffer;

  it('is generated at the reply, stored, recorded in the event and lists the disclosed files (附件清单)', async () => {
    req = await register();
    const id = req.request.id;
    await act(id, 'accept', { on: '2025-09-28' });
    const xlsx = await buildXlsx({ 低保: [['户主', '金额'], ['某某', 500]] });
    const up = await upload(id, '2025年低保发放明细.xlsx', xlsx);
    expect(up.statusCode, up.body).toBe(201);
    // Checked by content: a PDF named .xlsx that is not a spreadsheet is refused.
    expect((await upload(id, '伪装.xlsx', Buffer.from('%PDF-1.4 not really'))).statusCode).toBe(415);
    // Only who may reply uploads: the auditor is refused.
    expect((await upload(id, '审计.xlsx', xlsx, 'auditor')).statusCode).toBe(403);

    // Preview before the reply: the outcome is required, and the preview says so in a header.
    expect((await c.handler!.get(`/api/requests/${id}/letters/reply.pdf`)).statusCode).toBe(400);
    const preview = await c.handler!.get(`/api/requests/${id}/letters/reply.pdf?outcome=partial&note=${encodeURIComponent('第三方不同意公开')}`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.headers['x-gongkai-letter']).toBe('preview');
    expect(await pdfText(preview.rawPayload)).toContain('第三十七条');

    const d = await act(id, 'reply', { on: '2025-10-20', outcome: 'granted', note: '相关信息已整理如附件。' });
    const replied = d.events.find((e) => e.kind === 'replied')!;
    const letter = replied.data.letter as { kind: string; pdf: { sha256: string }; docx: { sha256: string }; templateKind: string };
    expect(letter.kind).toBe('reply');
    expect(letter.templateKind).toBe('reply.granted');
    expect((replied.data.files as Array<{ filename: string }>).map((f) => f.filename)).toEqual(['2025年低保发放明细.xlsx']);
    expect(await t.ctx.storage.has(letter.pdf.sha256)).toBe(true);

    const pdf = await c.handler!.get(`/api/requests/${id}/letters/reply.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['cache-control']).toBe('private, no-store');
    expect(pdf.headers['x-gongkai-letter']).toBe('frozen');
    expect(sha256(pdf.rawPayload)).toBe(letter.pdf.sha256);
    firstPdf = pdf.rawPayload;
    const text = await pdfText(pdf.rawPayload);
    for (const s of [NAME, req.request.trackingNo, '《中华人民共和国政府信息公开条例》第三十六条第（一）（二）项', '60日内', '6个月内', '行政复议', '行政诉讼', '附件：', '2025年低保发放明细.xlsx', '测试曲尺乡人民政府', '2025年10月20日', '相关信息已整理如附件。']) {
      expect(text).toContain(s);
    }

    const docx = await c.handler!.get(`/api/requests/${id}/letters/reply.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toContain(encodeURIComponent(`政府信息公开申请答复告知书-${req.request.trackingNo}.docx`));
    expect(sha256(docx.rawPayload)).toBe(letter.docx.sha256);
    const dtext = await docxText(docx.rawPayload);
    for (const s of [NAME, req.request.trackingNo, '第三十六条第（一）（二）项', '60日内', '6个月内', '2025年低保发放明细.xlsx']) expect(dtext).toContain(s);
  });

  it('stays exactly what was sent when the template and the remedies settings change later', async () => {
    const id = req.request.id;
    const put = await c.admin!.request('PUT', '/api/requests/letter-templates/reply.granted', { agencyId: agency.id, title: '答复书（新模板）', body: '新模板正文：{申请人}。\n{救济途径}' });
    expect(put.statusCode, put.body).toBe(200);
    expect((await c.admin!.request('PUT', '/api/requests/letter-settings', { agencyId: agency.id, reviewOrgan: '测试县人民政府', court: '测试县人民法院' })).statusCode).toBe(200);
    const again = await c.handler!.get(`/api/requests/${id}/letters/reply.pdf`);
    expect(again.rawPayload.equals(firstPdf)).toBe(true);
    // A new reply uses the new template and settings.
    const r2 = await register({ description: '本乡2025年道路硬化工程招标文件' });
    await act(r2.request.id, 'accept', { on: '2025-09-28' });
    await act(r2.request.id, 'reply', { on: '2025-10-21', outcome: 'granted' });
    const text = await pdfText((await c.handler!.get(`/api/requests/${r2.request.id}/letters/reply.pdf`)).rawPayload);
    expect(text).toContain('答复书（新模板）');
    expect(text).toContain(`新模板正文：${NAME}。`);
    expect(text).toContain('60日内向测试县人民政府申请行政复议');
    expect(text).toContain('6个月内向测试县人民法院提起行政诉讼');
    expect((await c.admin!.request('DELETE', `/api/requests/letter-templates/reply.granted?agencyId=${agency.id}`)).statusCode).toBe(200);
  });

  it('records and shows the delivery (method and date)', async () => {
    const id = req.request.id;
    await act(id, 'deliver', { on: '2025-10-22', method: 'mail', note: 'EMS 1234' });
    const o = (await c.handler!.get(`/api/requests/${id}/letters`)).json();
    expect(o.delivery).toEqual({ on: '2025-10-22', method: 'mail', methodName: '邮寄', note: 'EMS 1234' });
    expect(o.letters).toEqual([expect.objectContaining({ letter: 'reply', on: '2025-10-20', frozen: true })]);
    expect(o.sentFiles.map((f: { filename: string }) => f.filename)).toEqual(['2025年低保发放明细.xlsx']);
  });

  it('is refused to other agencies (404) and to staff who may not see the applicant (403); the overview names no applicant', async () => {
    const id = req.request.id;
    expect((await c.outsider!.get(`/api/requests/${id}/letters/reply.pdf`)).statusCode).toBe(404);
    expect((await c.outsider!.get(`/api/requests/${id}/letters`)).statusCode).toBe(404);
    const auditor = await c.auditor!.get(`/api/requests/${id}/letters/reply.pdf`);
    expect(auditor.statusCode).toBe(403);
    expect(auditor.body).not.toContain(NAME);
    const overview = await c.auditor!.get(`/api/requests/${id}/letters`);
    expect(overview.statusCode).toBe(200);
    expect(overview.json().canDownload).toBe(false);
    expect(overview.body).not.toContain(NAME);
    expect(overview.body).not.toContain(ID_NUMBER);
    expect((await c.handler!.get(`/api/requests/${id}/letters/nonsense.pdf`)).statusCode).toBe(400);
    expect((await c.handler!.get(`/api/requests/${id}/letters/correction.pdf`)).statusCode).toBe(404);
  });
});

describe('the notices (补正、延期、收费)', () => {
  it('补正告知书 names the items, the period and 第三十条, with the remedies', async () => {
    const d = await register();
    await act(d.request.id, 'ask-correction', { on: '2025-09-29', items: '请写明所需信息的年份范围', periodDays: 10 });
    const res = await c.handler!.get(`/api/requests/${d.request.id}/letters/correction.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-gongkai-letter']).toBe('frozen');
    const text = await pdfText(res.rawPayload);
    for (const s of ['政府信息公开申请补正告知书', NAME, d.request.trackingNo, '请写明所需信息的年份范围', '10个工作日', '第三十条', '60日内', '6个月内']) expect(text).toContain(s);
  });

  it('延期答复告知书 and 收费通知 state the days, the new due date, the amount and 第三十三条第二款 / 第四十二条', async () => {
    const d = await register();
    const id = d.request.id;
    await act(id, 'accept', { on: '2025-09-28' });
    await act(id, 'extend', { on: '2025-10-20', days: 15, approvedBy: ids.admin, noticeOn: '2025-10-21', reason: '需要调取档案' });
    // 按件 would be free for an applicant's first 10 件 a month (109号第四条); 60 pages 按量 = 30 × 10元.
    await act(id, 'fee-notice', { on: '2025-10-22', amount: 300, method: 'per_page', pages: 60, periodDays: 20 });
    const ext = await docxText((await c.handler!.get(`/api/requests/${id}/letters/extension.docx`)).rawPayload);
    for (const s of ['政府信息公开申请延期答复告知书', NAME, '因需要调取档案', '延长15个工作日', '第三十三条第二款', '2025年10月21日', '60日内', '6个月内']) expect(ext).toContain(s);
    const fee = await pdfText((await c.handler!.get(`/api/requests/${id}/letters/fee.pdf`)).rawPayload);
    for (const s of ['政府信息公开信息处理费收费通知', '人民币300元', '按量计收', '第四十二条', '60日内', '6个月内']) expect(fee).toContain(s);
  });
});

describe('letter templates of an agency', () => {
  const url = (kind: string) => `/api/requests/letter-templates/${kind}`;

  it('lists the 24 kinds with their article and the placeholders; defaults derive the remedies organs', async () => {
    const res = await c.handlerOnly!.get(`/api/requests/letter-templates?agencyId=${agency.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(24);
    expect(body.canEdit).toBe(false);
    expect(body.items.find((i: { kind: string }) => i.kind === 'reply.partial').article).toBe('第三十七条');
    expect(body.placeholders.map((p: { name: string }) => p.name)).toContain('救济途径');
    expect((await c.outsider!.get(`/api/requests/letter-templates?agencyId=${agency.id}`)).statusCode).toBe(404);
    expect((await c.auditor!.get(`/api/requests/letter-templates?agencyId=${agency.id}`)).statusCode).toBe(403);
  });

  it('refuses unknown placeholders and a body without the remedies (400, Chinese), non-admins (403) and other agencies (404)', async () => {
    const bad = await c.admin!.request('PUT', url('reply.denied_third_party'), { agencyId: agency.id, title: '告知书', body: '{申请人}：{不存在的占位符}\n{救济途径}' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields.body).toContain('未知的占位符：{不存在的占位符}');
    const noRemedies = await c.admin!.request('PUT', url('reply.denied_third_party'), { agencyId: agency.id, title: '告知书', body: '不予公开。' });
    expect(noRemedies.statusCode).toBe(400);
    expect(noRemedies.json().details.fields.body).toContain('{救济途径}');
    expect((await c.admin!.request('PUT', url('reply.no_such_outcome'), { agencyId: agency.id, title: '告知书', body: '{救济途径}' })).statusCode).toBe(400);
    expect((await c.handlerOnly!.request('PUT', url('reply.denied_third_party'), { agencyId: agency.id, title: '告知书', body: '{救济途径}' })).statusCode).toBe(403);
    expect((await c.outsider!.request('PUT', url('reply.denied_third_party'), { agencyId: agency.id, title: '告知书', body: '{救济途径}' })).statusCode).toBe(404);
  });

  it('saves an override (audited), shows it, and resets to the default (audited)', async () => {
    const put = await c.admin!.request('PUT', url('correction'), { agencyId: agency.id, title: '补正通知', body: '{申请人}：请补正{补正事项}。\n{救济途径}' });
    expect(put.statusCode, put.body).toBe(200);
    const got = (await c.handler!.get(`${url('correction')}?agencyId=${agency.id}`)).json();
    expect(got.override.title).toBe('补正通知');
    expect(got.effective.title).toBe('补正通知');
    const reset = await c.admin!.request('DELETE', `${url('correction')}?agencyId=${agency.id}`);
    expect(reset.statusCode).toBe(200);
    expect(reset.json().override).toBeNull();
    expect(reset.json().effective.title).toBe('政府信息公开申请补正告知书');
    const audit = await rows<{ action: string }>(sql`select action from audit_log where entity_id = ${`${agency.id}:correction`} order by id`);
    expect(audit.map((a) => a.action)).toEqual(['request.letterTemplate.update', 'request.letterTemplate.reset']);
    expect((await verifyAuditLog(t.ctx.db)).ok).toBe(true);
  });
});

describe('portal: the applicant downloads the letter with the tracking number and the query code', () => {
  const ip = '10.99.0.1';
  const statusPath = () => `/gk/${agency.slug}/ysqgk/status`;
  const letterPath = () => `/gk/${agency.slug}/ysqgk/letter`;
  const post = (path: string, data: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: path, remoteAddress: ip, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(data).toString() });
  const token = async () => /name="formToken" value="([^"]+)"/.exec((await t.app.inject({ method: 'GET', url: statusPath(), remoteAddress: ip })).body)![1]!;

  it('offers and serves the PDF only with the right code; a wrong code gets the same answer as an unknown number', async () => {
    const d = await register();
    await act(d.request.id, 'accept', { on: '2025-09-28' });
    await act(d.request.id, 'reply', { on: '2025-10-20', outcome: 'unavailable_not_held', note: '经检索未找到。' });
    const trackingNo = d.request.trackingNo;
    const queryCode = d.queryCode!;
    const status = await post(statusPath(), { trackingNo, queryCode, formToken: await token() });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('无法提供：本机关不掌握相关政府信息');
    expect(status.body).toContain('下载《政府信息公开申请答复告知书》');
    expect(status.body).not.toContain(NAME);

    const pdf = await post(letterPath(), { trackingNo, queryCode, letter: 'reply', formToken: await token() });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['cache-control']).toBe('no-store');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain(NAME);
    expect(text).toContain('第三十六条第（四）（五）项');

    const wrong = await post(letterPath(), { trackingNo, queryCode: 'AAAA-BBBB-CCCC', letter: 'reply', formToken: await token() });
    const unknown = await post(letterPath(), { trackingNo: '1999-9999', queryCode: 'AAAA-BBBB-CCCC', letter: 'reply', formToken: await token() });
    const noLetter = await post(letterPath(), { trackingNo, queryCode, letter: 'fee', formToken: await token() });
    for (const r of [wrong, unknown, noLetter]) {
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('text/html');
      expect(r.body).toContain('受理编号或查询码不正确');
      expect(r.body).not.toContain(NAME);
    }
    const wrongStatus = await post(statusPath(), { trackingNo, queryCode: 'AAAA-BBBB-CCCC', formToken: await token() });
    expect(wrongStatus.body).not.toContain('下载《');
    expect((await post(letterPath(), { trackingNo, queryCode, letter: 'reply', formToken: 'forged.token.x' })).statusCode).toBe(403);
  });
});

describe('条例第44条: proposing a disclosed reply for proactive publication', () => {
  it('creates a draft with the disclosed files in the normal review workflow, records and audits it, once', async () => {
    const d = await register();
    const id = d.request.id;
    await act(id, 'accept', { on: '2025-09-28' });
    expect((await upload(id, '道路工程招标公告.xlsx', await buildXlsx({ 公告: [['项目', '金额'], ['道路硬化', 100000]] }))).statusCode).toBe(201);
    await act(id, 'reply', { on: '2025-10-20', outcome: 'granted' });
    const column = (await listColumns(t.ctx.db, agency.id)).find((col, _i, all) => !all.some((x) => x.parentId === col.id))!;
    const body = { columnId: column.id, title: '本乡2025年道路硬化工程招标公告' };

    expect((await c.handlerOnly!.post(`/api/requests/${id}/propose-publication`, { lockVersion: await lockVersion(id), ...body })).statusCode).toBe(403);
    expect((await c.outsider!.post(`/api/requests/${id}/propose-publication`, { lockVersion: await lockVersion(id), ...body })).statusCode).toBe(404);
    // A column of another agency: 400, and nothing half-written (no draft, no event).
    const foreign = (await listColumns(t.ctx.db, other.id))[0]!;
    const refused = await c.handler!.post(`/api/requests/${id}/propose-publication`, { lockVersion: await lockVersion(id), ...body, columnId: foreign.id });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(await rows(sql`select id from documents where title = ${body.title}`)).toHaveLength(0);
    const res = await c.handler!.post(`/api/requests/${id}/propose-publication`, { lockVersion: await lockVersion(id), ...body });
    expect(res.statusCode, res.body).toBe(201);
    const { documentId } = res.json();

    const doc = await c.handler!.get(`/api/documents/${documentId}`);
    expect(doc.statusCode).toBe(200);
    const dj = doc.json();
    expect(JSON.stringify(dj)).toContain('draft');
    expect(JSON.stringify(dj)).toContain('道路工程招标公告.xlsx');
    expect(JSON.stringify(dj)).toContain('第四十四条');
    // The normal workflow: its drafter submits it for review.
    const lv = (dj.document ?? dj).lockVersion;
    const submit = await c.handler!.post(`/api/documents/${documentId}/submit`, { lockVersion: lv });
    expect(submit.statusCode, submit.body).toBe(200);

    const o = (await c.handler!.get(`/api/requests/${id}/letters`)).json();
    expect(o.publication).toMatchObject({ documentId, title: body.title });
    const events = ((await c.handler!.get(`/api/requests/${id}`)).json() as Detail).events;
    expect(events.at(-1)!.kind).toBe('publication_proposed');
    const audit = await rows<{ action: string }>(sql`select action from audit_log where entity_id = ${id} and action = 'request.proposePublication'`);
    expect(audit).toHaveLength(1);

    expect((await c.handler!.post(`/api/requests/${id}/propose-publication`, { lockVersion: await lockVersion(id), ...body })).statusCode).toBe(409);
  });

  it('is refused for a reply that disclosed nothing (409)', async () => {
    const d = await register();
    await act(d.request.id, 'accept', { on: '2025-09-28' });
    await act(d.request.id, 'reply', { on: '2025-10-20', outcome: 'denied_state_secret' });
    const column = (await listColumns(t.ctx.db, agency.id)).find((col, _i, all) => !all.some((x) => x.parentId === col.id))!;
    const res = await c.handler!.post(`/api/requests/${d.request.id}/propose-publication`, { lockVersion: await lockVersion(d.request.id), columnId: column.id, title: '不应创建' });
    expect(res.statusCode).toBe(409);
    expect((await rows(sql`select id from documents where title = '不应创建'`))).toHaveLength(0);
  });
});
