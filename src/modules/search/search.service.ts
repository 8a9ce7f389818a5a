/**
 * Search over published items (条例第二十四条: 检索): Chinese full text with jieba words and
 * CJK unigrams/bigrams (so 预算, 低保 and 税 work), exact lookup by 文号 or 索引号, filters by
 * agency, column (a first-level column includes its children) and year (China time), and
 * highlighted snippets cut from the body or an attachment's text.
 */
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { listColumns, findColumn } from '../agencies/index.ts';
import * as repo from './search.repository.ts';
import { buildSnippet, highlightHtml } from './snippet.ts';
import { highlightTerms, queryExpression } from './tokenize.ts';

/** Longest query accepted, in characters. */
export const maxQueryLength = 100;

/** Input of {@link searchPublished}. */
export interface SearchInput {
  /** What the person typed. */
  q: string;
  agencyId?: string | undefined;
  /** One column by id (a first-level column includes its children). */
  columnId?: string | undefined;
  /** Columns by slug across agencies (e.g. `fdzdgknr`), children included; ignored when columnId is set. */
  columnSlug?: string | undefined;
  /** Year of publication in China time. */
  year?: number | undefined;
  /** 1-based page. */
  page: number;
  pageSize: number;
}

/** One search hit. */
export interface SearchHit {
  documentId: string;
  title: string;
  /** The title escaped, with <mark> around highlight terms. */
  titleHtml: string;
  indexNo: string;
  docNo: string | null;
  publishedAt: Date;
  agencyName: string;
  agencySlug: string;
  columnName: string;
  columnSlug: string;
  /** About 120 characters around the first hit in the body or an attachment: escaped text with <mark>. */
  snippetHtml: string;
  /** true when the snippet comes from an attachment's text. */
  snippetFromAttachment: boolean;
  /** true for an exact 文号 / 索引号 match (ranked first). */
  exact: boolean;
  score: number;
}

/** Result of a search. */
export interface SearchResult {
  /** How many items match, counted up to {@link maxCountedHits} (see `more`). */
  total: number;
  /** true when more than `total` items match: only the newest {@link maxCountedHits} matches are ranked and paged. */
  more: boolean;
  items: SearchHit[];
}

/** Matches counted and ranked at most (the newest ones); the rest are reported as "more". */
export const maxCountedHits = repo.rankWindow;

/**
 * The normalised form of a 文号 used for exact lookup, the same folding the publishing module
 * stores in doc_no_key: NFKC (full-width ［］（） become []()), no white space, and every
 * bracket variant around the year (〔〕 [] () 【】 〈〉 ﹝﹞) written as 〔〕.
 */
export function docNoKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[[(【〈﹝〔]/gu, '〔')
    .replace(/[\])】〉﹞〕]/gu, '〕');
}

/**
 * Chooses how to collect text candidates from the planner's estimate of how common the words
 * are. Walking versions newest first costs about rankWindow / share tsvector reads; collecting
 * every match through the GIN index costs share × rows heap reads (several times cheaper each,
 * no TOAST). They cost the same near share = √(8 · rankWindow / rows): about 0.2 at 100,000.
 */
async function choosePlan(db: Executor, query: repo.SearchQuery, tsquery: string): Promise<Pick<repo.SearchQuery, 'plan' | 'scanLimit'>> {
  const { share, rows } = await repo.matchShare(db, tsquery);
  if (rows === 0 || share < Math.sqrt((8 * repo.rankWindow) / rows)) return { plan: 'matchFirst' };
  if (!repo.isFiltered(query)) return { plan: 'recent' };
  return { plan: 'filterFirst', scanLimit: Math.ceil(((repo.rankWindow + 1) / share) * 2) };
}

/** Year [from, to) in China time (UTC+8). */
function yearRange(year: number): { from: Date; to: Date } {
  const offset = 8 * 3600_000;
  return { from: new Date(Date.UTC(year, 0, 1) - offset), to: new Date(Date.UTC(year + 1, 0, 1) - offset) };
}

/** The ids of a column and its children (columns are two levels deep). */
async function columnScope(db: Executor, input: SearchInput): Promise<string[] | undefined> {
  if (input.columnId) {
    if (!isUuid(input.columnId)) return [];
    const col = await findColumn(db, input.columnId);
    if (!col) return [];
    const siblings = await listColumns(db, col.agencyId);
    return [col.id, ...siblings.filter((c) => c.parentId === col.id).map((c) => c.id)];
  }
  if (input.columnSlug) return repo.columnIdsBySlug(db, input.columnSlug, input.agencyId);
  return undefined;
}

/**
 * Searches published items. Empty queries give an empty result; queries longer than
 * {@link maxQueryLength} are refused with VALIDATION.
 */
export async function searchPublished(db: Executor, input: SearchInput): Promise<SearchResult> {
  const q = input.q.trim();
  if (q.length > maxQueryLength) throw new AppError('VALIDATION', { message: `搜索关键词最多 ${maxQueryLength} 个字`, details: { fields: { q: `最多 ${maxQueryLength} 个字` } } });
  if (!q) return { total: 0, more: false, items: [] };
  if (input.agencyId !== undefined && !isUuid(input.agencyId)) return { total: 0, more: false, items: [] };

  const key = docNoKey(q);
  const compact = q.normalize('NFKC').replace(/\s+/gu, '');
  const range = input.year !== undefined ? yearRange(input.year) : undefined;
  const query: repo.SearchQuery = {
    tsquery: queryExpression(q),
    docNoKey: key || null,
    indexNos: compact ? [...new Set([compact, compact.toUpperCase()])] : [],
    agencyId: input.agencyId,
    columnIds: await columnScope(db, input),
    from: range?.from,
    to: range?.to,
  };

  if (query.tsquery) Object.assign(query, await choosePlan(db, query, query.tsquery));
  // One query ranks the candidates (the newest matches) and counts them: no separate count(*)
  // over every match, which for a common word would read most of the table.
  const offset = (input.page - 1) * input.pageSize;
  const { candidates, rows: hits } = await repo.findHits(db, query, input.pageSize, offset);
  const more = candidates > repo.rankWindow;
  const total = Math.min(candidates, repo.rankWindow);
  if (!hits.length) return { total, more, items: [] };
  const terms = highlightTerms(q);
  const excerpts = new Map((await repo.findExcerpts(db, hits.map((h) => h.documentId), terms)).map((e) => [e.documentId, e]));

  const items = hits.map((h): SearchHit => {
    const e = excerpts.get(h.documentId);
    let snippetHtml = '';
    let fromAttachment = false;
    if (e) {
      if (!e.bodyHit && e.attachment !== null) {
        fromAttachment = true;
        snippetHtml = buildSnippet(e.attachment, terms, {
          clippedStart: (e.attachmentStart ?? 1) > 1,
          clippedEnd: (e.attachmentStart ?? 1) - 1 + e.attachment.length < (e.attachmentLength ?? 0),
        });
      } else {
        snippetHtml = buildSnippet(e.body, terms, { clippedStart: e.bodyStart > 1, clippedEnd: e.bodyStart - 1 + e.body.length < e.bodyLength });
      }
    }
    return {
      documentId: h.documentId,
      title: h.title,
      titleHtml: highlightHtml(h.title, terms),
      indexNo: h.indexNo,
      docNo: h.docNo,
      publishedAt: h.publishedAt,
      agencyName: h.agencyName,
      agencySlug: h.agencySlug,
      columnName: h.columnName,
      columnSlug: h.columnSlug,
      snippetHtml,
      snippetFromAttachment: fromAttachment,
      exact: h.exact,
      score: h.score,
    };
  });
  return { total, more, items };
}
