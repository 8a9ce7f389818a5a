/**
 * HTTP wiring of the public portal: pages (through the page cache), downloads, QR codes, the
 * 适老化 switch, feeds, sitemaps and robots.txt. Reads go through the publishing and search
 * modules' public faces only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { AppContext } from '../context.ts';
import { now } from '../lib/clock.ts';
import {
  contentDisposition,
  countPublishedByCatalogItem,
  countPublishedItems,
  getPublicAttachment,
  findFirstPublishedYear,
  findPublishedItem,
  listLatestPublishedItems,
  listPublishedItems,
  listPublishedSitemapEntries,
  listPublishedTopics,
  sanitizeBody,
  type PublishedItemSummary,
  type PublishedVersion,
} from '../modules/publishing/index.ts';
import { maxQueryLength, searchPublished } from '../modules/search/index.ts';
import { listPublicCatalog } from '../modules/catalog/index.ts';
import { isUuid } from '../lib/ids.ts';
import type { PortalAssets } from './assets.ts';
import type { SafeHtml } from './html.ts';
import { cachedResponse, matchesEtag, type CachedResponse, type PageCache } from './page-cache.ts';
import { footerFor, type SiteDirectory, type SiteDirectoryCache } from './site-data.ts';
import { positiveInt, safeLocalPath, validHost } from './urls.ts';
import { atomFeed, robotsTxt, sitemapIndex, urlSet } from './views/feeds.ts';
import type { ColumnView, ItemView } from './views/components.ts';
import type { SiteInfo } from './views/layout.ts';
import * as pages from './views/pages.ts';

/** Cookie holding the 适老化 choice. */
export const elderCookie = 'gk_elder';

/** Items per list page. */
export const listPageSize = 20;

/** URLs per sitemap file (the protocol's limit). */
export const sitemapPageSize = 50_000;

const html = 'text/html; charset=utf-8';

/** What the page handlers share. */
export interface PortalDeps {
  ctx: AppContext;
  cache: PageCache;
  directory: SiteDirectoryCache;
  assets: PortalAssets;
  /** Sections added below the live version of an item's detail page (政策解读, the feedback form), in order. */
  detailSections: Array<(item: PublishedVersion) => Promise<SafeHtml | ''>>;
}

/** Facts of one request the pages depend on (and so the cache key). */
interface RequestFacts {
  elder: boolean;
  host: string | null;
  origin: string | null;
  path: string;
}

function facts(request: FastifyRequest): RequestFacts {
  const host = validHost(request.headers.host);
  const proto = request.protocol === 'https' ? 'https' : 'http';
  return { elder: request.cookies[elderCookie] === '1', host, origin: host ? `${proto}://${host}` : null, path: request.url };
}

/** The cache key: host (absolute links), 适老化 flag, full path and query. */
function cacheKey(f: RequestFacts, kind = 'page'): string {
  return `${kind}|${f.host ?? '-'}|${f.elder ? 1 : 0}|${f.path}`;
}

/** Sends a cached or fresh response with its ETag; answers 304 when the client has it. */
export function sendCached(request: FastifyRequest, reply: FastifyReply, r: CachedResponse, cacheControl = 'no-cache'): FastifyReply {
  reply.header('etag', r.etag).header('cache-control', cacheControl).header('vary', 'Cookie');
  for (const [k, v] of Object.entries(r.headers ?? {})) reply.header(k, v);
  if (r.status === 200 && matchesEtag(request.headers['if-none-match'], r.etag)) return reply.code(304).send();
  return reply.code(r.status).type(r.contentType).send(r.body);
}

const cacheableStatus = (r: CachedResponse) => r.status === 200 || r.status === 410;

function toItemView(i: PublishedItemSummary): ItemView {
  return {
    documentId: i.documentId,
    title: i.title,
    docNo: i.docNo,
    publishedAt: i.publishedAt,
    agencyName: i.agencyName,
    agencySlug: i.agencySlug,
    columnName: i.columnName,
    columnSlug: i.columnSlug,
  };
}

