import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../calendar/index.ts';
import { routeFeedbackReminder, selectFeedbackReminder, selectFeedbackStage, type FeedbackReminderInput } from './reminders.ts';

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

describe('selectFeedbackStage and routeFeedbackReminder (AB岗)', () => {
  const late = { ...f, dueOn: '2025-11-10' };
  const duty = { holderA: 'a', holderB: 'b' };
  const none = { duty: null, leaves: [], disabled: new Set<string>() };
  const staffed = { duty, leaves: [], disabled: new Set<string>() };
  const aAway = { duty, leaves: [{ userId: 'a', startsOn: '2025-11-13', endsOn: '2025-11-20' }], disabled: new Set<string>() };

  it('escalates two working days after the deadline, only when someone is responsible', () => {
    expect(selectFeedbackStage(late, '2025-11-11', shippedCalendar, true)?.stage).toBe('overdue');
    expect(selectFeedbackStage(late, '2025-11-12', shippedCalendar, true)).toMatchObject({ stage: 'escalated', dedupeKey: 'feedback:f1:escalated:2025-11-10' });
    expect(selectFeedbackStage(late, '2025-11-12', shippedCalendar, false)?.stage).toBe('overdue');
    // Over a weekend: due Friday 11-14, Monday is one working day late, Tuesday two.
    expect(selectFeedbackStage(f, '2025-11-17', shippedCalendar, true)?.stage).toBe('overdue');
    expect(selectFeedbackStage(f, '2025-11-18', shippedCalendar, true)?.stage).toBe('escalated');
  });

  it("follows the agency's escalationWorkingDays (catalog settings): 1 escalates the next working day, 5 waits a week", () => {
    expect(selectFeedbackStage(late, '2025-11-11', shippedCalendar, true, 1)).toMatchObject({ stage: 'escalated', body: expect.stringContaining('逾期已满 1 个工作日') });
    expect(selectFeedbackStage(late, '2025-11-14', shippedCalendar, true, 5)?.stage).toBe('overdue');
    expect(selectFeedbackStage(late, '2025-11-17', shippedCalendar, true, 5)).toMatchObject({ stage: 'escalated', body: expect.stringContaining('逾期已满 5 个工作日') });
  });

  it('without assignee and duty: everyone who answers, as before', () => {
    expect(routeFeedbackReminder('overdue', null, none, '2025-11-13')).toMatchObject({ to: 'answerers', userIds: [] });
  });

  it('the 承办人; the current holder when the 承办人 is away; the admins when nobody', () => {
    expect(routeFeedbackReminder('due_soon', 'a', staffed, '2025-11-13')).toMatchObject({ to: 'users', userIds: ['a'] });
    expect(routeFeedbackReminder('due_soon', 'a', aAway, '2025-11-13')).toMatchObject({ to: 'users', userIds: ['b'] });
    expect(routeFeedbackReminder('due_soon', null, staffed, '2025-11-13')).toMatchObject({ to: 'users', userIds: ['a'] });
    expect(routeFeedbackReminder('due_soon', 'a', { ...staffed, disabled: new Set(['a', 'b']) }, '2025-11-13')).toMatchObject({ to: 'admins', userIds: [] });
    expect(routeFeedbackReminder('overdue', 'c', none, '2025-11-13')).toMatchObject({ to: 'users', userIds: ['c'] });
  });

  it('escalation: A → B; B → A; B holding while A is away → the admins; a hand-picked 承办人 → the current holder', () => {
    expect(routeFeedbackReminder('escalated', 'a', staffed, '2025-11-13')).toMatchObject({ to: 'users', userIds: ['b'] });
    expect(routeFeedbackReminder('escalated', 'b', staffed, '2025-11-13')).toMatchObject({ to: 'users', userIds: ['a'] });
    expect(routeFeedbackReminder('escalated', 'b', aAway, '2025-11-13')).toMatchObject({ to: 'admins' });
    expect(routeFeedbackReminder('escalated', 'a', aAway, '2025-11-13')).toMatchObject({ to: 'admins' });
    expect(routeFeedbackReminder('escalated', 'c', staffed, '2025-11-13')).toMatchObject({ to: 'users', userIds: ['a'] });
    expect(routeFeedbackReminder('escalated', 'c', none, '2025-11-13')).toMatchObject({ to: 'admins' });
  });
});
