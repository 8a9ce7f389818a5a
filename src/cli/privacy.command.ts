/**
 * `gongkai privacy scan FILE… [--json]`: scans local files (DOCX, XLSX, CSV, PDF, HTML, TXT,
 * images) for personal information without a server or database, printing each finding with
 * its location. Exit: 0 nothing found, 1 findings (or pages/images needing manual review),
 * 2 unreadable input or usage. USCC findings are informational and never count.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { findingTypeLabels, reportTypeNames, scanFile, UnreadableFileError, type Finding, type FindingLocation, type ManualReviewItem } from '../modules/privacy/index.ts';
import type { Command } from './commands.ts';
import { privacyMask } from './privacy-mask.command.ts';
import { privacySweepCommand } from './privacy-sweep.command.ts';

const usage = `用法: gongkai privacy scan 文件… [--json]
  检查本地文件（DOCX、XLSX、CSV、PDF、HTML、TXT、图片）中的个人信息（身份证号、手机号、银行卡号、住址等），列出位置。
  退出码: 0 未发现；1 发现个人信息或须人工核对的页面/图片；2 文件无法读取或参数错误。
`;

/** Where a finding is, in Chinese. */
export function describeLocation(loc: FindingLocation | undefined): string {
  if (!loc) return '';
  const parts: string[] = [];
  if (loc.page !== undefined) parts.push(`第 ${loc.page} 页`);
  if (loc.sheet !== undefined) parts.push(`工作表「${loc.sheet}」`);
  if (loc.cell !== undefined) parts.push(`单元格 ${loc.cell}`);
  if (loc.part !== undefined && loc.part !== 'body') parts.push(loc.part.startsWith('header') ? '页眉' : loc.part.startsWith('footer') ? '页脚' : loc.part === 'comments' ? '批注' : loc.part);
  if (loc.table !== undefined) parts.push(`表格 ${loc.table} 第 ${loc.row ?? '?'} 行第 ${loc.column ?? '?'} 列`);
  else if (loc.paragraph !== undefined) parts.push(`第 ${loc.paragraph} 段`);
  if (loc.line !== undefined) parts.push(`第 ${loc.line} 行`);
  return parts.join(' ');
}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** The scan subcommand, with its output streams injectable (tests). Returns the exit code. */
export async function privacyScan(args: string[], io: Io, now = new Date()): Promise<number> {
  let values: { json?: boolean | undefined };
  let files: string[];
  try {
    ({ values, positionals: files } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true }));
  } catch (e) {
    io.err(`${(e as Error).message}\n${usage}`);
    return 2;
  }
  if (!files.length) {
    io.err(usage);
    return 2;
  }
  let unreadable = false;
  let found = false;
  const results: Array<{ path: string; findings: Finding[]; manualReview: ManualReviewItem[]; error?: string }> = [];
  for (const file of files) {
    try {
      const scan = await scanFile(file, await readFile(file), { now });
      const findings = scan.findings.filter((f) => f.personal || f.type === 'uscc');
      if (findings.some((f) => f.personal) || scan.manualReview.length) found = true;
      results.push({ path: file, findings, manualReview: scan.manualReview });
    } catch (e) {
      unreadable = true;
      const message = e instanceof UnreadableFileError ? e.message : (e as NodeJS.ErrnoException).code === 'ENOENT' ? `文件「${file}」不存在` : `文件「${file}」无法读取`;
      results.push({ path: file, findings: [], manualReview: [], error: message });
    }
  }
  if (values.json) {
    io.out(
      `${JSON.stringify({
        files: results.map((r) => ({
          path: r.path,
          findings: r.findings.map((f) => ({ type: reportTypeNames[f.type], start: f.start, end: f.end, masked: f.masked, confidence: f.confidence, reason: f.reason, location: f.location ?? {} })),
          manualReview: r.manualReview,
          ...(r.error ? { error: r.error } : {}),
        })),
      })}\n`,
    );
  } else {
    for (const r of results) {
      if (r.error) {
        io.err(`${r.error}\n`);
        continue;
      }
      const personal = r.findings.filter((f) => f.personal);
      io.out(`${r.path}: ${personal.length ? `发现 ${personal.length} 处个人信息` : '未发现个人信息'}${r.manualReview.length ? `，${r.manualReview.length} 处须人工核对` : ''}\n`);
      for (const f of r.findings) {
        const where = describeLocation(f.location);
        io.out(`  ${where ? `${where}  ` : ''}${findingTypeLabels[f.type]}  ${f.masked}  [${f.confidence}] ${f.reason}${f.personal ? '' : '（非个人信息，仅供参考）'}\n`);
      }
      for (const m of r.manualReview) io.out(`  ${describeLocation(m.location) || '整个文件'}  须人工核对：${m.reason}\n`);
    }
  }
  return unreadable ? 2 : found ? 1 : 0;
}

export const privacyCommand: Command = async (_config, args, env) => {
  const [sub, ...rest] = args;
  if (sub === 'sweep') return privacySweepCommand(_config, rest, env);
  if (sub === 'mask') return privacyMask(rest, { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
  if (sub !== 'scan') {
    process.stderr.write(usage);
    return 2;
  }
  return privacyScan(rest, { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
};
