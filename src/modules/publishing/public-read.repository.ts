/**
 * Database access of the public read model: published versions (document_versions, the live
 * one marked isCurrent) of documents that are not withdrawn, with their agency and column.
 * Only the portal and the public API read through here (via public-read.service.ts).
 */
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, min, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { agencies, columns, documents, documentVersions } from '../../db/schema/index.ts';

/** Columns every list row carries. */
const summaryFields = {
  documentId: documentVersions.documentId,
  version: documentVersions.version,
  indexNo: documentVersions.indexNo,
  title: documentVersions.title,
  docNo: documentVersions.docNo,
  publisher: documentVersions.publisher,
  writtenOn: documentVersions.writtenOn,
  topic: documentVersions.topic,
  publishedAt: documentVersions.publishedAt,
  agencyId: documentVersions.agencyId,
  agencySlug: agencies.slug,
  agencyName: agencies.name,
  columnId: documentVersions.columnId,
  columnSlug: columns.slug,
  columnName: columns.name,
  description: sql<string>`left(${documentVersions.bodyText}, 200)`,
};

/** One row of a list of published items. */
export interface SummaryRow {
  documentId: string;
  version: number;
  indexNo: string;
  title: string;
  docNo: string | null;
  publisher: string;
  writtenOn: string | null;
  topic: string | null;
  publishedAt: Date;
  agencyId: string;
  agencySlug: string;
  agencyName: string;
  columnId: string;
  columnSlug: string;
  columnName: string;
  /** The first 200 characters of the body text. */
  description: string;
}

/** Filters of a list of published items. */
export interface ListFilter {
  agencyId?: string | undefined;
  /** Any of these columns (a first-level column and its children). */
  columnIds?: string[] | undefined;
  /** Published in [from, to). */
  from?: Date | undefined;
  to?: Date | undefined;
  topic?: string | undefined;
  /** Only items of this 公开目录 item (法定主动公开内容 browsed by catalog). */
  catalogItemId?: string | undefined;
}

/**
 * Live versions. Withdrawal retires every version of the item (is_current false), so lists need
 * no join with documents; the detail lookup still reads the document's state for the notice.
 */
const visible = eq(documentVersions.isCurrent, true);

function where(f: ListFilter): SQL | undefined {
  return and(
    visible,
    f.agencyId ? eq(documentVersions.agencyId, f.agencyId) : undefined,
    f.columnIds ? (f.columnIds.length ? inArray(documentVersions.columnId, f.columnIds) : sql`false`) : undefined,
    f.from ? gte(documentVersions.publishedAt, f.from) : undefined,
    f.to ? lt(documentVersions.publishedAt, f.to) : undefined,
    f.topic ? eq(documentVersions.topic, f.topic) : undefined,
    f.catalogItemId ? eq(documentVersions.catalogItemId, f.catalogItemId) : undefined,
  );
}

/** Live items per catalog item of an agency (the portal's catalog navigation). */
export async function countByCatalogItem(db: Executor, agencyId: string): Promise<Array<{ catalogItemId: string | null; n: number }>> {
  return db
    .select({ catalogItemId: documentVersions.catalogItemId, n: count() })
    .from(documentVersions)
    .where(and(visible, eq(documentVersions.agencyId, agencyId)))
    .groupBy(documentVersions.catalogItemId);
}

/** A page of published items, newest first. */
export async function findSummaries(db: Executor, f: ListFilter, limit: number, offset: number): Promise<SummaryRow[]> {
  return db
    .select(summaryFields)
    .from(documentVersions)
    .innerJoin(agencies, eq(agencies.id, documentVersions.agencyId))
    .innerJoin(columns, eq(columns.id, documentVersions.columnId))
    .where(where(f))
    .orderBy(desc(documentVersions.publishedAt), desc(documentVersions.documentId))
    .limit(limit)
    .offset(offset);
}

/** How many published items match. */
export async function countSummaries(db: Executor, f: ListFilter): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(documentVersions)
    .where(where(f));
  return Number(row?.n ?? 0);
}

/** Distinct topics (主题分类) of the published items that match. */
export async function findTopics(db: Executor, f: ListFilter): Promise<string[]> {
  const rows = await db
    .selectDistinct({ topic: documentVersions.topic })
    .from(documentVersions)
    .where(and(where(f), isNotNull(documentVersions.topic)))
    .orderBy(asc(documentVersions.topic));
  return rows.map((r) => r.topic).filter((t): t is string => !!t);
}

/** The earliest publication time of the published items that match (drives the year filter). */
export async function findFirstPublishedAt(db: Executor, f: ListFilter): Promise<Date | null> {
  const [row] = await db
    .select({ first: min(documentVersions.publishedAt) })
    .from(documentVersions)
    .where(where(f));
  const v = row?.first as Date | string | null | undefined;
  return v ? new Date(v) : null;
}

/** A version of a document with everything the detail page shows. */
export interface VersionRow extends SummaryRow {
  docType: string;
  /** 政策解读: the item this version interprets, or null. */
  interpretsId: string | null;
  validity: string | null;
  effectiveOn: string | null;
  invalidOn: string | null;
  /** 公示期 (YYYY-MM-DD), null when none. */
  noticeStartsOn: string | null;
  noticeEndsOn: string | null;
  bodyHtml: string;
  bodyText: string;
  keywords: string[];
  attachments: { id: string; filename: string; mime: string; size: number }[];
  changeNote: string | null;
  isCurrent: boolean;
  /** Set when this superseded version is no longer public (personal data). */
  hiddenAt: Date | null;
  columnParentId: string | null;
  agencySettings: Record<string, string | undefined>;
  documentStatus: string;
  documentTitle: string;
  withdrawnAt: Date | null;
  withdrawReason: string | null;
}

