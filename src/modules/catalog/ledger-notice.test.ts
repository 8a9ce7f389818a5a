/** 公示期 (notice periods) and the agency's 解读 limit and per-item 解读 flag in the ledger, on the working-day calendar (pure). */
import { describe, expect, it } from 'vitest';
import { announcedNoticeLength, computeLedger, entryStatusName, noticeEnd, noticeEntries, type LedgerDocument, type LedgerItem } from './ledger.ts';
import type { TimeRule } from './time-rule.ts';

const china = (s: string) => new Date(`${s}+08:00`);
type EventRule = Extract<TimeRule, { kind: 'event' }>;
const notice7: EventRule = { kind: 'event', unit: 'workingDays', limit: 7, noticeDays: 7 };
const notice5wd: EventRule = { kind: 'event', unit: 'workingDays', limit: 7, noticeDays: 5, noticeUnit: 'workingDays' };
const wd20: TimeRule = { kind: 'event', unit: 'workingDays', limit: 20 };
const item = (rule: TimeRule, needsInterpretation: boolean | null = null): LedgerItem => ({ id: 'i1', areaId: 'a1', areaName: '社会救助', level1: '最低生活保障', level2: '低保对象公示', rule, mode: 'proactive', needsInterpretation });
const doc = (over: Partial<LedgerDocument>): LedgerDocument => ({
  catalogItemId: 'i1',
  documentId: 'd1',
  title: '拟纳入低保对象名单',
  writtenOn: '2025-09-24',
  createdAt: china('2025-09-24T09:00:00'),
  // Fri 2025-09-26, the day before the 国庆 block (10-01..10-08 rest; 09-28 Sun and 10-11 Sat are working days).
  firstPublishedAt: china('2025-09-26T10:00:00'),
  ...over,
});
const later = china('2025-12-01T00:00:00');

describe('noticeEnd (民法典第二百零一、二百零三条)', () => {
  it('7 calendar days from 09-26 end on 10-03, a holiday: the period runs to the next working day 10-09', () => {
    expect(noticeEnd(notice7, '2025-09-26')).toBe('2025-10-09');
  });
  it('7 calendar days not ending on a rest day stay 7 days', () => {
    // Published Mon 2025-11-03: +7 = Mon 11-10.
    expect(noticeEnd(notice7, '2025-11-03')).toBe('2025-11-10');
  });
  it('5 working days over 国庆 count the make-up Saturday', () => {
    // From Tue 09-30: 10-09, 10-10, 10-11 (Sat, working), 10-13, 10-14.
    expect(noticeEnd(notice5wd, '2025-09-30')).toBe('2025-10-14');
  });
  it('no 公示期, no end', () => {
    expect(noticeEnd({ kind: 'event', unit: 'workingDays', limit: 7 }, '2025-09-26')).toBeNull();
  });
});

