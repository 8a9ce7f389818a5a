/**
 * The published report as files for the public (PDF and DOCX): rendered from what publication
 * froze in `report_publications` — the numbers (the JSON contract) and the narrative — never
 * from live data, so that the download says what the portal page said when it was published
 * (the latest revision after a correction, with its line 本报告于…更正。更正说明：… above section 一
 * as on the portal page). Served only while the report's portal item is live:
 * a withdrawn report, an unpublished year or an unknown agency is 404.
 */
import type { Executor } from '../../db/client.ts';
import { notFound } from '../../lib/errors.ts';
import { findAgencyBySlug } from '../agencies/index.ts';
import { findPublishedItem } from '../publishing/index.ts';
import { toContractJson, type AnnualReport } from './model.ts';
import { renderReportDocx } from './render/docx.ts';
import { renderReportPdf } from './render/pdf.ts';
import * as repo from './reports.repository.ts';
import { contentOf, correctionLine, reportTitle } from './reports.service.ts';

/** Formats of the public download. */
export const PUBLISHED_REPORT_FORMATS = ['pdf', 'docx'] as const;
export type PublishedReportFormat = (typeof PUBLISHED_REPORT_FORMATS)[number];

/** The published report of an agency (by portal slug) for a year as a file; 404 when there is none to show. */
export async function getPublishedReportFile(db: Executor, agencySlug: string, year: number, format: PublishedReportFormat): Promise<{ filename: string; data: Buffer }> {
  const agency = await findAgencyBySlug(db, agencySlug);
  const publication = agency ? await repo.findPublication(db, agency.id, year) : undefined;
  if (!agency || !publication) throw notFound('年度报告');
  const item = await findPublishedItem(db, publication.documentId);
  if (item.state !== 'published') throw notFound('年度报告');
  // Publications from before the narrative was frozen (and not back-filled) fall back to the stored draft.
  const narrative = publication.narrative ?? (await repo.findDraft(db, agency.id, year));
  if (!narrative) throw notFound('年度报告');
  const report = toContractJson(publication.report as unknown as AnnualReport);
  const title = report.title ?? reportTitle(agency.name, year);
  // A corrected report carries its correction line in the files as on the portal page.
  const notice = publication.revision > 1 && publication.note ? correctionLine(publication.publishedAt, publication.note) : undefined;
  const content = { ...contentOf(title, narrative), ...(notice ? { notice } : {}) };
  const data = format === 'pdf' ? await renderReportPdf(report, content) : await renderReportDocx(report, content);
  return { filename: `${title}.${format}`, data };
}

/** The year of the published report whose portal item is `documentId`, or null (the portal's detail page links its files). */
export async function findPublishedReportOfItem(db: Executor, documentId: string): Promise<{ year: number } | null> {
  const row = await repo.findPublicationByDocument(db, documentId);
  return row ? { year: row.year } : null;
}
