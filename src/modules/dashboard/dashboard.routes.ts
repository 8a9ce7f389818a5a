/** HTTP wiring of /api/dashboard: auth → validate → service (policy inside). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { parseInput } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import { countyQuerySchema, dashboardQuerySchema } from './dashboard.schemas.ts';
import { getCountyDashboard, getDashboard } from './dashboard.service.ts';

/** Registers the dashboard API. */
export function registerDashboardRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/dashboard', async (request) => {
    const actor = requireActor(request);
    const q = parseInput(dashboardQuerySchema, request.query);
    return getDashboard(ctx, actor, q.agencyId, q.year);
  });

  app.get('/api/dashboard/county', async (request) => {
    const actor = requireActor(request);
    const q = parseInput(countyQuerySchema, request.query);
    return getCountyDashboard(ctx, actor, q.year);
  });
}
