/**
 * Dashboards (数据看板): one agency's figures for a year, and the county view (one row of key
 * figures per visible agency). Policy first, then one grouped query per figure
 * (dashboard.repository.ts); the on-time rate of proactive publication comes from the catalog
 * module's 更新提醒台账 (agencyLedger), so both screens tell the same number. Read-only: no audit.
 *
 * Year semantics: publications by the China date of first publication (version 1); requests
 * and feedback by their China receipt date. Overdue lists are "now", whatever the year: open
 * requests past their reply deadline and unanswered feedback past its answer deadline.
 */
import type { AppContext } from '../../context.ts';
import { chinaDate, chinaYear, now } from '../../lib/clock.ts';
import { forbidden } from '../../lib/errors.ts';
import type { Actor } from '../accounts/index.ts';
import { getAgency, listAgencies, type Agency } from '../agencies/index.ts';
import { agencyLedger, ensureCatalog, type Ledger } from '../catalog/index.ts';
import { feedbackKinds, feedbackStatuses, kindNames as feedbackKindNames, statusNames as feedbackStatusNames } from '../feedback/index.ts';
import { openStates, outcomeInfo, stateNames, type Outcome, type RequestState } from '../requests/index.ts';
import { canViewDashboard, countyAgencies } from './dashboard.policy.ts';
import * as repo from './dashboard.repository.ts';

/** At most this many rows in each overdue list (the full lists are on the requests and feedback screens). */
export const OVERDUE_LIST_LIMIT = 50;

/**
 * States whose reply clock runs. 补正 (correction_pending) is left out: the clock is paused
 * while the applicant corrects (条例第30条), so the cached due date is not a deadline then.
 */
export const runningStates = openStates.filter((s) => s !== 'correction_pending');

/** Share rounded to 3 decimals, as the feedback statistics do; null when nothing to count. */
const rate = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

/**
 * The catalog's ledger of an agency the dashboard policy already allowed, through the catalog
 * module's unchecked `agencyLedger` (getLedger's guard, canReadAgency, would refuse a parent
 * agency's admin). The catalog is seeded first, as the ledger screen does, so both tell the same.
 */
export async function readLedger(ctx: AppContext, agencyId: string, year: number, at: Date): Promise<Ledger> {
  await ensureCatalog(ctx.db, agencyId);
  return agencyLedger(ctx.db, agencyId, year, at);
}

async function onTime(ctx: AppContext, agencyId: string, year: number, at: Date) {
  const ledger = await readLedger(ctx, agencyId, year, at);
  return { ...ledger.total.counts, rate: ledger.total.onTimeRate, areas: ledger.areas.map((a) => ({ areaId: a.areaId, areaName: a.areaName, ...a.counts, rate: a.onTimeRate })) };
}

interface FeedbackFigures {
  total: number;
  byKind: Array<{ kind: string; name: string; count: number }>;
  byStatus: Array<{ status: string; name: string; count: number }>;
  answered: number;
  answeredOnTime: number;
  onTimeRate: number | null;
  ratings: number;
  averageRating: number | null;
}

/**
 * Folds the grouped feedback rows of one agency, with the definitions of the feedback module's
 * monthly statistics (stats.ts) so both screens agree: total and kinds count everything received
 * (rejected included, shown apart in the states); rejected rows are left out of ratings and answers.
 */
function feedbackFigures(rows: Array<{ kind: string; status: string; n: number; ratingSum: number; ratingCount: number; onTime: number }>): FeedbackFigures {
  const byKind = new Map<string, number>();
  const byStatus = new Map<string, number>();
  let answered = 0;
  let answeredOnTime = 0;
  let ratingSum = 0;
  let ratings = 0;
  let total = 0;
  for (const r of rows) {
    byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + r.n);
    total += r.n;
    byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + r.n);
    if (r.status === 'rejected') continue;
    if (r.status === 'answered') {
      answered += r.n;
      answeredOnTime += Number(r.onTime);
    }
    ratingSum += Number(r.ratingSum);
    ratings += r.ratingCount;
  }
  return {
    total,
    byKind: feedbackKinds.map((k) => ({ kind: k, name: feedbackKindNames[k], count: byKind.get(k) ?? 0 })),
    byStatus: feedbackStatuses.map((s) => ({ status: s, name: feedbackStatusNames[s], count: byStatus.get(s) ?? 0 })),
    answered,
    answeredOnTime,
    onTimeRate: rate(answeredOnTime, answered),
    ratings,
    averageRating: ratings ? Math.round((ratingSum / ratings) * 100) / 100 : null,
  };
}

const stateName = (s: string) => stateNames[s as RequestState] ?? s;
const outcomeName = (o: string) => outcomeInfo[o as Outcome]?.name ?? o;

