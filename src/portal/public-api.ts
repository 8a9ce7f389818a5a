/**
 * The public read-only JSON API of published items (no session: the auth hook skips
 * /api/public/). Query parameters are validated with zod; errors are `{code, message}` in
 * Chinese. Responses go through the page cache like the pages.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../lib/errors.ts';
import { parseInput, uuidParam } from '../lib/validation.ts';
import { findPublishedItem, listPublishedItems, type PublishedItemSummary } from '../modules/publishing/index.ts';
import { searchPublished } from '../modules/search/index.ts';
import { cachedResponse, type CachedResponse } from './page-cache.ts';
import { sendCached, type PortalDeps } from './portal.routes.ts';
import { validHost } from './urls.ts';
import { isoChina } from './views/format.ts';

/** '' (an empty form field) counts as absent. */
const blank = (v: unknown) => (v === '' ? undefined : v);

/** Query of GET /api/public/items. */
export const listItemsQuery = z.object({
  /** Agency URL segment, e.g. `quchi`. */
  agency: z.preprocess(blank, z.string().max(64).regex(/^[a-z0-9-]+$/i, '单位标识格式不正确').optional()),
  /** Column URL segment, e.g. `czyjs`; a first-level column includes its children. */
  column: z.preprocess(blank, z.string().max(64).regex(/^[a-z0-9-]+$/i, '栏目标识格式不正确').optional()),
  /** Year of publication (China time). */
  year: z.preprocess(blank, z.coerce.number().int('年份必须是整数').min(1900).max(2100).optional()),
  /** Search words, 文号 or 索引号; results are then ordered by relevance. */
  q: z.preprocess(blank, z.string().max(100, '搜索关键词最多 100 个字').optional()),
  /** 1-based page. */
  page: z.preprocess(blank, z.coerce.number().int('页码必须是整数').min(1).max(10_000).default(1)),
  /** Items per page (at most 100). */
  pageSize: z.preprocess(blank, z.coerce.number().int('每页条数必须是整数').min(1).max(100).default(20)),
});

function origin(request: FastifyRequest): string {
  const host = validHost(request.headers.host);
  return host ? `${request.protocol === 'https' ? 'https' : 'http'}://${host}` : '';
}

/** The API shape of a list item. */
function presentSummary(i: PublishedItemSummary, base: string) {
  return {
    id: i.documentId,
    indexNo: i.indexNo,
    title: i.title,
    docNo: i.docNo,
    publisher: i.publisher,
    agency: { slug: i.agencySlug, name: i.agencyName },
    column: { slug: i.columnSlug, name: i.columnName },
    topic: i.topic,
    writtenOn: i.writtenOn,
    publishedAt: isoChina(i.publishedAt),
    url: `${base}/info/${i.documentId}`,
  };
}

const json = 'application/json; charset=utf-8';
const jsonBody = (status: number, body: unknown) => cachedResponse(status, json, JSON.stringify(body));

