/** HTTP wiring of GET /api/meta (label tables, revalidated by ETag) and GET /api/agency-settings (机构设置). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { parseInput } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import { getAgencySwitches } from './agency-settings.ts';
import { metaDocument } from './meta.ts';

const agencyQuery = z.object({ agencyId: z.string({ error: '请指定单位' }).uuid('单位编号格式不正确') }).strict();

export function registerMetaRoutes(app: FastifyInstance, ctx: AppContext): void {
  let doc: { body: string; etag: string } | undefined;
  app.get('/api/meta', async (request, reply) => {
    requireActor(request);
    doc ??= metaDocument();
    // private: only signed-in staff get it; no-cache: the browser revalidates and gets a 304.
    reply.header('cache-control', 'private, no-cache').header('etag', doc.etag);
    const match = request.headers['if-none-match'];
    if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === doc!.etag)) return reply.status(304).send();
    return reply.type('application/json; charset=utf-8').send(doc.body);
  });

  app.get('/api/agency-settings', async (request) => {
    const actor = requireActor(request);
    return getAgencySwitches(ctx.db, actor, parseInput(agencyQuery, request.query).agencyId);
  });
}
