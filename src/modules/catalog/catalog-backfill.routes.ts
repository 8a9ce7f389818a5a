/** HTTP wiring of the catalog backfill: GET /api/catalog/unlinked, POST /api/catalog/link. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { parseInput } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import { linkSchema, unlinkedQuerySchema } from './catalog-backfill.ts';
import { linkAsActor, listUnlinked } from './catalog-backfill.service.ts';

export function registerCatalogBackfillRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/catalog/unlinked', async (request) => {
    const actor = requireActor(request);
    return listUnlinked(ctx.db, actor, parseInput(unlinkedQuerySchema, request.query));
  });

  app.post('/api/catalog/link', async (request) => {
    const actor = requireActor(request);
    const input = parseInput(linkSchema, request.body);
    const result = await linkAsActor(ctx.db, actor, input, request.ip);
    // Linked items appear in the portal's 按公开目录浏览 and ?ml= lists: drop its cached pages.
    for (const fn of ctx.onPublicChange) fn();
    return { result };
  });
}
