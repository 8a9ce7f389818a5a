/**
 * 交接: the checklist of everything a departing staffer holds, the handover that moves it all
 * to a successor in one transaction and disables the account, and the check of the invariant
 * "nothing stays assigned to a disabled account" (tests and `gongkai doctor`).
 */
import type { Db, Executor } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { auditActor, reauthenticate, type Actor } from '../accounts/index.ts';
import { now } from '../../lib/clock.ts';
import { notify } from '../notifications/index.ts';
import { recordAudit } from '../audit/index.ts';
/**
 * requests/ is loaded when first used: a static import closes a load-time cycle
 * (requests → publishing → catalog → staffing → requests) that leaves requests' enums undefined.
 */
const requestsModule = () => import('../requests/index.ts');
/** feedback/ imports staffing (AB duty holders), so it is loaded lazily too. */
const feedbackModule = () => import('../feedback/index.ts');
import { dutyKindNames, type DutyKind } from './posts.ts';
import { canHandOver, canStaffing } from './staffing.policy.ts';
import * as repo from './staffing.repository.ts';
import type { RejectHandoverInput, SignHandoverInput, StartHandoverInput } from './staffing.schemas.ts';
import { checklistFingerprint, checklistItems, compareChecklists, type Checklist } from './handover-items.ts';

const unprocessable = (message: string, reason: string) => new AppError('UNPROCESSABLE', { message, reason });

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

/** What a user holds: the handover checklist. */
export async function buildChecklist(db: Executor, userId: string) {
  const user = await repo.findUser(db, userId);
  if (!user) throw notFound('用户');
  const [ms, docs, duties, requests, feedback] = await Promise.all([
    repo.findMembershipsOf(db, userId),
    repo.findOpenDocumentsBy(db, userId),
    repo.findDutiesOf(db, userId),
    (await requestsModule()).findRequestsHeldBy(db, userId),
    (await feedbackModule()).findFeedbackHeldBy(db, userId),
  ]);
  const reviewSteps = [];
  for (const m of ms) {
    if (m.steps.length === 0) continue;
    const members = await repo.findMembers(db, m.agencyId);
    for (const step of m.steps) {
      const others = members.filter((x) => x.userId !== userId && !x.disabled && x.roles.includes('reviewer') && x.steps.includes(step));
      reviewSteps.push({ agencyId: m.agencyId, step, soleHolder: others.length === 0, otherHolders: others.map((o) => o.displayName) });
    }
  }
  return {
    account: { id: user.id, username: user.username, displayName: user.displayName, disabled: user.disabled },
    memberships: ms.map((m) => ({ agencyId: m.agencyId, roles: m.roles, steps: m.steps })),
    openDocuments: docs,
    reviewSteps,
    /** Unfinished 依申请公开 requests as 承办人 or B角; deadline reminders follow the handler, so they move with them. */
    requests,
    /** Unanswered public feedback as 承办人; its reminders follow the assignee, so they move too. */
    feedback,
    duties: duties.map((d) => ({
      id: d.id,
      agencyId: d.agencyId,
      kind: d.kind,
      kindName: dutyKindNames[d.kind as DutyKind] ?? d.kind,
      catalogItemId: d.catalogItemId,
      post: d.holderA === userId ? ('A' as const) : ('B' as const),
    })),
  };
}

async function loadAllowed(db: Db, actor: Actor, userId: string) {
  const ms = await repo.findMembershipsOf(db, userId);
  const agencyIds = ms.map((m) => m.agencyId);
  const user = await repo.findUser(db, userId);
  if (!user || (actor.globalRole === null && !agencyIds.some((a) => actor.memberships.some((m) => m.agencyId === a)))) throw notFound('用户');
  if (!canHandOver(actor, agencyIds)) throw forbidden('只有交出人所在各单位的管理员可以办理交接');
  return { user, agencyIds };
}

