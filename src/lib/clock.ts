/**
 * Time, injectable. Pure code takes `now` as a parameter; services ask this module so that
 * tests can pin the date.
 */
let override: Date | undefined;

/** Current time (or the pinned time in tests). */
export function now(): Date {
  return override ? new Date(override) : new Date();
}

/** Pins the clock (tests only); `undefined` releases it. */
export function setNow(d: Date | undefined): void {
  override = d;
}

/** The calendar date in China (UTC+8) as YYYY-MM-DD: 成文日期 and years follow Beijing time. */
export function chinaDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The calendar year in China (UTC+8). */
export function chinaYear(d: Date): number {
  return Number(chinaDate(d).slice(0, 4));
}
