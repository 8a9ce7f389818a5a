/**
 * Offline channels of the portal: /gk/:agency/board (the A4 notice for a village bulletin
 * board, QR codes from /info/:id/qr.svg) and /gk/:agency/screen (an electronic screen rotating
 * one item at a time by meta refresh), plus /gk/:agency/board.pdf (the notice as a server-written
 * A4 PDF with the full bodies) and /info/:id/notice.pdf (one item's 公告 for the board, with
 * its 公示期 and 张贴期限). All through the page cache (invalidated with every
 * publication like the other pages).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { chinaDate, now } from '../lib/clock.ts';
import { bodyToText, contentDisposition, findPublishedItem, listLatestPublishedItems, sanitizeBody, type PublishedItemSummary } from '../modules/publishing/index.ts';
import { renderBulletinPdf, type BulletinItem } from './bulletin-pdf.ts';
import { renderNoticePdf } from './notice-pdf.ts';
import { cachedResponse } from './page-cache.ts';
import { sendCached, type PortalDeps } from './portal.routes.ts';
import type { ColumnView } from './views/components.ts';
import { boardPdfUrl, itemUrl, positiveInt, queryString, validHost } from './urls.ts';
import * as views from './views/channels.ts';

/** Most items on one A4 notice (a QR code each). */
export const boardMaxItems = 12;
/** Items in a screen rotation. */
export const screenRotationSize = 20;
/** Default seconds per screen item. */
export const screenDefaultSeconds = 20;

const htmlType = 'text/html; charset=utf-8';

function toChannelItem(i: PublishedItemSummary): views.ChannelItem {
  return { documentId: i.documentId, title: i.title, docNo: i.docNo, publishedAt: i.publishedAt, columnName: i.columnName, description: i.description.replace(/\s+/gu, ' ').trim() };
}

/** Column ids chosen by `?columns=slug,slug` (each with its children), null when a slug is unknown, undefined for all. */
function chosenColumns(columns: readonly ColumnView[], raw: unknown): { ids: string[]; names: string[]; slugs: string } | null | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const slugs = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))].slice(0, 10);
  const ids: string[] = [];
  const names: string[] = [];
  for (const slug of slugs) {
    const c = columns.find((x) => x.slug === slug);
    if (!c) return null;
    names.push(c.name);
    ids.push(c.id, ...columns.filter((x) => x.parentId === c.id).map((x) => x.id));
  }
  return { ids: [...new Set(ids)], names, slugs: slugs.join(',') };
}

