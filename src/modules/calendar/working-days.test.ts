import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween, fromDayNumber, toDayNumber, yearOf } from './dates.ts';
import { buildCalendar, shippedCalendar, shippedSchedules } from './calendar.ts';
import { addWorkingDays, countWorkingDays, dayInfo, explainDeadline, isWorkingDay, yearDays } from './working-days.ts';

describe('addWorkingDays: day one is the first working day after the start (收到之日不计入)', () => {
  it.each([
    // DOMAIN.md §1.6 worked examples
    ['2025-09-26', 7, '2025-10-13'],
    ['2025-09-26', 20, '2025-10-30'],
    ['2025-09-26', 40, '2025-11-27'],
    ['2026-02-10', 20, '2026-03-16'],
    // day one after a Friday is the Monday; after a make-up Sunday the Monday
    ['2025-03-07', 1, '2025-03-10'],
    ['2025-09-28', 1, '2025-09-29'],
    // received inside a holiday: day one is the first day back
    ['2025-10-03', 1, '2025-10-09'],
    // day one is a make-up Sunday
    ['2025-09-26', 1, '2025-09-28'],
    // across the year: 2022-12-31 belongs to 元旦 2023
    ['2022-12-28', 5, '2023-01-05'],
    // the extended 春节 2020
    ['2020-01-23', 1, '2020-02-03'],
    // n = 0 is the start itself
    ['2025-10-01', 0, '2025-10-01'],
  ])('%s + %i → %s', (start, n, due) => {
    const r = addWorkingDays(start, n, shippedCalendar);
    expect(r).toEqual({ date: due, unknownYears: [] });
  });

  it('computes a year without a schedule with plain weekends and flags it', () => {
    expect(addWorkingDays('2026-12-20', 20)).toEqual({ date: '2027-01-15', unknownYears: [2027] });
    expect(addWorkingDays('2026-12-30', 1)).toEqual({ date: '2026-12-31', unknownYears: [] });
    expect(addWorkingDays('2019-12-30', 3)).toEqual({ date: '2020-01-03', unknownYears: [2019] });
  });

  it('uses a year an administrator added', () => {
    const cal = buildCalendar([
      ...shippedSchedules,
      { year: 2027, notice: '测试通知', papers: [], source: 'admin', days: [{ date: '2027-01-01', working: false, name: '元旦' }] },
    ]);
    expect(addWorkingDays('2026-12-31', 1, cal)).toEqual({ date: '2027-01-04', unknownYears: [] });
    expect(isWorkingDay('2027-01-01', cal)).toBe(false);
    expect(dayInfo('2027-01-01', cal)).toEqual({ date: '2027-01-01', working: false, name: '元旦' });
  });

  it('refuses a negative or fractional count and a malformed date', () => {
    expect(() => addWorkingDays('2025-01-01', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-01-01', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-02-30', 1)).toThrow(RangeError);
  });
});

describe('countWorkingDays', () => {
  it.each([
    ['2025-09-26', '2025-10-30', 20],
    ['2025-10-30', '2025-09-26', -20],
    ['2025-09-26', '2025-09-26', 0],
    ['2025-09-30', '2025-10-08', 0],
    ['2025-09-27', '2025-09-28', 1],
  ])('(%s, %s] has %i working days', (from, to, count) => {
    expect(countWorkingDays(from, to)).toEqual({ count, unknownYears: [] });
  });

  it('flags years without a schedule', () => {
    expect(countWorkingDays('2026-12-31', '2028-01-03').unknownYears).toEqual([2027, 2028]);
  });
});

