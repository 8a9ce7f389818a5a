/**
 * Answer-deadline reminders of public feedback (留言 / 建议 / 满意度评价), pure: an unanswered item
 * is reminded once when its deadline is within {@link FEEDBACK_DUE_SOON_WORKING_DAYS} working day
 * and once when it has passed. The dedupe key holds item, stage and deadline. No author text or
 * contact goes into a reminder (kind, dates and a link only).
 */
import { countWorkingDays, type Calendar, type IsoDate } from '../calendar/index.ts';
import { kindNames, type FeedbackKind } from './model.ts';

/** Remind when the answer deadline is this many working days away or nearer. */
export const FEEDBACK_DUE_SOON_WORKING_DAYS = 1;

export type FeedbackReminderStage = 'due_soon' | 'overdue';

export interface FeedbackReminderInput {
  id: string;
  kind: FeedbackKind;
  status: string;
  receivedOn: IsoDate;
  dueOn: IsoDate;
}

export interface FeedbackReminder {
  stage: FeedbackReminderStage;
  dedupeKey: string;
  title: string;
  body: string;
}

/** The reminder an item is due today, or null (answered and rejected items never). */
export function selectFeedbackReminder(f: FeedbackReminderInput, today: IsoDate, calendar: Calendar): FeedbackReminder | null {
  if (f.status !== 'new') return null;
  const head = `${f.receivedOn} 收到的${kindNames[f.kind]}`;
  if (today > f.dueOn) {
    return { stage: 'overdue', dedupeKey: `feedback:${f.id}:overdue:${f.dueOn}`, title: `${kindNames[f.kind]}已超过答复期限`, body: `${head}答复期限为 ${f.dueOn}，现已逾期，请尽快答复。` };
  }
  const left = countWorkingDays(today, f.dueOn, calendar).count;
  if (left > FEEDBACK_DUE_SOON_WORKING_DAYS) return null;
  return {
    stage: 'due_soon',
    dedupeKey: `feedback:${f.id}:due_soon:${f.dueOn}`,
    title: `${kindNames[f.kind]}答复期限将至`,
    body: `${head}答复期限为 ${f.dueOn}，${left === 0 ? '今天是最后一天' : `还有 ${left} 个工作日`}，请按时答复。`,
  };
}
