/**
 * Drill-down (GET /api/dashboard/drill): the records behind one figure of an agency's dashboard.
 * Each metric runs the same conditions as the grouped query (or the ledger) that counted it, so
 * the list is exactly as long as the number shown (dashboard.int.test.ts checks every one).
 * Authorization is the dashboard's (canViewDashboard). Personal data follows the requests
 * module's presenter rule: the applicant's name only for an actor `canSeeApplicant` allows
 * (个人信息保护法第6条, data minimisation); feedback never carries the author's contact.
 * Read-only: no audit.
 */
import type { AppContext } from '../../context.ts';
import { chinaDate, chinaYear, now } from '../../lib/clock.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import type { Actor } from '../accounts/index.ts';
import { getAgency } from '../agencies/index.ts';
import { entryStatusName, entryStatusNames, type EntryStatus } from '../catalog/index.ts';
import { feedbackKinds, feedbackStatuses, kindNames as feedbackKindNames, sourceNames as feedbackSourceNames, statusNames as feedbackStatusNames, type FeedbackKind, type FeedbackSource, type FeedbackStatus } from '../feedback/index.ts';
import { canSeeApplicant, channelInfo, openStates, outcomeInfo, outcomes, requestStates, stateNames, type Channel, type Outcome, type RequestState } from '../requests/index.ts';
import { canViewDashboard } from './dashboard.policy.ts';
import * as repo from './dashboard.repository.ts';
import type { DrillMetric } from './dashboard.schemas.ts';
import { readLedger, runningStates } from './dashboard.service.ts';

const ledgerStatuses: readonly EntryStatus[] = ['on_time', 'late', 'overdue', 'due'];

const badKey = (message: string) => new AppError('VALIDATION', { message, reason: 'DRILL_KEY' });

export interface DrillDocument {
  documentId: string;
  title: string;
  indexNo: string;
  docNo: string | null;
  publishedOn: string;
  areaName: string;
}
export interface DrillLedgerEntry {
  itemId: string;
  areaId: string;
  areaName: string;
  level1: string;
  level2: string;
  timeLimit: string;
  kind: string;
  period: string | null;
  documentId: string | null;
  title: string | null;
  dueDate: string;
  publishedOn: string | null;
  status: EntryStatus;
  statusName: string;
}
export interface DrillRequest {
  id: string;
  trackingNo: string;
  channelName: string;
  state: string;
  stateName: string;
  outcome: string | null;
  outcomeName: string | null;
  receivedOn: string;
  dueOn: string | null;
  /** Present only for an actor who may see the applicant (requests policy canSeeApplicant). */
  applicantName?: string;
}
export interface DrillFeedback {
  id: string;
  kind: string;
  kindName: string;
  sourceName: string;
  status: string;
  statusName: string;
  rating: number | null;
  receivedOn: string;
  dueOn: string;
  answeredOn: string | null;
  excerpt: string;
}

export type DrillRows = { kind: 'documents'; rows: DrillDocument[] } | { kind: 'ledger'; rows: DrillLedgerEntry[] } | { kind: 'requests'; rows: DrillRequest[] } | { kind: 'feedback'; rows: DrillFeedback[] };

export type Drill = DrillRows & { agencyId: string; agencyName: string; year: number; metric: DrillMetric; key: string | null; title: string; count: number };

function oneOf<T extends string>(values: readonly T[], key: string | undefined, what: string): T {
  if (key === undefined || !(values as readonly string[]).includes(key)) throw badKey(`${what}不正确`);
  return key as T;
}

/** GET /api/dashboard/drill. */
export async function getDrill(ctx: AppContext, actor: Actor, agencyId: string, metric: DrillMetric, key?: string, year?: number): Promise<Drill> {
  const agency = await getAgency(ctx.db, agencyId);
  if (!canViewDashboard(actor, agency)) throw forbidden('无权查看该单位的数据看板');
  const at = now();
  const y = year ?? chinaYear(at);
  const today = chinaDate(at);
  const rows = await drillRows(ctx, actor, agency.id, metric, key || undefined, y, today, at);
  return { agencyId: agency.id, agencyName: agency.name, year: y, metric, key: key || null, ...rows, count: rows.rows.length };
}

