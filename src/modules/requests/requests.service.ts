/**
 * Use cases of 依申请公开: register (staff), apply online (portal), read, list, the clock events,
 * and the public status lookup. Guards first (visibility, lockVersion, policy, clock rules),
 * then ONE transaction: the guarded UPDATE (0 rows → 409), the event row and the audit row.
 * The cached `due_on` is recomputed from the events in the same transaction.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import type { ApplicantJson } from '../../db/schema/index.ts';
import { chinaDate, chinaYear, now } from '../../lib/clock.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { sha256 } from '../../lib/ids.ts';
import { auditActor, hasRole, loadActor, canReadAgency, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { loadCalendar, type Calendar } from '../calendar/index.ts';
import { computeClock, type ClockEvent, type RequestClock } from './clock.ts';
import { isOpen, openStates, transitions, type EventKind, type Outcome, type RequestAction, type RequestState } from './model.ts';
import { clockRule, invalidFields, invalidState, staleRequest } from './requests.errors.ts';
import { allowedActions, authorize, canRegisterIn, canSeeApplicant, type PolicyRequest } from './requests.policy.ts';
import { presentApplicant, presentClock, presentEvent, presentPublicStatus, presentRequest } from './requests.presenter.ts';
import type { actionSchemas, ListQuery, OnlineApplicationInput, RegisterRequestInput } from './requests.schemas.ts';
import * as repo from './requests.repository.ts';
import { freezeLetter } from './letters/compose.ts';
import { checkApprover, loadSettings, pendingApproval, quoteFee } from './procedure.ts';
import type { FeeMethod } from './fees.ts';
import { ledgerQuery } from './ledger.ts';
import { insertIntakeFiles, listIntakeFiles, MAX_SCANS, PORTAL_FILE_MAX_BYTES, prepareIntakeFile, type IntakeFileKind } from './intake-files.ts';
import type { PreparedAttachment } from '../publishing/index.ts';

/** An uploaded file, not yet checked. */
export interface UploadedFile {
  filename: string;
  data: Buffer;
}

type ApplicationFields = Omit<RegisterRequestInput, 'agencyId' | 'channel' | 'receivedOn' | 'handlerId' | 'backupHandlerId'>;

/** Today in China. */
export function today(): string {
  return chinaDate(now());
}

function toPolicy(r: repo.RequestRow, approval?: { approvalRequired: boolean; events: readonly repo.EventRow[] }): PolicyRequest {
  return {
    agencyId: r.agencyId,
    state: r.state as RequestState,
    handlerId: r.handlerId,
    backupHandlerId: r.backupHandlerId,
    ...(approval ? { approvalRequired: approval.approvalRequired, approvalRequestedBy: pendingApproval(approval.events)?.by ?? null } : {}),
  };
}

function toClockEvents(events: readonly repo.EventRow[]): ClockEvent[] {
  return events.map((e) => ({ kind: e.kind as EventKind, on: e.on, data: e.data }));
}

/** Derives the clock of a request from its events. */
export function clockOf(r: Pick<repo.RequestRow, 'receivedOn'>, events: readonly repo.EventRow[] | ClockEvent[], calendar: Calendar, day = today()): RequestClock {
  const list = events.map((e) => ({ kind: e.kind as EventKind, on: e.on, data: e.data as Record<string, unknown> }));
  return computeClock({ receivedOn: r.receivedOn, events: list, today: day, calendar });
}

function applicantOf(input: ApplicationFields): ApplicantJson {
  const person = input.applicantKind === 'person';
  return {
    name: input.name,
    phone: input.phone.replace(/\s/g, ''),
    ...(person ? { idType: input.idType, idNumber: input.idNumber?.toUpperCase() } : {}),
    ...(!person ? { uscc: input.uscc?.toUpperCase(), legalRepresentative: input.legalRepresentative, contactPerson: input.contactPerson } : {}),
    ...(input.address ? { address: input.address } : {}),
    ...(input.postcode ? { postcode: input.postcode } : {}),
    ...(input.email ? { email: input.email } : {}),
  };
}

