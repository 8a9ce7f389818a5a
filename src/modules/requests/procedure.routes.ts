/** HTTP wiring of the handling depth (procedure.ts): settings, reassignment, fee quote. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { parseInput, uuidParam } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import { assignHandlers, getFeeQuote, getSettings, updateSettings } from './procedure.ts';
import { assignSchema, feeQuoteSchema, settingsQuerySchema, settingsSchema } from './requests.schemas.ts';
import { getRequestDetail } from './requests.service.ts';

function idParam(request: FastifyRequest): string {
  return parseInput(uuidParam, (request.params as Record<string, string>).id);
}

export function registerProcedureRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/requests/settings', async (request) => {
    const actor = requireActor(request);
    return getSettings(ctx.db, actor, parseInput(settingsQuerySchema, request.query).agencyId);
  });

  app.put('/api/requests/settings', async (request) => {
    const actor = requireActor(request);
    return updateSettings(ctx.db, actor, parseInput(settingsSchema, request.body), request.ip);
  });

  app.post('/api/requests/:id/assign', async (request) => {
    const actor = requireActor(request);
    const id = idParam(request);
    await assignHandlers(ctx, actor, id, parseInput(assignSchema, request.body), request.ip);
    return getRequestDetail(ctx.db, actor, id);
  });

  app.get('/api/requests/:id/fee-quote', async (request) => {
    const actor = requireActor(request);
    return getFeeQuote(ctx.db, actor, idParam(request), parseInput(feeQuoteSchema, request.query));
  });
}
