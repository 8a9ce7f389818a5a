import { describe, expect, it } from 'vitest';
import { shippedCalendar } from './calendar.ts';
import { checkYearSchedule, toYearSchedule, type YearScheduleInput } from './year-schedule.ts';

const valid: YearScheduleInput = {
  year: 2027,
  notice: '国务院办公厅关于2027年部分节假日安排的通知',
  days: [
    { date: '2027-01-01', working: false, name: '元旦' },
    { date: '2027-02-06', working: false, name: '春节' },
    { date: '2027-01-31', working: true },
    { date: '2027-02-20', working: true, name: '春节调休上班' },
  ],
};

const withDay = (day: YearScheduleInput['days'][number]): YearScheduleInput => ({ ...valid, days: [...valid.days, day] });

describe('checkYearSchedule', () => {
  it('accepts a valid schedule and sorts it, naming make-up days', () => {
    expect(checkYearSchedule(valid, shippedCalendar)).toEqual({});
    const s = toYearSchedule(valid);
    expect(s.days.map((d) => d.date)).toEqual(['2027-01-01', '2027-01-31', '2027-02-06', '2027-02-20']);
    expect(s.days[1]).toEqual({ date: '2027-01-31', working: true, name: '调休上班' });
    expect(s.source).toBe('admin');
  });

  it.each([
    ['a date outside the year and its neighbouring months', { date: '2027-03-40', working: false, name: '清明节' }, 'days.4.date', '格式不正确'],
    ['a date in the wrong year', { date: '2028-03-01', working: false, name: '清明节' }, 'days.4.date', '不属于 2027 年'],
    ['a date before the previous December', { date: '2026-11-30', working: false, name: '元旦' }, 'days.4.date', '不属于 2027 年'],
    ['a duplicate date', { date: '2027-01-01', working: false, name: '元旦' }, 'days.4.date', '重复'],
    ['a make-up day on a weekday', { date: '2027-02-03', working: true, name: '春节调休上班' }, 'days.4.working', '周三'],
    ['an unnamed rest day', { date: '2027-04-05', working: false }, 'days.4.name', '须注明节日名称'],
    ['a blank rest-day name', { date: '2027-04-05', working: false, name: '  ' }, 'days.4.name', '须注明节日名称'],
  ])('refuses %s', (_what, day, field, message) => {
    const problems = checkYearSchedule(withDay(day), shippedCalendar);
    expect(Object.keys(problems)).toEqual([field]);
    expect(problems[field]).toContain(message);
  });

  it('accepts the neighbouring December and January, but not a day another notice lists', () => {
    expect(checkYearSchedule(withDay({ date: '2028-01-01', working: false, name: '元旦' }), shippedCalendar)).toEqual({});
    expect(checkYearSchedule(withDay({ date: '2026-12-31', working: false, name: '元旦' }), shippedCalendar)).toEqual({});
    const p = checkYearSchedule(withDay({ date: '2026-12-01', working: false, name: '元旦' }), shippedCalendar);
    expect(p).toEqual({});
    const clash = checkYearSchedule({ ...valid, year: 2027, days: [...valid.days] }, { ...shippedCalendar, listed: new Map([['2027-01-01', { date: '2027-01-01', working: false, name: '元旦', scheduleYear: 2026 }]]) });
    expect(clash['days.0.date']).toContain('已列入 2026 年放假安排');
  });

  it('wants at least one rest day', () => {
    expect(checkYearSchedule({ ...valid, days: [{ date: '2027-01-31', working: true }] }, shippedCalendar).days).toContain('至少应有一个放假日');
  });
});