const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A fresh query code: 12 characters from 32 unambiguous symbols (60 bits), shown as XXXX-XXXX-XXXX. */
export function newQueryCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += codeAlphabet[randomInt(codeAlphabet.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** The stored form of a query code (dashes, spaces and case do not matter). */
export function hashQueryCode(code: string): string {
  return sha256(`gongkai-request-query-code:${code.replace(/[\s-]/g, '').toUpperCase()}`);
}

async function checkHandler(db: Executor, agencyId: string, userId: string | null | undefined, field: string): Promise<void> {
  if (!userId) return;
  const a = await loadActor(db, userId);
  if (!a || !a.memberships.some((m) => m.agencyId === agencyId && m.roles.includes('handler'))) {
    throw invalidFields({ [field]: '所选人员不是本单位的依申请公开承办人' });
  }
}

async function insertNew(
  ctx: AppContext,
  values: { agencyId: string; channel: string; receivedOn: string; handlerId: string | null; backupHandlerId: string | null; createdBy: string | null },
  input: ApplicationFields,
  audit: { actor: Actor | null; ip: string | null },
  files: { kind: IntakeFileKind; prepared: readonly PreparedAttachment[] } = { kind: 'scan', prepared: [] },
) {
  const at = now();
  const queryCode = newQueryCode();
  const calendar = await loadCalendar(ctx.db);
  const clock = computeClock({ receivedOn: values.receivedOn, events: [], today: today(), calendar });
  const row = await ctx.db.transaction(async (tx) => {
    const seq = await repo.nextSequence(tx, values.agencyId, chinaYear(at));
    const trackingNo = `${chinaYear(at)}-${String(seq).padStart(4, '0')}`;
    const row = await repo.insertRequest(
      tx,
      {
        ...values,
        trackingNo,
        queryCodeHash: hashQueryCode(queryCode),
        submittedAt: at,
        applicantKind: input.applicantKind,
        orgKind: input.applicantKind === 'organization' ? (input.orgKind ?? 'other') : null,
        description: input.description,
        docNo: input.docNo ?? null,
        provisionForm: input.provisionForm,
        delivery: input.delivery,
        state: 'registered',
        dueOn: clock.dueOn,
      },
      applicantOf(input),
      [{ kind: 'received', on: values.receivedOn, data: { channel: values.channel }, actorId: values.createdBy }],
    );
    const fileRows = await insertIntakeFiles(tx, row.id, files.kind, files.prepared, values.createdBy);
    // The audit row names the request, never the applicant's personal data (files by hash only).
    await recordAudit(tx, auditActor(audit.actor, audit.ip), {
      agencyId: values.agencyId,
      action: 'request.register',
      entityType: 'request',
      entityId: row.id,
      after: {
        trackingNo,
        channel: values.channel,
        receivedOn: values.receivedOn,
        applicantKind: input.applicantKind,
        state: 'registered',
        ...(fileRows.length ? { files: fileRows.map((f) => ({ fileId: f.id, kind: f.kind, mime: f.mime, size: f.size, sha256: f.sha256 })) } : {}),
      },
    });
    return row;
  });
  return { row, queryCode, clock };
}

/**
 * Staff registration of an application received on paper, in person, by fax or e-mail, with
 * its scans (JPEG/PNG/PDF, checked by content) written in the same transaction.
 */
export async function registerRequest(ctx: AppContext, actor: Actor, input: RegisterRequestInput, ip: string | null, scans: readonly UploadedFile[] = []) {
  if (!canRegisterIn(actor, input.agencyId)) {
    if (!canReadAgency(actor, input.agencyId)) throw notFound('单位');
    throw forbidden('只有本单位管理员或依申请公开承办人可以登记申请');
  }
  await checkHandler(ctx.db, input.agencyId, input.handlerId, 'handlerId');
  await checkHandler(ctx.db, input.agencyId, input.backupHandlerId, 'backupHandlerId');
  if (scans.length > MAX_SCANS) throw invalidFields({ scans: `登记时最多上传 ${MAX_SCANS} 个扫描件，其余可在登记后补充` });
  const prepared: PreparedAttachment[] = [];
  for (const f of scans) prepared.push(await prepareIntakeFile(ctx, f.filename, f.data, ctx.config.GONGKAI_MAX_UPLOAD_MB * 1024 * 1024));
  const handlerId = input.handlerId ?? (hasRole(actor, input.agencyId, 'handler') ? actor.userId : null);
  const { row, queryCode } = await insertNew(
    ctx,
    { agencyId: input.agencyId, channel: input.channel, receivedOn: input.receivedOn, handlerId, backupHandlerId: input.backupHandlerId ?? null, createdBy: actor.userId },
    input,
    { actor, ip },
    { kind: 'scan', prepared },
  );
  // The query code is given once (printed on the receipt for the applicant).
  return { ...(await getRequestDetail(ctx.db, actor, row.id)), queryCode };
}

/**
 * An application through the portal form (no account). Receipt = the day of submission (platform
 * confirms at once). The optional identity document (JPEG/PNG/PDF ≤ 5 MB, by content) is stored
 * privately in the same transaction; a refused file throws 413/415/422 and nothing is stored.
 */
export async function submitOnlineRequest(ctx: AppContext, agencyId: string, input: OnlineApplicationInput, ip: string | null, identity: UploadedFile | null = null) {
  const prepared = identity ? [await prepareIntakeFile(ctx, identity.filename, identity.data, PORTAL_FILE_MAX_BYTES)] : [];
  const { row, queryCode, clock } = await insertNew(
    ctx,
    { agencyId, channel: 'online', receivedOn: today(), handlerId: null, backupHandlerId: null, createdBy: null },
    input,
    { actor: null, ip },
    { kind: 'identity', prepared },
  );
  return { trackingNo: row.trackingNo, queryCode, receivedOn: row.receivedOn, dueOn: clock.dueOn, lines: clock.lines };
}

async function loadVisible(db: Executor, actor: Actor, id: string): Promise<repo.RequestRow> {
  const r = await repo.findRequest(db, id);
  if (!r || !canReadAgency(actor, r.agencyId)) throw notFound('申请');
  return r;
}

/** Event data without what the applicant wrote (an online 补正's text and file names). */
function withoutApplicantText(data: Record<string, unknown>): Record<string, unknown> {
  const { text, files, ...rest } = data;
  if (text === undefined) return data;
  return { ...rest, files: Array.isArray(files) ? files.length : 0 };
}

/** The staff detail: request, derived clock with its explanation, timeline, allowed actions; the applicant only for request staff. */
export async function getRequestDetail(db: Executor, actor: Actor, id: string) {
  const r = await loadVisible(db, actor, id);
  const [events, calendar] = await Promise.all([repo.findEvents(db, r.id), loadCalendar(db)]);
  const clock = clockOf(r, events, calendar);
  const names = await repo.findUserNames(db, [r.handlerId, r.backupHandlerId].filter((x): x is string => !!x));
  const applicant = canSeeApplicant(actor, r.agencyId) ? await repo.findApplicant(db, r.id) : undefined;
  return {
    request: presentRequest(r, names, clock),
    applicant: applicant ? presentApplicant(applicant) : null,
    clock: presentClock(clock),
    // An online 补正 carries the applicant's words: only for staff who may see the applicant.
    events: events.map((e) => presentEvent(applicant ? e : { ...e, data: withoutApplicantText(e.data) })),
    intakeFiles: await listIntakeFiles(db, actor, r),
    allowedActions: allowedActions(actor, toPolicy(r, { ...(await loadSettings(db, r.agencyId)), events })),
    // 审批 pending: the proposed outcome and reasons (the reply letter preview uses them).
    pendingApproval: r.state === 'approving' ? pendingApproval(events) : null,
    canAssign: hasRole(actor, r.agencyId, 'admin') && r.state !== 'archived',
  };
}

/** The ledger (台账): filters by state, overdue, due before; each row's clock derived from its events. */
export async function listRequests(db: Executor, actor: Actor, q: ListQuery) {
  const day = today();
  const calendar = await loadCalendar(db);
  const { rows, total } = await repo.findPage(db, ledgerQuery(actor, q, day, calendar, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }));
  const events = await repo.findEventsOf(db, rows.map((r) => r.id));
  const names = await repo.findUserNames(db, [...new Set(rows.flatMap((r) => [r.handlerId, r.backupHandlerId]).filter((x): x is string => !!x))]);
  return {
    items: rows.map((r) => presentRequest(r, names, clockOf(r, events.get(r.id) ?? [], calendar, day))),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

type Inputs = { [K in RequestAction]: import('zod').infer<(typeof actionSchemas)[K]> };

const eventKindOf: Record<RequestAction, EventKind> = {
  accept: 'accepted',
  askCorrection: 'correction_requested',
  receiveCorrection: 'correction_received',
  extend: 'extension',
  startConsultation: 'consultation_started',
  endConsultation: 'consultation_ended',
  feeNotice: 'fee_notice',
  feePaid: 'fee_paid',
  reply: 'replied',
  submitForApproval: 'approval_requested',
  // The approver's decision sends the reply: an `approved` event, then the `replied` one.
  approve: 'replied',
  returnForRevision: 'approval_returned',
  deliver: 'delivered',
  archive: 'archived',
  withdraw: 'withdrawn',
  deemWithdrawn: 'deemed_withdrawn',
};

/**
 * Records one legal event. Checks: visibility (404) → lockVersion (409) → policy (409 state,
 * 403 role) → date and clock rules (400/422) → one transaction (guarded UPDATE, event, audit).
 */
export async function performAction<A extends RequestAction>(ctx: AppContext, actor: Actor, id: string, action: A, input: Inputs[A], ip: string | null) {
  const r = await loadVisible(ctx.db, actor, id);
  if (r.lockVersion !== input.lockVersion) throw staleRequest();
  authorize(actor, action, toPolicy(r, { ...(await loadSettings(ctx.db, r.agencyId)), events: await repo.findEvents(ctx.db, r.id) }));
  return recordAction(ctx, r, action, input, { actor, ip });
}

/**
 * The part of an action after the actor's checks: date and clock rules, the letter, then one
 * transaction (guarded UPDATE, event, audit). `who.actor` is null when the applicant acts
 * through the portal (online 补正); `extra` adds to the event's data and runs its own writes
 * (e.g. the correction's files) inside the same transaction.
 */
export async function recordAction<A extends RequestAction>(
  ctx: AppContext,
  r: repo.RequestRow,
  action: A,
  input: Inputs[A],
  who: { actor: Actor | null; ip: string | null },
  extra: { data?: Record<string, unknown>; write?: (tx: Executor) => Promise<Record<string, unknown>> } = {},
) {
  if (r.lockVersion !== input.lockVersion) throw staleRequest();
  if (!transitions[action].from.includes(r.state as RequestState)) throw invalidState(`申请当前状态不能执行该操作`);
  const day = today();
  if (input.on < r.receivedOn) throw invalidFields({ on: `日期不能早于收到申请之日 ${r.receivedOn}` });
  if (input.on > day) throw invalidFields({ on: '日期不能晚于今天' });
  const [events, calendar] = await Promise.all([repo.findEvents(ctx.db, r.id), loadCalendar(ctx.db)]);
  const before = clockOf(r, events, calendar, day);
  const has = (k: EventKind) => events.some((e) => e.kind === k);
  // A reassignment is an office matter dated when it was made, not a legal date of the procedure.
  const lastOn = events.reduce((m, e) => (e.kind !== 'reassigned' && e.on > m ? e.on : m), r.receivedOn);
  if (input.on < lastOn && action !== 'deliver' && action !== 'archive') throw invalidFields({ on: `日期不能早于上一事件日期 ${lastOn}` });

  const data: Record<string, unknown> = { ...extra.data };
  const changes: Partial<repo.NewRequest> = {};
  /** Events written just before this action's own (the `approved` before the approver's reply). */
  const preceding: Array<{ kind: EventKind; data: Record<string, unknown> }> = [];
  const i = input as Record<string, unknown>;
  // The clock rules every reply obeys, whether sent directly, proposed for 审批 or approved.
  const replyRules = (outcome: Outcome) => {
    if (before.pauses.some((p) => p.kind === 'consultation' && p.to === null)) throw clockRule('征求意见尚未结束，请先记录结束', 'CONSULTATION_OPEN');
    if (outcome === 'other_fee_unpaid' && !before.feeExpired) throw clockRule('缴费期限未过或无待缴费的收费通知，不能按“逾期未缴费”处理', 'FEE_NOT_EXPIRED');
    if (outcome === 'unavailable_still_unclear' && !has('correction_received')) throw clockRule('“补正后申请内容仍不明确”须先有补正', 'NO_CORRECTION');
  };
  switch (action) {
    case 'askCorrection':
      // 条例第30条: 一次性告知补正.
      if (has('correction_requested')) throw clockRule('补正只能一次性告知（条例第30条）', 'CORRECTION_ONCE');
      Object.assign(data, { items: i.items, periodDays: i.periodDays });
      break;
    case 'extend':
      if (has('extension')) throw clockRule('答复期限只能延长一次（条例第33条第2款）', 'EXTENSION_ONCE');
      if (before.phase === 'closed') throw clockRule('已答复的申请不能延期', 'CLOSED');
      {
        // 条例第33条第2款: 经政府信息公开工作机构负责人同意 — a user of the agency who may approve, not the handler.
        const approver = await checkApprover(ctx.db, r.agencyId, i.approvedBy as string, 'approvedBy');
        if (approver.id === r.handlerId) throw invalidFields({ approvedBy: '承办人不能批准自己办理的申请延期' });
        // approvedBy stays the name (the clock's explanation and older events use it); the id beside it.
        Object.assign(data, { days: i.days, approvedBy: approver.displayName, approvedById: approver.id, noticeOn: i.noticeOn, reason: i.reason });
      }
      break;
    case 'startConsultation':
      if (before.pauses.some((p) => p.to === null)) throw clockRule('已有尚未结束的征求意见或收费通知', 'PAUSE_OPEN');
      Object.assign(data, { party: i.party, consulted: i.consulted });
      break;
    case 'endConsultation':
      if (!before.pauses.some((p) => p.kind === 'consultation' && p.to === null)) throw clockRule('没有正在进行的征求意见', 'NO_CONSULTATION');
      if (i.note) data.note = i.note;
      break;
    case 'feeNotice':
      if (before.pauses.some((p) => p.to === null)) throw clockRule('已有尚未结束的征求意见或收费通知', 'PAUSE_OPEN');
      {
        // 国办函〔2020〕109号 (fees.ts): the computed amount is the ceiling; less is a waiver.
        const quote = await quoteFee(ctx.db, r, { method: i.method as FeeMethod, items: i.items as number | undefined, pages: i.pages as number | undefined });
        if (quote.amount === 0) throw clockRule(`按国办函〔2020〕109号本申请在免费范围内，不收取信息处理费（${quote.lines.join('；')}）`, 'FEE_FREE');
        if ((i.amount as number) > quote.amount) throw clockRule(`收费金额不能超过按国办函〔2020〕109号计算的 ${quote.amount}元（${quote.lines.join('；')}）`, 'FEE_ABOVE_SCALE');
        Object.assign(data, {
          amount: i.amount,
          method: i.method,
          periodDays: i.periodDays,
          ...(i.method === 'per_item' ? { items: quote.quantity } : { pages: quote.quantity }),
          calculation: { maxAmount: quote.amount, priorItems: quote.priorItems, lines: quote.lines, basis: quote.basis },
        });
      }
      break;
    case 'feePaid':
      if (!before.pauses.some((p) => p.kind === 'fee' && p.to === null)) throw clockRule('没有待缴费的收费通知', 'NO_FEE_NOTICE');
      break;
    case 'submitForApproval':
      replyRules(i.outcome as Outcome);
      data.outcome = i.outcome;
      break;
    case 'approve': {
      const pending = pendingApproval(events);
      if (!pending?.outcome) throw invalidState('没有待审批的答复意见');
      const outcome = pending.outcome as Outcome;
      // The clock may have moved since the proposal (e.g. a fee deadline): check again.
      replyRules(outcome);
      preceding.push({ kind: 'approved', data: { outcome, ...(i.comment ? { comment: i.comment } : {}), requestedBy: pending.by, requestedOn: pending.on } });
      changes.outcome = outcome;
      changes.outcomeNote = pending.note;
      Object.assign(data, { outcome, approvedById: who.actor?.userId ?? null, approvedBy: who.actor?.displayName ?? null });
      break;
    }
    case 'returnForRevision':
      data.reason = i.reason;
      break;
    case 'reply': {
      const outcome = i.outcome as Outcome;
      replyRules(outcome);
      changes.outcome = outcome;
      changes.outcomeNote = (i.note as string | undefined) ?? null;
      data.outcome = outcome;
      break;
    }
    case 'deliver':
      data.method = i.method;
      break;
    case 'withdraw':
      changes.outcome = 'other_other';
      data.reason = i.reason;
      break;
    case 'deemWithdrawn':
      // 条例第30条: 逾期不补正 → 视为放弃申请 (年报 其他处理1).
      if (!before.correctionExpired) throw clockRule(`补正期限（至 ${before.correctionDeadline ?? '—'}）尚未届满`, 'CORRECTION_PERIOD_RUNNING');
      changes.outcome = 'other_no_correction';
      break;
    default:
      break;
  }
  if (action !== 'reply' && action !== 'withdraw' && i.note) data.note = i.note;

  const kind = eventKindOf[action];
  const after = clockOf(r, [...toClockEvents(events), { kind, on: input.on, data }], calendar, day);
  // The letter this action sends (告知书, letters/compose.ts) is generated and stored now and recorded in the event.
  const sent = await freezeLetter(ctx, r, action, { on: input.on, data, clock: after, outcome: (changes.outcome as Outcome | undefined) ?? null, reason: changes.outcomeNote ?? null });
  if (sent) Object.assign(data, sent);
  const nextState = transitions[action].to ?? (r.state as RequestState);
  const row = await ctx.db.transaction(async (tx) => {
    const row = await repo.updateGuarded(tx, r.id, { lockVersion: r.lockVersion, state: r.state }, { ...changes, state: nextState, dueOn: after.dueOn });
    if (!row) throw staleRequest();
    if (extra.write) Object.assign(data, await extra.write(tx));
    for (const p of preceding) await repo.insertEvent(tx, { requestId: r.id, kind: p.kind, on: input.on, data: p.data, actorId: who.actor?.userId ?? null });
    await repo.insertEvent(tx, { requestId: r.id, kind, on: input.on, data, actorId: who.actor?.userId ?? null });
    await recordAudit(tx, auditActor(who.actor, who.ip), {
      agencyId: r.agencyId,
      action: `request.${action}`,
      entityType: 'request',
      entityId: r.id,
      before: { state: r.state, dueOn: before.dueOn, outcome: r.outcome },
      // The applicant's own words (online 补正) stay out of the audit log.
      after: { state: row.state, dueOn: after.dueOn, outcome: row.outcome, event: { kind, on: input.on, ...withoutApplicantText(data) } },
    });
    return row;
  });
  return row;
}

/** Recomputes the cached due date of every open request (after a calendar year is entered). Returns how many changed. */
export async function recomputeDueDates(db: Executor): Promise<number> {
  const calendar = await loadCalendar(db);
  const day = today();
  let changed = 0;
  for (const { id } of await repo.findOpenIds(db, openStates)) {
    const r = await repo.findRequest(db, id);
    if (!r || !isOpen(r.state as RequestState)) continue;
    const dueOn = clockOf(r, await repo.findEvents(db, id), calendar, day).dueOn;
    if (dueOn !== r.dueOn) {
      await repo.setDueOn(db, id, dueOn);
      changed++;
    }
  }
  return changed;
}

/**
 * Public status by tracking number and query code. A wrong code and an unknown number give the
 * same answer (null), and both compute the hash, so the answer reveals nothing.
 */
export async function lookupPublicStatus(db: Executor, agencyId: string, trackingNo: string, queryCode: string) {
  const hash = hashQueryCode(queryCode);
  const r = /^\d{4}-\d{4,6}$/.test(trackingNo.trim()) ? await repo.findByTrackingNo(db, agencyId, trackingNo.trim()) : undefined;
  const expected = Buffer.from(r?.queryCodeHash ?? '0'.repeat(64), 'hex');
  const ok = timingSafeEqual(expected, Buffer.from(hash, 'hex')) && !!r;
  if (!ok || !r) return null;
  const [events, calendar] = await Promise.all([repo.findEvents(db, r.id), loadCalendar(db)]);
  return presentPublicStatus(r, clockOf(r, events, calendar));
}

// ---------------------------------------------------------------- portal form tokens

const tokenMaxAgeMs = 2 * 3600_000;

/** A signed, time-limited token for the anonymous application form of one agency (CSRF protection without a session). */
export async function issueFormToken(db: Executor, agencyId: string, purpose: string, at = now()): Promise<string> {
  const secret = await repo.getOrCreateSecret(db, 'portal-form');
  const issued = at.getTime().toString(36);
  const nonce = randomBytes(9).toString('base64url');
  const mac = createHmac('sha256', secret).update(`${purpose}|${agencyId}|${issued}|${nonce}`).digest('base64url');
  return `${issued}.${nonce}.${mac}`;
}

/** 'ok', or why the token is refused. */
export async function verifyFormToken(db: Executor, agencyId: string, purpose: string, token: string, at = now()): Promise<'ok' | 'expired' | 'invalid'> {
  const parts = token.split('.');
  if (parts.length !== 3) return 'invalid';
  const [issued, nonce, mac] = parts as [string, string, string];
  const secret = await repo.getOrCreateSecret(db, 'portal-form');
  const expected = Buffer.from(createHmac('sha256', secret).update(`${purpose}|${agencyId}|${issued}|${nonce}`).digest('base64url'));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const age = at.getTime() - parseInt(issued, 36);
  if (!Number.isFinite(age) || age < -60_000) return 'invalid';
  return age > tokenMaxAgeMs ? 'expired' : 'ok';
}

