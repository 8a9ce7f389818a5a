import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeLedger, eventDeadline, onTimeRate, periodsOf, type LedgerDocument, type LedgerItem } from './ledger.ts';
import type { TimeRule } from './time-rule.ts';
import { isWorkingDay } from '../calendar/index.ts';

const china = (s: string) => new Date(`${s}+08:00`);
const item = (rule: TimeRule, id = 'i1'): LedgerItem => ({ id, areaId: 'a1', areaName: '社会救助', level1: '一级', level2: '二级', rule, mode: 'proactive' });
const doc = (over: Partial<LedgerDocument> & { documentId: string }): LedgerDocument => ({
  catalogItemId: 'i1',
  title: over.documentId,
  writtenOn: null,
  createdAt: china('2025-01-01T09:00:00'),
  firstPublishedAt: null,
  ...over,
});
const wd20: TimeRule = { kind: 'event', unit: 'workingDays', limit: 20 };

describe('eventDeadline', () => {
  it.each<[string, TimeRule, string, string]>([
    // DOMAIN.md §1.6 worked examples: the national-day block and 调休 Sundays count.
    ['20 WD over 国庆', wd20, '2025-09-26', '2025-10-30'],
    ['20 WD over 春节', wd20, '2026-02-10', '2026-03-16'],
    ['7 WD', { kind: 'event', unit: 'workingDays', limit: 7 }, '2025-09-26', '2025-10-13'],
    ['24 h: end of the next day', { kind: 'event', unit: 'hours', limit: 24 }, '2025-05-01', '2025-05-02'],
    ['48 h', { kind: 'event', unit: 'hours', limit: 48 }, '2025-05-01', '2025-05-03'],
  ])('%s', (_n, rule, formed, due) => {
    expect(eventDeadline(rule as Extract<TimeRule, { kind: 'event' }>, formed).dueDate).toBe(due);
  });
});

describe('periodsOf', () => {
  it('monthly due dates move off rest days (民法典第二百零三条)', () => {
    const p = periodsOf({ kind: 'periodic', period: 'monthly', dueDay: 10 }, 2025);
    expect(p).toHaveLength(12);
    // 2025-05-10 is a Saturday: next working day Monday 05-12.
    expect(p[3]).toMatchObject({ period: '2025-04', start: '2025-04-01', dueDate: '2025-05-12' });
    // December's report is due in January of the next year.
    expect(p[11]!.dueDate.startsWith('2026-01')).toBe(true);
  });
  it('quarterly and yearly', () => {
    expect(periodsOf({ kind: 'periodic', period: 'quarterly', dueDay: 15 }, 2025).map((p) => p.dueDate)).toEqual(['2025-04-15', '2025-07-15', '2025-10-15', '2026-01-15']);
    expect(periodsOf({ kind: 'periodic', period: 'yearly', dueMonth: 1, dueDay: 31 }, 2025)[0]!.dueDate).toBe('2026-02-02');
  });
});

describe('computeLedger: event-driven items', () => {
  const now = china('2025-11-20T12:00:00');
  const ledger = computeLedger(
    [item(wd20)],
    [
      doc({ documentId: 'on-time', writtenOn: '2025-09-26', firstPublishedAt: china('2025-10-30T23:00:00') }),
      doc({ documentId: 'late', writtenOn: '2025-09-26', firstPublishedAt: china('2025-10-31T08:00:00') }),
      doc({ documentId: 'overdue', writtenOn: '2025-09-26' }),
      doc({ documentId: 'due', writtenOn: '2025-11-10' }),
      doc({ documentId: 'other-year', writtenOn: '2024-12-01', firstPublishedAt: china('2025-01-05T10:00:00') }),
      doc({ documentId: 'closed', writtenOn: '2025-03-01', closed: true }),
    ],
    { year: 2025, now },
  );
  const row = ledger.rows[0]!;
  it.each([
    ['on-time', 'on_time'],
    ['late', 'late'],
    ['overdue', 'overdue'],
    ['due', 'due'],
  ])('%s → %s', (id, status) => {
    expect(row.entries.find((e) => e.documentId === id)?.status).toBe(status);
  });
  it('leaves out other years and closed drafts; counts and rates', () => {
    expect(row.entries).toHaveLength(4);
    expect(row.status).toBe('overdue');
    expect(row.counts).toEqual({ onTime: 1, late: 1, overdue: 1, due: 1 });
    expect(ledger.total.onTimeRate).toBeCloseTo(1 / 3);
    expect(ledger.areas[0]).toMatchObject({ areaName: '社会救助', onTimeRate: 1 / 3 });
    expect(row.entries.find((e) => e.documentId === 'due')!.workingDaysLeft).toBeGreaterThan(0);
  });
  it('a 依申请 item is not in the ledger', () => {
    expect(computeLedger([{ ...item(wd20), mode: 'request' }], [], { year: 2025, now }).rows).toEqual([]);
  });
});

