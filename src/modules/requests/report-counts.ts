/**
 * Table 三 of the annual report (收到和处理政府信息公开申请情况) counted from the requests, read
 * only (DOMAIN.md §2.5 counting conventions). One application = one request, counted in the
 * column of its applicant (reportColumnOf) and decided by its final outcome:
 *
 * - 一 new: received in the year;
 * - 二 carried_over: received before 1 January and not closed before it;
 * - 三 the outcome rows: closed in the year, in the row of their outcome (the outcome keys are
 *   the report's leaf row keys); (七) total = their sum;
 * - 四 carried_forward: received by 31 December and not closed by then.
 *
 * "Closed" is the date of the first closing event: 答复 (replied), 撤回 (withdrawn) or 视为放弃
 * (deemed_withdrawn); delivery and archiving come later and do not move it. Dates are China
 * dates (`received_on`, event `on`), so G1 (一 + 二 = (七) + 四) holds by construction.
 *
 * The query lives here rather than in requests.repository.ts so that the reports generator's
 * only entry into this module is one read-only function (see docs/modules/reports.md).
 */
import { and, eq, inArray, lte, min } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { requestApplicants, requestEvents, requests } from '../../db/schema/index.ts';
import { SECTION3_COLUMNS, SECTION3_ROW_KEYS, TOTAL_COLUMN, type Row7, type Section3RowKey } from '../reports/index.ts';
import { outcomes, reportColumnOf, type ApplicantKind, type Outcome, type OrgKind } from './model.ts';

/** Event kinds that close a request for the annual report. */
const closingKinds = ['replied', 'withdrawn', 'deemed_withdrawn'] as const;

/** One request as the annual report counts it. */
export interface ReportRequestItem {
  /** The request id (drill-down). */
  id: string;
  /** 受理编号. */
  trackingNo: string;
  /** Column index in table 三 (0 自然人 … 5 其他). */
  column: number;
  /** The rows it is counted in (e.g. ['new', 'granted', 'total']). */
  rows: Section3RowKey[];
}

/** Table 三 from the requests of one agency and year. */
export interface RequestReportCounts {
  /** The 25 rows of seven integers. */
  rows: Record<Section3RowKey, Row7>;
  /** Every request counted, with its column and rows. */
  items: ReportRequestItem[];
}

/** Counts table 三 of `agencyId`'s annual report on `year` from its requests (read only). */
export async function countRequestsForReport(db: Executor, agencyId: string, year: number): Promise<RequestReportCounts> {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const closed = db
    .select({ requestId: requestEvents.requestId, closedOn: min(requestEvents.on).as('closed_on') })
    .from(requestEvents)
    .where(inArray(requestEvents.kind, [...closingKinds]))
    .groupBy(requestEvents.requestId)
    .as('closed');
  const found = await db
    .select({
      id: requests.id,
      trackingNo: requests.trackingNo,
      receivedOn: requests.receivedOn,
      applicantKind: requests.applicantKind,
      orgKind: requests.orgKind,
      outcome: requests.outcome,
      closedOn: closed.closedOn,
    })
    .from(requests)
    .leftJoin(closed, eq(closed.requestId, requests.id))
    .where(and(eq(requests.agencyId, agencyId), lte(requests.receivedOn, last)))
    .orderBy(requests.receivedOn, requests.trackingNo);

  const rows = Object.fromEntries(SECTION3_ROW_KEYS.map((k) => [k, [0, 0, 0, 0, 0, 0, 0]])) as Record<Section3RowKey, Row7>;
  const items: ReportRequestItem[] = [];
  for (const r of found) {
    const closedOn = r.closedOn ?? null;
    if (closedOn !== null && closedOn < first) continue; // finished before the year: not in this report
    const column = SECTION3_COLUMNS.indexOf(reportColumnOf(r.applicantKind as ApplicantKind, r.orgKind as OrgKind | null));
    const keys: Section3RowKey[] = [r.receivedOn >= first ? 'new' : 'carried_over'];
    if (closedOn !== null && closedOn <= last) {
      // A closed request always has an outcome (reply/withdraw/deem-withdrawn set it); 其他处理3 otherwise.
      const outcome: Outcome = outcomes.includes(r.outcome as Outcome) ? (r.outcome as Outcome) : 'other_other';
      keys.push(outcome, 'total');
    } else keys.push('carried_forward');
    for (const k of keys) {
      const row = rows[k];
      row[column] = (row[column] ?? 0) + 1;
      row[TOTAL_COLUMN] += 1;
    }
    items.push({ id: r.id, trackingNo: r.trackingNo, column, rows: keys });
  }
  return { rows, items };
}

/** A request as the report's drill-down lists it. */
export interface ReportRequestRecord {
  id: string;
  agencyId: string;
  /** 受理编号. */
  trackingNo: string;
  /** 所需政府信息的名称或特征描述 (what was asked for; not the applicant's data). */
  description: string;
  receivedOn: string;
  /** 申请人 name: only when the caller asked for it (the caller checks canSeeApplicant). */
  applicantName?: string;
}

/**
 * The requests behind a drill-down cell (read only). The applicant's name is read from the
 * personal-data table only when `withApplicant` is set; the caller decides that with
 * canSeeApplicant.
 */
export async function describeRequestsForReport(db: Executor, ids: readonly string[], withApplicant: boolean): Promise<ReportRequestRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: requests.id, agencyId: requests.agencyId, trackingNo: requests.trackingNo, description: requests.description, receivedOn: requests.receivedOn })
    .from(requests)
    .where(inArray(requests.id, [...ids]))
    .orderBy(requests.receivedOn, requests.trackingNo);
  if (!withApplicant) return rows;
  const names = new Map(
    (await db.select({ id: requestApplicants.requestId, data: requestApplicants.data }).from(requestApplicants).where(inArray(requestApplicants.requestId, [...ids]))).map((a) => [a.id, a.data.name]),
  );
  return rows.map((r) => ({ ...r, ...(names.has(r.id) ? { applicantName: names.get(r.id)! } : {}) }));
}

/** The request if it exists and belongs to `agencyId` (a 行政复议/诉讼 case may name it). */
export async function findRequestOfAgency(db: Executor, agencyId: string, id: string): Promise<{ id: string; trackingNo: string } | undefined> {
  const [row] = await db.select({ id: requests.id, trackingNo: requests.trackingNo }).from(requests).where(and(eq(requests.id, id), eq(requests.agencyId, agencyId)));
  return row;
}
