/**
 * The portal's 留言 pages (no account, no JavaScript): the site-wide form at /gk/:agency/feedback
 * (also the target of the form under every item), the list of answered feedback whose authors
 * consented, and the detail-page sections (政策解读 links, the feedback form). The anonymous
 * form gets the same protection as the 依申请公开 form (forms.ts: signed time-limited token,
 * honeypot, per-address rate limit, formbody only in this scope) plus the feedback module's
 * local spam score.
 */
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listPublicAnswered, listPublicAnsweredForDocument, portalFeedbackSchema, submitOnlineFeedback } from '../modules/feedback/index.ts';
import { findInterpretationLinks, findPublishedItem } from '../modules/publishing/index.ts';
import { checkFormGuards, formStrings, guardRefusal, issuePortalFormToken, refillValues, sendFormPage } from './forms.ts';
import type { PortalDeps } from './portal.routes.ts';
import { footerFor, type SiteDirectory } from './site-data.ts';
import { positiveInt, validHost } from './urls.ts';
import type { AgencyView, PageBase } from './views/pages.ts';
import * as views from './views/feedback.ts';

/** Per-address limit of feedback posts. */
export const feedbackRateLimit = { max: 10, timeWindow: '1 hour' };

/** Answered feedback per public page. */
export const answeredPageSize = 20;

const purpose = 'feedback';

/** Registers /gk/:agency/feedback (GET, POST), /gk/:agency/feedback/answered and the detail-page sections. */
export async function registerFeedbackPages(app: FastifyInstance, deps: PortalDeps): Promise<void> {
  const { ctx, directory, assets } = deps;

  // Detail-page sections: the policy ⇄ interpretation links, then the feedback form.
  deps.detailSections.push(async (item) => {
    const links = await findInterpretationLinks(ctx.db, item);
    return views.interpretationSection(links);
  });
  // The answers to feedback about this item whose authors consented, above the form.
  deps.detailSections.push(async (item) => views.detailAnsweredSection(await listPublicAnsweredForDocument(ctx.db, item.documentId)));
  deps.detailSections.push(async (item) =>
    views.detailFeedbackSection({ agencySlug: item.agencySlug, formToken: await issuePortalFormToken(ctx.db, item.agencyId, purpose), documentId: item.documentId, values: {}, errors: {} }),
  );

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

  const resolve = async (request: FastifyRequest) => {
    const dir = await directory.get();
    return { dir, agency: dir.bySlug.get((request.params as { agency: string }).agency) };
  };

  const notFound = (reply: FastifyReply) =>
    sendFormPage(reply, 404, '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>页面不存在</title></head><body><main><h1>没有找到该单位</h1><p><a href="/">返回首页</a></p></main></body></html>');

  /** The title of a live item of the agency, or undefined. */
  const itemTitle = async (agencyId: string, documentId: string | undefined) => {
    if (!documentId) return undefined;
    const found = await findPublishedItem(ctx.db, documentId);
    return found.state === 'published' && found.item.agencyId === agencyId ? found.item.title : undefined;
  };

  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 32 * 1024 });

    scope.setErrorHandler(async (error, request, reply) => {
      if ((error as { statusCode?: number }).statusCode === 429) {
        const { dir, agency } = await resolve(request);
        if (agency) return sendFormPage(reply, 429, views.feedbackTooManyPage({ ...base(dir, request, agency), agency }));
      }
      throw error;
    });

    const renderForm = async (request: FastifyRequest, reply: FastifyReply, status: number, extra: { values?: Record<string, string>; errors?: Record<string, string>; message?: string }) => {
      const { dir, agency } = await resolve(request);
      if (!agency) return notFound(reply);
      const values = refillValues(extra.values ?? {});
      const q = request.query as Record<string, unknown>;
      const candidate = values.documentId ?? (typeof q.documentId === 'string' ? q.documentId : undefined);
      const documentTitle = await itemTitle(agency.id, candidate);
      const form: views.FeedbackFormData = {
        agencySlug: agency.slug,
        formToken: await issuePortalFormToken(ctx.db, agency.id, purpose),
        documentId: documentTitle ? candidate : undefined,
        values,
        errors: extra.errors ?? {},
      };
      return sendFormPage(reply, status, views.feedbackFormPage({ ...base(dir, request, agency), agency, form, message: extra.message, documentTitle }));
    };

    scope.get('/gk/:agency/feedback', async (request, reply) => renderForm(request, reply, 200, {}));

    scope.post('/gk/:agency/feedback', { config: { rateLimit: feedbackRateLimit } }, async (request, reply) => {
      const { dir, agency } = await resolve(request);
      if (!agency) return notFound(reply);
      const values = formStrings(request.body);
      const guard = await checkFormGuards(ctx.db, agency.id, purpose, values);
      if (guard !== 'ok') {
        const refusal = guardRefusal(guard);
        return renderForm(request, reply, refusal.status, guard === 'honeypot' ? { message: refusal.message } : { values, message: refusal.message });
      }
      const parsed = portalFeedbackSchema.safeParse(values);
      if (!parsed.success) {
        const errors: Record<string, string> = {};
        for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'form'] ??= issue.message;
        return renderForm(request, reply, 400, { values, errors });
      }
      if (parsed.data.documentId && !(await itemTitle(agency.id, parsed.data.documentId))) {
        return renderForm(request, reply, 400, { values: { ...values, documentId: '' }, message: '所留言的信息不存在或已撤回。' });
      }
      const r = await submitOnlineFeedback(ctx, agency.id, parsed.data, request.ip);
      return sendFormPage(reply, 200, views.feedbackDonePage({ ...base(dir, request, agency), agency, dueOn: r.dueOn, documentId: parsed.data.documentId }));
    });
  });

  app.get('/gk/:agency/feedback/answered', async (request, reply) => {
    const { dir, agency } = await resolve(request);
    if (!agency) return notFound(reply);
    const page = positiveInt((request.query as Record<string, unknown>).page, 10_000) ?? 1;
    const { total, items } = await listPublicAnswered(ctx.db, agency.id, page, answeredPageSize);
    if (page > 1 && !items.length) return sendFormPage(reply, 404, views.answeredPage({ ...base(dir, request, agency), agency, items: [], total, page, pageSize: answeredPageSize }));
    const body = views.answeredPage({ ...base(dir, request, agency), agency, items, total, page, pageSize: answeredPageSize });
    return reply.header('cache-control', 'no-cache').header('vary', 'Cookie').type('text/html; charset=utf-8').send(body);
  });
}
