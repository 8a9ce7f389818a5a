/** Database access of the publishing module: the only file of the module that imports Drizzle tables. */
import { and, asc, count, desc, eq, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { attachments, documents, documentVersions, indexSequences, reviewActions, users, type AttachmentRef } from '../../db/schema/index.ts';

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocument = typeof documents.$inferInsert;
export type AttachmentRow = typeof attachments.$inferSelect;
export type NewAttachment = typeof attachments.$inferInsert;
export type VersionRow = Omit<typeof documentVersions.$inferSelect, 'search'>;
export type NewVersion = Omit<typeof documentVersions.$inferInsert, 'search'>;
export type ReviewActionRow = typeof reviewActions.$inferSelect & { actorName: string | null };

/** Takes the next 索引号 sequence number of an agency and year (atomic upsert, no gaps under contention). */
export async function nextIndexSequence(tx: Executor, agencyId: string, year: number): Promise<number> {
  const rows = await tx
    .insert(indexSequences)
    .values({ agencyId, year, last: 1 })
    .onConflictDoUpdate({ target: [indexSequences.agencyId, indexSequences.year], set: { last: sql`${indexSequences.last} + 1` } })
    .returning({ last: indexSequences.last });
  return rows[0]!.last;
}

/** Inserts a document row. */
export async function insertDocument(tx: Executor, values: NewDocument): Promise<DocumentRow> {
  return (await tx.insert(documents).values(values).returning())[0]!;
}

/** One document by id. */
export async function findDocument(tx: Executor, id: string): Promise<DocumentRow | undefined> {
  return (await tx.select().from(documents).where(eq(documents.id, id)).limit(1))[0];
}

/** What a guarded update expects to find. */
export interface Guard {
  lockVersion: number;
  status?: string;
  currentStep?: number;
}

/**
 * UPDATE … WHERE id AND lock_version (AND status AND current_step), bumping lock_version.
 * Returns the new row, or undefined when someone else changed the document first.
 */
export async function updateDocumentGuarded(
  tx: Executor,
  id: string,
  guard: Guard,
  values: Partial<NewDocument>,
): Promise<DocumentRow | undefined> {
  const where: SQL[] = [eq(documents.id, id), eq(documents.lockVersion, guard.lockVersion)];
  if (guard.status !== undefined) where.push(eq(documents.status, guard.status));
  if (guard.currentStep !== undefined) where.push(eq(documents.currentStep, guard.currentStep));
  const rows = await tx
    .update(documents)
    .set({ ...values, lockVersion: sql`${documents.lockVersion} + 1`, updatedAt: sql`now()` })
    .where(and(...where))
    .returning();
  return rows[0];
}

/** Sets fields of a document whose row the caller's transaction already holds (no lockVersion bump). */
export async function setDocumentFields(tx: Executor, id: string, values: Partial<NewDocument>): Promise<DocumentRow> {
  return (await tx.update(documents).set(values).where(eq(documents.id, id)).returning())[0]!;
}

/** Filters of the staff document list. */
export interface DocumentQuery {
  agencyIds: string[] | 'all';
  status?: string | undefined;
  createdBy?: string | undefined;
  /** Substring of title, 文号 or 索引号. */
  q?: string | undefined;
  limit: number;
  offset: number;
}

function likePattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A page of documents (newest change first) and the total matching. */
export async function findDocuments(tx: Executor, query: DocumentQuery): Promise<{ rows: DocumentRow[]; total: number }> {
  const where: SQL[] = [];
  if (query.agencyIds !== 'all') {
    if (query.agencyIds.length === 0) return { rows: [], total: 0 };
    where.push(inArray(documents.agencyId, query.agencyIds));
  }
  if (query.status) where.push(eq(documents.status, query.status));
  if (query.createdBy) where.push(eq(documents.createdBy, query.createdBy));
  if (query.q) {
    const p = likePattern(query.q);
    where.push(or(sql`${documents.title} ilike ${p}`, sql`${documents.docNo} ilike ${p}`, sql`${documents.indexNo} ilike ${p}`)!);
  }
  const cond = where.length ? and(...where) : undefined;
  const [rows, totals] = await Promise.all([
    tx.select().from(documents).where(cond).orderBy(desc(documents.updatedAt), desc(documents.id)).limit(query.limit).offset(query.offset),
    tx.select({ n: count() }).from(documents).where(cond),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}

/** Review steps one reviewer decides in one agency. */
export interface InboxScope {
  agencyId: string;
  steps: string[];
}

/** Documents in review whose current step key is one of the actor's steps in that agency, excluding their own drafts. */
export async function findInbox(tx: Executor, scopes: InboxScope[], exceptCreatedBy: string): Promise<DocumentRow[]> {
  const usable = scopes.filter((s) => s.steps.length > 0);
  if (usable.length === 0) return [];
  const stepKey = sql`(${documents.chain} -> ${documents.currentStep}) ->> 'key'`;
  const perAgency = usable.map((s) => and(eq(documents.agencyId, s.agencyId), inArray(stepKey, s.steps))!);
  return tx
    .select()
    .from(documents)
    .where(and(eq(documents.status, 'in_review'), ne(documents.createdBy, exceptCreatedBy), or(...perAgency)))
    .orderBy(asc(documents.updatedAt))
    .limit(500);
}

/** Inserts an attachment row. */
export async function insertAttachment(tx: Executor, values: NewAttachment): Promise<AttachmentRow> {
  return (await tx.insert(attachments).values(values).returning())[0]!;
}

/** Attachments of a document's working copy (current ones unless `all`), oldest first. */
export async function findAttachments(tx: Executor, documentId: string, all = false): Promise<AttachmentRow[]> {
  const where = all ? eq(attachments.documentId, documentId) : and(eq(attachments.documentId, documentId), eq(attachments.current, true));
  return tx.select().from(attachments).where(where).orderBy(asc(attachments.createdAt), asc(attachments.id));
}

/** One attachment of a document (current or not). */
export async function findAttachment(tx: Executor, documentId: string, attachmentId: string): Promise<AttachmentRow | undefined> {
  const rows = await tx
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.documentId, documentId)))
    .limit(1);
  return rows[0];
}