/** A column and its children. */
function columnScope(columns: readonly ColumnView[], column: ColumnView): string[] {
  return [column.id, ...columns.filter((c) => c.parentId === column.id).map((c) => c.id)];
}

/** The column whose navigation follows the agency's 公开目录. */
export const catalogColumnSlug = 'fdzdgknr';

export function registerPortalRoutes(app: FastifyInstance, deps: PortalDeps): void {
  const { ctx, cache, directory, assets } = deps;

  /**
   * Catalog navigation of 法定主动公开内容: the areas and items that have published items (a
   * citizen looks for information, not for empty headings), the chosen item, or null when `ml`
   * is not one of the agency's items.
   */
  const catalogNav = async (agencyId: string, ml: unknown): Promise<pages.CatalogNavView | null> => {
    const [areas, counts] = await Promise.all([listPublicCatalog(ctx.db, agencyId), countPublishedByCatalogItem(ctx.db, agencyId)]);
    const all = areas.flatMap((a) => a.items.map((i) => ({ ...i, areaName: a.name })));
    let current: pages.CatalogNavView['current'];
    if (ml !== undefined && ml !== '') {
      const found = typeof ml === 'string' && isUuid(ml) ? all.find((i) => i.id === ml) : undefined;
      if (!found) return null;
      current = { id: found.id, label: `${found.areaName} · ${found.level1} · ${found.level2}`, content: found.content, timeLimit: found.timeLimit };
    }
    const shown = areas
      .map((a) => ({ name: a.name, items: a.items.filter((i) => (counts.get(i.id) ?? 0) > 0).map((i) => ({ id: i.id, label: `${i.level1} · ${i.level2}`, count: counts.get(i.id) ?? 0 })) }))
      .filter((a) => a.items.length > 0);
    return { areas: shown, emptyItems: all.length - shown.reduce((n, a) => n + a.items.length, 0), current };
  };

  const site = (dir: SiteDirectory, f: RequestFacts): SiteInfo => ({
    siteName: dir.platform?.name ?? '政务公开平台',
    host: f.host,
    origin: f.origin,
    assetVersion: assets.version,
  });

  const base = (dir: SiteDirectory, f: RequestFacts, agency: pages.AgencyView | null): pages.PageBase => ({
    site: site(dir, f),
    footer: footerFor(dir, agency),
    elder: f.elder,
    path: f.path,
  });

  const notFound = (dir: SiteDirectory, f: RequestFacts, message = '您访问的页面不存在，可能已被移动或网址有误。'): CachedResponse =>
    cachedResponse(404, html, pages.errorPage({ ...base(dir, f, null), status: 404, title: '页面不存在', message, platform: dir.platform }));

  /** Serves a page through the cache. */
  const page = (render: (dir: SiteDirectory, f: RequestFacts, request: FastifyRequest) => Promise<CachedResponse>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const f = facts(request);
      const r = await cache.getOrRender(cacheKey(f), async () => render(await directory.get(), f, request), cacheableStatus);
      return sendCached(request, reply, r);
    };

  // ------------------------------------------------------------ home

  app.get(
    '/',
    page(async (dir, f) => {
      const latest = await listLatestPublishedItems(ctx.db, {}, 15);
      return cachedResponse(200, html, pages.homePage({ ...base(dir, f, null), platform: dir.platform, agencies: dir.agencies, latest: latest.map(toItemView) }));
    }),
  );

  // ------------------------------------------------------------ section and columns

  app.get('/gk/:agency', async (request, reply) => {
    const { agency } = request.params as { agency: string };
    return reply.redirect(`/gk/${encodeURIComponent(agency)}/`, 301);
  });

  app.get(
    '/gk/:agency/',
    page(async (dir, f, request) => {
      const agency = dir.bySlug.get((request.params as { agency: string }).agency);
      if (!agency) return notFound(dir, f, '没有找到该单位的政府信息公开专栏。');
      const columns = dir.columns.get(agency.id) ?? [];
      const blocks: pages.SectionView['blocks'] = [];
      for (const column of columns.filter((c) => c.parentId === null)) {
        const items = await listLatestPublishedItems(ctx.db, { agencyId: agency.id, columnIds: columnScope(columns, column) }, 6);
        blocks.push({ column, items: items.map(toItemView) });
      }
      return cachedResponse(200, html, pages.sectionPage({ ...base(dir, f, agency), agency, columns, blocks }));
    }),
  );

  app.get('/gk/:agency/:column', async (request, reply) => {
    const { agency, column } = request.params as { agency: string; column: string };
    const q = request.url.indexOf('?');
    return reply.redirect(`/gk/${encodeURIComponent(agency)}/${encodeURIComponent(column)}/${q >= 0 ? request.url.slice(q) : ''}`, 301);
  });

  app.get(
    '/gk/:agency/:column/',
    page(async (dir, f, request) => {
      const params = request.params as { agency: string; column: string };
      const query = request.query as Record<string, unknown>;
      const agency = dir.bySlug.get(params.agency);
      const columns = agency ? (dir.columns.get(agency.id) ?? []) : [];
      const column = columns.find((c) => c.slug === params.column);
      if (!agency || !column) return notFound(dir, f, '没有找到该栏目。');
      const currentYear = Number(new Date(now().getTime() + 8 * 3600_000).toISOString().slice(0, 4));
      const year = positiveInt(query.year, 2100);
      const topic = typeof query.topic === 'string' && query.topic.length > 0 && query.topic.length <= 50 ? query.topic : undefined;
      const pageNo = positiveInt(query.page, 100_000) ?? 1;
      // 法定主动公开内容 is browsed by the agency's 公开目录 (?ml=<catalog item>): catalog.md §Portal.
      const catalog = column.slug === catalogColumnSlug ? await catalogNav(agency.id, query.ml) : undefined;
      if (catalog === null) return notFound(dir, f, '没有找到该目录事项。');
      const current = catalog?.current;
      // A catalog item spans the agency's columns (e.g. 年度报告), so its list is not column-scoped.
      const scope = current ? undefined : columnScope(columns, column);
      const filter = { agencyId: agency.id, columnIds: scope, year: year !== undefined && year >= 1900 ? year : undefined, topic, catalogItemId: current?.id };
      const { total, items } = await listPublishedItems(ctx.db, filter, { page: pageNo, pageSize: listPageSize });
      if (pageNo > 1 && items.length === 0) return notFound(dir, f, '没有这一页。');
      const first = (await findFirstPublishedYear(ctx.db, { agencyId: agency.id, columnIds: scope, catalogItemId: current?.id })) ?? currentYear;
      const years: number[] = [];
      for (let y = Math.max(currentYear, first); y >= first && years.length < 50; y--) years.push(y);
      const topics = await listPublishedTopics(ctx.db, { agencyId: agency.id, columnIds: scope, catalogItemId: current?.id });
      return cachedResponse(
        200,
        html,
        pages.columnPage({
          ...base(dir, f, agency),
          agency,
          columns,
          column,
          items: items.map(toItemView),
          total,
          page: pageNo,
          pageSize: listPageSize,
          year: filter.year,
          topic,
          years,
          topics,
          ...(catalog ? { catalog } : {}),
        }),
      );
    }),
  );

  // ------------------------------------------------------------ detail, versions, print

  const renderItem = async (dir: SiteDirectory, f: RequestFacts, id: string, version: number | undefined, view: 'detail' | 'print'): Promise<CachedResponse> => {
    const found = await findPublishedItem(ctx.db, id, version);
    if (found.state === 'missing') return notFound(dir, f, '没有找到这条政府信息。');
    if (found.state === 'hidden') {
      const agency = dir.byId.get(found.notice.agencyId) ?? null;
      return cachedResponse(
        410,
        html,
        pages.hiddenVersionPage({ ...base(dir, f, agency), agency, columns: agency ? (dir.columns.get(agency.id) ?? []) : [], notice: found.notice }),
      );
    }
    if (found.state === 'withdrawn') {
      const agency = dir.byId.get(found.notice.agencyId) ?? null;
      return cachedResponse(
        410,
        html,
        pages.withdrawnPage({ ...base(dir, f, agency), agency, columns: agency ? (dir.columns.get(agency.id) ?? []) : [], notice: found.notice }),
      );
    }
    const it = found.item;
    const agency: pages.AgencyView = dir.byId.get(it.agencyId) ?? {
      id: it.agencyId,
      slug: it.agencySlug,
      name: it.agencyName,
      kind: 'township',
      parentId: null,
      settings: it.agencySettings,
    };
    const path = it.isCurrent ? `/info/${it.documentId}` : `/info/${it.documentId}/v/${it.version}`;
    const view_: pages.DetailView = {
      ...base(dir, f, agency),
      agency,
      columns: dir.columns.get(agency.id) ?? [],
      item: { ...it, description: it.bodyText.slice(0, 200) },
      // Stored bodies are sanitized at save; sanitizing again at render (cached) keeps a body
      // written by an older or buggy path inert too.
      bodyHtml: sanitizeBody(it.bodyHtml),
      attachments: it.attachments,
      history: found.history,
      absoluteUrl: f.origin ? `${f.origin}${path}` : null,
      extraSections: view === 'detail' && it.isCurrent ? await Promise.all(deps.detailSections.map((section) => section(it))) : [],
    };
    return cachedResponse(200, html, view === 'print' ? pages.printPage(view_) : pages.detailPage(view_));
  };

  app.get(
    '/info/:id',
    page(async (dir, f, request) => renderItem(dir, f, (request.params as { id: string }).id, undefined, 'detail')),
  );

  app.get(
    '/info/:id/v/:n',
    page(async (dir, f, request) => {
      const { id, n } = request.params as { id: string; n: string };
      const version = positiveInt(n, 1_000_000);
      if (version === undefined) return notFound(dir, f);
      const r = await renderItem(dir, f, id, version, 'detail');
      return r;
    }),
  );

  app.get(
    '/info/:id/print',
    page(async (dir, f, request) => {
      const { id } = request.params as { id: string };
      const v = (request.query as Record<string, unknown>).v;
      const version = v === undefined ? undefined : positiveInt(v, 1_000_000);
      if (v !== undefined && version === undefined) return notFound(dir, f);
      return renderItem(dir, f, id, version, 'print');
    }),
  );

  app.get('/info/:id/qr.svg', async (request, reply) => {
    const f = facts(request);
    const { id } = request.params as { id: string };
    const r = await cache.getOrRender(
      cacheKey({ ...f, elder: false }, 'qr'),
      async () => {
        if (!f.origin) return cachedResponse(400, 'text/plain; charset=utf-8', '无法确定本站地址（Host 请求头无效）');
        const found = await findPublishedItem(ctx.db, id);
        if (found.state !== 'published') return cachedResponse(404, 'text/plain; charset=utf-8', '信息不存在或已撤回');
        const svg = await QRCode.toString(`${f.origin}/info/${found.item.documentId}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
        return cachedResponse(200, 'image/svg+xml; charset=utf-8', svg);
      },
      (v) => v.status === 200,
    );
    return sendCached(request, reply, r, 'public, max-age=300');
  });

  // ------------------------------------------------------------ downloads

  app.get('/files/:attachmentId/:filename', async (request, reply) => {
    const { attachmentId } = request.params as { attachmentId: string };
    const file = await getPublicAttachment(ctx.db, attachmentId);
    if (!file || !(await ctx.storage.has(file.storageKey))) {
      const dir = await directory.get();
      const r = notFound(dir, facts(request), '附件不存在或所属信息已撤回。');
      return reply.code(404).type(html).send(r.body);
    }
    // Storage keys are SHA-256 content hashes: a strong validator for free.
    const etag = `"${file.storageKey}"`;
    reply
      .header('etag', etag)
      .header('cache-control', 'public, max-age=300')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('content-disposition', contentDisposition(file.filename));
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    reply.header('content-length', String(file.size)).type(file.mime);
    return reply.send(ctx.storage.stream(file.storageKey));
  });

  // ------------------------------------------------------------ search (not cached)

  app.get('/search', async (request, reply) => {
    const f = facts(request);
    const dir = await directory.get();
    const query = request.query as Record<string, unknown>;
    const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
    const rawQ = typeof query.q === 'string' ? query.q : undefined;
    const q = (rawQ ?? '').trim();
    const agencySlug = str(query.agency, 64);
    const agency = agencySlug ? dir.bySlug.get(agencySlug) : undefined;
    const columnSlug = str(query.column, 64);
    const year = positiveInt(query.year, 2100);
    const pageNo = positiveInt(query.page, 1000) ?? 1;
    const pageSize = listPageSize;

    let message: string | null = null;
    let result: pages.SearchView['result'] = null;
    if (rawQ !== undefined && q.length === 0) message = '请输入要搜索的关键词。';
    else if (q.length > maxQueryLength) message = `关键词太长了，请不超过 ${maxQueryLength} 个字。`;
    else if (agencySlug && !agency) message = '没有找到所选单位，请重新选择。';
    else if (q) {
      const r = await searchPublished(ctx.db, {
        q,
        agencyId: agency?.id,
        columnSlug: columnSlug || undefined,
        year: year !== undefined && year >= 1900 ? year : undefined,
        page: pageNo,
        pageSize,
      });
      result = { total: r.total, more: r.more, items: r.items };
    }

    const columnSource = agency ? (dir.columns.get(agency.id) ?? []) : (dir.platform ? (dir.columns.get(dir.platform.id) ?? []) : []);
    const seen = new Set<string>();
    const columnOptions: { value: string; label: string }[] = [];
    for (const c of columnSource) {
      if (seen.has(c.slug)) continue;
      seen.add(c.slug);
      columnOptions.push({ value: c.slug, label: c.parentId ? `\u3000${c.name}` : c.name });
    }
    if (columnSlug && !seen.has(columnSlug)) columnOptions.push({ value: columnSlug, label: columnSlug });
    const currentYear = Number(new Date(now().getTime() + 8 * 3600_000).toISOString().slice(0, 4));
    const years: number[] = [];
    for (let y = currentYear; y > currentYear - 15; y--) years.push(y);

    const body = pages.searchPage({
      ...base(dir, f, null),
      platform: dir.platform,
      q,
      message,
      agencies: pages.agencyTree(dir.agencies).flatMap((t) => [t.agency, ...t.children]),
      agency: agency ? agency.slug : '',
      columnOptions,
      column: columnSlug,
      years,
      year: year !== undefined ? String(year) : '',
      result,
      page: pageNo,
      pageSize,
    });
    return reply.header('cache-control', 'no-store').header('vary', 'Cookie').type(html).send(body);
  });

  // ------------------------------------------------------------ 适老化 switch

  app.get('/elder', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const back = safeLocalPath(query.back);
    const secure = ctx.config.GONGKAI_SECURE_COOKIES || request.protocol === 'https';
    if (query.on === '1') {
      void reply.setCookie(elderCookie, '1', { path: '/', maxAge: 365 * 86400, sameSite: 'lax', httpOnly: true, secure });
    } else {
      void reply.clearCookie(elderCookie, { path: '/', sameSite: 'lax', httpOnly: true, secure });
    }
    return reply.header('cache-control', 'no-store').redirect(back, 303);
  });

  // ------------------------------------------------------------ feeds, sitemaps, robots

  app.get('/feed.xml', async (request, reply) => {
    const f = facts(request);
    const r = await cache.getOrRender(
      cacheKey({ ...f, elder: false }, 'feed'),
      async () => {
        const dir = await directory.get();
        if (!f.origin) return cachedResponse(400, 'text/plain; charset=utf-8', '无法确定本站地址（Host 请求头无效）');
        const slug = (request.query as Record<string, unknown>).agency;
        const agency = typeof slug === 'string' && slug ? dir.bySlug.get(slug) : undefined;
        if (slug !== undefined && !agency) return cachedResponse(404, 'text/plain; charset=utf-8', '单位不存在');
        const items = await listLatestPublishedItems(ctx.db, { agencyId: agency?.id }, 50);
        const siteName = dir.platform?.name ?? '政务公开平台';
        const xml = atomFeed({
          origin: f.origin,
          selfPath: agency ? `/feed.xml?agency=${encodeURIComponent(agency.slug)}` : '/feed.xml',
          title: `${agency?.name ?? siteName}最新公开信息`,
          siteName,
          now: now(),
          entries: items.map((i) => ({ documentId: i.documentId, title: i.title, publishedAt: i.publishedAt, publisher: i.publisher, columnName: i.columnName, description: i.description })),
        });
        return cachedResponse(200, 'application/atom+xml; charset=utf-8', xml);
      },
      (v) => v.status === 200,
    );
    return sendCached(request, reply, r);
  });

  app.get('/sitemap.xml', async (request, reply) => {
    const f = facts(request);
    const r = await cache.getOrRender(
      cacheKey({ ...f, elder: false }, 'sitemap'),
      async () => {
        if (!f.origin) return cachedResponse(400, 'text/plain; charset=utf-8', '无法确定本站地址（Host 请求头无效）');
        const total = await countPublishedItems(ctx.db, {});
        const files = [`${f.origin}/sitemap-pages.xml`];
        for (let i = 1; i <= Math.ceil(total / sitemapPageSize); i++) files.push(`${f.origin}/sitemap-items-${i}.xml`);
        return cachedResponse(200, 'application/xml; charset=utf-8', sitemapIndex(files));
      },
      (v) => v.status === 200,
    );
    return sendCached(request, reply, r);
  });

  app.get('/sitemap-pages.xml', async (request, reply) => {
    const f = facts(request);
    const r = await cache.getOrRender(
      cacheKey({ ...f, elder: false }, 'sitemap'),
      async () => {
        if (!f.origin) return cachedResponse(400, 'text/plain; charset=utf-8', '无法确定本站地址（Host 请求头无效）');
        const dir = await directory.get();
        const urls = [{ loc: `${f.origin}/` }];
        for (const a of dir.agencies) {
          urls.push({ loc: `${f.origin}/gk/${encodeURIComponent(a.slug)}/` });
          for (const c of dir.columns.get(a.id) ?? []) urls.push({ loc: `${f.origin}/gk/${encodeURIComponent(a.slug)}/${encodeURIComponent(c.slug)}/` });
        }
        return cachedResponse(200, 'application/xml; charset=utf-8', urlSet(urls.slice(0, sitemapPageSize)));
      },
      (v) => v.status === 200,
    );
    return sendCached(request, reply, r);
  });

  app.get('/sitemap-items-:n.xml', async (request, reply) => {
    const f = facts(request);
    const n = positiveInt((request.params as { n: string }).n, 10_000);
    const r = await cache.getOrRender(
      cacheKey({ ...f, elder: false }, 'sitemap'),
      async () => {
        if (!f.origin) return cachedResponse(400, 'text/plain; charset=utf-8', '无法确定本站地址（Host 请求头无效）');
        if (n === undefined) return cachedResponse(404, 'text/plain; charset=utf-8', '没有这个网站地图文件');
        const entries = await listPublishedSitemapEntries(ctx.db, sitemapPageSize, (n - 1) * sitemapPageSize);
        if (!entries.length && n > 1) return cachedResponse(404, 'text/plain; charset=utf-8', '没有这个网站地图文件');
        return cachedResponse(200, 'application/xml; charset=utf-8', urlSet(entries.map((e) => ({ loc: `${f.origin}/info/${e.documentId}`, lastmod: e.publishedAt }))));
      },
      (v) => v.status === 200,
    );
    return sendCached(request, reply, r);
  });

  app.get('/robots.txt', async (request, reply) => {
    const f = facts(request);
    return reply.header('cache-control', 'public, max-age=3600').type('text/plain; charset=utf-8').send(robotsTxt(f.origin));
  });
}
