/** The statutory clock: worked examples (DOMAIN.md §1.6), every rule, and invariants with fast-check. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addWorkingDays, explainDeadline, isWorkingDay, shippedCalendar, type IsoDate } from '../calendar/index.ts';
import { computeClock, type ClockEvent } from './clock.ts';

const cal = shippedCalendar;
const clock = (receivedOn: IsoDate, events: ClockEvent[] = [], today: IsoDate = receivedOn) => computeClock({ receivedOn, events, today, calendar: cal });

describe('reply deadline: 20 working days (条例第33条)', () => {
  it('收到 2025-09-26 → 第20个工作日 2025-10-30, with the calendar explanation', () => {
    const c = clock('2025-09-26');
    expect(c.dueOn).toBe('2025-10-30');
    expect(c.explanation).toBe(explainDeadline('2025-09-26', 20).explanation);
    expect(c.explanation).toBe('收到 2025-09-26；第1个工作日 09-28（调休上班）…；跳过 10-01 至 10-08 国庆节、中秋节；第20个工作日 2025-10-30');
    expect(c.correctionNoticeDueOn).toBe('2025-10-13');
    expect(c.phase).toBe('running');
    expect(c.workingDaysLeft).toBe(20);
    expect(c.lines.at(-2)).toContain('答复期限：收到 2025-09-26');
  });

  it.each([
    ['2026-02-10', '2026-03-16'], // 春节 2026 with the 02-14 and 02-28 make-up Saturdays
    ['2025-12-15', addWorkingDays('2025-12-15', 20).date], // year-end: carried into 2026 across 元旦
    ['2024-09-20', addWorkingDays('2024-09-20', 20).date],
  ])('收到 %s → %s', (received, due) => {
    expect(clock(received).dueOn).toBe(due);
  });

  it('春节 2026 is named in the explanation', () => {
    expect(clock('2026-02-10').explanation).toContain('跳过 02-15 至 02-23 春节');
  });

  it('year-end carry-over: the due date is in the next year and written in full', () => {
    const c = clock('2025-12-15');
    expect(c.dueOn!.startsWith('2026-01')).toBe(true);
    expect(c.explanation).toContain('跳过 2026-01-01 至 2026-01-03 元旦');
  });

  it('flags a deadline in a year without a schedule', () => {
    const c = clock('2026-12-20');
    expect(c.dueOn).toBe('2027-01-15');
    expect(c.unknownYears).toEqual([2027]);
    expect(c.warnings[0]).toContain('2027 年放假安排尚未录入');
    expect(c.lines[0]).toBe(c.warnings[0]);
  });

  it('counts down and turns overdue', () => {
    expect(clock('2025-09-26', [], '2025-10-29').workingDaysLeft).toBe(1);
    expect(clock('2025-09-26', [], '2025-10-30').workingDaysLeft).toBe(0);
    const late = clock('2025-09-26', [], '2025-11-03');
    expect(late.overdue).toBe(true);
    expect(late.workingDaysLeft).toBe(-2);
    expect(late.text).toContain('已超过答复期限 2 个工作日');
  });
});

describe('补正 (条例第30条)', () => {
  const asked: ClockEvent = { kind: 'correction_requested', on: '2025-09-29', data: { periodDays: 10 } };

  it('waits without a reply deadline, then restarts the 20 days from the correction', () => {
    const waiting = clock('2025-09-26', [asked], '2025-10-10');
    expect(waiting.phase).toBe('awaiting_correction');
    expect(waiting.dueOn).toBeNull();
    expect(waiting.correctionDeadline).toBe(addWorkingDays('2025-09-29', 10).date);
    expect(waiting.correctionNoticeLate).toBe(false);
    expect(waiting.correctionExpired).toBe(false);

    const c = clock('2025-09-26', [asked, { kind: 'correction_received', on: '2025-10-15' }], '2025-10-15');
    expect(c.start).toBe('2025-10-15');
    expect(c.startKind).toBe('correction_received');
    expect(c.dueOn).toBe(addWorkingDays('2025-10-15', 20).date);
    expect(c.explanation.startsWith('收到补正 2025-10-15；')).toBe(true);
    expect(c.text).toContain('答复期限自该日起重新计算');
  });

  it('a missed correction period makes the request eligible for 视为放弃 (其他处理1)', () => {
    const deadline = addWorkingDays('2025-09-29', 10).date;
    expect(clock('2025-09-26', [asked], deadline).correctionExpired).toBe(false);
    const c = clock('2025-09-26', [asked], addDays(deadline, 1));
    expect(c.correctionExpired).toBe(true);
    expect(c.text).toContain('其他处理1');
  });

  it('an explicit deadline date wins over the period', () => {
    expect(clock('2025-09-26', [{ kind: 'correction_requested', on: '2025-09-29', data: { deadlineOn: '2025-10-31' } }]).correctionDeadline).toBe('2025-10-31');
  });

  it('flags a correction notice sent after the 7th working day', () => {
    const c = clock('2025-09-26', [{ kind: 'correction_requested', on: '2025-10-14', data: { periodDays: 5 } }]);
    expect(c.correctionNoticeLate).toBe(true);
    expect(c.text).toContain('本次告知已逾期');
  });
});

describe('延期 (条例第33条第2款)', () => {
  it('one extension of 20 working days: 2025-09-26 → 2025-11-27', () => {
    const c = clock('2025-09-26', [{ kind: 'extension', on: '2025-10-28', data: { days: 20, approvedBy: '党政办主任张三', noticeOn: '2025-10-28' } }]);
    expect(c.dueOn).toBe('2025-11-27');
    expect(c.workingDays).toBe(40);
    expect(c.explanation).toContain('第40个工作日 2025-11-27');
    expect(c.text).toContain('经党政办主任张三同意延期 20 个工作日');
  });

  it('never counts more than 20 extension days in total', () => {
    const c = clock('2025-09-26', [
      { kind: 'extension', on: '2025-10-20', data: { days: 15 } },
      { kind: 'extension', on: '2025-10-21', data: { days: 15 } },
    ]);
    expect(c.extensionDays).toBe(20);
    expect(c.dueOn).toBe('2025-11-27');
  });
});

describe('征求意见 stops the clock (条例第32、33、34条)', () => {
  it('a third-party consultation across 国庆 2025: the paused working days are added back', () => {
    const events: ClockEvent[] = [
      { kind: 'consultation_started', on: '2025-09-26', data: { party: 'third_party' } },
      { kind: 'consultation_ended', on: '2025-10-13' },
    ];
    const c = clock('2025-09-15', events, '2025-10-13');
    // (09-26, 10-13]: 09-28 09-29 09-30 10-09 10-10 10-11 10-13 = 7 working days not counted
    expect(c.pauses[0]!.workingDays).toBe(7);
    expect(c.pauses[0]!.answerDueOn).toBe(addWorkingDays('2025-09-26', 15).date);
    expect(c.dueOn).toBe(addWorkingDays('2025-09-15', 27).date);
    expect(c.explanation).toContain('暂停 09-26 至 10-13 征求第三方意见（7个工作日不计入）');
    expect(c.explanation).toContain('跳过 10-01 至 10-08 国庆节、中秋节');
    expect(c.text).toContain('第33条第3款');
  });

  it('a consultation still out counts as ending today and the phase says paused', () => {
    const c = clock('2025-09-15', [{ kind: 'consultation_started', on: '2025-09-22', data: { party: 'organ' } }], '2025-09-25');
    expect(c.phase).toBe('paused');
    expect(c.pauses[0]!.workingDays).toBe(3);
    expect(c.dueOn).toBe(addWorkingDays('2025-09-15', 23).date);
    expect(c.text).toContain('征求其他机关意见（条例第34条');
  });
});

describe('信息处理费', () => {
  it('stops the clock from the notice to the payment', () => {
    const c = clock('2025-03-03', [
      { kind: 'fee_notice', on: '2025-03-10', data: { periodDays: 10 } },
      { kind: 'fee_paid', on: '2025-03-14' },
    ]);
    expect(c.pauses[0]!.workingDays).toBe(4);
    expect(c.dueOn).toBe(addWorkingDays('2025-03-03', 24).date);
    expect(c.feeDeadline).toBe(addWorkingDays('2025-03-10', 10).date);
  });

  it('unpaid after the deadline → eligible for 其他处理2', () => {
    const c = clock('2025-03-03', [{ kind: 'fee_notice', on: '2025-03-10', data: { periodDays: 5 } }], '2025-03-20');
    expect(c.feeExpired).toBe(true);
    expect(c.text).toContain('其他处理2');
  });
});

describe('closing', () => {
  it('a reply stops the clock and says whether it was in time', () => {
    const inTime = clock('2025-09-26', [{ kind: 'replied', on: '2025-10-30' }], '2025-12-01');
    expect(inTime.phase).toBe('closed');
    expect(inTime.overdue).toBe(false);
    expect(inTime.repliedLate).toBe(false);
    expect(inTime.text).toContain('在答复期限内');
    const late = clock('2025-09-26', [{ kind: 'replied', on: '2025-10-31' }], '2025-12-01');
    expect(late.repliedLate).toBe(true);
  });
});

// ---------------------------------------------------------------- properties

const dateArb = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2026, 10, 30) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
const pauseArb = fc.record({ offset: fc.integer({ min: 0, max: 40 }), length: fc.integer({ min: 0, max: 30 }), kind: fc.constantFrom('consultation', 'fee') });

function pauseEvents(received: IsoDate, p: { offset: number; length: number; kind: string }): ClockEvent[] {
  const from = addDays(received, p.offset);
  const to = addDays(from, p.length);
  return p.kind === 'fee'
    ? [
        { kind: 'fee_notice', on: from },
        { kind: 'fee_paid', on: to },
      ]
    : [
        { kind: 'consultation_started', on: from },
        { kind: 'consultation_ended', on: to },
      ];
}

describe('invariants', () => {
  it('the due date is always a working day after the start', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 20 }), fc.option(pauseArb), (received, ext, pause) => {
        const events: ClockEvent[] = [...(ext ? [{ kind: 'extension' as const, on: received, data: { days: ext } }] : []), ...(pause ? pauseEvents(received, pause) : [])];
        const c = clock(received, events, received);
        expect(isWorkingDay(c.dueOn!, cal)).toBe(true);
        expect(c.dueOn! > received).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('adding a stop never makes the due date earlier', () => {
    fc.assert(
      fc.property(dateArb, fc.array(pauseArb, { maxLength: 2 }), pauseArb, (received, pauses, extra) => {
        const base = pauses.flatMap((p) => pauseEvents(received, p));
        const a = clock(received, base, received).dueOn!;
        const b = clock(received, [...base, ...pauseEvents(received, extra)], received).dueOn!;
        expect(b >= a).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a later receipt never gives an earlier due date', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 30 }), (received, later) => {
        expect(clock(addDays(received, later)).dueOn! >= clock(received).dueOn!).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('the explanation names every skipped holiday run between the start and the due date', () => {
    fc.assert(
      fc.property(dateArb, fc.option(pauseArb), (received, pause) => {
        const c = clock(received, pause ? pauseEvents(received, pause) : [], received);
        // Every listed rest day in (start, due] lies in a reported run, and every run is in the text.
        for (let d = addDays(c.start, 1); d <= c.dueOn!; d = addDays(d, 1)) {
          const listed = cal.listed.get(d);
          if (listed && !listed.working) expect(c.skipped.some((s) => s.from <= d && d <= s.to && s.name === listed.name)).toBe(true);
        }
        for (const s of c.skipped) {
          expect(c.explanation).toContain(s.name);
          expect(c.explanation).toContain(`跳过 ${s.from.slice(0, 4) === c.start.slice(0, 4) ? s.from.slice(5) : s.from}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
