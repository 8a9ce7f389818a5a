/**
 * The deadline reminders job: every open request's clock derived from its events and the
 * calendar (as everywhere), `selectReminders` for today, then per reminder one transaction:
 * notify the handler and the backup — or, for a request nobody is assigned to, the agency's
 * 承办人 (else its administrators) — in the admin console and by e-mail, and, when someone was
 * notified now, an audit row `request.remind`. The dedupe key makes repeated runs harmless.
 */
import type { AppContext } from '../../context.ts';
import type { Job } from '../../jobs/scheduler.ts';
import { findAgencyStaffIds, systemActor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { loadCalendar } from '../calendar/index.ts';
import { notify } from '../notifications/index.ts';
import { openStates } from './model.ts';
import { selectReminders } from './reminders.ts';
import * as repo from './requests.repository.ts';
import { clockOf, today } from './requests.service.ts';

/** Sends the reminders due today; returns how many notifications were created. */
export async function remindDeadlines(ctx: AppContext, day = today()): Promise<number> {
  const open = await repo.findOpen(ctx.db, openStates);
  if (!open.length) return 0;
  const [events, calendar] = await Promise.all([repo.findEventsOf(ctx.db, open.map((r) => r.id)), loadCalendar(ctx.db)]);
  let created = 0;
  for (const r of open) {
    const reminders = selectReminders(r, clockOf(r, events.get(r.id) ?? [], calendar, day), day, calendar);
    if (!reminders.length) continue;
    // Nobody assigned yet (an online application): the agency's 承办人, else its administrators.
    let recipients = [r.handlerId, r.backupHandlerId].filter((x): x is string => !!x);
    if (!recipients.length) recipients = await findAgencyStaffIds(ctx.db, r.agencyId, ['handler']);
    if (!recipients.length) recipients = await findAgencyStaffIds(ctx.db, r.agencyId, ['admin']);
    for (const m of reminders) {
      created += await ctx.db.transaction(async (tx) => {
        const notified = await notify(tx, {
          userIds: recipients,
          agencyId: r.agencyId,
          kind: `request.${m.kind}`,
          title: m.title,
          body: m.body,
          link: `/requests/${r.id}`,
          dedupeKey: m.dedupeKey,
          email: true,
        });
        if (notified.length) {
          await recordAudit(tx, systemActor, {
            agencyId: r.agencyId,
            action: 'request.remind',
            entityType: 'request',
            entityId: r.id,
            after: { trackingNo: r.trackingNo, kind: m.kind, deadline: m.deadline, recipients: notified },
          });
        }
        return notified.length;
      });
    }
  }
  return created;
}

/**
 * Hourly (a reminder is due once a day at most; hourly catches a restart or the change of day
 * soon, and the dedupe key makes the extra runs no-ops).
 */
export const requestRemindersJob: Job = {
  id: 'requests.remindDeadlines',
  everyMs: 3600_000,
  run: (ctx) => remindDeadlines(ctx),
};
