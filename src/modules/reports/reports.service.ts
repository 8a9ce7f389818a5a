/**
 * Use cases of the annual report generator (issue 5): compute an agency's report for a year
 * from live data with the drill-down, enter the yearly figures and the cases, edit the
 * narrative, publish (refused while a hard rule fails), render DOCX, and serve the published
 * JSON. Guards first (visibility 404 → role 403), then one transaction with the audit row.
 */
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { chinaDate, chinaYear, now } from '../../lib/clock.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { auditActor, canReadAgency, type Actor } from '../accounts/index.ts';
import { findAgencyBySlug, getAgency, type Agency } from '../agencies/index.ts';
import { recordAudit } from '../audit/index.ts';
import { createPublishedItem, notifyPublicChange, publishDirectCorrection } from '../publishing/index.ts';
import { computeReportNumbers, type CaseKind, type CaseResult, type ComputedReport, type ReportDocument } from './compute.ts';
import { PLACEHOLDER, draftNarrative, narrativeLines, type ReportNarrative } from './draft.ts';
import { isHardRule, toContractJson, type AnnualReport } from './model.ts';
import { renderReportDocx } from './render/docx.ts';
import { renderReportPdf } from './render/pdf.ts';
import { SECTION_TITLES, renderReportArticle, type ReportContent } from './render/html.ts';
import { alreadyPublished, correctionNoteRequired, narrativeIncomplete, reportInconsistent, staleDraft, yearNotOver } from './reports.errors.ts';
import { canReport, type ReportAction } from './reports.policy.ts';
import * as repo from './reports.repository.ts';
import type { CaseInput, FiguresInput, NarrativeInput, PublishInput } from './reports.schemas.ts';
import { validateReport } from './validate.ts';

/** Slug of the standard column 政府信息公开年报 (agencies/standard-columns.ts). */
export const ANNUAL_REPORT_COLUMN = 'zfxxgknb';

/** The title of an agency's report, e.g. 巫山县曲尺乡人民政府2025年政府信息公开工作年度报告. */
export function reportTitle(agencyName: string, year: number): string {
  return `${agencyName}${year}年政府信息公开工作年度报告`;
}

/** Visibility (404) then role (403); the agency when allowed. */
export async function guard(db: Executor, actor: Actor, agencyId: string, action: ReportAction): Promise<Agency> {
  if (!canReadAgency(actor, agencyId)) throw notFound('单位');
  const agency = await getAgency(db, agencyId);
  if (!canReport(actor, action, agencyId)) throw forbidden('只有本单位管理员可以编辑或发布年度报告');
  return agency;
}

/** The narrative as stored, or the first draft when none is stored yet. */
interface NarrativeView extends ReportNarrative {
  /** false while it is the generated first draft. */
  stored: boolean;
  /** lockVersion to send with PUT …/narrative (0 for the first draft). */
  lockVersion: number;
}

/** Everything GET /api/reports/:agencyId/:year answers. */
export interface ReportView {
  /** The JSON contract of docs/modules/reports.md (format `html`: what is published). */
  numbers: AnnualReport;
  /** validateReport's checks (also inside `numbers`). */
  checks: AnnualReport['checks'];
  /** Cell name → ids of the records behind it (documents, requests, figures record, cases). */
  sources: ComputedReport['sources'];
  /** Where table 四 came from: the recorded cases or figures entered directly. */
  section4Source: ComputedReport['section4Source'];
  figures: { id: string; licensing: number; penalties: number; enforcement: number; feesWan: number; section4: unknown; updatedAt: string } | null;
  cases: CaseView[];
  narrative: NarrativeView;
  /**
   * The latest publication: `revision` 1 is the first, each correction adds one;
   * `firstPublishedAt` is when revision 1 was published (the deadline is judged on it);
   * `outdated` is true when the live tables differ from the published ones (re-publish to correct).
   */
  publication: { documentId: string; publishedAt: string; url: string; revision: number; firstPublishedAt: string; outdated: boolean } | null;
}

/** A recorded 行政复议 / 行政诉讼 case. */
export interface CaseView {
  id: string;
  kind: string;
  result: string;
  caseNo: string | null;
  summary: string;
  filedOn: string | null;
  /** The request the case is about, when given. */
  requestId: string | null;
}

