/**
 * Handling depth of 依申请公开 through HTTP on a fresh database (PGlite, or PostgreSQL with
 * GONGKAI_TEST_DATABASE_URL): 审批 (submit, approve, return; no self-approval; the agency
 * setting), handler reassignment and the members picker, the extension's approver as a real
 * user, and the 信息处理费 ceiling of 国办函〔2020〕109号.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, queryRows, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency } from '../../../test/factories.ts';
import { createStaff, type StaffSpec } from '../../../test/support/staff.ts';
import type { Agency } from '../agencies/index.ts';
import { verifyAuditLog } from '../audit/index.ts';

let t: TestContext;
let agency: Agency;
let other: Agency;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};

const rows = <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => queryRows<T>(t, q);

/** A valid 18-digit resident ID (GB 11643 check digit) with serial `n`. */
function idNumber(n: number): string {
  const body = `11010519800101${String(n % 1000).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  other = await buildAgency(t.ctx);
  const users: StaffSpec = {
    handler: { agency, roles: ['handler'], displayName: '王承办' },
    backup: { agency, roles: ['handler'], displayName: '李B角' },
    handler2: { agency, roles: ['handler'], displayName: '赵另一承办' },
    approver: { agency, roles: ['approver'], displayName: '钱主任' },
    approver2: { agency, roles: ['approver'], displayName: '孙副主任' },
    admin: { agency, roles: ['admin'], displayName: '郑管理' },
    handlerAdmin: { agency, roles: ['handler', 'admin'], displayName: '周兼管理' },
    drafter: { agency, roles: ['drafter'], displayName: '张起草' },
    auditor: { agency, roles: ['auditor'], displayName: '冯审计' },
    sysadmin: { globalRole: 'sysadmin', displayName: '褚平台' },
    outsider: { agency: other, roles: ['admin', 'handler', 'approver'], displayName: '卫外单位' },
    gone: { agency, roles: ['handler'], displayName: '吴已离岗' },
  };
  await createStaff(t, users, { ids, clients: c, withoutLogin: ['gone'] });
  await t.ctx.db.execute(sql`update users set disabled = true where id = ${ids.gone}`);
});
afterAll(() => t.close());

let serial = 1;
const body = (over: Record<string, unknown> = {}) => ({
  agencyId: agency.id,
  channel: 'in_person',
  receivedOn: '2025-09-26',
  applicantKind: 'person',
  name: '申请人甲',
  idType: 'resident_id',
  idNumber: idNumber(serial++),
  phone: '13912345678',
  description: '2025年本乡道路建设项目资金明细',
  provisionForm: 'paper',
  delivery: 'pickup',
  handlerId: ids.handler,
  backupHandlerId: ids.backup,
  ...over,
});

interface Detail {
  request: { id: string; state: string; lockVersion: number; outcome: string | null; outcomeNote: string | null; handler: { id: string; displayName: string } | null; backupHandler: { id: string } | null };
  clock: { lines: string[]; dueOn: string | null };
  events: Array<{ kind: string; on: string; data: Record<string, unknown>; actor: { id: string } | null }>;
  allowedActions: string[];
  pendingApproval: { outcome: string; note: string | null; by: string } | null;
  canAssign: boolean;
}

async function register(over: Record<string, unknown> = {}): Promise<Detail> {
  const res = await c.handler!.post('/api/requests', body(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function detail(id: string, who = 'admin'): Promise<Detail> {
  const res = await c[who]!.get(`/api/requests/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function act(id: string, action: string, extra: Record<string, unknown>, who = 'handler') {
  const lockVersion = (await detail(id)).request.lockVersion;
  return c[who]!.post(`/api/requests/${id}/${action}`, { lockVersion, ...extra });
}

async function actOk(id: string, action: string, extra: Record<string, unknown>, who = 'handler'): Promise<Detail> {
  const res = await act(id, action, extra, who);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}

async function setApproval(on: boolean) {
  const res = await c.admin!.request('PUT', '/api/requests/settings', { agencyId: agency.id, approvalRequired: on });
  expect(res.statusCode, res.body).toBe(200);
}

async function handling(): Promise<string> {
  const d = await register();
  await actOk(d.request.id, 'accept', { on: '2025-09-29' });
  return d.request.id;
}

describe('GET /api/agencies/:id/members (pickers)', () => {
  it('lists active staff with name, username and roles only; ?role filters', async () => {
    const res = await c.handler!.get(`/api/agencies/${agency.id}/members?role=handler`);
    expect(res.statusCode, res.body).toBe(200);
    const { members } = res.json() as { members: Array<Record<string, unknown>> };
    const names = members.map((m) => m.displayName);
    expect(names).toContain('王承办');
    expect(names).toContain('周兼管理');
    expect(names).not.toContain('钱主任');
    expect(names).not.toContain('吴已离岗');
    for (const m of members) expect(Object.keys(m).sort()).toEqual(['displayName', 'id', 'roles', 'username']);
    const approvers = (await c.handler!.get(`/api/agencies/${agency.id}/members?role=approver`)).json().members.map((m: { displayName: string }) => m.displayName);
    expect(approvers).toEqual(expect.arrayContaining(['钱主任', '孙副主任']));
    expect(approvers).toHaveLength(2);
  });

  it('404 for another agency, 400 for an unknown role', async () => {
    expect((await c.outsider!.get(`/api/agencies/${agency.id}/members`)).statusCode).toBe(404);
    expect((await c.handler!.get(`/api/agencies/${agency.id}/members?role=boss`)).statusCode).toBe(400);
  });
});

describe('settings: 审批 required or not', () => {
  it('defaults to off; only the agency admin changes it, audited', async () => {
    const res = await c.handler!.get(`/api/requests/settings?agencyId=${agency.id}`);
    expect(res.json()).toMatchObject({ approvalRequired: false, canEdit: false });
    expect((await c.handler!.request('PUT', '/api/requests/settings', { agencyId: agency.id, approvalRequired: true })).statusCode).toBe(403);
    expect((await c.outsider!.request('PUT', '/api/requests/settings', { agencyId: agency.id, approvalRequired: true })).statusCode).toBe(404);
    await setApproval(true);
    expect((await c.handler!.get(`/api/requests/settings?agencyId=${agency.id}`)).json().approvalRequired).toBe(true);
    const audit = await rows<{ after: { approvalRequired: boolean } }>(sql`select after from audit_log where action = 'request.settings.update' and entity_id = ${agency.id}`);
    expect(audit.at(-1)!.after.approvalRequired).toBe(true);
    await setApproval(false);
  });

  it('off: the handler replies directly, and may still ask for 审批', async () => {
    const id = await handling();
    expect((await detail(id, 'handler')).allowedActions).toEqual(expect.arrayContaining(['reply', 'submitForApproval']));
    const x = await actOk(id, 'reply', { on: '2025-10-09', outcome: 'granted' });
    expect(x.request.state).toBe('replied');
  });
});

describe('审批: submit → approve / return (approval required)', () => {
  beforeAll(() => setApproval(true));
  afterAll(() => setApproval(false));

  it('a direct reply is refused (422 APPROVAL_REQUIRED); the proposal goes to 审批 and the preview uses it', async () => {
    const id = await handling();
    const refused = await act(id, 'reply', { on: '2025-10-09', outcome: 'granted' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('APPROVAL_REQUIRED');
    expect((await detail(id, 'handler')).allowedActions).not.toContain('reply');
    // Wrong state and forbidden first.
    expect((await act(id, 'approve', { on: '2025-10-09' }, 'approver')).statusCode).toBe(409);
    expect((await act(id, 'submit-for-approval', { on: '2025-10-09', outcome: 'granted' }, 'drafter')).statusCode).toBe(403);
    expect((await act(id, 'submit-for-approval', { on: '2025-10-09', outcome: 'no_such' })).statusCode).toBe(400);
    const x = await actOk(id, 'submit-for-approval', { on: '2025-10-09', outcome: 'partial', note: '其中涉及第三方商业秘密的部分不予公开' });
    expect(x.request.state).toBe('approving');
    expect(x.request.outcome).toBeNull();
    expect(x.pendingApproval).toMatchObject({ outcome: 'partial', note: '其中涉及第三方商业秘密的部分不予公开', by: ids.handler });
    expect((await detail(id, 'approver')).allowedActions).toEqual(expect.arrayContaining(['approve', 'returnForRevision']));
    expect((await detail(id, 'handler')).allowedActions).not.toContain('approve');
    const preview = await c.approver!.get(`/api/requests/${id}/letters/reply.pdf`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.headers['content-disposition']).toContain(encodeURIComponent('预览'));
  });

  it('no self-approval: the handler, the submitter (even an admin) → 403 SELF_APPROVAL; drafter, sysadmin, outsider refused', async () => {
    const id = await handling();
    await actOk(id, 'submit-for-approval', { on: '2025-10-09', outcome: 'granted' });
    const self = await act(id, 'approve', { on: '2025-10-10' }, 'handler');
    expect(self.statusCode).toBe(403);
    // A plain handler lacks the role; the message is the role's.
    expect((await act(id, 'approve', { on: '2025-10-10' }, 'drafter')).statusCode).toBe(403);
    expect((await act(id, 'approve', { on: '2025-10-10' }, 'sysadmin')).statusCode).toBe(403);
    expect((await act(id, 'approve', { on: '2025-10-10' }, 'outsider')).statusCode).toBe(404);

    // handlerAdmin is the handler of this one and also an admin: still no approval of their own work.
    const d = await register({ handlerId: ids.handlerAdmin, backupHandlerId: ids.backup });
    await actOk(d.request.id, 'accept', { on: '2025-09-29' }, 'handlerAdmin');
    await actOk(d.request.id, 'submit-for-approval', { on: '2025-10-09', outcome: 'granted' }, 'handlerAdmin');
    const own = await act(d.request.id, 'approve', { on: '2025-10-10' }, 'handlerAdmin');
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('SELF_APPROVAL');
    // The admin submitted for the assigned handler: the admin may not approve it either.
    const e = await handling();
    await actOk(e, 'submit-for-approval', { on: '2025-10-09', outcome: 'granted' }, 'admin');
    const bySubmitter = await act(e, 'approve', { on: '2025-10-10' }, 'admin');
    expect(bySubmitter.statusCode).toBe(403);
    expect(bySubmitter.json().code).toBe('SELF_APPROVAL');
    await actOk(e, 'approve', { on: '2025-10-10' }, 'approver');
  });

  it('return for revision → handling; resubmit; approve replies with the proposal, freezes the letter, records approved + replied', async () => {
    const id = await handling();
    await actOk(id, 'submit-for-approval', { on: '2025-10-09', outcome: 'unavailable_not_held', note: '经检索本机关未制作' });
    expect((await act(id, 'return-for-revision', { on: '2025-10-10', reason: '' }, 'approver')).statusCode).toBe(400);
    expect((await act(id, 'return-for-revision', { on: '2025-10-10', reason: '请核实档案室' }, 'handler')).statusCode).toBe(403);
    let x = await actOk(id, 'return-for-revision', { on: '2025-10-10', reason: '请核实档案室' }, 'approver');
    expect(x.request.state).toBe('handling');
    expect(x.pendingApproval).toBeNull();
    expect((await act(id, 'approve', { on: '2025-10-10' }, 'approver')).statusCode).toBe(409);
    await actOk(id, 'submit-for-approval', { on: '2025-10-13', outcome: 'granted', note: '予以公开' }, 'backup');
    // The backup submitted this time; the assigned handler still may not approve.
    expect((await act(id, 'approve', { on: '2025-10-14' }, 'handler')).statusCode).toBe(403);
    x = await actOk(id, 'approve', { on: '2025-10-14', comment: '同意' }, 'approver');
    expect(x.request.state).toBe('replied');
    expect(x.request.outcome).toBe('granted');
    expect(x.request.outcomeNote).toBe('予以公开');
    expect(x.events.map((e) => e.kind)).toEqual(['received', 'accepted', 'approval_requested', 'approval_returned', 'approval_requested', 'approved', 'replied']);
    const replied = x.events.at(-1)!;
    expect(replied.actor?.id).toBe(ids.approver);
    expect(replied.data).toMatchObject({ outcome: 'granted', approvedById: ids.approver, approvedBy: '钱主任' });
    expect(replied.data.letter).toBeTruthy();
    expect(x.events.at(-2)!.data).toMatchObject({ comment: '同意', requestedBy: ids.backup });
    const letter = await c.handler!.get(`/api/requests/${id}/letters/reply.pdf`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['x-gongkai-letter']).toBe('frozen');
    const audit = await rows<{ action: string }>(sql`select action from audit_log where entity_id = ${id} order by id`);
    expect(audit.map((a) => a.action)).toEqual(['request.register', 'request.accept', 'request.submitForApproval', 'request.returnForRevision', 'request.submitForApproval', 'request.approve']);
    expect((await verifyAuditLog(t.ctx.db)).ok).toBe(true);
  });

  it('the reply rules apply at submission (a consultation still out → 422)', async () => {
    const id = await handling();
    await actOk(id, 'start-consultation', { on: '2025-10-09', party: 'third_party', consulted: '某公司' });
    const res = await act(id, 'submit-for-approval', { on: '2025-10-10', outcome: 'granted' });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('CONSULTATION_OPEN');
  });

  it('two approvers deciding at once: one wins, the other gets 409 (lockVersion)', async () => {
    const id = await handling();
    await actOk(id, 'submit-for-approval', { on: '2025-10-09', outcome: 'granted' });
    const lockVersion = (await detail(id)).request.lockVersion;
    const [a, b] = await Promise.all([
      c.approver!.post(`/api/requests/${id}/approve`, { lockVersion, on: '2025-10-10' }),
      c.approver2!.post(`/api/requests/${id}/return-for-revision`, { lockVersion, on: '2025-10-10', reason: '再议' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const kinds = (await detail(id)).events.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'approved' || k === 'approval_returned')).toHaveLength(1);
    // A stale lockVersion is refused outright.
    expect((await c.approver!.post(`/api/requests/${id}/approve`, { lockVersion, on: '2025-10-10' })).statusCode).toBe(409);
  });
});

describe('POST /api/requests/:id/assign (调整承办人)', () => {
  it('admin only; both active handlers of the agency, different people; event + audit; the new handler acts, the old one no longer', async () => {
    const d = await register();
    const id = d.request.id;
    const lv = () => detail(id).then((x) => x.request.lockVersion);
    const assign = async (who: string, extra: Record<string, unknown>) => c[who]!.post(`/api/requests/${id}/assign`, { lockVersion: await lv(), reason: '原承办人外出培训', ...extra });
    expect((await detail(id, 'handler')).canAssign).toBe(false);
    expect((await detail(id, 'admin')).canAssign).toBe(true);
    expect((await assign('handler', { handlerId: ids.handler2, backupHandlerId: ids.backup })).statusCode).toBe(403);
    expect((await assign('outsider', { handlerId: ids.handler2, backupHandlerId: ids.backup })).statusCode).toBe(404);
    expect((await assign('admin', { handlerId: ids.handler2, backupHandlerId: ids.handler2 })).statusCode).toBe(400);
    const notHandler = await assign('admin', { handlerId: ids.approver, backupHandlerId: ids.backup });
    expect(notHandler.statusCode).toBe(400);
    expect(notHandler.json().details.fields.handlerId).toContain('承办人');
    expect((await assign('admin', { handlerId: ids.gone, backupHandlerId: ids.backup })).statusCode).toBe(400);
    expect((await assign('admin', { handlerId: ids.handler2, backupHandlerId: ids.backup, reason: '' })).statusCode).toBe(400);
    expect((await c.admin!.post(`/api/requests/${id}/assign`, { lockVersion: 0 + 99, handlerId: ids.handler2, backupHandlerId: ids.backup, reason: '调整' })).statusCode).toBe(409);

    const res = await assign('admin', { handlerId: ids.handler2, backupHandlerId: ids.handler });
    expect(res.statusCode, res.body).toBe(200);
    const x = res.json() as Detail;
    expect(x.request.handler).toMatchObject({ id: ids.handler2, displayName: '赵另一承办' });
    expect(x.request.backupHandler?.id).toBe(ids.handler);
    const ev = x.events.at(-1)!;
    expect(ev.kind).toBe('reassigned');
    expect(ev.data).toMatchObject({ from: { handlerId: ids.handler, backupHandlerId: ids.backup }, to: { handlerId: ids.handler2, backupHandlerId: ids.handler }, reason: '原承办人外出培训' });
    const audit = await rows<{ action: string }>(sql`select action from audit_log where entity_id = ${id} and action = 'request.assign'`);
    expect(audit).toHaveLength(1);
    expect((await act(id, 'accept', { on: '2025-09-29' }, 'backup')).statusCode).toBe(403);
    await actOk(id, 'accept', { on: '2025-09-29' }, 'handler2');
  });

  it('concurrent reassignments: one 200, one 409', async () => {
    const d = await register();
    const lockVersion = (await detail(d.request.id)).request.lockVersion;
    const [a, b] = await Promise.all([
      c.admin!.post(`/api/requests/${d.request.id}/assign`, { lockVersion, handlerId: ids.handler2, backupHandlerId: ids.backup, reason: '甲方案' }),
      c.handlerAdmin!.post(`/api/requests/${d.request.id}/assign`, { lockVersion, handlerId: ids.backup, backupHandlerId: ids.handler2, reason: '乙方案' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });
});

describe('extension (条例第33条第2款): approvedBy is a user of the agency who may approve', () => {
  it('free text, a plain handler, another agency’s approver, the handler → 400; an approver → recorded with the name', async () => {
    const id = await handling();
    const ext = (approvedBy: unknown) => act(id, 'extend', { on: '2025-10-20', days: 10, approvedBy, noticeOn: '2025-10-20', reason: '需要调取档案' });
    expect((await ext('党政办主任')).statusCode).toBe(400);
    expect((await ext(ids.handler2)).statusCode).toBe(400);
    expect((await ext(ids.outsider)).statusCode).toBe(400);
    const d = await register({ handlerId: ids.handlerAdmin, backupHandlerId: ids.backup });
    await actOk(d.request.id, 'accept', { on: '2025-09-29' }, 'handlerAdmin');
    const self = await act(d.request.id, 'extend', { on: '2025-10-20', days: 10, approvedBy: ids.handlerAdmin, noticeOn: '2025-10-20', reason: '需要调取档案' }, 'handlerAdmin');
    expect(self.statusCode).toBe(400);
    const res = await ext(ids.approver);
    expect(res.statusCode, res.body).toBe(200);
    const x = res.json() as Detail;
    expect(x.events.at(-1)!.data).toMatchObject({ approvedBy: '钱主任', approvedById: ids.approver, days: 10 });
    expect(x.clock.lines.join('\n')).toContain('经钱主任同意延期 10 个工作日');
  });
});

describe('信息处理费 (国办函〔2020〕109号, fees.ts)', () => {
  it('按件: the applicant’s 11th application of the month is the first that costs (100元); more is refused with the arithmetic; free is refused', async () => {
    const person = idNumber(900);
    let last = '';
    for (let n = 1; n <= 11; n++) {
      const d = await register({ idNumber: person, receivedOn: n <= 10 ? '2025-09-10' : '2025-09-26' });
      last = d.request.id;
    }
    // An application of the previous month does not count.
    await register({ idNumber: person, receivedOn: '2025-08-29' });
    await actOk(last, 'accept', { on: '2025-09-29' });
    const quote = await c.handler!.get(`/api/requests/${last}/fee-quote?method=per_item`);
    expect(quote.statusCode, quote.body).toBe(200);
    expect(quote.json()).toMatchObject({ amount: 100, priorItems: 10, quantity: 1, methodName: '按件计收' });
    expect(quote.json().lines).toContain('本月第11件：1件 × 100元 = 100元');
    expect((await c.auditor!.get(`/api/requests/${last}/fee-quote?method=per_item`)).statusCode).toBe(403);
    expect((await c.handler!.get(`/api/requests/${last}/fee-quote?method=per_page`)).statusCode).toBe(400);

    const above = await act(last, 'fee-notice', { on: '2025-09-30', amount: 101, method: 'per_item' });
    expect(above.statusCode).toBe(422);
    expect(above.json().code).toBe('FEE_ABOVE_SCALE');
    expect(above.json().message).toContain('100元');
    expect((await act(last, 'fee-notice', { on: '2025-09-30', amount: 100, method: 'per_item', pages: 40 })).statusCode).toBe(400);
    const x = await actOk(last, 'fee-notice', { on: '2025-09-30', amount: 80, method: 'per_item' });
    expect(x.events.at(-1)!.data).toMatchObject({ amount: 80, method: 'per_item', items: 1, calculation: { maxAmount: 100, priorItems: 10 } });

    const first = await handling();
    const free = await act(first, 'fee-notice', { on: '2025-09-30', amount: 100, method: 'per_item' });
    expect(free.statusCode).toBe(422);
    expect(free.json().code).toBe('FEE_FREE');
  });

  it('按量: 60 pages → at most 300元; 30 pages free', async () => {
    const id = await handling();
    expect((await c.handler!.get(`/api/requests/${id}/fee-quote?method=per_page&pages=60`)).json().amount).toBe(300);
    expect((await act(id, 'fee-notice', { on: '2025-09-30', amount: 100, method: 'per_page', pages: 30 })).json().code).toBe('FEE_FREE');
    expect((await act(id, 'fee-notice', { on: '2025-09-30', amount: 100, method: 'per_page' })).statusCode).toBe(400);
    const x = await actOk(id, 'fee-notice', { on: '2025-09-30', amount: 300, method: 'per_page', pages: 60 });
    expect(x.events.at(-1)!.data).toMatchObject({ amount: 300, pages: 60, calculation: { maxAmount: 300 } });
  });
});
