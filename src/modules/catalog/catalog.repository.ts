/**
 * Database access of the catalog module: the only file of the module that imports Drizzle.
 * It also reads (never writes) the publishing tables for the ledger: which documents are linked
 * to which catalog item and when they were first published (docs/modules/catalog.md, Decisions).
 */
import { and, asc, desc, eq, inArray, isNotNull, min, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { catalogAreas, catalogItems, catalogSettings, catalogStates, documents, documentVersions, postDuties, reviewActions } from '../../db/schema/index.ts';

export type AreaRow = typeof catalogAreas.$inferSelect;
export type ItemRow = typeof catalogItems.$inferSelect;
export type NewItem = typeof catalogItems.$inferInsert;

/** Claims the one-time seeding of an agency's catalog; false when it was already seeded. */
export async function claimSeeding(tx: Executor, agencyId: string, standardVersion: string): Promise<boolean> {
  const rows = await tx.insert(catalogStates).values({ agencyId, standardVersion }).onConflictDoNothing().returning({ agencyId: catalogStates.agencyId });
  return rows.length === 1;
}

/** true when the agency's catalog has been created. */
export async function isSeeded(db: Executor, agencyId: string): Promise<boolean> {
  return (await db.select({ a: catalogStates.agencyId }).from(catalogStates).where(eq(catalogStates.agencyId, agencyId)).limit(1)).length === 1;
}

export async function insertArea(tx: Executor, values: typeof catalogAreas.$inferInsert): Promise<AreaRow> {
  return (await tx.insert(catalogAreas).values(values).returning())[0]!;
}

export async function insertItems(tx: Executor, values: NewItem[]): Promise<ItemRow[]> {
  if (values.length === 0) return [];
  return tx.insert(catalogItems).values(values).returning();
}

export function findAreas(db: Executor, agencyId: string): Promise<AreaRow[]> {
  return db.select().from(catalogAreas).where(eq(catalogAreas.agencyId, agencyId)).orderBy(asc(catalogAreas.sort), asc(catalogAreas.name));
}

export function findItems(db: Executor, agencyId: string): Promise<ItemRow[]> {
  return db.select().from(catalogItems).where(eq(catalogItems.agencyId, agencyId)).orderBy(asc(catalogItems.sort), asc(catalogItems.level1), asc(catalogItems.level2));
}

export async function findArea(db: Executor, id: string): Promise<AreaRow | undefined> {
  return (await db.select().from(catalogAreas).where(eq(catalogAreas.id, id)).limit(1))[0];
}

export async function findItem(db: Executor, id: string): Promise<ItemRow | undefined> {
  return (await db.select().from(catalogItems).where(eq(catalogItems.id, id)).limit(1))[0];
}

export async function updateArea(tx: Executor, id: string, values: Partial<Pick<AreaRow, 'name' | 'sort'>>): Promise<AreaRow> {
  return (await tx.update(catalogAreas).set(values).where(eq(catalogAreas.id, id)).returning())[0]!;
}

export async function deleteArea(tx: Executor, id: string): Promise<void> {
  await tx.delete(catalogAreas).where(eq(catalogAreas.id, id));
}

/** UPDATE … WHERE id AND lock_version, bumping lock_version; undefined when someone changed it first. */
export async function updateItemGuarded(tx: Executor, id: string, lockVersion: number, values: Partial<NewItem>): Promise<ItemRow | undefined> {
  const rows = await tx
    .update(catalogItems)
    .set({ ...values, lockVersion: sql`${catalogItems.lockVersion} + 1`, updatedAt: sql`now()` })
    .where(and(eq(catalogItems.id, id), eq(catalogItems.lockVersion, lockVersion)))
    .returning();
  return rows[0];
}

export async function deleteItem(tx: Executor, id: string): Promise<void> {
  await tx.delete(catalogItems).where(eq(catalogItems.id, id));
}

export async function countItemsInArea(db: Executor, areaId: string): Promise<number> {
  const r = await db.select({ n: sql<number>`count(*)::int` }).from(catalogItems).where(eq(catalogItems.areaId, areaId));
  return r[0]?.n ?? 0;
}

/** How many documents, versions and duties point at a catalog item (a referenced item is not deleted). */
export async function countItemReferences(db: Executor, itemId: string): Promise<number> {
  const [d, v, p] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(documents).where(eq(documents.catalogItemId, itemId)),
    db.select({ n: sql<number>`count(*)::int` }).from(documentVersions).where(eq(documentVersions.catalogItemId, itemId)),
    db.select({ n: sql<number>`count(*)::int` }).from(postDuties).where(eq(postDuties.catalogItemId, itemId)),
  ]);
  return (d[0]?.n ?? 0) + (v[0]?.n ?? 0) + (p[0]?.n ?? 0);
}

