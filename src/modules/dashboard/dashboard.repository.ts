/**
 * The dashboard's only Drizzle file: read-only grouped queries over the publishing, catalog,
 * requests and feedback tables (a read model, like the catalog ledger's reads of publishing).
 * One grouped query per figure; every query takes a list of agencies so the agency view and
 * the county view share it (the county view groups by agency as well).
 */
import { and, asc, count, eq, gte, inArray, isNotNull, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { catalogAreas, catalogItems, documentVersions, feedback, requestApplicants, requests } from '../../db/schema/index.ts';

/** China (UTC+8, no daylight saving) calendar year as an instant range. */
function yearRange(year: number): { from: Date; to: Date } {
  return { from: new Date(`${year}-01-01T00:00:00+08:00`), to: new Date(`${year + 1}-01-01T00:00:00+08:00`) };
}

/** China month (1–12) of a timestamptz column. */
const chinaMonth = (col: typeof documentVersions.publishedAt) => sql<number>`cast(extract(month from (${col} at time zone 'UTC') + interval '8 hours') as integer)`;

/** First publications (version 1) in the year, per agency and China month. */
export async function publishedPerMonth(db: Executor, agencyIds: string[], year: number) {
  if (!agencyIds.length) return [];
  const { from, to } = yearRange(year);
  const month = chinaMonth(documentVersions.publishedAt);
  return db
    .select({ agencyId: documentVersions.agencyId, month, n: count() })
    .from(documentVersions)
    .where(and(inArray(documentVersions.agencyId, agencyIds), eq(documentVersions.version, 1), gte(documentVersions.publishedAt, from), lt(documentVersions.publishedAt, to)))
    .groupBy(documentVersions.agencyId, month);
}

/** First publications in the year per catalog area (area null = not linked to the catalog). */
export async function publishedPerArea(db: Executor, agencyId: string, year: number) {
  const { from, to } = yearRange(year);
  return db
    .select({ areaId: catalogAreas.id, areaName: catalogAreas.name, sort: catalogAreas.sort, n: count() })
    .from(documentVersions)
    .leftJoin(catalogItems, eq(catalogItems.id, documentVersions.catalogItemId))
    .leftJoin(catalogAreas, eq(catalogAreas.id, catalogItems.areaId))
    .where(and(eq(documentVersions.agencyId, agencyId), eq(documentVersions.version, 1), gte(documentVersions.publishedAt, from), lt(documentVersions.publishedAt, to)))
    .groupBy(catalogAreas.id, catalogAreas.name, catalogAreas.sort)
    .orderBy(asc(catalogAreas.sort), asc(catalogAreas.name));
}

/** Requests received in the year, per agency, state and outcome. */
export async function requestsByStateOutcome(db: Executor, agencyIds: string[], year: number) {
  if (!agencyIds.length) return [];
  return db
    .select({ agencyId: requests.agencyId, state: requests.state, outcome: requests.outcome, n: count() })
    .from(requests)
    .where(and(inArray(requests.agencyId, agencyIds), gte(requests.receivedOn, `${year}-01-01`), lt(requests.receivedOn, `${year + 1}-01-01`)))
    .groupBy(requests.agencyId, requests.state, requests.outcome);
}

/** Open requests past their reply deadline (any year): no applicant data, only the request's own fields. */
export async function overdueRequests(db: Executor, agencyIds: string[], today: string, runningStates: readonly string[], limit: number) {
  if (!agencyIds.length) return [];
  return db
    .select({ id: requests.id, agencyId: requests.agencyId, trackingNo: requests.trackingNo, state: requests.state, receivedOn: requests.receivedOn, dueOn: requests.dueOn })
    .from(requests)
    .where(and(inArray(requests.agencyId, agencyIds), inArray(requests.state, [...runningStates]), isNotNull(requests.dueOn), lt(requests.dueOn, today)))
    .orderBy(asc(requests.dueOn), asc(requests.trackingNo))
    .limit(limit);
}

/** Number of overdue open requests per agency. */
export async function overdueRequestCounts(db: Executor, agencyIds: string[], today: string, runningStates: readonly string[]) {
  if (!agencyIds.length) return [];
  return db
    .select({ agencyId: requests.agencyId, n: count() })
    .from(requests)
    .where(and(inArray(requests.agencyId, agencyIds), inArray(requests.state, [...runningStates]), isNotNull(requests.dueOn), lt(requests.dueOn, today)))
    .groupBy(requests.agencyId);
}

/** Feedback received in the year per agency, kind and state, with the sum and number of ratings and answers on time. */
export async function feedbackGroups(db: Executor, agencyIds: string[], year: number) {
  if (!agencyIds.length) return [];
  return db
    .select({
      agencyId: feedback.agencyId,
      kind: feedback.kind,
      status: feedback.status,
      n: count(),
      ratingSum: sql<number>`cast(coalesce(sum(${feedback.rating}), 0) as integer)`,
      ratingCount: count(feedback.rating),
      onTime: sql<number>`cast(count(*) filter (where ${feedback.answeredOn} <= ${feedback.dueOn}) as integer)`,
    })
    .from(feedback)
    .where(and(inArray(feedback.agencyId, agencyIds), gte(feedback.receivedOn, `${year}-01-01`), lt(feedback.receivedOn, `${year + 1}-01-01`)))
    .groupBy(feedback.agencyId, feedback.kind, feedback.status);
}

/** Unanswered (new) feedback past its deadline, any year: no contact, no text beyond a short excerpt. */
export async function overdueFeedback(db: Executor, agencyIds: string[], today: string, limit: number) {
  if (!agencyIds.length) return [];
  return db
    .select({ id: feedback.id, agencyId: feedback.agencyId, kind: feedback.kind, source: feedback.source, receivedOn: feedback.receivedOn, dueOn: feedback.dueOn, excerpt: sql<string>`substr(${feedback.text}, 1, 40)` })
    .from(feedback)
    .where(and(inArray(feedback.agencyId, agencyIds), eq(feedback.status, 'new'), lt(feedback.dueOn, today)))
    .orderBy(asc(feedback.dueOn), asc(feedback.receivedOn))
    .limit(limit);
}

/** Number of unanswered feedback past deadline per agency. */
export async function overdueFeedbackCounts(db: Executor, agencyIds: string[], today: string) {
  if (!agencyIds.length) return [];
  return db
    .select({ agencyId: feedback.agencyId, n: count() })
    .from(feedback)
    .where(and(inArray(feedback.agencyId, agencyIds), eq(feedback.status, 'new'), lt(feedback.dueOn, today)))
    .groupBy(feedback.agencyId);
}

// ---------------------------------------------------------------------------------------------
// Drill-down (GET /api/dashboard/drill): the records behind one figure, with the same conditions
// as the grouped query that counted them, so the list is as long as the number shown.

/** Upper bound of a drill-down list (a township publishes a few hundred items a year). */
export const DRILL_LIMIT = 5000;

/** First publications of the year (optionally one China month, optionally one catalog area; area null = not linked). */
export async function drillPublished(db: Executor, agencyId: string, year: number, opts: { month?: number; areaId?: string | null }) {
  const { from, to } = yearRange(year);
  const conds: SQL[] = [eq(documentVersions.agencyId, agencyId), eq(documentVersions.version, 1), gte(documentVersions.publishedAt, from), lt(documentVersions.publishedAt, to)];
  if (opts.month !== undefined) conds.push(sql`${chinaMonth(documentVersions.publishedAt)} = ${opts.month}`);
  if (opts.areaId === null) conds.push(isNull(catalogAreas.id));
  else if (opts.areaId !== undefined) conds.push(eq(catalogAreas.id, opts.areaId));
  return db
    .select({ documentId: documentVersions.documentId, title: documentVersions.title, indexNo: documentVersions.indexNo, docNo: documentVersions.docNo, publishedAt: documentVersions.publishedAt, areaName: catalogAreas.name })
    .from(documentVersions)
    .leftJoin(catalogItems, eq(catalogItems.id, documentVersions.catalogItemId))
    .leftJoin(catalogAreas, eq(catalogAreas.id, catalogItems.areaId))
    .where(and(...conds))
    .orderBy(asc(documentVersions.publishedAt), asc(documentVersions.documentId))
    .limit(DRILL_LIMIT);
}

const requestColumns = { id: requests.id, trackingNo: requests.trackingNo, channel: requests.channel, state: requests.state, outcome: requests.outcome, receivedOn: requests.receivedOn, dueOn: requests.dueOn };

/** Requests received in the year (optionally one state, some states or one outcome). No applicant data. */
export async function drillRequests(db: Executor, agencyId: string, year: number, opts: { state?: string; states?: readonly string[]; outcome?: string }) {
  const conds: SQL[] = [eq(requests.agencyId, agencyId), gte(requests.receivedOn, `${year}-01-01`), lt(requests.receivedOn, `${year + 1}-01-01`)];
  if (opts.state !== undefined) conds.push(eq(requests.state, opts.state));
  if (opts.states !== undefined) conds.push(inArray(requests.state, [...opts.states]));
  if (opts.outcome !== undefined) conds.push(eq(requests.outcome, opts.outcome));
  return db.select(requestColumns).from(requests).where(and(...conds)).orderBy(asc(requests.receivedOn), asc(requests.trackingNo)).limit(DRILL_LIMIT);
}

/** Every open request past its reply deadline (the dashboard's overdue list without its cap). */
export async function drillOverdueRequests(db: Executor, agencyId: string, today: string, runningStates: readonly string[]) {
  return db
    .select(requestColumns)
    .from(requests)
    .where(and(eq(requests.agencyId, agencyId), inArray(requests.state, [...runningStates]), isNotNull(requests.dueOn), lt(requests.dueOn, today)))
    .orderBy(asc(requests.dueOn), asc(requests.trackingNo))
    .limit(DRILL_LIMIT);
}

/** Applicants' names of some requests: call only for an actor the requests policy lets see them (canSeeApplicant). */
export async function applicantNames(db: Executor, requestIds: string[]): Promise<Map<string, string>> {
  if (!requestIds.length) return new Map();
  const rows = await db.select({ requestId: requestApplicants.requestId, name: sql<string>`${requestApplicants.data}->>'name'` }).from(requestApplicants).where(inArray(requestApplicants.requestId, requestIds));
  return new Map(rows.map((r) => [r.requestId, r.name]));
}

const feedbackColumns = {
  id: feedback.id,
  kind: feedback.kind,
  source: feedback.source,
  status: feedback.status,
  rating: feedback.rating,
  receivedOn: feedback.receivedOn,
  dueOn: feedback.dueOn,
  answeredOn: feedback.answeredOn,
  excerpt: sql<string>`substr(${feedback.text}, 1, 40)`,
};

/**
 * Feedback received in the year: all, one kind, one status, or the answered (on time) ones and the
 * ratings with the statistics' definitions (rejected rows left out). Never the contact.
 */
export async function drillFeedback(db: Executor, agencyId: string, year: number, opts: { kind?: string; status?: string; answered?: boolean; onTime?: boolean; rated?: boolean }) {
  const conds: SQL[] = [eq(feedback.agencyId, agencyId), gte(feedback.receivedOn, `${year}-01-01`), lt(feedback.receivedOn, `${year + 1}-01-01`)];
  if (opts.kind !== undefined) conds.push(eq(feedback.kind, opts.kind));
  if (opts.status !== undefined) conds.push(eq(feedback.status, opts.status));
  if (opts.answered) conds.push(eq(feedback.status, 'answered'));
  if (opts.onTime) conds.push(sql`${feedback.answeredOn} <= ${feedback.dueOn}`);
  if (opts.rated) conds.push(ne(feedback.status, 'rejected'), isNotNull(feedback.rating));
  return db.select(feedbackColumns).from(feedback).where(and(...conds)).orderBy(asc(feedback.receivedOn), asc(feedback.id)).limit(DRILL_LIMIT);
}

/** Every unanswered feedback past its deadline (the overdue list without its cap). */
export async function drillOverdueFeedback(db: Executor, agencyId: string, today: string) {
  return db
    .select(feedbackColumns)
    .from(feedback)
    .where(and(eq(feedback.agencyId, agencyId), eq(feedback.status, 'new'), lt(feedback.dueOn, today)))
    .orderBy(asc(feedback.dueOn), asc(feedback.receivedOn))
    .limit(DRILL_LIMIT);
}
