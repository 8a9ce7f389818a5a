/** HTTP wiring of /api/reports (the generator) and /api/public/reports (published JSON): auth → validate → service (policy inside). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import { contentDisposition } from '../publishing/index.ts';
import { getCell } from './cells.service.ts';
import { checkUploadedFiles, uploadResult, type UploadedFile } from './check-upload.ts';
import { countySummaryXlsx, getCountyView } from './county.service.ts';
import { MAX_FIGURES_FILE_BYTES } from './figures-file.ts';
import { figuresTemplate, importFigures } from './figures.service.ts';
import { summaryXlsxBuffer } from './summary-xlsx.ts';
import { caseParams, caseSchema, figuresSchema, narrativeSchema, publicReportParams, publishSchema, reportParams } from './reports.schemas.ts';
import * as service from './reports.service.ts';

const docxMime = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Most files checked in one upload. */
const maxCheckFiles = 30;

const yearParam = z.object({ year: z.coerce.number().int().min(2008).max(2100) });
const cellParams = z.object({
  agencyId: z.string().uuid('编号格式不正确'),
  year: z.coerce.number().int().min(2008).max(2100),
  cell: z.string().min(1).max(100),
});

function requireMultipart(request: FastifyRequest, what: string): void {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA', { message: `请以 multipart/form-data 方式上传${what}`, reason: 'NOT_MULTIPART' });
}

/**
 * Reads the uploaded report files one by one. A file over the size limit is kept as a per-file
 * error (its bytes dropped) and the others are still checked; more than maxCheckFiles is 413.
 */
async function readCheckUpload(request: FastifyRequest, maxMb: number): Promise<UploadedFile[]> {
  requireMultipart(request, '年度报告文件（字段名 files，可多个）');
  const files: UploadedFile[] = [];
  try {
    for await (const part of request.files({ limits: { files: maxCheckFiles, fileSize: maxMb * 1024 * 1024 }, throwFileSizeLimit: false })) {
      const data = await part.toBuffer();
      const name = part.filename || '未命名文件';
      files.push(part.file.truncated ? { name, rejected: `「${name}」超过 ${maxMb} MB，未检查` } : { name, data });
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_FILES_LIMIT') {
      throw new AppError('TOO_LARGE', { message: `一次最多检查 ${maxCheckFiles} 个文件`, reason: 'REPORT_CHECK_TOO_MANY' });
    }
    throw err;
  }
  if (files.length === 0) throw new AppError('VALIDATION', { message: '请选择要检查的年度报告文件', details: { fields: { files: '请选择文件' } } });
  return files;
}

export function registerReportsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/reports/county/:year', async (request) => {
    const actor = requireActor(request);
    const { year } = parseInput(yearParam, request.params);
    return getCountyView(ctx, actor, year);
  });

  app.get('/api/reports/county/:year/summary.xlsx', async (request, reply) => {
    const actor = requireActor(request);
    const { year } = parseInput(yearParam, request.params);
    const file = await countySummaryXlsx(ctx, actor, year);
    return reply.header('content-type', xlsxMime).header('content-disposition', contentDisposition(file.filename)).header('cache-control', 'private, no-store').send(file.data);
  });

  app.post('/api/reports/check', async (request) => {
    requireActor(request);
    const outcomes = await checkUploadedFiles(await readCheckUpload(request, ctx.config.GONGKAI_MAX_UPLOAD_MB));
    return { reports: outcomes.map(uploadResult) };
  });

  app.post('/api/reports/check/summary.xlsx', async (request, reply) => {
    requireActor(request);
    const outcomes = await checkUploadedFiles(await readCheckUpload(request, ctx.config.GONGKAI_MAX_UPLOAD_MB));
    const data = await summaryXlsxBuffer(outcomes);
    return reply.header('content-type', xlsxMime).header('content-disposition', contentDisposition('年报检查汇总.xlsx')).header('cache-control', 'private, no-store').send(data);
  });

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

  app.get('/api/reports/:agencyId/:year/figures/template.xlsx', async (request, reply) => {
    const actor = requireActor(request);
    const { agencyId, year } = parseInput(reportParams, request.params);
    const file = await figuresTemplate(ctx.db, actor, agencyId, year);
    return reply.header('content-type', xlsxMime).header('content-disposition', contentDisposition(file.filename)).header('cache-control', 'private, no-store').send(file.data);
  });

  app.post('/api/reports/:agencyId/:year/figures/import', async (request) => {
    const actor = requireActor(request);
    const { agencyId, year } = parseInput(reportParams, request.params);
    requireMultipart(request, 'XLSX 或 CSV 文件（字段名 file）');
    const part = await request.file({ limits: { fileSize: MAX_FIGURES_FILE_BYTES } });
    if (!part) throw new AppError('VALIDATION', { message: '请选择要导入的 XLSX 或 CSV 文件', details: { fields: { file: '请选择文件' } } });
    const data = await part.toBuffer().catch((err: unknown) => {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('TOO_LARGE', { message: '文件超过 1 MB，不像是年度数据表', reason: 'REPORT_FIGURES_TOO_LARGE' });
      throw err;
    });
    return importFigures(ctx, actor, agencyId, year, part.filename || '上传的文件', data, request.ip);
  });

  app.get('/api/reports/:agencyId/:year/cells/:cell', async (request) => {
    const actor = requireActor(request);
    const { agencyId, year, cell } = parseInput(cellParams, request.params);
    return getCell(ctx.db, actor, agencyId, year, cell);
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

  app.put('/api/reports/:agencyId/:year/cases/:caseId', async (request) => {
    const actor = requireActor(request);
    const { agencyId, year, caseId } = parseInput(caseParams, request.params);
    const input = parseInput(caseSchema, request.body);
    return { case: await service.updateCase(ctx, actor, agencyId, year, caseId, input, request.ip) };
  });

  app.delete('/api/reports/:agencyId/:year/cases/:caseId', async (request, reply) => {
    const actor = requireActor(request);
    const { agencyId, year, caseId } = parseInput(caseParams, request.params);
    await service.deleteCase(ctx, actor, agencyId, year, caseId, request.ip);
    return reply.code(204).send();
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
    const input = parseInput(publishSchema, request.body ?? {});
    return service.publishReport(ctx, actor, agencyId, year, input, request.ip);
  });

  app.get('/api/reports/:agencyId/:year/report.docx', async (request, reply) => {
    const actor = requireActor(request);
    const { agencyId, year } = parseInput(reportParams, request.params);
    const file = await service.getReportDocx(ctx.db, actor, agencyId, year);
    return reply.header('content-type', docxMime).header('content-disposition', contentDisposition(file.filename)).header('cache-control', 'private, no-store').send(file.data);
  });

  app.get('/api/reports/:agencyId/:year/report.pdf', async (request, reply) => {
    const actor = requireActor(request);
    const { agencyId, year } = parseInput(reportParams, request.params);
    const file = await service.getReportPdf(ctx.db, actor, agencyId, year);
    return reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(file.filename)).header('cache-control', 'private, no-store').send(file.data);
  });

  app.get('/api/public/reports/:agencySlug/:year', async (request) => {
    const { agencySlug, year } = parseInput(publicReportParams, request.params);
    return service.getPublicReport(ctx.db, agencySlug, year);
  });
}
