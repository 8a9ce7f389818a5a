/**
 * The generator's arithmetic: the three tables of an agency's annual report from the records
 * behind them, each cell with the ids of those records (drill-down). Pure: the service loads
 * the records, this file counts.
 *
 * Table 二 第二十条第（一）项 (规章, 行政规范性文件), from the published items:
 * - 本年制发: first published in the year;
 * - 本年废止: validity repealed/expired with invalidOn in the year;
 * - 现行有效: published by 31 December and not repealed/expired by then (invalidOn after it).
 *   effectiveOn is not considered, so that 现行有效 = last year's + 制发 − 废止 (S2) holds exactly
 *   when nothing is restated.
 * Table 二 (五)(六)(八): the yearly figures entered by the agency (report_figures).
 * Table 三: countRequestsForReport (requests module).
 * Table 四: the cases (report_cases), or the figures entered directly when the agency gave them.
 */
import {
  SECTION3_ROW_KEYS,
  SECTION4_GROUPS,
  TOTAL_COLUMN,
  emptyReportNumbers,
  section2CountCell,
  section2SingleCell,
  section3Cell,
  section4Cell,
  type ReportNumbers,
  type Row5,
  type Row7,
  type Section3RowKey,
  type Section4GroupKey,
} from './model.ts';

/** A published 规章 or 行政规范性文件 as the generator sees it (its current version). */
export interface ReportDocument {
  id: string;
  /** regulation | normative */
  docType: 'regulation' | 'normative';
  /** valid | repealed | expired (null counts as valid). */
  validity: string | null;
  /** Date it was repealed or expired (YYYY-MM-DD). */
  invalidOn: string | null;
  /** China date of its first publication (YYYY-MM-DD). */
  firstPublishedOn: string;
}

/** The yearly figures of table 二 (五)(六)(八), and table 四 if entered directly. */
export interface ReportFiguresInput {
  /** Id of the figures record (drill-down). */
  id: string;
  licensing: number;
  penalties: number;
  enforcement: number;
  feesWan: number;
  /** Table 四 entered directly, or null. */
  section4: { reconsideration: number[]; litigationDirect: number[]; litigationAfterReconsideration: number[] } | null;
}

/** Kinds of table-四 cases, one per group. */
export const CASE_KINDS = ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration'] as const;
/** A case kind. */
export type CaseKind = (typeof CASE_KINDS)[number];
/** Results of a case, one per column of a table-四 group (总计 excluded). */
export const CASE_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;
/** A case result. */
export type CaseResult = (typeof CASE_RESULTS)[number];

/** Case kind → table-四 group. */
export const CASE_KIND_GROUP: Record<CaseKind, Section4GroupKey> = {
  reconsideration: 'reconsideration',
  litigation_direct: 'litigationDirect',
  litigation_after_reconsideration: 'litigationAfterReconsideration',
};

/** A 行政复议 / 行政诉讼 case. */
export interface ReportCase {
  id: string;
  kind: CaseKind;
  result: CaseResult;
}

/** Table 三 as the requests module counts it. */
export interface RequestCountsInput {
  rows: Record<Section3RowKey, Row7>;
  items: Array<{ id: string; column: number; rows: Section3RowKey[] }>;
}

/** Everything the tables are computed from. */
export interface ComputeInput {
  year: number;
  documents: readonly ReportDocument[];
  figures: ReportFiguresInput | null;
  cases: readonly ReportCase[];
  requests: RequestCountsInput;
}

/** Cell name → ids of the records behind it (cells with no record are absent). */
export type ReportSources = Record<string, string[]>;

/** The computed tables and their drill-down. */
export interface ComputedReport {
  numbers: ReportNumbers;
  sources: ReportSources;
  /** Where table 四 came from. */
  section4Source: 'cases' | 'figures';
}

/** Computes the three tables of the report on `year` from its records. */
export function computeReportNumbers(input: ComputeInput): ComputedReport {
  const n = emptyReportNumbers();
  const sources: ReportSources = {};
  const add = (cell: string, id: string) => {
    (sources[cell] ??= []).push(id);
  };
  const first = `${input.year}-01-01`;
  const last = `${input.year}-12-31`;
  const inYear = (d: string | null) => d !== null && d >= first && d <= last;

  for (const d of input.documents) {
    const item = d.docType === 'regulation' ? 'regulations' : 'normativeDocuments';
    const counts = n.section2[item];
    const ended = d.validity === 'repealed' || d.validity === 'expired';
    if (inYear(d.firstPublishedOn)) {
      counts.issued++;
      add(section2CountCell(item, 'issued'), d.id);
    }
    if (ended && inYear(d.invalidOn) && d.firstPublishedOn <= last) {
      counts.repealed++;
      add(section2CountCell(item, 'repealed'), d.id);
    }
    const inForce = d.firstPublishedOn <= last && (!ended || d.invalidOn === null || d.invalidOn > last);
    if (inForce) {
      counts.inForce++;
      add(section2CountCell(item, 'inForce'), d.id);
    }
  }

  const f = input.figures;
  if (f) {
    n.section2.licensing = f.licensing;
    n.section2.penalties = f.penalties;
    n.section2.enforcement = f.enforcement;
    n.section2.feesWan = f.feesWan;
    for (const item of ['licensing', 'penalties', 'enforcement', 'feesWan'] as const) add(section2SingleCell(item), f.id);
  }

  for (const key of SECTION3_ROW_KEYS) n.section3.rows[key] = [...input.requests.rows[key]] as Row7;
  for (const it of input.requests.items) {
    for (const key of it.rows) {
      add(section3Cell(key, it.column), it.id);
      add(section3Cell(key, TOTAL_COLUMN), it.id);
    }
  }

  let section4Source: ComputedReport['section4Source'] = 'cases';
  if (f?.section4) {
    section4Source = 'figures';
    for (const g of SECTION4_GROUPS) {
      const row = f.section4[g.key];
      n.section4[g.key] = [0, 1, 2, 3, 4].map((i) => row[i] ?? 0) as Row5;
      n.section4[g.key].forEach((_v, c) => add(section4Cell(g.key, c), f.id));
    }
  } else {
    for (const c of input.cases) {
      const group = CASE_KIND_GROUP[c.kind];
      const col = CASE_RESULTS.indexOf(c.result);
      const row = n.section4[group];
      row[col] = (row[col] ?? 0) + 1;
      row[4] += 1;
      add(section4Cell(group, col), c.id);
      add(section4Cell(group, 4), c.id);
    }
  }
  return { numbers: n, sources, section4Source };
}
