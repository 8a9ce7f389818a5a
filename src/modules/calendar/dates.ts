/**
 * Calendar dates as plain 'YYYY-MM-DD' strings (dates in China, no time of day, no time
 * zone). Arithmetic runs on day numbers computed with Date.UTC, so the process time zone
 * never shifts a date. Pure code, no I/O.
 */

/** A calendar date written 'YYYY-MM-DD'. */
export type IsoDate = string;

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerDay = 86_400_000;

/** true when `s` is a real calendar date written 'YYYY-MM-DD' (2025-02-29 is not). */
export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string') return false;
  const m = isoPattern.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/** Days in month `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day number (days since 1970-01-01) of a date; throws RangeError on a malformed date. */
export function toDayNumber(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`不是有效的日期（应为 YYYY-MM-DD）: ${String(date)}`);
  const y = Number(date.slice(0, 4));
  const mo = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const ms = new Date(0).setUTCFullYear(y, mo - 1, d);
  return Math.round(ms / msPerDay);
}

/** The date of a day number. */
export function fromDayNumber(day: number): IsoDate {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

/** `date` moved by `days` calendar days (negative moves back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** true on Saturday and Sunday. */
export function isWeekend(date: IsoDate): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

/** The calendar year of a date. */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Chinese day-of-week name: 周一 … 周日. */
export function weekdayName(date: IsoDate): string {
  return `周${'日一二三四五六'[weekday(date)]!}`;
}

/** Every date of `year`, in order. */
export function datesOfYear(year: number): IsoDate[] {
  const first = toDayNumber(`${String(year).padStart(4, '0')}-01-01`);
  const last = toDayNumber(`${String(year).padStart(4, '0')}-12-31`);
  const out: IsoDate[] = [];
  for (let d = first; d <= last; d++) out.push(fromDayNumber(d));
  return out;
}
