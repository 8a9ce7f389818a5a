import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/support/context.ts';
import { buildApp } from './app.ts';
import { defaultAdminDistDir } from './admin-console.ts';

let t: TestContext;
let built: FastifyInstance;
let missing: FastifyInstance;
let tmp: string;

const fakeIndex = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>政务公开管理后台</title>
<script type="module" crossorigin src="/admin/assets/index-Ab12Cd34.js"></script></head>
<body><div id="root"></div></body></html>`;
const fakeJs = `console.log(${JSON.stringify('管理后台'.repeat(200))});`;

/** Script elements without a src attribute: the CSP (script-src 'self') would block them. */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>/gi)].filter((m) => !/\bsrc\s*=/.test(m[1] ?? '')).map((m) => m[0]);
}

function scriptSrc(csp: string | undefined): string {
  return (csp ?? '').split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';
}

beforeAll(async () => {
  t = await createTestContext();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'gk-admin-dist-'));
  mkdirSync(path.join(tmp, 'assets'));
  writeFileSync(path.join(tmp, 'index.html'), fakeIndex);
  writeFileSync(path.join(tmp, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(tmp, 'assets/index-Ab12Cd34.js'), fakeJs);
  writeFileSync(path.join(tmp, 'assets/index-Ab12Cd34.js.br'), brotliCompressSync(Buffer.from(fakeJs)));
  built = await buildApp({ ...t.ctx, adminDistDir: tmp });
  await built.ready();
  missing = await buildApp({ ...t.ctx, adminDistDir: path.join(tmp, 'does-not-exist') });
  await missing.ready();
});

afterAll(async () => {
  await built?.close();
  await missing?.close();
  await t?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('admin console with a build', () => {
  it('answers /admin/ with index.html, no-cache, and the strict CSP', async () => {
    const res = await built.inject({ method: 'GET', url: '/admin/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(fakeIndex);
    const src = scriptSrc(res.headers['content-security-policy'] as string);
    expect(src).toBe("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('answers client-side deep links with index.html', async () => {
    for (const url of ['/admin/reviews', '/admin/documents/0b7c8a36-8a63-4a8e-9a38-9a4f5e0b1c2d/edit', '/admin/audit?beforeId=10']) {
      const res = await built.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe(fakeIndex);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('redirects /admin to /admin/', async () => {
    const res = await built.inject({ method: 'GET', url: '/admin' });
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('/admin/');
  });

  it('serves hashed assets with a year-long immutable cache', async () => {
    const res = await built.inject({ method: 'GET', url: '/admin/assets/index-Ab12Cd34.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toContain('max-age=31536000');
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.body).toBe(fakeJs);
  });

  it('sends the pre-compressed asset to browsers that accept it', async () => {
    const res = await built.inject({ method: 'GET', url: '/admin/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
  });

  it('answers a missing asset with 404, not the app page', async () => {
    const res = await built.inject({ method: 'GET', url: '/admin/assets/index-gone000.js' });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('id="root"');
    const other = await built.inject({ method: 'GET', url: '/admin/settings.json' });
    expect(other.statusCode).toBe(404);
  });

  it('serves top-level files of the build (favicon)', async () => {
    const res = await built.inject({ method: 'GET', url: '/admin/favicon.svg' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });

  it('never serves files outside the build', async () => {
    for (const url of ['/admin/assets/..%2f..%2fpackage.json', '/admin/assets/../../package.json', '/admin/..%2fpackage.json', '/admin/%2e%2e/index.html']) {
      const res = await built.inject({ method: 'GET', url });
      expect(res.body, url).not.toContain('"name": "gongkai"');
      expect(res.body, url).not.toContain('"dependencies"');
    }
  });

  it('leaves /api alone', async () => {
    const res = await built.inject({ method: 'GET', url: '/api/no-such-route' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('admin console without a build', () => {
  it('answers /admin/ and deep links with a Chinese 503 page naming the build command', async () => {
    for (const url of ['/admin/', '/admin/reviews']) {
      const res = await missing.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(503);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toContain('管理后台尚未构建');
      expect(res.body).toContain('npm run build:admin');
      expect(inlineScripts(res.body)).toEqual([]);
      expect(scriptSrc(res.headers['content-security-policy'] as string)).toBe("script-src 'self'");
    }
  });

  it('answers assets with 404', async () => {
    const res = await missing.inject({ method: 'GET', url: '/admin/assets/index-Ab12Cd34.js' });
    expect(res.statusCode).toBe(404);
  });
});

// The real build: test/support/global-setup.ts builds it before any test runs.
describe('the built admin console (web/admin/dist)', () => {
  it('has no inline script and every script and stylesheet it names is served with a long cache', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/admin/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(scriptSrc(res.headers['content-security-policy'] as string)).toBe("script-src 'self'");
    expect(res.body).toBe(readFileSync(path.join(defaultAdminDistDir, 'index.html'), 'utf8'));
    expect(inlineScripts(res.body)).toEqual([]);
    expect(res.body).not.toMatch(/\son[a-z]+\s*=/i);
    const refs = [...res.body.matchAll(/(?:src|href)="(\/admin\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const asset = await t.app.inject({ method: 'GET', url: ref });
      expect(asset.statusCode, ref).toBe(200);
      expect(asset.headers['cache-control'], ref).toContain('immutable');
    }
    const deep = await t.app.inject({ method: 'GET', url: '/admin/reviews' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toBe(res.body);
  });
});
