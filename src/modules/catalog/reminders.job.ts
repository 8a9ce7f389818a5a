/**
 * The catalog update reminders job: for every agency with proactive items, the ledger of this
 * year (and last year's entries due this year or later, e.g. the December report due in
 * January), `selectCatalogReminder` per entry, then per reminder one transaction: notify the
 * chosen post holder — or the agency's administrators — in the admin console and by e-mail, and,
 * when someone was notified now, an audit row `catalog.remind`. Dedupe keys make reruns no-ops.
 */
import type { AppContext } from '../../context.ts';
import type { Job } from '../../jobs/scheduler.ts';
import { chinaYear, now } from '../../lib/clock.ts';
import { findAgencyStaffIds, systemActor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { loadCalendar } from '../calendar/index.ts';
import { notify } from '../notifications/index.ts';
import { loadAgencyPosts } from '../staffing/index.ts';
import * as repo from './catalog.repository.ts';
import { agencyLedger, loadCatalogSettings } from './catalog.service.ts';
import { selectCatalogReminder } from './reminders.ts';

/** Sends the catalog reminders due at `at`; returns how many notifications were created. */
export async function remindCatalogUpdates(ctx: AppContext, at = now()): Promise<number> {
  const agencies = await repo.findAgenciesWithProactiveItems(ctx.db);
  if (!agencies.length) return 0;
  const calendar = await loadCalendar(ctx.db);
  const year = chinaYear(at);
  let created = 0;
  for (const agencyId of agencies) {
    // The agency's 解读 limit and A→B escalation delay (catalog_settings, defaults when unset).
    const settings = await loadCatalogSettings(ctx.db, agencyId);
    const [items, posts, thisYear, lastYear] = await Promise.all([
      repo.findItems(ctx.db, agencyId),
      loadAgencyPosts(ctx.db, agencyId),
      agencyLedger(ctx.db, agencyId, year, at, settings),
      agencyLedger(ctx.db, agencyId, year - 1, at, settings),
    ]);
    const itemById = new Map(items.map((i) => [i.id, i]));
    const dutyOf = new Map(posts.duties.filter((d) => d.kind === 'catalogItem' && d.catalogItemId).map((d) => [d.catalogItemId!, d]));
    const rows = [
      ...thisYear.rows.map((r) => ({ r, entries: r.entries })),
      ...lastYear.rows.map((r) => ({ r, entries: r.entries.filter((e) => e.dueDate >= `${year}-01-01`) })),
    ];
    let admins: string[] | null = null;
    for (const { r, entries } of rows) {
      const item = itemById.get(r.itemId);
      if (!item) continue;
      for (const e of entries) {
        const m = selectCatalogReminder({ id: item.id, level1: item.level1, level2: item.level2, rule: item.timeRule }, e, dutyOf.get(item.id) ?? null, posts, at, calendar, settings.escalationWorkingDays);
        if (!m) continue;
        if (m.toAdmins) admins ??= await findAgencyStaffIds(ctx.db, agencyId, ['admin']);
        const recipients = m.toAdmins ? (admins ?? []) : m.userIds;
        created += await ctx.db.transaction(async (tx) => {
          const notified = await notify(tx, { userIds: recipients, agencyId, kind: `catalog.${m.stage}`, title: m.title, body: m.body, link: '/catalog/ledger', dedupeKey: m.dedupeKey, email: true });
          if (notified.length) {
            await recordAudit(tx, systemActor, {
              agencyId,
              action: 'catalog.remind',
              entityType: 'catalog_item',
              entityId: item.id,
              after: { stage: m.stage, entry: { kind: e.kind, period: e.period, documentId: e.documentId, dueDate: e.dueDate }, reason: m.reason, recipients: notified },
            });
          }
          return notified.length;
        });
      }
    }
  }
  return created;
}

/** Hourly: hour-based rules (24 小时) need it; the dedupe keys make the extra runs no-ops. */
export const catalogRemindersJob: Job = {
  id: 'catalog.remindUpdates',
  everyMs: 3600_000,
  run: (ctx) => remindCatalogUpdates(ctx),
};
