/**
 * The drill-down of one number of an agency's report (GET …/cells/:cell): the records behind it
 * — published items (table 二 第二十条第（一）项), the entered figures (one record: who entered
 * them and when), requests (table 三) and cases (table 四). For counted cells the number of
 * records equals the number shown. Requests show their 受理编号 and what was asked for; the
 * applicant's name only to staff who may see applicants (requests' canSeeApplicant).
 */
import type { Executor } from '../../db/client.ts';
import { chinaDate } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../accounts/index.ts';
import { cellLabel, cellName, cellValue, parseCellId, type CellRef } from './cells.ts';
import { CASE_KINDS, CASE_RESULTS } from './compute.ts';
import { buildReport, guard, type BuiltReport } from './reports.service.ts';
import * as repo from './reports.repository.ts';

/** One record behind a number. */
export interface CellRecord {
  kind: 'item' | 'request' | 'case' | 'figure';
  id: string;
  title: string;
  /** YYYY-MM-DD (figures: the time they were last entered, ISO). */
  date: string | null;
  /** Where the record is shown: the portal page of an item, the admin page of a request. */
  href?: string;
  /** 申请人, only for staff who may see applicants. */
  applicant?: string;
  /** Who entered a figure. */
  by?: string | null;
}

/** The answer of GET …/cells/:cell. */
export interface CellDrillDown {
  cell: string;
  /** The cell name the rules use, e.g. 二.规章.本年制发件数 (matches checks[].cells). */
  name: string;
  label: string;
  value: number;
  records: CellRecord[];
}

const kindNames: Record<(typeof CASE_KINDS)[number], string> = {
  reconsideration: '行政复议',
  litigation_direct: '行政诉讼（未经复议直接起诉）',
  litigation_after_reconsideration: '行政诉讼（复议后起诉）',
};
const resultNames: Record<(typeof CASE_RESULTS)[number], string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结' };

function unknownCell(cell: string): AppError {
  return new AppError('VALIDATION', {
    message: `未知的单元格「${cell.slice(0, 60)}」：应为 s2.regulations.issued、s3.<行>.<0–6>、s4.<组>.<0–4> 等`,
    details: { fields: { cell: '未知的单元格' } },
  });
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

async function figureRecord(db: Executor, built: BuiltReport, label: string, value: number): Promise<CellRecord[]> {
  const f = built.figures;
  if (!f) return [];
  const names = await repo.findUserNames(db, [f.updatedBy]);
  const by = f.updatedBy ? (names.get(f.updatedBy) ?? null) : null;
  return [{ kind: 'figure', id: f.id, title: `${label}：${value}（${by ? `${by}录入` : '录入'}）`, date: f.updatedAt.toISOString(), by }];
}

async function recordsOf(db: Executor, actor: Actor, built: BuiltReport, ref: CellRef, ids: string[], label: string, value: number): Promise<CellRecord[]> {
  if (ref.table === 2 && !('field' in ref)) return figureRecord(db, built, label, value);
  if (ref.table === 4 && built.computed.section4Source === 'figures') return figureRecord(db, built, label, value);
  if (ref.table === 2) {
    const byId = new Map(built.documents.map((d) => [d.id, d]));
    return ids.flatMap((id) => {
      const d = byId.get(id);
      if (!d) return [];
      const first = chinaDate(new Date(d.firstAt as unknown as string | Date));
      return [{ kind: 'item' as const, id, title: d.title, date: ref.field === 'repealed' ? d.invalidOn : first, href: `/info/${id}` }];
    });
  }
  if (ref.table === 3) {
    // Loaded when needed (import cycle: see buildReport).
    const { canSeeApplicant, describeRequestsForReport } = await import('../requests/index.ts');
    const rows = await describeRequestsForReport(db, ids, canSeeApplicant(actor, built.agency.id));
    return rows.map((r) => ({
      kind: 'request' as const,
      id: r.id,
      title: `${r.trackingNo} ${truncate(r.description, 80)}`,
      date: r.receivedOn,
      href: `/admin/requests/${r.id}`,
      ...(r.applicantName !== undefined ? { applicant: r.applicantName } : {}),
    }));
  }
  const byId = new Map(built.cases.map((c) => [c.id, c]));
  return ids.flatMap((id) => {
    const c = byId.get(id);
    if (!c) return [];
    const what = `${kindNames[c.kind as keyof typeof kindNames] ?? c.kind} ${resultNames[c.result as keyof typeof resultNames] ?? c.result}`;
    const title = [c.caseNo, c.summary].filter(Boolean).join(' ') || what;
    return [{ kind: 'case' as const, id, title, date: c.filedOn ?? chinaDate(c.createdAt) }];
  });
}

/** The number of `cell` in the agency's report for `year` and the records behind it. */
export async function getCell(db: Executor, actor: Actor, agencyId: string, year: number, cell: string): Promise<CellDrillDown> {
  const ref = parseCellId(cell);
  if (!ref) throw unknownCell(cell);
  const agency = await guard(db, actor, agencyId, 'read');
  const built = await buildReport(db, agency, year);
  const name = cellName(ref);
  const label = cellLabel(ref);
  const value = cellValue(built.computed.numbers, ref);
  const records = await recordsOf(db, actor, built, ref, built.computed.sources[name] ?? [], label, value);
  return { cell, name, label, value, records };
}
