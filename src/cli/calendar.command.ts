/**
 * `gongkai calendar year YYYY [--json]` and `gongkai calendar add DATE N [--explain]`.
 * The shipped schedules (2020–2026) need no database; years an administrator entered live in
 * the database, which is read when it exists and the data folder is free. A running server
 * holds the embedded data folder's lock: then only shipped data is used, with a note on stderr.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../lib/config.ts';
import { openRuntime, pgliteDir } from '../runtime.ts';
import {
  explainDeadline,
  isIsoDate,
  loadCalendar,
  shippedCalendar,
  unknownYearsWarning,
  weekday,
  yearDays,
  type Calendar,
  type DayInfo,
} from '../modules/calendar/index.ts';
import type { Command } from './commands.ts';

const usage = '用法: gongkai calendar year 年份 [--json]\n      gongkai calendar add 日期 工作日数 [--explain]\n';

/** The calendar with administrator-entered years when the database can be read, else the shipped one. */
async function readCalendar(config: Config): Promise<Calendar> {
  // No embedded database yet: nobody can have entered a year, and no folder is created.
  if (config.embedded && !fs.existsSync(pgliteDir(config))) return shippedCalendar;
  try {
    const runtime = await openRuntime(config);
    try {
      return await loadCalendar(runtime.ctx.db);
    } finally {
      await runtime.close();
    }
  } catch (e) {
    const why = e instanceof Error && e.name === 'DataDirLockedError' ? '数据目录正被另一个 Gongkai 进程（如运行中的服务）占用' : `无法读取数据库（${e instanceof Error ? e.message : String(e)}）`;
    process.stderr.write(`提示：${why}，仅使用随系统提供的放假安排（${[...shippedCalendar.knownYears].join('、')} 年），管理员录入的年份未读取\n`);
    return shippedCalendar;
  }
}

function fail(message: string): number {
  process.stderr.write(`${message}\n${usage}`);
  return 2;
}

/** A readable month-by-month table of a year. */
export function formatYearTable(year: number, days: DayInfo[], notice: string | null): string {
  const lines: string[] = [];
  const working = days.filter((d) => d.working).length;
  lines.push(`${year} 年工作日历  ${notice ? `依据：${notice}` : '（放假安排尚未录入，按普通周末推算）'}`);
  lines.push(`全年工作日 ${working} 天。标记：休 = 节假日放假，班 = 调休上班；其余周一至周五上班、周六周日休息。`);
  for (let month = 1; month <= 12; month++) {
    const inMonth = days.filter((d) => Number(d.date.slice(5, 7)) === month);
    lines.push('', `${month} 月`, '一   二   三   四   五   六   日');
    // Monday-first grid: Sunday (0) goes to column 6.
    let row = '     '.repeat((weekday(inMonth[0]!.date) + 6) % 7);
    for (const d of inMonth) {
      const mark = d.name === undefined ? '  ' : d.working ? '班' : '休';
      row += `${String(Number(d.date.slice(8))).padStart(2)}${mark} `;
      if (weekday(d.date) === 0) {
        lines.push(row.trimEnd());
        row = '';
      }
    }
    if (row) lines.push(row.trimEnd());
  }
  const named: string[] = [];
  let run: DayInfo[] = [];
  const flush = () => {
    if (!run.length) return;
    const a = run[0]!;
    const b = run.at(-1)!;
    const span = a === b ? a.date.slice(5) : `${a.date.slice(5)} 至 ${b.date.slice(5)}`;
    // 至 is two columns wide on a terminal.
    named.push(`  ${span.padEnd(a === b ? 15 : 14)}${a.name!}${a.working ? '' : `（放假 ${run.length} 天）`}`);
    run = [];
  };
  for (const d of days) {
    if (d.name === undefined) {
      flush();
      continue;
    }
    const prev = run.at(-1);
    if (prev && (prev.name !== d.name || prev.working !== d.working)) flush();
    run.push(d);
  }
  flush();
  if (named.length) lines.push('', '放假与调休：', ...named);
  return lines.join('\n');
}

const yearSub = async (config: Config, positionals: string[], json: boolean): Promise<number> => {
  const [text] = positionals;
  if (!text || !/^\d{4}$/.test(text)) return fail(`年份应为四位数字，例如 2025（收到: ${text ?? '无'}）`);
  const year = Number(text);
  if (year < 1900 || year > 2200) return fail(`年份应在 1900–2200 之间（收到: ${text}）`);
  const calendar = await readCalendar(config);
  const { days, known, unknownYears } = yearDays(year, calendar);
  if (!known) process.stderr.write(`${unknownYearsWarning(unknownYears)}\n`);
  if (json) {
    process.stdout.write(`[\n${days.map((d) => JSON.stringify(d)).join(',\n')}\n]\n`);
  } else {
    const notice = calendar.schedules.find((s) => s.year === year)?.notice ?? null;
    process.stdout.write(`${formatYearTable(year, days, notice)}\n`);
  }
  return 0;
};

const addSub = async (config: Config, positionals: string[], explain: boolean): Promise<number> => {
  const [date, count] = positionals;
  if (!date || !isIsoDate(date)) return fail(`日期应为有效的 YYYY-MM-DD，例如 2025-09-26（收到: ${date ?? '无'}）`);
  if (!count || !/^\d{1,4}$/.test(count) || Number(count) < 1 || Number(count) > 1000) {
    return fail(`工作日数应为 1–1000 之间的整数（收到: ${count ?? '无'}）`);
  }
  const calendar = await readCalendar(config);
  const result = explainDeadline(date, Number(count), calendar);
  process.stdout.write(`${result.due}\n`);
  if (explain) process.stdout.write(`${result.text}\n`);
  else for (const w of result.warnings) process.stderr.write(`${w}\n`);
  return 0;
};

/** The `calendar` subcommand. */
export const calendarCommand: Command = async (config, args) => {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { json: { type: 'boolean' }, explain: { type: 'boolean' } }, allowPositionals: true });
  } catch {
    const unknown = args.find((a) => a.startsWith('-') && a !== '--json' && a !== '--explain');
    return fail(`参数有误${unknown ? `：未知选项 ${unknown}` : ''}（可用选项：--json、--explain）`);
  }
  const [sub, ...rest] = parsed.positionals;
  if (rest.length > 2 || (sub === 'year' && rest.length > 1)) return fail('参数过多');
  if (sub === 'year') return yearSub(config, rest, parsed.values.json === true);
  if (sub === 'add') return addSub(config, rest, parsed.values.explain === true);
  return fail(sub ? `未知的 calendar 子命令: ${sub}` : '缺少 calendar 子命令');
};
