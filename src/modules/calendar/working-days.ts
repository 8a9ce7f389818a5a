/**
 * Working-day arithmetic over a {@link Calendar}. Pure code, no I/O.
 *
 * 工作日 (DOMAIN.md §1.6): Monday to Friday unless a schedule lists the day as a rest day,
 * plus the 调休上班 days a schedule lists. Counting follows 《民法典》第二百零一条 ("开始的当日
 * 不计入"): day one is the first working day AFTER the start date, so a request received on a
 * Friday afternoon does not lose a day (条例第33条: 20 个工作日 "自收到申请之日起").
 *
 * A date in a year without a schedule is computed with plain weekends and reported in
 * `unknownYears`; nothing here throws because a year is missing.
 */
import { addDays, isWeekend, toDayNumber, fromDayNumber, yearOf, type IsoDate } from './dates.ts';
import { shippedCalendar, type Calendar } from './calendar.ts';

/** One day as the calendar sees it. */
export interface DayInfo {
  date: IsoDate;
  /** true on a working day. */
  working: boolean;
  /** Holiday or make-up name, only for days a schedule lists. */
  name?: string;
  /** Present when the date's year has no schedule: computed with plain weekends. */
  unknownYears?: number[];
}

/** A date computed by counting working days. */
export interface WorkingDayResult {
  date: IsoDate;
  /** Years without a schedule that the count passed through (empty when all were known). */
  unknownYears: number[];
}

/** A number of working days between two dates. */
export interface WorkingDayCount {
  count: number;
  /** Years without a schedule the count passed through. */
  unknownYears: number[];
}

/** true when `date` is a working day (plain weekends in a year without a schedule). */
export function isWorkingDay(date: IsoDate, calendar: Calendar = shippedCalendar): boolean {
  const listed = calendar.listed.get(date);
  return listed ? listed.working : !isWeekend(date);
}

/** The day's status and name; flags a year without a schedule. */
export function dayInfo(date: IsoDate, calendar: Calendar = shippedCalendar): DayInfo {
  const listed = calendar.listed.get(date);
  const info: DayInfo = { date, working: listed ? listed.working : !isWeekend(date) };
  if (listed) info.name = listed.name;
  const y = yearOf(date);
  if (!calendar.knownYears.has(y)) info.unknownYears = [y];
  return info;
}

/** Every day of a year. `known` is false (and `unknownYears` = [year]) when the year has no schedule. */
export function yearDays(year: number, calendar: Calendar = shippedCalendar): { year: number; known: boolean; days: DayInfo[]; unknownYears: number[] } {
  const days: DayInfo[] = [];
  const first = toDayNumber(`${String(year).padStart(4, '0')}-01-01`);
  const last = toDayNumber(`${String(year).padStart(4, '0')}-12-31`);
  for (let n = first; n <= last; n++) {
    const date = fromDayNumber(n);
    const listed = calendar.listed.get(date);
    days.push(listed ? { date, working: listed.working, name: listed.name } : { date, working: !isWeekend(date) });
  }
  const known = calendar.knownYears.has(year);
  return { year, known, days, unknownYears: known ? [] : [year] };
}

/** Collects unknown years while walking dates in order. */
class UnknownYears {
  private readonly years = new Set<number>();
  private lastYear = Number.NaN;
  constructor(private readonly calendar: Calendar) {}
  see(date: IsoDate): void {
    const y = yearOf(date);
    if (y === this.lastYear) return;
    this.lastYear = y;
    if (!this.calendar.knownYears.has(y)) this.years.add(y);
  }
  list(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`工作日数应为非负整数: ${String(n)}`);
}

/**
 * The date `n` working days after `start`: day one is the first working day after `start`
 * (收到之日不计入). `n = 0` gives `start` itself.
 */
export function addWorkingDays(start: IsoDate, n: number, calendar: Calendar = shippedCalendar): WorkingDayResult {
  checkCount(n);
  const unknown = new UnknownYears(calendar);
  let d = toDayNumber(start);
  let date = start;
  for (let counted = 0; counted < n; ) {
    date = fromDayNumber(++d);
    unknown.see(date);
    if (isWorkingDay(date, calendar)) counted++;
  }
  return { date, unknownYears: unknown.list() };
}

/**
 * Working days after `from` up to and including `to` (so
 * `countWorkingDays(d, addWorkingDays(d, n).date).count === n`); negative when `to` is before `from`.
 */
