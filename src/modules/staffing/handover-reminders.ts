/**
 * Reminders of a handover waiting for a signature, pure. A handover in `awaitingSuccessor` waits
 * for the successor's 签收, one in `awaitingApproval` for the approver's 审批; the wait of the
 * current stage is counted in working days (calendar module: make-up days count, holidays do not)
 * from the China date the stage began (the start, or the successor's signature).
 *
 * - after {@link HANDOVER_REMIND_AFTER_WORKING_DAYS} working day the person who must sign is
 *   reminded, once a day (the dedupe key holds the day), on working days only;
 * - after {@link HANDOVER_STALLED_WORKING_DAYS} working days the initiator is told once per stage
 *   (so they can chase the signer, or cancel and start again with someone else) — unless the
 *   initiator is the signer (an agency with one administrator), who already gets the daily reminder.
 */
import { countWorkingDays, isWorkingDay, type Calendar, type IsoDate } from '../calendar/index.ts';

/** The person who must sign is reminded from this many working days of waiting on. */
export const HANDOVER_REMIND_AFTER_WORKING_DAYS = 1;
/** The initiator is told once the stage has waited this many working days. */
export const HANDOVER_STALLED_WORKING_DAYS = 3;

export type WaitingStatus = 'awaitingSuccessor' | 'awaitingApproval';

/** An open handover as the reminders see it. */
export interface WaitingHandover {
  id: string;
  status: WaitingStatus;
  /** China date the current stage began: the start (awaitingSuccessor) or the signature (awaitingApproval). */
  since: IsoDate;
  /** Who must sign now: the successor or the approver. */
  signerId: string;
  initiatorId: string;
  /** Display names for the text. */
  leaverName: string;
  signerName: string;
}

export interface HandoverReminder {
  /** `signer`: the daily reminder; `initiator`: the once-per-stage notice. */
  to: 'signer' | 'initiator';
  userId: string;
  kind: 'handover.remind_sign' | 'handover.remind_approve' | 'handover.stalled';
  title: string;
  body: string;
  /** Console path of the notification. */
  link: string;
  dedupeKey: string;
  /** Working days the stage has waited (for the audit row). */
  waited: number;
}

const stageName: Record<WaitingStatus, string> = { awaitingSuccessor: '签收', awaitingApproval: '审批' };

/** The reminders an open handover is due on `today` (empty on rest days and before one working day of waiting). */
export function selectHandoverReminders(h: WaitingHandover, today: IsoDate, calendar: Calendar): HandoverReminder[] {
  if (!isWorkingDay(today, calendar)) return [];
  const waited = countWorkingDays(h.since, today, calendar).count;
  if (waited < HANDOVER_REMIND_AFTER_WORKING_DAYS) return [];
  const about = `${h.leaverName}的离岗交接`;
  const stage = stageName[h.status];
  const out: HandoverReminder[] = [
    {
      to: 'signer',
      userId: h.signerId,
      kind: h.status === 'awaitingSuccessor' ? 'handover.remind_sign' : 'handover.remind_approve',
      title: `请尽快${stage}：${about}`,
      body: `${about}自 ${h.since} 起等待您${stage}，已 ${waited} 个工作日。请逐项核对交接清单后输入您的登录密码${stage}，或说明理由${h.status === 'awaitingSuccessor' ? '拒绝签收' : '驳回'}。`,
      link: '/handovers',
      dedupeKey: `handover:${h.id}:remind:${h.status}:${today}`,
      waited,
    },
  ];
  if (waited >= HANDOVER_STALLED_WORKING_DAYS && h.initiatorId !== h.signerId) {
    out.push({
      to: 'initiator',
      userId: h.initiatorId,
      kind: 'handover.stalled',
      title: `交接待${stage}已满 ${HANDOVER_STALLED_WORKING_DAYS} 个工作日：${h.leaverName}`,
      body: `您发起的${about}自 ${h.since} 起等待${h.signerName}${stage}，已 ${waited} 个工作日。请督促办理，必要时撤销后重新发起。`,
      link: '/posts?tab=handover',
      dedupeKey: `handover:${h.id}:stalled:${h.status}`,
      waited,
    });
  }
  return out;
}
