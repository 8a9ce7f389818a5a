/**
 * Use cases of public feedback: online intake (anonymous, spam-scored), staff entry of hotline
 * and in-person feedback, answer, reject, the staff list, the public list of answered feedback,
 * monthly statistics and the per-agency settings. Guards first, then one transaction that also
 * writes the audit row. The author's contact never enters an audit row.
 */
import type { AppContext } from '../../context.ts';
import type { Db, Executor } from '../../db/client.ts';
import { chinaDate, now } from '../../lib/clock.ts';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { auditActor, listAgencyMembers, readableAgencies, systemActor, type Actor } from '../accounts/index.ts';
import { getAgency } from '../agencies/index.ts';
import { listAuditRows, recordAudit, type AuditActor } from '../audit/index.ts';
import { addWorkingDays, loadCalendar } from '../calendar/index.ts';
import { notify } from '../notifications/index.ts';
import { findPublishedItem } from '../publishing/index.ts';
import { currentHolder, loadAgencyPosts } from '../staffing/index.ts';
import { answerPrivacyFindings, answerPrivacyMessage } from './answer-privacy.ts';
import { DEFAULT_ANSWER_WORKING_DAYS, kindNames, type FeedbackKind } from './model.ts';
import { canAnswerFeedback, canAssignFeedback, canConfigureFeedback, canHandleFeedback, canHideFeedback, canReadFeedback, canSeeContactOf } from './feedback.policy.ts';
import { presentFeedback, presentPublicFeedback, referencedUsers } from './feedback.presenter.ts';
import type { ListQuery, PortalFeedbackInput, RecordFeedbackInput } from './feedback.schemas.ts';
import * as repo from './feedback.repository.ts';
import { scoreSpam } from './spam.ts';
import { computeStats } from './stats.ts';

/** Today's China date. */
export const today = (): string => chinaDate(now());

/** The agency's settings, defaults filled in. */
export async function getFeedbackSettings(db: Executor, agencyId: string): Promise<{ answerWorkingDays: number; bannedWords: string[] }> {
  const s = await repo.findSettings(db, agencyId);
  return { answerWorkingDays: s?.answerWorkingDays ?? DEFAULT_ANSWER_WORKING_DAYS, bannedWords: s?.bannedWords ?? [] };
}

async function dueOnFor(db: Executor, agencyId: string, receivedOn: string): Promise<string> {
  const [settings, calendar] = await Promise.all([getFeedbackSettings(db, agencyId), loadCalendar(db)]);
  return addWorkingDays(receivedOn, settings.answerWorkingDays, calendar).date;
}

/** Refuses a document that is not a live item of the agency (400). */
async function checkDocument(db: Executor, agencyId: string, documentId: string | null | undefined): Promise<void> {
  if (!documentId) return;
  const found = await findPublishedItem(db, documentId);
  if (found.state !== 'published' || found.item.agencyId !== agencyId) {
    throw new AppError('VALIDATION', { message: '输入有误：所指信息不存在或不属于该单位', details: { fields: { documentId: '所指信息不存在或不属于该单位' } } });
  }
}

/**
 * The 承办人 of new feedback: the current holder of the agency's feedback duty on `day` (AB岗:
 * A, or B while A is on leave or disabled — staffing's currentHolder); null when the agency has
 * no such duty or nobody holds it (reminders then go to the administrators).
 */
export async function feedbackHolder(db: Db, agencyId: string, day: string): Promise<{ userId: string; post: 'A' | 'B' } | null> {
  const posts = await loadAgencyPosts(db, agencyId);
  const duty = posts.duties.find((d) => d.kind === 'feedback' && !d.catalogItemId);
  if (!duty) return null;
  const h = currentHolder(duty, day, posts.leaves, posts.disabled);
  return h.userId && h.post ? { userId: h.userId, post: h.post } : null;
}

