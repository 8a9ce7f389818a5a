/** HTTP wiring of /api/posts, /api/handover (preview, history, check) and /api/handovers: auth → validate → service (policy inside). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { parseInput, uuidParam } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import { approveHandover, cancelHandover, checkAssignmentsFor, getHandover, listHandovers, listOpenHandovers, previewHandover, rejectHandover, signHandover, startHandover } from './handover.service.ts';
import { createLeave, listPosts, setDuty } from './posts.service.ts';
import { createLeaveSchema, handoverHistorySchema, handoverPreviewSchema, listHandoversSchema, postsQuerySchema, rejectHandoverSchema, setDutySchema, signHandoverSchema, startHandoverSchema } from './staffing.schemas.ts';

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

  // The two-signature handover: 发起 → 接手人签收 → 部门负责人审批 (executes), or 拒绝 / 撤销.
  // Sign and approve re-check the password: rate limited like sign-in.
  const signLimit = { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } };

  app.post('/api/handovers', async (request, reply) => {
    const actor = requireActor(request);
    const input = parseInput(startHandoverSchema, request.body);
    reply.code(201);
    return { handover: await startHandover(ctx.db, actor, input, request.ip) };
  });

  app.get('/api/handovers', async (request) => {
    const actor = requireActor(request);
    const { mine } = parseInput(listHandoversSchema, request.query);
    return { handovers: await listOpenHandovers(ctx.db, actor, mine === '1') };
  });

  app.get('/api/handovers/:id', async (request) => {
    const actor = requireActor(request);
    const id = parseInput(uuidParam, (request.params as { id: string }).id);
    return { handover: await getHandover(ctx.db, actor, id) };
  });

  app.post('/api/handovers/:id/sign', signLimit, async (request) => {
    const actor = requireActor(request);
    const id = parseInput(uuidParam, (request.params as { id: string }).id);
    const input = parseInput(signHandoverSchema, request.body);
    return { handover: await signHandover(ctx.db, actor, id, input, request.ip) };
  });

  app.post('/api/handovers/:id/approve', signLimit, async (request) => {
    const actor = requireActor(request);
    const id = parseInput(uuidParam, (request.params as { id: string }).id);
    const input = parseInput(signHandoverSchema, request.body);
    return { handover: await approveHandover(ctx.db, actor, id, input, request.ip) };
  });

  app.post('/api/handovers/:id/reject', async (request) => {
    const actor = requireActor(request);
    const id = parseInput(uuidParam, (request.params as { id: string }).id);
    const input = parseInput(rejectHandoverSchema, request.body);
    return { handover: await rejectHandover(ctx.db, actor, id, input, request.ip) };
  });

  app.post('/api/handovers/:id/cancel', async (request) => {
    const actor = requireActor(request);
    const id = parseInput(uuidParam, (request.params as { id: string }).id);
    return { handover: await cancelHandover(ctx.db, actor, id, request.ip) };
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
