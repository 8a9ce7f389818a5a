import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../calendar/index.ts';
import { selectFeedbackReminder, type FeedbackReminderInput } from './reminders.ts';

const f: FeedbackReminderInput = { id: 'f1', kind: 'message', status: 'new', receivedOn: '2025-11-07', dueOn: '2025-11-14' };

describe('selectFeedbackReminder', () => {
  it('reminds one working day before, on the day and after the deadline; never when answered or rejected', () => {
    expect(selectFeedbackReminder(f, '2025-11-12', shippedCalendar)).toBeNull();
    expect(selectFeedbackReminder(f, '2025-11-13', shippedCalendar)).toMatchObject({ stage: 'due_soon' });
    expect(selectFeedbackReminder(f, '2025-11-14', shippedCalendar)!.body).toContain('今天是最后一天');
    expect(selectFeedbackReminder(f, '2025-11-17', shippedCalendar)).toMatchObject({ stage: 'overdue' });
    expect(selectFeedbackReminder({ ...f, status: 'answered' }, '2025-11-17', shippedCalendar)).toBeNull();
    expect(selectFeedbackReminder({ ...f, status: 'rejected' }, '2025-11-13', shippedCalendar)).toBeNull();
  });

  it('counts working days: a Monday deadline is reminded on the Friday before', () => {
    const mon = { ...f, dueOn: '2025-11-17' };
    expect(selectFeedbackReminder(mon, '2025-11-14', shippedCalendar)?.stage).toBe('due_soon');
    expect(selectFeedbackReminder(mon, '2025-11-13', shippedCalendar)).toBeNull();
  });

  it('one key per stage and deadline', () => {
    const a = selectFeedbackReminder(f, '2025-11-13', shippedCalendar)!.dedupeKey;
    expect(selectFeedbackReminder(f, '2025-11-14', shippedCalendar)!.dedupeKey).toBe(a);
    expect(selectFeedbackReminder(f, '2025-11-17', shippedCalendar)!.dedupeKey).not.toBe(a);
  });
});