/** Tells the new 承办人 (in-app only; the deadline reminders come by e-mail too). */
async function notifyAssignee(tx: Executor, r: repo.FeedbackRow, assigneeId: string, why: string): Promise<void> {
  const kind = kindNames[r.kind as FeedbackKind] ?? '留言';
  await notify(tx, {
    userIds: [assigneeId],
    agencyId: r.agencyId,
    kind: 'feedback.assigned',
    title: `新${kind}待答复`,
    body: `${r.receivedOn} 收到的${kind}（${why}）由您承办，答复期限为 ${r.dueOn}。`,
    link: `/feedback?id=${r.id}`,
    dedupeKey: `feedback-assign:${r.id}:${assigneeId}:${r.lockVersion}`,
    email: false,
  });
}

/**
 * The portal form: stores the feedback (status new, or rejected when the local spam score
 * says so — the author sees the same thanks either way, so a spammer learns nothing).
 */
export async function submitOnlineFeedback(ctx: AppContext, agencyId: string, input: PortalFeedbackInput, ip: string | null): Promise<{ id: string; dueOn: string; spam: boolean }> {
  await checkDocument(ctx.db, agencyId, input.documentId);
  const settings = await getFeedbackSettings(ctx.db, agencyId);
  const spam = scoreSpam(`${input.text}\n${input.contact ?? ''}`, settings.bannedWords);
  const receivedOn = today();
  const dueOn = await dueOnFor(ctx.db, agencyId, receivedOn);
  const holder = spam.isSpam ? null : await feedbackHolder(ctx.db, agencyId, receivedOn);
  const row = await ctx.db.transaction(async (tx) => {
    const r = await repo.insertFeedback(tx, {
      assigneeId: holder?.userId ?? null,
      assignedVia: holder?.post ?? null,
      agencyId,
      documentId: input.documentId ?? null,
      kind: input.kind,
      rating: input.kind === 'rating' ? (input.rating ?? null) : null,
      text: input.text,
      contact: input.contact ?? null,
      consentToPublish: input.consent === '1',
      source: 'online',
      status: spam.isSpam ? 'rejected' : 'new',
      spamScore: spam.score,
      rejectReason: spam.isSpam ? `系统判定疑似垃圾信息（${spam.signals.map((s) => s.detail).join('、')}）` : null,
      receivedOn,
      dueOn,
    });
    await recordAudit(tx, auditActor(null, ip), {
      agencyId,
      action: 'feedback.submit',
      entityType: 'feedback',
      entityId: r.id,
      after: { kind: r.kind, source: 'online', documentId: r.documentId, status: r.status, spamScore: r.spamScore, dueOn, assigneeId: r.assigneeId, assignedVia: r.assignedVia },
    });
    if (holder) await notifyAssignee(tx, r, holder.userId, `公众留言办理${holder.post}岗`);
    return r;
  });
  return { id: row.id, dueOn, spam: spam.isSpam };
}

/** Staff record feedback that came by the hotline or in person (admins and drafters). */
export async function recordFeedback(ctx: AppContext, actor: Actor, input: RecordFeedbackInput, ip: string | null) {
  if (!canAnswerFeedback(actor, input.agencyId)) {
    if (!canReadFeedback(actor, input.agencyId)) throw notFound('单位');
    throw forbidden('只有本单位管理员或起草人可以登记留言');
  }
  await getAgency(ctx.db, input.agencyId);
  await checkDocument(ctx.db, input.agencyId, input.documentId);
  const t = today();
  const receivedOn = input.receivedOn ?? t;
  if (receivedOn > t) throw new AppError('VALIDATION', { message: '输入有误：收到日期不能晚于今天', details: { fields: { receivedOn: '收到日期不能晚于今天' } } });
  const dueOn = await dueOnFor(ctx.db, input.agencyId, receivedOn);
  const holder = await feedbackHolder(ctx.db, input.agencyId, t);
  const row = await ctx.db.transaction(async (tx) => {
    const r = await repo.insertFeedback(tx, {
      assigneeId: holder?.userId ?? null,
      assignedVia: holder?.post ?? null,
      agencyId: input.agencyId,
      documentId: input.documentId ?? null,
      kind: input.kind,
      rating: input.kind === 'rating' ? (input.rating ?? null) : null,
      text: input.text,
      contact: input.contact ?? null,
      consentToPublish: input.consentToPublish,
      source: input.source,
      status: 'new',
      receivedOn,
      dueOn,
      createdBy: actor.userId,
    });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: input.agencyId,
      action: 'feedback.record',
      entityType: 'feedback',
      entityId: r.id,
      after: { kind: r.kind, source: r.source, documentId: r.documentId, receivedOn, dueOn, assigneeId: r.assigneeId, assignedVia: r.assignedVia },
    });
    if (holder && holder.userId !== actor.userId) await notifyAssignee(tx, r, holder.userId, `公众留言办理${holder.post}岗`);
    return r;
  });
  const users = await repo.findUsersState(ctx.db, referencedUsers(row));
  return presentFeedback(row, users, { withContact: canSeeContactOf(actor, row.agencyId, row.assigneeId), today: t });
}

