/**
 * The publishing tables' side of the catalog backfill (docs/modules/catalog.md §Backfill): which
 * live 主动公开 items have no 目录事项, and the guarded write that links one. Publishing owns
 * `documents` and `document_versions`; the catalog module calls these through publishing's
 * index.ts, inside its own transaction.
 */
import { and, desc, eq, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { columns, documents, documentVersions } from '../../db/schema/index.ts';

/** A live 主动公开 item without a catalog item. */
export interface UnlinkedDocument {
  documentId: string;
  indexNo: string;
  title: string;
  columnId: string;
  columnSlug: string;
  columnName: string;
  publishedAt: Date;
  lockVersion: number;
}

/**
 * The agency's live (published — a correction may be under way — and not withdrawn) 主动公开
 * items whose working copy has no catalog item, newest publication first. Withdrawal clears
 * `is_current`, so the join on the current version also keeps withdrawn items out.
 */
export async function findUnlinkedPublished(db: Executor, agencyId: string, columnId?: string): Promise<UnlinkedDocument[]> {
  const rows = await db
    .select({
      documentId: documents.id,
      indexNo: documents.indexNo,
      title: documentVersions.title,
      columnId: documentVersions.columnId,
      columnSlug: columns.slug,
      columnName: columns.name,
      publishedAt: documentVersions.publishedAt,
      lockVersion: documents.lockVersion,
    })
    .from(documents)
    .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.isCurrent, true)))
    .innerJoin(columns, eq(columns.id, documentVersions.columnId))
    .where(
      and(
        eq(documents.agencyId, agencyId),
        eq(documents.disclosure, 'proactive'),
        isNull(documents.catalogItemId),
        isNotNull(documents.liveVersion),
        ne(documents.status, 'withdrawn'),
        columnId ? eq(documentVersions.columnId, columnId) : undefined,
      ),
    )
    .orderBy(desc(documentVersions.publishedAt), desc(documents.indexNo));
  return rows.map((r) => ({ ...r, publishedAt: r.publishedAt instanceof Date ? r.publishedAt : new Date(r.publishedAt as unknown as string) }));
}

/** What the link check needs of each document (any agency: the caller refuses other agencies' rows). */
export function findDocumentsForLink(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: documents.id,
      agencyId: documents.agencyId,
      title: documents.title,
      disclosure: documents.disclosure,
      status: documents.status,
      liveVersion: documents.liveVersion,
      catalogItemId: documents.catalogItemId,
    })
    .from(documents)
    .where(inArray(documents.id, ids));
}

/**
 * Links a live 主动公开 item to a catalog item, guarded: only when its link is still `from`
 * (null = unlinked) and it is still live, so a link made meanwhile is never silently replaced.
 * Bumps `lock_version` (an open editor of a correction under way reloads instead of saving
 * the old link back). The live version always gets the item; older versions get it only where
 * they recorded none (filling a gap; a snapshot that recorded another item keeps it).
 * Returns false when the guard failed (nothing written).
 */
export async function setDocumentCatalogItem(tx: Executor, documentId: string, agencyId: string, from: string | null, to: string): Promise<boolean> {
  const updated = await tx
    .update(documents)
    .set({ catalogItemId: to, lockVersion: sql`${documents.lockVersion} + 1`, updatedAt: sql`now()` })
    .where(
      and(
        eq(documents.id, documentId),
        eq(documents.agencyId, agencyId),
        eq(documents.disclosure, 'proactive'),
        isNotNull(documents.liveVersion),
        ne(documents.status, 'withdrawn'),
        from === null ? isNull(documents.catalogItemId) : eq(documents.catalogItemId, from),
      ),
    )
    .returning({ liveVersion: documents.liveVersion });
  const live = updated[0]?.liveVersion;
  if (live === undefined || live === null) return false;
  await tx
    .update(documentVersions)
    .set({ catalogItemId: to })
    .where(and(eq(documentVersions.documentId, documentId), or(eq(documentVersions.version, live), eq(documentVersions.isCurrent, true), isNull(documentVersions.catalogItemId))));
  return true;
}
