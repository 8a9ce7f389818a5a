/**
 * Use cases of the annual report generator (issue 5): compute an agency's report for a year
 * from live data with the drill-down, enter the yearly figures and the cases, edit the
 * narrative, publish (refused while a hard rule fails), render DOCX, and serve the published
 * JSON. Guards first (visibility 404 → role 403), then one transaction with the audit row.
 */
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { chinaDate, chinaYear, now } from '../../lib/clock.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { auditActor, canReadAgency, type Actor } from '../accounts/index.ts';
import { findAgencyBySlug, getAgency, type Agency } from '../agencies/index.ts';
import { recordAudit } from '../audit/index.ts';
import { createPublishedItem } from '../publishing/index.ts';
import { computeReportNumbers, type CaseKind, type CaseResult, type ComputedReport, type ReportDocument } from './compute.ts';
import { PLACEHOLDER, draftNarrative, narrativeLines, type ReportNarrative } from './draft.ts';
import { isHardRule, toContractJson, type AnnualReport } from './model.ts';
import { renderReportDocx } from './render/docx.ts';
import { SECTION_TITLES, renderReportArticle, type ReportContent } from './render/html.ts';
import { alreadyPublished, narrativeIncomplete, reportInconsistent, staleDraft, yearNotOver } from './reports.errors.ts';
import { canReport, type ReportAction } from './reports.policy.ts';
import * as repo from './reports.repository.ts';
import type { CaseInput, FiguresInput, NarrativeInput } from './reports.schemas.ts';
import { validateReport } from './validate.ts';

/** Slug of the standard column 政府信息公开年报 (agencies/standard-columns.ts). */
export const ANNUAL_REPORT_COLUMN = 'zfxxgknb';

/** The title of an agency's report, e.g. 巫山县曲尺乡人民政府2025年政府信息公开工作年度报告. */
export function reportTitle(agencyName: string, year: number): string {
  return `${agencyName}${year}年政府信息公开工作年度报告`;
}

async function guard(db: Executor, actor: Actor, agencyId: string, action: ReportAction): Promise<Agency> {
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
  cases: Array<{ id: string; kind: string; result: string; caseNo: string | null; summary: string; filedOn: string | null }>;
  narrative: NarrativeView;
  publication: { documentId: string; publishedAt: string; url: string } | null;
}

/** Computes the report of `agency` for `year` (no access check). */
async function buildReport(db: Executor, agency: Agency, year: number) {
  // Loaded when needed: requests/ uses this module's row keys at load time, so a static import
  // here would close an import cycle (requests/model → reports/index → this file → requests/index).
  const { countRequestsForReport } = await import('../requests/index.ts');
  const [docs, figures, cases, requests, draft, publication, proactiveItems] = await Promise.all([
    repo.findRegulatoryDocuments(db, agency.id, year),
    repo.findFigures(db, agency.id, year),
    repo.listCases(db, agency.id, year),
    countRequestsForReport(db, agency.id, year),
    repo.findDraft(db, agency.id, year),
    repo.findPublication(db, agency.id, year),
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
  return { computed, numbers, figures, cases, narrative, publication };
}

function present(built: Awaited<ReturnType<typeof buildReport>>): ReportView {
  const { computed, numbers, figures, cases, narrative, publication } = built;
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
    cases: cases.map((c) => ({ id: c.id, kind: c.kind, result: c.result, caseNo: c.caseNo, summary: c.summary, filedOn: c.filedOn })),
    narrative,
    publication: publication ? { documentId: publication.documentId, publishedAt: publication.publishedAt.toISOString(), url: `/info/${publication.documentId}` } : null,
  };
}

/** The report of an agency for a year: the contract numbers, checks, drill-down, inputs and narrative. */
export async function getReport(db: Executor, actor: Actor, agencyId: string, year: number): Promise<ReportView> {
  const agency = await guard(db, actor, agencyId, 'read');
  return present(await buildReport(db, agency, year));
}

/** Enters (replaces) the yearly figures of table 二 and optionally table 四. Agency admin; audited. */
export async function putFigures(ctx: AppContext, actor: Actor, agencyId: string, year: number, input: FiguresInput, ip: string | null): Promise<ReportView> {
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
      after: { year, ...input },
    });
  });
  return present(await buildReport(ctx.db, agency, year));
}