async function loadVisible(db: Executor, actor: Actor, id: string): Promise<repo.FeedbackRow> {
  const r = await repo.findById(db, id);
  if (!r || !canReadFeedback(actor, r.agencyId)) throw notFound('留言');
  return r;
}

/** One feedback row as the actor may see it. */
export async function getFeedback(db: Executor, actor: Actor, id: string) {
  const r = await loadVisible(db, actor, id);
  const users = await repo.findUsersState(db, referencedUsers(r));
  return presentFeedback(r, users, { withContact: canSeeContactOf(actor, r.agencyId, r.assigneeId), today: today() });
}

/** Answers new (or set-aside) feedback: admins and drafters of the agency. */
export async function answerFeedback(ctx: AppContext, actor: Actor, id: string, input: { lockVersion: number; answer: string }, ip: string | null) {
  const r = await loadVisible(ctx.db, actor, id);
  if (r.lockVersion !== input.lockVersion) throw conflict();
  if (r.status === 'answered') throw new AppError('CONFLICT', { message: '该留言已答复', reason: 'INVALID_STATE' });
  if (!canHandleFeedback(actor, r.agencyId, r.assigneeId)) throw forbidden('只有本单位管理员、起草人或承办人可以答复留言');
  const at = now();
  // An answer the portal will show passes the privacy detectors first (条例第15条).
  if (r.consentToPublish) refusePersonalData(input.answer, at);
  await ctx.db.transaction(async (tx) => {
    const row = await repo.updateGuarded(tx, id, input.lockVersion, ['new', 'rejected'], {
      status: 'answered',
      answer: input.answer,
      answeredBy: actor.userId,
      answeredAt: at,
      answeredOn: chinaDate(at),
      rejectReason: null,
    });
    if (!row) throw conflict();
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: r.agencyId,
      action: 'feedback.answer',
      entityType: 'feedback',
      entityId: id,
      before: { status: r.status },
      after: { status: 'answered', answeredOn: row.answeredOn, onTime: row.answeredOn! <= row.dueOn, answerLength: input.answer.length },
    });
  });
  // Answered feedback with consent appears on the portal.
  if (r.consentToPublish) notifyPublic(ctx);
  return getFeedback(ctx.db, actor, id);
}

/** Rejects new feedback (spam, abuse): admins and drafters of the agency. */
export async function rejectFeedback(ctx: AppContext, actor: Actor, id: string, input: { lockVersion: number; reason: string }, ip: string | null) {
  const r = await loadVisible(ctx.db, actor, id);
  if (r.lockVersion !== input.lockVersion) throw conflict();
  if (r.status !== 'new') throw new AppError('CONFLICT', { message: '只有待答复的留言可以不予处理', reason: 'INVALID_STATE' });
  if (!canHandleFeedback(actor, r.agencyId, r.assigneeId)) throw forbidden('只有本单位管理员、起草人或承办人可以处理留言');
  await ctx.db.transaction(async (tx) => {
    const row = await repo.updateGuarded(tx, id, input.lockVersion, ['new'], { status: 'rejected', rejectReason: input.reason });
    if (!row) throw conflict();
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: r.agencyId,
      action: 'feedback.reject',
      entityType: 'feedback',
      entityId: id,
      before: { status: 'new' },
      after: { status: 'rejected', reason: input.reason },
    });
  });
  return getFeedback(ctx.db, actor, id);
}