function caseView(c: repo.CaseRow): CaseView {
  return { id: c.id, kind: c.kind, result: c.result, caseNo: c.caseNo, summary: c.summary, filedOn: c.filedOn, requestId: c.requestId };
}

/** Computes the report of `agency` for `year` (no access check). */
export async function buildReport(db: Executor, agency: Agency, year: number) {
  // Loaded when needed: requests/ uses this module's row keys at load time, so a static import
  // here would close an import cycle (requests/model → reports/index → this file → requests/index).
  const { countRequestsForReport } = await import('../requests/index.ts');
  const [docs, figures, cases, requests, draft, publication, firstPublishedAt, proactiveItems] = await Promise.all([
    repo.findRegulatoryDocuments(db, agency.id, year),
    repo.findFigures(db, agency.id, year),
    repo.listCases(db, agency.id, year),
    countRequestsForReport(db, agency.id, year),
    repo.findDraft(db, agency.id, year),
    repo.findPublication(db, agency.id, year),
    repo.findFirstPublishedAt(db, agency.id, year),
    repo.countProactiveItems(db, agency.id, year),
  ]);
  const documents: ReportDocument[] = docs.map((d) => ({
    id: d.id,
    docType: d.docType as ReportDocument['docType'],
    validity: d.validity,
    invalidOn: d.invalidOn,
    firstPublishedOn: chinaDate(new Date(d.firstAt as unknown as string | Date)),
  }));
  const computed = computeReportNumbers({
    year,
    documents,
    figures: figures
      ? { id: figures.id, licensing: figures.licensing, penalties: figures.penalties, enforcement: figures.enforcement, feesWan: Number(figures.feesWan), section4: figures.section4 ?? null }
      : null,
    cases: cases.map((c) => ({ id: c.id, kind: c.kind as CaseKind, result: c.result as CaseResult })),
    requests,
  });
  const narrative: NarrativeView = draft
    ? { overview: draft.overview, problems: draft.problems, other: draft.other, stored: true, lockVersion: draft.lockVersion }
    : { ...draftNarrative(computed.numbers, { agencyName: agency.name, year, proactiveItems }), stored: false, lockVersion: 0 };
  const { checks, consistent } = validateReport(computed.numbers, { narrative: `${SECTION_TITLES[0]}\n${narrative.overview}` });
  const numbers = toContractJson({ title: reportTitle(agency.name, year), agency: agency.name, year, format: 'html', ...computed.numbers, checks, consistent });
  return { agency, year, computed, numbers, figures, cases, narrative, publication, firstPublishedAt, documents: docs, requests };
}

/** What buildReport answers. */
export type BuiltReport = Awaited<ReturnType<typeof buildReport>>;

/** true when the published tables differ from the live ones. */
function tablesDiffer(published: Record<string, unknown>, live: AnnualReport): boolean {
  const pick = (r: Record<string, unknown>) => JSON.stringify([r.section2, (r.section3 as { rows?: unknown } | undefined)?.rows, r.section4]);
  return pick(toContractJson(published as unknown as AnnualReport) as unknown as Record<string, unknown>) !== pick(live as unknown as Record<string, unknown>);
}

function present(built: BuiltReport): ReportView {
  const { computed, numbers, figures, cases, narrative, publication, firstPublishedAt } = built;
  return {
    numbers,
    checks: numbers.checks,
    sources: computed.sources,
    section4Source: computed.section4Source,
    figures: figures
      ? {
          id: figures.id,
          licensing: figures.licensing,
          penalties: figures.penalties,
          enforcement: figures.enforcement,
          feesWan: Number(figures.feesWan),
          section4: figures.section4 ?? null,
          updatedAt: figures.updatedAt.toISOString(),
        }
      : null,
    cases: cases.map(caseView),
    narrative,
    publication: publication
      ? {
          documentId: publication.documentId,
          publishedAt: publication.publishedAt.toISOString(),
          url: `/info/${publication.documentId}`,
          revision: publication.revision,
          firstPublishedAt: (firstPublishedAt ?? publication.publishedAt).toISOString(),
          outdated: tablesDiffer(publication.report, numbers),
        }
      : null,
  };
}

