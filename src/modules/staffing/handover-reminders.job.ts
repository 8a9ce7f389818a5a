/**
 * The handover reminders job: every open handover (awaiting the successor's 签收 or the
 * approver's 审批), `selectHandoverReminders` for today, then per reminder one transaction: notify
 * in the admin console and by e-mail, and, when someone was notified now, an audit row
 * `handover.remind`. Reruns are no-ops (dedupe keys: the signer once a day, the initiator once a
 * stage), so the job runs hourly like the other reminders and reaches people on the first run of
 * each working day.
 */
import type { AppContext } from '../../context.ts';
import type { Job } from '../../jobs/scheduler.ts';
import { chinaDate, now } from '../../lib/clock.ts';
import { systemActor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { loadCalendar } from '../calendar/index.ts';
import { notify } from '../notifications/index.ts';
import { selectHandoverReminders, type WaitingStatus } from './handover-reminders.ts';
import * as repo from './staffing.repository.ts';

const agenciesOf = (r: repo.HandoverRow) => ((r.checklist as { memberships?: { agencyId: string }[] }).memberships ?? []).map((m) => m.agencyId);

/** Sends the handover reminders due at `at`; returns how many notifications were created. */
export async function remindHandovers(ctx: AppContext, at = now()): Promise<number> {
  const open = await repo.findOpenHandovers(ctx.db);
  if (!open.length) return 0;
  const today = chinaDate(at);
  const [calendar, names] = await Promise.all([loadCalendar(ctx.db), repo.findUserNames(ctx.db, [...new Set(open.flatMap((h) => [h.fromUserId, h.toUserId, h.approvedBy]))])]);
  let created = 0;
  for (const h of open) {
    const status = h.status as WaitingStatus;
    const since = status === 'awaitingApproval' ? h.signedAt : h.createdAt;
    if (!since) continue;
    const signerId = status === 'awaitingSuccessor' ? h.toUserId : h.approvedBy;
    const reminders = selectHandoverReminders(
      { id: h.id, status, since: chinaDate(since), signerId, initiatorId: h.createdBy, leaverName: names.get(h.fromUserId) ?? '', signerName: names.get(signerId) ?? '' },
      today,
      calendar,
    );
    const agencyId = agenciesOf(h)[0] ?? null;
    for (const m of reminders) {
      created += await ctx.db.transaction(async (tx) => {
        const notified = await notify(tx, { userIds: [m.userId], agencyId, kind: m.kind, title: m.title, body: m.body, link: m.link, dedupeKey: m.dedupeKey, email: true });
        if (notified.length) {
          await recordAudit(tx, systemActor, { agencyId, action: 'handover.remind', entityType: 'handover', entityId: h.id, after: { status, to: m.to, kind: m.kind, waitedWorkingDays: m.waited, recipients: notified } });
        }
        return notified.length;
      });
    }
  }
  return created;
}

/** Hourly; the dedupe keys keep it to one reminder a day per signer and one notice a stage per initiator. */
export const handoverRemindersJob: Job = {
  id: 'staffing.remindHandovers',
  everyMs: 3600_000,
  run: (ctx) => remindHandovers(ctx),
};
