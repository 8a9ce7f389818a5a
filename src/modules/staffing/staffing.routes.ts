/** HTTP wiring of /api/posts and /api/handover: auth → validate → service (policy inside). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { parseInput } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import { checkAssignmentsFor, listHandovers, performHandover, previewHandover } from './handover.service.ts';
import { createLeave, listPosts, setDuty } from './posts.service.ts';
import { createLeaveSchema, handoverHistorySchema, handoverPreviewSchema, handoverSchema, postsQuerySchema, setDutySchema } from './staffing.schemas.ts';

export function registerStaffingRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/posts', async (request) => {
    const actor = requireActor(request);
    const q = parseInput(postsQuerySchema, request.query);
    return listPosts(ctx.db, actor, q.agencyId, q.date);
  });

  app.put('/api/posts', async (request) => {
    const actor = requireActor(request);
    const input = parseInput(setDutySchema, request.body);
    return { duty: await setDuty(ctx.db, actor, input, request.ip) };
  });

  app.post('/api/posts/leaves', async (request, reply) => {
    const actor = requireActor(request);
    const input = parseInput(createLeaveSchema, request.body);
    reply.code(201);
    return { leave: await createLeave(ctx.db, actor, input, request.ip) };
  });

  app.get('/api/handover/preview', async (request) => {
    const actor = requireActor(request);
    const { userId } = parseInput(handoverPreviewSchema, request.query);
    return { checklist: await previewHandover(ctx.db, actor, userId) };
  });

  app.post('/api/handover', async (request, reply) => {
    const actor = requireActor(request);
    const input = parseInput(handoverSchema, request.body);
    reply.code(201);
    return { handover: await performHandover(ctx.db, actor, input, request.ip) };
  });

  app.get('/api/handover/history', async (request) => {
    const actor = requireActor(request);
    const { agencyId } = parseInput(handoverHistorySchema, request.query);
    return { handovers: await listHandovers(ctx.db, actor, agencyId) };
  });

  app.get('/api/handover/check', async (request) => {
    const actor = requireActor(request);
    return checkAssignmentsFor(ctx.db, actor);
  });
}
