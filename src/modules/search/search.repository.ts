/**
 * Database access of search: full-text matching on document_versions.search (a GIN-indexed
 * tsvector of jieba words plus CJK unigrams and bigrams), exact lookup by 文号 / 索引号, and
 * the text excerpts snippets are cut from. Only live versions of items that are not withdrawn.
 */
import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { columns, documentVersions } from '../../db/schema/index.ts';

/**
 * How the text candidates are collected (see {@link findHits}):
 * - `recent`: walk live versions newest first, testing @@ (a common word, no filter);
 * - `filterFirst`: walk the filtered versions newest first, testing @@ only on them (a common
 *   word within a filter), over at most `scanLimit` rows;
 * - `matchFirst`: collect every match through the GIN index, then keep the newest (a rare word).
 */
export type SearchPlan = 'recent' | 'filterFirst' | 'matchFirst';

/** What a search matches and how it is filtered. */
export interface SearchQuery {
  /** A to_tsquery('simple', …) expression, or null when only the exact lookup applies. */
  tsquery: string | null;
  /** Normalised 文号 for the exact lookup (compared with doc_no_key). */
  docNoKey: string | null;
  /** Candidate 索引号 spellings for the exact lookup. */
  indexNos: string[];
  agencyId?: string | undefined;
  columnIds?: string[] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** How to collect text candidates (default `matchFirst`). */
  plan?: SearchPlan;
  /** Rows `filterFirst` looks at, at most. */
  scanLimit?: number;
}

/** One ranked hit (before snippets). */
export interface HitRow {
  documentId: string;
  title: string;
  indexNo: string;
  docNo: string | null;
  publishedAt: Date;
  agencySlug: string;
  agencyName: string;
  columnSlug: string;
  columnName: string;
  exact: boolean;
  score: number;
}

/**
 * How many of the newest text matches get ranked, and the most a count goes up to. Testing @@
 * and ts_rank read each row's tsvector (TOAST): counting or ranking every match of a word found
 * in most of 100,000 items costs about a second, the newest 500 matches a few milliseconds.
 * Exact 文号/索引号 hits are always candidates.
 */
export const rankWindow = 500;

function exactCondition(q: SearchQuery): SQL | undefined {
  return or(
    q.docNoKey ? eq(documentVersions.docNoKey, q.docNoKey) : undefined,
    q.indexNos.length ? inArray(documentVersions.indexNo, q.indexNos) : undefined,
  );
}

/** The text matches collected by `matchFirst` (a CTE with the columns the filters read). */
const matches = alias(documentVersions, 'm');

/**
 * Live versions within the filters. Withdrawal retires every version of the item (is_current
 * false, publishing module), so is_current alone means "public": no join with documents on
 * thousands of candidates. `t` is the table or the `matchFirst` CTE the conditions apply to.
 */
function filters(q: SearchQuery, t: typeof documentVersions | typeof matches = documentVersions): SQL | undefined {
  return and(
    eq(t.isCurrent, true),
    q.agencyId ? eq(t.agencyId, q.agencyId) : undefined,
    q.columnIds ? (q.columnIds.length ? inArray(t.columnId, q.columnIds) : sql`false`) : undefined,
    q.from ? gte(t.publishedAt, q.from) : undefined,
    q.to ? lt(t.publishedAt, q.to) : undefined,
  );
}

/** true when the query has a filter besides is_current. */
export function isFiltered(q: SearchQuery): boolean {
  return q.agencyId !== undefined || q.columnIds !== undefined || q.from !== undefined || q.to !== undefined;
}

/**
 * The planner's estimate (from the tsvector column's statistics, so after ANALYZE) of the
 * share of live versions matching `tsquery`, and the number of rows: planning only, nothing is
 * read. Share 0 when the table was never analyzed.
 */
export async function matchShare(db: Executor, tsquery: string): Promise<{ share: number; rows: number }> {
  const plan = await db.execute(sql`explain (format json) select 1 from document_versions where is_current and search @@ to_tsquery('simple', ${tsquery})`);
  // reltuples is -1 (PostgreSQL 14+) or 0 until the table is first analyzed: no estimate then.
  const total = await db.execute(sql`select reltuples::float8 as n from pg_class where relname = 'document_versions'`);
  const cell = (plan as unknown as { rows: Record<string, unknown>[] }).rows[0]?.['QUERY PLAN'];
  const parsed = (typeof cell === 'string' ? JSON.parse(cell) : cell) as Array<{ Plan?: { 'Plan Rows'?: number } }> | undefined;
  const matching = Number(parsed?.[0]?.Plan?.['Plan Rows'] ?? 0);
  const n = Number((total as unknown as { rows: { n: number | string }[] }).rows[0]?.n ?? 0);
  return n >= 1 ? { share: Math.min(1, matching / n), rows: n } : { share: 0, rows: 0 };
}

const ts = (q: string) => sql`to_tsquery('simple', ${q})`;