/** The report of an agency for a year: the contract numbers, checks, drill-down, inputs and narrative. */
export async function getReport(db: Executor, actor: Actor, agencyId: string, year: number): Promise<ReportView> {
  const agency = await guard(db, actor, agencyId, 'read');
  return present(await buildReport(db, agency, year));
}

/** Enters (replaces) the yearly figures of table 二 and optionally table 四. Agency admin; audited. */
export async function putFigures(
  ctx: AppContext,
  actor: Actor,
  agencyId: string,
  year: number,
  input: FiguresInput,
  ip: string | null,
  importedFrom?: string,
): Promise<ReportView> {
  const agency = await guard(ctx.db, actor, agencyId, 'edit');
  const before = await repo.findFigures(ctx.db, agencyId, year);
  await ctx.db.transaction(async (tx) => {
    const row = await repo.upsertFigures(tx, { agencyId, year, ...input, section4: input.section4, updatedBy: actor.userId });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId,
      action: 'report.figures',
      entityType: 'report_figures',
      entityId: row.id,
      before: before
        ? { year, licensing: before.licensing, penalties: before.penalties, enforcement: before.enforcement, feesWan: Number(before.feesWan), section4: before.section4 }
        : null,
      after: { year, ...input, ...(importedFrom ? { importedFrom } : {}) },
    });
  });
  return present(await buildReport(ctx.db, agency, year));
}

/** The report view of `agency` (no access check: the caller has guarded). */
export async function reportView(db: Executor, agency: Agency, year: number): Promise<ReportView> {
  return present(await buildReport(db, agency, year));
}

/** The recorded cases of the year. */
export async function listCases(db: Executor, actor: Actor, agencyId: string, year: number): Promise<ReportView['cases']> {
  await guard(db, actor, agencyId, 'read');
  return (await repo.listCases(db, agencyId, year)).map(caseView);
}

/** 422 unless `requestId` is a request of the agency. */
async function checkCaseRequest(db: Executor, agencyId: string, requestId: string | null | undefined): Promise<void> {
  if (!requestId) return;
  const { findRequestOfAgency } = await import('../requests/index.ts');
  if (!(await findRequestOfAgency(db, agencyId, requestId))) {
    throw new AppError('VALIDATION', { message: '关联的申请不存在或不属于本单位', reason: 'VALIDATION', details: { fields: { requestId: '关联的申请不存在或不属于本单位' } } });
  }
}

/** Records a 行政复议 / 行政诉讼 case. Agency admin; audited. */
export async function addCase(ctx: AppContext, actor: Actor, agencyId: string, year: number, input: CaseInput, ip: string | null): Promise<CaseView> {
  await guard(ctx.db, actor, agencyId, 'edit');
  await checkCaseRequest(ctx.db, agencyId, input.requestId);
  const row = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertCase(tx, {
      agencyId,
      year,
      kind: input.kind,
      result: input.result,
      caseNo: input.caseNo ?? null,
      summary: input.summary,
      filedOn: input.filedOn ?? null,
      requestId: input.requestId ?? null,
      createdBy: actor.userId,
    });
    await recordAudit(tx, auditActor(actor, ip), { agencyId, action: 'report.case.create', entityType: 'report_case', entityId: row.id, after: { year, ...input } });
    return row;
  });
  return caseView(row);
}

/** The case if it is one of the agency's for `year`; 404 otherwise. */
async function loadCase(db: Executor, agencyId: string, year: number, caseId: string): Promise<repo.CaseRow> {
  const row = await repo.findCase(db, caseId);
  if (!row || row.agencyId !== agencyId || row.year !== year) throw notFound('案件');
  return row;
}

/**
 * Replaces a case's fields. Agency admin; audited. Allowed after publication too: the published
 * report stays as published until it is re-published (a correction), and the report view says
 * `publication.outdated` meanwhile.
 */
