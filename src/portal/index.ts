/** The public portal (server-rendered, complete without JavaScript) and the public JSON API. */
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { loadAssets, registerAssetRoutes } from './assets.ts';
import { PageCache } from './page-cache.ts';
import { registerPortalRoutes, type PortalDeps } from './portal.routes.ts';
import { registerPublicApi } from './public-api.ts';
import { registerRequestPages } from './request-pages.ts';
import { registerFeedbackPages } from './feedback-pages.ts';
import { registerChannelPages } from './channel-pages.ts';
import { registerReportDownloads } from './report-downloads.ts';
import { SiteDirectoryCache } from './site-data.ts';

/** How long a rendered page is served without re-reading the database (other processes' changes show up within this). */
export const pageTtlMs = 30_000;

/** Registers the portal pages, feeds, sitemap and the public JSON API. */
export async function registerPortal(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const cache = new PageCache({ maxEntries: 5_000, maxBytes: 64 * 1024 * 1024, ttlMs: pageTtlMs });
  const directory = new SiteDirectoryCache(ctx, pageTtlMs);
  const assets = loadAssets();
  // Publication, withdrawal and agency settings changes drop every rendered page at once.
  ctx.onPublicChange.add(() => {
    cache.clear();
    directory.clear();
  });
  registerAssetRoutes(app, assets);
  const deps: PortalDeps = { ctx, cache, directory, assets, detailSections: [] };
  registerPortalRoutes(app, deps);
  registerPublicApi(app, deps);
  await registerRequestPages(app, deps);
  await registerFeedbackPages(app, deps);
  registerChannelPages(app, deps);
  registerReportDownloads(app, deps);
  const benchFile = ctx.config.GONGKAI_BENCH_STATIC_FILE;
  if (benchFile) await registerBenchStatic(app, path.resolve(benchFile));
}

/**
 * Benchmarks only (GONGKAI_BENCH_STATIC_FILE, set by bench/portal.bench.ts): serves that file
 * at /bench-static.html through @fastify/static, in its own scope, so page throughput can be
 * compared with a static file of the same size served by the same process.
 */
async function registerBenchStatic(app: FastifyInstance, file: string): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, { root: path.dirname(file), serve: false });
    scope.get('/bench-static.html', (_request, reply) => reply.sendFile(path.basename(file)));
  });
}
