/**
 * AB posts, leave and handover through HTTP on a fresh database (PGlite, or PostgreSQL with
 * GONGKAI_TEST_DATABASE_URL): allowed and forbidden cases, the B fallback, the handover in one
 * transaction and the invariant "nothing stays assigned to a disabled account".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildUser, testPassword } from '../../../test/factories.ts';
import { createStaff, type StaffSpec } from '../../../test/support/staff.ts';
import { listColumns, type Agency } from '../agencies/index.ts';
import { systemActor } from '../accounts/index.ts';
import { listAuditRows, verifyAuditLog } from '../audit/index.ts';
import { getCatalog } from '../catalog/index.ts';
import { checkAssignments } from './index.ts';

let t: TestContext;
let agency: Agency;
let other: Agency;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
let itemId: string;

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  other = await buildAgency(t.ctx);
  const users: StaffSpec = {
    admin: { agency, roles: ['admin'], displayName: '郑主任' },
    head: { agency, roles: ['admin'], displayName: '钱负责人' },
    leaver: { agency, roles: ['drafter', 'reviewer', 'handler'], steps: ['privacy'], displayName: '张离职' },
    successor: { agency, roles: ['drafter', 'handler'], displayName: '李接手' },
    backup: { agency, roles: ['drafter', 'handler'], displayName: '王备岗' },
    first: { agency, roles: ['reviewer'], steps: ['first'], displayName: '赵初审' },
    outsider: { agency: other, roles: ['admin'], displayName: '外单位' },
  };
  await createStaff(t, users, { ids, clients: c });
  const sys = { userId: systemActor.userId ?? '', username: 'sys', displayName: 'sys', globalRole: 'sysadmin' as const, memberships: [], mustChangePassword: false };
  itemId = (await getCatalog(t.ctx.db, sys, agency.id)).areas[0]!.items[0]!.id;
});
afterAll(() => t.close());

describe('AB posts', () => {
  it('the admin sets A and B; others are refused; bad holders are 400', async () => {
    const body = { agencyId: agency.id, kind: 'catalogItem', catalogItemId: itemId, holderA: ids.leaver, holderB: ids.backup };
    const res = await c.admin!.request('PUT', '/api/posts', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().duty.problems).toEqual([]);
    expect((await c.leaver!.request('PUT', '/api/posts', body)).statusCode).toBe(403);
    expect((await c.outsider!.request('PUT', '/api/posts', body)).statusCode).toBe(404);
    expect((await c.admin!.request('PUT', '/api/posts', { ...body, holderB: ids.outsider })).statusCode).toBe(400);
    expect((await c.admin!.request('PUT', '/api/posts', { ...body, holderB: ids.leaver })).statusCode).toBe(400);
    const site = await c.admin!.request('PUT', '/api/posts', { agencyId: agency.id, kind: 'site', holderA: ids.leaver, holderB: null });
    expect(site.statusCode, site.body).toBe(200);
    expect(site.json().duty.problems).toEqual(['未设置B岗']);
  });

  it('lists duties with flags; work falls to B while A is on leave', async () => {
    const leave = await c.admin!.post('/api/posts/leaves', { agencyId: agency.id, userId: ids.leaver, startsOn: '2025-06-02', endsOn: '2025-06-06', reason: '培训' });
    expect(leave.statusCode, leave.body).toBe(201);
    expect((await c.successor!.post('/api/posts/leaves', { agencyId: agency.id, userId: ids.leaver, startsOn: '2025-06-02', endsOn: '2025-06-06' })).statusCode).toBe(403);
    expect((await c.admin!.post('/api/posts/leaves', { agencyId: agency.id, userId: ids.leaver, startsOn: '2025-06-06', endsOn: '2025-06-02' })).statusCode).toBe(400);
    const on = await c.successor!.get(`/api/posts?agencyId=${agency.id}&date=2025-06-03`);
    expect(on.statusCode).toBe(200);
    const duty = on.json().duties.find((d: { catalogItemId: string | null }) => d.catalogItemId === itemId);
    expect(duty.current).toMatchObject({ userId: ids.backup, post: 'B', displayName: '王备岗' });
    const off = (await c.successor!.get(`/api/posts?agencyId=${agency.id}&date=2025-06-09`)).json();
    expect(off.duties.find((d: { catalogItemId: string | null }) => d.catalogItemId === itemId).current.post).toBe('A');
    const flagged = off.duties.filter((d: { flagged: boolean }) => d.flagged).map((d: { kind: string }) => d.kind);
    expect(flagged).toEqual(['requests', 'site', 'annualReport', 'feedback']);
    expect((await c.outsider!.get(`/api/posts?agencyId=${agency.id}`)).statusCode).toBe(404);
  });
});

/** A valid 18-digit resident ID (GB 11643 check digit) with serial `n`. */
function idNumber(n: number): string {
  const body = `11010519800101${String(n % 1000).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

async function registerRequest(n: number, handlerId: string, backupHandlerId: string, by = 'leaver'): Promise<string> {
  const res = await c[by]!.post('/api/requests', {
    agencyId: agency.id, channel: 'in_person', receivedOn: '2025-09-26', applicantKind: 'person', name: '申请人甲', idType: 'resident_id',
    idNumber: idNumber(n), phone: '13912345678', description: '2025年本乡道路建设项目资金明细', provisionForm: 'paper', delivery: 'pickup', handlerId, backupHandlerId,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().request.id;
}

/** Feedback recorded by the admin and assigned to `assigneeId` (承办人). */
async function assignedFeedback(text: string, assigneeId: string): Promise<string> {
  const res = await c.admin!.post('/api/feedback', { agencyId: agency.id, source: 'hotline', kind: 'message', text });
  expect(res.statusCode, res.body).toBe(201);
  const fb = res.json();
  const moved = await c.admin!.post(`/api/feedback/${fb.id}/assign`, { lockVersion: fb.lockVersion, assigneeId });
  expect(moved.statusCode, moved.body).toBe(200);
  return fb.id;
}

describe('handover', () => {
  let draftId: string;
  let asHandler: string;
  let asBackup: string;
  let feedbackId: string;
  it('previews what the leaver holds (admin only)', async () => {
    const columnId = (await listColumns(t.ctx.db, agency.id)).find((x) => x.slug === 'qtxx')!.id;
    const created = await c.leaver!.post('/api/documents', { agencyId: agency.id, title: '未完成的稿件', columnId, disclosure: 'proactive' });
    expect(created.statusCode, created.body).toBe(201);
    draftId = created.json().document.id;
    asHandler = await registerRequest(1, ids.leaver!, ids.backup!);
    asBackup = await registerRequest(2, ids.successor!, ids.leaver!);
    feedbackId = await assignedFeedback('村道路灯坏了，请尽快维修', ids.leaver!);
    expect((await c.successor!.get(`/api/handover/preview?userId=${ids.leaver}`)).statusCode).toBe(403);
    expect((await c.outsider!.get(`/api/handover/preview?userId=${ids.leaver}`)).statusCode).toBe(404);
    const res = await c.admin!.get(`/api/handover/preview?userId=${ids.leaver}`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json().checklist;
    expect(list.openDocuments.map((d: { id: string }) => d.id)).toEqual([draftId]);
    expect(list.reviewSteps).toEqual([{ agencyId: agency.id, step: 'privacy', soleHolder: true, otherHolders: [] }]);
    expect(list.duties.map((d: { kind: string; post: string }) => `${d.kind}:${d.post}`).sort()).toEqual(['catalogItem:A', 'site:A']);
    expect(list.requests.map((r: { id: string; role: string }) => `${r.id}:${r.role}`).sort()).toEqual([`${asHandler}:handler`, `${asBackup}:backup`].sort());
    expect(list.feedback.map((f: { id: string; kindName: string }) => [f.id, f.kindName])).toEqual([[feedbackId, '留言']]);
  });

  it('disabling an account without handover breaks the invariant', async () => {
    const stray = await buildUser(t.ctx, { agency, roles: ['reviewer'], steps: ['final'] });
    const res = await c.admin!.patch(`/api/users/${stray.id}`, { disabled: true });
    expect(res.statusCode, res.body).toBe(200);
    const { problems } = await checkAssignments(t.ctx.db);
    expect(problems.map((p) => p.kind)).toEqual(['reviewStep']);
    // Repair for the rest of the file: give the step back to a live account is the admin's job; here we re-enable.
    expect((await c.admin!.patch(`/api/users/${stray.id}`, { disabled: false })).statusCode).toBe(200);
  });

  const start = (by = 'admin', extra: Record<string, string | undefined> = {}) => c[by]!.post('/api/handovers', { fromUserId: ids.leaver, toUserId: ids.successor, approverId: ids.head, ...extra });
  const detail = async (by: string, id: string) => (await c[by]!.get(`/api/handovers/${id}`)).json().handover;
  const sign = async (by: string, id: string, password = testPassword) => c[by]!.post(`/api/handovers/${id}/sign`, { password, fingerprint: (await detail(by, id)).fingerprint });
  const approve = async (by: string, id: string, password = testPassword) => c[by]!.post(`/api/handovers/${id}/approve`, { password, fingerprint: (await detail(by, id)).fingerprint });
  /** Nothing moved: the draft, the duty and the review step are still the leaver's, the account live. */
  const nothingMoved = async () => {
    expect((await c.admin!.get(`/api/documents/${draftId}`)).json().document.createdBy.id).toBe(ids.leaver);
    expect((await c.leaver!.get('/api/auth/session')).statusCode).toBe(200);
    const list = (await c.admin!.get(`/api/handover/preview?userId=${ids.leaver}`)).json().checklist;
    expect(list.reviewSteps.map((x: { step: string }) => x.step)).toEqual(['privacy']);
    expect(list.requests).toHaveLength(2);
  };

  it('refuses wrong parties at the start; only the leaver\'s agency admin may start', async () => {
    expect((await start('admin', { approverId: ids.first })).json().code).toBe('HANDOVER_APPROVER');
    expect((await start('admin', { approverId: ids.successor })).json().code).toBe('HANDOVER_APPROVER');
    expect((await start('admin', { approverId: ids.leaver })).json().code).toBe('HANDOVER_APPROVER');
    expect((await start('admin', { approverId: ids.outsider })).json().code).toBe('HANDOVER_APPROVER');
    expect((await start('admin', { toUserId: ids.outsider })).json().code).toBe('HANDOVER_SUCCESSOR');
    expect((await start('admin', { toUserId: ids.leaver })).statusCode).toBe(422);
    expect((await start('successor')).statusCode).toBe(403);
    expect((await start('outsider')).statusCode).toBe(404);
    expect((await start('admin', { approverId: undefined })).statusCode).toBe(400);
  });

  it('cancel by the initiator: one open handover per leaver; nothing moves', async () => {
    const res = await start();
    expect(res.statusCode, res.body).toBe(201);
    const h = res.json().handover;
    expect(h).toMatchObject({ status: 'awaitingSuccessor', to: { id: ids.successor }, approver: { id: ids.head }, actions: ['cancel'] });
    expect(h.checklist.openDocuments.map((d: { id: string }) => d.id)).toEqual([draftId]);
    expect((await start('head')).json().code).toBe('HANDOVER_OPEN');
    expect((await c.successor!.post(`/api/handovers/${h.id}/cancel`, {})).statusCode).toBe(403);
    expect((await c.outsider!.get(`/api/handovers/${h.id}`)).statusCode).toBe(404);
    const cancelled = await c.admin!.post(`/api/handovers/${h.id}/cancel`, {});
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().handover).toMatchObject({ status: 'cancelled', cancelledBy: { id: ids.admin } });
    expect((await c.successor!.post(`/api/handovers/${h.id}/sign`, { password: testPassword, fingerprint: h.fingerprint })).statusCode).toBe(409);
    await nothingMoved();
  });

  it('rejected by the successor, then by the approver after signing: nothing moves', async () => {
    const a = (await start()).json().handover;
    expect((await c.successor!.post(`/api/handovers/${a.id}/reject`, { reason: ' ' })).statusCode).toBe(400);
    const r1 = await c.successor!.post(`/api/handovers/${a.id}/reject`, { reason: '清单中的稿件不属于我的职责' });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json().handover).toMatchObject({ status: 'rejected', rejectedBy: { id: ids.successor }, rejectReason: '清单中的稿件不属于我的职责' });
    const b = (await start()).json().handover;
    expect((await sign('successor', b.id)).statusCode).toBe(200);
    expect((await c.successor!.post(`/api/handovers/${b.id}/reject`, { reason: '反悔' })).statusCode).toBe(403);
    const r2 = await c.head!.post(`/api/handovers/${b.id}/reject`, { reason: '接手人岗位不合适' });
    expect(r2.statusCode, r2.body).toBe(200);
    expect(r2.json().handover).toMatchObject({ status: 'rejected', rejectedBy: { id: ids.head } });
    await nothingMoved();
    const actions = (await listAuditRows(t.ctx.db, { agencyIds: 'all', entityType: 'handover', entityId: b.id, limit: 10 })).map((x) => x.action);
    expect(actions).toEqual(['handover.reject', 'handover.sign', 'handover.start']);
  });

  it('three sessions: the admin starts, the successor signs with their password, the head approves; everything moves in one transaction', async () => {
    const h = (await start()).json().handover;
    // Notified in-app, with the console link; the successor sees it in 待我签收, the approver not yet.
    const note = (await c.successor!.get('/api/notifications')).json().items[0];
    expect(note).toMatchObject({ kind: 'handover.sign', link: '/handovers' });
    expect((await c.head!.get('/api/notifications')).json().items[0]).toMatchObject({ kind: 'handover.started' });
    const mine = (await c.successor!.get('/api/handovers?mine=1')).json().handovers;
    expect(mine.map((x: { id: string; actions: string[] }) => [x.id, x.actions])).toEqual([[h.id, ['sign', 'reject']]]);
    expect((await c.head!.get('/api/handovers?mine=1')).json().handovers).toEqual([]);

    // Wrong password: 422 in Chinese, counted as a failed login (audited), nothing signed.
    const wrong = await sign('successor', h.id, 'not-the-password');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'BAD_PASSWORD', message: '密码不正确，签名未生效' });
    expect((await listAuditRows(t.ctx.db, { agencyIds: 'all', action: 'auth.reauthFailed', entityId: ids.successor, limit: 5 })).length).toBe(1);
    expect((await detail('successor', h.id)).status).toBe('awaitingSuccessor');
    // Only the successor signs; a stale checklist is refused.
    expect((await sign('admin', h.id)).statusCode).toBe(403);
    expect((await approve('head', h.id)).statusCode).toBe(409);
    expect((await c.successor!.post(`/api/handovers/${h.id}/sign`, { password: testPassword, fingerprint: '0'.repeat(64) })).statusCode).toBe(409);
    const signed = await sign('successor', h.id);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().handover).toMatchObject({ status: 'awaitingApproval', signedAt: expect.any(String) });
    expect((await c.head!.get('/api/notifications')).json().items[0]).toMatchObject({ kind: 'handover.approve', link: '/handovers' });

    // A draft appears after signing: the approver sees it as 新增 and it moves too.
    const columnId = (await listColumns(t.ctx.db, agency.id)).find((x) => x.slug === 'qtxx')!.id;
    const late = (await c.leaver!.post('/api/documents', { agencyId: agency.id, title: '签收后新增的稿件', columnId, disclosure: 'proactive' })).json().document.id;
    const seen = await detail('head', h.id);
    expect(seen.added).toBe(1);
    expect(seen.signedChecklist.openDocuments.map((d: { id: string }) => d.id)).toEqual([draftId]);
    expect(seen.checklist.openDocuments.map((d: { id: string; added: boolean }) => [d.id, d.added]).sort()).toEqual([[draftId, false], [late, true]].sort());
    expect(seen.actions).toEqual(['approve', 'reject']);

    // A successor cannot approve; the approver's wrong password changes nothing.
    expect((await approve('successor', h.id)).statusCode).toBe(403);
    expect((await approve('head', h.id, 'wrong-password')).statusCode).toBe(422);
    expect((await c.leaver!.get('/api/auth/session')).statusCode).toBe(200);
    const res = await approve('head', h.id);
    expect(res.statusCode, res.body).toBe(200);
    const done = res.json().handover;
    expect(done).toMatchObject({ status: 'completed', approvedAt: expect.any(String), completedAt: expect.any(String) });
    expect(done.reassigned).toEqual({ documents: 2, memberships: 1, duties: 2, requests: 2, feedback: 1 });
    expect(done.notes.some((n: string) => n.includes('B角承办人待重新指定'))).toBe(true);
    expect((await c.successor!.get(`/api/documents/${late}`)).json().document.createdBy.id).toBe(ids.successor);
    const r1 = (await c.successor!.get(`/api/requests/${asHandler}`)).json();
    expect([r1.request.handler.id, r1.request.backupHandler.id]).toEqual([ids.successor, ids.backup]);
    expect(r1.events.at(-1)).toMatchObject({ kind: 'reassigned', data: { to: { handlerId: ids.successor, backupHandlerId: ids.backup }, names: { handler: '李接手', backupHandler: '王备岗' }, handover: true } });
    const r2 = (await c.successor!.get(`/api/requests/${asBackup}`)).json();
    expect([r2.request.handler.id, r2.request.backupHandler]).toEqual([ids.successor, null]);
    expect((await c.successor!.get(`/api/feedback/${feedbackId}`)).json()).toMatchObject({ assignee: { id: ids.successor }, assignedVia: 'handover' });
    const doc = (await c.successor!.get(`/api/documents/${draftId}`)).json();
    expect(doc.document.createdBy.id).toBe(ids.successor);
    expect(doc.allowedActions).toContain('update');
    const posts = (await c.admin!.get(`/api/posts?agencyId=${agency.id}&date=2025-06-09`)).json();
    expect(posts.duties.find((d: { catalogItemId: string | null }) => d.catalogItemId === itemId).holderA.id).toBe(ids.successor);
    expect((await c.leaver!.get('/api/auth/session')).statusCode).toBe(401);
    expect(await checkAssignments(t.ctx.db).then((r) => r.problems)).toEqual([]);
    expect((await start()).json().code).toBe('HANDOVER_ALREADY_DISABLED');
    const actions = (await listAuditRows(t.ctx.db, { agencyIds: 'all', entityType: 'handover', entityId: h.id, limit: 10 })).map((x) => [x.action, x.actorId]);
    expect(actions).toEqual([['handover.complete', ids.head], ['handover.sign', ids.successor], ['handover.start', ids.admin]]);
    expect((await verifyAuditLog(t.ctx.db)).ok).toBe(true);
  });
});

describe('handover history and check', () => {
  it('lists the handover with its people and counts; outsiders do not see it', async () => {
    const res = await c.admin!.get(`/api/handover/history?agencyId=${agency.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const all = res.json().handovers;
    expect(all.map((x: { status: string }) => x.status)).toEqual(['completed', 'rejected', 'rejected', 'cancelled']);
    const h = all[0];
    expect(h).toMatchObject({ from: { id: ids.leaver, displayName: '张离职' }, to: { id: ids.successor }, signedBy: { id: ids.successor }, approvedBy: { id: ids.head }, createdBy: { id: ids.admin } });
    expect(Date.parse(h.signedAt)).toBeLessThanOrEqual(Date.parse(h.approvedAt));
    expect(h.counts).toEqual({ documents: 2, memberships: 1, duties: 2, requests: 2, feedback: 1 });
    expect(h.addedAfterSigning).toBe(1);
    expect(all[1]).toMatchObject({ rejectedBy: { id: ids.head }, rejectReason: '接手人岗位不合适', signedAt: expect.any(String), approvedAt: null });
    expect((await c.outsider!.get('/api/handover/history')).json().handovers).toEqual([]);
    expect((await c.admin!.get('/api/handover/history?agencyId=x')).statusCode).toBe(400);
  });

  it('an unfinished request held by a disabled account breaks the invariant; the check endpoint reports it', async () => {
    const gone = await buildUser(t.ctx, { agency, roles: ['handler'], displayName: '钱停用' });
    const id = await registerRequest(3, gone.id, ids.successor!, 'successor');
    expect((await c.admin!.patch(`/api/users/${gone.id}`, { disabled: true })).statusCode).toBe(200);
    const { problems } = await checkAssignments(t.ctx.db);
    expect(problems.map((p) => p.kind)).toEqual(['request']);
    const check = (await c.admin!.get('/api/handover/check')).json();
    expect(check.ok).toBe(false);
    expect(check.problems[0].message).toContain('申请');
    expect((await c.outsider!.get('/api/handover/check')).json()).toMatchObject({ ok: true, problems: [] });
    expect((await c.successor!.get('/api/handover/check')).statusCode).toBe(403);
    const lockVersion = (await c.admin!.get(`/api/requests/${id}`)).json().request.lockVersion;
    // An account cannot be named handler while disabled, so the admin reassigns to the two live handlers.
    const fix = await c.admin!.post(`/api/requests/${id}/assign`, { lockVersion, handlerId: ids.successor, backupHandlerId: ids.backup, reason: '原承办人离岗' });
    expect(fix.statusCode, fix.body).toBe(200);
    expect((await c.admin!.get('/api/handover/check')).json().ok).toBe(true);
  });

  it('unanswered feedback whose 承办人 was disabled breaks the invariant until reassigned', async () => {
    const gone = await buildUser(t.ctx, { agency, roles: ['drafter'], displayName: '孙停用' });
    const id = await assignedFeedback('垃圾清运不及时', gone.id);
    expect((await c.admin!.patch(`/api/users/${gone.id}`, { disabled: true })).statusCode).toBe(200);
    const { problems } = await checkAssignments(t.ctx.db);
    expect(problems.map((p) => [p.kind, p.agencyId])).toEqual([['feedback', agency.id]]);
    expect((await c.admin!.get('/api/handover/check')).json().problems[0].message).toContain('承办人仍为已停用账号');
    const fb = (await c.admin!.get(`/api/feedback/${id}`)).json();
    expect((await c.admin!.post(`/api/feedback/${id}/assign`, { lockVersion: fb.lockVersion, assigneeId: ids.successor })).statusCode).toBe(200);
    expect((await checkAssignments(t.ctx.db)).problems).toEqual([]);
  });
});