/** GET /api/handover/preview: the checklist, for the agency admin. */
export async function previewHandover(db: Db, actor: Actor, userId: string) {
  await loadAllowed(db, actor, userId);
  return buildChecklist(db, userId);
}

/** Unique violation (e.g. handovers_open_uq), through drizzle's wrapper or not. */
function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } } | undefined;
  return err?.code === '23505' || err?.cause?.code === '23505';
}

const openExists = () => unprocessable('该人员已有未完成的交接，请先办结或撤销', 'HANDOVER_OPEN');
const changed = () => new AppError('CONFLICT', { message: '交接清单已发生变化，请重新核对后再签名', reason: 'HANDOVER_CHANGED' });
const stateMoved = () => new AppError('CONFLICT', { message: '该交接的状态已变化，请刷新后重试', reason: 'HANDOVER_STATE' });
const consolePath = '/handovers';

/**
 * The guards of a handover (checked when it starts and again when it is approved, against the
 * state at that moment): the leaver is live and not the actor, the successor is live, another
 * person and a member of one of the leaver's agencies, and the approver is an administrator of
 * every agency of the leaver (a sysadmin counts) other than the two parties.
 */
async function checkParties(db: Executor, initiatorId: string, fromUserId: string, toUserId: string, approverId: string, agencyIds: readonly string[]) {
  const user = await repo.findUser(db, fromUserId);
  if (!user || user.disabled) throw unprocessable('交出人账号已停用，无需再次交接', 'HANDOVER_ALREADY_DISABLED');
  if (fromUserId === toUserId) throw unprocessable('接手人不能是交出人本人', 'HANDOVER_SAME_USER');
  if (fromUserId === initiatorId) throw unprocessable('不能为自己办理交接', 'HANDOVER_SELF');
  const successor = await repo.findUser(db, toUserId);
  const successorMs = successor ? await repo.findMembershipsOf(db, toUserId) : [];
  if (!successor || successor.disabled || !successorMs.some((m) => agencyIds.includes(m.agencyId))) throw unprocessable('接手人须为交出人所在单位的在岗人员', 'HANDOVER_SUCCESSOR');
  if (approverId === fromUserId || approverId === toUserId) throw unprocessable('审批人须为交接双方以外的部门负责人', 'HANDOVER_APPROVER');
  const approver = await repo.findUser(db, approverId);
  const approverMs = approver ? await repo.findMembershipsOf(db, approver.id) : [];
  const approverIsHead = !!approver && !approver.disabled && (approver.globalRole === 'sysadmin' || agencyIds.every((a) => approverMs.some((m) => m.agencyId === a && m.roles.includes('admin'))));
  if (!approverIsHead) throw unprocessable('审批人须为交出人所在单位的管理员（部门负责人）', 'HANDOVER_APPROVER');
  return { user, successor, approver };
}

const agenciesOf = (r: repo.HandoverRow) => ((r.checklist as { memberships?: { agencyId: string }[] }).memberships ?? []).map((m) => m.agencyId);

/**
 * 发起: an administrator of every agency of the leaver starts a handover to `toUserId`, to be
 * signed by the successor and approved by `approverId`, each in their own session. Nothing moves
 * yet. The successor and the approver are notified in-app.
 */