/**
 * One version of a document: version `n`, or (without `n`) the live one. When no version is
 * live (a withdrawal may clear isCurrent) the newest version is returned, so the caller can
 * still show the withdrawal notice.
 */
export async function findVersion(db: Executor, documentId: string, n?: number): Promise<VersionRow | undefined> {
  const rows = await db
    .select({
      ...summaryFields,
      docType: documentVersions.docType,
      interpretsId: documentVersions.interpretsId,
      validity: documentVersions.validity,
      effectiveOn: documentVersions.effectiveOn,
      invalidOn: documentVersions.invalidOn,
      noticeStartsOn: documentVersions.noticeStartsOn,
      noticeEndsOn: documentVersions.noticeEndsOn,
      bodyHtml: documentVersions.bodyHtml,
      bodyText: documentVersions.bodyText,
      keywords: documentVersions.keywords,
      attachments: documentVersions.attachments,
      changeNote: documentVersions.changeNote,
      isCurrent: documentVersions.isCurrent,
      hiddenAt: documentVersions.hiddenAt,
      columnParentId: columns.parentId,
      agencySettings: agencies.settings,
      documentStatus: documents.status,
      documentTitle: documents.title,
      withdrawnAt: documents.withdrawnAt,
      withdrawReason: documents.withdrawReason,
    })
    .from(documentVersions)
    .innerJoin(documents, eq(documents.id, documentVersions.documentId))
    .innerJoin(agencies, eq(agencies.id, documentVersions.agencyId))
    .innerJoin(columns, eq(columns.id, documentVersions.columnId))
    .where(and(eq(documentVersions.documentId, documentId), n !== undefined ? eq(documentVersions.version, n) : undefined))
    .orderBy(desc(documentVersions.isCurrent), desc(documentVersions.version))
    .limit(1);
  const row = rows[0];
  if (!row) return undefined;
  return { ...row, agencySettings: (row.agencySettings ?? {}) as Record<string, string | undefined>, attachments: row.attachments ?? [] };
}

/** The public version history of a document (hidden versions left out), newest first. */
export async function findVersionHistory(
  db: Executor,
  documentId: string,
): Promise<{ version: number; title: string; publishedAt: Date; changeNote: string | null; isCurrent: boolean }[]> {
  return db
    .select({
      version: documentVersions.version,
      title: documentVersions.title,
      publishedAt: documentVersions.publishedAt,
      changeNote: documentVersions.changeNote,
      isCurrent: documentVersions.isCurrent,
    })
    .from(documentVersions)
    // Hidden versions (personal data) are no longer public: not even listed.
    .where(and(eq(documentVersions.documentId, documentId), isNull(documentVersions.hiddenAt)))
    .orderBy(desc(documentVersions.version));
}

/** Every live item's id and publication time, newest first (sitemaps). */
export async function findSitemapEntries(db: Executor, limit: number, offset: number): Promise<{ documentId: string; publishedAt: Date }[]> {
  return db
    .select({ documentId: documentVersions.documentId, publishedAt: documentVersions.publishedAt })
    .from(documentVersions)
    .where(visible)
    .orderBy(desc(documentVersions.publishedAt), desc(documentVersions.documentId))
    .limit(limit)
    .offset(offset);
}

/** Live interpretations (政策解读) of a published item, newest first. */
export async function findInterpretations(db: Executor, documentId: string): Promise<SummaryRow[]> {
  return db
    .select(summaryFields)
    .from(documentVersions)
    .innerJoin(agencies, eq(agencies.id, documentVersions.agencyId))
    .innerJoin(columns, eq(columns.id, documentVersions.columnId))
    .where(and(visible, eq(documentVersions.interpretsId, documentId)))
    .orderBy(desc(documentVersions.publishedAt))
    .limit(20);
}

/** The live summary of one item, or undefined when it is not published (or withdrawn). */
export async function findLiveSummary(db: Executor, documentId: string): Promise<SummaryRow | undefined> {
  const rows = await db
    .select(summaryFields)
    .from(documentVersions)
    .innerJoin(agencies, eq(agencies.id, documentVersions.agencyId))
    .innerJoin(columns, eq(columns.id, documentVersions.columnId))
    .where(and(visible, eq(documentVersions.documentId, documentId)))
    .limit(1);
  return rows[0];
}

/** A live policy (规章 / 行政规范性文件) of an agency without any live interpretation. */
export interface UninterpretedPolicyRow {
  documentId: string;
  indexNo: string;
  title: string;
  docNo: string | null;
  docType: string;
  /** Publication time of version 1 (the interpretation clock starts there). */
  firstPublishedAt: Date;
}

/** Live regulation/normative items of the agency that no live item interprets, oldest first. */
export async function findUninterpretedPolicies(db: Executor, agencyId: string, docTypes: readonly string[]): Promise<UninterpretedPolicyRow[]> {
  const interpretation = sql`exists (select 1 from ${documentVersions} i where i.interprets_id = ${documentVersions.documentId} and i.is_current)`;
  const first = sql<Date>`(select min(f.published_at) from ${documentVersions} f where f.document_id = ${documentVersions.documentId})`;
  const rows = await db
    .select({
      documentId: documentVersions.documentId,
      indexNo: documentVersions.indexNo,
      title: documentVersions.title,
      docNo: documentVersions.docNo,
      docType: documentVersions.docType,
      firstPublishedAt: first,
    })
    .from(documentVersions)
    .where(and(visible, eq(documentVersions.agencyId, agencyId), inArray(documentVersions.docType, [...docTypes]), sql`not ${interpretation}`))
    .orderBy(asc(documentVersions.publishedAt));
  return rows.map((r) => ({ ...r, firstPublishedAt: new Date(r.firstPublishedAt) }));
}
