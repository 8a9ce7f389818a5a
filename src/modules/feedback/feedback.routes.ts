/** HTTP wiring of /api/feedback: auth → validate → service (policy inside) → presented result. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { parseInput, uuidParam } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import { answerSchema, assignSchema, listQuerySchema, recordFeedbackSchema, rejectSchema, settingsSchema, statsQuerySchema, visibilitySchema } from './feedback.schemas.ts';
import { answerFeedback, assignFeedback, feedbackHistory, feedbackStats, getFeedback, hideFeedback, listFeedback, recordFeedback, rejectFeedback, unhideFeedback, updateFeedbackSettings } from './feedback.service.ts';

function idParam(request: FastifyRequest): string {
  return parseInput(uuidParam, (request.params as Record<string, string>).id);
}

/** Registers the staff API of public feedback. */
export function registerFeedbackRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/feedback', async (request) => listFeedback(ctx.db, requireActor(request), parseInput(listQuerySchema, request.query)));

  app.post('/api/feedback', async (request, reply) => {
    const actor = requireActor(request);
    const result = await recordFeedback(ctx, actor, parseInput(recordFeedbackSchema, request.body), request.ip);
    reply.code(201);
    return result;
  });

  app.get('/api/feedback/stats', async (request) => {
    const actor = requireActor(request);
    const q = parseInput(statsQuerySchema, request.query);
    return feedbackStats(ctx.db, actor, q.agencyId, q.year);
  });

  app.put('/api/feedback/settings', async (request) => {
    const actor = requireActor(request);
    return updateFeedbackSettings(ctx, actor, parseInput(settingsSchema, request.body), request.ip);
  });

  app.get('/api/feedback/:id', async (request) => getFeedback(ctx.db, requireActor(request), idParam(request)));

  app.post('/api/feedback/:id/answer', async (request) => {
    const actor = requireActor(request);
    const id = idParam(request);
    return answerFeedback(ctx, actor, id, parseInput(answerSchema, request.body), request.ip);
  });

  app.post('/api/feedback/:id/reject', async (request) => {
    const actor = requireActor(request);
    const id = idParam(request);
    return rejectFeedback(ctx, actor, id, parseInput(rejectSchema, request.body), request.ip);
  });

  app.get('/api/feedback/:id/history', async (request) => feedbackHistory(ctx.db, requireActor(request), idParam(request)));

  app.post('/api/feedback/:id/assign', async (request) => {
    const actor = requireActor(request);
    const id = idParam(request);
    return assignFeedback(ctx, actor, id, parseInput(assignSchema, request.body), request.ip);
  });

  app.post('/api/feedback/:id/hide', async (request) => {
    const actor = requireActor(request);
    const id = idParam(request);
    return hideFeedback(ctx, actor, id, parseInput(visibilitySchema, request.body), request.ip);
  });

  app.post('/api/feedback/:id/unhide', async (request) => {
    const actor = requireActor(request);
    const id = idParam(request);
    return unhideFeedback(ctx, actor, id, parseInput(visibilitySchema, request.body), request.ip);
  });
}
