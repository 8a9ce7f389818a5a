/** HTTP wiring of /api/reports (the generator) and /api/public/reports (published JSON): auth → validate → service (policy inside). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { parseInput } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import { contentDisposition } from '../publishing/index.ts';
import { caseSchema, figuresSchema, narrativeSchema, publicReportParams, reportParams } from './reports.schemas.ts';
import * as service from './reports.service.ts';

const docxMime = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function registerReportsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/reports/:agencyId/:year', async (request) => {
    const actor = requireActor(request);
    const { agencyId, year } = parseInput(reportParams, request.params);
    return service.getReport(ctx.db, actor, agencyId, year);
  });

  app.put('/api/reports/:agencyId/:year/figures', async (request) => {
    const actor = requireActor(request);
    const { agencyId, year } = parseInput(reportParams, request.params);
    const input = parseInput(figuresSchema, request.body);
    return service.putFigures(ctx, actor, agencyId, year, input, request.ip);
  });

  app.get('/api/reports/:agencyId/:year/cases', async (request) => {
    const actor = requireActor(request);
    const { agencyId, year } = parseInput(reportParams, request.params);
    return { cases: await service.listCases(ctx.db, actor, agencyId, year) };
  });

  app.post('/api/reports/:agencyId/:year/cases', async (request, reply) => {
    const actor = requireActor(request);
    const { agencyId, year } = parseInput(reportParams, request.params);
    const input = parseInput(caseSchema, request.body);
    reply.code(201);
    return { case: await service.addCase(ctx, actor, agencyId, year, input, request.ip) };
  });

  app.put('/api/reports/:agencyId/:year/narrative', async (request) => {
    const actor = requireActor(request);
    const { agencyId, year } = parseInput(reportParams, request.params);
    const input = parseInput(narrativeSchema, request.body);
    return service.putNarrative(ctx, actor, agencyId, year, input, request.ip);
  });

  app.post('/api/reports/:agencyId/:year/publish', async (request) => {
    const actor = requireActor(request);
    const { agencyId, year } = parseInput(reportParams, request.params);
    return service.publishReport(ctx, actor, agencyId, year, request.ip);
  });

  app.get('/api/reports/:agencyId/:year/report.docx', async (request, reply) => {
    const actor = requireActor(request);
    const { agencyId, year } = parseInput(reportParams, request.params);
    const file = await service.getReportDocx(ctx.db, actor, agencyId, year);
    return reply.header('content-type', docxMime).header('content-disposition', contentDisposition(file.filename)).header('cache-control', 'private, no-store').send(file.data);
  });

  app.get('/api/public/reports/:agencySlug/:year', async (request) => {
    const { agencySlug, year } = parseInput(publicReportParams, request.params);
    return service.getPublicReport(ctx.db, agencySlug, year);
  });
}