describe('公示 entries', () => {
  const run = (withdrawnAt: Date | null, now = later, rule: EventRule = notice7) => noticeEntries(rule, [doc({ withdrawnAt })], 2025, now);

  it('withdrawn one day before the end (10-08) is 公示期不足, with the dates', () => {
    const [e] = run(china('2025-10-08T16:00:00'));
    expect(e).toMatchObject({ kind: 'notice', from: '2025-09-26', dueDate: '2025-10-09', publishedOn: '2025-09-26', withdrawnOn: '2025-10-08', status: 'late' });
    expect(entryStatusName(e!)).toBe('公示期不足（2025-10-08撤下，应公示至2025-10-09）');
  });

  it('withdrawn during the last day is still short (the period ends at 24:00); from the next day on it is complete', () => {
    expect(run(china('2025-10-09T17:00:00'))[0]!.status).toBe('late');
    const [done] = run(china('2025-10-10T00:00:00'));
    expect(done).toMatchObject({ status: 'on_time', withdrawnOn: '2025-10-10' });
    expect(entryStatusName(done!)).toBe('公示期满');
    expect(run(null)[0]!.status).toBe('on_time');
  });

  it('while the 公示期 runs it is 公示中 (end date), pending and not in the rate', () => {
    const [e] = run(null, china('2025-10-05T10:00:00'));
    expect(e).toMatchObject({ status: 'due', workingDaysLeft: null });
    expect(entryStatusName(e!)).toBe('公示中（至2025-10-09）');
    const ledger = computeLedger([item(notice7)], [doc({})], { year: 2025, now: china('2025-10-05T10:00:00') });
    expect(ledger.total.counts).toEqual({ onTime: 1, late: 0, overdue: 0, due: 1 });
    expect(ledger.total.onTimeRate).toBe(1);
    // The publication is done: a running 公示 does not make the item 待公开.
    expect(ledger.rows[0]!.status).toBe('on_time');
  });

  it('公示期不足 counts as late: an on-time publication and a short notice make 50%', () => {
    const ledger = computeLedger([item(notice7)], [doc({ withdrawnAt: china('2025-10-08T16:00:00'), closed: true })], { year: 2025, now: later });
    expect(ledger.rows[0]!.entries.map((e) => [e.kind, e.status])).toEqual([
      ['publication', 'on_time'],
      ['notice', 'late'],
    ]);
    expect(ledger.rows[0]!.status).toBe('late');
    expect(ledger.total.onTimeRate).toBe(0.5);
  });

  it('a working-day 公示期: withdrawn on 10-13 (one working day early) is short, on 10-15 complete', () => {
    const pub = china('2025-09-30T10:00:00');
    expect(noticeEntries(notice5wd, [doc({ firstPublishedAt: pub, withdrawnAt: china('2025-10-13T09:00:00') })], 2025, later)[0]).toMatchObject({ dueDate: '2025-10-14', status: 'late' });
    expect(noticeEntries(notice5wd, [doc({ firstPublishedAt: pub, withdrawnAt: china('2025-10-15T09:00:00') })], 2025, later)[0]!.status).toBe('on_time');
  });

  it('unpublished documents, other years and rules without a 公示期 have no 公示 entry', () => {
    expect(noticeEntries(notice7, [doc({ firstPublishedAt: null })], 2025, later)).toEqual([]);
    expect(noticeEntries(notice7, [doc({})], 2024, later)).toEqual([]);
    expect(computeLedger([item(wd20)], [doc({})], { year: 2025, now: later }).rows[0]!.entries.some((e) => e.kind === 'notice')).toBe(false);
  });
});

