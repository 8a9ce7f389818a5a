/** HTTP wiring of /api/requests: auth → validate → service (policy inside) → presented result. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { parseInput, uuidParam } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import { requestActions, type RequestAction } from './model.ts';
import { actionSchemas, dayNumber, listQuerySchema, registerRequestSchema } from './requests.schemas.ts';
import { getRequestDetail, listRequests, performAction, recomputeDueDates, registerRequest, today } from './requests.service.ts';
import { registerLetterRoutes } from './letters.routes.ts';

/** `askCorrection` → `ask-correction`. */
export function actionPath(action: RequestAction): string {
  return action.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function idParam(request: FastifyRequest): string {
  return parseInput(uuidParam, (request.params as Record<string, string>).id);
}

export function registerRequestsRoutes(app: FastifyInstance, ctx: AppContext): void {
  ctx.onCalendarChange.add(() => recomputeDueDates(ctx.db));
  // 告知书: downloads, templates, disclosed files, 条例第44条 (letters.routes.ts).
  registerLetterRoutes(app, ctx);
  app.get('/api/requests', async (request) => {
    const actor = requireActor(request);
    return listRequests(ctx.db, actor, parseInput(listQuerySchema, request.query));
  });

  app.post('/api/requests', async (request, reply) => {
    const actor = requireActor(request);
    const input = parseInput(registerRequestSchema(dayNumber(today())), request.body);
    const result = await registerRequest(ctx, actor, input, request.ip);
    reply.code(201);
    return result;
  });

  app.get('/api/requests/:id', async (request) => {
    const actor = requireActor(request);
    return getRequestDetail(ctx.db, actor, idParam(request));
  });

  for (const action of requestActions) {
    app.post(`/api/requests/:id/${actionPath(action)}`, async (request) => {
      const actor = requireActor(request);
      const id = idParam(request);
      const input = parseInput(actionSchemas[action], request.body);
      await performAction(ctx, actor, id, action, input as never, request.ip);
      return getRequestDetail(ctx.db, actor, id);
    });
  }
}
