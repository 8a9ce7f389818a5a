import { describe, expect, it } from 'vitest';
import { isWeekend, weekday } from '../dates.ts';
import { shippedCalendar, shippedSchedules } from '../calendar.ts';
import { dayInfo, isWorkingDay, yearDays } from '../working-days.ts';
import { shippedYears } from './holidays.ts';

const holidayNames = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节', '国庆节、中秋节', '中秋节、国庆节'];

describe('shipped holiday schedules (DOMAIN.md §5)', () => {
  it('covers every year 2020–2026, each citing its notice on gov.cn', () => {
    expect(shippedSchedules.map((s) => s.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    for (const s of shippedSchedules) {
      expect(s.notice).toContain(`关于${s.year}年部分节假日安排的通知`);
      expect(s.papers.length).toBeGreaterThan(0);
      for (const p of s.papers) expect(p).toMatch(/^https:\/\/www\.gov\.cn\/zhengce\/zhengceku\/.+content_\d+\.htm$/);
    }
    expect(shippedSchedules.find((s) => s.year === 2025)!.notice).toContain('国办发明电〔2024〕12号');
    expect(shippedSchedules.find((s) => s.year === 2020)!.notice).toContain('延长2020年春节假期');
    expect(shippedSchedules.find((s) => s.year === 2026)!.papers).toEqual(['https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm']);
  });

  it('names every rest day after its holiday and every make-up day …调休上班', () => {
    for (const s of shippedSchedules) {
      for (const d of s.days) {
        if (d.working) expect(d.name).toMatch(/调休上班$|^春节假期延长后上班$/);
        else expect(holidayNames).toContain(d.name);
      }
    }
  });

  it('lists make-up working days only on weekends (except 2020-02-03, the end of the extended 春节)', () => {
    const weekdayMakeUps = shippedSchedules.flatMap((s) => s.days.filter((d) => d.working && !isWeekend(d.date)).map((d) => d.date));
    expect(weekdayMakeUps).toEqual(['2020-02-03']);
  });

  it('lists every date once across all years, inside the year or the previous December', () => {
    const all = shippedSchedules.flatMap((s) => s.days.map((d) => d.date));
    expect(new Set(all).size).toBe(all.length);
    for (const s of shippedSchedules) for (const d of s.days) expect(d.date >= `${s.year - 1}-12-01` && d.date <= `${s.year}-12-31`).toBe(true);
  });

  it('transcribes the table: off-day and make-up counts per year', () => {
    const counts = Object.fromEntries(shippedSchedules.map((s) => [s.year, [s.days.filter((d) => !d.working).length, s.days.filter((d) => d.working).length]]));
    expect(counts).toEqual({
      2020: [1 + 10 + 3 + 5 + 3 + 8, 7],
      2021: [3 + 7 + 3 + 5 + 3 + 3 + 7, 7],
      2022: [3 + 7 + 3 + 5 + 3 + 3 + 7, 7],
      2023: [3 + 7 + 1 + 5 + 3 + 8, 7],
      2024: [1 + 8 + 3 + 5 + 1 + 3 + 7, 8],
      2025: [1 + 8 + 3 + 5 + 3 + 8, 5],
      2026: [3 + 9 + 3 + 5 + 3 + 3 + 7, 6],
    });
    expect(shippedYears.length).toBe(7);
  });

  it('gives the working days per year of DOMAIN.md §1.6 (holiday-cn calendar)', () => {
    const perYear = Object.fromEntries([2020, 2021, 2022, 2023, 2024, 2025, 2026].map((y) => [y, yearDays(y).days.filter((d) => d.working).length]));
    expect(perYear).toEqual({ 2020: 249, 2021: 250, 2022: 249, 2023: 249, 2024: 251, 2025: 248, 2026: 248 });
  });
});

describe('known facts', () => {
  it.each<[date: string, working: boolean, name: string | undefined]>([
    // 2025 national day: 10-01…10-08 off, 09-28 (Sun) and 10-11 (Sat) working
    ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d): [string, boolean, string] => [`2025-10-${d}`, false, '国庆节、中秋节']),
    ['2025-09-28', true, '国庆节、中秋节调休上班'],
    ['2025-10-11', true, '国庆节、中秋节调休上班'],
    ['2025-10-09', true, undefined],
    ['2025-10-12', false, undefined],
    // 2026 春节: 02-15…02-23 off, 02-14 and 02-28 (Sat) working
    ['2026-02-14', true, '春节调休上班'],
    ['2026-02-15', false, '春节'],
    ['2026-02-23', false, '春节'],
    ['2026-02-28', true, '春节调休上班'],
    ['2026-01-04', true, '元旦调休上班'],
    // 2024-02-04 (Sun) working
    ['2024-02-04', true, '春节调休上班'],
    ['2024-06-10', false, '端午节'],
    // 2022-12-31 (Sat) is 元旦 2023, listed in the 2023 notice
    ['2022-12-31', false, '元旦'],
    ['2023-01-02', false, '元旦'],
    // 2020: the extended 春节 and the day work resumed
    ['2020-02-01', false, '春节'],
    ['2020-02-03', true, '春节假期延长后上班'],
    ['2023-04-05', false, '清明节'],
    ['2021-09-18', true, '中秋节调休上班'],
    // ordinary weekends and weekdays
    ['2025-03-08', false, undefined],
    ['2025-03-09', false, undefined],
    ['2025-03-10', true, undefined],
    ['2024-07-17', true, undefined],
  ])('%s working=%s (%s)', (date, working, name) => {
    expect(isWorkingDay(date, shippedCalendar)).toBe(working);
    const info = dayInfo(date);
    expect(info.working).toBe(working);
    expect(info.name).toBe(name);
    expect(info.unknownYears).toBeUndefined();
  });

  it('treats a year without a schedule with plain weekends and flags it', () => {
    expect(dayInfo('2027-01-01')).toEqual({ date: '2027-01-01', working: true, unknownYears: [2027] });
    expect(dayInfo('2027-01-02')).toEqual({ date: '2027-01-02', working: false, unknownYears: [2027] });
    expect(weekday('2027-01-02')).toBe(6);
    expect(dayInfo('2019-10-01').unknownYears).toEqual([2019]);
  });
});
