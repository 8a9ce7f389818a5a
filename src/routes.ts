/** Registration of the modules beyond the foundation (publishing, calendar, portal, admin console). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.ts';
import { registerPublishingRoutes } from './modules/publishing/index.ts';
import { registerPortal } from './portal/index.ts';
import { registerAdminConsole } from './admin-console.ts';
import { registerCalendarRoutes } from './modules/calendar/index.ts';
import { registerRequestsRoutes } from './modules/requests/index.ts';
import { registerPrivacyRoutes } from './modules/privacy/index.ts';
import { registerCatalogRoutes } from './modules/catalog/index.ts';
import { registerCatalogBackfillRoutes } from './modules/catalog/index.ts';
import { registerStaffingRoutes } from './modules/staffing/index.ts';
import { registerFeedbackRoutes } from './modules/feedback/index.ts';
import { registerInterpretationRoutes } from './modules/publishing/index.ts';
import { registerReportsRoutes } from './modules/reports/index.ts';
import { registerDashboardRoutes } from './modules/dashboard/index.ts';
import { registerNotificationsRoutes } from './modules/notifications/index.ts';
import { registerTrainingRoutes } from './modules/training/index.ts';
import { registerMetaRoutes } from './modules/meta/index.ts';

export async function registerExtraRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  registerPublishingRoutes(app, ctx);
  registerCalendarRoutes(app, ctx);
  registerRequestsRoutes(app, ctx);
  registerPrivacyRoutes(app, ctx);
  registerCatalogRoutes(app, ctx);
  registerCatalogBackfillRoutes(app, ctx);
  registerStaffingRoutes(app, ctx);
  registerFeedbackRoutes(app, ctx);
  registerInterpretationRoutes(app, ctx);
  registerReportsRoutes(app, ctx);
  registerDashboardRoutes(app, ctx);
  registerNotificationsRoutes(app, ctx);
  registerTrainingRoutes(app, ctx);
  registerMetaRoutes(app, ctx);
  await registerPortal(app, ctx);
  await registerAdminConsole(app, ctx);
}