async function drillRows(ctx: AppContext, actor: Actor, agencyId: string, metric: DrillMetric, key: string | undefined, y: number, today: string, at: Date): Promise<DrillRows & { title: string }> {
  switch (metric) {
    case 'published': {
      if (key === undefined) return { title: `${y}年发布的信息`, ...documents(await repo.drillPublished(ctx.db, agencyId, y, {})) };
      const month = Number(key);
      if (!Number.isInteger(month) || month < 1 || month > 12 || String(month) !== key) throw badKey('月份不正确');
      return { title: `${y}年${month}月发布的信息`, ...documents(await repo.drillPublished(ctx.db, agencyId, y, { month })) };
    }
    case 'published-area': {
      if (key === undefined) throw badKey('请选择目录领域');
      if (key !== 'none' && !/^[0-9a-f-]{36}$/i.test(key)) throw badKey('目录领域不正确');
      const rows = documents(await repo.drillPublished(ctx.db, agencyId, y, { areaId: key === 'none' ? null : key }));
      const name = key === 'none' ? '未关联目录' : (rows.rows[0]?.areaName ?? '该领域');
      return { title: `${y}年「${name}」发布的信息`, ...rows };
    }
    case 'ontime':
      return ledgerRows(ctx, agencyId, key, y, at);
    case 'requests':
      return { title: `${y}年收到的依申请公开`, ...(await requestRows(ctx, actor, agencyId, await repo.drillRequests(ctx.db, agencyId, y, {}))) };
    case 'requests-state': {
      const state = oneOf(requestStates, key, '办理状态');
      return { title: `${y}年收到、现为「${stateNames[state]}」的申请`, ...(await requestRows(ctx, actor, agencyId, await repo.drillRequests(ctx.db, agencyId, y, { state }))) };
    }
    case 'requests-outcome': {
      const outcome = oneOf(outcomes, key, '办理结果');
      return { title: `${y}年收到、办理结果为「${outcomeInfo[outcome].name}」的申请`, ...(await requestRows(ctx, actor, agencyId, await repo.drillRequests(ctx.db, agencyId, y, { outcome }))) };
    }
    case 'requests-open':
      return { title: `${y}年收到、仍在办理的申请`, ...(await requestRows(ctx, actor, agencyId, await repo.drillRequests(ctx.db, agencyId, y, { states: openStates }))) };
    case 'requests-overdue':
      return { title: '逾期未答复的依申请公开', ...(await requestRows(ctx, actor, agencyId, await repo.drillOverdueRequests(ctx.db, agencyId, today, runningStates))) };
    case 'feedback':
      return { title: `${y}年收到的留言`, ...feedbackRows(await repo.drillFeedback(ctx.db, agencyId, y, {})) };
    case 'feedback-kind': {
      const kind = oneOf(feedbackKinds, key, '留言类型');
      return { title: `${y}年收到的${feedbackKindNames[kind]}`, ...feedbackRows(await repo.drillFeedback(ctx.db, agencyId, y, { kind })) };
    }
    case 'feedback-status': {
      const status = oneOf(feedbackStatuses, key, '留言状态');
      return { title: `${y}年收到、现为「${feedbackStatusNames[status]}」的留言`, ...feedbackRows(await repo.drillFeedback(ctx.db, agencyId, y, { status })) };
    }
    case 'feedback-answered':
      return { title: `${y}年收到、已答复的留言`, ...feedbackRows(await repo.drillFeedback(ctx.db, agencyId, y, { answered: true })) };
    case 'feedback-answered-on-time':
      return { title: `${y}年收到、按期答复的留言`, ...feedbackRows(await repo.drillFeedback(ctx.db, agencyId, y, { answered: true, onTime: true })) };
    case 'feedback-rated':
      return { title: `${y}年收到的满意度评分`, ...feedbackRows(await repo.drillFeedback(ctx.db, agencyId, y, { rated: true })) };
    case 'feedback-overdue':
      return { title: '逾期未答复的留言', ...feedbackRows(await repo.drillOverdueFeedback(ctx.db, agencyId, today)) };
  }
}

