/** HTTP wiring of /api/documents and /api/reviews: auth → validate → service (policy inside) → presented result. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput, uuidParam } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import { addAttachment, contentDisposition, findAttachmentForDownload, readUploadedFile, removeAttachment } from './attachments.service.ts';
import { createDocument, getDocumentDetail, listDocuments, listInbox, updateDocument } from './documents.service.ts';
import {
  approveSchema,
  correctSchema,
  createDocumentSchema,
  hideVersionSchema,
  listQuerySchema,
  lockVersionQuery,
  returnSchema,
  submitSchema,
  updateDocumentSchema,
  versionParam,
  withdrawSchema,
} from './publishing.schemas.ts';
import { hideVersion } from './version-hiding.service.ts';
import { approveDocument, returnDocument, startCorrection, submitDocument, withdrawDocument } from './review.service.ts';
import { registerDocumentPrivacyRoutes } from './privacy.routes.ts';

function idParam(request: FastifyRequest, name = 'id'): string {
  return parseInput(uuidParam, (request.params as Record<string, string>)[name]);
}

export function registerPublishingRoutes(app: FastifyInstance, ctx: AppContext): void {
  // 隐私信息专项审查 on documents and the sweep (回头看): privacy.routes.ts.
  registerDocumentPrivacyRoutes(app, ctx);
  app.get('/api/documents', async (request) => {
    const actor = requireActor(request);
    const q = parseInput(listQuerySchema, request.query);
    return listDocuments(ctx.db, actor, q);
  });

  app.post('/api/documents', async (request, reply) => {
    const actor = requireActor(request);
    const input = parseInput(createDocumentSchema, request.body);
    const document = await createDocument(ctx, actor, input, request.ip);
    reply.code(201);
    return { document };
  });

  app.get('/api/documents/:id', async (request) => {
    const actor = requireActor(request);
    return getDocumentDetail(ctx.db, actor, idParam(request));
  });

  app.patch('/api/documents/:id', async (request) => {
    const actor = requireActor(request);
    const id = idParam(request);
    const input = parseInput(updateDocumentSchema, request.body);
    return { document: await updateDocument(ctx, actor, id, input, request.ip) };
  });

  app.post('/api/documents/:id/attachments', async (request, reply) => {
    const actor = requireActor(request);
    const id = idParam(request);
    if (!request.isMultipart()) {
      throw new AppError('UNSUPPORTED_MEDIA', { message: '请以 multipart/form-data 方式上传文件（字段名 file）', reason: 'NOT_MULTIPART' });
    }
    const part = await request.file();
    if (!part) throw new AppError('VALIDATION', { message: '输入有误：请选择要上传的文件', details: { fields: { file: '必填' } } });
    try {
      // lockVersion in the query string, or as a form field sent before the file.
      const field = part.fields.lockVersion;
      const fieldValue = field && !Array.isArray(field) && field.type === 'field' ? field.value : undefined;
      const { lockVersion } = parseInput(lockVersionQuery, { lockVersion: (request.query as Record<string, unknown>).lockVersion ?? fieldValue });
      const read = () => readUploadedFile(part, ctx.config.GONGKAI_MAX_UPLOAD_MB);
      const result = await addAttachment(ctx, actor, id, { lockVersion, filename: part.filename, data: read }, request.ip);
      reply.code(201);
      return result;
    } finally {
      // A refused upload is drained so the connection can carry on.
      if (!part.file.readableEnded) part.file.resume();
    }
  });

  app.delete('/api/documents/:id/attachments/:attachmentId', async (request) => {
    const actor = requireActor(request);
    const id = idParam(request);
    const attachmentId = idParam(request, 'attachmentId');
    const { lockVersion } = parseInput(lockVersionQuery, request.query);
    return removeAttachment(ctx, actor, id, attachmentId, lockVersion, request.ip);
  });

  app.get('/api/documents/:id/attachments/:attachmentId', async (request, reply) => {
    const actor = requireActor(request);
    const file = await findAttachmentForDownload(ctx.db, actor, idParam(request), idParam(request, 'attachmentId'));
    return reply
      .header('content-type', file.mime)
      .header('content-length', String(file.size))
      .header('content-disposition', contentDisposition(file.filename))
      .header('cache-control', 'private, no-store')
      .send(ctx.storage.stream(file.storageKey));
  });

  app.post('/api/documents/:id/submit', async (request) => {
    const actor = requireActor(request);
    const id = idParam(request);
    const input = parseInput(submitSchema, request.body);
    await submitDocument(ctx, actor, id, input, request.ip);
    return getDocumentDetail(ctx.db, actor, id);
  });

  app.post('/api/documents/:id/approve', async (request) => {
    const actor = requireActor(request);
    const id = idParam(request);
    const input = parseInput(approveSchema, request.body);
    await approveDocument(ctx, actor, id, input, request.ip);
    return getDocumentDetail(ctx.db, actor, id);
  });

  app.post('/api/documents/:id/return', async (request) => {
    const actor = requireActor(request);
    const id = idParam(request);
    const input = parseInput(returnSchema, request.body);
    await returnDocument(ctx, actor, id, input, request.ip);
    return getDocumentDetail(ctx.db, actor, id);
  });

  app.post('/api/documents/:id/withdraw', async (request) => {
    const actor = requireActor(request);
    const id = idParam(request);
    const input = parseInput(withdrawSchema, request.body);
    await withdrawDocument(ctx, actor, id, input, request.ip);
    return getDocumentDetail(ctx.db, actor, id);
  });

  app.post('/api/documents/:id/correct', async (request) => {
    const actor = requireActor(request);
    const id = idParam(request);
    const input = parseInput(correctSchema, request.body);
    await startCorrection(ctx, actor, id, input, request.ip);
    return getDocumentDetail(ctx.db, actor, id);
  });

  app.post('/api/documents/:id/versions/:version/hide', async (request) => {
    const actor = requireActor(request);
    const id = idParam(request);
    const version = parseInput(versionParam, (request.params as Record<string, string>).version);
    const input = parseInput(hideVersionSchema, request.body);
    await hideVersion(ctx, actor, id, version, input, request.ip);
    return getDocumentDetail(ctx.db, actor, id);
  });

  app.get('/api/reviews/inbox', async (request) => {
    const actor = requireActor(request);
    return listInbox(ctx.db, actor);
  });
}
