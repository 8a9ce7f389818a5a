/**
 * Checking reports made elsewhere: read each file, run the rules, and pair reports of the same
 * agency for consecutive years so that S1/S2 can compare them.
 */
import { readReportFile, type ParsedReport } from './parse/index.ts';
import type { AnnualReport, ReportNumbers } from './model.ts';
import { ReportReadError, type ReportReadErrorKind } from './reports.errors.ts';
import { validateReport } from './validate.ts';

/** The result of checking one file. */
export interface CheckOutcome {
  /** The file as given. */
  file: string;
  /** The checked report (the JSON contract), when the file could be read. */
  report?: AnnualReport;
  /** Remarks on the report's structure (not rules). */
  warnings: string[];
  /** Why the file could not be checked. */
  error?: { code: ReportReadErrorKind; message: string; details?: Record<string, unknown> };
  /** 0 consistent, 1 a hard rule failed, 2 not a report / unreadable / old format. */
  exitCode: 0 | 1 | 2;
}

/** Runs every rule on a parsed report; `previous` is last year's report of the same agency. */
export function checkParsedReport(parsed: ParsedReport, previous?: ReportNumbers): AnnualReport {
  const { checks, consistent } = validateReport(parsed.numbers, {
    blank: parsed.blank,
    unreadable: parsed.unreadable,
    narrative: parsed.narrative,
    ...(previous ? { previous } : {}),
  });
  return {
    title: parsed.title,
    agency: parsed.agency,
    year: parsed.year,
    format: parsed.format,
    ...parsed.numbers,
    checks,
    consistent,
  };
}

/** A file read (or not) before checking. */
export interface ReadEntry {
  file: string;
  parsed?: ParsedReport;
  error?: CheckOutcome['error'];
}

/** Checks read files; a report whose agency also has last year's report among them gets S1/S2. */
export function checkReadEntries(entries: readonly ReadEntry[]): CheckOutcome[] {
  return entries.map(({ file, parsed: p, error }) => {
    if (!p) return { file, warnings: [], ...(error ? { error } : {}), exitCode: 2 };
    const previous = entries.find(
      (q) => q.parsed && p.agency && p.year !== null && q.parsed.agency === p.agency && q.parsed.year === p.year - 1,
    )?.parsed?.numbers;
    const report = checkParsedReport(p, previous);
    return { file, report, warnings: p.warnings, exitCode: report.consistent ? 0 : 1 };
  });
}

/** The error entry of a file that could not be read. */
export function readErrorOf(e: ReportReadError): NonNullable<CheckOutcome['error']> {
  return { code: e.kind, message: e.message, ...(e.details ? { details: e.details } : {}) };
}

/** Reads and checks files; a report whose agency also has last year's report among them gets S1/S2. */
export async function checkReportFiles(files: readonly string[]): Promise<CheckOutcome[]> {
  const entries: ReadEntry[] = [];
  for (const file of files) {
    try {
      entries.push({ file, parsed: await readReportFile(file) });
    } catch (e) {
      if (!(e instanceof ReportReadError)) throw e;
      entries.push({ file, error: readErrorOf(e) });
    }
  }
  return checkReadEntries(entries);
}
