/**
 * Checks a year's schedule as an administrator enters it from a new State Council notice
 * (DOMAIN.md §5: usually published in November of the preceding year). Pure code, no I/O.
 */
import { isIsoDate, isWeekend, weekdayName, type IsoDate } from './dates.ts';
import type { Calendar, ScheduleDay, YearSchedule } from './calendar.ts';

/** A listed day as entered: `name` may be left out for a 调休上班 day. */
export interface YearDayInput {
  date: IsoDate;
  working: boolean;
  name?: string | undefined;
}

/** A year's schedule as entered. */
export interface YearScheduleInput {
  year: number;
  notice: string;
  days: YearDayInput[];
}

/** Name given to a make-up working day entered without one. */
export const defaultMakeUpName = '调休上班';

/**
 * Problems with `input`, keyed by field path (`days.3.date`) with a Chinese message each;
 * empty when the schedule is acceptable. `calendar` holds the other years' schedules, so a
 * date another notice already lists (e.g. a December day) is refused.
 */
export function checkYearSchedule(input: YearScheduleInput, calendar: Calendar): Record<string, string> {
  const problems: Record<string, string> = {};
  const { year } = input;
  // A notice may reach into the previous December (2022-12-31 in the 2023 notice) and, by
  // symmetry, the next January.
  const first = `${year - 1}-12-01`;
  const last = `${year + 1}-01-31`;
  const seen = new Map<IsoDate, number>();
  input.days.forEach((d, i) => {
    const at = `days.${i}`;
    if (!isIsoDate(d.date)) {
      problems[`${at}.date`] = `日期 ${String(d.date)} 格式不正确（应为 YYYY-MM-DD）`;
      return;
    }
    if (d.date < first || d.date > last) {
      problems[`${at}.date`] = `日期 ${d.date} 不属于 ${year} 年的放假安排（应在 ${first} 至 ${last} 之间）`;
      return;
    }
    const dup = seen.get(d.date);
    if (dup !== undefined) {
      problems[`${at}.date`] = `日期 ${d.date} 重复（与第 ${dup + 1} 项相同）`;
      return;
    }
    seen.set(d.date, i);
    const other = calendar.listed.get(d.date);
    if (other && other.scheduleYear !== year) {
      problems[`${at}.date`] = `日期 ${d.date} 已列入 ${other.scheduleYear} 年放假安排（${other.name}）`;
      return;
    }
    if (d.working && !isWeekend(d.date)) {
      problems[`${at}.working`] = `${d.date} 是${weekdayName(d.date)}，调休上班日应为周六或周日`;
    }
    if (!d.working && !d.name?.trim()) {
      problems[`${at}.name`] = `放假日 ${d.date} 须注明节日名称（如 元旦、春节）`;
    }
  });
  if (input.days.length > 0 && !input.days.some((d) => !d.working)) problems.days = '放假安排中至少应有一个放假日';
  return problems;
}

/** The accepted input as a schedule: names trimmed, make-up names defaulted, days in date order. */
export function toYearSchedule(input: YearScheduleInput, source: YearSchedule['source'] = 'admin'): YearSchedule {
  const days: ScheduleDay[] = input.days
    .map((d) => ({ date: d.date, working: d.working, name: d.name?.trim() || defaultMakeUpName }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { year: input.year, notice: input.notice.trim(), papers: [], days, source };
}
