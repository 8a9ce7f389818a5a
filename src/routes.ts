/** Registration of the modules that arrive after the foundation (publishing, portal, admin console). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.ts';

export async function registerExtraRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
