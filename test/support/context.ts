/** A complete AppContext over a fresh test database, with an HTTP client for the app. */
import type { SQL } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/context.ts';
import { parseConfig } from '../../src/lib/config.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { memoryStorage } from '../../src/lib/storage.ts';
import { createTestDatabase } from './db.ts';

export interface TestContext {
  ctx: AppContext;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Builds a context and app for one test file. */
export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const config = parseConfig({ GONGKAI_DATA_DIR: '/tmp/gongkai-test-unused', LOG_LEVEL: 'silent', GONGKAI_DEMO: 'false', ...env });
  const ctx: AppContext = {
    db: database.db,
    database,
    config,
    log: createLogger('silent'),
    storage: memoryStorage(),
    onPublicChange: new Set(),
    onCalendarChange: new Set(),
  };
  const app = await buildApp(ctx);
  await app.ready();
  return {
    ctx,
    app,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A signed-in browser: keeps the session cookie and sends the CSRF token. */
export interface Client {
  csrfToken: string;
  cookie: string;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

let counter = 1;

/** Signs in through the API; throws when sign-in fails. */
export async function login(app: FastifyInstance, username: string, password: string): Promise<Client> {
  // A distinct client address per sign-in keeps the per-address rate limit out of the way.
  const remoteAddress = `10.${counter >> 16 & 255}.${counter >> 8 & 255}.${counter++ & 255}`;
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'gk_session');
  if (!setCookie) throw new Error('no session cookie');
  const cookie = `gk_session=${setCookie.value}`;
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  const request: Client['request'] = (method, url, body, headers = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { cookie, 'x-csrf-token': csrfToken, ...headers },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  return {
    csrfToken,
    cookie,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
  };
}

/** The rows of a raw SQL query on the test database (PGlite and node-postgres both answer `{ rows }`). */
export async function queryRows<T = Record<string, unknown>>(t: TestContext, q: SQL): Promise<T[]> {
  return ((await t.ctx.db.execute(q)) as unknown as { rows: T[] }).rows;
}
