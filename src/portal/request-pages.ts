/**
 * The portal's 依申请公开 pages (no account): apply and follow the status with the tracking
 * number and the query code. Registered in their own scope with @fastify/formbody (the rest
 * of the app, /api included, stays JSON-only). Anonymous forms carry a signed, time-limited
 * token (CSRF), a honeypot field, and a per-address rate limit. Never cached: answers carry
 * personal choices and the one-time query code.
 */
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  applicantKinds,
  dayNumber,
  deliveries,
  getPublicLetter,
  letterKinds,
  listPublicLetters,
  deliveryNames,
  idTypeNames,
  idTypes,
  lookupPublicStatus,
  onlineApplicationSchema,
  orgKindNames,
  orgKinds,
  provisionFormNames,
  provisionForms,
  statusLookupSchema,
  submitOnlineRequest,
  today,
} from '../modules/requests/index.ts';
import { contentDisposition } from '../modules/publishing/index.ts';
import { checkFormGuards, formStrings, guardRefusal, issuePortalFormToken, refillValues, sendFormPage } from './forms.ts';
import type { PortalDeps } from './portal.routes.ts';
import { footerFor, type SiteDirectory } from './site-data.ts';
import { validHost } from './urls.ts';
import type { AgencyView, PageBase } from './views/pages.ts';
import * as views from './views/requests.ts';

const htmlType = 'text/html; charset=utf-8';

const options: views.ApplyFormView['options'] = {
  applicantKind: applicantKinds.map((k) => ({ value: k, label: k === 'person' ? '自然人' : '法人或其他组织' })),
  idType: idTypes.map((k) => ({ value: k, label: idTypeNames[k] })),
  orgKind: orgKinds.map((k) => ({ value: k, label: orgKindNames[k] })),
  provisionForm: provisionForms.map((k) => ({ value: k, label: provisionFormNames[k] })),
  delivery: deliveries.map((k) => ({ value: k, label: deliveryNames[k] })),
};

/** Per-address limits (the @fastify/rate-limit plugin is registered globally with `global: false`). */
export const applyRateLimit = { max: 5, timeWindow: '1 hour' };
export const statusRateLimit = { max: 30, timeWindow: '10 minutes' };