/** Removes an attachment from the working copy (published versions may still list it). */
export async function markAttachmentRemoved(tx: Executor, attachmentId: string): Promise<void> {
  await tx.update(attachments).set({ current: false }).where(eq(attachments.id, attachmentId));
}

/** Appends one event to a document's review trail. */
export async function insertReviewAction(tx: Executor, values: typeof reviewActions.$inferInsert): Promise<void> {
  await tx.insert(reviewActions).values(values);
}

/** A document's workflow history, oldest first, with the actors' display names. */
export async function findReviewActions(tx: Executor, documentId: string): Promise<ReviewActionRow[]> {
  const rows = await tx
    .select({ action: reviewActions, actorName: users.displayName })
    .from(reviewActions)
    .leftJoin(users, eq(users.id, reviewActions.actorId))
    .where(eq(reviewActions.documentId, documentId))
    .orderBy(asc(reviewActions.seq));
  return rows.map((r) => ({ ...r.action, actorName: r.actorName }));
}

/** Display names of users by id. */
export async function findUserNames(tx: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The highest version number of a document (0 before the first publication). */
export async function findMaxVersion(tx: Executor, documentId: string): Promise<number> {
  const rows = await tx
    .select({ v: sql<number>`coalesce(max(${documentVersions.version}), 0)` })
    .from(documentVersions)
    .where(eq(documentVersions.documentId, documentId));
  return Number(rows[0]?.v ?? 0);
}

/** Marks every version of a document as not current (before a new one, or at withdrawal). */
export async function retireVersions(tx: Executor, documentId: string): Promise<void> {
  await tx
    .update(documentVersions)
    .set({ isCurrent: false })
    .where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.isCurrent, true)));
}

/**
 * Hides versions of a document from the public (personal data): `versions` given, only those;
 * otherwise every version that is not current. Already hidden ones keep their first reason.
 * Returns the version numbers hidden now.
 */
export async function hideVersions(
  tx: Executor,
  documentId: string,
  values: { at: Date; reason: string; by: string | null },
  versions?: number[],
): Promise<number[]> {
  const rows = await tx
    .update(documentVersions)
    .set({ hiddenAt: values.at, hiddenReason: values.reason, hiddenBy: values.by })
    .where(
      and(
        eq(documentVersions.documentId, documentId),
        eq(documentVersions.isCurrent, false),
        isNull(documentVersions.hiddenAt),
        versions ? inArray(documentVersions.version, versions) : undefined,
      ),
    )
    .returning({ version: documentVersions.version });
  return rows.map((r) => r.version).sort((a, b) => a - b);
}

/** Token strings of a version's weighted parts (see documentTokens). */
export interface VersionTokens {
  /** Title: weight A. */
  title: string;
  /** 文号, 索引号 and keywords: weight A. */
  meta: string;
  /** Body text: weight B. */
  body: string;
  /** Text of the attachments: weight C. */
  attachments: string;
}

/** Inserts a version with its tsvector built in SQL from pre-segmented tokens. */
export async function insertVersion(tx: Executor, values: NewVersion, tokens: VersionTokens): Promise<void> {
  const search = sql`setweight(to_tsvector('simple', ${tokens.title}), 'A')
    || setweight(to_tsvector('simple', ${tokens.meta}), 'A')
    || setweight(to_tsvector('simple', ${tokens.body}), 'B')
    || setweight(to_tsvector('simple', ${tokens.attachments}), 'C')`;
  await tx.insert(documentVersions).values({ ...values, search });
}

/** Every version of a document, newest first (without the search vector). */
export async function findVersions(tx: Executor, documentId: string): Promise<VersionRow[]> {
  return tx.select(versionColumns()).from(documentVersions).where(eq(documentVersions.documentId, documentId)).orderBy(desc(documentVersions.version));
}

