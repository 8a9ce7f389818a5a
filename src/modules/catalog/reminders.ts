/**
 * 更新提醒 of the timeliness ledger, pure: which reminders a ledger entry is due and to whom
 * (AB岗: the current holder of the item's duty — A, or B while A is on leave or disabled —,
 * then B as escalation; the agency's administrators when nobody holds the duty). No I/O: the
 * entry, the duty, leave records, disabled accounts, `now` and the calendar are passed in.
 *
 * Stages, each reminded once (the dedupe key holds item, entry, due date and stage):
 * - `due_soon`: not yet published and the deadline is within {@link DUE_SOON_WORKING_DAYS}
 *   working day (hour rules such as 动态类 24 小时: within {@link DUE_SOON_HOURS} hours);
 * - `overdue`: the deadline has passed unpublished (条例第26条: 20 个工作日 unless a law says otherwise);
 * - `escalated`: still overdue N working days after the due date (the agency's
 *   `escalationWorkingDays` setting, default {@link ESCALATION_WORKING_DAYS}).
 *   The holder is told of the overdue entry on the first run after the deadline, so this is "N
 *   working days after A was notified" counted from the due date (a job that was down does not
 *   delay the escalation). It goes to B; to the administrators when B already held the duty or
 *   B is missing or disabled.
 *
 * 公示 entries (the 公示期 of a published item) ask nothing to be published and are never reminded.
 */
import { chinaDate } from '../../lib/clock.ts';
import { countWorkingDays, type Calendar } from '../calendar/index.ts';
import { currentHolder, type DutyHolders, type LeavePeriod } from '../staffing/index.ts';
import { entryKindNames, type LedgerEntry } from './ledger.ts';
import type { TimeRule } from './time-rule.ts';

/** Remind when the due date is this many working days away or nearer. */
export const DUE_SOON_WORKING_DAYS = 1;
/** For hour-based rules: remind this many hours before the deadline. */
export const DUE_SOON_HOURS = 24;
/** Default: escalate to B (or the administrators) this many working days after the due date (catalog_settings overrides). */
export const ESCALATION_WORKING_DAYS = 2;

export const catalogReminderStages = ['due_soon', 'overdue', 'escalated'] as const;
export type CatalogReminderStage = (typeof catalogReminderStages)[number];

export interface ReminderItem {
  id: string;
  level1: string;
  level2: string;
  rule: TimeRule;
}

export interface StaffingView {
  leaves: readonly LeavePeriod[];
  disabled: ReadonlySet<string>;
}

export interface CatalogReminder {
  stage: CatalogReminderStage;
  /** Who is told (empty when `toAdmins`). */
  userIds: string[];
  /** Nobody holds the duty (or nobody to escalate to): the agency's administrators are told. */
  toAdmins: boolean;
  /** Who and why, in Chinese (for the body and the audit row). */
  reason: string;
  dedupeKey: string;
  title: string;
  body: string;
}

/** The stable key of an entry: item, kind, period or document, due date. */
export function entryKey(itemId: string, e: Pick<LedgerEntry, 'kind' | 'period' | 'documentId' | 'dueDate'>): string {
  return `catalog:${itemId}:${e.kind}:${e.period ?? e.documentId ?? '-'}:${e.dueDate}`;
}

function stageOf(item: ReminderItem, e: LedgerEntry, now: Date, calendar: Calendar, escalationDays: number): CatalogReminderStage | null {
  if (e.kind === 'notice') return null;
  if (e.status === 'overdue') {
    const late = countWorkingDays(e.dueDate, chinaDate(now), calendar).count;
    return late >= escalationDays ? 'escalated' : 'overdue';
  }
  if (e.status !== 'due') return null;
  if (item.rule.kind === 'event' && item.rule.unit === 'hours') return Date.parse(e.deadline) - now.getTime() <= DUE_SOON_HOURS * 3_600_000 ? 'due_soon' : null;
  return (e.workingDaysLeft ?? Infinity) <= DUE_SOON_WORKING_DAYS ? 'due_soon' : null;
}

function text(stage: CatalogReminderStage, item: ReminderItem, e: LedgerEntry, reason: string, escalationDays: number): { title: string; body: string } {
  const what = `目录事项“${item.level1} / ${item.level2}”的${entryKindNames[e.kind]}${e.period ? `（${e.period}）` : ''}${e.title ? `“${e.title}”` : ''}`;
  const due = `应于 ${e.dueDate} 前公开`;
  switch (stage) {
    case 'due_soon':
      return { title: `目录更新提醒：${item.level2}`, body: `${what}${due}，期限将至，请及时发布（条例第26条）。${reason}。` };
    case 'overdue':
      return { title: `目录更新已逾期：${item.level2}`, body: `${what}${due}，现已逾期未公开，请尽快发布（条例第26条）。${reason}。` };
    case 'escalated':
      return { title: `目录更新逾期督办：${item.level2}`, body: `${what}${due}，逾期已满 ${escalationDays} 个工作日仍未公开，请督促或顶岗发布。${reason}。` };
  }
}

/**
 * The reminder an entry is due now (at most one: the current stage; earlier stages that were
 * missed are not sent late), or null. `duty` is the item's AB post, null when none is set.
 */
export function selectCatalogReminder(
  item: ReminderItem,
  e: LedgerEntry,
  duty: DutyHolders | null,
  staffing: StaffingView,
  now: Date,
  calendar: Calendar,
  escalationDays: number = ESCALATION_WORKING_DAYS,
): CatalogReminder | null {
  const stage = stageOf(item, e, now, calendar, escalationDays);
  if (!stage) return null;
  const today = chinaDate(now);
  const holder = duty ? currentHolder(duty, today, staffing.leaves, staffing.disabled) : null;
  let userIds: string[] = [];
  let reason: string;
  if (stage !== 'escalated') {
    if (holder?.userId) {
      userIds = [holder.userId];
      reason = `提醒对象：${holder.post}岗（${holder.reason}）`;
    } else reason = holder ? `${holder.reason}，提醒本单位管理员` : '该事项未设置AB岗，提醒本单位管理员';
  } else if (holder?.post === 'A' && duty?.holderB && duty.holderB !== duty.holderA && !staffing.disabled.has(duty.holderB)) {
    userIds = [duty.holderB];
    reason = 'A岗逾期未办，提醒B岗';
  } else {
    reason = holder?.post === 'B' ? 'B岗顶岗仍逾期，提醒本单位管理员' : '无可提醒的B岗，提醒本单位管理员';
  }
  return { stage, userIds, toAdmins: userIds.length === 0, reason, dedupeKey: `${entryKey(item.id, e)}:${stage}`, ...text(stage, item, e, reason, escalationDays) };
}