export async function startHandover(db: Db, actor: Actor, input: StartHandoverInput, ip: string | null) {
  const { agencyIds } = await loadAllowed(db, actor, input.fromUserId);
  const { user, successor } = await checkParties(db, actor.userId, input.fromUserId, input.toUserId, input.approverId, agencyIds);
  if (await repo.findOpenHandoverOf(db, input.fromUserId)) throw openExists();
  try {
    return await db.transaction(async (tx) => {
      const checklist = await buildChecklist(tx, input.fromUserId);
      const id = await repo.insertHandover(tx, {
        fromUserId: input.fromUserId,
        toUserId: input.toUserId,
        signedBy: input.toUserId,
        approvedBy: input.approverId,
        checklist,
        createdBy: actor.userId,
        // The application clock (as signedAt), so the reminders' waiting time follows the same clock.
        createdAt: now(),
        status: 'awaitingSuccessor',
      });
      await recordAudit(tx, auditActor(actor, ip), {
        agencyId: agencyIds[0] ?? null,
        action: 'handover.start',
        entityType: 'handover',
        entityId: id,
        after: { fromUserId: input.fromUserId, toUserId: input.toUserId, approverId: input.approverId, status: 'awaitingSuccessor', items: checklistItems(checklist).length },
      });
      const about = `${user.displayName}的离岗交接`;
      await notify(tx, { userIds: [input.toUserId], agencyId: agencyIds[0] ?? null, kind: 'handover.sign', title: `待您签收：${about}`, body: `${actor.displayName}发起了${about}，由您（${successor.displayName}）接手。请逐项核对交接清单，并输入您的登录密码签收。`, link: consolePath, dedupeKey: `handover:${id}:sign`, email: false });
      await notify(tx, { userIds: [input.approverId], agencyId: agencyIds[0] ?? null, kind: 'handover.started', title: `交接待审批：${about}`, body: `${actor.displayName}发起了${about}（接手人：${successor.displayName}），由您审批。接手人签收后请核对并审批。`, link: consolePath, dedupeKey: `handover:${id}:started`, email: false });
      return getHandoverIn(tx, actor, id);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw openExists();
    throw e;
  }
}

/** Who may see a handover: its three participants, and administrators who may hand over the leaver. */
function canSee(actor: Actor, h: repo.HandoverRow): boolean {
  return [h.createdBy, h.toUserId, h.approvedBy].includes(actor.userId) || canHandOver(actor, agenciesOf(h));
}

/** What the actor can do with the handover now. */
function actionsOf(actor: Actor, h: repo.HandoverRow): ('sign' | 'approve' | 'reject' | 'cancel')[] {
  const out: ('sign' | 'approve' | 'reject' | 'cancel')[] = [];
  if (h.status === 'awaitingSuccessor' && h.toUserId === actor.userId) out.push('sign', 'reject');
  if (h.status === 'awaitingApproval' && h.approvedBy === actor.userId) out.push('approve', 'reject');
  if ((h.status === 'awaitingSuccessor' || h.status === 'awaitingApproval') && h.createdBy === actor.userId) out.push('cancel');
  return out;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summary(r: repo.HandoverRow, names: Map<string, string>, actor: Actor) {
  const person = (id: string | null) => (id ? { id, displayName: names.get(id) ?? '' } : null);
  return {
    id: r.id,
    status: r.status,
    from: person(r.fromUserId)!,
    to: person(r.toUserId)!,
    approver: person(r.approvedBy)!,
    createdBy: person(r.createdBy)!,
    createdAt: r.createdAt.toISOString(),
    signedAt: iso(r.signedAt),
    approvedAt: iso(r.approvedAt),
    rejectedBy: person(r.rejectedBy),
    rejectedAt: iso(r.rejectedAt),
    rejectReason: r.rejectReason,
    cancelledBy: person(r.cancelledBy),
    cancelledAt: iso(r.cancelledAt),
    completedAt: iso(r.completedAt),
    agencyIds: agenciesOf(r),
    actions: actionsOf(actor, r),
  };
}

const peopleOf = (r: repo.HandoverRow) => [r.fromUserId, r.toUserId, r.approvedBy, r.createdBy, r.rejectedBy, r.cancelledBy].filter((x): x is string => !!x);

/**
 * GET /api/handovers[?mine=1]: open handovers the actor may see (newest first); with `mine`,
 * only those waiting for the actor's signature or approval (待我签收 / 待我审批).
 */
export async function listOpenHandovers(db: Db, actor: Actor, mine: boolean) {
  const rows = (await repo.findOpenHandovers(db)).filter((r) => canSee(actor, r) && (!mine || actionsOf(actor, r).some((a) => a === 'sign' || a === 'approve')));
  const names = await repo.findUserNames(db, [...new Set(rows.flatMap(peopleOf))]);
  return rows.map((r) => summary(r, names, actor));
}

async function getHandoverIn(db: Executor, actor: Actor, id: string) {
  const h = await repo.findHandover(db, id);
  if (!h || !canSee(actor, h)) throw notFound('交接');
  const names = await repo.findUserNames(db, peopleOf(h));
  const base = summary(h, names, actor);
  if (h.status === 'awaitingSuccessor') {
    // The successor reviews the checklist as it is now and signs exactly that (its fingerprint).
    const current = await buildChecklist(db, h.fromUserId);
    return { ...base, checklist: current, fingerprint: checklistFingerprint(current) };
  }
  if (h.status === 'awaitingApproval') {
    // The approver sees what was signed and what is there now: items that appeared since are 新增 and move too.
    const current = await buildChecklist(db, h.fromUserId);
    const signed = h.signedChecklist as Checklist;
    const diff = compareChecklists(signed, current);
    return { ...base, signedChecklist: signed, checklist: diff.checklist, added: diff.added, removed: diff.removed, fingerprint: checklistFingerprint(current) };
  }
  const c = h.checklist as Checklist & { reassigned?: Record<string, number>; notes?: string[] };
  return { ...base, signedChecklist: h.signedChecklist, checklist: c, reassigned: c.reassigned ?? null, notes: c.notes ?? [] };
}

/** GET /api/handovers/:id: the handover with the checklist to sign or approve. */
export async function getHandover(db: Db, actor: Actor, id: string) {
  return getHandoverIn(db, actor, id);
}

async function loadFor(db: Db, actor: Actor, id: string) {
  const h = await repo.findHandover(db, id);
  if (!h || !canSee(actor, h)) throw notFound('交接');
  return h;
}

/**
 * 签收: the successor, in their own session, re-enters their password (the electronic
 * signature) and signs the checklist they reviewed (`fingerprint`; if it changed meanwhile, 409
 * and they review again) → awaitingApproval; the approver is notified.
 */
export async function signHandover(db: Db, actor: Actor, id: string, input: SignHandoverInput, ip: string | null) {
  const h = await loadFor(db, actor, id);
  if (h.toUserId !== actor.userId) throw forbidden('只有接手人本人可以签收交接清单');
  if (h.status !== 'awaitingSuccessor') throw stateMoved();
  await reauthenticate(db, actor, input.password, ip);
  return db.transaction(async (tx) => {
    const current = await buildChecklist(tx, h.fromUserId);
    const fingerprint = checklistFingerprint(current);
    if (fingerprint !== input.fingerprint) throw changed();
    const at = now();
    const row = await repo.transitionHandover(tx, id, 'awaitingSuccessor', { status: 'awaitingApproval', signedAt: at, signedChecklist: current, signedFingerprint: fingerprint });
    if (!row) throw stateMoved();
    const agencyIds = agenciesOf(h);
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: agencyIds[0] ?? null,
      action: 'handover.sign',
      entityType: 'handover',
      entityId: id,
      before: { status: 'awaitingSuccessor' },
      after: { status: 'awaitingApproval', signedBy: actor.userId, signedAt: at.toISOString(), fingerprint, items: checklistItems(current).length, reauthenticated: true },
    });
    await notify(tx, { userIds: [h.approvedBy], agencyId: agencyIds[0] ?? null, kind: 'handover.approve', title: `待您审批：${current.account.displayName}的离岗交接`, body: `接手人${actor.displayName}已逐项核对并签收交接清单，请核对后输入您的登录密码审批。`, link: consolePath, dedupeKey: `handover:${id}:approve`, email: false });
    return getHandoverIn(tx, actor, id);
  });
}

/**
 * 审批: the approver, in their own session, re-enters their password and approves the checklist
 * as it is now (`fingerprint` of what they saw) → the handover executes in ONE transaction
 * against the current state (items added since signing move too) → completed.
 */
export async function approveHandover(db: Db, actor: Actor, id: string, input: SignHandoverInput, ip: string | null) {
  const h = await loadFor(db, actor, id);
  if (h.approvedBy !== actor.userId) throw forbidden('只有指定的审批人可以审批该交接');
  if (h.status !== 'awaitingApproval') throw stateMoved();
  await reauthenticate(db, actor, input.password, ip);
  const agencyIds = (await repo.findMembershipsOf(db, h.fromUserId)).map((m) => m.agencyId);
  // The guards again, against the state now (the approver may have lost the role, the successor left, ...).
  const { user, successor } = await checkParties(db, h.createdBy, h.fromUserId, h.toUserId, h.approvedBy, agencyIds);
  return db.transaction(async (tx) => {
    const current = await buildChecklist(tx, h.fromUserId);
    if (checklistFingerprint(current) !== input.fingerprint) throw changed();
    const signed = h.signedChecklist as Checklist;
    const { added } = compareChecklists(signed, current);
    const at = now();
    const record = await executeHandover(tx, actor, current, user, successor);
    const row = await repo.transitionHandover(tx, id, 'awaitingApproval', { status: 'completed', approvedAt: at, completedAt: at, checklist: { ...record, addedAfterSigning: added } });
    if (!row) throw stateMoved();
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: agencyIds[0] ?? null,
      action: 'handover.complete',
      entityType: 'handover',
      entityId: id,
      before: { status: 'awaitingApproval' },
      after: {
        status: 'completed',
        fromUserId: h.fromUserId,
        toUserId: h.toUserId,
        signedBy: h.toUserId,
        signedAt: iso(h.signedAt),
        approvedBy: actor.userId,
        approvedAt: at.toISOString(),
        reauthenticated: true,
        agencies: agencyIds,
        addedAfterSigning: added,
        ...record.reassigned,
      },
    });
    await notify(tx, { userIds: [h.createdBy, h.toUserId], agencyId: agencyIds[0] ?? null, kind: 'handover.completed', title: `交接已完成：${user.displayName}`, body: `${actor.displayName}已审批，${user.displayName}的工作已全部移交给${successor.displayName}，其账号已停用。`, link: consolePath, dedupeKey: `handover:${id}:completed`, email: false });
    return getHandoverIn(tx, actor, id);
  });
}

