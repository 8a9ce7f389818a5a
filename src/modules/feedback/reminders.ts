/**
 * Answer-deadline reminders of public feedback (留言 / 建议 / 满意度评价), pure: an unanswered item
 * is reminded once when its deadline is within {@link FEEDBACK_DUE_SOON_WORKING_DAYS} working day,
 * once when it has passed, and — when someone is responsible for it — once more to the other
 * post {@link FEEDBACK_ESCALATION_WORKING_DAYS} working days later. The dedupe key holds item,
 * stage and deadline. No author text or contact goes into a reminder (kind, dates and a link only).
 * The escalation delay is the agency's `escalationWorkingDays` (catalog timeliness settings, the
 * same A→B delay as the catalog's update reminders); the job passes it in.
 */
import { countWorkingDays, type Calendar, type IsoDate } from '../calendar/index.ts';
import { currentHolder, isOnLeave, type DutyHolders, type LeavePeriod } from '../staffing/index.ts';
import { kindNames, type FeedbackKind } from './model.ts';

/** Remind when the answer deadline is this many working days away or nearer. */
export const FEEDBACK_DUE_SOON_WORKING_DAYS = 1;

export type FeedbackReminderStage = 'due_soon' | 'overdue' | 'escalated';

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

/**
 * Escalation delay when the caller passes none: the default of the catalog's `escalationWorkingDays`
 * (the job passes the agency's setting).
 */
export const FEEDBACK_ESCALATION_WORKING_DAYS = 2;

/** The AB post of the agency's feedback duty and the people away on the day. */
export interface FeedbackStaffing {
  /** The feedback duty's holders, null when the agency has none. */
  duty: DutyHolders | null;
  leaves: readonly LeavePeriod[];
  disabled: ReadonlySet<string>;
}

/** Who a reminder goes to. */
export interface FeedbackRoute {
  /** Named people (empty when `to` is not 'users'). */
  userIds: string[];
  /** users: the named people; admins: the agency's administrators; answerers: everyone who answers (admins and drafters). */
  to: 'users' | 'admins' | 'answerers';
  /** Why, in Chinese (body and audit row). */
  reason: string;
}

/**
 * The stage an unanswered item is at today, like {@link selectFeedbackReminder}, plus
 * `escalated` once it is `escalationWorkingDays` (the agency's setting) working days past its deadline
 * — only when someone is responsible (an assignee or a feedback duty): without either everyone
 * who answers is already told. At most one stage (the current one), as the catalog does.
 */
export function selectFeedbackStage(f: FeedbackReminderInput, today: IsoDate, calendar: Calendar, escalates: boolean, escalationWorkingDays = FEEDBACK_ESCALATION_WORKING_DAYS): FeedbackReminder | null {
  const base = selectFeedbackReminder(f, today, calendar);
  if (!base || base.stage !== 'overdue' || !escalates) return base;
  const late = countWorkingDays(f.dueOn, today, calendar).count;
  if (late < escalationWorkingDays) return base;
  return {
    stage: 'escalated',
    dedupeKey: `feedback:${f.id}:escalated:${f.dueOn}`,
    title: `${kindNames[f.kind]}逾期未答复督办`,
    body: `${f.receivedOn} 收到的${kindNames[f.kind]}答复期限为 ${f.dueOn}，逾期已满 ${escalationWorkingDays} 个工作日仍未答复，请督促或顶岗答复。`,
  };
}

const away = (u: string | null, today: IsoDate, s: FeedbackStaffing): boolean => !u || s.disabled.has(u) || isOnLeave(u, today, s.leaves);

/**
 * Who is told (AB岗, docs/modules/staffing.md): due_soon and overdue go to the 承办人 while
 * available, else to the current holder of the feedback duty (A, or B while A is on leave or
 * disabled), else to the administrators. `escalated` goes to the other post of whoever was told
 * (A → B, B → A, a hand-picked 承办人 → the duty's current holder); to the administrators when
 * that person is missing or away. With neither an assignee nor a duty, everyone who answers
 * feedback is told (admins and drafters), as before AB posts existed.
 */
export function routeFeedbackReminder(stage: FeedbackReminderStage, assigneeId: string | null, s: FeedbackStaffing, today: IsoDate): FeedbackRoute {
  if (!assigneeId && !s.duty) return { userIds: [], to: 'answerers', reason: '未设置公众留言办理AB岗，提醒本单位管理员和起草人' };
  const holder = s.duty ? currentHolder(s.duty, today, s.leaves, s.disabled) : null;
  let primary: string | null = null;
  let why: string;
  if (assigneeId && !away(assigneeId, today, s)) {
    primary = assigneeId;
    why = '承办人';
  } else if (holder?.userId) {
    primary = holder.userId;
    why = `${assigneeId ? '承办人不在岗' : '未指定承办人'}，由${holder.post}岗（${holder.reason}）办理`;
  } else {
    why = holder ? holder.reason : '承办人不在岗且未设置公众留言办理AB岗';
  }
  if (stage !== 'escalated') {
    return primary ? { userIds: [primary], to: 'users', reason: `提醒对象：${why}` } : { userIds: [], to: 'admins', reason: `${why}，提醒本单位管理员` };
  }
  let other: string | null = null;
  if (s.duty && primary === s.duty.holderA) other = s.duty.holderB;
  else if (s.duty && primary === s.duty.holderB) other = s.duty.holderA;
  else if (holder?.userId && holder.userId !== primary) other = holder.userId;
  if (other && other !== primary && !away(other, today, s)) return { userIds: [other], to: 'users', reason: '逾期未答复，提醒另一岗位' };
  return { userIds: [], to: 'admins', reason: '逾期未答复且无可提醒的另一岗位，提醒本单位管理员' };
}
