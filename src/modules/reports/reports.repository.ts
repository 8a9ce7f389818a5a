/**
 * The only file of the reports module that touches Drizzle: the generator's own tables
 * (report_figures, report_cases, report_drafts, report_publications) and read-only queries of
 * the published items (document_versions) that table 二 and the draft count. The publishing
 * module has no read function for these counts yet; the queries only read its published
 * versions, never its working copies.
 */
import { and, asc, count, desc, eq, gte, inArray, lt, min, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { documents, documentVersions, reportCases, reportDrafts, reportFigures, reportPublications, users } from '../../db/schema/index.ts';

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
      title: documentVersions.title,
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

/** The latest revision of the agency's published report on `year`. */
export async function findPublication(db: Executor, agencyId: string, year: number): Promise<PublicationRow | undefined> {
  const [row] = await db
    .select()
    .from(reportPublications)
    .where(and(eq(reportPublications.agencyId, agencyId), eq(reportPublications.year, year)))
    .orderBy(desc(reportPublications.revision))
    .limit(1);
  return row;
}

/** Every revision of every agency's published report on `year`, oldest first. */
export async function listPublicationsOfYear(db: Executor, year: number): Promise<PublicationRow[]> {
  return db.select().from(reportPublications).where(eq(reportPublications.year, year)).orderBy(asc(reportPublications.agencyId), asc(reportPublications.revision));
}

/** The first publication time of the agency's report on `year` (revision 1), if published. */
export async function findFirstPublishedAt(db: Executor, agencyId: string, year: number): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: reportPublications.publishedAt })
    .from(reportPublications)
    .where(and(eq(reportPublications.agencyId, agencyId), eq(reportPublications.year, year), eq(reportPublications.revision, 1)));
  return row?.at;
}

/** Inserts a revision; undefined when that revision exists already (a concurrent publication). */
export async function insertPublication(tx: Executor, values: typeof reportPublications.$inferInsert): Promise<PublicationRow | undefined> {
  const [row] = await tx.insert(reportPublications).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findCase(db: Executor, id: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(reportCases).where(eq(reportCases.id, id));
  return row;
}

export async function updateCase(tx: Executor, id: string, values: Partial<typeof reportCases.$inferInsert>): Promise<CaseRow | undefined> {
  const [row] = await tx.update(reportCases).set({ ...values, updatedAt: sql`now()` }).where(eq(reportCases.id, id)).returning();
  return row;
}

export async function deleteCase(tx: Executor, id: string): Promise<boolean> {
  const rows = await tx.delete(reportCases).where(eq(reportCases.id, id)).returning({ id: reportCases.id });
  return rows.length > 0;
}

/** Display names of users (who entered a figure, published a report). */
export async function findUserNames(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Agencies that entered anything for `year`: figures, cases or a saved narrative. */
export async function findStartedAgencies(db: Executor, year: number): Promise<Set<string>> {
  const [f, c, d] = await Promise.all([
    db.selectDistinct({ id: reportFigures.agencyId }).from(reportFigures).where(eq(reportFigures.year, year)),
    db.selectDistinct({ id: reportCases.agencyId }).from(reportCases).where(eq(reportCases.year, year)),
    db.selectDistinct({ id: reportDrafts.agencyId }).from(reportDrafts).where(eq(reportDrafts.year, year)),
  ]);
  return new Set([...f, ...c, ...d].map((r) => r.id));
}

/** The latest revision of the published report whose portal item is `documentId` (its agency and year). */
export async function findPublicationByDocument(db: Executor, documentId: string): Promise<PublicationRow | undefined> {
  const [row] = await db.select().from(reportPublications).where(eq(reportPublications.documentId, documentId)).orderBy(desc(reportPublications.revision)).limit(1);
  return row;
}
