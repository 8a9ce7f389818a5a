/** The only file of the privacy module that touches the ORM (privacy tables only). */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { privacyJustifications, privacyMaskedFiles, privacyScans, privacySettings, privacySweepItems, privacySweeps } from '../../db/schema/index.ts';

export type ScanRow = typeof privacyScans.$inferSelect;
export type JustificationRow = typeof privacyJustifications.$inferSelect;
export type SweepRow = typeof privacySweeps.$inferSelect;
export type SweepItemRow = typeof privacySweepItems.$inferSelect;

/** Stores a scan of a document's working copy. */
export async function insertScan(tx: Executor, values: typeof privacyScans.$inferInsert): Promise<ScanRow> {
  return (await tx.insert(privacyScans).values(values).returning())[0]!;
}

/** The newest scan of a document. */
export async function findLatestScan(tx: Executor, documentId: string): Promise<ScanRow | undefined> {
  const rows = await tx.select().from(privacyScans).where(eq(privacyScans.documentId, documentId)).orderBy(desc(privacyScans.scannedAt), desc(privacyScans.id)).limit(1);
  return rows[0];
}

/** Justifications of a document. */
export async function findJustifications(tx: Executor, documentId: string): Promise<JustificationRow[]> {
  return tx.select().from(privacyJustifications).where(eq(privacyJustifications.documentId, documentId));
}

/** Records justifications (an existing one for the same finding is replaced). */
export async function upsertJustifications(tx: Executor, rows: Array<typeof privacyJustifications.$inferInsert>): Promise<void> {
  if (!rows.length) return;
  await tx
    .insert(privacyJustifications)
    .values(rows)
    .onConflictDoUpdate({
      target: [privacyJustifications.documentId, privacyJustifications.findingId],
      set: { reason: sql`excluded.reason`, actorId: sql`excluded.actor_id`, at: sql`excluded.at` },
    });
}

/** Links a masked copy to its original. */
export async function insertMaskedFile(tx: Executor, values: typeof privacyMaskedFiles.$inferInsert): Promise<void> {
  await tx.insert(privacyMaskedFiles).values(values);
}

/** A setting's value. */
export async function findSetting(tx: Executor, key: string): Promise<unknown> {
  const rows = await tx.select().from(privacySettings).where(eq(privacySettings.key, key)).limit(1);
  return rows[0]?.value;
}

/** Writes a setting. */
export async function upsertSetting(tx: Executor, key: string, value: unknown, updatedBy: string | null): Promise<void> {
  await tx
    .insert(privacySettings)
    .values({ key, value, updatedBy })
    .onConflictDoUpdate({ target: privacySettings.key, set: { value, updatedBy, updatedAt: sql`now()` } });
}

/** Starts a sweep row. */
export async function insertSweep(tx: Executor, values: typeof privacySweeps.$inferInsert): Promise<SweepRow> {
  return (await tx.insert(privacySweeps).values(values).returning())[0]!;
}

/** Finishes a sweep row. */
export async function finishSweep(tx: Executor, id: string, itemsScanned: number, itemsWithFindings: number): Promise<SweepRow> {
  return (await tx.update(privacySweeps).set({ finishedAt: sql`now()`, itemsScanned, itemsWithFindings }).where(eq(privacySweeps.id, id)).returning())[0]!;
}

/** Stores the findings of one item. */
export async function insertSweepItem(tx: Executor, values: typeof privacySweepItems.$inferInsert): Promise<void> {
  await tx.insert(privacySweepItems).values(values);
}

/** The newest sweeps (all, or those covering the given agencies: their own or the all-agency runs). */
export async function findSweeps(tx: Executor, agencyIds: string[] | null, limit: number): Promise<SweepRow[]> {
  const where = agencyIds ? sql`${privacySweeps.agencyId} is null or ${inArray(privacySweeps.agencyId, agencyIds.length ? agencyIds : ['00000000-0000-0000-0000-000000000000'])}` : undefined;
  return tx.select().from(privacySweeps).where(where).orderBy(desc(privacySweeps.startedAt)).limit(limit);
}

/** Items of a sweep, optionally only some agencies'. */
export async function findSweepItems(tx: Executor, sweepId: string, agencyIds: string[] | null): Promise<SweepItemRow[]> {
  const where = agencyIds ? and(eq(privacySweepItems.sweepId, sweepId), inArray(privacySweepItems.agencyId, agencyIds.length ? agencyIds : ['00000000-0000-0000-0000-000000000000'])) : eq(privacySweepItems.sweepId, sweepId);
  return tx.select().from(privacySweepItems).where(where);
}
