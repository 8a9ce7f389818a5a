/** HTTP wiring of /api/notifications: the signed-in user's own notifications. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { parseInput, uuidParam } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import { listQuerySchema } from './notifications.schemas.ts';
import { listMine, readAll, readOne } from './notifications.service.ts';

export function registerNotificationsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/notifications', async (request) => {
    const actor = requireActor(request);
    return listMine(ctx.db, actor, parseInput(listQuerySchema, request.query));
  });

  app.post('/api/notifications/read-all', async (request) => {
    const actor = requireActor(request);
    return readAll(ctx.db, actor);
  });

  app.post('/api/notifications/:id/read', async (request) => {
    const actor = requireActor(request);
    return readOne(ctx.db, actor, parseInput(uuidParam, (request.params as { id: string }).id));
  });
}
