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
  findPendingCorrection,
  submitOnlineCorrection,
  readUploads,
  PORTAL_FILE_MAX_BYTES,
  MAX_CORRECTION_FILES,
  type CorrectionResult,
  type UploadedPart,
} from '../modules/requests/index.ts';
import { AppError } from '../lib/errors.ts';
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
export const correctionRateLimit = { max: 10, timeWindow: '1 hour' };

/**
 * The fields and files of a portal form: urlencoded (no file chosen by an old client) or
 * multipart. A refusal of the multipart reader (too many files) becomes the form's message.
 */
async function readPortalForm(request: FastifyRequest, maxFiles: number): Promise<{ values: Record<string, string>; files: UploadedPart[]; refusal?: string }> {
  if (!request.isMultipart()) return { values: formStrings(request.body), files: [] };
  try {
    const form = await readUploads(request, { maxFiles, maxBytes: PORTAL_FILE_MAX_BYTES });
    return { values: formStrings(form.fields), files: form.files };
  } catch (err) {
    if (err instanceof AppError) return { values: {}, files: [], refusal: err.message.replace(/^输入有误：/, '') };
    throw err;
  }
}

/** The Chinese message of a refused upload (size, type, damaged), or rethrows. */
function uploadRefusal(err: unknown): { status: number; message: string } {
  if (err instanceof AppError && ['TOO_LARGE', 'UNSUPPORTED_MEDIA', 'UNPROCESSABLE', 'VALIDATION'].includes(err.code)) {
    return { status: err.code === 'TOO_LARGE' ? 413 : err.code === 'UNSUPPORTED_MEDIA' ? 415 : err.code === 'VALIDATION' ? 400 : 422, message: err.message };
  }
  throw err;
}

const tooLargeMessage = (name: string) => `文件「${name}」超过 5 MB，请压缩或重新扫描后再上传。`;

/**
 * Registers GET/POST /gk/:agency/ysqgk/apply and /gk/:agency/ysqgk/status, POST
 * /gk/:agency/ysqgk/letter (告知书 PDF) and POST /gk/:agency/ysqgk/correction (online 补正).
 */
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
      const form = await readPortalForm(request, 1);
      const values = form.values;
      if (form.refusal) return renderForm(request, reply, 400, { message: form.refusal });
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
      // The identity document (optional): JPEG/PNG/PDF ≤ 5 MB, checked by content; stored privately.
      const identity = form.files.find((f) => f.field === 'identity') ?? null;
      if (identity?.truncated) return renderForm(request, reply, 413, { values, errors: { identity: tooLargeMessage(identity.filename) } });
      let r;
      try {
        r = await submitOnlineRequest(ctx, agency.id, parsed.data, request.ip, identity);
      } catch (err) {
        const refusal = uploadRefusal(err);
        return renderForm(request, reply, refusal.status, { values, errors: { identity: refusal.message } });
      }
      return send(reply, 200, views.applyDonePage({ ...base(dir, request, agency), agency, ...r }));
    });

    const renderStatus = async (
      request: FastifyRequest,
      reply: FastifyReply,
      status: number,
      extra: {
        trackingNo?: string;
        message?: string;
        success?: string;
        result?: views.PublicStatusView | null;
        queryCode?: string;
        letters?: views.PublicLetterView[];
        correction?: { text?: string; error?: string };
      },
    ) => {
      const { dir, agency } = await resolve(request);
      if (!agency) return notFound(reply);
      const formToken = await issuePortalFormToken(ctx.db, agency.id, 'status');
      // A correction is asked for: its items, deadline and form (only after a successful lookup).
      const pending = extra.result && extra.queryCode ? await findPendingCorrection(ctx.db, agency.id, extra.result.trackingNo, extra.queryCode) : null;
      const correction = pending ? { ...pending, formToken: await issuePortalFormToken(ctx.db, agency.id, 'correction'), ...extra.correction } : undefined;
      return send(
        reply,
        status,
        views.statusPage({
          ...base(dir, request, agency),
          agency,
          formToken,
          trackingNo: extra.trackingNo ?? '',
          message: extra.message,
          success: extra.success,
          status: extra.result ?? null,
          queryCode: extra.queryCode,
          letters: extra.letters,
          correction,
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

    // The applicant's online 补正: with a valid tracking number and query code, while the correction period runs.
    scope.post('/gk/:agency/ysqgk/correction', { config: { rateLimit: correctionRateLimit } }, async (request, reply) => {
      const { agency } = await resolve(request);
      if (!agency) return notFound(reply);
      const form = await readPortalForm(request, MAX_CORRECTION_FILES);
      const values = form.values;
      const guard = await checkFormGuards(ctx.db, agency.id, 'correction', values);
      if (guard !== 'ok') return renderStatus(request, reply, guard === 'honeypot' ? 400 : 403, { trackingNo: values.trackingNo, message: '表单已失效，请重新查询后再提交补正。' });
      const parsed = statusLookupSchema.safeParse(values);
      if (!parsed.success) return renderStatus(request, reply, 200, { trackingNo: values.trackingNo, message: '受理编号或查询码不正确。' });
      const { trackingNo, queryCode } = parsed.data;
      // Unknown number and wrong code: the status page's same answer, before anything else is looked at.
      const current = await lookupPublicStatus(ctx.db, agency.id, trackingNo, queryCode);
      if (!current) return renderStatus(request, reply, 200, { trackingNo, message: '受理编号或查询码不正确。' });
      const again = async (status: number, error: string) =>
        renderStatus(request, reply, status, { trackingNo, result: current, queryCode, letters: await listPublicLetters(ctx.db, agency.id, trackingNo, queryCode), correction: { text: values.text ?? '', error } });
      if (form.refusal) return again(400, form.refusal);
      const text = (values.text ?? '').trim();
      if (!text) return again(400, '请填写补正内容。');
      if (text.length > 2000) return again(400, '补正内容不能超过 2000 字。');
      const big = form.files.find((f) => f.truncated);
      if (big) return again(413, tooLargeMessage(big.filename));
      let result: CorrectionResult;
      try {
        result = await submitOnlineCorrection(ctx, agency.id, { trackingNo, queryCode, text, files: form.files }, request.ip);
      } catch (err) {
        const refusal = uploadRefusal(err);
        return again(refusal.status, refusal.message);
      }
      if (!result.ok) {
        const message =
          result.reason === 'expired'
            ? `补正期限（至 ${result.deadline ?? '—'}）已过，不能在线提交补正。无正当理由逾期不补正的，视为放弃申请（条例第三十条）；如有正当理由，请与本机关联系。`
            : result.reason === 'not_pending'
              ? '该申请目前不需要补正。'
              : '受理编号或查询码不正确。';
        const status = result.reason === 'not_found' ? 200 : 409;
        return renderStatus(request, reply, status, { trackingNo, message, ...(result.reason === 'not_found' ? {} : { result: current, queryCode }) });
      }
      const after = await lookupPublicStatus(ctx.db, agency.id, trackingNo, queryCode);
      return renderStatus(request, reply, 200, {
        trackingNo,
        success: `补正已于 ${result.receivedOn} 收到。答复期限自收到补正之日起重新计算${result.dueOn ? `，至 ${result.dueOn}` : ''}。`,
        result: after,
        queryCode,
        letters: await listPublicLetters(ctx.db, agency.id, trackingNo, queryCode),
      });
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
