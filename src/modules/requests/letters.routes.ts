/**
 * HTTP wiring of the letters (告知书): downloads, the letters overview, disclosed files, the
 * agency's templates and remedies settings, and 条例第44条. Every answer naming the applicant is
 * `private, no-store`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput, uuidParam } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import { contentDisposition, readUploadedFile } from '../publishing/index.ts';
import {
  addRequestFile,
  getLetter,
  getLetterTemplate,
  getLettersOverview,
  getRequestFile,
  listLetterTemplates,
  proposePublication,
  removeRequestFile,
  resetLetterTemplate,
  saveLetterSettings,
  saveLetterTemplate,
} from './letters/letters.service.ts';
import { agencyQuery, letterFileParam, letterPreviewQuery, lockVersionQuery, proposePublicationSchema, saveSettingsSchema, saveTemplateSchema, templateKindParam } from './letters/letters.schemas.ts';
import type { Outcome } from './model.ts';
import type { TemplateKind } from './letters/templates.ts';
import { addScans, MAX_SCANS } from './intake-files.ts';
import { readUploads, refuseTruncated } from './uploads.ts';

function param(request: FastifyRequest, name: string): string {
  return (request.params as Record<string, string>)[name] ?? '';
}

function sendBytes(reply: FastifyReply, ctx: AppContext, file: { filename: string; mime: string; data?: Buffer | undefined; storageKey?: string | undefined; size?: number }, extra: Record<string, string> = {}) {
  reply.header('content-type', file.mime).header('content-disposition', contentDisposition(file.filename)).header('cache-control', 'private, no-store');
  for (const [k, v] of Object.entries(extra)) reply.header(k, v);
  if (file.data) return reply.send(file.data);
  return reply.send(ctx.storage.stream(file.storageKey!));
}

export function registerLetterRoutes(app: FastifyInstance, ctx: AppContext): void {
  // ---- templates and settings (static paths: registered before /api/requests/:id in find-my-way's eyes anyway)
  app.get('/api/requests/letter-templates', async (request) => {
    const actor = requireActor(request);
    const { agencyId } = parseInput(agencyQuery, request.query);
    return listLetterTemplates(ctx.db, actor, agencyId);
  });

  app.get('/api/requests/letter-templates/:kind', async (request) => {
    const actor = requireActor(request);
    const kind = parseInput(templateKindParam, param(request, 'kind')) as TemplateKind;
    const { agencyId } = parseInput(agencyQuery, request.query);
    return getLetterTemplate(ctx.db, actor, agencyId, kind);
  });

  app.put('/api/requests/letter-templates/:kind', async (request) => {
    const actor = requireActor(request);
    const kind = parseInput(templateKindParam, param(request, 'kind')) as TemplateKind;
    const input = parseInput(saveTemplateSchema, request.body);
    return saveLetterTemplate(ctx, actor, { ...input, kind }, request.ip);
  });

  app.delete('/api/requests/letter-templates/:kind', async (request) => {
    const actor = requireActor(request);
    const kind = parseInput(templateKindParam, param(request, 'kind')) as TemplateKind;
    const { agencyId } = parseInput(agencyQuery, request.query);
    return resetLetterTemplate(ctx, actor, agencyId, kind, request.ip);
  });

  app.put('/api/requests/letter-settings', async (request) => {
    const actor = requireActor(request);
    return saveLetterSettings(ctx, actor, parseInput(saveSettingsSchema, request.body), request.ip);
  });

  // ---- letters of a request
  app.get('/api/requests/:id/letters', async (request) => {
    const actor = requireActor(request);
    return getLettersOverview(ctx.db, actor, parseInput(uuidParam, param(request, 'id')));
  });

  app.get('/api/requests/:id/letters/:file', async (request, reply) => {
    const actor = requireActor(request);
    const id = parseInput(uuidParam, param(request, 'id'));
    const { letter, format } = parseInput(letterFileParam, param(request, 'file'));
    const q = parseInput(letterPreviewQuery, request.query);
    const file = await getLetter(ctx, actor, id, letter, format, { outcome: q.outcome as Outcome | undefined, note: q.note });
    return sendBytes(reply, ctx, file, { 'x-gongkai-letter': file.source });
  });

  // ---- disclosed files
  app.post('/api/requests/:id/files', async (request, reply) => {
    const actor = requireActor(request);
    const id = parseInput(uuidParam, param(request, 'id'));
    if (!request.isMultipart()) {
      throw new AppError('UNSUPPORTED_MEDIA', { message: '请以 multipart/form-data 方式上传文件（字段名 file）', reason: 'NOT_MULTIPART' });
    }
    // ?kind=scan: scans of the application (intake-files.ts; several files, JPEG/PNG/PDF).
    if ((request.query as Record<string, unknown>).kind === 'scan') {
      const maxBytes = ctx.config.GONGKAI_MAX_UPLOAD_MB * 1024 * 1024;
      const form = await readUploads(request, { maxFiles: MAX_SCANS, maxBytes });
      refuseTruncated(form.files, maxBytes);
      if (!form.files.length) throw new AppError('VALIDATION', { message: '输入有误：请选择要上传的文件', details: { fields: { file: '必填' } } });
      const { lockVersion } = parseInput(lockVersionQuery, { lockVersion: (request.query as Record<string, unknown>).lockVersion ?? form.fields.lockVersion });
      const result = await addScans(ctx, actor, id, { lockVersion, files: form.files }, request.ip);
      reply.code(201);
      return result;
    }
    const part = await request.file();
    if (!part) throw new AppError('VALIDATION', { message: '输入有误：请选择要上传的文件', details: { fields: { file: '必填' } } });
    try {
      const field = part.fields.lockVersion;
      const fieldValue = field && !Array.isArray(field) && field.type === 'field' ? field.value : undefined;
      const { lockVersion } = parseInput(lockVersionQuery, { lockVersion: (request.query as Record<string, unknown>).lockVersion ?? fieldValue });
      const result = await addRequestFile(ctx, actor, id, { lockVersion, filename: part.filename, data: () => readUploadedFile(part, ctx.config.GONGKAI_MAX_UPLOAD_MB) }, request.ip);
      reply.code(201);
      return result;
    } finally {
      // A refused upload is drained so the connection can carry on.
      if (!part.file.readableEnded) part.file.resume();
    }
  });

  app.delete('/api/requests/:id/files/:fileId', async (request) => {
    const actor = requireActor(request);
    const { lockVersion } = parseInput(lockVersionQuery, request.query);
    return removeRequestFile(ctx, actor, parseInput(uuidParam, param(request, 'id')), parseInput(uuidParam, param(request, 'fileId')), lockVersion, request.ip);
  });

  app.get('/api/requests/:id/files/:fileId', async (request, reply) => {
    const actor = requireActor(request);
    const file = await getRequestFile(ctx.db, actor, parseInput(uuidParam, param(request, 'id')), parseInput(uuidParam, param(request, 'fileId')), request.ip);
    return sendBytes(reply, ctx, file, { 'content-length': String(file.size) });
  });

  // ---- 条例第44条
  app.post('/api/requests/:id/propose-publication', async (request, reply) => {
    const actor = requireActor(request);
    const id = parseInput(uuidParam, param(request, 'id'));
    const result = await proposePublication(ctx, actor, id, parseInput(proposePublicationSchema, request.body), request.ip);
    reply.code(201);
    return result;
  });
}
