/** HTTP wiring of the privacy gate on documents and of the sweep (回头看). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { parseInput, uuidParam } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import { findingTypes } from '../privacy/index.ts';
import { contentDisposition } from './attachments.service.ts';
import { getDocumentPrivacy, justifyFindings, maskDocumentAttachment, maskDocumentBody, scanDocument } from './privacy-gate.service.ts';
import { requestPrivacySweep, stopBackgroundSweeps } from './privacy-sweep.service.ts';
import { correctSweepItem, exportSweepRun, getSweepRun, getSweepSchedule, listSweepRuns, setSweepSchedule, withdrawSweepItem } from './privacy-sweep-report.service.ts';
import { loadVisible } from './documents.service.ts';

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const lockVersion = z.number({ error: '缺少稿件版本号 lockVersion，请刷新后重试' }).int().min(0);

/** POST …/privacy/mask-body and …/mask-attachment/:aid */
const maskSchema = z.object({
  /** Optimistic lock: the lockVersion the client last read. */
  lockVersion,
});

/** POST …/privacy/justify */
const justifySchema = z.object({
  /** Optimistic lock: the lockVersion the client last read. */
  lockVersion,
  /** Ids of the findings confirmed as meant to be public. */
  findingIds: z.array(z.string().min(1).max(64)).min(1, '请选择要确认的发现项').max(500),
  /** Why they are meant to be public (recorded in the audit log). */
  reason: z.string().trim().min(2, '请填写理由').max(500),
});

/** POST /api/privacy/sweeps */
const sweepSchema = z.object({
  /** Agency to sweep; omitted by a sysadmin for all agencies. */
  agencyId: z.string().uuid('编号格式不正确').optional(),
  /** `cli` when `gongkai privacy sweep` goes through the server (a label of the run; the user is recorded either way). */
  trigger: z.enum(['manual', 'cli'], { error: '发起方式须为 manual 或 cli' }).optional(),
});

/** GET /api/privacy/sweeps */
const sweepsQuery = z.object({
  /** Only this agency's runs (and the all-agency ones). */
  agencyId: z.string().uuid('编号格式不正确').optional(),
});

