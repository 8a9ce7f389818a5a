/** HTTP wiring of /api/training: auth → validate → service (policy inside). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { parseInput } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import * as service from './training.service.ts';
import { agencyQuerySchema, attemptParamSchema, putSectionSchema, requiredAgencyQuerySchema, roleParamSchema, settingsSchema, startAttemptSchema, submitAttemptSchema, topicParamSchema } from './training.schemas.ts';

export function registerTrainingRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/training/manual', async (request) => {
    const actor = requireActor(request);
    return service.getManual(ctx.db, actor, parseInput(agencyQuerySchema, request.query).agencyId);
  });

  app.get('/api/training/manual/:topic', async (request) => {
    const actor = requireActor(request);
    const { topic } = parseInput(topicParamSchema, request.params);
    return { section: await service.getSection(ctx.db, actor, topic, parseInput(agencyQuerySchema, request.query).agencyId) };
  });

  app.put('/api/training/manual/:topic', async (request) => {
    const actor = requireActor(request);
    const { topic } = parseInput(topicParamSchema, request.params);
    return { section: await service.putSection(ctx.db, actor, topic, parseInput(putSectionSchema, request.body), request.ip) };
  });

  app.delete('/api/training/manual/:topic', async (request) => {
    const actor = requireActor(request);
    const { topic } = parseInput(topicParamSchema, request.params);
    const { agencyId } = parseInput(requiredAgencyQuerySchema, request.query);
    return { section: await service.resetSection(ctx.db, actor, topic, agencyId, request.ip) };
  });

  app.get('/api/training/courses/mine', async (request) => {
    const actor = requireActor(request);
    return service.myCourses(ctx.db, actor);
  });

  app.post('/api/training/courses/:role/attempts', async (request, reply) => {
    const actor = requireActor(request);
    const { role } = parseInput(roleParamSchema, request.params);
    const body = parseInput(startAttemptSchema, request.body ?? undefined);
    reply.code(201);
    return service.startAttempt(ctx.db, actor, role, body?.agencyId, request.ip);
  });

  app.post('/api/training/attempts/:id/submit', async (request) => {
    const actor = requireActor(request);
    const { id } = parseInput(attemptParamSchema, request.params);
    const { answers } = parseInput(submitAttemptSchema, request.body);
    return service.submitAttempt(ctx.db, actor, id, answers, request.ip);
  });

  app.get('/api/training/results', async (request) => {
    const actor = requireActor(request);
    const { agencyId } = parseInput(requiredAgencyQuerySchema, request.query);
    return service.agencyResults(ctx.db, actor, agencyId);
  });

  app.get('/api/training/settings', async (request) => {
    const actor = requireActor(request);
    return service.getSettings(ctx.db, actor, parseInput(requiredAgencyQuerySchema, request.query).agencyId);
  });

  app.put('/api/training/settings', async (request) => {
    const actor = requireActor(request);
    return service.putSettings(ctx.db, actor, parseInput(settingsSchema, request.body), request.ip);
  });
}