/** A page of the feedback the actor may read. */
export async function listFeedback(db: Executor, actor: Actor, q: ListQuery) {
  let scope = readableAgencies(actor);
  if (q.agencyId) {
    if (!canReadFeedback(actor, q.agencyId)) throw forbidden('无权查看该单位的留言');
    scope = [q.agencyId];
  }
  const t = today();
  const { rows, total } = await repo.findPage(db, {
    agencyIds: scope,
    status: q.status,
    kind: q.kind,
    documentId: q.documentId,
    overdueOn: q.overdue ? t : undefined,
    assigneeId: q.assignee === 'me' ? actor.userId : q.assignee,
    hidden: q.hidden,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const users = await repo.findUsersState(db, rows.flatMap(referencedUsers));
  return { items: rows.map((r) => presentFeedback(r, users, { withContact: canSeeContactOf(actor, r.agencyId, r.assigneeId), today: t })), total, page: q.page, pageSize: q.pageSize };
}

/** Answered feedback of an agency whose authors consented, for the portal (no contact, no staff names). */
export async function listPublicAnswered(db: Executor, agencyId: string, page: number, pageSize: number) {
  const { rows, total } = await repo.findPublicAnswered(db, agencyId, pageSize, (page - 1) * pageSize);
  const at = now();
  return { total, items: rows.map((r) => presentPublicFeedback(r, at)) };
}

/** Answered feedback about one item whose authors consented (its detail page; at most `limit`). */
export async function listPublicAnsweredForDocument(db: Executor, documentId: string, limit = 20) {
  const at = now();
  return (await repo.findPublicAnsweredForDocument(db, documentId, limit)).map((r) => presentPublicFeedback(r, at));
}

/** Monthly statistics of one agency and year. */
export async function feedbackStats(db: Executor, actor: Actor, agencyId: string, year: number) {
  if (!canReadFeedback(actor, agencyId)) throw forbidden('无权查看该单位的留言统计');
  const rows = await repo.findReceivedBetween(db, agencyId, `${year}-01-01`, `${year + 1}-01-01`);
  return { agencyId, ...computeStats(year, rows) };
}

/** Changes the agency's answer deadline and banned words (agency admins). */
export async function updateFeedbackSettings(ctx: AppContext, actor: Actor, input: { agencyId: string; answerWorkingDays: number; bannedWords: string[] }, ip: string | null) {
  if (!canConfigureFeedback(actor, input.agencyId)) {
    if (!canReadFeedback(actor, input.agencyId)) throw notFound('单位');
    throw forbidden('只有本单位管理员可以修改留言设置');
  }
  const before = await getFeedbackSettings(ctx.db, input.agencyId);
  const row = await ctx.db.transaction(async (tx) => {
    const s = await repo.upsertSettings(tx, input);
    await recordAudit(tx, auditActor(actor, ip), { agencyId: input.agencyId, action: 'feedback.settings', entityType: 'agency', entityId: input.agencyId, before, after: { answerWorkingDays: s.answerWorkingDays, bannedWords: s.bannedWords } });
    return s;
  });
  return { agencyId: row.agencyId, answerWorkingDays: row.answerWorkingDays, bannedWords: row.bannedWords };
}

function notifyPublic(ctx: AppContext): void {
  for (const fn of ctx.onPublicChange) {
    try {
      fn();
    } catch (err) {
      ctx.log.error({ err }, 'onPublicChange hook failed');
    }
  }
}


/** 422 naming the personal identifiers found when `answer` may not be shown publicly. */
function refusePersonalData(answer: string, at: Date): void {
  const found = answerPrivacyFindings(answer, at);
  if (!found.length) return;
  throw new AppError('UNPROCESSABLE', {
    message: answerPrivacyMessage(found),
    reason: 'FEEDBACK_PERSONAL_DATA',
    details: { findings: found.map((f) => ({ type: f.type, masked: f.masked })) },
  });
}

/**
 * Reassigns the 承办人 of open feedback by hand (agency admins): any active member of the
 * agency; the new 承办人 is told in the console. Audited `feedback.assign`.
 */
export async function assignFeedback(ctx: AppContext, actor: Actor, id: string, input: { lockVersion: number; assigneeId: string }, ip: string | null) {
  const r = await loadVisible(ctx.db, actor, id);
  if (!canAssignFeedback(actor, r.agencyId)) throw forbidden('只有本单位管理员可以指定承办人');
  if (r.lockVersion !== input.lockVersion) throw conflict();
  if (r.status !== 'new') throw new AppError('CONFLICT', { message: '只有待答复的留言可以指定承办人', reason: 'INVALID_STATE' });
  const members = await listAgencyMembers(ctx.db, actor, r.agencyId);
  if (!members.some((m) => m.id === input.assigneeId)) {
    throw new AppError('VALIDATION', { message: '输入有误：承办人须为本单位在岗人员', details: { fields: { assigneeId: '承办人须为本单位在岗人员' } } });
  }
  await ctx.db.transaction(async (tx) => {
    const row = await repo.updateGuarded(tx, id, input.lockVersion, ['new'], { assigneeId: input.assigneeId, assignedVia: 'manual' });
    if (!row) throw conflict();
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: r.agencyId,
      action: 'feedback.assign',
      entityType: 'feedback',
      entityId: id,
      before: { assigneeId: r.assigneeId, assignedVia: r.assignedVia },
      after: { assigneeId: input.assigneeId, assignedVia: 'manual' },
    });
    if (input.assigneeId !== actor.userId) await notifyAssignee(tx, row, input.assigneeId, '管理员指定');
  });
  return getFeedback(ctx.db, actor, id);
}