export async function updateCase(ctx: AppContext, actor: Actor, agencyId: string, year: number, caseId: string, input: CaseInput, ip: string | null): Promise<CaseView> {
  await guard(ctx.db, actor, agencyId, 'edit');
  const before = await loadCase(ctx.db, agencyId, year, caseId);
  await checkCaseRequest(ctx.db, agencyId, input.requestId);
  const row = await ctx.db.transaction(async (tx) => {
    const row = await repo.updateCase(tx, caseId, {
      kind: input.kind,
      result: input.result,
      caseNo: input.caseNo ?? null,
      summary: input.summary,
      filedOn: input.filedOn ?? null,
      requestId: input.requestId ?? null,
      updatedBy: actor.userId,
    });
    if (!row) throw notFound('案件');
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId,
      action: 'report.case.update',
      entityType: 'report_case',
      entityId: caseId,
      before: caseView(before),
      after: { year, ...input },
    });
    return row;
  });
  return caseView(row);
}

/** Deletes a case (same rule as updateCase). Agency admin; audited. */
export async function deleteCase(ctx: AppContext, actor: Actor, agencyId: string, year: number, caseId: string, ip: string | null): Promise<void> {
  await guard(ctx.db, actor, agencyId, 'edit');
  const before = await loadCase(ctx.db, agencyId, year, caseId);
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.deleteCase(tx, caseId))) throw notFound('案件');
    await recordAudit(tx, auditActor(actor, ip), { agencyId, action: 'report.case.delete', entityType: 'report_case', entityId: caseId, before: { year, ...caseView(before) } });
  });
}

/** Saves the narrative sections 一、五、六 (optimistic lock). Agency admin; audited. */
export async function putNarrative(ctx: AppContext, actor: Actor, agencyId: string, year: number, input: NarrativeInput, ip: string | null): Promise<ReportView> {
  const agency = await guard(ctx.db, actor, agencyId, 'edit');
  const values = { overview: input.overview, problems: input.problems, other: input.other, updatedBy: actor.userId };
  await ctx.db.transaction(async (tx) => {
    const existing = await repo.findDraft(tx, agencyId, year);
    const row = existing
      ? await repo.updateDraft(tx, agencyId, year, input.lockVersion, values)
      : input.lockVersion === 0
        ? await repo.insertDraft(tx, { agencyId, year, ...values, lockVersion: 1 })
        : undefined;
    if (!row) throw staleDraft();
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId,
      action: 'report.narrative',
      entityType: 'report_draft',
      entityId: agencyId,
      ...(existing ? { before: { year, lockVersion: existing.lockVersion } } : {}),
      after: { year, lockVersion: row.lockVersion, lengths: { overview: input.overview.length, problems: input.problems.length, other: input.other.length } },
    });
  });
  return present(await buildReport(ctx.db, agency, year));
}

/** What the renderers need: the title and sections 一、五、六 as lines with their headings. */
export function contentOf(title: string, narrative: ReportNarrative): ReportContent {
  return {
    title,
    overview: [SECTION_TITLES[0], ...narrativeLines(narrative.overview)],
    closing: [SECTION_TITLES[4], ...narrativeLines(narrative.problems), SECTION_TITLES[5], ...narrativeLines(narrative.other)],
  };
}

/** The line the portal shows above a corrected report, e.g. 本报告于2026年2月3日更正。更正说明：…… */
export function correctionLine(at: Date, note: string): string {
  const [y, m, d] = chinaDate(at).split('-').map(Number);
  return `本报告于${y}年${m}月${d}日更正。更正说明：${note}`;
}

/**
 * Publishes the report: refused while the year is not over, a hard rule fails (422 naming the
 * cells) or the narrative has placeholders; otherwise the national-format HTML becomes an item
 * of the agency's 政府信息公开年报 column and the JSON contract is frozen for the public API —
 * both in one transaction with the audit row. A report already published is re-published
 * only as a correction (`note` = 更正说明, else 409): a new version of the same item with the
 * line 本报告于…更正 on top, and the next revision in report_publications (history kept).
 */
