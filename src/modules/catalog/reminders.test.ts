import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../calendar/index.ts';
import type { LedgerEntry } from './ledger.ts';
import { ESCALATION_WORKING_DAYS, selectCatalogReminder, type ReminderItem } from './reminders.ts';

const item: ReminderItem = { id: 'i1', level1: '机构信息', level2: '领导信息', rule: { kind: 'event', unit: 'workingDays', limit: 20 } };
const hourItem: ReminderItem = { ...item, id: 'i2', rule: { kind: 'event', unit: 'hours', limit: 24 } };
const duty = { holderA: 'a', holderB: 'b' };
const none = { leaves: [], disabled: new Set<string>() };
/** 10:00 Beijing time on a China date. */
const at = (d: string) => new Date(`${d}T02:00:00Z`);

function entry(over: Partial<LedgerEntry>): LedgerEntry {
  return { kind: 'publication', period: null, documentId: 'd1', title: '某文件', from: '2025-10-15', dueDate: '2025-11-14', deadline: '2025-11-14T16:00:00.000Z', publishedOn: null, status: 'due', workingDaysLeft: 1, ...over };
}

describe('selectCatalogReminder', () => {
  it('reminds A one working day before the due date, not earlier, not once published', () => {
    const m = selectCatalogReminder(item, entry({}), duty, none, at('2025-11-13'), shippedCalendar);
    expect(m).toMatchObject({ stage: 'due_soon', userIds: ['a'], toAdmins: false });
    expect(m!.body).toContain('2025-11-14');
    expect(selectCatalogReminder(item, entry({ workingDaysLeft: 2 }), duty, none, at('2025-11-12'), shippedCalendar)).toBeNull();
    expect(selectCatalogReminder(item, entry({ status: 'on_time', workingDaysLeft: null }), duty, none, at('2025-11-13'), shippedCalendar)).toBeNull();
    expect(selectCatalogReminder(item, entry({ status: 'late', workingDaysLeft: null }), duty, none, at('2025-11-20'), shippedCalendar)).toBeNull();
  });

  it('goes to B when A is on leave or disabled, and to the admins when nobody holds the duty', () => {
    const leave = { leaves: [{ userId: 'a', startsOn: '2025-11-10', endsOn: '2025-11-14' }], disabled: new Set<string>() };
    expect(selectCatalogReminder(item, entry({}), duty, leave, at('2025-11-13'), shippedCalendar)).toMatchObject({ userIds: ['b'], toAdmins: false });
    expect(selectCatalogReminder(item, entry({}), duty, leave, at('2025-11-13'), shippedCalendar)!.reason).toContain('请假');
    expect(selectCatalogReminder(item, entry({}), duty, { leaves: [], disabled: new Set(['a']) }, at('2025-11-13'), shippedCalendar)).toMatchObject({ userIds: ['b'] });
    // Leave over: A again.
    expect(selectCatalogReminder(item, entry({}), duty, leave, at('2025-11-09'), shippedCalendar)!.userIds).toEqual(['a']);
    expect(selectCatalogReminder(item, entry({}), null, none, at('2025-11-13'), shippedCalendar)).toMatchObject({ userIds: [], toAdmins: true });
    expect(selectCatalogReminder(item, entry({}), duty, { leaves: [], disabled: new Set(['a', 'b']) }, at('2025-11-13'), shippedCalendar)).toMatchObject({ toAdmins: true });
  });

  it('hour rules remind within 24 hours of the deadline', () => {
    const e = entry({ dueDate: '2025-11-14', deadline: '2025-11-14T16:00:00.000Z', workingDaysLeft: 1 });
    expect(selectCatalogReminder(hourItem, e, duty, none, new Date('2025-11-13T17:00:00Z'), shippedCalendar)?.stage).toBe('due_soon');
    expect(selectCatalogReminder(hourItem, e, duty, none, new Date('2025-11-13T15:00:00Z'), shippedCalendar)).toBeNull();
  });

  it(`escalates to B ${ESCALATION_WORKING_DAYS} working days after the due date, across a weekend`, () => {
    const e = entry({ status: 'overdue', workingDaysLeft: null }); // due Friday 2025-11-14
    expect(selectCatalogReminder(item, e, duty, none, at('2025-11-15'), shippedCalendar)).toMatchObject({ stage: 'overdue', userIds: ['a'] });
    expect(selectCatalogReminder(item, e, duty, none, at('2025-11-17'), shippedCalendar)).toMatchObject({ stage: 'overdue', userIds: ['a'] });
    expect(selectCatalogReminder(item, e, duty, none, at('2025-11-18'), shippedCalendar)).toMatchObject({ stage: 'escalated', userIds: ['b'] });
  });

  it('escalates across the National Day holiday, and to the admins when B already held the duty', () => {
    const e = entry({ dueDate: '2025-09-30', deadline: '2025-09-30T16:00:00.000Z', status: 'overdue', workingDaysLeft: null });
    for (const d of ['2025-10-01', '2025-10-05', '2025-10-08', '2025-10-09']) expect(selectCatalogReminder(item, e, duty, none, at(d), shippedCalendar)?.stage).toBe('overdue');
    expect(selectCatalogReminder(item, e, duty, none, at('2025-10-10'), shippedCalendar)).toMatchObject({ stage: 'escalated', userIds: ['b'] });
    const leave = { leaves: [{ userId: 'a', startsOn: '2025-09-01', endsOn: '2025-12-31' }], disabled: new Set<string>() };
    expect(selectCatalogReminder(item, e, duty, leave, at('2025-10-09'), shippedCalendar)).toMatchObject({ stage: 'overdue', userIds: ['b'] });
    expect(selectCatalogReminder(item, e, duty, leave, at('2025-10-10'), shippedCalendar)).toMatchObject({ stage: 'escalated', toAdmins: true });
  });

  it('an agency escalation setting of 4 working days: still overdue to A on the 3rd, B on the 4th (body says 4)', () => {
    const e = entry({ status: 'overdue', workingDaysLeft: null }); // due Friday 2025-11-14
    expect(selectCatalogReminder(item, e, duty, none, at('2025-11-18'), shippedCalendar, 1)).toMatchObject({ stage: 'escalated', userIds: ['b'] });
    expect(selectCatalogReminder(item, e, duty, none, at('2025-11-19'), shippedCalendar, 4)).toMatchObject({ stage: 'overdue', userIds: ['a'] });
    const m = selectCatalogReminder(item, e, duty, none, at('2025-11-20'), shippedCalendar, 4);
    expect(m).toMatchObject({ stage: 'escalated', userIds: ['b'] });
    expect(m!.body).toContain('逾期已满 4 个工作日');
  });

  it('公示 entries are never reminded (nothing to publish; 公示中 / 公示期不足 are for the ledger)', () => {
    expect(selectCatalogReminder(item, entry({ kind: 'notice', status: 'due', workingDaysLeft: null }), duty, none, at('2025-11-14'), shippedCalendar)).toBeNull();
    expect(selectCatalogReminder(item, entry({ kind: 'notice', status: 'late', workingDaysLeft: null }), duty, none, at('2025-11-20'), shippedCalendar)).toBeNull();
  });

  it('dedupe keys are stable per entry and stage, new for a new due date or period', () => {
    const k = (e: LedgerEntry, d: string) => selectCatalogReminder(item, e, duty, none, at(d), shippedCalendar)!.dedupeKey;
    const due = entry({});
    const over = entry({ status: 'overdue', workingDaysLeft: null });
    expect(k(due, '2025-11-13')).toBe(k(due, '2025-11-13'));
    expect(k(over, '2025-11-17')).toBe(k(over, '2025-11-15'));
    expect(new Set([k(due, '2025-11-13'), k(over, '2025-11-17'), k(over, '2025-11-18')]).size).toBe(3);
    expect(k(entry({ dueDate: '2025-11-21' }), '2025-11-20')).not.toBe(k(due, '2025-11-13'));
    expect(k(entry({ documentId: null, period: '2025-10' }), '2025-11-13')).not.toBe(k(entry({ documentId: null, period: '2025-09' }), '2025-11-13'));
  });
});