/** Documents of an agency linked to a catalog item, with their first publication (read-only view of publishing). */
export async function findLinkedDocuments(db: Executor, agencyId: string) {
  const first = db
    .select({ documentId: documentVersions.documentId, firstPublishedAt: min(documentVersions.publishedAt).as('first_published_at') })
    .from(documentVersions)
    .where(eq(documentVersions.agencyId, agencyId))
    .groupBy(documentVersions.documentId)
    .as('first');
  return db
    .select({
      documentId: documents.id,
      catalogItemId: documents.catalogItemId,
      title: documents.title,
      writtenOn: documents.writtenOn,
      createdAt: documents.createdAt,
      status: documents.status,
      disclosure: documents.disclosure,
      docType: documents.docType,
      withdrawnAt: documents.withdrawnAt,
      interpretsId: documents.interpretsId,
      firstPublishedAt: first.firstPublishedAt,
    })
    .from(documents)
    .leftJoin(first, eq(first.documentId, documents.id))
    .where(and(eq(documents.agencyId, agencyId), isNotNull(documents.catalogItemId)));
}

/** The 公示期 each document announces as last published: its latest published version's (ledger 公示 entries). */
export async function findAnnouncedNotices(db: Executor, documentIds: string[]) {
  if (documentIds.length === 0) return [];
  return db
    .selectDistinctOn([documentVersions.documentId], { documentId: documentVersions.documentId, noticeStartsOn: documentVersions.noticeStartsOn, noticeEndsOn: documentVersions.noticeEndsOn })
    .from(documentVersions)
    .where(inArray(documentVersions.documentId, documentIds))
    .orderBy(documentVersions.documentId, desc(documentVersions.version));
}

/** Published versions after the first, and starts of corrections, of the given documents (ledger 变更 events). */
export async function findChanges(db: Executor, documentIds: string[]) {
  if (documentIds.length === 0) return { versions: [], starts: [] };
  const [versions, starts] = await Promise.all([
    db
      .select({ documentId: documentVersions.documentId, publishedAt: documentVersions.publishedAt })
      .from(documentVersions)
      .where(and(inArray(documentVersions.documentId, documentIds), sql`${documentVersions.version} > 1`)),
    db
      .select({ documentId: reviewActions.documentId, at: reviewActions.at })
      .from(reviewActions)
      .where(and(inArray(reviewActions.documentId, documentIds), eq(reviewActions.action, 'correct'))),
  ]);
  return { versions, starts };
}

/** First publication of an interpretation (any agency's) of each policy. */
export function findFirstInterpretations(db: Executor, policyIds: string[]) {
  if (policyIds.length === 0) return Promise.resolve([]);
  return db
    .select({ policyId: documentVersions.interpretsId, firstAt: min(documentVersions.publishedAt) })
    .from(documentVersions)
    .innerJoin(documents, eq(documents.id, documentVersions.documentId))
    .where(and(inArray(documentVersions.interpretsId, policyIds), sql`${documents.status} <> 'withdrawn'`))
    .groupBy(documentVersions.interpretsId);
}

/** Areas by id (for names). */
export function findAreasByIds(db: Executor, ids: string[]): Promise<AreaRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(catalogAreas).where(inArray(catalogAreas.id, ids));
}

/** Agencies that have proactive catalog items (the reminders job walks them). */
export async function findAgenciesWithProactiveItems(db: Executor): Promise<string[]> {
  const rows = await db.selectDistinct({ agencyId: catalogItems.agencyId }).from(catalogItems).where(eq(catalogItems.mode, 'proactive'));
  return rows.map((r) => r.agencyId);
}

export type SettingsRow = typeof catalogSettings.$inferSelect;

/** The agency's timeliness settings row, undefined when it never set any (defaults apply). */
export async function findSettings(db: Executor, agencyId: string): Promise<SettingsRow | undefined> {
  return (await db.select().from(catalogSettings).where(eq(catalogSettings.agencyId, agencyId)).limit(1))[0];
}

/** Inserts or replaces the agency's timeliness settings. */
export async function upsertSettings(tx: Executor, values: { agencyId: string; interpretationDays: number; escalationWorkingDays: number; updatedBy: string | null }): Promise<SettingsRow> {
  const rows = await tx
    .insert(catalogSettings)
    .values(values)
    .onConflictDoUpdate({
      target: catalogSettings.agencyId,
      set: { interpretationDays: values.interpretationDays, escalationWorkingDays: values.escalationWorkingDays, updatedBy: values.updatedBy, updatedAt: sql`now()` },
    })
    .returning();
  return rows[0]!;
}

/** The standard version an agency's catalog is at (catalog_states), undefined before seeding. */
export async function findStandardVersion(db: Executor, agencyId: string): Promise<string | undefined> {
  return (await db.select({ v: catalogStates.standardVersion }).from(catalogStates).where(eq(catalogStates.agencyId, agencyId)).limit(1))[0]?.v;
}

/** Moves an agency's catalog to `standardVersion` if it is still at `from` (guards concurrent updates). */
export async function advanceStandardVersion(tx: Executor, agencyId: string, from: string, standardVersion: string): Promise<boolean> {
  const rows = await tx
    .update(catalogStates)
    .set({ standardVersion })
    .where(and(eq(catalogStates.agencyId, agencyId), eq(catalogStates.standardVersion, from)))
    .returning({ agencyId: catalogStates.agencyId });
  return rows.length === 1;
}
