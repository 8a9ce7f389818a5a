/**
 * The calendar object every working-day computation reads: the listed days (holidays and
 * 调休上班 days) of every year's schedule, and which years have a schedule at all. Built from
 * the shipped data and, in the running system, the years an administrator entered
 * (`loadCalendar` in calendar.service.ts). Pure code, no I/O.
 */
import { addDays, daysBetween, yearOf, type IsoDate } from './dates.ts';
import { shippedYears, type NoticeRef, type ShippedYear } from './data/holidays.ts';

/** One listed day of a schedule. `working: true` is a 调休上班 day, `false` a holiday rest day. */
export interface ScheduleDay {
  /** 'YYYY-MM-DD'. */
  date: IsoDate;
  /** true: a make-up working day (holiday-cn `isOffDay: false`); false: a rest day. */
  working: boolean;
  /** Holiday name (春节) or make-up name (春节调休上班). */
  name: string;
}

/** One year's schedule, as shipped or as an administrator entered it. */
export interface YearSchedule {
  /** The year of the notice's title; its days may include the previous December. */
  year: number;
  /** Citation of the notice(s): title, 文号, date. */
  notice: string;
  /** gov.cn pages of the notice(s), when known. */
  papers: string[];
  /** Listed days in date order. */
  days: ScheduleDay[];
  /** `shipped` with the software, `admin` entered through the API. */
  source: 'shipped' | 'admin';
}

/** A listed day with the year of the schedule that lists it. */
export interface ListedDay extends ScheduleDay {
  /** Year of the schedule (notice) the day comes from. */
  scheduleYear: number;
}

/** Everything the working-day arithmetic needs. Immutable once built. */
export interface Calendar {
  /** Schedules by year, ascending. */
  readonly schedules: readonly YearSchedule[];
  /** Years that have a schedule. */
  readonly knownYears: ReadonlySet<number>;
  /** Listed days of every schedule, by date. */
  readonly listed: ReadonlyMap<IsoDate, ListedDay>;
}

/** Builds a calendar. A later schedule for the same year replaces an earlier one; a date listed by two schedules takes the later year's entry. */
export function buildCalendar(schedules: readonly YearSchedule[]): Calendar {
  const byYear = new Map<number, YearSchedule>();
  for (const s of schedules) byYear.set(s.year, s);
  const sorted = [...byYear.values()].sort((a, b) => a.year - b.year);
  const listed = new Map<IsoDate, ListedDay>();
  for (const s of sorted) for (const d of s.days) listed.set(d.date, { ...d, scheduleYear: s.year });
  return { schedules: sorted, knownYears: new Set(sorted.map((s) => s.year)), listed };
}

/** "title（文号，date）", several notices joined by "；". */
export function noticeCitation(notices: readonly NoticeRef[]): string {
  return notices
    .map((n) => {
      const extra = [n.docNo, n.date].filter(Boolean).join('，');
      return extra ? `${n.title}（${extra}）` : n.title;
    })
    .join('；');
}

/** A shipped year's ranges expanded to one entry per day. */
export function expandShippedYear(y: ShippedYear): YearSchedule {
  const full = (d: string) => (d.length === 5 ? `${y.year}-${d}` : d);
  const days: ScheduleDay[] = [];
  for (const [from, to, name] of y.off) {
    const start = full(from);
    const n = daysBetween(start, full(to));
    for (let i = 0; i <= n; i++) days.push({ date: addDays(start, i), working: false, name });
  }
  for (const [date, name] of y.makeUp) days.push({ date: full(date), working: true, name });
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { year: y.year, notice: noticeCitation(y.notices), papers: y.notices.map((n) => n.paper), days, source: 'shipped' };
}

/** The schedules shipped with the software (2020–2026). */
export const shippedSchedules: readonly YearSchedule[] = shippedYears.map(expandShippedYear);

/** A calendar of the shipped schedules only. Services should prefer `loadCalendar(db)`, which adds the years an administrator entered. */
export const shippedCalendar: Calendar = buildCalendar(shippedSchedules);

/** true when `year` has a schedule in `calendar`. */
export function isKnownYear(year: number, calendar: Calendar): boolean {
  return calendar.knownYears.has(year);
}

/** The year a date's schedule would come from if it is unknown, else undefined. */
export function unknownYearOf(date: IsoDate, calendar: Calendar): number | undefined {
  const y = yearOf(date);
  return calendar.knownYears.has(y) ? undefined : y;
}