/** The recorded cases of the year. */
export async function listCases(db: Executor, actor: Actor, agencyId: string, year: number): Promise<ReportView['cases']> {
  await guard(db, actor, agencyId, 'read');
  return (await repo.listCases(db, agencyId, year)).map((c) => ({ id: c.id, kind: c.kind, result: c.result, caseNo: c.caseNo, summary: c.summary, filedOn: c.filedOn }));
}

/** Records a 行政复议 / 行政诉讼 case. Agency admin; audited. */
export async function addCase(ctx: AppContext, actor: Actor, agencyId: string, year: number, input: CaseInput, ip: string | null): Promise<ReportView['cases'][number]> {
  await guard(ctx.db, actor, agencyId, 'edit');
  const row = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertCase(tx, {
      agencyId,
      year,
      kind: input.kind,
      result: input.result,
      caseNo: input.caseNo ?? null,
      summary: input.summary,
      filedOn: input.filedOn ?? null,
      createdBy: actor.userId,
    });
    await recordAudit(tx, auditActor(actor, ip), { agencyId, action: 'report.case.create', entityType: 'report_case', entityId: row.id, after: { year, ...input } });
    return row;
  });
  return { id: row.id, kind: row.kind, result: row.result, caseNo: row.caseNo, summary: row.summary, filedOn: row.filedOn };
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

function contentOf(title: string, narrative: ReportNarrative): ReportContent {
  return {
    title,
    overview: [SECTION_TITLES[0], ...narrativeLines(narrative.overview)],
    closing: [SECTION_TITLES[4], ...narrativeLines(narrative.problems), SECTION_TITLES[5], ...narrativeLines(narrative.other)],
  };
}

/**
 * Publishes the report: refused while the year is not over, a hard rule fails (422 naming the
 * cells) or the narrative has placeholders; otherwise the national-format HTML becomes an item
 * of the agency's 政府信息公开年报 column and the JSON contract is frozen for the public API.
 */
export async function publishReport(ctx: AppContext, actor: Actor, agencyId: string, year: number, ip: string | null): Promise<ReportView> {
  const agency = await guard(ctx.db, actor, agencyId, 'publish');
  if (year >= chinaYear(now())) throw yearNotOver(year);
  if (await repo.findPublication(ctx.db, agencyId, year)) throw alreadyPublished();
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
  const bodyHtml = renderReportArticle(computed.numbers, contentOf(title, built.narrative));
  const { documentId } = await createPublishedItem(ctx, {
    agencyId,
    columnSlug: ANNUAL_REPORT_COLUMN,
    title,
    bodyHtml,
    createdBy: actor.userId,
    source: '政府信息公开工作年度报告',
  });
  // createPublishedItem commits its own transaction; the publication record follows in a second
  // one. A crash in between leaves the item on the portal without the frozen JSON, and a second
  // publish would then add a second item (known limit, docs/modules/reports.md).
  await ctx.db.transaction(async (tx) => {
    const row = await repo.insertPublication(tx, { agencyId, year, documentId, report: numbers as unknown as Record<string, unknown>, publishedBy: actor.userId });
    if (!row) throw alreadyPublished();
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId,
      action: 'report.publish',
      entityType: 'report_publication',
      entityId: documentId,
      after: { year, title, documentId, consistent: numbers.consistent, warnings: numbers.checks.filter((c) => !c.ok).map((c) => c.rule) },
    });
  });
  return present(await buildReport(ctx.db, agency, year));
}

/** The report as DOCX (current data, published or not). */
export async function getReportDocx(db: Executor, actor: Actor, agencyId: string, year: number): Promise<{ filename: string; data: Buffer }> {
  const agency = await guard(db, actor, agencyId, 'read');
  const built = await buildReport(db, agency, year);
  const title = reportTitle(agency.name, year);
  return { filename: `${title}.docx`, data: await renderReportDocx(built.computed.numbers, contentOf(title, built.narrative)) };
}

/** The published report's JSON contract (public); 404 when the agency or its published report does not exist. */
export async function getPublicReport(db: Executor, agencySlug: string, year: number): Promise<AnnualReport> {
  const agency = await findAgencyBySlug(db, agencySlug);
  const publication = agency ? await repo.findPublication(db, agency.id, year) : undefined;
  if (!publication) throw notFound('年度报告');
  // jsonb does not keep key order: the contract's order is restored here.
  return toContractJson(publication.report as unknown as AnnualReport);
}
