import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, datesOfYear, isIsoDate, weekday, weekdayName } from './dates.ts';

describe('dates', () => {
  it.each([
    ['2025-09-26', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-9-26', false],
    ['2025-09-26T00:00:00Z', false],
    ['', false],
  ])('isIsoDate(%j) = %s', (s, ok) => expect(isIsoDate(s)).toBe(ok));

  it('moves across months, years and leap days without time zones', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2025-09-26', '2025-10-30')).toBe(34);
  });

  it('knows the weekday', () => {
    expect(weekday('2025-09-26')).toBe(5);
    expect(weekdayName('2025-09-28')).toBe('周日');
    expect(weekdayName('2026-02-14')).toBe('周六');
  });

  it('lists every day of a year', () => {
    expect(datesOfYear(2024)).toHaveLength(366);
    expect(datesOfYear(2025)).toHaveLength(365);
  });
});
