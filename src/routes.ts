/** Registration of the modules beyond the foundation (publishing, calendar, portal, admin console). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.ts';
import { registerPublishingRoutes } from './modules/publishing/index.ts';
import { registerPortal } from './portal/index.ts';
import { registerAdminConsole } from './admin-console.ts';
import { registerCalendarRoutes } from './modules/calendar/index.ts';

export async function registerExtraRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  registerPublishingRoutes(app, ctx);
  registerCalendarRoutes(app, ctx);
  await registerPortal(app, ctx);
  await registerAdminConsole(app, ctx);
}
