/** Shapes of /api/dashboard and /api/dashboard/county, and the helpers the two pages share. */

export interface Dashboard {
  agencyId: string;
  agencyName: string;
  year: number;
  today: string;
  published: { total: number; months: Array<{ month: number; count: number }>; areas: Array<{ areaId: string | null; areaName: string; count: number }> };
  onTime: { onTime: number; late: number; overdue: number; due: number; rate: number | null; areas: Array<{ areaName: string; onTime: number; late: number; overdue: number; due: number; rate: number | null }> };
  requests: {
    total: number;
    byState: Array<{ state: string; name: string; count: number }>;
    byOutcome: Array<{ outcome: string; name: string; count: number }>;
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
