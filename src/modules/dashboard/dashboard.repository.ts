/**
 * The dashboard's only Drizzle file: read-only grouped queries over the publishing, catalog,
 * requests and feedback tables (a read model, like the catalog ledger's reads of publishing).
 * One grouped query per figure; every query takes a list of agencies so the agency view and
 * the county view share it (the county view groups by agency as well).
 */
import { and, asc, count, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { catalogAreas, catalogItems, documentVersions, feedback, requests } from '../../db/schema/index.ts';

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
