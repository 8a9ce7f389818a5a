/** HTTP wiring of /api/dashboard: auth → validate → service (policy inside). */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../context.ts';
import { now } from '../../lib/clock.ts';
import { parseInput } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import { contentDisposition } from '../publishing/index.ts';
import { getDrill } from './dashboard-drill.service.ts';
import { buildCountyWorkbook, buildDashboardWorkbook } from './dashboard-xlsx.ts';
import { countyQuerySchema, dashboardQuerySchema, drillQuerySchema } from './dashboard.schemas.ts';
import { getCountyDashboard, getDashboard } from './dashboard.service.ts';

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const sendXlsx = (reply: FastifyReply, filename: string, data: Buffer) =>
  reply.header('content-type', xlsxMime).header('content-disposition', contentDisposition(filename)).header('cache-control', 'private, no-store').send(data);

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

  app.get('/api/dashboard/drill', async (request) => {
    const actor = requireActor(request);
    const q = parseInput(drillQuerySchema, request.query);
    return getDrill(ctx, actor, q.agencyId, q.metric, q.key, q.year);
  });

  app.get('/api/dashboard.xlsx', async (request, reply) => {
    const actor = requireActor(request);
    const q = parseInput(dashboardQuerySchema, request.query);
    const d = await getDashboard(ctx, actor, q.agencyId, q.year);
    return sendXlsx(reply, `${d.agencyName}${String(d.year)}年数据看板.xlsx`, await buildDashboardWorkbook(d, now()));
  });

  app.get('/api/dashboard/county.xlsx', async (request, reply) => {
    const actor = requireActor(request);
    const q = parseInput(countyQuerySchema, request.query);
    const c = await getCountyDashboard(ctx, actor, q.year);
    return sendXlsx(reply, `县级数据看板${String(c.year)}年.xlsx`, await buildCountyWorkbook(c, now()));
  });
}