/**
 * 撤下公开: takes an answered item off the portal with a reason (e.g. the author withdrew
 * consent, the answer named a third person). Those who moderate (admins, drafters). The portal
 * cache is dropped at once. Audited `feedback.hide`.
 */
export async function hideFeedback(ctx: AppContext, actor: Actor, id: string, input: { lockVersion: number; reason: string }, ip: string | null) {
  const r = await loadVisible(ctx.db, actor, id);
  if (!canHideFeedback(actor, r.agencyId)) throw forbidden('只有本单位管理员或起草人可以撤下公开的留言答复');
  if (r.lockVersion !== input.lockVersion) throw conflict();
  if (r.status !== 'answered') throw new AppError('CONFLICT', { message: '只有已答复的留言可以撤下公开', reason: 'INVALID_STATE' });
  if (r.hiddenAt) throw new AppError('CONFLICT', { message: '该留言已撤下公开', reason: 'INVALID_STATE' });
  const at = now();
  await ctx.db.transaction(async (tx) => {
    const row = await repo.updateGuarded(tx, id, input.lockVersion, ['answered'], { hiddenAt: at, hiddenBy: actor.userId, hiddenReason: input.reason });
    if (!row) throw conflict();
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: r.agencyId,
      action: 'feedback.hide',
      entityType: 'feedback',
      entityId: id,
      before: { public: r.consentToPublish },
      after: { public: false, hidden: true, reason: input.reason },
    });
  });
  notifyPublic(ctx);
  return getFeedback(ctx.db, actor, id);
}

/**
 * 恢复公开: puts a taken-off answer back on the portal, with a reason. Only when the author
 * consented (consent stays the precondition) and the answer still passes the privacy detectors.
 * Audited `feedback.unhide`; the portal cache is dropped at once.
 */
export async function unhideFeedback(ctx: AppContext, actor: Actor, id: string, input: { lockVersion: number; reason: string }, ip: string | null) {
  const r = await loadVisible(ctx.db, actor, id);
  if (!canHideFeedback(actor, r.agencyId)) throw forbidden('只有本单位管理员或起草人可以恢复公开留言答复');
  if (r.lockVersion !== input.lockVersion) throw conflict();
  if (r.status !== 'answered' || !r.hiddenAt) throw new AppError('CONFLICT', { message: '该留言未被撤下公开', reason: 'INVALID_STATE' });
  if (!r.consentToPublish) throw new AppError('UNPROCESSABLE', { message: '留言人未同意公开，不能恢复公开', reason: 'FEEDBACK_NO_CONSENT' });
  refusePersonalData(r.answer ?? '', now());
  await ctx.db.transaction(async (tx) => {
    const row = await repo.updateGuarded(tx, id, input.lockVersion, ['answered'], { hiddenAt: null, hiddenBy: null, hiddenReason: null });
    if (!row) throw conflict();
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: r.agencyId,
      action: 'feedback.unhide',
      entityType: 'feedback',
      entityId: id,
      before: { public: false, hidden: true, reason: r.hiddenReason },
      after: { public: true, reason: input.reason },
    });
  });
  notifyPublic(ctx);
  return getFeedback(ctx.db, actor, id);
}

