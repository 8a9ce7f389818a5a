/**
 * Handling depth of 依申请公开: the agency's procedure settings (审批 required or not), the
 * reassignment of handler and backup handler (AB岗), the approvers (审批 of replies, 延期 under
 * 条例第33条第2款) and the 信息处理费 quote (国办函〔2020〕109号, fees.ts). The state-changing
 * actions themselves go through requests.service.ts `performAction`.
 */
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { chinaDate, now } from '../../lib/clock.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { auditActor, canReadAgency, hasRole, loadActor, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { computeFee, feeMethodNames, monthOf, type FeeMethod, type FeeQuote } from './fees.ts';
import { isOpen, type RequestState } from './model.ts';
import { invalidFields, staleRequest } from './requests.errors.ts';
import { mayApproveIn } from './requests.policy.ts';
import type { AssignInput } from './requests.schemas.ts';
import * as repo from './requests.repository.ts';

// ---------------------------------------------------------------- settings

/** The agency's procedure settings; no row = 审批 not required (see schema/requests.ts). */
export async function loadSettings(db: Executor, agencyId: string): Promise<{ approvalRequired: boolean }> {
  return { approvalRequired: (await repo.findSettings(db, agencyId))?.approvalRequired ?? false };
}

/** GET /api/requests/settings: readable by the agency's members; `canEdit` for its admin. */
export async function getSettings(db: Executor, actor: Actor, agencyId: string) {
  if (!canReadAgency(actor, agencyId)) throw notFound('单位');
  return { agencyId, ...(await loadSettings(db, agencyId)), canEdit: hasRole(actor, agencyId, 'admin') };
}

/** PUT /api/requests/settings (agency admin), audited `request.settings.update`. */
export async function updateSettings(db: Executor, actor: Actor, input: { agencyId: string; approvalRequired: boolean }, ip: string | null) {
  if (!canReadAgency(actor, input.agencyId)) throw notFound('单位');
  if (!hasRole(actor, input.agencyId, 'admin')) throw forbidden('只有本单位管理员可以修改依申请公开设置');
  const before = await loadSettings(db, input.agencyId);
  await db.transaction(async (tx) => {
    await repo.upsertSettings(tx, input.agencyId, input.approvalRequired, actor.userId);
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: input.agencyId,
      action: 'request.settings.update',
      entityType: 'request_settings',
      entityId: input.agencyId,
      before,
      after: { approvalRequired: input.approvalRequired },
    });
  });
  return getSettings(db, actor, input.agencyId);
}

// ---------------------------------------------------------------- approvers

/**
 * A user of the agency who may approve (审批人 or 管理员 there, account active); the field's
 * error otherwise. Returns the id and display name the event records.
 */
export async function checkApprover(db: Executor, agencyId: string, userId: string, field: string): Promise<{ id: string; displayName: string }> {
  const a = await loadActor(db, userId);
  if (!a || !mayApproveIn(a, agencyId)) throw invalidFields({ [field]: '所选人员不是本单位的依申请公开审批人或管理员' });
  return { id: a.userId, displayName: a.displayName };
}

/** Who submitted the pending 审批 and what they proposed (the last approval_requested event), if any. */
export function pendingApproval(events: readonly { kind: string; on: string; data: unknown; actorId: string | null }[]) {
  const last = events.findLast((e) => e.kind === 'approval_requested' || e.kind === 'approval_returned' || e.kind === 'approved');
  if (!last || last.kind !== 'approval_requested') return null;
  const d = last.data as Record<string, unknown>;
  return { by: last.actorId, on: last.on, outcome: typeof d.outcome === 'string' ? d.outcome : null, note: typeof d.note === 'string' ? d.note : null };
}

// ---------------------------------------------------------------- reassignment

async function checkHandlerMember(db: Executor, agencyId: string, userId: string, field: string): Promise<string> {
  const a = await loadActor(db, userId);
  const m = a?.memberships.find((x) => x.agencyId === agencyId);
  if (!a || !m || !m.roles.includes('handler')) throw invalidFields({ [field]: '所选人员不是本单位在岗的依申请公开承办人' });
  return a.displayName;
}

