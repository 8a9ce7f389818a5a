/**
 * `gongkai report check FILE|FOLDER… [--json] [--out 汇总.xlsx]`: checks annual reports made
 * elsewhere (HTML, DOCX, PDF, copied text) against the 勾稽 rules. Needs no database.
 * Exit: 0 every report consistent, 1 a hard rule failed, 2 not a report / unreadable / usage.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPORT_EXTENSIONS, checkReportFiles, formatOutcome, toContractJson, writeSummaryXlsx, type CheckOutcome } from '../modules/reports/index.ts';
import type { Command } from './commands.ts';

const usage = `用法: gongkai report check 文件或文件夹… [--json] [--out 汇总.xlsx]
  检查政府信息公开工作年度报告（.html .htm .docx .pdf .txt）的勾稽关系。
  给出文件夹时检查其中所有报告，并把汇总表写到 --out（默认 ./年报检查汇总.xlsx）。
  退出码: 0 全部一致；1 有报告违反勾稽规则；2 不是年度报告、无法读取或参数错误。
`;

async function collectFolder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await collectFolder(p)));
    else if (e.isFile() && !e.name.startsWith('~$') && (REPORT_EXTENSIONS as readonly string[]).includes(path.extname(e.name).toLowerCase())) out.push(p);
  }
  return out;
}

function jsonOf(o: CheckOutcome): unknown {
  return o.report ? toContractJson(o.report) : { error: { code: o.error?.code ?? 'UNREADABLE', message: o.error?.message ?? '' } };
}

export const reportCommand: Command = async (_config, args) => {
  let values: { json?: boolean; out?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${usage}`);
    return 2;
  }
  const [sub, ...targets] = positionals;
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  if (sub !== 'check' || !targets.length) {
    process.stderr.write(usage);
    return 2;
  }
  const files: string[] = [];
  let folderGiven = false;
  for (const t of targets) {
    const info = await stat(t).catch(() => null);
    if (info?.isDirectory()) {
      folderGiven = true;
      const found = await collectFolder(t);
      if (!found.length) process.stderr.write(`文件夹「${t}」中没有 .html .htm .docx .pdf .txt 文件\n`);
      files.push(...found);
    } else files.push(t);
  }
  if (!files.length) return 2;
  const outcomes = await checkReportFiles(files);
  const single = targets.length === 1 && !folderGiven;
  if (values.json) {
    const payload = single && outcomes[0] ? jsonOf(outcomes[0]) : outcomes.map((o) => ({ file: o.file, ...(jsonOf(o) as object) }));
    process.stdout.write(`${JSON.stringify(payload, null, 2)}\n`);
  } else {
    for (const o of outcomes) {
      if (o.report) process.stdout.write(`${formatOutcome(o)}\n`);
      else process.stderr.write(`${formatOutcome(o)}\n`);
    }
    if (!single) {
      const count = (code: number) => outcomes.filter((o) => o.exitCode === code).length;
      process.stdout.write(`共 ${outcomes.length} 份：一致 ${count(0)} 份，不一致 ${count(1)} 份，无法检查 ${count(2)} 份\n`);
    }
  }
  if (folderGiven || values.out) {
    const out = path.resolve(values.out ?? '年报检查汇总.xlsx');
    try {
      await writeSummaryXlsx(outcomes, out);
    } catch (e) {
      process.stderr.write(`无法写入汇总表「${out}」：${(e as Error).message}\n`);
      return 2;
    }
    (values.json ? process.stderr : process.stdout).write(`汇总表已写入：${out}\n`);
  }
  return Math.max(...outcomes.map((o) => o.exitCode));
};