const historyNames: Record<string, string> = {
  'feedback.submit': '网上提交',
  'feedback.record': '登记',
  'feedback.assign': '指定承办人',
  'feedback.answer': '答复',
  'feedback.reject': '不予处理',
  'feedback.hide': '撤下公开',
  'feedback.unhide': '恢复公开',
  'feedback.remind': '期限提醒',
};

/**
 * GET /api/feedback/:id/history: the item's audit rows, oldest first (at most 200): when, who,
 * what, and the reason of 撤下公开 / 恢复公开 / 不予处理, the 承办人 of an assignment. Readers of the agency.
 */
export async function feedbackHistory(db: Executor, actor: Actor, id: string) {
  const r = await loadVisible(db, actor, id);
  const rows = (await listAuditRows(db, { agencyIds: [r.agencyId], entityType: 'feedback', entityId: id, limit: 200 })).reverse();
  const after = (x: unknown) => (x && typeof x === 'object' ? (x as Record<string, unknown>) : {});
  const ids = rows.flatMap((x) => [x.actorId, after(x.after).assigneeId].filter((v): v is string => typeof v === 'string'));
  const users = await repo.findUsersState(db, ids);
  return {
    items: rows.map((x) => {
      const a = after(x.after);
      const assignee = typeof a.assigneeId === 'string' ? { id: a.assigneeId, displayName: users.get(a.assigneeId)?.name ?? null } : null;
      return {
        at: x.at.toISOString(),
        action: x.action,
        actionName: historyNames[x.action] ?? x.action,
        actor: x.actorId ? (users.get(x.actorId)?.name ?? x.actorName) : x.action === 'feedback.submit' ? '留言人（网上）' : x.actorName,
        reason: typeof a.reason === 'string' ? a.reason : null,
        assignee,
      };
    }),
  };
}

/**
 * For staffing's handover transaction: moves the 承办人 of every open (status new) feedback from
 * the leaver to the successor inside the caller's transaction, one `feedback.assign` audit row
 * each (via `handover`). Returns how many moved.
 */
export async function reassignFeedbackOnHandover(tx: Executor, fromUserId: string, toUserId: string, by: AuditActor = systemActor): Promise<{ count: number }> {
  let count = 0;
  for (const f of await repo.findOpenAssignedTo(tx, fromUserId)) {
    const row = await repo.moveAssignee(tx, f.id, fromUserId, toUserId);
    if (!row) continue;
    count++;
    await recordAudit(tx, by, {
      agencyId: f.agencyId,
      action: 'feedback.assign',
      entityType: 'feedback',
      entityId: f.id,
      before: { assigneeId: fromUserId },
      after: { assigneeId: toUserId, assignedVia: 'handover', reason: '离岗交接' },
    });
  }
  return { count };
}

/** For the doctor check: open feedback whose 承办人 is a disabled account, with a Chinese message each. */
/** Unanswered feedback assigned to a user: the handover checklist's 留言办理 items. */
export async function findFeedbackHeldBy(db: Executor, userId: string): Promise<Array<{ id: string; agencyId: string; receivedOn: string; dueOn: string; kindName: string }>> {
  const rows = await repo.findOpenAssignedTo(db, userId);
  return rows.map((r) => ({ id: r.id, agencyId: r.agencyId, receivedOn: r.receivedOn, dueOn: r.dueOn, kindName: kindNames[r.kind as FeedbackKind] ?? '留言' }));
}

export async function findFeedbackHeldByDisabled(db: Executor): Promise<Array<{ id: string; agencyId: string; message: string }>> {
  const rows = await repo.findOpenHeldByDisabled(db);
  return rows.map((r) => ({ id: r.id, agencyId: r.agencyId, message: `${r.receivedOn} 收到的${kindNames[r.kind as FeedbackKind] ?? '留言'}（未答复）的承办人仍为已停用账号` }));
}
