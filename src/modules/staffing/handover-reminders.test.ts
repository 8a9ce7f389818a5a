import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../calendar/index.ts';
import { selectHandoverReminders, type WaitingHandover } from './handover-reminders.ts';

const h: WaitingHandover = { id: 'h1', status: 'awaitingSuccessor', since: '2025-11-13', signerId: 'succ', initiatorId: 'admin', leaverName: '李离岗', signerName: '王接手' };
const at = (today: string, x: Partial<WaitingHandover> = {}) => selectHandoverReminders({ ...h, ...x }, today, shippedCalendar);

describe('selectHandoverReminders', () => {
  it('nothing on the day of the start; the signer after one working day, a new key each day', () => {
    expect(at('2025-11-13')).toEqual([]);
    const fri = at('2025-11-14');
    expect(fri).toHaveLength(1);
    expect(fri[0]).toMatchObject({ to: 'signer', userId: 'succ', kind: 'handover.remind_sign', link: '/handovers', dedupeKey: 'handover:h1:remind:awaitingSuccessor:2025-11-14', waited: 1 });
    expect(fri[0]!.body).toContain('李离岗的离岗交接');
    expect(at('2025-11-17')[0]!.dedupeKey).toBe('handover:h1:remind:awaitingSuccessor:2025-11-17');
  });

  it('no reminder on rest days; a start on Friday waits until Monday', () => {
    expect(at('2025-11-15')).toEqual([]);
    expect(at('2025-11-16')).toEqual([]);
    expect(at('2025-11-16', { since: '2025-11-14' })).toEqual([]);
    expect(at('2025-11-17', { since: '2025-11-14' })).toMatchObject([{ to: 'signer', waited: 1 }]);
  });

  it('the initiator after three working days, once per stage (the key has no day); holidays do not count', () => {
    expect(at('2025-11-17').map((r) => r.to)).toEqual(['signer']); // Thu → Mon: 2 working days
    const tue = at('2025-11-18');
    expect(tue.map((r) => r.to)).toEqual(['signer', 'initiator']);
    expect(tue[1]).toMatchObject({ userId: 'admin', kind: 'handover.stalled', dedupeKey: 'handover:h1:stalled:awaitingSuccessor', waited: 3 });
    expect(tue[1]!.body).toContain('王接手');
    expect(at('2025-11-19')[1]!.dedupeKey).toBe('handover:h1:stalled:awaitingSuccessor');
    // Started 2025-09-30 (Tue): 10-01…10-08 off, 10-09 Thu is 1, 10-10 Fri is 2, 10-11 Sat (调休上班) is 3.
    expect(at('2025-10-09', { since: '2025-09-30' }).map((r) => r.to)).toEqual(['signer']);
    expect(at('2025-10-11', { since: '2025-09-30' }).map((r) => r.to)).toEqual(['signer', 'initiator']);
  });

  it('awaiting approval: the approver, counted from the signature; an initiator who is the approver gets only the reminder', () => {
    const appr = { status: 'awaitingApproval' as const, since: '2025-11-17', signerId: 'head' };
    expect(at('2025-11-17', appr)).toEqual([]);
    expect(at('2025-11-18', appr)).toMatchObject([{ to: 'signer', userId: 'head', kind: 'handover.remind_approve', dedupeKey: 'handover:h1:remind:awaitingApproval:2025-11-18' }]);
    expect(at('2025-11-20', appr).map((r) => r.dedupeKey)).toEqual(['handover:h1:remind:awaitingApproval:2025-11-20', 'handover:h1:stalled:awaitingApproval']);
    expect(at('2025-11-20', { ...appr, initiatorId: 'head' }).map((r) => r.to)).toEqual(['signer']);
  });
});
