/**
 * 交接: the checklist of everything a departing staffer holds, the handover that moves it all
 * to a successor in one transaction and disables the account, and the check of the invariant
 * "nothing stays assigned to a disabled account" (tests and `gongkai doctor`).
 */
import type { Db, Executor } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { auditActor, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
/**
 * requests/ is loaded when first used: a static import closes a load-time cycle
 * (requests → publishing → catalog → staffing → requests) that leaves requests' enums undefined.
 */
const requestsModule = () => import('../requests/index.ts');
import { dutyKindNames, type DutyKind } from './posts.ts';
import { canHandOver, canStaffing } from './staffing.policy.ts';
import * as repo from './staffing.repository.ts';
import type { HandoverInput } from './staffing.schemas.ts';

const unprocessable = (message: string, reason: string) => new AppError('UNPROCESSABLE', { message, reason });

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

/** What a user holds: the handover checklist. */
export async function buildChecklist(db: Executor, userId: string) {
  const user = await repo.findUser(db, userId);
  if (!user) throw notFound('用户');
  const [ms, docs, duties, requests] = await Promise.all([repo.findMembershipsOf(db, userId), repo.findOpenDocumentsBy(db, userId), repo.findDutiesOf(db, userId), (await requestsModule()).findRequestsHeldBy(db, userId)]);
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

/**
 * Hands everything of `fromUserId` to `toUserId` in one transaction: open documents
 * (documents.createdBy), the roles and review steps of each membership (merged into the
 * successor's), unfinished requests as handler or backup (a `reassigned` event each, through the
 * requests module), A/B duties, then disables the account and ends its sessions; records the
 * handover with its checklist and the audit row. The successor signs (signedBy = toUserId);
 * an administrator of the agency approves (部门负责人).
 */
export async function performHandover(db: Db, actor: Actor, input: HandoverInput, ip: string | null) {
  const { user, agencyIds } = await loadAllowed(db, actor, input.fromUserId);
  if (user.disabled) throw unprocessable('交出人账号已停用，无需再次交接', 'HANDOVER_ALREADY_DISABLED');
  if (input.fromUserId === input.toUserId) throw unprocessable('接手人不能是交出人本人', 'HANDOVER_SAME_USER');
  if (input.fromUserId === actor.userId) throw unprocessable('不能为自己办理交接', 'HANDOVER_SELF');
  if (input.signedBy !== input.toUserId) throw unprocessable('交接清单须由接手人本人签收', 'HANDOVER_SIGNATURE');
  const successor = await repo.findUser(db, input.toUserId);
  if (!successor || successor.disabled) throw unprocessable('接手人账号不存在或已停用', 'HANDOVER_SUCCESSOR');
  if (input.approvedBy === input.fromUserId || input.approvedBy === input.toUserId) throw unprocessable('审批人须为交接双方以外的部门负责人', 'HANDOVER_APPROVER');
  const approver = await repo.findUser(db, input.approvedBy);
  const approverMs = approver ? await repo.findMembershipsOf(db, approver.id) : [];
  const approverIsHead = !!approver && !approver.disabled && (approver.globalRole === 'sysadmin' || agencyIds.every((a) => approverMs.some((m) => m.agencyId === a && m.roles.includes('admin'))));
  if (!approverIsHead) throw unprocessable('审批人须为交出人所在单位的管理员（部门负责人）', 'HANDOVER_APPROVER');

  return db.transaction(async (tx) => {
    const checklist = await buildChecklist(tx, input.fromUserId);
    const documents = await repo.reassignOpenDocuments(tx, input.fromUserId, input.toUserId);
    const successorMs = await repo.findMembershipsOf(tx, input.toUserId);
    for (const m of checklist.memberships) {
      const mine = successorMs.find((s) => s.agencyId === m.agencyId);
      await repo.upsertMembership(tx, input.toUserId, m.agencyId, union(mine?.roles ?? [], m.roles), union(mine?.steps ?? [], m.steps));
      await repo.upsertMembership(tx, input.fromUserId, m.agencyId, [], []);
    }
    const duties = await repo.findDutiesOf(tx, input.fromUserId);
    const dutyNotes: string[] = [];
    for (const d of duties) {
      let a = d.holderA === input.fromUserId ? input.toUserId : d.holderA;
      let b = d.holderB === input.fromUserId ? input.toUserId : d.holderB;
      if (a && a === b) {
        // The successor was already the other post: they keep A, and B must be named anew.
        b = null;
        dutyNotes.push(`${dutyKindNames[d.kind as DutyKind] ?? d.kind}：接手人原为另一岗位，B岗待重新指定`);
      }
      if (!a && b) [a, b] = [b, null];
      await repo.setDuty(tx, d.id, a, b);
    }
    const moved = await (await requestsModule()).reassignRequestsOnHandover(tx, { fromUserId: input.fromUserId, toUserId: input.toUserId, toName: successor.displayName, actorId: actor.userId, reason: `${user.displayName}离岗交接` });
    await repo.disableUser(tx, input.fromUserId);
    const record = {
      ...checklist,
      reassigned: { documents, memberships: checklist.memberships.length, duties: duties.length, requests: moved.count },
      notes: [...dutyNotes, ...moved.notes],
    };
    const id = await repo.insertHandover(tx, { fromUserId: input.fromUserId, toUserId: input.toUserId, signedBy: input.signedBy, approvedBy: input.approvedBy, checklist: record, createdBy: actor.userId });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: agencyIds[0] ?? null,
      action: 'handover.complete',
      entityType: 'handover',
      entityId: id,
      after: { fromUserId: input.fromUserId, toUserId: input.toUserId, signedBy: input.signedBy, approvedBy: input.approvedBy, agencies: agencyIds, ...record.reassigned },
    });
    return { id, ...record };
  });
}

