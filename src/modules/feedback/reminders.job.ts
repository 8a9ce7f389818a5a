/**
 * The feedback answer-deadline reminders job: every unanswered item, `selectFeedbackReminder`
 * for today, then per reminder one transaction: notify those who answer feedback (the agency's
 * admins and drafters, feedback.policy.ts canAnswerFeedback) in the admin console and by e-mail,
 * and, when someone was notified now, an audit row `feedback.remind`. Reruns are no-ops.
 */
import type { AppContext } from '../../context.ts';
import type { Job } from '../../jobs/scheduler.ts';
import { chinaDate, now } from '../../lib/clock.ts';
import { findAgencyStaffIds, systemActor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { loadCalendar } from '../calendar/index.ts';
import { notify } from '../notifications/index.ts';
import * as repo from './feedback.repository.ts';
import type { FeedbackKind } from './model.ts';
import { selectFeedbackReminder } from './reminders.ts';

/** Sends the feedback reminders due on `day`; returns how many notifications were created. */
export async function remindFeedbackDeadlines(ctx: AppContext, day = chinaDate(now())): Promise<number> {
  const open = await repo.findUnanswered(ctx.db);
  if (!open.length) return 0;
  const calendar = await loadCalendar(ctx.db);
  const handlers = new Map<string, string[]>();
  let created = 0;
  for (const f of open) {
    const m = selectFeedbackReminder({ ...f, kind: f.kind as FeedbackKind }, day, calendar);
    if (!m) continue;
    if (!handlers.has(f.agencyId)) handlers.set(f.agencyId, await findAgencyStaffIds(ctx.db, f.agencyId, ['admin', 'drafter']));
    const recipients = handlers.get(f.agencyId)!;
    created += await ctx.db.transaction(async (tx) => {
      const notified = await notify(tx, { userIds: recipients, agencyId: f.agencyId, kind: `feedback.${m.stage}`, title: m.title, body: m.body, link: '/feedback', dedupeKey: m.dedupeKey, email: true });
      if (notified.length) {
        await recordAudit(tx, systemActor, { agencyId: f.agencyId, action: 'feedback.remind', entityType: 'feedback', entityId: f.id, after: { stage: m.stage, dueOn: f.dueOn, recipients: notified } });
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