describe('explainDeadline', () => {
  it('prints the 2025 national-day example exactly', () => {
    const e = explainDeadline('2025-09-26', 20);
    expect(e.text).toBe('收到 2025-09-26；第1个工作日 09-28（调休上班）…；跳过 10-01 至 10-08 国庆节、中秋节；第20个工作日 2025-10-30');
    expect(e.due).toBe('2025-10-30');
    expect(e.steps).toHaveLength(20);
    expect(e.steps.filter((s) => s.makeUp).map((s) => [s.n, s.date])).toEqual([
      [1, '2025-09-28'],
      [6, '2025-10-11'],
    ]);
    expect(e.skipped).toEqual([{ from: '2025-10-01', to: '2025-10-08', name: '国庆节、中秋节', days: 8 }]);
    expect(e.warnings).toEqual([]);
  });

  it.each([
    ['2026-02-10', 20, '收到 2026-02-10；第1个工作日 02-11…；跳过 02-15 至 02-23 春节；第20个工作日 2026-03-16'],
    ['2025-09-26', 1, '收到 2025-09-26；第1个工作日 2025-09-28（调休上班）'],
    ['2025-09-29', 2, '收到 2025-09-29；第1个工作日 09-30；跳过 10-01 至 10-08 国庆节、中秋节；第2个工作日 2025-10-09'],
    ['2025-09-30', 3, '收到 2025-09-30；跳过 10-01 至 10-08 国庆节、中秋节；第1个工作日 10-09…；第3个工作日 2025-10-11（调休上班）'],
    ['2022-12-28', 5, '收到 2022-12-28；第1个工作日 12-29…；跳过 12-31 至 2023-01-02 元旦；第5个工作日 2023-01-05'],
    ['2024-06-06', 3, '收到 2024-06-06；第1个工作日 06-07…；跳过 06-10 端午节；第3个工作日 2024-06-12'],
  ])('%s + %i', (received, n, text) => {
    expect(explainDeadline(received, n).text).toBe(text);
  });

  it('puts a loud warning line first when a year has no schedule', () => {
    const e = explainDeadline('2026-12-20', 20);
    expect(e.unknownYears).toEqual([2027]);
    expect(e.warnings).toEqual(['注意：2027 年放假安排尚未录入，期限按普通周末推算，可能不准确']);
    expect(e.text.split('\n')).toEqual(['注意：2027 年放假安排尚未录入，期限按普通周末推算，可能不准确', '收到 2026-12-20；第1个工作日 12-21…；第20个工作日 2027-01-15']);
  });

  it('needs at least one working day', () => {
    expect(() => explainDeadline('2025-01-01', 0)).toThrow(RangeError);
  });
});

describe('yearDays', () => {
  it('lists every day, with the previous notice year’s December entries', () => {
    const y2022 = yearDays(2022);
    expect(y2022.days).toHaveLength(365);
    expect(y2022.days.at(-1)).toEqual({ date: '2022-12-31', working: false, name: '元旦' });
    expect(yearDays(2024).days).toHaveLength(366);
    expect(yearDays(2027)).toMatchObject({ known: false, unknownYears: [2027] });
  });
});

// Properties. Dates are drawn as day numbers so every calendar day is equally likely.
const knownDate = fc.integer({ min: toDayNumber('2020-01-01'), max: toDayNumber('2026-12-31') }).map(fromDayNumber);
const anyDate = fc.integer({ min: toDayNumber('2018-06-01'), max: toDayNumber('2028-12-31') }).map(fromDayNumber);
const count = fc.integer({ min: 1, max: 60 });

describe('properties', () => {
  it('a computed due date is always a working day, after the start', () => {
    fc.assert(
      fc.property(anyDate, count, (d, n) => {
        const due = addWorkingDays(d, n).date;
        return isWorkingDay(due) && due > d;
      }),
    );
  });

  it('addWorkingDays(d, n) is strictly increasing in n', () => {
    fc.assert(fc.property(anyDate, fc.integer({ min: 0, max: 60 }), (d, n) => addWorkingDays(d, n + 1).date > addWorkingDays(d, n).date));
  });

  it('a due date never moves earlier when receipt moves later', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 30 }), count, (d, later, n) => {
        return addWorkingDays(fromDayNumber(toDayNumber(d) + later), n).date >= addWorkingDays(d, n).date;
      }),
    );
  });

  it('countWorkingDays(d, addWorkingDays(d, n)) === n', () => {
    fc.assert(fc.property(anyDate, fc.integer({ min: 0, max: 80 }), (d, n) => countWorkingDays(d, addWorkingDays(d, n).date).count === n));
  });

  it('20 working days after any 2020–2026 date land within 20–40 calendar days', () => {
    fc.assert(
      fc.property(knownDate, (d) => {
        const span = daysBetween(d, addWorkingDays(d, 20).date);
        return span >= 20 && span <= 40;
      }),
      { numRuns: 500 },
    );
  });

  it('flags exactly the years without a schedule between start and due date', () => {
    fc.assert(
      fc.property(anyDate, count, (d, n) => {
        const r = addWorkingDays(d, n);
        const expected: number[] = [];
        for (let y = yearOf(fromDayNumber(toDayNumber(d) + 1)); y <= yearOf(r.date); y++) if (y < 2020 || y > 2026) expected.push(y);
        expect(r.unknownYears).toEqual(expected);
      }),
    );
  });

  it('explainDeadline agrees with addWorkingDays and its steps are the working days in order', () => {
    fc.assert(
      fc.property(anyDate, count, (d, n) => {
        const e = explainDeadline(d, n);
        expect(e.due).toBe(addWorkingDays(d, n).date);
        expect(e.steps.map((s) => s.n)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
        for (const s of e.steps) expect(isWorkingDay(s.date)).toBe(true);
        for (const s of e.skipped) for (let x = toDayNumber(s.from); x <= toDayNumber(s.to); x++) expect(isWorkingDay(fromDayNumber(x))).toBe(false);
        expect(countWorkingDays(d, e.due).count).toBe(n);
      }),
      { numRuns: 200 },
    );
  });
});
