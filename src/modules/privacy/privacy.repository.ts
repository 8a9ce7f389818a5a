/** The only file of the privacy module that touches the ORM (privacy tables only). */
import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { privacyJustifications, privacyMaskedFiles, privacyScans, privacySettings, privacySweepItems, privacySweeps, privacySweepSchedules } from '../../db/schema/index.ts';

export type ScanRow = typeof privacyScans.$inferSelect;
export type JustificationRow = typeof privacyJustifications.$inferSelect;
export type SweepRow = typeof privacySweeps.$inferSelect;
export type SweepItemRow = typeof privacySweepItems.$inferSelect;
export type SweepScheduleRow = typeof privacySweepSchedules.$inferSelect;

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

/** Progress counters of a running sweep. */
export interface SweepProgress {
  itemsScanned: number;
  itemsWithFindings: number;
  findingsCount: number;
}

/** Writes a running sweep's progress (and its heartbeat). */
export async function updateSweepProgress(tx: Executor, id: string, progress: SweepProgress): Promise<void> {
  await tx
    .update(privacySweeps)
    .set({ ...progress, heartbeatAt: sql`now()` })
    .where(eq(privacySweeps.id, id));
}

/** Finishes a sweep row (with the reason when it failed). */
export async function finishSweep(tx: Executor, id: string, progress: SweepProgress, error: string | null = null): Promise<SweepRow> {
  return (
    await tx
      .update(privacySweeps)
      .set({ ...progress, error, finishedAt: sql`now()`, heartbeatAt: sql`now()` })
      .where(eq(privacySweeps.id, id))
      .returning()
  )[0]!;
}

/** One sweep by id. */
export async function findSweep(tx: Executor, id: string): Promise<SweepRow | undefined> {
  return (await tx.select().from(privacySweeps).where(eq(privacySweeps.id, id)).limit(1))[0];
}

/** Unfinished sweeps whose heartbeat is newer than `since` (of one agency, or the all-agency ones for null). */
export async function findLiveSweeps(tx: Executor, agencyId: string | null, since: Date): Promise<SweepRow[]> {
  return tx
    .select()
    .from(privacySweeps)
    .where(
      and(
        isNull(privacySweeps.finishedAt),
        sql`${privacySweeps.heartbeatAt} > ${since.toISOString()}`,
        agencyId ? eq(privacySweeps.agencyId, agencyId) : isNull(privacySweeps.agencyId),
      ),
    );
}

/** Latest start, per agency id (null: the all-agency runs), of a sweep that finished without error or is alive (heartbeat after `aliveSince`). */
export async function findLastSweepStarts(tx: Executor, aliveSince: Date): Promise<Map<string | null, Date>> {
  const rows = await tx
    .select({ agencyId: privacySweeps.agencyId, at: sql<string>`max(${privacySweeps.startedAt})` })
    .from(privacySweeps)
    .where(and(isNull(privacySweeps.error), or(sql`${privacySweeps.finishedAt} is not null`, sql`${privacySweeps.heartbeatAt} > ${aliveSince.toISOString()}`)))
    .groupBy(privacySweeps.agencyId);
  return new Map(rows.map((r) => [r.agencyId, new Date(r.at)]));
}

/** Filters of a sweep report. */
export interface SweepItemFilter {
  /** Only these agencies' items (null: all). */
  agencyIds: string[] | null;
  /** Items with at least one finding of this type. */
  type?: string | undefined;
  /** Items with at least one finding of this confidence. */
  confidence?: string | undefined;
  /** Title or 索引号 contains this. */
  q?: string | undefined;
}

function itemWhere(sweepId: string, f: SweepItemFilter): SQL {
  const where: SQL[] = [eq(privacySweepItems.sweepId, sweepId)];
  if (f.agencyIds) where.push(inArray(privacySweepItems.agencyId, f.agencyIds.length ? f.agencyIds : ['00000000-0000-0000-0000-000000000000']));
  if (f.type) where.push(sql`${privacySweepItems.findings} @> ${JSON.stringify([{ type: f.type }])}::jsonb`);
  if (f.confidence) where.push(sql`${privacySweepItems.findings} @> ${JSON.stringify([{ confidence: f.confidence }])}::jsonb`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(sql`${privacySweepItems.title} ilike ${like}`, sql`${privacySweepItems.indexNo} ilike ${like}`)!);
  }
  return and(...where)!;
}

/** A page of a sweep's items (ordered by 索引号), with the total matching the filter. */
export async function findSweepItemsPage(tx: Executor, sweepId: string, f: SweepItemFilter, limit: number, offset: number): Promise<{ rows: SweepItemRow[]; total: number }> {
  const where = itemWhere(sweepId, f);
  const rows = await tx.select().from(privacySweepItems).where(where).orderBy(asc(privacySweepItems.indexNo), asc(privacySweepItems.id)).limit(limit).offset(offset);
  const total = (await tx.select({ n: count() }).from(privacySweepItems).where(where))[0]!.n;
  return { rows, total };
}

/** One item of a sweep. */
export async function findSweepItem(tx: Executor, sweepId: string, itemId: string): Promise<SweepItemRow | undefined> {
  return (await tx.select().from(privacySweepItems).where(and(eq(privacySweepItems.sweepId, sweepId), eq(privacySweepItems.id, itemId))).limit(1))[0];
}

/** Every agency's sweep interval that differs from the default. */
export async function findSweepSchedules(tx: Executor): Promise<SweepScheduleRow[]> {
  return tx.select().from(privacySweepSchedules);
}

/** One agency's sweep interval row, if set. */
export async function findSweepSchedule(tx: Executor, agencyId: string): Promise<SweepScheduleRow | undefined> {
  return (await tx.select().from(privacySweepSchedules).where(eq(privacySweepSchedules.agencyId, agencyId)).limit(1))[0];
}

/** Sets an agency's sweep interval. */
export async function upsertSweepSchedule(tx: Executor, agencyId: string, intervalDays: number, updatedBy: string | null): Promise<void> {
  await tx
    .insert(privacySweepSchedules)
    .values({ agencyId, intervalDays, updatedBy })
    .onConflictDoUpdate({ target: privacySweepSchedules.agencyId, set: { intervalDays, updatedBy, updatedAt: sql`now()` } });
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