/** Every column of document_versions except the search vector. */
function versionColumns() {
  return {
    documentId: documentVersions.documentId,
    version: documentVersions.version,
    agencyId: documentVersions.agencyId,
    columnId: documentVersions.columnId,
    catalogItemId: documentVersions.catalogItemId,
    indexNo: documentVersions.indexNo,
    title: documentVersions.title,
    docNo: documentVersions.docNo,
    publisher: documentVersions.publisher,
    writtenOn: documentVersions.writtenOn,
    topic: documentVersions.topic,
    docType: documentVersions.docType,
    validity: documentVersions.validity,
    effectiveOn: documentVersions.effectiveOn,
    invalidOn: documentVersions.invalidOn,
    interpretsId: documentVersions.interpretsId,
    bodyHtml: documentVersions.bodyHtml,
    bodyText: documentVersions.bodyText,
    keywords: documentVersions.keywords,
    attachments: documentVersions.attachments,
    publishedAt: documentVersions.publishedAt,
    changeNote: documentVersions.changeNote,
    isCurrent: documentVersions.isCurrent,
    hiddenAt: documentVersions.hiddenAt,
    hiddenReason: documentVersions.hiddenReason,
    hiddenBy: documentVersions.hiddenBy,
    docNoKey: documentVersions.docNoKey,
    noticeStartsOn: documentVersions.noticeStartsOn,
    noticeEndsOn: documentVersions.noticeEndsOn,
  };
}

/** Scheduled documents due at `at`, oldest schedule first. */
export async function findDueScheduled(tx: Executor, at: Date, limit: number): Promise<Array<{ id: string; lockVersion: number }>> {
  return tx
    .select({ id: documents.id, lockVersion: documents.lockVersion })
    .from(documents)
    .where(and(eq(documents.status, 'scheduled'), lte(documents.scheduledAt, at)))
    .orderBy(asc(documents.scheduledAt))
    .limit(limit);
}

/** An attachment that the current published version of a non-withdrawn document lists, or undefined. */
export async function findPublicAttachment(
  tx: Executor,
  attachmentId: string,
): Promise<{ storageKey: string; filename: string; mime: string; size: number } | undefined> {
  const rows = await tx
    .select({ storageKey: attachments.storageKey, filename: attachments.filename, mime: attachments.mime, size: attachments.size })
    .from(attachments)
    .innerJoin(documents, eq(documents.id, attachments.documentId))
    .innerJoin(
      documentVersions,
      and(eq(documentVersions.documentId, attachments.documentId), eq(documentVersions.isCurrent, true)),
    )
    .where(
      and(
        eq(attachments.id, attachmentId),
        ne(documents.status, 'withdrawn'),
        sql`${documentVersions.attachments} @> ${JSON.stringify([{ id: attachmentId }])}::jsonb`,
      ),
    )
    .limit(1);
  return rows[0];
}

/** A page of current published versions for the privacy sweep (回头看), by document id. */
export async function findCurrentVersionsPage(
  tx: Executor,
  agencyId: string | null,
  afterDocumentId: string | null,
  limit: number,
): Promise<Array<{ documentId: string; version: number; agencyId: string; title: string; indexNo: string; bodyHtml: string; attachments: AttachmentRef[]; publishedAt: Date }>> {
  const where: SQL[] = [eq(documentVersions.isCurrent, true)];
  if (agencyId) where.push(eq(documentVersions.agencyId, agencyId));
  if (afterDocumentId) where.push(sql`${documentVersions.documentId} > ${afterDocumentId}`);
  return tx
    .select({
      documentId: documentVersions.documentId,
      version: documentVersions.version,
      agencyId: documentVersions.agencyId,
      title: documentVersions.title,
      indexNo: documentVersions.indexNo,
      bodyHtml: documentVersions.bodyHtml,
      attachments: documentVersions.attachments,
      publishedAt: documentVersions.publishedAt,
    })
    .from(documentVersions)
    .where(and(...where))
    .orderBy(asc(documentVersions.documentId))
    .limit(limit);
}

/** How many current published versions there are (of one agency, or all): the sweep's total. */
export async function countCurrentVersions(tx: Executor, agencyId: string | null): Promise<number> {
  const where: SQL[] = [eq(documentVersions.isCurrent, true)];
  if (agencyId) where.push(eq(documentVersions.agencyId, agencyId));
  return (await tx.select({ n: count() }).from(documentVersions).where(and(...where)))[0]!.n;
}

/** Documents by id (any agency; the caller filters by visibility). */
export async function findDocumentsByIds(tx: Executor, ids: string[]): Promise<DocumentRow[]> {
  if (!ids.length) return [];
  return tx.select().from(documents).where(inArray(documents.id, ids));
}

/** Attachments by id (any document), for re-reading published files. */
export async function findAttachmentsByIds(tx: Executor, ids: string[]): Promise<AttachmentRow[]> {
  if (!ids.length) return [];
  return tx.select().from(attachments).where(inArray(attachments.id, ids));
}