/**
 * Moves everything of the leaver to the successor inside `tx`: open documents
 * (documents.createdBy), the roles and review steps of each membership (merged into the
 * successor's), unfinished requests as handler or backup (a `reassigned` event each, through the
 * requests module), A/B duties; then disables the account and ends its sessions.
 */
async function executeHandover(tx: Executor, actor: Actor, checklist: Checklist, user: { id: string; displayName: string }, successor: { id: string; displayName: string }) {
  const fromUserId = user.id;
  const toUserId = successor.id;
  const documents = await repo.reassignOpenDocuments(tx, fromUserId, toUserId);
  const successorMs = await repo.findMembershipsOf(tx, toUserId);
  for (const m of checklist.memberships) {
    const mine = successorMs.find((s) => s.agencyId === m.agencyId);
    await repo.upsertMembership(tx, toUserId, m.agencyId, union(mine?.roles ?? [], m.roles), union(mine?.steps ?? [], m.steps));
    await repo.upsertMembership(tx, fromUserId, m.agencyId, [], []);
  }
  const duties = await repo.findDutiesOf(tx, fromUserId);
  const dutyNotes: string[] = [];
  for (const d of duties) {
    let a = d.holderA === fromUserId ? toUserId : d.holderA;
    let b = d.holderB === fromUserId ? toUserId : d.holderB;
    if (a && a === b) {
      // The successor was already the other post: they keep A, and B must be named anew.
      b = null;
      dutyNotes.push(`${dutyKindNames[d.kind as DutyKind] ?? d.kind}：接手人原为另一岗位，B岗待重新指定`);
    }
    if (!a && b) [a, b] = [b, null];
    await repo.setDuty(tx, d.id, a, b);
  }
  const moved = await (await requestsModule()).reassignRequestsOnHandover(tx, { fromUserId, toUserId, toName: successor.displayName, actorId: actor.userId, reason: `${user.displayName}离岗交接` });
  const feedback = await (await feedbackModule()).reassignFeedbackOnHandover(tx, fromUserId, toUserId, auditActor(actor));
  await repo.disableUser(tx, fromUserId);
  return {
    ...checklist,
    reassigned: { documents, memberships: checklist.memberships.length, duties: duties.length, requests: moved.count, feedback: feedback.count },
    notes: [...dutyNotes, ...moved.notes],
  };
}