export function registerPublicApi(app: FastifyInstance, deps: PortalDeps): void {
  const { ctx, cache, directory } = deps;

  const send = (request: FastifyRequest, reply: FastifyReply, r: CachedResponse) => {
    reply.header('access-control-allow-origin', '*');
    return sendCached(request, reply, r);
  };

  app.get('/api/public/items', async (request, reply) => {
    const query = parseInput(listItemsQuery, request.query);
    const dir = await directory.get();
    const agency = query.agency ? dir.bySlug.get(query.agency) : undefined;
    if (query.agency && !agency) throw new AppError('VALIDATION', { message: `输入有误：单位 ${query.agency} 不存在`, details: { fields: { agency: '单位不存在' } } });
    let columnIds: string[] | undefined;
    if (query.column) {
      const pool = agency ? [[agency.id, dir.columns.get(agency.id) ?? []] as const] : [...dir.columns.entries()];
      columnIds = [];
      for (const [, cols] of pool) {
        const roots = cols.filter((c) => c.slug === query.column);
        for (const r of roots) columnIds.push(r.id, ...cols.filter((c) => c.parentId === r.id).map((c) => c.id));
      }
      if (!columnIds.length) throw new AppError('VALIDATION', { message: `输入有误：栏目 ${query.column} 不存在`, details: { fields: { column: '栏目不存在' } } });
    }
    const base = origin(request);
    const key = `api|${base}|${request.url}`;
    const r = await cache.getOrRender(
      key,
      async () => {
        if (query.q && query.q.trim()) {
          const found = await searchPublished(ctx.db, {
            q: query.q,
            agencyId: agency?.id,
            columnSlug: query.column,
            year: query.year,
            page: query.page,
            pageSize: query.pageSize,
          });
          return jsonBody(200, {
            total: found.total,
            more: found.more,
            page: query.page,
            pageSize: query.pageSize,
            items: found.items.map((h) => ({
              id: h.documentId,
              indexNo: h.indexNo,
              title: h.title,
              docNo: h.docNo,
              agency: { slug: h.agencySlug, name: h.agencyName },
              column: { slug: h.columnSlug, name: h.columnName },
              publishedAt: isoChina(h.publishedAt),
              url: `${base}/info/${h.documentId}`,
              snippetHtml: h.snippetHtml,
              exact: h.exact,
              score: h.score,
            })),
          });
        }
        const { total, items } = await listPublishedItems(ctx.db, { agencyId: agency?.id, columnIds, year: query.year }, { page: query.page, pageSize: query.pageSize });
        return jsonBody(200, { total, page: query.page, pageSize: query.pageSize, items: items.map((i) => presentSummary(i, base)) });
      },
      // Searches are not kept: they are many and rarely repeated.
      (v) => v.status === 200 && !query.q,
    );
    return send(request, reply, r);
  });

  app.get('/api/public/items/:id', async (request, reply) => {
    const id = parseInput(uuidParam, (request.params as { id: string }).id);
    const base = origin(request);
    const r = await cache.getOrRender(
      `api|${base}|${request.url}`,
      async () => {
        const found = await findPublishedItem(ctx.db, id);
        if (found.state === 'missing') return jsonBody(404, { code: 'NOT_FOUND', message: '信息不存在或未公开' });
        // Only reached for a version asked for by number; kept for completeness.
        if (found.state === 'hidden') return jsonBody(410, { code: 'GONE', message: '此版本因涉及个人信息已不再公开' });
        if (found.state === 'withdrawn') {
          const n = found.notice;
          return jsonBody(410, {
            code: 'GONE',
            message: '该信息已撤回',
            notice: { id: n.documentId, title: n.title, indexNo: n.indexNo, agency: { slug: n.agencySlug, name: n.agencyName }, withdrawnAt: n.withdrawnAt ? isoChina(n.withdrawnAt) : null, reason: n.reason },
          });
        }
        const it = found.item;
        return jsonBody(200, {
          ...presentSummary(it, base),
          version: it.version,
          changeNote: it.changeNote,
          docType: it.docType,
          validity: it.validity,
          effectiveOn: it.effectiveOn,
          invalidOn: it.invalidOn,
          noticeStartsOn: it.noticeStartsOn,
          noticeEndsOn: it.noticeEndsOn,
          keywords: it.keywords,
          bodyHtml: it.bodyHtml,
          attachments: it.attachments.map((a) => ({ id: a.id, filename: a.filename, mime: a.mime, size: a.size, url: `${base}/files/${a.id}/${encodeURIComponent(a.filename)}` })),
          versions: found.history.map((h) => ({
            version: h.version,
            publishedAt: isoChina(h.publishedAt),
            changeNote: h.changeNote,
            current: h.isCurrent,
            url: h.isCurrent ? `${base}/info/${it.documentId}` : `${base}/info/${it.documentId}/v/${h.version}`,
          })),
        });
      },
      (v) => v.status === 200 || v.status === 410,
    );
    return send(request, reply, r);
  });
}
