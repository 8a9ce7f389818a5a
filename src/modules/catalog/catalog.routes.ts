/** HTTP wiring of /api/catalog: auth → validate → service (policy inside) → presented result. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput, uuidParam } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import { contentDisposition } from '../publishing/index.ts';
import { getAgency } from '../agencies/index.ts';
import { badWorkbook } from './catalog.errors.ts';
import { agencyQuerySchema, catalogSettingsSchema, createAreaSchema, createItemSchema, ledgerQuerySchema, updateAreaSchema, updateItemSchema } from './catalog.schemas.ts';
import * as service from './catalog.service.ts';
import { addStandardItems, previewStandardAdditions } from './standard-additions.ts';
import { buildLedgerWorkbook } from './ledger-xlsx.ts';

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Largest catalog workbook accepted (a full catalog is well under 1 MB). */
const maxImportBytes = 5 * 1024 * 1024;

function idParam(request: FastifyRequest): string {
  return parseInput(uuidParam, (request.params as { id: string }).id);
}

export function registerCatalogRoutes(app: FastifyInstance, ctx: AppContext): void {
  /** The portal's 法定主动公开内容 navigation follows the catalog: its cached pages go stale on every change. */
  const changed = <T>(value: T): T => {
    for (const fn of ctx.onPublicChange) fn();
    return value;
  };

  app.get('/api/catalog', async (request) => {
    const actor = requireActor(request);
    const { agencyId } = parseInput(agencyQuerySchema, request.query);
    return service.getCatalog(ctx.db, actor, agencyId);
  });

  app.post('/api/catalog/areas', async (request, reply) => {
    const actor = requireActor(request);
    const input = parseInput(createAreaSchema, request.body);
    reply.code(201);
    return changed({ area: await service.createArea(ctx.db, actor, input, request.ip) });
  });

  app.patch('/api/catalog/areas/:id', async (request) => {
    const actor = requireActor(request);
    const input = parseInput(updateAreaSchema, request.body);
    return changed({ area: await service.updateArea(ctx.db, actor, idParam(request), input, request.ip) });
  });

  app.delete('/api/catalog/areas/:id', async (request, reply) => {
    const actor = requireActor(request);
    changed(await service.deleteArea(ctx.db, actor, idParam(request), request.ip));
    return reply.code(204).send();
  });

  app.post('/api/catalog/items', async (request, reply) => {
    const actor = requireActor(request);
    const input = parseInput(createItemSchema, request.body);
    reply.code(201);
    return changed({ item: await service.createItem(ctx.db, actor, input, request.ip) });
  });

  app.patch('/api/catalog/items/:id', async (request) => {
    const actor = requireActor(request);
    const input = parseInput(updateItemSchema, request.body);
    return changed({ item: await service.updateItem(ctx.db, actor, idParam(request), input, request.ip) });
  });

  app.delete('/api/catalog/items/:id', async (request, reply) => {
    const actor = requireActor(request);
    changed(await service.deleteItem(ctx.db, actor, idParam(request), request.ip));
    return reply.code(204).send();
  });

  app.get('/api/catalog/export.xlsx', async (request, reply) => {
    const actor = requireActor(request);
    const { agencyId } = parseInput(agencyQuerySchema, request.query);
    const file = await service.exportCatalog(ctx.db, actor, agencyId);
    return reply.header('content-type', xlsxMime).header('content-disposition', contentDisposition(file.filename)).header('cache-control', 'private, no-store').send(file.data);
  });

  app.post('/api/catalog/import', async (request) => {
    const actor = requireActor(request);
    const { agencyId } = parseInput(agencyQuerySchema, request.query);
    if (!request.isMultipart()) {
      throw new AppError('UNSUPPORTED_MEDIA', { message: '请以 multipart/form-data 方式上传 XLSX 文件（字段名 file）', reason: 'NOT_MULTIPART' });
    }
    const part = await request.file({ limits: { fileSize: maxImportBytes } });
    if (!part) throw badWorkbook('请选择要导入的 XLSX 文件');
    const data = await part.toBuffer().catch(() => {
      throw new AppError('TOO_LARGE', { message: '文件超过 5 MB', reason: 'CATALOG_TOO_LARGE' });
    });
    return changed({ result: await service.importCatalog(ctx.db, actor, agencyId, data, request.ip) });
  });

  app.get('/api/catalog/standard-additions', async (request) => {
    const actor = requireActor(request);
    const { agencyId } = parseInput(agencyQuerySchema, request.query);
    return previewStandardAdditions(ctx.db, actor, agencyId);
  });

  app.post('/api/catalog/standard-additions', async (request) => {
    const actor = requireActor(request);
    const { agencyId } = parseInput(agencyQuerySchema, request.query);
    return changed({ result: await addStandardItems(ctx.db, actor, agencyId, request.ip) });
  });

  app.get('/api/catalog/settings', async (request) => {
    const actor = requireActor(request);
    const { agencyId } = parseInput(agencyQuerySchema, request.query);
    return { settings: await service.getCatalogSettings(ctx.db, actor, agencyId) };
  });

  app.put('/api/catalog/settings', async (request) => {
    const actor = requireActor(request);
    const { agencyId } = parseInput(agencyQuerySchema, request.query);
    const input = parseInput(catalogSettingsSchema, request.body);
    return { settings: await service.updateCatalogSettings(ctx.db, actor, agencyId, input, request.ip) };
  });

  app.get('/api/catalog/ledger', async (request) => {
    const actor = requireActor(request);
    const q = parseInput(ledgerQuerySchema, request.query);
    return { ledger: await service.getLedger(ctx.db, actor, q.agencyId, q.year) };
  });

  app.get('/api/catalog/ledger.xlsx', async (request, reply) => {
    const actor = requireActor(request);
    const q = parseInput(ledgerQuerySchema, request.query);
    const ledger = await service.getLedger(ctx.db, actor, q.agencyId, q.year);
    const agency = await getAgency(ctx.db, q.agencyId);
    const title = `${agency.name}${ledger.year}年政务公开更新提醒台账`;
    const data = await buildLedgerWorkbook(title, ledger);
    return reply.header('content-type', xlsxMime).header('content-disposition', contentDisposition(`${title}.xlsx`)).header('cache-control', 'private, no-store').send(data);
  });
}
