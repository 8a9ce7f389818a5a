/**
 * Read model of published items for the portal and the public API: what citizens may see
 * (the live version of every item that is not withdrawn), withdrawal notices and history.
 * Read-only: nothing here writes.
 */
import type { Executor } from '../../db/client.ts';
import { isUuid } from '../../lib/ids.ts';
import * as repo from './public-read.repository.ts';

/** One published item in a list. */
export type PublishedItemSummary = repo.SummaryRow;

/** One published version with its body, attachments and the state of its document. */
export type PublishedVersion = repo.VersionRow;

/** One entry of an item's 历史版本 list. */
export interface PublishedVersionEntry {
  version: number;
  title: string;
  publishedAt: Date;
  /** 更正说明 of this version (why it replaced the previous one). */
  changeNote: string | null;
  isCurrent: boolean;
}

/** What the public sees of a withdrawn (撤回) item. */
export interface WithdrawalNotice {
  documentId: string;
  title: string;
  indexNo: string;
  agencyId: string;
  agencySlug: string;
  agencyName: string;
  agencySettings: Record<string, string | undefined>;
  columnSlug: string;
  columnName: string;
  withdrawnAt: Date | null;
  reason: string | null;
}

/** What the public sees of a version hidden because it holds personal data (nothing of its content). */
export interface HiddenVersionNotice {
  documentId: string;
  version: number;
  agencyId: string;
  agencySlug: string;
  agencyName: string;
  columnSlug: string;
  columnName: string;
  hiddenAt: Date;
  /** false when the item itself is withdrawn: there is no current version to point at. */
  hasLive: boolean;
}

/** Result of looking up an item for the public. */
export type PublishedItemLookup =
  | { state: 'published'; item: PublishedVersion; history: PublishedVersionEntry[] }
  | { state: 'hidden'; notice: HiddenVersionNotice }
  | { state: 'withdrawn'; notice: WithdrawalNotice }
  | { state: 'missing' };

/** Filters of a public list. */
export interface PublishedListFilter {
  agencyId?: string | undefined;
  /** A first-level column and its children, or one column. */
  columnIds?: string[] | undefined;
  /** Year of publication in China time. */
  year?: number | undefined;
  /** 主题分类. */
  topic?: string | undefined;
  /** 公开目录事项. */
  catalogItemId?: string | undefined;
}

/** [start, end) of a calendar year in China time (UTC+8) as instants. */
export function chinaYearRange(year: number): { from: Date; to: Date } {
  const offset = 8 * 3600_000;
  return { from: new Date(Date.UTC(year, 0, 1) - offset), to: new Date(Date.UTC(year + 1, 0, 1) - offset) };
}

function toRepoFilter(f: PublishedListFilter): repo.ListFilter {
  const range = f.year !== undefined ? chinaYearRange(f.year) : undefined;
  return { agencyId: f.agencyId, columnIds: f.columnIds, from: range?.from, to: range?.to, topic: f.topic, catalogItemId: f.catalogItemId };
}

/** A page of published items, newest first, and how many there are in all. */
export async function listPublishedItems(
  db: Executor,
  filter: PublishedListFilter,
  page: { page: number; pageSize: number },
): Promise<{ total: number; items: PublishedItemSummary[] }> {
  const f = toRepoFilter(filter);
  const total = await repo.countSummaries(db, f);
  const offset = (page.page - 1) * page.pageSize;
  const items = total > offset ? await repo.findSummaries(db, f, page.pageSize, offset) : [];
  return { total, items };
}

/** How many live items each catalog item of the agency has (items without a link are left out). */
export async function countPublishedByCatalogItem(db: Executor, agencyId: string): Promise<Map<string, number>> {
  const rows = await repo.countByCatalogItem(db, agencyId);
  return new Map(rows.filter((r) => r.catalogItemId).map((r) => [r.catalogItemId!, Number(r.n)]));
}