function documents(rows: Awaited<ReturnType<typeof repo.drillPublished>>): { kind: 'documents'; rows: DrillDocument[] } {
  return {
    kind: 'documents',
    rows: rows.map((r) => ({ documentId: r.documentId, title: r.title, indexNo: r.indexNo, docNo: r.docNo, publishedOn: chinaDate(r.publishedAt), areaName: r.areaName ?? '未关联目录' })),
  };
}

/**
 * The ledger's entries: key `status` (whole agency), `areaId` (one area, every status) or
 * `areaId:status`; no key = every entry of the year. Same ledger as the dashboard's figure.
 */
async function ledgerRows(ctx: AppContext, agencyId: string, key: string | undefined, y: number, at: Date): Promise<{ kind: 'ledger'; rows: DrillLedgerEntry[]; title: string }> {
  let areaId: string | undefined;
  let status: EntryStatus | undefined;
  for (const part of key === undefined ? [] : key.split(':')) {
    if ((ledgerStatuses as readonly string[]).includes(part) && status === undefined) status = part as EntryStatus;
    else if (/^[0-9a-f-]{36}$/i.test(part) && areaId === undefined) areaId = part;
    else throw badKey('目录更新时限的分组不正确');
  }
  const ledger = await readLedger(ctx, agencyId, y, at);
  const area = areaId === undefined ? undefined : ledger.areas.find((a) => a.areaId === areaId);
  if (areaId !== undefined && !area) throw badKey('目录领域不正确');
  const rows: DrillLedgerEntry[] = [];
  for (const row of ledger.rows) {
    if (areaId !== undefined && row.areaId !== areaId) continue;
    for (const e of row.entries) {
      if (status !== undefined && e.status !== status) continue;
      rows.push({
        itemId: row.itemId,
        areaId: row.areaId,
        areaName: row.areaName,
        level1: row.level1,
        level2: row.level2,
        timeLimit: row.timeLimit,
        kind: e.kind,
        period: e.period,
        documentId: e.documentId,
        title: e.title,
        dueDate: e.dueDate,
        publishedOn: e.publishedOn,
        status: e.status,
        statusName: entryStatusName(e),
      });
    }
  }
  const title = `${y}年目录更新时限${area ? `「${area.areaName}」` : ''}${status ? `：${entryStatusNames[status]}` : ''}`;
  return { kind: 'ledger', rows, title };
}

async function requestRows(ctx: AppContext, actor: Actor, agencyId: string, rows: Awaited<ReturnType<typeof repo.drillRequests>>): Promise<{ kind: 'requests'; rows: DrillRequest[] }> {
  // The requests presenter's rule: the applicant only for the agency's handlers, approvers and admins.
  const names = canSeeApplicant(actor, agencyId) ? await repo.applicantNames(ctx.db, rows.map((r) => r.id)) : null;
  return {
    kind: 'requests',
    rows: rows.map((r) => {
      const outcome = r.outcome as Outcome | null;
      return {
        id: r.id,
        trackingNo: r.trackingNo,
        channelName: channelInfo[r.channel as Channel]?.name ?? r.channel,
        state: r.state,
        stateName: stateNames[r.state as RequestState] ?? r.state,
        outcome,
        outcomeName: outcome ? (outcomeInfo[outcome]?.name ?? outcome) : null,
        receivedOn: r.receivedOn,
        dueOn: r.dueOn,
        ...(names ? { applicantName: names.get(r.id) ?? '' } : {}),
      };
    }),
  };
}

function feedbackRows(rows: Awaited<ReturnType<typeof repo.drillFeedback>>): { kind: 'feedback'; rows: DrillFeedback[] } {
  return {
    kind: 'feedback',
    rows: rows.map((f) => ({
      id: f.id,
      kind: f.kind,
      kindName: feedbackKindNames[f.kind as FeedbackKind] ?? f.kind,
      sourceName: feedbackSourceNames[f.source as FeedbackSource] ?? f.source,
      status: f.status,
      statusName: feedbackStatusNames[f.status as FeedbackStatus] ?? f.status,
      rating: f.rating,
      receivedOn: f.receivedOn,
      dueOn: f.dueOn,
      answeredOn: f.answeredOn,
      excerpt: f.excerpt,
    })),
  };
}
