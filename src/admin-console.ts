/**
 * Serves the built admin console (web/admin/dist) at /admin/:
 *
 * - /admin/assets/* — Vite's content-hashed files: cached for a year as immutable, sent
 *   pre-compressed (.br/.gz written by the build) when the browser accepts it; a missing
 *   asset is a 404, never the app page (a stale chunk must fail loudly, not parse HTML).
 * - /admin/<file> at the top of dist (favicon.svg) — cached for an hour.
 * - /admin/ and every other /admin/* path (client-side routes such as /admin/reviews/…) —
 *   index.html with `Cache-Control: no-cache`, so a new build is picked up at once.
 * - When dist is missing, /admin/ answers 503 with a Chinese page saying how to build it.
 *
 * The console is static: it talks to /api only. The CSP set for every response in app.ts
 * (script-src 'self') holds because the built index.html has no inline script.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from './context.ts';

declare module './context.ts' {
  interface AppContext {
    /** Folder of the built admin console; defaults to web/admin/dist (tests point it elsewhere). */
    adminDistDir?: string;
  }
}

/** web/admin/dist of this checkout. */
export const defaultAdminDistDir = path.resolve(import.meta.dirname, '../web/admin/dist');

/** Top-level files of dist that may be served besides index.html, with their types. */
const rootFileTypes: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const oneYearMs = 365 * 24 * 3600 * 1000;

/** Registers the /admin routes. */
export async function registerAdminConsole(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const distDir = ctx.adminDistDir ?? defaultAdminDistDir;
  const indexFile = path.join(distDir, 'index.html');

  // An encapsulated scope: nothing here (routes, static plugin) leaks into the rest of the app.
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, {
      root: path.join(distDir, 'assets'),
      prefix: '/admin/assets/',
      decorateReply: false,
      index: false,
      wildcard: true,
      preCompressed: true,
      cacheControl: true,
      maxAge: oneYearMs,
      immutable: true,
      // dist may be built after the server started; no warning for a missing folder.
      suppressWarning: true,
    });

    scope.get('/admin', (_request, reply) => reply.redirect('/admin/', 301));

    scope.get('/admin/*', async (request, reply) => {
      const rest = (request.params as { '*': string })['*'];
      let html: Buffer;
      try {
        html = await readFile(indexFile);
      } catch {
        return sendUnavailable(reply);
      }
      const ext = path.extname(rest).toLowerCase();
      if (ext) {
        // Something that looks like a file: serve it from the top of dist or answer 404.
        const type = rootFileTypes[ext];
        if (!type || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(rest)) return reply.callNotFound();
        try {
          const body = await readFile(path.join(distDir, rest));
          return reply.type(type).header('cache-control', 'public, max-age=3600').send(body);
        } catch {
          return reply.callNotFound();
        }
      }
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('x-robots-tag', 'noindex, nofollow')
        .send(html);
    });
  });

  ctx.log.debug({ distDir }, 'admin console served at /admin/');
}

function sendUnavailable(reply: FastifyReply): FastifyReply {
  return reply
    .status(503)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('retry-after', '60')
    .send(unavailablePage());
}

function unavailablePage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>管理后台尚未构建</title>
<style>body{font-family:"PingFang SC","Microsoft YaHei",sans-serif;max-width:40em;margin:10vh auto;padding:0 1em;line-height:1.8;color:#222}code{background:#f3f3f3;padding:.1em .4em;border-radius:3px}</style>
</head>
<body>
<main>
<h1>管理后台尚未构建</h1>
<p>服务器已启动，但找不到管理后台的构建产物（web/admin/dist）。</p>
<p>请在项目目录运行 <code>npm run build:admin</code>，完成后刷新本页。使用 <code>npm start</code> 启动时会自动构建。</p>
<p><a href="/">返回门户首页</a></p>
</main>
</body>
</html>`;
}