/** The newest `rankWindow` + 1 text matches as (document_id, version, exact = false). */
function textCandidates(db: Executor, q: SearchQuery, tsquery: string): SQL {
  const live = db
    .select({ document_id: documentVersions.documentId, version: documentVersions.version, published_at: documentVersions.publishedAt, search: documentVersions.search })
    .from(documentVersions);
  switch (q.plan ?? 'matchFirst') {
    case 'recent':
      // ORDER BY + LIMIT: the planner walks the published_at index and stops early.
      return sql`select v.document_id, v.version, false as exact from (${live
        .where(and(filters(q), sql`${documentVersions.search} @@ ${ts(tsquery)}`))
        .orderBy(desc(documentVersions.publishedAt))
        .limit(rankWindow + 1)}) v`;
    case 'filterFirst': {
      // The inner query (a fence the planner cannot push @@ into) yields filtered rows newest
      // first; @@ reads the tsvector of those rows only.
      const scanLimit = q.scanLimit ?? 10 * rankWindow;
      // An agency or column filter cannot be read newest first from one index, so the planner
      // fetches every filtered row (scattered over the heap) to sort them. The published_at of
      // the scanLimit-th newest filtered row, read from the index alone (index-only scan),
      // bounds the rows fetched to about scanLimit: a column across 50 agencies, 4,500 rows
      // fetched → 1,300, 50 → 25 ms at 100,000 items. A year alone is walked in index order.
      const cutoff =
        q.agencyId !== undefined || q.columnIds !== undefined
          ? sql`${documentVersions.publishedAt} >= coalesce((${db
              .select({ published_at: documentVersions.publishedAt })
              .from(documentVersions)
              .where(filters(q))
              .orderBy(desc(documentVersions.publishedAt))
              .offset(scanLimit - 1)
              .limit(1)}), '-infinity'::timestamptz)`
          : undefined;
      return sql`select f.document_id, f.version, false as exact
        from (${live.where(and(filters(q), cutoff)).orderBy(desc(documentVersions.publishedAt)).limit(scanLimit)}) f
        where f.search @@ ${ts(tsquery)}
        order by f.published_at desc
        limit ${rankWindow + 1}`;
    }
    case 'matchFirst':
      // A MATERIALIZED CTE fences the match: the GIN index yields every match and only the
      // heap row's short columns are read, never the tsvector; the filters and the newest
      // are then applied to those rows. The planner does not count the cost of detoasting a
      // tsvector (a few kB, TOASTed), so given the chance it walks the published_at index or
      // a filter's index testing @@ row by row: with a word in 6 % of 100,000 items, 150 ms
      // (8,800 tsvectors read) instead of 10 ms, and 100–180 ms instead of 15 ms with a
      // column filter across all agencies. (An OFFSET 0 subquery is not enough: the outer
      // ORDER BY … LIMIT still reaches into it.) The cost is bounded by the number of matches,
      // which choosePlan keeps below the share where walking newest first is cheaper.
      return sql`with m as materialized (${db
        .select({
          document_id: documentVersions.documentId,
          version: documentVersions.version,
          published_at: documentVersions.publishedAt,
          agency_id: documentVersions.agencyId,
          column_id: documentVersions.columnId,
          is_current: documentVersions.isCurrent,
        })
        .from(documentVersions)
        .where(and(eq(documentVersions.isCurrent, true), sql`${documentVersions.search} @@ ${ts(tsquery)}`))})
        select m.document_id, m.version, false as exact
        from m
        where ${filters(q, matches)}
        order by m.published_at desc
        limit ${rankWindow + 1}`;
  }
}

/**
 * A page of hits among the candidates (the newest {@link rankWindow} text matches and every
 * exact 文号/索引号 match): exact matches first (score + 100), then by ts_rank (the title is
 * weighted above the body in the vector), newest first among equals. `candidates` counts them.
 */