export async function publishReport(ctx: AppContext, actor: Actor, agencyId: string, year: number, input: PublishInput, ip: string | null): Promise<ReportView> {
  const agency = await guard(ctx.db, actor, agencyId, 'publish');
  if (year >= chinaYear(now())) throw yearNotOver(year);
  const latest = await repo.findPublication(ctx.db, agencyId, year);
  if (latest && !input.note) throw correctionNoteRequired();
  const built = await buildReport(ctx.db, agency, year);
  const failing = built.numbers.checks.filter((c) => isHardRule(c.rule) && !c.ok);
  if (failing.length) throw reportInconsistent(failing);
  const incomplete = (
    [
      ['一、总体情况', built.narrative.overview],
      ['五、存在的主要问题及改进情况', built.narrative.problems],
      ['六、其他需要报告的事项', built.narrative.other],
    ] as const
  )
    .filter(([, text]) => text.includes(PLACEHOLDER))
    .map(([name]) => name);
  if (incomplete.length) throw narrativeIncomplete(incomplete);
  const title = reportTitle(agency.name, year);
  const { computed, numbers } = built;
  const source = '政府信息公开工作年度报告';
  // One instant for the item's version, the correction line and the publication record.
  const publishedAt = now();
  // A correction starts with the line 本报告于…更正 (the public PDF/DOCX print it too: published-files.service.ts).
  const notice = latest ? correctionLine(publishedAt, input.note!) : undefined;
  const article = renderReportArticle(computed.numbers, { ...contentOf(title, built.narrative), ...(notice ? { notice } : {}) });
  await ctx.db.transaction(async (tx) => {
    let documentId: string;
    if (latest) {
      ({ documentId } = await publishDirectCorrection(ctx, tx, { documentId: latest.documentId, title, bodyHtml: article, changeNote: input.note!, by: actor.userId, source, at: publishedAt }));
    } else {
      ({ documentId } = await createPublishedItem(ctx, { agencyId, columnSlug: ANNUAL_REPORT_COLUMN, title, bodyHtml: article, createdBy: actor.userId, source, publishedAt }, tx));
    }
    const revision = (latest?.revision ?? 0) + 1;
    const row = await repo.insertPublication(tx, {
      agencyId,
      year,
      documentId,
      revision,
      note: input.note ?? null,
      report: numbers as unknown as Record<string, unknown>,
      // Frozen with the numbers: the public PDF/DOCX render the text as published.
      narrative: { overview: built.narrative.overview, problems: built.narrative.problems, other: built.narrative.other },
      publishedBy: actor.userId,
      publishedAt,
    });
    // A concurrent publication took this revision: everything above rolls back.
    if (!row) throw alreadyPublished();
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId,
      action: latest ? 'report.correct' : 'report.publish',
      entityType: 'report_publication',
      entityId: documentId,
      after: {
        year,
        title,
        documentId,
        revision,
        ...(input.note ? { note: input.note } : {}),
        consistent: numbers.consistent,
        warnings: numbers.checks.filter((c) => !c.ok).map((c) => c.rule),
      },
    });
  });
  notifyPublicChange(ctx);
  return present(await buildReport(ctx.db, agency, year));
}

/** The report as DOCX (current data, published or not). */
export async function getReportDocx(db: Executor, actor: Actor, agencyId: string, year: number): Promise<{ filename: string; data: Buffer }> {
  const agency = await guard(db, actor, agencyId, 'read');
  const built = await buildReport(db, agency, year);
  const title = reportTitle(agency.name, year);
  return { filename: `${title}.docx`, data: await renderReportDocx(built.computed.numbers, contentOf(title, built.narrative)) };
}

/** The report as PDF (current data, published or not); the same document as the DOCX. */
export async function getReportPdf(db: Executor, actor: Actor, agencyId: string, year: number): Promise<{ filename: string; data: Buffer }> {
  const agency = await guard(db, actor, agencyId, 'read');
  const built = await buildReport(db, agency, year);
  const title = reportTitle(agency.name, year);
  return { filename: `${title}.pdf`, data: await renderReportPdf(built.computed.numbers, contentOf(title, built.narrative)) };
}

/** The published report's JSON contract (public); 404 when the agency or its published report does not exist. */
export async function getPublicReport(db: Executor, agencySlug: string, year: number): Promise<AnnualReport> {
  const agency = await findAgencyBySlug(db, agencySlug);
  const publication = agency ? await repo.findPublication(db, agency.id, year) : undefined;
  if (!publication) throw notFound('年度报告');
  // jsonb does not keep key order: the contract's order is restored here.
  return toContractJson(publication.report as unknown as AnnualReport);
}
