/** The reports module's public face: the annual-report model, its rules, and reading reports made elsewhere. */
export {
  SECTION3_COLUMNS,
  SECTION3_ROWS,
  SECTION3_ROW_KEYS,
  SECTION3_LEAF_KEYS,
  SECTION4_COLUMNS,
  SECTION4_GROUPS,
  RULE_IDS,
  TOTAL_COLUMN,
  isHardRule,
  emptyReportNumbers,
  cloneReportNumbers,
  listCells,
  section2CountCell,
  section2SingleCell,
  section3Cell,
  section4Cell,
  toContractJson,
  type AnnualReport,
  type IssuedCounts,
  type ReportFormat,
  type ReportNumbers,
  type Row5,
  type Row7,
  type RuleCheck,
  type RuleId,
  type Section2,
  type Section3,
  type Section3RowKey,
  type Section4,
  type Section4GroupKey,
} from './model.ts';
export { validateReport, locateSingleCellError, type ValidationContext, type UnreadableCell, type SuspectCell } from './validate.ts';
export { checkNarrative } from './narrative.ts';
export { ReportReadError, type ReportReadErrorKind } from './reports.errors.ts';
export { readReport, readReportFile, REPORT_EXTENSIONS, type ParsedReport } from './parse/index.ts';
export { checkParsedReport, checkReportFiles, type CheckOutcome } from './check.ts';
export { formatOutcome, formatTables } from './present.ts';
export { writeSummaryXlsx, summaryRow, SUMMARY_HEADERS } from './summary-xlsx.ts';
export { computeReportNumbers, CASE_KINDS, CASE_RESULTS, type ComputedReport, type ReportSources, type CaseKind, type CaseResult } from './compute.ts';
export { draftNarrative, type ReportNarrative } from './draft.ts';
export { reportGrid, type GridCell, type GridRow } from './render/grid.ts';
export { renderReportArticle, SECTION_TITLES, type ReportContent } from './render/html.ts';
export { renderReportDocx } from './render/docx.ts';
export { renderReportPdf } from './render/pdf.ts';
export { getPublishedReportFile, findPublishedReportOfItem, PUBLISHED_REPORT_FORMATS, type PublishedReportFormat } from './published-files.service.ts';
export { getPublicReport, reportTitle, ANNUAL_REPORT_COLUMN } from './reports.service.ts';
export { registerReportsRoutes } from './reports.routes.ts';
