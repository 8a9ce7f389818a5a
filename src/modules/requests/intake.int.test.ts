/**
 * Intake documents and the applicant's online 补正 through HTTP on a fresh database (PGlite, or
 * PostgreSQL with GONGKAI_TEST_DATABASE_URL): the identity document on the portal form (good
 * image, fake image 415, too large 413), scans at registration and afterwards, who may list and
 * download them (audited), and the online correction (right code, wrong code = unknown number,
 * after the deadline refused, the state moves and the 20 working days restart).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, queryRows, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency } from '../../../test/factories.ts';
import { createStaff, type StaffSpec } from '../../../test/support/staff.ts';
import { buildDocx, buildPdf, buildPng } from '../../../test/fixtures.ts';
import { setNow } from '../../lib/clock.ts';
import type { Agency } from '../agencies/index.ts';
import { verifyAuditLog } from '../audit/index.ts';

let t: TestContext;
let agency: Agency;
let other: Agency;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const NAME = '赵身份';
const ID_NUMBER = '11010519491231002X';

const rows = <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => queryRows<T>(t, q);

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx, { name: '测试曲尺乡人民政府' });
  other = await buildAgency(t.ctx);
  const users: StaffSpec = {
    handler: { agency, roles: ['handler'], displayName: '王承办' },
    auditor: { agency, roles: ['auditor'], displayName: '冯审计' },
    outsider: { agency: other, roles: ['admin', 'handler'], displayName: '卫外单位' },
  };
  await createStaff(t, users, { ids, clients: c });
});
afterAll(() => {
  setNow(undefined);
  return t.close();
});

interface IntakeFile {
  id: string;
  kind: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
}
interface Detail {
  request: { id: string; state: string; lockVersion: number; trackingNo: string; dueOn: string | null };
  events: Array<{ kind: string; on: string; data: Record<string, unknown>; actor: unknown }>;
  intakeFiles: IntakeFile[] | null;
  clock: { dueOn: string | null; explanation: string };
  queryCode?: string;
}

type Part = { name: string; value: string } | { name: string; filename: string; data: Buffer; type?: string };

function multipart(parts: Part[]) {
  const boundary = `----gk${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('value' in p) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`));
      chunks.push(p.data, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const registration = (over: Record<string, unknown> = {}) => ({
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

async function detail(id: string, who = 'handler'): Promise<Detail> {
  const res = await c[who]!.get(`/api/requests/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function register(over: Record<string, unknown> = {}): Promise<Detail> {
  const res = await c.handler!.post('/api/requests', registration(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function act(id: string, action: string, extra: Record<string, unknown>) {
  const res = await c.handler!.post(`/api/requests/${id}/${action}`, { lockVersion: (await detail(id)).request.lockVersion, ...extra });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json() as Promise<Detail>;
}

// ---------------------------------------------------------------- portal helpers

let addr = 0;
const nextAddress = () => `198.51.100.${(addr++ % 250) + 1}`;

async function pageToken(path: string, remoteAddress: string, method: 'GET' | 'POST' = 'GET', payload?: string): Promise<string> {
  const res = await t.app.inject({ method, url: path, remoteAddress, ...(payload ? { payload, headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}) });
  return /name="formToken" value="([^"]+)"/.exec(res.body)![1]!;
}

const application = (over: Record<string, string> = {}) => ({
  applicantKind: 'person',
  name: NAME,
  idType: 'resident_id',
  idNumber: ID_NUMBER,
  phone: '13912345678',
  description: '本村2025年道路硬化工程的招标文件',
  provisionForm: 'email',
  delivery: 'email',
  email: 'zhao@example.com',
  confirm: '1',
  ...over,
});

async function applyOnline(identity: { filename: string; data: Buffer } | null, ip = nextAddress()) {
  const path = `/gk/${agency.slug}/ysqgk/apply`;
  const token = await pageToken(path, ip);
  const fields = Object.entries({ ...application(), formToken: token, website: '' }).map(([name, value]) => ({ name, value }));
  const m = multipart([...fields, ...(identity ? [{ name: 'identity', ...identity }] : [{ name: 'identity', filename: '', data: Buffer.alloc(0) }])]);
  return t.app.inject({ method: 'POST', url: path, remoteAddress: ip, payload: m.payload, headers: m.headers });
}

const requestCount = async () => Number((await rows<{ n: number }>(sql`select count(*)::int as n from requests`))[0]!.n);
const fileCount = async () => Number((await rows<{ n: number }>(sql`select count(*)::int as n from request_files`))[0]!.n);

describe('identity document on the portal application form', () => {
  it('stores a checked image privately as kind identity; only the handling staff list and download it (audited)', async () => {
    const png = buildPng(40, 30);
    const res = await applyOnline({ filename: '身份证.png', data: png });
    expect(res.statusCode, res.body).toBe(200);
    const trackingNo = /class="tracking-no">([^<]+)</.exec(res.body)![1]!;
    const [req] = await rows<{ id: string }>(sql`select id from requests where tracking_no = ${trackingNo} and agency_id = ${agency.id}`);
    const id = req!.id;
    const d = await detail(id);
    expect(d.intakeFiles).toHaveLength(1);
    const f = d.intakeFiles![0]!;
    expect(f).toMatchObject({ kind: 'identity', filename: '身份证.png', mime: 'image/png', size: png.length });
    // The file is no disclosed file: the letters overview and the reply's 附件清单 do not list it.
    expect((await c.handler!.get(`/api/requests/${id}/letters`)).json().files).toEqual([]);

    const dl = await c.handler!.get(`/api/requests/${id}/files/${f.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(png)).toBe(true);
    expect(dl.headers['cache-control']).toBe('private, no-store');
    const audit = await rows<{ action: string; after: Record<string, unknown> }>(sql`select action, after from audit_log where entity_id = ${id} order by id`);
    expect(audit.map((a) => a.action)).toEqual(['request.register', 'request.downloadFile']);
    expect(JSON.stringify(audit)).not.toContain(NAME);
    expect(JSON.stringify(audit)).not.toContain('身份证.png');

    // The auditor reads the request but not the applicant: no list, 403 on download; other agencies 404.
    expect((await detail(id, 'auditor')).intakeFiles).toBeNull();
    expect((await c.auditor!.get(`/api/requests/${id}/files/${f.id}`)).statusCode).toBe(403);
    expect((await c.outsider!.get(`/api/requests/${id}/files/${f.id}`)).statusCode).toBe(404);
    // Never on a public page: the status page does not name it.
    expect(res.body).not.toContain('身份证.png');
    expect((await verifyAuditLog(t.ctx.db)).ok).toBe(true);
  });

  it('refuses a fake image (415) and a file over 5 MB (413) with the form and the input again; nothing is stored', async () => {
    const before = { requests: await requestCount(), files: await fileCount() };
    const fake = await applyOnline({ filename: '身份证.png', data: Buffer.from('this is not a picture at all, just text pretending') });
    expect(fake.statusCode).toBe(415);
    expect(fake.body).toContain('id="identity-error"');
    expect(fake.body).toContain('JPEG、PNG 图片或 PDF 文件');
    expect(fake.body).toContain('value="13912345678"');
    const docx = await applyOnline({ filename: '身份证.docx', data: await buildDocx(['身份证明']) });
    expect(docx.statusCode).toBe(415);
    const big = await applyOnline({ filename: '身份证.png', data: Buffer.concat([buildPng(), Buffer.alloc(5 * 1024 * 1024 + 10)]) });
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('超过 5 MB');
    expect({ requests: await requestCount(), files: await fileCount() }).toEqual(before);
    // Without a file the form works as before.
    expect((await applyOnline(null)).statusCode).toBe(200);
  });
});

describe('scans of an application registered by staff', () => {
  it('takes several scans with the registration (one transaction) and more afterwards; content checked; access like the applicant', async () => {
    const pdf = buildPdf(['政府信息公开申请表', '申请人 赵身份']);
    const png = buildPng(20, 20);
    const m = multipart([
      { name: 'data', value: JSON.stringify(registration({ channel: 'in_person' })) },
      { name: 'scans', filename: '申请表.pdf', data: pdf },
      { name: 'scans', filename: '身份证复印件.png', data: png },
    ]);
    const res = await c.handler!.request('POST', '/api/requests', m.payload, m.headers);
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json() as Detail;
    expect(d.intakeFiles!.map((f) => [f.kind, f.filename, f.mime])).toEqual([
      ['scan', '申请表.pdf', 'application/pdf'],
      ['scan', '身份证复印件.png', 'image/png'],
    ]);

    // A fake scan refuses the whole registration: no request, no file.
    const before = { requests: await requestCount(), files: await fileCount() };
    const bad = multipart([
      { name: 'data', value: JSON.stringify(registration()) },
      { name: 'scans', filename: '申请表.pdf', data: pdf },
      { name: 'scans', filename: '扫描.jpg', data: Buffer.from('not a jpeg, just some words') },
    ]);
    expect((await c.handler!.request('POST', '/api/requests', bad.payload, bad.headers)).statusCode).toBe(415);
    expect({ requests: await requestCount(), files: await fileCount() }).toEqual(before);

    // Afterwards: POST /files?kind=scan (several files), audited.
    const id = d.request.id;
    const more = multipart([
      { name: 'file', filename: '补充页.png', data: buildPng(8, 8) },
      { name: 'file', filename: '补充页2.pdf', data: buildPdf(['第二页']) },
    ]);
    const lv = (await detail(id)).request.lockVersion;
    const added = await c.handler!.request('POST', `/api/requests/${id}/files?kind=scan&lockVersion=${lv}`, more.payload, more.headers);
    expect(added.statusCode, added.body).toBe(201);
    expect((await detail(id)).intakeFiles).toHaveLength(4);
    const fake = multipart([{ name: 'file', filename: '补充.png', data: Buffer.from('GIF89a but not really') }]);
    const lv2 = (await detail(id)).request.lockVersion;
    expect((await c.handler!.request('POST', `/api/requests/${id}/files?kind=scan&lockVersion=${lv2}`, fake.payload, fake.headers)).statusCode).toBe(415);
    // The auditor may not add scans (they carry personal data).
    const a = multipart([{ name: 'file', filename: '审计.png', data: buildPng() }]);
    expect((await c.auditor!.request('POST', `/api/requests/${id}/files?kind=scan&lockVersion=${lv2}`, a.payload, a.headers)).statusCode).toBe(403);
    const audit = await rows<{ action: string }>(sql`select action from audit_log where entity_id = ${id} order by id`);
    expect(audit.map((x) => x.action)).toEqual(['request.register', 'request.addScan']);
    // An intake file is never removed as a disclosed file.
    const f = (await detail(id)).intakeFiles![0]!;
    expect((await c.handler!.request('DELETE', `/api/requests/${id}/files/${f.id}?lockVersion=${(await detail(id)).request.lockVersion}`)).statusCode).toBe(404);
  });
});

// ---------------------------------------------------------------- online 补正

async function statusPage(trackingNo: string, queryCode: string, ip: string) {
  const path = `/gk/${agency.slug}/ysqgk/status`;
  const token = await pageToken(path, ip);
  return t.app.inject({ method: 'POST', url: path, remoteAddress: ip, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ trackingNo, queryCode, formToken: token }).toString() });
}

async function correct(trackingNo: string, queryCode: string, text: string, files: Array<{ filename: string; data: Buffer }>, ip: string, token?: string) {
  let formToken = token;
  if (!formToken) {
    // The correction form's token comes from the status page of a valid lookup.
    const page = await statusPage(trackingNo, queryCode, ip);
    formToken = /action="[^"]*\/ysqgk\/correction"[^>]*>\s*<input type="hidden" name="formToken" value="([^"]+)"/.exec(page.body)?.[1] ?? (await pageToken(`/gk/${agency.slug}/ysqgk/status`, ip));
  }
  const m = multipart([
    { name: 'formToken', value: formToken },
    { name: 'trackingNo', value: trackingNo },
    { name: 'queryCode', value: queryCode },
    { name: 'website', value: '' },
    { name: 'text', value: text },
    ...files.map((f) => ({ name: 'files', ...f })),
  ]);
  return t.app.inject({ method: 'POST', url: `/gk/${agency.slug}/ysqgk/correction`, remoteAddress: ip, payload: m.payload, headers: m.headers });
}

describe('online 补正 by the applicant', () => {
  it('shows the items and deadline, records the correction like the staff action (actor null, source online) and restarts the 20 working days', async () => {
    const d = await register();
    const id = d.request.id;
    const trackingNo = d.request.trackingNo;
    const code = d.queryCode!;
    await act(id, 'ask-correction', { on: '2025-09-29', items: '请明确所需信息的时间范围和具体村组', periodDays: 15 });
    const waiting = await detail(id);
    expect(waiting.request.state).toBe('correction_pending');

    // Pinned to a day inside the correction period (the portal has no session to age).
    setNow(new Date('2025-10-10T02:00:00Z'));
    try {
      const ip = nextAddress();
      const page = await statusPage(trackingNo, code, ip);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('需要补正');
      expect(page.body).toContain('请明确所需信息的时间范围和具体村组');
      expect(page.body).toContain('/ysqgk/correction');
      expect(page.body).not.toContain(NAME);

      // Missing text: the form again with the message, nothing recorded.
      expect((await correct(trackingNo, code, '  ', [], ip)).statusCode).toBe(400);
      expect((await detail(id)).request.state).toBe('correction_pending');

      const res = await correct(trackingNo, code, '所需信息为2025年1月至6月第三村民组的低保发放明细', [{ filename: '补正说明.pdf', data: buildPdf(['补正说明']) }], ip);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toContain('补正已于 2025-10-10 收到');
      expect(res.body).not.toContain('/ysqgk/correction"');
    } finally {
      setNow(undefined);
    }
    const after = await detail(id);
    expect(after.request.state).toBe('reviewing');
    const ev = after.events.at(-1)!;
    expect(ev).toMatchObject({ kind: 'correction_received', on: '2025-10-10', actor: null });
    expect(ev.data).toMatchObject({ source: 'online', text: '所需信息为2025年1月至6月第三村民组的低保发放明细' });
    expect(after.intakeFiles!.map((f) => [f.kind, f.filename])).toEqual([['correction', '补正说明.pdf']]);
    // 条例第30条: the 20 working days restart from the day the correction was received.
    expect(after.clock.explanation).toContain('收到补正 2025-10-10');
    expect(after.request.dueOn! > waiting.clock.dueOn! || waiting.clock.dueOn === null).toBe(true);
    expect(after.request.dueOn! > '2025-10-30').toBe(true);
    // The auditor sees the event but not the applicant's words.
    const forAuditor = (await detail(id, 'auditor')).events.at(-1)!;
    expect(forAuditor.data.text).toBeUndefined();
    // Audited without the applicant's words.
    const audit = await rows<{ action: string; actor_id: string | null; after: Record<string, unknown> }>(sql`select action, actor_id, after from audit_log where entity_id = ${id} order by id`);
    const last = audit.at(-1)!;
    expect(last.action).toBe('request.receiveCorrection');
    expect(last.actor_id).toBeNull();
    expect(JSON.stringify(last.after)).not.toContain('第三村民组');
    // Staff accept it as usual.
    expect((await act(id, 'accept', { on: '2025-10-11' })).request.state).toBe('handling');
  });

  it('answers a wrong code exactly like an unknown number and records nothing', async () => {
    const d = await register();
    await act(d.request.id, 'ask-correction', { on: '2025-09-29', items: '补充', periodDays: 15 });
    setNow(new Date('2025-10-09T02:00:00Z'));
    try {
      const ip = nextAddress();
      // A status-form token is refused for the correction form (purpose-bound): 403, nothing recorded.
      const statusToken = await pageToken(`/gk/${agency.slug}/ysqgk/status`, ip);
      expect((await correct(d.request.trackingNo, d.queryCode!, '补正内容', [], ip, statusToken)).statusCode).toBe(403);
      const w = await correct(d.request.trackingNo, 'AAAA-BBBB-CCCC', '补正内容', [], ip, await issueCorrectionToken());
      const u = await correct('1999-9999', 'AAAA-BBBB-CCCC', '补正内容', [], ip, await issueCorrectionToken());
      expect(w.statusCode).toBe(u.statusCode);
      expect(w.body).toContain('受理编号或查询码不正确');
      expect(w.body).not.toContain('需要补正');
      const strip = (s: string) => s.replace(/value="[^"]*"/g, '');
      expect(strip(w.body)).toBe(strip(u.body));
      // … and the same as the status page's answer to a wrong code.
      const st = await statusPage(d.request.trackingNo, 'AAAA-BBBB-CCCC', ip);
      const page = (s: string) => strip(s).replace(/ysqgk%2F(status|correction)/g, 'ysqgk%2F…');
      expect(page(st.body)).toBe(page(w.body));
    } finally {
      setNow(undefined);
    }
    expect((await detail(d.request.id)).request.state).toBe('correction_pending');
  });

  it('refuses after the deadline with a clear message; nothing recorded', async () => {
    const d = await register();
    await act(d.request.id, 'ask-correction', { on: '2025-09-29', items: '补充时间范围', periodDays: 5 });
    const ip = nextAddress();
    // Today (not pinned) is long after the deadline.
    const page = await statusPage(d.request.trackingNo, d.queryCode!, ip);
    expect(page.body).toContain('补正期限已过');
    expect(page.body).not.toContain('name="text"');
    const token = await issueCorrectionToken();
    const res = await correct(d.request.trackingNo, d.queryCode!, '迟到的补正', [], ip, token);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('已过，不能在线提交补正');
    expect((await detail(d.request.id)).request.state).toBe('correction_pending');
  });
});

/** A valid correction-form token (the page hides the form after the deadline). */
async function issueCorrectionToken(): Promise<string> {
  const { issueFormToken } = await import('./index.ts');
  return issueFormToken(t.ctx.db, agency.id, 'correction');
}
