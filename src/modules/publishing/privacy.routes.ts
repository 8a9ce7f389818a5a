/** HTTP wiring of the privacy gate on documents and of the sweep (回头看). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { parseInput, uuidParam } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import { getDocumentPrivacy, justifyFindings, maskDocumentAttachment, maskDocumentBody, scanDocument } from './privacy-gate.service.ts';
import { listPrivacySweeps, requestPrivacySweep } from './privacy-sweep.service.ts';
import { loadVisible } from './documents.service.ts';

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

/** POST /api/privacy/sweep */
const sweepSchema = z.object({
  /** Agency to sweep; omitted by a sysadmin for all agencies. */
  agencyId: z.string().uuid('编号格式不正确').optional(),
});

/** GET /api/privacy/sweeps */
const sweepsQuery = z.object({
  /** Only this agency's results. */
  agencyId: z.string().uuid('编号格式不正确').optional(),
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

  app.post('/api/privacy/sweep', async (request) => {
    const actor = requireActor(request);
    const input = parseInput(sweepSchema, request.body ?? {});
    return { sweep: await requestPrivacySweep(ctx, actor, input.agencyId ?? null, request.ip) };
  });

  app.get('/api/privacy/sweeps', async (request) => {
    const actor = requireActor(request);
    const q = parseInput(sweepsQuery, request.query);
    return listPrivacySweeps(ctx.db, actor, q.agencyId);
  });
}
