/** HTTP wiring of /api/requests: auth → validate → service (policy inside) → presented result. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { parseInput, uuidParam } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import { requestActions, type RequestAction } from './model.ts';
import { actionSchemas, dayNumber, listQuerySchema, registerRequestSchema } from './requests.schemas.ts';
import { getRequestDetail, listRequests, performAction, recomputeDueDates, registerRequest, today } from './requests.service.ts';
import { registerLetterRoutes } from './letters.routes.ts';
import { readUploads, refuseTruncated, type UploadedPart } from './uploads.ts';
import { MAX_SCANS } from './intake-files.ts';
import { AppError } from '../../lib/errors.ts';
import { registerProcedureRoutes } from './procedure.routes.ts';
import { exportLedger } from './ledger.ts';
import { contentDisposition } from '../publishing/index.ts';

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The list's filters without paging. */
const ledgerExportQuerySchema = listQuerySchema.omit({ page: true, pageSize: true });

/** `askCorrection` → `ask-correction`. */
export function actionPath(action: RequestAction): string {
  return action.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function idParam(request: FastifyRequest): string {
  return parseInput(uuidParam, (request.params as Record<string, string>).id);
}

export function registerRequestsRoutes(app: FastifyInstance, ctx: AppContext): void {
  ctx.onCalendarChange.add(() => recomputeDueDates(ctx.db));
  // 告知书: downloads, templates, disclosed files, 条例第44条 (letters.routes.ts).
  registerLetterRoutes(app, ctx);
  // 审批 setting, 承办人 reassignment, 信息处理费 quote (procedure.routes.ts).
  registerProcedureRoutes(app, ctx);
  app.get('/api/requests', async (request) => {
    const actor = requireActor(request);
    return listRequests(ctx.db, actor, parseInput(listQuerySchema, request.query));
  });

  // 台账 XLSX with the list's filters (ledger.ts); applicant columns only for request staff.
  app.get('/api/requests/ledger.xlsx', async (request, reply) => {
    const actor = requireActor(request);
    const file = await exportLedger(ctx.db, actor, parseInput(ledgerExportQuerySchema, request.query));
    return reply.header('content-type', xlsxMime).header('content-disposition', contentDisposition(file.filename)).header('cache-control', 'private, no-store').send(file.data);
  });

  // JSON, or multipart with the fields as JSON in `data` and the scans as files `scans` (several).
  app.post('/api/requests', async (request, reply) => {
    const actor = requireActor(request);
    let body: unknown = request.body;
    let scans: UploadedPart[] = [];
    if (request.isMultipart()) {
      const maxBytes = ctx.config.GONGKAI_MAX_UPLOAD_MB * 1024 * 1024;
      const form = await readUploads(request, { maxFiles: MAX_SCANS, maxBytes });
      refuseTruncated(form.files, maxBytes);
      scans = form.files;
      try {
        body = JSON.parse(form.fields.data ?? '');
      } catch {
        throw new AppError('VALIDATION', { message: '输入有误：multipart 登记须在字段 data 中提供 JSON', details: { fields: { data: '须为 JSON' } } });
      }
    }
    const input = parseInput(registerRequestSchema(dayNumber(today())), body);
    const result = await registerRequest(ctx, actor, input, request.ip, scans);
    reply.code(201);
    return result;
  });

  app.get('/api/requests/:id', async (request) => {
    const actor = requireActor(request);
    return getRequestDetail(ctx.db, actor, idParam(request));
  });

  for (const action of requestActions) {
    app.post(`/api/requests/:id/${actionPath(action)}`, async (request) => {
      const actor = requireActor(request);
      const id = idParam(request);
      const input = parseInput(actionSchemas[action], request.body);
      await performAction(ctx, actor, id, action, input as never, request.ip);
      return getRequestDetail(ctx.db, actor, id);
    });
  }
}
