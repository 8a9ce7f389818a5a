/**
 * The portal's static files (src/portal/assets): read into memory once, served from
 * /assets/NAME with a strong ETag and a year-long immutable cache (pages link them with
 * ?v=<content hash>, so a new version gets a new URL).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { matchesEtag } from './page-cache.ts';

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** One file in memory. */
interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

/** The loaded assets and a version tag of the stylesheet. */
export interface PortalAssets {
  files: Map<string, Asset>;
  /** First 10 hex digits of the stylesheet's SHA-256. */
  version: string;
}

/** Folder of the portal's static files. */
export const assetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

/** Reads every file of `dir` with a known type. */
export function loadAssets(dir = assetsDir): PortalAssets {
  const files = new Map<string, Asset>();
  for (const name of fs.readdirSync(dir)) {
    const type = types[path.extname(name)];
    if (!type || !/^[a-z0-9][a-z0-9._-]*$/i.test(name)) continue;
    const body = fs.readFileSync(path.join(dir, name));
    const hash = createHash('sha256').update(body).digest('hex');
    files.set(name, { body, type, etag: `"${hash.slice(0, 32)}"` });
  }
  const css = files.get('portal.css');
  return { files, version: css ? css.etag.slice(1, 11) : '0' };
}

/** Registers GET (and HEAD) /assets/:name. */
export function registerAssetRoutes(app: FastifyInstance, assets: PortalAssets): void {
  app.get('/assets/:name', async (request, reply) => {
    const asset = assets.files.get((request.params as { name: string }).name);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('文件不存在');
    reply.header('etag', asset.etag).header('cache-control', 'public, max-age=31536000, immutable');
    if (matchesEtag(request.headers['if-none-match'], asset.etag)) return reply.code(304).send();
    return reply.type(asset.type).send(asset.body);
  });
}