/** 拒签 / 驳回: the successor (before signing) or the approver (after) refuses, with a reason. Nothing moves. */
export async function rejectHandover(db: Db, actor: Actor, id: string, input: RejectHandoverInput, ip: string | null) {
  const h = await loadFor(db, actor, id);
  const by = h.status === 'awaitingSuccessor' && h.toUserId === actor.userId ? 'successor' : h.status === 'awaitingApproval' && h.approvedBy === actor.userId ? 'approver' : null;
  if (!by) {
    if (h.status !== 'awaitingSuccessor' && h.status !== 'awaitingApproval') throw stateMoved();
    throw forbidden(h.status === 'awaitingSuccessor' ? '只有接手人本人可以拒绝签收' : '只有指定的审批人可以驳回');
  }
  return db.transaction(async (tx) => {
    const at = now();
    const row = await repo.transitionHandover(tx, id, h.status, { status: 'rejected', rejectedBy: actor.userId, rejectedAt: at, rejectReason: input.reason });
    if (!row) throw stateMoved();
    const agencyIds = agenciesOf(h);
    await recordAudit(tx, auditActor(actor, ip), { agencyId: agencyIds[0] ?? null, action: 'handover.reject', entityType: 'handover', entityId: id, before: { status: h.status }, after: { status: 'rejected', by, reason: input.reason } });
    await notify(tx, { userIds: [h.createdBy], agencyId: agencyIds[0] ?? null, kind: 'handover.rejected', title: `交接被${by === 'successor' ? '接手人拒绝签收' : '审批人驳回'}`, body: `${actor.displayName}：${input.reason}`, link: consolePath, dedupeKey: `handover:${id}:rejected`, email: false });
    return getHandoverIn(tx, actor, id);
  });
}