/** One violation of "nothing stays assigned to a disabled account". */
export interface AssignmentProblem {
  kind: 'document' | 'reviewStep' | 'duty' | 'request';
  agencyId: string;
  message: string;
}

/** Every violation of the invariant, platform-wide (empty when clean), plus incomplete AB duties as notes. */
export async function checkAssignments(db: Executor): Promise<{ problems: AssignmentProblem[]; notes: string[] }> {
  const [{ docs, steps, duties }, requests] = await Promise.all([repo.findAssignmentsOfDisabled(db), (await requestsModule()).findRequestsHeldByDisabled(db)]);
  const problems: AssignmentProblem[] = [
    ...docs.map((d) => ({ kind: 'document' as const, agencyId: d.agencyId, message: `稿件「${d.title}」（${d.status}）仍由已停用账号 ${d.user} 持有` })),
    ...steps.map((s) => ({ kind: 'reviewStep' as const, agencyId: s.agencyId, message: `已停用账号 ${s.user} 仍持有审核步骤 ${s.steps.join('、')}` })),
    ...requests.map((r) => ({ kind: 'request' as const, agencyId: r.agencyId, message: `申请 ${r.trackingNo}（未办结）的承办人或B角承办人仍为已停用账号` })),
    ...duties.map((d) => ({ kind: 'duty' as const, agencyId: d.agencyId, message: `AB岗职责（${dutyKindNames[d.kind as DutyKind] ?? d.kind}）仍指派给已停用账号` })),
  ];
  const incomplete = await repo.findIncompleteDuties(db);
  const notes = incomplete.map((d) => `AB岗职责（${dutyKindNames[d.kind as DutyKind] ?? d.kind}）缺少${d.holderA ? '' : 'A岗'}${!d.holderA && !d.holderB ? '和' : ''}${d.holderB ? '' : 'B岗'}`);
  return { problems, notes };
}

const HISTORY_LIMIT = 200;

/**
 * GET /api/handover/history: past handovers (newest first, at most 200) that touched an agency
 * the actor may read (a sysadmin sees all): who left, the successor, who signed and approved,
 * when, and what was moved.
 */
export async function listHandovers(db: Db, actor: Actor, agencyId?: string) {
  const rows = await repo.findHandovers(db, HISTORY_LIMIT);
  const agenciesOf = (r: repo.HandoverRow) => ((r.checklist as { memberships?: { agencyId: string }[] }).memberships ?? []).map((m) => m.agencyId);
  const visible = rows.filter((r) => {
    const as = agenciesOf(r);
    if (agencyId && !as.includes(agencyId)) return false;
    return actor.globalRole !== null || as.some((a) => canStaffing(actor, 'read', a));
  });
  const names = await repo.findUserNames(db, [...new Set(visible.flatMap((r) => [r.fromUserId, r.toUserId, r.signedBy, r.approvedBy, r.createdBy]))]);
  const person = (id: string) => ({ id, displayName: names.get(id) ?? '' });
  return visible.map((r) => {
    const c = r.checklist as { reassigned?: Record<string, number>; notes?: string[] };
    return {
      id: r.id,
      from: person(r.fromUserId),
      to: person(r.toUserId),
      signedBy: person(r.signedBy),
      approvedBy: person(r.approvedBy),
      createdBy: person(r.createdBy),
      createdAt: r.createdAt.toISOString(),
      agencyIds: agenciesOf(r),
      counts: { documents: 0, memberships: 0, duties: 0, requests: 0, ...c.reassigned },
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
