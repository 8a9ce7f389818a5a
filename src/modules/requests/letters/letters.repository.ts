/** Database access of the letters: per-agency templates and settings, and the disclosed files of a request. */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { now } from '../../../lib/clock.ts';
import { requestFiles, requestLetterSettings, requestLetterTemplates } from '../../../db/schema/index.ts';

export type TemplateRow = typeof requestLetterTemplates.$inferSelect;
export type SettingsRow = typeof requestLetterSettings.$inferSelect;
export type FileRow = typeof requestFiles.$inferSelect;
export type NewFile = typeof requestFiles.$inferInsert;

/** Every override of an agency. */
export async function findTemplates(db: Executor, agencyId: string): Promise<TemplateRow[]> {
  return db.select().from(requestLetterTemplates).where(eq(requestLetterTemplates.agencyId, agencyId));
}

/** One override, if any. */
export async function findTemplate(db: Executor, agencyId: string, kind: string): Promise<TemplateRow | undefined> {
  return (await db.select().from(requestLetterTemplates).where(and(eq(requestLetterTemplates.agencyId, agencyId), eq(requestLetterTemplates.kind, kind))).limit(1))[0];
}

/** Creates or replaces an override. */
export async function upsertTemplate(tx: Executor, row: { agencyId: string; kind: string; title: string; body: string; updatedBy: string }): Promise<TemplateRow> {
  const at = now();
  return (
    await tx
      .insert(requestLetterTemplates)
      .values({ ...row, updatedAt: at })
      .onConflictDoUpdate({ target: [requestLetterTemplates.agencyId, requestLetterTemplates.kind], set: { title: row.title, body: row.body, updatedBy: row.updatedBy, updatedAt: at } })
      .returning()
  )[0]!;
}

/** Removes an override (back to the default); the removed row, if there was one. */
export async function deleteTemplate(tx: Executor, agencyId: string, kind: string): Promise<TemplateRow | undefined> {
  return (await tx.delete(requestLetterTemplates).where(and(eq(requestLetterTemplates.agencyId, agencyId), eq(requestLetterTemplates.kind, kind))).returning())[0];
}

/** The agency's remedies settings, if stored. */
export async function findSettings(db: Executor, agencyId: string): Promise<SettingsRow | undefined> {
  return (await db.select().from(requestLetterSettings).where(eq(requestLetterSettings.agencyId, agencyId)).limit(1))[0];
}

/** Creates or replaces the agency's remedies settings. */
export async function upsertSettings(tx: Executor, row: { agencyId: string; reviewOrgan: string; court: string; updatedBy: string }): Promise<SettingsRow> {
  const at = now();
  return (
    await tx
      .insert(requestLetterSettings)
      .values({ ...row, updatedAt: at })
      .onConflictDoUpdate({ target: requestLetterSettings.agencyId, set: { reviewOrgan: row.reviewOrgan, court: row.court, updatedBy: row.updatedBy, updatedAt: at } })
      .returning()
  )[0]!;
}

/** Adds a disclosed file. */
export async function insertFile(tx: Executor, row: NewFile): Promise<FileRow> {
  return (await tx.insert(requestFiles).values(row).returning())[0]!;
}

/** The current (not removed) files of a request of one kind (default: disclosed), in upload order. */
export async function findCurrentFiles(db: Executor, requestId: string, kinds: readonly string[] = ['disclosed']): Promise<FileRow[]> {
  return db
    .select()
    .from(requestFiles)
    .where(and(eq(requestFiles.requestId, requestId), inArray(requestFiles.kind, [...kinds]), isNull(requestFiles.removedAt)))
    .orderBy(asc(requestFiles.createdAt), asc(requestFiles.id));
}

/** One file of a request (removed ones too: a sent reply may name them). */
export async function findFile(db: Executor, requestId: string, fileId: string): Promise<FileRow | undefined> {
  return (await db.select().from(requestFiles).where(and(eq(requestFiles.requestId, requestId), eq(requestFiles.id, fileId))).limit(1))[0];
}

/** Marks a file removed (kept for the record). */
export async function markFileRemoved(tx: Executor, id: string): Promise<void> {
  await tx.update(requestFiles).set({ removedAt: now() }).where(eq(requestFiles.id, id));
}