/** Filters of a run's report (GET /api/privacy/sweeps/:id and its XLSX). */
const reportFilter = {
  /** Only this agency's items (in an all-agency run). */
  agencyId: z.string().uuid('编号格式不正确').optional(),
  /** Items with a finding of this type (idCard, mobile … or manualReview). */
  type: z.enum([...findingTypes, 'manualReview'], { error: '类型取值不正确' }).optional(),
  /** Items with a finding of this confidence. */
  confidence: z.enum(['high', 'medium', 'low'], { error: '置信度须为 high、medium 或 low' }).optional(),
  /** Title or 索引号 contains. */
  q: z.string().trim().max(100, '搜索词最多 100 个字符').optional(),
};
const reportQuery = z.object({
  ...reportFilter,
  /** Page number from 1. */
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  /** Items per page. */
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
const exportQuery = z.object(reportFilter);

/** POST /api/privacy/sweeps/:id/items/:itemId/withdraw */
const withdrawSchema = z.object({
  /** Optimistic lock: the document's lockVersion shown in the report. */
  lockVersion,
  /** Shown on the portal's withdrawal notice. */
  reason: z.string().trim().min(2, '请填写撤回理由').max(500, '撤回理由最多 500 个字符'),
});

/** GET/PUT /api/privacy/sweep-schedule */
const scheduleQuery = z.object({ agencyId: z.string({ error: '请指定单位' }).uuid('编号格式不正确') });
const scheduleSchema = z.object({
  agencyId: z.string({ error: '请指定单位' }).uuid('编号格式不正确'),
  /** Days between two scheduled sweeps. */
  intervalDays: z.number({ error: '请填写检查周期（天）' }).int('检查周期须为整数天').min(1, '检查周期至少 1 天').max(365, '检查周期最多 365 天'),
});

function idParam(request: FastifyRequest, name = 'id'): string {
  return parseInput(uuidParam, (request.params as Record<string, string>)[name]);
}

export function registerDocumentPrivacyRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/documents/:id/privacy', async (request) => {
    const actor = requireActor(request);
    return getDocumentPrivacy(ctx, actor, idParam(request));
  });

  app.post('/api/documents/:id/privacy/scan', async (request) => {
    const actor = requireActor(request);
    const doc = await loadVisible(ctx.db, actor, idParam(request));
    await scanDocument(ctx.db, ctx.storage, doc.id, { force: true });
    return getDocumentPrivacy(ctx, actor, doc.id);
  });

  app.post('/api/documents/:id/privacy/mask-body', async (request) => {
    const actor = requireActor(request);
    const input = parseInput(maskSchema, request.body);
    return maskDocumentBody(ctx, actor, idParam(request), input, request.ip);
  });

  app.post('/api/documents/:id/privacy/mask-attachment/:attachmentId', async (request) => {
    const actor = requireActor(request);
    const input = parseInput(maskSchema, request.body);
    return maskDocumentAttachment(ctx, actor, idParam(request), idParam(request, 'attachmentId'), input, request.ip);
  });

  app.post('/api/documents/:id/privacy/justify', async (request) => {
    const actor = requireActor(request);
    const input = parseInput(justifySchema, request.body);
    return justifyFindings(ctx, actor, idParam(request), input, request.ip);
  });

  // 回头看: start (answers at once, 202), runs, a run's report with progress, XLSX, actions per item.
  // Sweeps going on in the background stop after their current item when the server closes.
  app.addHook('onClose', stopBackgroundSweeps);
  app.post('/api/privacy/sweeps', async (request, reply) => {
    const actor = requireActor(request);
    const input = parseInput(sweepSchema, request.body ?? {});
    const started = await requestPrivacySweep(ctx, actor, input.agencyId ?? null, request.ip, input.trigger);
    return reply.code(started.alreadyRunning ? 200 : 202).send(started);
  });

  app.get('/api/privacy/sweeps', async (request) => {
    const actor = requireActor(request);
    const q = parseInput(sweepsQuery, request.query);
    return listSweepRuns(ctx.db, actor, q.agencyId);
  });

  app.get('/api/privacy/sweeps/:id', async (request) => {
    const actor = requireActor(request);
    return getSweepRun(ctx.db, actor, idParam(request), parseInput(reportQuery, request.query));
  });

  app.get('/api/privacy/sweeps/:id/export.xlsx', async (request, reply) => {
    const actor = requireActor(request);
    const file = await exportSweepRun(ctx.db, actor, idParam(request), parseInput(exportQuery, request.query));
    return reply.header('content-type', xlsxMime).header('content-disposition', contentDisposition(file.filename)).header('cache-control', 'private, no-store').send(file.data);
  });

  app.post('/api/privacy/sweeps/:id/items/:itemId/withdraw', async (request) => {
    const actor = requireActor(request);
    const input = parseInput(withdrawSchema, request.body);
    return withdrawSweepItem(ctx, actor, idParam(request), idParam(request, 'itemId'), input, request.ip);
  });

  app.post('/api/privacy/sweeps/:id/items/:itemId/correct', async (request) => {
    const actor = requireActor(request);
    const input = parseInput(maskSchema, request.body);
    return correctSweepItem(ctx, actor, idParam(request), idParam(request, 'itemId'), input, request.ip);
  });

  app.get('/api/privacy/sweep-schedule', async (request) => {
    const actor = requireActor(request);
    const q = parseInput(scheduleQuery, request.query);
    return { schedule: await getSweepSchedule(ctx.db, actor, q.agencyId) };
  });

  app.put('/api/privacy/sweep-schedule', async (request) => {
    const actor = requireActor(request);
    const input = parseInput(scheduleSchema, request.body);
    return { schedule: await setSweepSchedule(ctx.db, actor, input.agencyId, input.intervalDays, request.ip) };
  });
}
