/**
 * The county view (县级汇总): every agency's annual report for a year in one screen — its state
 * against the deadline and its rule results — and the same as one XLSX.
 *
 * Who: supervisors and sysadmins see every agency; an agency's administrator sees that agency
 * and its child agencies (agencies.parentId, e.g. the county government and its townships).
 *
 * Deadline: `GONGKAI_REPORT_DEADLINE` (MM-DD of the following year, default 01-31), one value
 * for the platform (条例第49条; townships' deadline is set locally, DOMAIN.md §1.7).
 *
 * State: `published` — first published (revision 1) on or before the deadline; `late` — first
 * published after it, or not published and the deadline has passed; otherwise `draft` when the
 * agency has entered anything for the year (figures, cases or a saved narrative), `missing` when
 * not. Rule results: those of the published report (latest revision) once published, else of the
 * live computation.
 */
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.ts';
import { chinaDate, now } from '../../lib/clock.ts';
import { forbidden } from '../../lib/errors.ts';
import { hasRole, type Actor } from '../accounts/index.ts';
import { listAgencies, type Agency } from '../agencies/index.ts';
import type { CheckOutcome } from './check.ts';
import { isHardRule, toContractJson, type AnnualReport, type RuleId } from './model.ts';
import { buildReport } from './reports.service.ts';
import * as repo from './reports.repository.ts';
import { SUMMARY_HEADERS, addFailedRulesSheet, summaryRow } from './summary-xlsx.ts';

/** A report's state in the county view. */
export type CountyState = 'draft' | 'published' | 'late' | 'missing';

/** Chinese names of the states (XLSX, UI). */
export const countyStateNames: Record<CountyState, string> = { draft: '草稿', published: '已发布', late: '逾期', missing: '未开始' };

/** One agency's line. */
export interface CountyAgencyRow {
  agencyId: string;
  name: string;
  kind: string;
  parentId: string | null;
  state: CountyState;
  /** First publication (revision 1), ISO. */
  publishedAt?: string;
  /** Latest correction, ISO, when re-published. */
  correctedAt?: string;
  /** Latest revision when published. */
  revision?: number;
  /** Every hard rule holds. */
  consistent: boolean;
  /** Hard rules (G1–G5) that fail. */
  failedRules: RuleId[];
  /** Soft rules (S1–S5) not passed. */
  warnings: RuleId[];
}

/** GET /api/reports/county/:year. */
export interface CountyView {
  year: number;
  /** YYYY-MM-DD. */
  deadline: string;
  agencies: CountyAgencyRow[];
}

/** The deadline of `year`'s reports, YYYY-MM-DD. */
export function reportDeadline(ctx: AppContext, year: number): string {
  return `${year + 1}-${ctx.config.GONGKAI_REPORT_DEADLINE}`;
}

/** The state of one report (pure). `today` and dates are China dates YYYY-MM-DD. */
export function countyState(input: { firstPublishedOn: string | null; deadline: string; today: string; started: boolean }): CountyState {
  if (input.firstPublishedOn !== null) return input.firstPublishedOn <= input.deadline ? 'published' : 'late';
  if (input.today > input.deadline) return 'late';
  return input.started ? 'draft' : 'missing';
}

/** The agencies the actor may see in the county view; 403 for anyone else. */
function visibleAgencies(actor: Actor, all: Agency[]): Agency[] {
  if (actor.globalRole) return all;
  const admin = new Set(all.filter((a) => hasRole(actor, a.id, 'admin')).map((a) => a.id));
  if (admin.size === 0) throw forbidden('只有县级监督员、平台管理员或单位管理员（本单位及下级单位）可以查看年度报告汇总');
  return all.filter((a) => admin.has(a.id) || (a.parentId !== null && admin.has(a.parentId)));
}

async function build(ctx: AppContext, actor: Actor, year: number): Promise<{ view: CountyView; reports: AnnualReport[] }> {
  const agencies = visibleAgencies(actor, await listAgencies(ctx.db));
  const deadline = reportDeadline(ctx, year);
  const today = chinaDate(now());
  const [publications, started] = await Promise.all([repo.listPublicationsOfYear(ctx.db, year), repo.findStartedAgencies(ctx.db, year)]);
  const rows: CountyAgencyRow[] = [];
  const reports: AnnualReport[] = [];
  for (const agency of agencies) {
    const revisions = publications.filter((p) => p.agencyId === agency.id);
    const first = revisions.find((p) => p.revision === 1) ?? revisions[0];
    const latest = revisions.at(-1);
    const report = latest ? toContractJson(latest.report as unknown as AnnualReport) : (await buildReport(ctx.db, agency, year)).numbers;
    reports.push(report);
    const state = countyState({ firstPublishedOn: first ? chinaDate(first.publishedAt) : null, deadline, today, started: started.has(agency.id) });
    rows.push({
      agencyId: agency.id,
      name: agency.name,
      kind: agency.kind,
      parentId: agency.parentId,
      state,
      ...(first ? { publishedAt: first.publishedAt.toISOString() } : {}),
      ...(latest && latest.revision > 1 ? { correctedAt: latest.publishedAt.toISOString() } : {}),
      ...(latest ? { revision: latest.revision } : {}),
      consistent: report.consistent,
      failedRules: report.checks.filter((c) => !c.ok && isHardRule(c.rule)).map((c) => c.rule),
      warnings: report.checks.filter((c) => !c.ok && !isHardRule(c.rule)).map((c) => c.rule),
    });
  }
  return { view: { year, deadline, agencies: rows }, reports };
}

/** Every visible agency's report of `year` with its state and rule results. */
export async function getCountyView(ctx: AppContext, actor: Actor, year: number): Promise<CountyView> {
  return (await build(ctx, actor, year)).view;
}

/** ISO → China date-time text for the sheet. */
function shown(iso: string | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  const time = new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  return `${chinaDate(d)} ${time}`;
}

/** The county view as XLSX: one row per agency (state first, then the columns of the check summary). */
export async function countySummaryXlsx(ctx: AppContext, actor: Actor, year: number): Promise<{ filename: string; data: Buffer }> {
  const { view, reports } = await build(ctx, actor, year);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet('年度报告汇总', { views: [{ state: 'frozen', ySplit: 2 }] });
  const headers = ['单位', '状态', '首次发布时间', '最近更正时间', ...SUMMARY_HEADERS.slice(4)];
  ws.addRow([`${year}年度政府信息公开工作年度报告汇总（发布截止日期 ${view.deadline}）`]);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getRow(1).font = { bold: true, size: 13 };
  ws.addRow(headers);
  ws.getRow(2).font = { bold: true };
  const outcomes: CheckOutcome[] = [];
  view.agencies.forEach((a, i) => {
    const report = reports[i]!;
    const outcome: CheckOutcome = { file: a.name, report, warnings: [], exitCode: report.consistent ? 0 : 1 };
    outcomes.push(outcome);
    ws.addRow([a.name, countyStateNames[a.state], shown(a.publishedAt), shown(a.correctedAt), ...summaryRow(outcome).slice(4)]);
  });
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: headers.length } };
  [30, 8, 18, 18, 10, 14, 14, 12, 10, 12, 10, 10, 10, 10, 10, 80].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(headers.length).alignment = { wrapText: true, vertical: 'top' };
  addFailedRulesSheet(wb, outcomes, '单位');
  return { filename: `${year}年度政府信息公开工作年度报告汇总.xlsx`, data: Buffer.from(await wb.xlsx.writeBuffer()) };
}
