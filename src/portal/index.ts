/** The public portal (server-rendered, complete without JavaScript) and the public JSON API. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { loadAssets, registerAssetRoutes } from './assets.ts';
import { PageCache } from './page-cache.ts';
import { registerPortalRoutes } from './portal.routes.ts';
import { registerPublicApi } from './public-api.ts';
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
  const deps = { ctx, cache, directory, assets };
  registerPortalRoutes(app, deps);
  registerPublicApi(app, deps);
}