/** Registers GET/POST /gk/:agency/ysqgk/apply and /gk/:agency/ysqgk/status, and POST /gk/:agency/ysqgk/letter (告知书 PDF). */
export async function registerRequestPages(app: FastifyInstance, deps: PortalDeps): Promise<void> {
  const { ctx, directory, assets } = deps;

  const base = (dir: SiteDirectory, request: FastifyRequest, agency: AgencyView): PageBase => {
    const host = validHost(request.headers.host);
    const proto = request.protocol === 'https' ? 'https' : 'http';
    return {
      site: { siteName: dir.platform?.name ?? '政务公开平台', host, origin: host ? `${proto}://${host}` : null, assetVersion: assets.version },
      footer: footerFor(dir, agency),
      elder: request.cookies.gk_elder === '1',
      path: request.url,
    };
  };

  const send = sendFormPage;

  const resolve = async (request: FastifyRequest) => {
    const dir = await directory.get();
    const agency = dir.bySlug.get((request.params as { agency: string }).agency);
    return { dir, agency };
  };

  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 64 * 1024 });

    // 429 (and any other refusal of the rate limiter) as a page, not JSON.
    scope.setErrorHandler(async (error, request, reply) => {
      if ((error as { statusCode?: number }).statusCode === 429) {
        const { dir, agency } = await resolve(request);
        if (agency) return send(reply, 429, views.tooManyPage({ ...base(dir, request, agency), agency }));
      }
      throw error;
    });

    const notFound = (reply: FastifyReply) => reply.code(404).type(htmlType).send('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>页面不存在</title></head><body><main><h1>没有找到该单位</h1><p><a href="/">返回首页</a></p></main></body></html>');

    const renderForm = async (request: FastifyRequest, reply: FastifyReply, status: number, extra: { values?: Record<string, string>; errors?: Record<string, string>; message?: string }) => {
      const { dir, agency } = await resolve(request);
      if (!agency) return notFound(reply);
      const formToken = await issuePortalFormToken(ctx.db, agency.id, 'apply');
      const values = refillValues(extra.values ?? {});
      return send(reply, status, views.applyFormPage({ ...base(dir, request, agency), agency, formToken, values, errors: extra.errors ?? {}, message: extra.message, options }));
    };

    scope.get('/gk/:agency/ysqgk/apply', async (request, reply) => renderForm(request, reply, 200, {}));

    scope.post('/gk/:agency/ysqgk/apply', { config: { rateLimit: applyRateLimit } }, async (request, reply) => {
      const { dir, agency } = await resolve(request);
      if (!agency) return notFound(reply);
      const values = formStrings(request.body);
      // Token first (403), then the honeypot (400): a person never fills the hidden field. Nothing is stored.
      const guard = await checkFormGuards(ctx.db, agency.id, 'apply', values);
      if (guard !== 'ok') {
        const refusal = guardRefusal(guard);
        return renderForm(request, reply, refusal.status, guard === 'honeypot' ? { message: refusal.message } : { values, message: refusal.message });
      }
      const parsed = onlineApplicationSchema(dayNumber(today())).safeParse(values);
      if (!parsed.success) {
        const errors: Record<string, string> = {};
        for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'form'] ??= issue.message;
        return renderForm(request, reply, 400, { values, errors });
      }
      const r = await submitOnlineRequest(ctx, agency.id, parsed.data, request.ip);
      return send(reply, 200, views.applyDonePage({ ...base(dir, request, agency), agency, ...r }));
    });

    const renderStatus = async (
      request: FastifyRequest,
      reply: FastifyReply,
      status: number,
      extra: { trackingNo?: string; message?: string; result?: views.PublicStatusView | null; queryCode?: string; letters?: views.PublicLetterView[] },
    ) => {
      const { dir, agency } = await resolve(request);
      if (!agency) return notFound(reply);
      const formToken = await issuePortalFormToken(ctx.db, agency.id, 'status');
      return send(
        reply,
        status,
        views.statusPage({
          ...base(dir, request, agency),
          agency,
          formToken,
          trackingNo: extra.trackingNo ?? '',
          message: extra.message,
          status: extra.result ?? null,
          queryCode: extra.queryCode,
          letters: extra.letters,
        }),
      );
    };

    scope.get('/gk/:agency/ysqgk/status', async (request, reply) => renderStatus(request, reply, 200, {}));

    scope.post('/gk/:agency/ysqgk/status', { config: { rateLimit: statusRateLimit } }, async (request, reply) => {
      const { agency } = await resolve(request);
      if (!agency) return notFound(reply);
      const values = formStrings(request.body);
      if ((await checkFormGuards(ctx.db, agency.id, 'status', values)) !== 'ok') {
        return renderStatus(request, reply, 403, { trackingNo: values.trackingNo, message: '表单已失效，请重新查询。' });
      }
      const parsed = statusLookupSchema.safeParse(values);
      if (!parsed.success) return renderStatus(request, reply, 400, { trackingNo: values.trackingNo, message: '请填写受理编号和查询码。' });
      const result = await lookupPublicStatus(ctx.db, agency.id, parsed.data.trackingNo, parsed.data.queryCode);
      // Unknown number and wrong code: the same answer.
      if (!result) return renderStatus(request, reply, 200, { trackingNo: parsed.data.trackingNo, message: '受理编号或查询码不正确。' });
      // The sent letters (告知书 PDF) can be downloaded with the same tracking number and query code.
      const letters = await listPublicLetters(ctx.db, agency.id, parsed.data.trackingNo, parsed.data.queryCode);
      return renderStatus(request, reply, 200, { trackingNo: parsed.data.trackingNo, result, queryCode: parsed.data.queryCode, letters });
    });

    // The applicant's letter download: only with a valid tracking number and query code; every refusal is the status page's same answer.
    scope.post('/gk/:agency/ysqgk/letter', { config: { rateLimit: statusRateLimit } }, async (request, reply) => {
      const { agency } = await resolve(request);
      if (!agency) return notFound(reply);
      const values = formStrings(request.body);
      if ((await checkFormGuards(ctx.db, agency.id, 'status', values)) !== 'ok') {
        return renderStatus(request, reply, 403, { trackingNo: values.trackingNo, message: '表单已失效，请重新查询。' });
      }
      const parsed = statusLookupSchema.safeParse(values);
      const letter = letterKinds.find((k) => k === values.letter);
      const file = parsed.success && letter ? await getPublicLetter(ctx.db, agency.id, parsed.data.trackingNo, parsed.data.queryCode, letter) : null;
      if (!file) return renderStatus(request, reply, 200, { trackingNo: values.trackingNo, message: '受理编号或查询码不正确。' });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition(file.filename))
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex')
        .send(ctx.storage.stream(file.storageKey));
    });
  });
}
