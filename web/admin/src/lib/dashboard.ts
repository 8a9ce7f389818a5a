/** Shapes of /api/dashboard and /api/dashboard/county, and the helpers the two pages share. */

export interface Dashboard {
  agencyId: string;
  agencyName: string;
  year: number;
  today: string;
  published: { total: number; months: Array<{ month: number; count: number }>; areas: Array<{ areaId: string | null; areaName: string; count: number }> };
  onTime: { onTime: number; late: number; overdue: number; due: number; rate: number | null; areas: Array<{ areaId: string; areaName: string; onTime: number; late: number; overdue: number; due: number; rate: number | null }> };
  requests: {
    total: number;
    byState: Array<{ state: string; name: string; count: number }>;
    byOutcome: Array<{ outcome: string; name: string; count: number }>;
    /** Every overdue request (the list below is capped at 50). */
    overdueCount: number;
    overdue: Array<{ id: string; trackingNo: string; state: string; stateName: string; receivedOn: string; dueOn: string }>;
  };
  feedback: {
    total: number;
    byKind: Array<{ kind: string; name: string; count: number }>;
    byStatus: Array<{ status: string; name: string; count: number }>;
    answered: number;
    answeredOnTime: number;
    onTimeRate: number | null;
    ratings: number;
    averageRating: number | null;
    overdueCount: number;
    overdue: Array<{ id: string; kind: string; kindName: string; source: string; receivedOn: string; dueOn: string; excerpt: string }>;
  };
}

export interface CountyDashboardRow {
  agencyId: string;
  name: string;
  kind: string;
  parentId: string | null;
  published: number;
  onTimeRate: number | null;
  publicationsOverdue: number;
  requests: number;
  requestsOpen: number;
  requestsOverdue: number;
  feedback: number;
  feedbackAnswered: number;
  feedbackOnTimeRate: number | null;
  feedbackOverdue: number;
  averageRating: number | null;
}

export interface CountyDashboard {
  year: number;
  today: string;
  agencies: CountyDashboardRow[];
}

/** 0.8571 → "85.7%"; null → "—". */
export function percent(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
}

/** This year and the four before (China calendar year of the browser's clock is close enough for a picker). */
export function dashboardYears(): number[] {
  const y = new Date().getFullYear();
  return [y, y - 1, y - 2, y - 3, y - 4];
}

/** The figures GET /api/dashboard/drill opens (src/modules/dashboard/dashboard.schemas.ts). */
export type DrillMetric =
  | 'published'
  | 'published-area'
  | 'ontime'
  | 'requests'
  | 'requests-state'
  | 'requests-outcome'
  | 'requests-open'
  | 'requests-overdue'
  | 'feedback'
  | 'feedback-kind'
  | 'feedback-status'
  | 'feedback-answered'
  | 'feedback-answered-on-time'
  | 'feedback-rated'
  | 'feedback-overdue';

/** Which figure to open: a metric and, for a chart segment, its key (month, area, state …). */
export interface DrillRef {
  metric: DrillMetric;
  key?: string | undefined;
}

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
  status: string;
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

export type Drill = { agencyId: string; agencyName: string; year: number; metric: DrillMetric; key: string | null; title: string; count: number } & (
  | { kind: 'documents'; rows: DrillDocument[] }
  | { kind: 'ledger'; rows: DrillLedgerEntry[] }
  | { kind: 'requests'; rows: DrillRequest[] }
  | { kind: 'feedback'; rows: DrillFeedback[] }
);

/** Console path of an agency's dashboard opened on a drill-down (the county view links here). */
export function drillPath(year: number, ref: DrillRef): string {
  const q = new URLSearchParams({ year: String(year), metric: ref.metric });
  if (ref.key) q.set('key', ref.key);
  return `/dashboard?${q.toString()}`;
}
