/**
 * Public downloads of a published 政府信息公开工作年度报告: /gk/:agency/ndbg/:year.pdf and
 * …/:year.docx (the national format, rendered from what publication froze: reports module), and
 * the 下载 PDF / 下载 Word links on the report's detail page. Through the page cache, so a
 * download is rendered once per publication (every publication, correction or withdrawal clears
 * the cache); 404 before publication and after withdrawal.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/errors.ts';
import { ANNUAL_REPORT_COLUMN, findPublishedReportOfItem, getPublishedReportFile } from '../modules/reports/index.ts';
import { contentDisposition } from '../modules/publishing/index.ts';
import { html, type SafeHtml } from './html.ts';
import { cachedResponse, type CachedResponse } from './page-cache.ts';
import { sendCached, type PortalDeps } from './portal.routes.ts';
import { reportFileUrl, validHost } from './urls.ts';

const mime = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } as const;

const notFoundPage = () =>
  cachedResponse(
    404,
    'text/html; charset=utf-8',
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>页面不存在</title></head><body><main><h1>没有找到该年度报告</h1><p>报告尚未发布或已撤回。</p><p><a href="/">返回首页</a></p></main></body></html>',
  );

/** The detail-page section of a published report: its downloads. */
export function reportDownloadsSection(agencySlug: string, year: number): SafeHtml {
  return html`<section class="attachments report-downloads" aria-labelledby="report-files-title">
<h2 id="report-files-title">下载年度报告</h2>
<ul>
<li><a href="${reportFileUrl(agencySlug, year, 'pdf')}">下载 PDF</a></li>
<li><a href="${reportFileUrl(agencySlug, year, 'docx')}">下载 Word</a></li>
</ul>
</section>`;
}

/** Registers the download route and the detail-page section. */
export function registerReportDownloads(app: FastifyInstance, deps: PortalDeps): void {
  const { ctx, cache } = deps;

  // First among the sections under the body: the files belong with the report itself.
  deps.detailSections.unshift(async (item) => {
    if (item.columnSlug !== ANNUAL_REPORT_COLUMN) return '';
    const report = await findPublishedReportOfItem(ctx.db, item.documentId);
    return report ? reportDownloadsSection(item.agencySlug, report.year) : '';
  });

  app.get('/gk/:agency/ndbg/:file', async (request, reply) => {
    const { agency, file } = request.params as { agency: string; file: string };
    const r = await cache.getOrRender(
      `report-file|${validHost(request.headers.host) ?? '-'}|${request.url}`,
      async (): Promise<CachedResponse> => {
        const m = /^(\d{4})\.(pdf|docx)$/.exec(file);
        if (!m || agency.length > 64) return notFoundPage();
        const format = m[2] as 'pdf' | 'docx';
        try {
          const { filename, data } = await getPublishedReportFile(ctx.db, agency, Number(m[1]), format);
          return cachedResponse(200, mime[format], data, { 'content-disposition': contentDisposition(filename), 'x-content-type-options': 'nosniff' });
        } catch (err) {
          if (err instanceof AppError && err.status === 404) return notFoundPage();
          throw err;
        }
      },
      (v) => v.status === 200,
    );
    return sendCached(request, reply, r);
  });
}