/** GET /api/dashboard: one agency's figures for a year. */
export async function getDashboard(ctx: AppContext, actor: Actor, agencyId: string, year?: number) {
  const agency = await getAgency(ctx.db, agencyId);
  if (!canViewDashboard(actor, agency)) throw forbidden('无权查看该单位的数据看板');
  const at = now();
  const y = year ?? chinaYear(at);
  const today = chinaDate(at);
  const ids = [agency.id];
  const [perMonth, perArea, reqGroups, overdueReq, fbGroups, overdueFb, ledger, overdueReqCount, overdueFbCount] = await Promise.all([
    repo.publishedPerMonth(ctx.db, ids, y),
    repo.publishedPerArea(ctx.db, agency.id, y),
    repo.requestsByStateOutcome(ctx.db, ids, y),
    repo.overdueRequests(ctx.db, ids, today, runningStates, OVERDUE_LIST_LIMIT),
    repo.feedbackGroups(ctx.db, ids, y),
    repo.overdueFeedback(ctx.db, ids, today, OVERDUE_LIST_LIMIT),
    onTime(ctx, agency.id, y, at),
    repo.overdueRequestCounts(ctx.db, ids, today, runningStates),
    repo.overdueFeedbackCounts(ctx.db, ids, today),
  ]);
  const months = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, count: perMonth.find((r) => r.month === i + 1)?.n ?? 0 }));
  const byState = new Map<string, number>();
  const byOutcome = new Map<string, number>();
  for (const r of reqGroups) {
    byState.set(r.state, (byState.get(r.state) ?? 0) + r.n);
    if (r.outcome) byOutcome.set(r.outcome, (byOutcome.get(r.outcome) ?? 0) + r.n);
  }
  return {
    agencyId: agency.id,
    agencyName: agency.name,
    year: y,
    today,
    published: {
      total: months.reduce((s, m) => s + m.count, 0),
      months,
      areas: perArea.map((a) => ({ areaId: a.areaId, areaName: a.areaName ?? '未关联目录', count: a.n })),
    },
    onTime: ledger,
    requests: {
      total: reqGroups.reduce((s, r) => s + r.n, 0),
      byState: [...byState].map(([state, count]) => ({ state, name: stateName(state), count })).sort((a, b) => b.count - a.count),
      byOutcome: [...byOutcome].map(([outcome, count]) => ({ outcome, name: outcomeName(outcome), count })).sort((a, b) => b.count - a.count),
      overdueCount: overdueReqCount[0]?.n ?? 0,
      overdue: overdueReq.map((r) => ({ id: r.id, trackingNo: r.trackingNo, state: r.state, stateName: stateName(r.state), receivedOn: r.receivedOn, dueOn: r.dueOn! })),
    },
    feedback: {
      ...feedbackFigures(fbGroups),
      overdueCount: overdueFbCount[0]?.n ?? 0,
      overdue: overdueFb.map((f) => ({ id: f.id, kind: f.kind, kindName: feedbackKindNames[f.kind as keyof typeof feedbackKindNames] ?? f.kind, source: f.source, receivedOn: f.receivedOn, dueOn: f.dueOn, excerpt: f.excerpt })),
    },
  };
}

/**
 * Agencies whose ledgers the county view computes at the same time. On PostgreSQL they spread
 * over the pool's connections (each ledger runs up to five queries at once; the pool holds 10);
 * on PGlite the queries queue on the one connection either way.
 */
const LEDGER_CONCURRENCY = 4;

/** `fn` over `items`, at most `limit` at a time; results in the order of `items`. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** GET /api/dashboard/county: per visible agency the key figures of the year. */
export async function getCountyDashboard(ctx: AppContext, actor: Actor, year?: number) {
  const visible = countyAgencies(actor, await listAgencies(ctx.db));
  if (!visible) throw forbidden('只有县级监督员、平台管理员或单位管理员（本单位及下级单位）可以查看县级数据看板');
  const at = now();
  const y = year ?? chinaYear(at);
  const today = chinaDate(at);
  const ids = visible.map((a) => a.id);
  // The ledger is computed per agency in code (working-day arithmetic) from about seven queries
  // of the catalog module; the ledgers run LEDGER_CONCURRENCY at a time, alongside the grouped
  // queries (docs/BENCHMARKS.md § County dashboard).
  const [perMonth, reqGroups, overdueReq, fbGroups, overdueFb, ledgers] = await Promise.all([
    repo.publishedPerMonth(ctx.db, ids, y),
    repo.requestsByStateOutcome(ctx.db, ids, y),
    repo.overdueRequestCounts(ctx.db, ids, today, runningStates),
    repo.feedbackGroups(ctx.db, ids, y),
    repo.overdueFeedbackCounts(ctx.db, ids, today),
    mapLimit(visible, LEDGER_CONCURRENCY, (a) => onTime(ctx, a.id, y, at)),
  ]);
  const sum = (rows: Array<{ agencyId: string; n: number }>, id: string) => rows.filter((r) => r.agencyId === id).reduce((s, r) => s + r.n, 0);
  const rows = visible.map((a: Agency, i) => {
    const fb = feedbackFigures(fbGroups.filter((r) => r.agencyId === a.id));
    const reqs = reqGroups.filter((r) => r.agencyId === a.id);
    return {
      agencyId: a.id,
      name: a.name,
      kind: a.kind,
      parentId: a.parentId,
      published: sum(perMonth, a.id),
      onTimeRate: ledgers[i]!.rate,
      publicationsOverdue: ledgers[i]!.overdue,
      requests: reqs.reduce((s, r) => s + r.n, 0),
      requestsOpen: reqs.filter((r) => (openStates as readonly string[]).includes(r.state)).reduce((s, r) => s + r.n, 0),
      requestsOverdue: sum(overdueReq, a.id),
      feedback: fb.total,
      feedbackAnswered: fb.answered,
      feedbackOnTimeRate: fb.onTimeRate,
      feedbackOverdue: sum(overdueFb, a.id),
      averageRating: fb.averageRating,
    };
  });
  return { year: y, today, agencies: rows };
}

export type AgencyDashboard = Awaited<ReturnType<typeof getDashboard>>;
export type CountyDashboard = Awaited<ReturnType<typeof getCountyDashboard>>;
