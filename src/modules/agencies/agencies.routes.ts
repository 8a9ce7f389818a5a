/** HTTP wiring of agencies. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { forbidden } from '../../lib/errors.ts';
import { parseInput, uuidParam } from '../../lib/validation.ts';
import { auditActor, canReadAgency, hasRole, requireActor } from '../accounts/index.ts';
import * as service from './agencies.service.ts';
import { createAgencySchema, updateAgencySchema } from './agencies.schemas.ts';

export function registerAgenciesRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/agencies', async (request) => {
    const actor = requireActor(request);
    const all = await service.listAgencies(ctx.db);
    return { agencies: all.filter((a) => canReadAgency(actor, a.id)) };
  });

  app.post('/api/agencies', async (request, reply) => {
    const actor = requireActor(request);
    if (actor.globalRole !== 'sysadmin') throw forbidden('只有平台管理员可以新增单位');
    const input = parseInput(createAgencySchema, request.body);
    reply.code(201);
    return { agency: await service.createAgency(ctx.db, auditActor(actor, request.ip), input) };
  });

  app.get('/api/agencies/:id', async (request) => {
    const actor = requireActor(request);
    const id = parseInput(uuidParam, (request.params as { id: string }).id);
    if (!canReadAgency(actor, id)) throw forbidden();
    const agency = await service.getAgency(ctx.db, id);
    return { agency, columns: await service.listColumns(ctx.db, id) };
  });

  app.patch('/api/agencies/:id', async (request) => {
    const actor = requireActor(request);
    const id = parseInput(uuidParam, (request.params as { id: string }).id);
    const input = parseInput(updateAgencySchema, request.body);
    const agency = await service.updateAgency(ctx.db, auditActor(actor, request.ip), id, input, hasRole(actor, id, 'admin'));
    for (const fn of ctx.onPublicChange) fn();
    return { agency };
  });
}