describe('the 公示期 the document announces (noticeStartsOn / noticeEndsOn)', () => {
  // Published Mon 2025-11-03 10:00; the rule's 7 days end Mon 11-10.
  const nov = (over: Partial<LedgerDocument>) => doc({ writtenOn: '2025-11-01', firstPublishedAt: china('2025-11-03T10:00:00'), ...over });
  const one = (rule: TimeRule, d: LedgerDocument, now = later) => noticeEntries(rule, [d], 2025, now);

  it('counts the announced days from the day after publication (民法典第二百零一条) or the announced start if later', () => {
    expect(announcedNoticeLength(notice7, '2025-11-04', '2025-11-10', '2025-11-03')).toBe(7);
    expect(announcedNoticeLength(notice7, '2025-11-03', '2025-11-09', '2025-11-03')).toBe(6); // the publication day does not count
    expect(announcedNoticeLength(notice7, '2025-11-05', '2025-11-11', '2025-11-03')).toBe(7);
    expect(announcedNoticeLength(notice7, '2025-10-20', '2025-11-02', '2025-11-03')).toBe(0); // over before it was published
    // Working days from Tue 09-30: 10-09, 10-10, 10-11 (Sat, make-up), 10-13 = 4; to 10-14 = 5.
    expect(announcedNoticeLength(notice5wd, '2025-09-30', '2025-10-13', '2025-09-30')).toBe(4);
    expect(announcedNoticeLength(notice5wd, '2025-09-30', '2025-10-14', '2025-09-30')).toBe(5);
  });

  it('an announced end later than the rule\'s is the end: withdrawn before it is 公示期不足, still up 公示中 to it', () => {
    const long = { noticeStartsOn: '2025-11-04', noticeEndsOn: '2025-11-20' };
    const [early] = one(notice7, nov({ ...long, withdrawnAt: china('2025-11-15T10:00:00') }));
    expect(early).toMatchObject({ status: 'late', dueDate: '2025-11-20', ruleEnd: '2025-11-10', announcedTo: '2025-11-20', noticeShort: false });
    expect(entryStatusName(early!)).toBe('公示期不足（2025-11-15撤下，应公示至2025-11-20）');
    const [running] = one(notice7, nov(long), china('2025-11-12T10:00:00'));
    expect(running).toMatchObject({ status: 'due', dueDate: '2025-11-20' });
    expect(entryStatusName(running!)).toBe('公示中（至2025-11-20）');
    expect(one(notice7, nov({ ...long, withdrawnAt: china('2025-11-21T09:00:00') }))[0]!.status).toBe('on_time');
  });

  it('an announced end earlier than the rule\'s does not shorten it; a period of full length is not flagged', () => {
    // Announced 11-05..11-11 (7 days from a later start): the end is 11-11; the rule's 11-10 is earlier.
    const [later7] = one(notice7, nov({ noticeStartsOn: '2025-11-05', noticeEndsOn: '2025-11-11' }));
    expect(later7).toMatchObject({ dueDate: '2025-11-11', noticeShort: false, status: 'on_time' });
    // Announced 11-03..11-09 is 6 counted days: short, and the rule's 11-10 still applies.
    const [six] = one(notice7, nov({ noticeStartsOn: '2025-11-03', noticeEndsOn: '2025-11-09' }));
    expect(six).toMatchObject({ dueDate: '2025-11-10', noticeShort: true, noticeRequired: '7天' });
  });

  it('公示期短于规定: pending and 待公开 while it runs, late once over, both names when also withdrawn early', () => {
    const short = { noticeStartsOn: '2025-11-03', noticeEndsOn: '2025-11-07' };
    const running = computeLedger([item(notice7)], [nov(short)], { year: 2025, now: china('2025-11-05T10:00:00') });
    const e = running.rows[0]!.entries.find((x) => x.kind === 'notice')!;
    expect(e).toMatchObject({ status: 'due', noticeShort: true, dueDate: '2025-11-10' });
    expect(entryStatusName(e)).toBe('公示中（至2025-11-10）；公示期短于规定（公示2025-11-03至2025-11-07，规定不少于7天）');
    // Unlike a correct 公示, a short one asks for a correction: the row is not on time while it runs.
    expect(running.rows[0]!.status).toBe('due');

    const over = computeLedger([item(notice7)], [nov(short)], { year: 2025, now: later });
    const done = over.rows[0]!.entries.find((x) => x.kind === 'notice')!;
    expect(done.status).toBe('late');
    expect(entryStatusName(done)).toBe('公示期短于规定（公示2025-11-03至2025-11-07，规定不少于7天）');
    expect(over.total.onTimeRate).toBe(0.5); // the publication on time, the 公示 not

    const [both] = one(notice7, nov({ ...short, withdrawnAt: china('2025-11-08T10:00:00') }));
    expect(entryStatusName(both!)).toBe('公示期不足（2025-11-08撤下，应公示至2025-11-10）；公示期短于规定（公示2025-11-03至2025-11-07，规定不少于7天）');
    // Working-day rule: announced to 10-13 is 4 of the 5 working days.
    const [wd] = one(notice5wd, doc({ firstPublishedAt: china('2025-09-30T10:00:00'), noticeStartsOn: '2025-09-30', noticeEndsOn: '2025-10-13' }));
    expect(wd).toMatchObject({ noticeShort: true, noticeRequired: '5个工作日', dueDate: '2025-10-14', status: 'late' });
  });

  it('an item without a rule 公示期 (event or periodic) still holds a document to the 公示期 it announces; never short', () => {
    const announced = { noticeStartsOn: '2025-11-03', noticeEndsOn: '2025-11-12' };
    const [ev] = one(wd20, nov({ ...announced, withdrawnAt: china('2025-11-11T10:00:00') }));
    expect(ev).toMatchObject({ kind: 'notice', status: 'late', dueDate: '2025-11-12', ruleEnd: null, noticeShort: false, noticeRequired: null });
    const monthly: TimeRule = { kind: 'periodic', period: 'monthly', dueDay: 10 };
    const ledger = computeLedger([item(monthly)], [nov(announced)], { year: 2025, now: later });
    expect(ledger.rows[0]!.entries.filter((e) => e.kind === 'notice')).toMatchObject([{ status: 'on_time', dueDate: '2025-11-12' }]);
    // Without an announcement such items have no 公示 entry (as before).
    expect(one(wd20, nov({}))).toEqual([]);
  });
});