/** Registers GET /gk/:agency/board and GET /gk/:agency/screen. */
export function registerChannelPages(app: FastifyInstance, deps: PortalDeps): void {
  const { ctx, cache, directory, assets } = deps;
  const cssVersion = assets.files.get('channels.css')?.etag.slice(1, 11) ?? '0';

  const site = (request: FastifyRequest, siteName: string) => {
    const host = validHost(request.headers.host);
    const proto = request.protocol === 'https' ? 'https' : 'http';
    return { siteName, host, origin: host ? `${proto}://${host}` : null, assetVersion: assets.version };
  };
  const keyOf = (kind: string, request: FastifyRequest) => `${kind}|${validHost(request.headers.host) ?? '-'}|0|${request.url}`;
  const notFound = (message: string) =>
    cachedResponse(404, htmlType, `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>页面不存在</title></head><body><main><h1>${message}</h1><p><a href="/">返回首页</a></p></main></body></html>`);

  /** What the board and its PDF show: the agency, the chosen columns and the latest items (or a 404 page). */
  async function boardSelection(request: FastifyRequest) {
    const dir = await directory.get();
    const agency = dir.bySlug.get((request.params as { agency: string }).agency);
    if (!agency) return notFound('没有找到该单位');
    const query = request.query as Record<string, unknown>;
    const chosen = chosenColumns(dir.columns.get(agency.id) ?? [], query.columns);
    if (chosen === null) return notFound('没有找到所选栏目');
    const limit = positiveInt(query.limit, boardMaxItems) ?? 8;
    const items = await listLatestPublishedItems(ctx.db, { agencyId: agency.id, columnIds: chosen?.ids }, limit);
    return { dir, agency, chosen, limit, query, items };
  }

  app.get('/gk/:agency/board', async (request, reply) => {
    const r = await cache.getOrRender(
      keyOf('board', request),
      async () => {
        const sel = await boardSelection(request);
        if ('status' in sel) return sel;
        const { dir, agency, chosen, limit, query, items } = sel;
        const body = views.boardPage({
          site: site(request, dir.platform?.name ?? '政务公开平台'),
          cssVersion,
          agencyName: agency.name,
          columnNames: chosen?.names ?? [],
          items: items.map(toChannelItem),
          printedOn: chinaDate(now()),
          pdfUrl: boardPdfUrl(agency.slug, { columns: chosen?.slugs, limit: query.limit !== undefined ? limit : undefined }),
        });
        return cachedResponse(200, htmlType, body);
      },
      (v) => v.status === 200,
    );
    return sendCached(request, reply, r);
  });

  // The same notice as an A4 PDF written server-side (bulletin-pdf.ts), with the full bodies.
  app.get('/gk/:agency/board.pdf', async (request, reply) => {
    const r = await cache.getOrRender(
      keyOf('board-pdf', request),
      async () => {
        const sel = await boardSelection(request);
        if ('status' in sel) return sel;
        const { dir, agency, chosen, items: summaries } = sel;
        const s = site(request, dir.platform?.name ?? '政务公开平台');
        const items: BulletinItem[] = [];
        for (const i of summaries) {
          const found = await findPublishedItem(ctx.db, i.documentId);
          if (found.state !== 'published') continue;
          items.push({
            title: i.title,
            indexNo: i.indexNo,
            docNo: i.docNo,
            columnName: i.columnName,
            publishedAt: i.publishedAt,
            bodyText: bodyToText(sanitizeBody(found.item.bodyHtml)),
            url: `${s.origin ?? ''}${itemUrl(i.documentId)}`,
            noticeStartsOn: found.item.noticeStartsOn,
            noticeEndsOn: found.item.noticeEndsOn,
          });
        }
        const pdf = await renderBulletinPdf({ agencyName: agency.name, siteName: s.siteName, origin: s.origin, columnNames: chosen?.names ?? [], printedOn: chinaDate(now()), items });
        return cachedResponse(200, 'application/pdf', pdf, {
          'content-disposition': contentDisposition(`${agency.name}政务公开栏-${chinaDate(now())}.pdf`),
          'x-content-type-options': 'nosniff',
        });
      },
      (v) => v.status === 200,
    );
    return sendCached(request, reply, r);
  });

  // One live item's 公告 for the bulletin board (notice-pdf.ts): withdrawn, hidden, never
  // published or unknown items answer 404 (the board never prints what is no longer public).
  app.get('/info/:id/notice.pdf', async (request, reply) => {
    const r = await cache.getOrRender(
      keyOf('notice-pdf', request),
      async () => {
        const found = await findPublishedItem(ctx.db, (request.params as { id: string }).id);
        if (found.state !== 'published' || !found.item.isCurrent) return notFound('信息不存在或已撤回');
        const it = found.item;
        const dir = await directory.get();
        const s = site(request, dir.platform?.name ?? '政务公开平台');
        const pdf = await renderNoticePdf({
          agencyName: it.agencyName,
          siteName: s.siteName,
          title: it.title,
          indexNo: it.indexNo,
          docNo: it.docNo,
          publishedOn: chinaDate(it.publishedAt),
          noticeStartsOn: it.noticeStartsOn,
          noticeEndsOn: it.noticeEndsOn,
          bodyText: bodyToText(sanitizeBody(it.bodyHtml)),
          attachmentCount: it.attachments.length,
          url: `${s.origin ?? ''}${itemUrl(it.documentId)}`,
          phone: it.agencySettings.phone || undefined,
          address: it.agencySettings.address || undefined,
        });
        return cachedResponse(200, 'application/pdf', pdf, {
          'content-disposition': contentDisposition(`${it.title.slice(0, 60)}-公告.pdf`),
          'x-content-type-options': 'nosniff',
        });
      },
      (v) => v.status === 200,
    );
    return sendCached(request, reply, r);
  });

  app.get('/gk/:agency/screen', async (request, reply) => {
    const r = await cache.getOrRender(
      keyOf('screen', request),
      async () => {
        const dir = await directory.get();
        const agency = dir.bySlug.get((request.params as { agency: string }).agency);
        if (!agency) return notFound('没有找到该单位');
        const query = request.query as Record<string, unknown>;
        const chosen = chosenColumns(dir.columns.get(agency.id) ?? [], query.columns);
        if (chosen === null) return notFound('没有找到所选栏目');
        const seconds = Math.max(5, positiveInt(query.seconds, 600) ?? screenDefaultSeconds);
        const items = await listLatestPublishedItems(ctx.db, { agencyId: agency.id, columnIds: chosen?.ids }, screenRotationSize);
        // offset=0 is the first item; any offset wraps, so an old bookmark still works.
        const rawOffset = query.offset === '0' ? 0 : (positiveInt(query.offset, 1_000_000) ?? 0);
        const offset = items.length ? rawOffset % items.length : 0;
        const next = items.length ? (offset + 1) % items.length : 0;
        const nextUrl = `/gk/${encodeURIComponent(agency.slug)}/screen${queryString({ columns: chosen?.slugs, seconds: query.seconds !== undefined ? seconds : undefined, offset: next })}`;
        const item = items[offset];
        const body = views.screenPage({
          site: site(request, dir.platform?.name ?? '政务公开平台'),
          cssVersion,
          agencyName: agency.name,
          item: item ? toChannelItem(item) : null,
          offset,
          count: items.length,
          seconds,
          nextUrl,
        });
        return cachedResponse(200, htmlType, body);
      },
      (v) => v.status === 200,
    );
    return sendCached(request, reply, r);
  });
}
