/**
 * Which deadline reminders a request is due (pure: clock, today and calendar passed in).
 * Reminders go to the handler and the backup (AB岗) when a deadline is within
 * {@link REMINDER_WORKING_DAYS} working days and again when it has passed:
 * - the reply deadline (条例第33条) while the clock runs (a paused clock's date is a projection
 *   that moves every day, so no reply reminder while paused — its fee deadline is reminded instead);
 * - the applicant's 补正 period (第30条: no correction in time → 视为放弃申请, 其他处理1);
 * - the payment period of a fee notice (国办函〔2020〕109号, [M] DOMAIN.md §1.5 → 其他处理2).
 * The dedupe key holds request, kind and deadline: a job run twice reminds once, and a new
 * deadline (extension, correction received) reminds anew.
 */
import { countWorkingDays, type Calendar, type IsoDate } from '../calendar/index.ts';
import type { RequestClock } from './clock.ts';

/** Remind this many working days before a deadline (and on every day up to it, once). */
export const REMINDER_WORKING_DAYS = 3;

export const reminderKinds = ['reply_due_soon', 'reply_overdue', 'correction_due_soon', 'correction_expired', 'fee_due_soon', 'fee_expired'] as const;
export type ReminderKind = (typeof reminderKinds)[number];

export interface ReminderRequest {
  id: string;
  trackingNo: string;
  receivedOn: IsoDate;
}

export interface Reminder {
  kind: ReminderKind;
  deadline: IsoDate;
  /** Working days from today to the deadline (negative once passed). */
  workingDaysLeft: number;
  dedupeKey: string;
  title: string;
  body: string;
}

const leftText = (left: number) => (left === 0 ? '今天是最后一天' : `还有 ${left} 个工作日`);

function text(kind: ReminderKind, r: ReminderRequest, deadline: IsoDate, left: number): { title: string; body: string } {
  const head = `受理编号 ${r.trackingNo}（收到日期 ${r.receivedOn}）`;
  switch (kind) {
    case 'reply_due_soon':
      return { title: `答复期限将至：${r.trackingNo}`, body: `${head}的答复期限为 ${deadline}，${leftText(left)}。请按时答复（条例第33条）；确需延期的，应经政府信息公开工作机构负责人同意并告知申请人。` };
    case 'reply_overdue':
      return { title: `已超过答复期限：${r.trackingNo}`, body: `${head}的答复期限 ${deadline} 已过（超过 ${-left} 个工作日），请尽快答复（条例第33条）。` };
    case 'correction_due_soon':
      return { title: `补正期限将至：${r.trackingNo}`, body: `${head}的申请人补正期限至 ${deadline}，${leftText(left)}。逾期未补正的，视为放弃申请（条例第30条）。` };
    case 'correction_expired':
      return { title: `补正期限已过：${r.trackingNo}`, body: `${head}的补正期限 ${deadline} 已过，申请人未补正的，可按视为放弃申请办结（条例第30条，其他处理1）。` };
    case 'fee_due_soon':
      return { title: `缴费期限将至：${r.trackingNo}`, body: `${head}的信息处理费缴费期限至 ${deadline}，${leftText(left)}。` };
    case 'fee_expired':
      return { title: `缴费期限已过：${r.trackingNo}`, body: `${head}的信息处理费缴费期限 ${deadline} 已过，申请人未缴费的，可按其他处理2办结。` };
  }
}

function reminder(kind: ReminderKind, r: ReminderRequest, deadline: IsoDate, left: number): Reminder {
  return { kind, deadline, workingDaysLeft: left, dedupeKey: `request:${r.id}:${kind}:${deadline}`, ...text(kind, r, deadline, left) };
}

/** The reminders a request is due today (at most one per deadline: soon, or passed). */
export function selectReminders(r: ReminderRequest, clock: RequestClock, today: IsoDate, calendar: Calendar): Reminder[] {
  if (clock.phase === 'closed') return [];
  const out: Reminder[] = [];
  const check = (deadline: IsoDate | null, soon: ReminderKind, passed: ReminderKind) => {
    if (!deadline) return;
    const left = countWorkingDays(today, deadline, calendar).count;
    if (today > deadline) out.push(reminder(passed, r, deadline, left));
    else if (left <= REMINDER_WORKING_DAYS) out.push(reminder(soon, r, deadline, left));
  };
  if (clock.phase === 'running') check(clock.dueOn, 'reply_due_soon', 'reply_overdue');
  if (clock.phase === 'awaiting_correction') check(clock.correctionDeadline, 'correction_due_soon', 'correction_expired');
  if (clock.pauses.some((p) => p.kind === 'fee' && p.to === null)) check(clock.feeDeadline, 'fee_due_soon', 'fee_expired');
  return out;
}
