/**
 * `gongkai audit verify` through a running server: sign in over the HTTP API and call
 * GET /api/audit/verify. Used when the embedded data folder is locked by the server, or with
 * --url. The password only ever comes from the environment, never from the command line
 * (where `ps` and shell history would show it).
 */
import type { VerifyResult } from '../modules/audit/index.ts';

/** Credentials and options for {@link verifyThroughServer}. */
export interface RemoteOptions {
  /** Base URL, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  username: string;
  password: string;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
}

/** A failure to reach, sign in to or use the server (message in Chinese; exit code 2). */
export class RemoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteError';
  }
}

async function call(opts: RemoteOptions, method: string, urlPath: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  const url = new URL(urlPath, opts.baseUrl);
  try {
    return await fetch(url, {
      method,
      headers: { accept: 'application/json', ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      redirect: 'error',
      signal: AbortSignal.timeout(opts.timeoutMs ?? 120_000),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    throw new RemoteError(`无法连接 Gongkai 服务 ${opts.baseUrl}（${cause}）。请确认服务正在运行，或用 --url 指定地址。`);
  }
}

async function messageOf(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { message?: string };
    return body.message ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

/** A signed-in session on a server: JSON calls (non-2xx → RemoteError with the server's message), then sign out. */
export interface RemoteSession {
  json<T>(method: string, urlPath: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

/** Signs in through the API (credentials from the caller, which takes them from the environment). */
export async function openSession(opts: RemoteOptions): Promise<RemoteSession> {
  const login = await call(opts, 'POST', '/api/auth/login', { body: { username: opts.username, password: opts.password } });
  if (login.status !== 200) throw new RemoteError(`登录 ${opts.baseUrl} 失败：${await messageOf(login)}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('gk_session='));
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  if (!cookie) throw new RemoteError(`登录 ${opts.baseUrl} 失败：服务未返回会话`);
  return {
    async json<T>(method: string, urlPath: string, body?: unknown): Promise<T> {
      const res = await call(opts, method, urlPath, { ...(body !== undefined ? { body } : {}), headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }) } });
      if (!res.ok) throw new RemoteError(`服务拒绝请求：${await messageOf(res)}`);
      return (await res.json()) as T;
    },
    async close() {
      await call(opts, 'POST', '/api/auth/logout', { body: {}, headers: { cookie, 'x-csrf-token': csrfToken } }).catch(() => undefined);
    },
  };
}

/** Signs in, verifies the audit chain through the server, signs out. */
export async function verifyThroughServer(opts: RemoteOptions): Promise<VerifyResult> {
  const session = await openSession(opts);
  try {
    return await session.json<VerifyResult>('GET', '/api/audit/verify');
  } catch (e) {
    if (e instanceof RemoteError) throw new RemoteError(e.message.replace('服务拒绝请求', '服务拒绝校验审计日志'));
    throw e;
  } finally {
    await session.close();
  }
}

/** The URL of the server this installation's HOST and PORT describe (a wildcard host means this machine). */
export function localServerUrl(host: string, port: number): string {
  const h = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${h.includes(':') ? `[${h}]` : h}:${port}`;
}