/**
 * POST /api/requests/:id/assign: the agency admin names a new handler and backup (both active
 * handlers of the agency, different people). Any state but archived. One transaction: guarded
 * UPDATE (lockVersion), a `reassigned` event, the audit row `request.assign`.
 */
export async function assignHandlers(ctx: AppContext, actor: Actor, id: string, input: AssignInput, ip: string | null) {
  const r = await repo.findRequest(ctx.db, id);
  if (!r || !canReadAgency(actor, r.agencyId)) throw notFound('申请');
  if (r.lockVersion !== input.lockVersion) throw staleRequest();
  if (r.state === 'archived') throw new AppError('CONFLICT', { message: '已归档的申请不能调整承办人', reason: 'INVALID_STATE' });
  if (!hasRole(actor, r.agencyId, 'admin')) throw forbidden('只有本单位管理员可以调整承办人');
  const handlerName = await checkHandlerMember(ctx.db, r.agencyId, input.handlerId, 'handlerId');
  const backupName = await checkHandlerMember(ctx.db, r.agencyId, input.backupHandlerId, 'backupHandlerId');
  if (input.handlerId === r.handlerId && input.backupHandlerId === r.backupHandlerId) throw invalidFields({ handlerId: '承办人和B角承办人没有变化' });
  const data = {
    from: { handlerId: r.handlerId, backupHandlerId: r.backupHandlerId },
    to: { handlerId: input.handlerId, backupHandlerId: input.backupHandlerId },
    names: { handler: handlerName, backupHandler: backupName },
    reason: input.reason,
  };
  const on = chinaDate(now());
  await ctx.db.transaction(async (tx) => {
    const row = await repo.updateGuarded(tx, r.id, { lockVersion: r.lockVersion, state: r.state }, { handlerId: input.handlerId, backupHandlerId: input.backupHandlerId });
    if (!row) throw staleRequest();
    await repo.insertEvent(tx, { requestId: r.id, kind: 'reassigned', on: on < r.receivedOn ? r.receivedOn : on, data, actorId: actor.userId });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: r.agencyId,
      action: 'request.assign',
      entityType: 'request',
      entityId: r.id,
      before: { trackingNo: r.trackingNo, ...data.from },
      after: { ...data.to, reason: input.reason },
    });
  });
}

// ---------------------------------------------------------------- 信息处理费

/** The key that identifies an applicant across requests (ID number or USCC), if any. */
function applicantKey(a: { idNumber?: string | undefined; uscc?: string | undefined } | undefined): string | null {
  return a?.idNumber ?? a?.uscc ?? null;
}

/**
 * The most the agency may charge for this request under 109号: 按件 counts the applicant's
 * other applications to the agency earlier in the natural month of the receipt (each one 件;
 * an applicant without an ID number or USCC counts from zero), 按量 the pages.
 */
export async function quoteFee(db: Executor, r: repo.RequestRow, input: { method: FeeMethod; items?: number | undefined; pages?: number | undefined }): Promise<FeeQuote> {
  if (input.method === 'per_page') return computeFee({ method: 'per_page', pages: input.pages ?? 1 });
  const key = applicantKey(await repo.findApplicant(db, r.id));
  const prior = key ? await repo.countEarlierApplications(db, r, key, monthOf(r.receivedOn)) : 0;
  return computeFee({ method: 'per_item', priorItems: prior, items: input.items ?? 1 });
}

/** GET /api/requests/:id/fee-quote: the computation for the fee-notice form (request staff only: it depends on the applicant). */
export async function getFeeQuote(db: Executor, actor: Actor, id: string, q: { method: FeeMethod; items?: number | undefined; pages?: number | undefined }) {
  const r = await repo.findRequest(db, id);
  if (!r || !canReadAgency(actor, r.agencyId)) throw notFound('申请');
  const m = actor.memberships.find((x) => x.agencyId === r.agencyId);
  if (!m || !(m.roles.includes('handler') || m.roles.includes('admin'))) throw forbidden('只有本单位管理员或承办人可以计算信息处理费');
  const quote = await quoteFee(db, r, q);
  return { ...quote, methodName: feeMethodNames[q.method], open: isOpen(r.state as RequestState) };
}
