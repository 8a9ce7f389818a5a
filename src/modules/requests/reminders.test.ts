/** Which deadline reminders are due: reply, 补正 and fee periods, with the shipped calendar (国庆 2025, 调休). */
import { describe, expect, it } from 'vitest';
import { addWorkingDays, shippedCalendar as cal, type IsoDate } from '../calendar/index.ts';
import { computeClock, type ClockEvent } from './clock.ts';
import { REMINDER_WORKING_DAYS, selectReminders } from './reminders.ts';

const req = { id: 'r1', trackingNo: '2025-0007', receivedOn: '2025-09-05' };
const due = (receivedOn: IsoDate, today: IsoDate, events: ClockEvent[] = []) =>
  selectReminders({ ...req, receivedOn }, computeClock({ receivedOn, events, today, calendar: cal }), today, cal);

describe('reply deadline reminders (条例第33条)', () => {
  it('received 2025-09-05 is due 2025-10-10, after the 国庆 holiday', () => {
    expect(computeClock({ receivedOn: '2025-09-05', events: [], today: '2025-09-05', calendar: cal }).dueOn).toBe('2025-10-10');
  });

  it('nothing while more than 3 working days are left (09-26: 09-28 make-up, 09-29, 09-30, 10-09, 10-10)', () => {
    expect(due('2025-09-05', '2025-09-26')).toEqual([]);
  });

  it('due soon on 09-30 although 10 calendar days remain: the holiday does not count', () => {
    const [m, ...rest] = due('2025-09-05', '2025-09-30');
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ kind: 'reply_due_soon', deadline: '2025-10-10', workingDaysLeft: 2, dedupeKey: 'request:r1:reply_due_soon:2025-10-10' });
    expect(m!.title).toBe('答复期限将至：2025-0007');
    expect(m!.body).toContain('受理编号 2025-0007');
    expect(m!.body).toContain('答复期限为 2025-10-10，还有 2 个工作日');
  });

  it('during the holiday the same reminder (same dedupe key) is selected: a job run daily notifies once', () => {
    expect(due('2025-09-05', '2025-10-05').map((m) => m.dedupeKey)).toEqual(['request:r1:reply_due_soon:2025-10-10']);
  });

  it('on the last day: 今天是最后一天', () => {
    const [m] = due('2025-09-05', '2025-10-10');
    expect(m).toMatchObject({ kind: 'reply_due_soon', workingDaysLeft: 0 });
    expect(m!.body).toContain('今天是最后一天');
  });

  it('overdue the day after, counted in working days (10-11 is a 调休 working Saturday)', () => {
    const [m] = due('2025-09-05', '2025-10-13');
    expect(m).toMatchObject({ kind: 'reply_overdue', deadline: '2025-10-10', workingDaysLeft: -2, dedupeKey: 'request:r1:reply_overdue:2025-10-10' });
    expect(m!.title).toBe('已超过答复期限：2025-0007');
    expect(m!.body).toContain('超过 2 个工作日');
  });

  it('exactly at the threshold and one day before it', () => {
    expect(REMINDER_WORKING_DAYS).toBe(3);
    expect(addWorkingDays('2025-10-27', 3, cal).date).toBe('2025-10-30');
    // 3 working days before 2025-10-30 (received 2025-09-26) is 10-27; 10-24 is 4.
    expect(due('2025-09-26', '2025-10-27')[0]).toMatchObject({ kind: 'reply_due_soon', workingDaysLeft: 3 });
    expect(due('2025-09-26', '2025-10-24')).toEqual([]);
  });

  it('an extension moves the deadline: a new dedupe key, so the handler is reminded again', () => {
    const ext: ClockEvent = { kind: 'extension', on: '2025-09-29', data: { days: 5, approvedBy: '主任', noticeOn: '2025-09-29' } };
    expect(due('2025-09-05', '2025-09-30', [ext])).toEqual([]);
    const [m] = due('2025-09-05', '2025-10-15', [ext]);
    expect(m!.deadline).toBe('2025-10-16'); // 10-10 + 5: 10-11 (调休), 13, 14, 15, 16
    expect(m!.dedupeKey).toBe('request:r1:reply_due_soon:2025-10-16');
  });

  it('no reminders once replied, and none for the reply while a consultation stops the clock', () => {
    expect(due('2025-09-05', '2025-10-13', [{ kind: 'replied', on: '2025-10-09', data: { outcome: 'granted' } }])).toEqual([]);
    expect(due('2025-09-05', '2025-10-13', [{ kind: 'consultation_started', on: '2025-09-10', data: { party: 'third_party' } }])).toEqual([]);
  });
});

describe('补正 and fee periods', () => {
  const asked: ClockEvent = { kind: 'correction_requested', on: '2025-09-29', data: { periodDays: 5 } };
  // 5 working days from 09-29: 09-30, 10-09, 10-10, 10-11 (调休), 10-13.
  it('the applicant’s 补正 deadline is reminded before and after it passes (条例第30条)', () => {
    expect(due('2025-09-26', '2025-09-29', [asked])).toEqual([]);
    expect(due('2025-09-26', '2025-10-08', [asked])).toEqual([]); // 4 working days left
    const [soon] = due('2025-09-26', '2025-10-09', [asked]);
    expect(soon).toMatchObject({ kind: 'correction_due_soon', deadline: '2025-10-13', workingDaysLeft: 3 });
    expect(soon!.body).toContain('视为放弃申请');
    const [passed] = due('2025-09-26', '2025-10-14', [asked]);
    expect(passed).toMatchObject({ kind: 'correction_expired', deadline: '2025-10-13' });
  });

  it('an unpaid fee notice is reminded; the reply clock is paused meanwhile', () => {
    const fee: ClockEvent = { kind: 'fee_notice', on: '2025-09-29', data: { amount: 100, periodDays: 3 } };
    const [soon, ...rest] = due('2025-09-26', '2025-09-30', [fee]);
    expect(rest).toEqual([]);
    expect(soon).toMatchObject({ kind: 'fee_due_soon', deadline: '2025-10-10', workingDaysLeft: 2 });
    expect(due('2025-09-26', '2025-10-13', [fee])[0]).toMatchObject({ kind: 'fee_expired' });
    expect(due('2025-09-26', '2025-10-13', [fee, { kind: 'fee_paid', on: '2025-10-09' }]).map((m) => m.kind)).not.toContain('fee_expired');
  });
});