/** 撤销: the initiator cancels an open handover. Nothing moves. */
export async function cancelHandover(db: Db, actor: Actor, id: string, ip: string | null) {
  const h = await loadFor(db, actor, id);
  if (h.createdBy !== actor.userId) throw forbidden('只有发起人可以撤销交接');
  if (h.status !== 'awaitingSuccessor' && h.status !== 'awaitingApproval') throw stateMoved();
  return db.transaction(async (tx) => {
    const row = await repo.transitionHandover(tx, id, h.status, { status: 'cancelled', cancelledBy: actor.userId, cancelledAt: now() });
    if (!row) throw stateMoved();
    await recordAudit(tx, auditActor(actor, ip), { agencyId: agenciesOf(h)[0] ?? null, action: 'handover.cancel', entityType: 'handover', entityId: id, before: { status: h.status }, after: { status: 'cancelled' } });
    return getHandoverIn(tx, actor, id);
  });
}

/** One violation of "nothing stays assigned to a disabled account". */
export interface AssignmentProblem {
  kind: 'document' | 'reviewStep' | 'duty' | 'request' | 'feedback';
  agencyId: string;
  message: string;
}

/** Every violation of the invariant, platform-wide (empty when clean), plus incomplete AB duties as notes. */
export async function checkAssignments(db: Executor): Promise<{ problems: AssignmentProblem[]; notes: string[] }> {
  const [{ docs, steps, duties }, requests, feedback] = await Promise.all([repo.findAssignmentsOfDisabled(db), (await requestsModule()).findRequestsHeldByDisabled(db), (await feedbackModule()).findFeedbackHeldByDisabled(db)]);
  const problems: AssignmentProblem[] = [
    ...docs.map((d) => ({ kind: 'document' as const, agencyId: d.agencyId, message: `稿件「${d.title}」（${d.status}）仍由已停用账号 ${d.user} 持有` })),
    ...steps.map((s) => ({ kind: 'reviewStep' as const, agencyId: s.agencyId, message: `已停用账号 ${s.user} 仍持有审核步骤 ${s.steps.join('、')}` })),
    ...requests.map((r) => ({ kind: 'request' as const, agencyId: r.agencyId, message: `申请 ${r.trackingNo}（未办结）的承办人或B角承办人仍为已停用账号` })),
    ...feedback.map((f) => ({ kind: 'feedback' as const, agencyId: f.agencyId, message: f.message })),
    ...duties.map((d) => ({ kind: 'duty' as const, agencyId: d.agencyId, message: `AB岗职责（${dutyKindNames[d.kind as DutyKind] ?? d.kind}）仍指派给已停用账号` })),
  ];
  const incomplete = await repo.findIncompleteDuties(db);
  const notes = incomplete.map((d) => `AB岗职责（${dutyKindNames[d.kind as DutyKind] ?? d.kind}）缺少${d.holderA ? '' : 'A岗'}${!d.holderA && !d.holderB ? '和' : ''}${d.holderB ? '' : 'B岗'}`);
  return { problems, notes };
}

