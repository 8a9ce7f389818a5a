/**
 * The feedback answer-deadline reminders job: every unanswered item, `selectFeedbackStage` for
 * today, `routeFeedbackReminder` for its recipients (the 承办人, the feedback duty's current
 * holder, the other post on escalation, the administrators when nobody is there; everyone who
 * answers when the agency has neither an assignee nor a feedback duty), then per reminder one
 * transaction: notify in the admin console and by e-mail, and, when someone was notified now,
 * an audit row `feedback.remind`. Reruns are no-ops (dedupe keys). Escalation follows the agency's
 * `escalationWorkingDays` (catalog timeliness settings, read through the catalog index).
 */
import type { AppContext } from '../../context.ts';
import type { Job } from '../../jobs/scheduler.ts';
import { chinaDate, now } from '../../lib/clock.ts';
import { findAgencyStaffIds, systemActor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { loadCalendar } from '../calendar/index.ts';
import { getTimelinessSettings } from '../catalog/index.ts';
import { notify } from '../notifications/index.ts';
import { loadAgencyPosts } from '../staffing/index.ts';
import * as repo from './feedback.repository.ts';
import type { FeedbackKind } from './model.ts';
import { routeFeedbackReminder, selectFeedbackStage, type FeedbackStaffing } from './reminders.ts';

/** Sends the feedback reminders due on `day`; returns how many notifications were created. */
export async function remindFeedbackDeadlines(ctx: AppContext, day = chinaDate(now())): Promise<number> {
  const open = await repo.findUnanswered(ctx.db);
  if (!open.length) return 0;
  const calendar = await loadCalendar(ctx.db);
  const staffing = new Map<string, FeedbackStaffing>();
  const escalation = new Map<string, number>();
  const staff = new Map<string, string[]>();
  const staffOf = async (agencyId: string, to: 'admins' | 'answerers') => {
    const key = `${agencyId}:${to}`;
    if (!staff.has(key)) staff.set(key, await findAgencyStaffIds(ctx.db, agencyId, to === 'admins' ? ['admin'] : ['admin', 'drafter']));
    return staff.get(key)!;
  };
  let created = 0;
  for (const f of open) {
    if (!staffing.has(f.agencyId)) {
      const posts = await loadAgencyPosts(ctx.db, f.agencyId);
      const duty = posts.duties.find((d) => d.kind === 'feedback' && !d.catalogItemId) ?? null;
      staffing.set(f.agencyId, { duty: duty ? { holderA: duty.holderA, holderB: duty.holderB } : null, leaves: posts.leaves, disabled: posts.disabled });
      escalation.set(f.agencyId, (await getTimelinessSettings(ctx.db, f.agencyId)).escalationWorkingDays);
    }
    const s = staffing.get(f.agencyId)!;
    const m = selectFeedbackStage({ ...f, kind: f.kind as FeedbackKind }, day, calendar, !!f.assigneeId || !!s.duty, escalation.get(f.agencyId));
    if (!m) continue;
    const route = routeFeedbackReminder(m.stage, f.assigneeId, s, day);
    const recipients = route.to === 'users' ? route.userIds : await staffOf(f.agencyId, route.to);
    const body = route.to === 'answerers' ? m.body : `${m.body}（${route.reason}）`;
    created += await ctx.db.transaction(async (tx) => {
      const notified = await notify(tx, { userIds: recipients, agencyId: f.agencyId, kind: `feedback.${m.stage}`, title: m.title, body, link: `/feedback?id=${f.id}`, dedupeKey: m.dedupeKey, email: true });
      if (notified.length) {
        await recordAudit(tx, systemActor, { agencyId: f.agencyId, action: 'feedback.remind', entityType: 'feedback', entityId: f.id, after: { stage: m.stage, dueOn: f.dueOn, reason: route.reason, recipients: notified } });
      }
      return notified.length;
    });
  }
  return created;
}

/** Hourly, like the other reminders (a reminder is due once a day at most). */
export const feedbackRemindersJob: Job = {
  id: 'feedback.remindDeadlines',
  everyMs: 3600_000,
  run: (ctx) => remindFeedbackDeadlines(ctx),
};
