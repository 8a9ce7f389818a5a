/**
 * Use cases of public feedback: online intake (anonymous, spam-scored), staff entry of hotline
 * and in-person feedback, answer, reject, the staff list, the public list of answered feedback,
 * monthly statistics and the per-agency settings. Guards first, then one transaction that also
 * writes the audit row. The author's contact never enters an audit row.
 */
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { chinaDate, now } from '../../lib/clock.ts';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { auditActor, readableAgencies, type Actor } from '../accounts/index.ts';
import { getAgency } from '../agencies/index.ts';
import { recordAudit } from '../audit/index.ts';
import { addWorkingDays, loadCalendar } from '../calendar/index.ts';
import { findPublishedItem } from '../publishing/index.ts';
import { DEFAULT_ANSWER_WORKING_DAYS } from './model.ts';
import { canAnswerFeedback, canConfigureFeedback, canReadFeedback, canSeeContact } from './feedback.policy.ts';
import { presentFeedback, presentPublicFeedback } from './feedback.presenter.ts';
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
 * The portal form: stores the feedback (status new, or rejected when the local spam score
 * says so — the author sees the same thanks either way, so a spammer learns nothing).
 */
export async function submitOnlineFeedback(ctx: AppContext, agencyId: string, input: PortalFeedbackInput, ip: string | null): Promise<{ id: string; dueOn: string; spam: boolean }> {
  await checkDocument(ctx.db, agencyId, input.documentId);
  const settings = await getFeedbackSettings(ctx.db, agencyId);
  const spam = scoreSpam(`${input.text}\n${input.contact ?? ''}`, settings.bannedWords);
  const receivedOn = today();
  const dueOn = await dueOnFor(ctx.db, agencyId, receivedOn);
  const row = await ctx.db.transaction(async (tx) => {
    const r = await repo.insertFeedback(tx, {
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
      after: { kind: r.kind, source: 'online', documentId: r.documentId, status: r.status, spamScore: r.spamScore, dueOn },
    });
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
  const row = await ctx.db.transaction(async (tx) => {
    const r = await repo.insertFeedback(tx, {
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
      after: { kind: r.kind, source: r.source, documentId: r.documentId, receivedOn, dueOn },
    });
    return r;
  });
  return presentFeedback(row, new Map(), { withContact: canSeeContact(actor, row.agencyId), today: t });
}

async function loadVisible(db: Executor, actor: Actor, id: string): Promise<repo.FeedbackRow> {
  const r = await repo.findById(db, id);
  if (!r || !canReadFeedback(actor, r.agencyId)) throw notFound('留言');
  return r;
}

/** One feedback row as the actor may see it. */
export async function getFeedback(db: Executor, actor: Actor, id: string) {
  const r = await loadVisible(db, actor, id);
  const names = await repo.findUserNames(db, r.answeredBy ? [r.answeredBy] : []);
  return presentFeedback(r, names, { withContact: canSeeContact(actor, r.agencyId), today: today() });
}

/** Answers new (or set-aside) feedback: admins and drafters of the agency. */
export async function answerFeedback(ctx: AppContext, actor: Actor, id: string, input: { lockVersion: number; answer: string }, ip: string | null) {
  const r = await loadVisible(ctx.db, actor, id);
  if (r.lockVersion !== input.lockVersion) throw conflict();
  if (r.status === 'answered') throw new AppError('CONFLICT', { message: '该留言已答复', reason: 'INVALID_STATE' });
  if (!canAnswerFeedback(actor, r.agencyId)) throw forbidden('只有本单位管理员或起草人可以答复留言');
  const at = now();
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
  if (!canAnswerFeedback(actor, r.agencyId)) throw forbidden('只有本单位管理员或起草人可以处理留言');
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
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const names = await repo.findUserNames(db, rows.flatMap((r) => (r.answeredBy ? [r.answeredBy] : [])));
  return { items: rows.map((r) => presentFeedback(r, names, { withContact: canSeeContact(actor, r.agencyId), today: t })), total, page: q.page, pageSize: q.pageSize };
}

/** Answered feedback of an agency whose authors consented, for the portal (no contact, no staff names). */
export async function listPublicAnswered(db: Executor, agencyId: string, page: number, pageSize: number) {
  const { rows, total } = await repo.findPublicAnswered(db, agencyId, pageSize, (page - 1) * pageSize);
  return { total, items: rows.map(presentPublicFeedback) };
}

/** Answered feedback about one item whose authors consented (its detail page; at most `limit`). */
export async function listPublicAnsweredForDocument(db: Executor, documentId: string, limit = 20) {
  return (await repo.findPublicAnsweredForDocument(db, documentId, limit)).map(presentPublicFeedback);
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