const HISTORY_LIMIT = 200;

/**
 * GET /api/handover/history: handovers in every state (newest first, at most 200) that touched
 * an agency the actor may read (a sysadmin sees all): who left, the successor and when they
 * signed, the approver and when they approved (or who rejected / cancelled, when and why), and
 * what was moved.
 */
export async function listHandovers(db: Db, actor: Actor, agencyId?: string) {
  const rows = await repo.findHandovers(db, HISTORY_LIMIT);
  const visible = rows.filter((r) => {
    const as = agenciesOf(r);
    if (agencyId && !as.includes(agencyId)) return false;
    return actor.globalRole !== null || as.some((a) => canStaffing(actor, 'read', a));
  });
  const names = await repo.findUserNames(db, [...new Set(visible.flatMap(peopleOf))]);
  return visible.map((r) => {
    const c = r.checklist as { reassigned?: Record<string, number>; notes?: string[]; addedAfterSigning?: number };
    const s = summary(r, names, actor);
    return {
      ...s,
      signedBy: s.to,
      approvedBy: s.approver,
      counts: { documents: 0, memberships: 0, duties: 0, requests: 0, feedback: 0, ...c.reassigned },
      addedAfterSigning: c.addedAfterSigning ?? 0,
      notes: c.notes ?? [],
    };
  });
}

/**
 * GET /api/handover/check: the `gongkai doctor` check over HTTP. A sysadmin sees the whole
 * platform; an agency administrator the problems of their agencies.
 */
export async function checkAssignmentsFor(db: Db, actor: Actor) {
  const isSys = actor.globalRole === 'sysadmin';
  if (!isSys && !actor.memberships.some((m) => m.roles.includes('admin'))) throw forbidden('只有管理员可以运行交接检查');
  const { problems, notes } = await checkAssignments(db);
  const mine = isSys ? problems : problems.filter((p) => canStaffing(actor, 'manage', p.agencyId));
  return { ok: mine.length === 0, problems: mine, notes: isSys ? notes : [] };
}