export function countWorkingDays(from: IsoDate, to: IsoDate, calendar: Calendar = shippedCalendar): WorkingDayCount {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  const unknown = new UnknownYears(calendar);
  let count = 0;
  for (let d = lo + 1; d <= hi; d++) {
    const date = fromDayNumber(d);
    unknown.see(date);
    if (isWorkingDay(date, calendar)) count++;
  }
  return { count: sign * count, unknownYears: unknown.list() };
}

/** One counted working day of a deadline. */
export interface DeadlineStep {
  /** 1 … n. */
  n: number;
  date: IsoDate;
  /** true on a 调休上班 day (a listed working day). */
  makeUp: boolean;
  /** The listed name, for a make-up day. */
  name?: string;
}

/** A run of holiday rest days the count passed over. */
export interface SkippedHoliday {
  from: IsoDate;
  to: IsoDate;
  name: string;
  /** Calendar days in the run. */
  days: number;
}

/** A deadline with its arithmetic shown. */
export interface DeadlineExplanation {
  received: IsoDate;
  /** Working days allowed. */
  workingDays: number;
  due: IsoDate;
  /** Every counted working day. */
  steps: DeadlineStep[];
  /** Holiday runs between receipt and the due date (ordinary weekends are not listed). */
  skipped: SkippedHoliday[];
  /** Years without a schedule the count passed through. */
  unknownYears: number[];
  /** Chinese warning lines, one per problem (empty when all years were known). */
  warnings: string[];
  /** The one-line Chinese explanation, e.g. 收到 2025-09-26；第1个工作日 09-28（调休上班）…；跳过 10-01 至 10-08 国庆节、中秋节；第20个工作日 2025-10-30. */
  explanation: string;
  /** Warnings (if any) followed by the explanation, one per line. */
  text: string;
}

/** The loud warning for years without a schedule. */
export function unknownYearsWarning(years: readonly number[]): string {
  return `注意：${years.join('、')} 年放假安排尚未录入，期限按普通周末推算，可能不准确`;
}

/** `n` (≥ 1) working days after `received`, with the steps and a Chinese explanation. */
export function explainDeadline(received: IsoDate, n: number, calendar: Calendar = shippedCalendar): DeadlineExplanation {
  checkCount(n);
  if (n < 1) throw new RangeError('期限至少为 1 个工作日');
  const unknown = new UnknownYears(calendar);
  const steps: DeadlineStep[] = [];
  const skipped: SkippedHoliday[] = [];
  let date = received;
  while (steps.length < n) {
    date = addDays(date, 1);
    unknown.see(date);
    const listed = calendar.listed.get(date);
    if (listed ? listed.working : !isWeekend(date)) {
      steps.push({ n: steps.length + 1, date, makeUp: !!listed, ...(listed ? { name: listed.name } : {}) });
    } else if (listed) {
      const prev = skipped.at(-1);
      if (prev && prev.name === listed.name && addDays(prev.to, 1) === date) {
        prev.to = date;
        prev.days++;
      } else skipped.push({ from: date, to: date, name: listed.name, days: 1 });
    }
  }
  const due = date;
  const unknownYears = unknown.list();
  const warnings = unknownYears.length ? [unknownYearsWarning(unknownYears)] : [];

  // Dates in the receipt's year are written MM-DD, the due date always in full.
  const short = (d: IsoDate) => (yearOf(d) === yearOf(received) ? d.slice(5) : d);
  const makeUpNote = (s: DeadlineStep) => (s.makeUp ? '（调休上班）' : '');
  const first = steps[0]!;
  const last = steps.at(-1)!;
  const events: Array<{ date: IsoDate; text: string }> = [];
  if (n > 1) events.push({ date: first.date, text: `第1个工作日 ${short(first.date)}${makeUpNote(first)}${n > 2 ? '…' : ''}` });
  for (const s of skipped) {
    events.push({ date: s.from, text: s.from === s.to ? `跳过 ${short(s.from)} ${s.name}` : `跳过 ${short(s.from)} 至 ${short(s.to)} ${s.name}` });
  }
  events.push({ date: last.date, text: `第${n}个工作日 ${last.date}${makeUpNote(last)}` });
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const explanation = [`收到 ${received}`, ...events.map((e) => e.text)].join('；');
  return { received, workingDays: n, due, steps, skipped, unknownYears, warnings, explanation, text: [...warnings, explanation].join('\n') };
}
