/**
 * 依申请公开 through HTTP on a fresh database (PGlite, or PostgreSQL with
 * GONGKAI_TEST_DATABASE_URL): every route allowed and forbidden, the statutory clock through the
 * events (2025-09-26 example, correction restart, extension, consultation pause, deemed
 * withdrawal), personal-data visibility, concurrency, and the portal's anonymous forms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, queryRows, login, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildUser, testPassword } from '../../../test/factories.ts';
import { createStaff, type StaffSpec } from '../../../test/support/staff.ts';
import type { Agency } from '../agencies/index.ts';
import { addWorkingDays } from '../calendar/index.ts';
import { verifyAuditLog } from '../audit/index.ts';
import { today } from './requests.service.ts';

let t: TestContext;
let agency: Agency;
let other: Agency;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const ID_NUMBER = '11010519491231002X';
const PHONE = '13912345678';
const NAME = '张秘密';

const rows = <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => queryRows<T>(t, q);

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  other = await buildAgency(t.ctx);
  const users: StaffSpec = {
    handler: { agency, roles: ['handler'], displayName: '王承办' },
    backup: { agency, roles: ['handler'], displayName: '李B角' },
    handler2: { agency, roles: ['handler'], displayName: '赵另一承办' },
    admin: { agency, roles: ['admin'], displayName: '郑管理' },
    drafter: { agency, roles: ['drafter', 'reviewer'], displayName: '张起草' },
    auditor: { agency, roles: ['auditor'], displayName: '冯审计' },
    supervisor: { globalRole: 'supervisor', displayName: '陈监督' },
    sysadmin: { globalRole: 'sysadmin', displayName: '褚平台' },
    outsider: { agency: other, roles: ['admin', 'handler'], displayName: '卫外单位' },
  };
  await createStaff(t, users, { ids, clients: c });
});
afterAll(() => t.close());

const body = (over: Record<string, unknown> = {}) => ({
  agencyId: agency.id,
  channel: 'registered_mail',
  receivedOn: '2025-09-26',
  applicantKind: 'person',
  name: NAME,
  idType: 'resident_id',
  idNumber: ID_NUMBER,
  phone: PHONE,
  address: '某县某镇某村1号',
  description: '2025年本乡低保资金发放明细',
  provisionForm: 'paper',
  delivery: 'mail',
  handlerId: ids.handler,
  backupHandlerId: ids.backup,
  ...over,
});

interface Detail {
  request: { id: string; state: string; lockVersion: number; trackingNo: string; dueOn: string | null; outcome: string | null; handler: { id: string } | null };
  applicant: { name: string; idNumber: string | null } | null;
  clock: { dueOn: string | null; explanation: string; lines: string[]; phase: string; correctionExpired: boolean; pauses: Array<{ workingDays: number }> };
  events: Array<{ kind: string; on: string }>;
  allowedActions: string[];
  queryCode?: string;
}

async function register(over: Record<string, unknown> = {}, who = 'handler'): Promise<Detail> {
  const res = await c[who]!.post('/api/requests', body(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function detail(id: string, who = 'handler'): Promise<Detail> {
  const res = await c[who]!.get(`/api/requests/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function act(id: string, action: string, extra: Record<string, unknown>, who = 'handler') {
  const lockVersion = (await detail(id, 'admin')).request.lockVersion;
  return c[who]!.post(`/api/requests/${id}/${action}`, { lockVersion, ...extra });
}

async function actOk(id: string, action: string, extra: Record<string, unknown>, who = 'handler'): Promise<Detail> {
  const res = await act(id, action, extra, who);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}

describe('POST /api/requests (staff registration)', () => {
  it('registers with a tracking number, a one-time query code and the derived clock: 收到 2025-09-26 → 2025-10-30', async () => {
    const d = await register();
    expect(d.request.trackingNo).toMatch(/^\d{4}-\d{4}$/);
    expect(d.queryCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(d.request.state).toBe('registered');
    expect(d.clock.dueOn).toBe('2025-10-30');
    expect(d.request.dueOn).toBe('2025-10-30');
    expect(d.clock.explanation).toBe('收到 2025-09-26；第1个工作日 09-28（调休上班）…；跳过 10-01 至 10-08 国庆节、中秋节；第20个工作日 2025-10-30');
    expect(d.events.map((e) => e.kind)).toEqual(['received']);
    const stored = await rows<{ query_code_hash: string; due_on: string }>(sql`select query_code_hash, due_on::text from requests where id = ${d.request.id}`);
    expect(stored[0]!.query_code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(d.queryCode!);
    // The audit row names the request, never the applicant.
    const audit = await rows<{ after: unknown }>(sql`select after from audit_log where entity_id = ${d.request.id}`);
    expect(JSON.stringify(audit)).not.toContain(ID_NUMBER);
    expect(JSON.stringify(audit)).not.toContain(NAME);
  });

  it('gives concurrent registrations distinct tracking numbers', async () => {
    const all = await Promise.all([1, 2, 3, 4].map(() => register()));
    expect(new Set(all.map((d) => d.request.trackingNo)).size).toBe(4);
  });

  it('lets the agency admin register; forbids drafters, auditors and supervisors (403); hides other agencies (404); 401 without a session', async () => {
    await register({}, 'admin');
    for (const who of ['drafter', 'auditor', 'supervisor']) expect((await c[who]!.post('/api/requests', body())).statusCode, who).toBe(403);
    expect((await c.outsider!.post('/api/requests', body())).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/requests', payload: body() })).statusCode).toBe(401);
  });

  it('validates with Chinese field messages (400)', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ idNumber: '110105194912310021' }, 'idNumber'],
      [{ idNumber: undefined }, 'idNumber'],
      [{ applicantKind: 'organization', orgKind: 'business', uscc: '91350100M000100Y44', legalRepresentative: '王', contactPerson: '李' }, 'uscc'],
      [{ applicantKind: 'organization', orgKind: undefined, uscc: '91350100M000100Y43', legalRepresentative: '王', contactPerson: '李' }, 'orgKind'],
      [{ phone: '12345' }, 'phone'],
      [{ receivedOn: '2999-01-01' }, 'receivedOn'],
      [{ receivedOn: '2025-02-30' }, 'receivedOn'],
      [{ channel: 'online' }, 'channel'],
      [{ delivery: 'email' }, 'email'],
      [{ handlerId: ids.drafter }, 'handlerId'],
      [{ description: '' }, 'description'],
      [{ extra: 1 }, '_'],
    ];
    for (const [over, field] of cases) {
      const res = await c.handler!.post('/api/requests', body(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
      expect(Object.keys(res.json().details.fields), JSON.stringify(over)).toContain(field);
    }
  });

  it('accepts an organisation with a valid USCC (report column 商业企业)', async () => {
    const d = await register({ applicantKind: 'organization', orgKind: 'business', name: '某某有限公司', idType: undefined, idNumber: undefined, uscc: '91350100M000100Y43', legalRepresentative: '王某', contactPerson: '李某' });
    expect((d.request as unknown as { reportColumn: string }).reportColumn).toBe('商业企业');
  });
});

describe('personal data visibility', () => {
  it('only the handling agency’s handler or admin sees the applicant', async () => {
    const d = await register();
    for (const who of ['handler', 'handler2', 'admin']) expect((await detail(d.request.id, who)).applicant?.idNumber, who).toBe(ID_NUMBER);
    for (const who of ['drafter', 'auditor', 'supervisor', 'sysadmin']) {
      const res = await c[who]!.get(`/api/requests/${d.request.id}`);
      expect(res.statusCode, who).toBe(200);
      expect(res.json().applicant, who).toBeNull();
      for (const secret of [ID_NUMBER, PHONE, NAME]) expect(res.body, who).not.toContain(secret);
    }
    expect((await c.outsider!.get(`/api/requests/${d.request.id}`)).statusCode).toBe(404);
    const list = await c.handler!.get('/api/requests?pageSize=100');
    expect(list.statusCode).toBe(200);
    for (const secret of [ID_NUMBER, PHONE, NAME]) expect(list.body).not.toContain(secret);
  });
});

describe('the clock through the events', () => {
  it('补正 restarts the 20 days; then accept, extension, consultation pause, reply, deliver, archive', async () => {
    const d = await register();
    const id = d.request.id;
    // forbidden and wrong-state cases first
    expect((await act(id, 'accept', { on: '2025-09-29' }, 'drafter')).statusCode).toBe(403);
    expect((await act(id, 'accept', { on: '2025-09-29' }, 'handler2')).statusCode).toBe(403);
    expect((await act(id, 'accept', { on: '2025-09-29' }, 'outsider')).statusCode).toBe(404);
    expect((await act(id, 'deliver', { on: '2025-09-29', method: 'mail' })).statusCode).toBe(409);
    expect((await act(id, 'accept', { on: '2025-09-25' })).statusCode).toBe(400);

    let x = await actOk(id, 'ask-correction', { on: '2025-09-29', items: '请明确所需信息的时间范围', periodDays: 10 });
    expect(x.request.state).toBe('correction_pending');
    expect(x.clock.phase).toBe('awaiting_correction');
    expect(x.clock.dueOn).toBeNull();
    x = await actOk(id, 'receive-correction', { on: '2025-10-15' }, 'backup');
    expect(x.request.state).toBe('reviewing');
    const restarted = addWorkingDays('2025-10-15', 20).date;
    expect(x.clock.dueOn).toBe(restarted);
    expect(x.clock.explanation.startsWith('收到补正 2025-10-15')).toBe(true);
    x = await actOk(id, 'accept', { on: '2025-10-16' });
    expect(x.request.state).toBe('handling');
    expect((await act(id, 'extend', { on: '2025-10-20', days: 21, approvedBy: ids.admin, noticeOn: '2025-10-20', reason: '信息量大' })).statusCode).toBe(400);
    x = await actOk(id, 'extend', { on: '2025-10-20', days: 20, approvedBy: ids.admin, noticeOn: '2025-10-20', reason: '信息量大' });
    expect(x.clock.dueOn).toBe(addWorkingDays('2025-10-15', 40).date);
    expect((await act(id, 'extend', { on: '2025-10-21', days: 5, approvedBy: ids.admin, noticeOn: '2025-10-21', reason: '再延' })).statusCode).toBe(422);
    x = await actOk(id, 'start-consultation', { on: '2025-10-22', party: 'third_party', consulted: '某公司' });
    expect(x.clock.phase).toBe('paused');
    expect((await act(id, 'reply', { on: '2025-10-23', outcome: 'granted' })).statusCode).toBe(422);
    x = await actOk(id, 'end-consultation', { on: '2025-10-29' });
    expect(x.clock.pauses[0]!.workingDays).toBe(5);
    expect(x.clock.dueOn).toBe(addWorkingDays('2025-10-15', 45).date);
    expect(x.request.dueOn).toBe(x.clock.dueOn);
    x = await actOk(id, 'reply', { on: '2025-11-03', outcome: 'partial', note: '部分涉及第三方商业秘密' });
    expect(x.request.state).toBe('replied');
    expect(x.request.outcome).toBe('partial');
    await actOk(id, 'deliver', { on: '2025-11-04', method: 'mail' });
    x = await actOk(id, 'archive', { on: '2025-11-05' }, 'admin');
    expect(x.request.state).toBe('archived');
    expect(x.events.map((e) => e.kind)).toEqual([
      'received',
      'correction_requested',
      'correction_received',
      'accepted',
      'extension',
      'consultation_started',
      'consultation_ended',
      'replied',
      'delivered',
      'archived',
    ]);
    expect((await verifyAuditLog(t.ctx.db)).ok).toBe(true);
  });

  it('a second correction notice is refused (条例第30条: 一次性)', async () => {
    const d = await register();
    await actOk(d.request.id, 'ask-correction', { on: '2025-09-29', items: '补充', periodDays: 5 });
    await actOk(d.request.id, 'receive-correction', { on: '2025-10-09' });
    expect((await act(d.request.id, 'ask-correction', { on: '2025-10-10', items: '再补充', periodDays: 5 })).statusCode).toBe(409);
  });

  it('deemed withdrawal only after the correction period (其他处理1)', async () => {
    const d = await register();
    await actOk(d.request.id, 'ask-correction', { on: '2025-09-29', items: '补充', periodDays: 5 });
    const x = await actOk(d.request.id, 'deem-withdrawn', { on: today() });
    expect(x.request.state).toBe('deemed_withdrawn');
    expect(x.request.outcome).toBe('other_no_correction');

    const fresh = await register({ receivedOn: today() });
    await actOk(fresh.request.id, 'ask-correction', { on: today(), items: '补充', periodDays: 10 });
    const res = await act(fresh.request.id, 'deem-withdrawn', { on: today() });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('CORRECTION_PERIOD_RUNNING');
  });

  it('a withdrawal is counted as 其他处理3', async () => {
    const d = await register();
    const x = await actOk(d.request.id, 'withdraw', { on: '2025-09-30', reason: '申请人电话告知撤回' });
    expect(x.request.outcome).toBe('other_other');
    expect(x.request.state).toBe('withdrawn');
  });

  it('two handlers replying at once: one 200, one 409, one reply event', async () => {
    const d = await register();
    await actOk(d.request.id, 'accept', { on: '2025-09-29' });
    const lockVersion = (await detail(d.request.id)).request.lockVersion;
    const [a, b] = await Promise.all([
      c.handler!.post(`/api/requests/${d.request.id}/reply`, { lockVersion, on: '2025-10-10', outcome: 'granted' }),
      c.backup!.post(`/api/requests/${d.request.id}/reply`, { lockVersion, on: '2025-10-10', outcome: 'unavailable_not_held' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const n = await rows<{ n: number }>(sql`select count(*)::int as n from request_events where request_id = ${d.request.id} and kind = 'replied'`);
    expect(n[0]!.n).toBe(1);
  });
});

describe('GET /api/requests (ledger)', () => {
  it('filters by state and overdue; other agencies are refused', async () => {
    const open = await register({ receivedOn: '2025-03-03' });
    const res = await c.auditor!.get(`/api/requests?agencyId=${agency.id}&overdue=true&pageSize=100`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ id: string; overdue: boolean; state: string }>;
    expect(items.some((i) => i.id === open.request.id)).toBe(true);
    expect(items.every((i) => i.overdue)).toBe(true);
    const archived = await c.handler!.get('/api/requests?state=archived');
    expect((archived.json().items as Array<{ state: string }>).every((i) => i.state === 'archived')).toBe(true);
    expect((await c.outsider!.get(`/api/requests?agencyId=${agency.id}`)).statusCode).toBe(403);
    expect((await c.outsider!.get('/api/requests')).json().items.some((i: { id: string }) => i.id === open.request.id)).toBe(false);
    expect((await c.handler!.get('/api/requests?state=nope')).statusCode).toBe(400);
  });
});

// ---------------------------------------------------------------- portal

let addr = 0;
const nextAddress = () => `192.0.2.${(addr++ % 250) + 1}`;

function form(data: Record<string, string>): string {
  return new URLSearchParams(data).toString();
}

async function formToken(path: string, remoteAddress: string): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url: path, remoteAddress });
  expect(res.statusCode).toBe(200);
  return /name="formToken" value="([^"]+)"/.exec(res.body)![1]!;
}

async function postForm(path: string, data: Record<string, string>, remoteAddress: string) {
  return t.app.inject({ method: 'POST', url: path, remoteAddress, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(data) });
}

const application = (over: Record<string, string> = {}) => ({
  applicantKind: 'person',
  name: NAME,
  idType: 'resident_id',
  idNumber: ID_NUMBER,
  phone: PHONE,
  email: 'zhang@example.com',
  description: '本村2025年道路硬化工程的招标文件',
  provisionForm: 'email',
  delivery: 'email',
  confirm: '1',
  ...over,
});

describe('portal: apply and follow the status without an account', () => {
  const applyPath = () => `/gk/${agency.slug}/ysqgk/apply`;
  const statusPath = () => `/gk/${agency.slug}/ysqgk/status`;

  it('applies, shows the tracking number and query code once, and the status page shows the clock without personal data', async () => {
    const ip = nextAddress();
    const page = await t.app.inject({ method: 'GET', url: applyPath(), remoteAddress: ip });
    expect(page.body).toContain('政府信息公开申请');
    expect(page.body).not.toContain('<script');
    const res = await postForm(applyPath(), { ...application(), formToken: await formToken(applyPath(), ip) }, ip);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const trackingNo = /class="tracking-no">([^<]+)</.exec(res.body)![1]!;
    const queryCode = /class="query-code">([^<]+)</.exec(res.body)![1]!;
    const stored = await rows<{ channel: string; received_on: string; state: string }>(sql`select channel, received_on::text, state from requests where agency_id = ${agency.id} and tracking_no = ${trackingNo}`);
    expect(stored[0]).toEqual({ channel: 'online', received_on: today(), state: 'registered' });

    const status = await postForm(statusPath(), { trackingNo, queryCode: queryCode.toLowerCase(), formToken: await formToken(statusPath(), ip) }, ip);
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('已登记（待审核）');
    expect(status.body).toContain('第20个工作日');
    for (const secret of [ID_NUMBER, PHONE, NAME, 'zhang@example.com', '道路硬化']) expect(status.body).not.toContain(secret);

    // wrong code and unknown number: the same answer
    const wrong = await postForm(statusPath(), { trackingNo, queryCode: 'AAAA-BBBB-CCCC', formToken: await formToken(statusPath(), ip) }, ip);
    const unknown = await postForm(statusPath(), { trackingNo: '1999-9999', queryCode: 'AAAA-BBBB-CCCC', formToken: await formToken(statusPath(), ip) }, ip);
    expect(wrong.statusCode).toBe(unknown.statusCode);
    expect(wrong.body).toContain('受理编号或查询码不正确');
    expect(unknown.body.replace(/value="[^"]*"/g, '')).toBe(wrong.body.replace(/value="[^"]*"/g, ''));
  });

  it('re-renders the form with Chinese field errors and the escaped input', async () => {
    const ip = nextAddress();
    const res = await postForm(applyPath(), { ...application({ idNumber: '110105194912310021', name: '<script>alert(1)</script>', confirm: '' }), formToken: await formToken(applyPath(), ip) }, ip);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('居民身份证号码不正确');
    expect(res.body).toContain('请确认所填信息真实有效');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).toContain('value="110105194912310021"');
  });

  it('refuses a missing or forged form token (403) and a filled honeypot (400), storing nothing', async () => {
    const ip = nextAddress();
    const before = (await rows<{ n: number }>(sql`select count(*)::int as n from requests`))[0]!.n;
    expect((await postForm(applyPath(), application(), ip)).statusCode).toBe(403);
    const token = await formToken(applyPath(), ip);
    expect((await postForm(applyPath(), { ...application(), formToken: `${token.slice(0, -2)}xx` }, ip)).statusCode).toBe(403);
    expect((await postForm(applyPath(), { ...application(), formToken: await formToken(`/gk/${other.slug}/ysqgk/apply`, ip) }, ip)).statusCode).toBe(403);
    expect((await postForm(applyPath(), { ...application(), website: 'http://spam', formToken: token }, ip)).statusCode).toBe(400);
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from requests`))[0]!.n).toBe(before);
  });

  it('rate-limits submissions per address (429 page)', async () => {
    const ip = nextAddress();
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await postForm(applyPath(), { ...application({ phone: '12' }), formToken: await formToken(applyPath(), ip) }, ip)).statusCode);
    expect(codes.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(codes[5]).toBe(429);
  });

  it('answers 404 for an unknown agency', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/gk/no-such-agency/ysqgk/apply' })).statusCode).toBe(404);
  });
});

describe('calendar changes', () => {
  it('recomputes open deadlines when an administrator enters a new year', async () => {
    // Received in mid-December 2026: the 20 working days run into 2027, which has no schedule yet.
    const { setNow } = await import('../../lib/clock.ts');
    setNow(new Date('2026-12-21T02:00:00Z'));
    let r: Detail;
    try {
      // A session of its own: sessions idle "since" a real timestamp would look expired at the pinned time.
      const u = await buildUser(t.ctx, { agency, roles: ['handler'] });
      c.pinned = await login(t.app, u.username, testPassword);
      r = await register({ receivedOn: '2026-12-21', handlerId: u.id }, 'pinned');
    } finally {
      setNow(undefined);
    }
    const before = r.request.dueOn;
    expect(r.clock.explanation).toContain('2027');
    // A (test) 2027 schedule that makes 2027-01-04 … 2027-01-08 holidays pushes the deadline.
    const days = ['2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08'].map((date) => ({ date, working: false, name: '测试假期' }));
    const res = await c.sysadmin!.post('/api/calendar/years', { year: 2027, notice: '测试：2027年部分节假日安排', days });
    expect(res.statusCode).toBe(201);
    const [row] = await rows<{ due_on: string }>(sql`select due_on::text as due_on from requests where id = ${r.request.id}`);
    expect(row!.due_on).not.toBe(before);
    expect(row!.due_on > before!).toBe(true);
  });
});