/** The newest `limit` published items matching `filter`. */
export function listLatestPublishedItems(db: Executor, filter: PublishedListFilter, limit: number): Promise<PublishedItemSummary[]> {
  return repo.findSummaries(db, toRepoFilter(filter), limit, 0);
}

/** The 主题分类 values in use by the published items matching `filter`. */
export function listPublishedTopics(db: Executor, filter: PublishedListFilter): Promise<string[]> {
  return repo.findTopics(db, toRepoFilter(filter));
}

/** The year (China time) of the earliest published item matching `filter`, or null when there is none. */
export async function findFirstPublishedYear(db: Executor, filter: PublishedListFilter): Promise<number | null> {
  const first = await repo.findFirstPublishedAt(db, toRepoFilter(filter));
  return first ? new Date(first.getTime() + 8 * 3600_000).getUTCFullYear() : null;
}

/**
 * An item as the public sees it: its live version (or version `version` from 历史版本) with
 * the history, a withdrawal notice, or missing (unknown id, never published, bad id).
 */
export async function findPublishedItem(db: Executor, documentId: string, version?: number): Promise<PublishedItemLookup> {
  if (!isUuid(documentId)) return { state: 'missing' };
  if (version !== undefined && (!Number.isInteger(version) || version < 1 || version > 1_000_000)) return { state: 'missing' };
  const row = await repo.findVersion(db, documentId, version);
  if (!row) return { state: 'missing' };
  // A hidden version shows nothing of itself, not even its title (withdrawal notice included).
  if (row.hiddenAt) {
    return {
      state: 'hidden',
      notice: {
        documentId: row.documentId,
        version: row.version,
        agencyId: row.agencyId,
        agencySlug: row.agencySlug,
        agencyName: row.agencyName,
        columnSlug: row.columnSlug,
        columnName: row.columnName,
        hiddenAt: row.hiddenAt,
        hasLive: row.documentStatus !== 'withdrawn',
      },
    };
  }
  if (row.documentStatus === 'withdrawn') {
    return {
      state: 'withdrawn',
      notice: {
        documentId: row.documentId,
        title: row.title,
        indexNo: row.indexNo,
        agencyId: row.agencyId,
        agencySlug: row.agencySlug,
        agencyName: row.agencyName,
        agencySettings: row.agencySettings,
        columnSlug: row.columnSlug,
        columnName: row.columnName,
        withdrawnAt: row.withdrawnAt,
        reason: row.withdrawReason,
      },
    };
  }
  // Without a version asked for, only the live one is public.
  if (version === undefined && !row.isCurrent) return { state: 'missing' };
  const history = await repo.findVersionHistory(db, documentId);
  return { state: 'published', item: row, history };
}

/** Ids and publication times of live items, newest first (sitemaps). */
export function listPublishedSitemapEntries(db: Executor, limit: number, offset: number): Promise<{ documentId: string; publishedAt: Date }[]> {
  return repo.findSitemapEntries(db, limit, offset);
}

/** How many live items match `filter`. */
export function countPublishedItems(db: Executor, filter: PublishedListFilter): Promise<number> {
  return repo.countSummaries(db, toRepoFilter(filter));
}

/** What the portal shows beside an item: the policy it interprets and its interpretations (政策解读). */
export interface InterpretationLinks {
  interprets: PublishedItemSummary | null;
  interpretations: PublishedItemSummary[];
}

/** The live policy `item` interprets (if any) and the live interpretations of `item`. */
export async function findInterpretationLinks(db: Executor, item: { documentId: string; interpretsId: string | null }): Promise<InterpretationLinks> {
  const [interprets, interpretations] = await Promise.all([
    item.interpretsId ? repo.findLiveSummary(db, item.interpretsId) : Promise.resolve(undefined),
    repo.findInterpretations(db, item.documentId),
  ]);
  return { interprets: interprets ?? null, interpretations };
}
