/**
 * `gongkai report check` as an upload (admin console): one or more files read from memory,
 * checked like the command does (S1/S2 pairing included), and answered per file — the JSON
 * contract with the file's name and exit code, or the Chinese reason it could not be read.
 * A file that breaks a reader in an unexpected way is reported as unreadable, never as a
 * server error.
 */
import path from 'node:path';
import { checkReadEntries, readErrorOf, type CheckOutcome, type ReadEntry } from './check.ts';
import { toContractJson, type AnnualReport } from './model.ts';
import { readReport } from './parse/index.ts';
import { ReportReadError } from './reports.errors.ts';

/** One uploaded file: its bytes, or why they were not taken (too large). */
export interface UploadedFile {
  name: string;
  data?: Buffer;
  rejected?: string;
}

/** One file's answer. */
export type UploadCheckResult =
  | ({ path: string; exitCode: 0 | 1 } & AnnualReport)
  | { path: string; exitCode: 2; error: { code: string; message: string } };

/** Reads and checks the uploaded files in order. */
export async function checkUploadedFiles(files: readonly UploadedFile[]): Promise<CheckOutcome[]> {
  const entries: ReadEntry[] = [];
  for (const f of files) {
    const file = path.basename(f.name.replace(/\\/g, '/')) || '未命名文件';
    if (!f.data) {
      entries.push({ file, error: { code: 'UNREADABLE', message: f.rejected ?? `「${file}」无法读取` } });
      continue;
    }
    try {
      entries.push({ file, parsed: await readReport(f.data, file) });
    } catch (e) {
      // Every failure of a reader is the file's problem here: damaged or hostile input.
      const err = e instanceof ReportReadError ? e : new ReportReadError('UNREADABLE', `「${file}」已损坏或格式异常，无法读取`);
      entries.push({ file, error: readErrorOf(err) });
    }
  }
  return checkReadEntries(entries);
}

/** The JSON answer of one outcome: the contract plus `path` and `exitCode`, or the error. */
export function uploadResult(o: CheckOutcome): UploadCheckResult {
  if (!o.report) return { path: o.file, exitCode: 2, error: { code: o.error?.code ?? 'UNREADABLE', message: o.error?.message ?? `「${o.file}」无法读取` } };
  return { path: o.file, exitCode: o.exitCode === 0 ? 0 : 1, ...toContractJson(o.report) };
}