describe('政策解读: the agency limit and the item flag', () => {
  // A policy published Tue 2025-09-30 10:00 (国庆 follows).
  const policy = (firstInterpretedAt: Date | null, isPolicy = true) => doc({ title: '某某管理办法', writtenOn: '2025-09-15', firstPublishedAt: china('2025-09-30T10:00:00'), isPolicy, firstInterpretedAt });
  const interp = (rule: TimeRule, d: LedgerDocument, days: number | undefined, flag: boolean | null = null) =>
    computeLedger([item(rule, flag)], [d], { year: 2025, now: later, ...(days === undefined ? {} : { interpretationDays: days }) }).rows[0]!.entries.filter((e) => e.kind === 'interpretation');

  it('0 working days (同步): due the same day; a 解读 that evening is on time, one the next working day late', () => {
    expect(interp(wd20, policy(china('2025-09-30T18:00:00')), 0)).toMatchObject([{ dueDate: '2025-09-30', status: 'on_time' }]);
    expect(interp(wd20, policy(china('2025-10-09T09:00:00')), 0)).toMatchObject([{ dueDate: '2025-09-30', status: 'late' }]);
  });

  it('3 vs 5 (default) working days: a 解读 on 10-13 is late under 3 (due 10-11), on time under 5 (due 10-14)', () => {
    const d = policy(china('2025-10-13T09:00:00'));
    expect(interp(wd20, d, 3)).toMatchObject([{ dueDate: '2025-10-11', status: 'late' }]);
    expect(interp(wd20, d, 5)).toMatchObject([{ dueDate: '2025-10-14', status: 'on_time' }]);
    expect(interp(wd20, d, undefined)).toMatchObject([{ dueDate: '2025-10-14', status: 'on_time' }]);
  });

  it('flag null: by document type; true: every publication owes one; false: none', () => {
    expect(interp(wd20, policy(null), 5, null)).toHaveLength(1);
    expect(interp(wd20, policy(null, false), 5, null)).toHaveLength(0);
    expect(interp(wd20, policy(null, false), 5, true)).toMatchObject([{ status: 'overdue' }]);
    expect(interp(wd20, policy(null, true), 5, false)).toHaveLength(0);
    // An interpretation filed under a flagged item never owes an interpretation of itself.
    expect(interp(wd20, { ...policy(null, false), isInterpretation: true }, 5, true)).toHaveLength(0);
  });

  it('the row carries the flag', () => {
    expect(computeLedger([item(wd20, true)], [], { year: 2025, now: later }).rows[0]!.needsInterpretation).toBe(true);
    expect(computeLedger([item(wd20)], [], { year: 2025, now: later }).rows[0]!.needsInterpretation).toBeNull();
  });
});