describe('computeLedger: periodic items', () => {
  const rule: TimeRule = { kind: 'periodic', period: 'quarterly', dueDay: 15 };
  it('matches each period with a publication; missing ones are overdue or due', () => {
    const ledger = computeLedger(
      [item(rule)],
      [
        doc({ documentId: 'q4-2024', firstPublishedAt: china('2025-01-10T10:00:00') }),
        doc({ documentId: 'q1', firstPublishedAt: china('2025-04-03T10:00:00') }),
        doc({ documentId: 'q2-late', firstPublishedAt: china('2025-07-20T10:00:00') }),
      ],
      { year: 2025, now: china('2025-10-10T10:00:00') },
    );
    const e = ledger.rows[0]!.entries;
    expect(e.map((x) => [x.period, x.status, x.documentId])).toEqual([
      ['2025-Q1', 'on_time', 'q1'],
      ['2025-Q2', 'late', 'q2-late'],
      ['2025-Q3', 'due', null],
      ['2025-Q4', 'due', null],
    ]);
    const later = computeLedger([item(rule)], [], { year: 2025, now: china('2025-10-16T10:00:00') });
    expect(later.rows[0]!.entries.map((x) => x.status)).toEqual(['overdue', 'overdue', 'overdue', 'due']);
  });
  it('periods not yet started are not listed', () => {
    const ledger = computeLedger([item({ kind: 'periodic', period: 'monthly', dueDay: 10 })], [], { year: 2025, now: china('2025-03-05T10:00:00') });
    expect(ledger.rows[0]!.entries.map((x) => x.period)).toEqual(['2025-01', '2025-02', '2025-03']);
  });
});

describe('properties', () => {
  const day = fc.integer({ min: 0, max: 364 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const rule = fc.oneof(
    fc.record({ kind: fc.constant('event' as const), unit: fc.constantFrom('workingDays' as const, 'hours' as const), limit: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('periodic' as const), period: fc.constantFrom('monthly' as const, 'quarterly' as const, 'yearly' as const), dueDay: fc.integer({ min: 1, max: 31 }) }),
  ) as fc.Arbitrary<TimeRule>;
  const docs = fc.array(
    fc.record({ written: day, delayHours: fc.option(fc.integer({ min: 0, max: 24 * 90 }), { nil: null }) }),
    { maxLength: 12 },
  );
  const build = (ds: Array<{ written: string; delayHours: number | null }>) =>
    ds.map((d, i) => doc({ documentId: `d${i}`, writtenOn: d.written, firstPublishedAt: d.delayHours === null ? null : new Date(china(`${d.written}T00:00:00`).getTime() + d.delayHours * 3_600_000) }));

  it('the on-time rate is within [0, 1] (or null) and counts add up', () => {
    fc.assert(
      fc.property(rule, docs, day, (r, ds, today) => {
        const l = computeLedger([item(r)], build(ds), { year: 2025, now: china(`${today}T12:00:00`) });
        const rate = l.total.onTimeRate;
        expect(rate === null || (rate >= 0 && rate <= 1)).toBe(true);
        const c = l.total.counts;
        expect(c.onTime + c.late + c.overdue + c.due).toBe(l.rows[0]!.entries.length);
        expect(onTimeRate(c)).toBe(rate);
      }),
    );
  });

  it('publishing an event-driven item earlier never makes it late', () => {
    const eventRule = fc.record({ kind: fc.constant('event' as const), unit: fc.constantFrom('workingDays' as const, 'hours' as const), limit: fc.integer({ min: 1, max: 40 }) });
    fc.assert(
      fc.property(eventRule, day, fc.integer({ min: 0, max: 24 * 90 }), fc.integer({ min: 0, max: 24 * 90 }), (r, written, a, b) => {
        const [early, late] = a < b ? [a, b] : [b, a];
        const status = (h: number) =>
          computeLedger([item(r)], build([{ written, delayHours: h }]), { year: 2025, now: china('2026-06-01T00:00:00') }).rows[0]!.entries[0]!.status;
        if (status(late) === 'on_time') expect(status(early)).toBe('on_time');
      }),
    );
  });

  it('every due date of a working-day or periodic rule is a working day after its start', () => {
    const periodic = fc.record({ kind: fc.constant('periodic' as const), period: fc.constantFrom('monthly' as const, 'quarterly' as const, 'yearly' as const), dueDay: fc.integer({ min: 1, max: 31 }), dueMonth: fc.integer({ min: 1, max: 12 }) });
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 40 }), periodic, (d, n, p) => {
        const due = eventDeadline({ kind: 'event', unit: 'workingDays', limit: n }, d).dueDate;
        expect(isWorkingDay(due)).toBe(true);
        expect(due > d).toBe(true);
        for (const period of periodsOf(p, 2025)) {
          expect(isWorkingDay(period.dueDate)).toBe(true);
          expect(period.dueDate > period.end).toBe(true);
        }
      }),
    );
  });
});
