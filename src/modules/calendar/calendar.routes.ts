/** HTTP wiring of the working-day calendar. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { forbidden } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import { auditActor, requireActor } from '../accounts/index.ts';
import { canEditCalendar } from './calendar.policy.ts';
import { addCalendarYearSchema, yearParam } from './calendar.schemas.ts';
import * as service from './calendar.service.ts';

/** GET /api/calendar/years, POST /api/calendar/years (sysadmin), GET /api/calendar/:year. */
export function registerCalendarRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/calendar/years', async (request) => {
    requireActor(request);
    return { years: await service.listCalendarYears(ctx.db) };
  });

  app.post('/api/calendar/years', async (request, reply) => {
    const actor = requireActor(request);
    if (!canEditCalendar(actor)) throw forbidden('只有平台管理员可以录入放假安排');
    const input = parseInput(addCalendarYearSchema, request.body);
    const year = await service.addCalendarYear(ctx.db, auditActor(actor, request.ip), input);
    // Open requests whose deadlines ran into this year are recomputed (requests module).
    for (const fn of ctx.onCalendarChange) await fn();
    reply.code(201);
    return { year };
  });

  app.get('/api/calendar/:year', async (request) => {
    requireActor(request);
    const year = parseInput(yearParam, (request.params as { year: string }).year);
    return service.getCalendarYear(ctx.db, year);
  });
}