export async function findHits(db: Executor, q: SearchQuery, limit: number, offset: number): Promise<{ candidates: number; rows: HitRow[] }> {
  const exact = exactCondition(q);
  const text = q.tsquery ? textCandidates(db, q, q.tsquery) : undefined;
  const exactRows = exact
    ? db
        .select({ document_id: documentVersions.documentId, version: documentVersions.version, exact: sql<boolean>`true`.as('exact') })
        .from(documentVersions)
        .where(and(filters(q), exact))
    : undefined;
  const union = text && exactRows ? sql`(${text}) union all (${exactRows})` : text ? text : exactRows ? sql`${exactRows}` : undefined;
  if (!union) return { candidates: 0, rows: [] };
  // ts_rank is computed here, on the candidates only.
  const rank = q.tsquery ? sql`ts_rank(v.search, ${ts(q.tsquery)})` : sql`0`;
  // The page is chosen before agencies and columns are joined: joined earlier, the planner
  // (misjudging the grouped candidates as a handful of rows) loops over every agency × column.
  const result = await db.execute(sql`
    select p.*, a.slug as "agencySlug", a.name as "agencyName", col.slug as "columnSlug", col.name as "columnName"
    from (
      select v.document_id as "documentId", v.title, v.index_no as "indexNo", v.doc_no as "docNo",
             v.agency_id, v.column_id, v.published_at,
             extract(epoch from v.published_at) * 1000 as "publishedAtMs",
             c.exact as "exact", ((case when c.exact then 100 else 0 end) + ${rank})::float8 as "score",
             count(*) over () as "candidates"
      from (select document_id, version, bool_or(exact) as exact from (${union}) u group by document_id, version) c
      join document_versions v on v.document_id = c.document_id and v.version = c.version
      order by "score" desc, v.published_at desc, v.document_id desc
      limit ${limit} offset ${offset}
    ) p
    join agencies a on a.id = p.agency_id
    join columns col on col.id = p.column_id
    order by p."score" desc, p.published_at desc, p."documentId" desc
  `);
  const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  // An empty page (beyond the end) carries no window count: count the candidates then.
  const candidates = rows.length ? Number(rows[0]!.candidates) : offset > 0 ? (await findHits(db, q, 1, 0)).candidates : 0;
  // filterFirst looked at a bounded number of rows: when the word was rarer than estimated and
  // the window is not full, collect the matches through the index so nothing is missed.
  if (q.plan === 'filterFirst' && candidates <= rankWindow) return findHits(db, { ...q, plan: 'matchFirst' }, limit, offset);
  return {
    candidates,
    rows: rows.map((r) => ({
      documentId: String(r.documentId),
      title: String(r.title),
      indexNo: String(r.indexNo),
      docNo: r.docNo == null ? null : String(r.docNo),
      publishedAt: new Date(Number(r.publishedAtMs)),
      agencySlug: String(r.agencySlug),
      agencyName: String(r.agencyName),
      columnSlug: String(r.columnSlug),
      columnName: String(r.columnName),
      exact: r.exact === true || r.exact === 't',
      score: Number(r.score),
    })),
  };
}

/**
 * Ids of the columns with this slug (in one agency, or across all of them) and of their
 * children: one small query, rather than loading every column of every agency.
 */
export async function columnIdsBySlug(db: Executor, slug: string, agencyId?: string): Promise<string[]> {
  const parent = alias(columns, 'parent');
  const rows = await db
    .select({ id: columns.id })
    .from(columns)
    .leftJoin(parent, eq(parent.id, columns.parentId))
    .where(and(or(eq(columns.slug, slug), eq(parent.slug, slug)), agencyId ? eq(columns.agencyId, agencyId) : undefined));
  return rows.map((r) => r.id);
}

/** Text excerpts around the earliest hit of any term, per document: in the body, else in an attachment. */
export interface ExcerptRow {
  documentId: string;
  /** Body text around the hit (or its start when the body has none). */
  body: string;
  bodyStart: number;
  bodyLength: number;
  bodyHit: boolean;
  /** Attachment text around the hit, when the body has none. */
  attachment: string | null;
  attachmentStart: number | null;
  attachmentLength: number | null;
}

/**
 * Excerpts (about 300 characters) around the earliest hit of `terms` in the body text or,
 * when the body has no hit, in the text of an attachment of the live version. Only the
 * excerpt leaves the database, never a whole attachment text.
 */
export async function findExcerpts(db: Executor, documentIds: string[], terms: string[]): Promise<ExcerptRow[]> {
  if (!documentIds.length) return [];
  const termsParam = sql`${sql.param(terms.length ? terms : [''])}::text[]`;
  const result = await db.execute(sql`
    select b.document_id as "documentId",
           substr(b.body_text, b.s, 300) as "body",
           b.s as "bodyStart",
           char_length(b.body_text) as "bodyLength",
           b.hit is not null as "bodyHit",
           att.excerpt as "attachment",
           att.s as "attachmentStart",
           att.len as "attachmentLength"
    from (
      select v.document_id, v.body_text, v.attachments,
             h.hit, greatest(1, coalesce(h.hit, 1) - 100) as s
      from document_versions v
      cross join lateral (
        select min(p) as hit from (select strpos(lower(v.body_text), t) as p from unnest(${termsParam}) as t where t <> '') x where p > 0
      ) h
      where v.is_current and v.document_id in (${sql.join(
        documentIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
    ) b
    left join lateral (
      select substr(a.text, greatest(1, ah.hit - 100), 300) as excerpt, greatest(1, ah.hit - 100) as s, char_length(a.text) as len
      from jsonb_array_elements(b.attachments) e
      join attachments a on a.id = (e->>'id')::uuid
      cross join lateral (
        select min(p) as hit from (select strpos(lower(a.text), t) as p from unnest(${termsParam}) as t where t <> '') x where p > 0
      ) ah
      where b.hit is null and ah.hit is not null
      order by ah.hit
      limit 1
    ) att on true
  `);
  const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  return rows.map((r) => ({
    documentId: String(r.documentId),
    body: String(r.body ?? ''),
    bodyStart: Number(r.bodyStart),
    bodyLength: Number(r.bodyLength),
    bodyHit: r.bodyHit === true || r.bodyHit === 't',
    attachment: r.attachment == null ? null : String(r.attachment),
    attachmentStart: r.attachmentStart == null ? null : Number(r.attachmentStart),
    attachmentLength: r.attachmentLength == null ? null : Number(r.attachmentLength),
  }));
}
