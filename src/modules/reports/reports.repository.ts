/**
 * The only file of the reports module that touches Drizzle: the generator's own tables
 * (report_figures, report_cases, report_drafts, report_publications) and read-only queries of
 * the published items (document_versions) that table 二 and the draft count. The publishing
 * module has no read function for these counts yet; the queries only read its published
 * versions, never its working copies.
 */
import { and, asc, count, eq, gte, inArray, lt, min, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { documents, documentVersions, reportCases, reportDrafts, reportFigures, reportPublications } from '../../db/schema/index.ts';

export type FiguresRow = typeof reportFigures.$inferSelect;
export type CaseRow = typeof reportCases.$inferSelect;
export type DraftRow = typeof reportDrafts.$inferSelect;
export type PublicationRow = typeof reportPublications.$inferSelect;

/** Start of a China year as an instant. */
function yearStart(year: number): Date {
  return new Date(`${String(year).padStart(4, '0')}-01-01T00:00:00+08:00`);
}

/** The current published version of every 规章 / 行政规范性文件 of the agency first published before `until`, with that first publication time. */
export async function findRegulatoryDocuments(db: Executor, agencyId: string, untilYear: number) {
  const firsts = db
    .select({ documentId: documentVersions.documentId, firstAt: min(documentVersions.publishedAt).as('first_at') })
    .from(documentVersions)
    .where(eq(documentVersions.agencyId, agencyId))
    .groupBy(documentVersions.documentId)
    .as('firsts');
  return db
    .select({
      id: documentVersions.documentId,
      docType: documentVersions.docType,
      validity: documentVersions.validity,
      invalidOn: documentVersions.invalidOn,
      firstAt: firsts.firstAt,
    })
    .from(documentVersions)
    .innerJoin(documents, eq(documents.id, documentVersions.documentId))
    .innerJoin(firsts, eq(firsts.documentId, documentVersions.documentId))
    .where(
      and(
        eq(documentVersions.agencyId, agencyId),
        eq(documentVersions.isCurrent, true),
        ne(documents.status, 'withdrawn'),
        inArray(documentVersions.docType, ['regulation', 'normative']),
        lt(firsts.firstAt, yearStart(untilYear + 1)),
      ),
    )
    .orderBy(asc(firsts.firstAt));
}

/** How many items of the agency were first published in the (China) year and are not withdrawn. */
export async function countProactiveItems(db: Executor, agencyId: string, year: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(documentVersions)
    .innerJoin(documents, eq(documents.id, documentVersions.documentId))
    .where(
      and(
        eq(documentVersions.agencyId, agencyId),
        eq(documentVersions.version, 1),
        ne(documents.status, 'withdrawn'),
        gte(documentVersions.publishedAt, yearStart(year)),
        lt(documentVersions.publishedAt, yearStart(year + 1)),
      ),
    );
  return Number(row?.n ?? 0);
}

export async function findFigures(db: Executor, agencyId: string, year: number): Promise<FiguresRow | undefined> {
  const [row] = await db.select().from(reportFigures).where(and(eq(reportFigures.agencyId, agencyId), eq(reportFigures.year, year)));
  return row;
}

export async function upsertFigures(tx: Executor, values: typeof reportFigures.$inferInsert): Promise<FiguresRow> {
  const { agencyId: _a, year: _y, id: _i, ...changes } = values;
  const [row] = await tx
    .insert(reportFigures)
    .values(values)
    .onConflictDoUpdate({ target: [reportFigures.agencyId, reportFigures.year], set: { ...changes, updatedAt: sql`now()` } })
    .returning();
  return row!;
}

export async function listCases(db: Executor, agencyId: string, year: number): Promise<CaseRow[]> {
  return db
    .select()
    .from(reportCases)
    .where(and(eq(reportCases.agencyId, agencyId), eq(reportCases.year, year)))
    .orderBy(asc(reportCases.createdAt), asc(reportCases.id));
}

export async function insertCase(tx: Executor, values: typeof reportCases.$inferInsert): Promise<CaseRow> {
  const [row] = await tx.insert(reportCases).values(values).returning();
  return row!;
}

export async function findDraft(db: Executor, agencyId: string, year: number): Promise<DraftRow | undefined> {
  const [row] = await db.select().from(reportDrafts).where(and(eq(reportDrafts.agencyId, agencyId), eq(reportDrafts.year, year)));
  return row;
}

export async function insertDraft(tx: Executor, values: typeof reportDrafts.$inferInsert): Promise<DraftRow | undefined> {
  const [row] = await tx.insert(reportDrafts).values(values).onConflictDoNothing().returning();
  return row;
}

/** Updates a draft if its lockVersion is still `lockVersion`; undefined otherwise. */
export async function updateDraft(
  tx: Executor,
  agencyId: string,
  year: number,
  lockVersion: number,
  values: Pick<DraftRow, 'overview' | 'problems' | 'other' | 'updatedBy'>,
): Promise<DraftRow | undefined> {
  const [row] = await tx
    .update(reportDrafts)
    .set({ ...values, lockVersion: lockVersion + 1, updatedAt: sql`now()` })
    .where(and(eq(reportDrafts.agencyId, agencyId), eq(reportDrafts.year, year), eq(reportDrafts.lockVersion, lockVersion)))
    .returning();
  return row;
}

export async function findPublication(db: Executor, agencyId: string, year: number): Promise<PublicationRow | undefined> {
  const [row] = await db.select().from(reportPublications).where(and(eq(reportPublications.agencyId, agencyId), eq(reportPublications.year, year)));
  return row;
}

export async function insertPublication(tx: Executor, values: typeof reportPublications.$inferInsert): Promise<PublicationRow | undefined> {
  const [row] = await tx.insert(reportPublications).values(values).onConflictDoNothing().returning();
  return row;
}
