/**
 * The one way the console talks to the server: same-origin fetch with the session cookie,
 * the CSRF token on every state-changing request, and `{code, message, details}` errors
 * turned into {@link ApiError}. A 401 (session gone or idle-expired) and a 403
 * PASSWORD_CHANGE_REQUIRED are reported to the session once, globally, so pages only
 * have to show `error.message`.
 */

/** An error answered by the server (or a network failure, status 0). */
export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** Machine-readable code, e.g. CONFLICT, BAD_CREDENTIALS, PASSWORD_CHANGE_REQUIRED. */
  readonly code: string;
  /** Fields at fault, by dotted path, with Chinese messages. */
  readonly fields: Record<string, string>;
  /** The whole `details` object of the answer (e.g. `errors` of a rejected XLSX import). */
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }

  /** true for an optimistic-lock conflict: someone else acted first. */
  get isConflict(): boolean {
    return this.status === 409;
  }
}

/** What the session layer wants to hear about. */
export interface SessionListener {
  /** The session is gone (signed out elsewhere, idle expiry, account disabled). */
  unauthenticated(): void;
  /** The account must change its initial password before doing anything else. */
  passwordChangeRequired(): void;
}

let csrfToken: string | null = null;
let listener: SessionListener | null = null;

/** Remembers the CSRF token of the current session (from login or GET /api/auth/session). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Installs the global handler of 401 and PASSWORD_CHANGE_REQUIRED. */
export function setSessionListener(l: SessionListener | null): void {
  listener = l;
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** Options of one request. */
export interface RequestOptions {
  /** JSON body, or FormData for uploads. */
  body?: unknown;
  /** Query parameters; null/undefined/'' are left out. */
  query?: Query;
  signal?: AbortSignal;
  /** Do not report a 401 to the session (sign-in itself, the first session probe). */
  quiet401?: boolean;
}

/** Builds `/api/...?query` leaving out empty values. */
export function apiUrl(path: string, query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function fallbackMessage(status: number): string {
  if (status === 401) return '请先登录';
  if (status === 403) return '没有执行此操作的权限';
  if (status === 404) return '请求的内容不存在';
  if (status === 413) return '上传内容超过大小限制';
  if (status === 429) return '请求过于频繁，请稍后再试';
  if (status >= 500) return '服务器暂时不可用，请稍后再试';
  return `请求失败（${String(status)}）`;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: { code?: unknown; message?: unknown; details?: { fields?: unknown } & Record<string, unknown> } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // Not JSON (a proxy error page): fall back to a message by status.
  }
  const fields = body.details?.fields && typeof body.details.fields === 'object' ? (body.details.fields as Record<string, string>) : {};
  return new ApiError(
    res.status,
    typeof body.code === 'string' ? body.code : `HTTP_${String(res.status)}`,
    typeof body.message === 'string' && body.message ? body.message : fallbackMessage(res.status),
    fields,
    body.details && typeof body.details === 'object' ? body.details : {},
  );
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (unsafe.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(apiUrl(path, opts.query), { method, headers, body, credentials: 'same-origin', signal: opts.signal ?? null });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
}

/** Sends one request and returns the parsed JSON answer, or throws {@link ApiError}. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, opts);
  if (res.status === 403 && unsafe.has(method)) {
    const err = await toApiError(res.clone());
    if (err.code === 'CSRF' && (await refreshCsrfToken())) res = await send(method, path, opts);
  }
  if (!res.ok) {
    const err = await toApiError(res);
    if (err.status === 401 && !opts.quiet401) listener?.unauthenticated();
    if (err.code === 'PASSWORD_CHANGE_REQUIRED') listener?.passwordChangeRequired();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** The token may have changed (signed in again in another tab): fetch the current one. */
async function refreshCsrfToken(): Promise<boolean> {
  try {
    const res = await fetch('/api/auth/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!res.ok) return false;
    const body = (await res.json()) as { csrfToken?: string };
    if (!body.csrfToken || body.csrfToken === csrfToken) return false;
    csrfToken = body.csrfToken;
    return true;
  } catch {
    return false;
  }
}

/** GET helper. */
export function get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  return request<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) });
}

/** POST helper. */
export function post<T>(path: string, body: unknown = {}): Promise<T> {
  return request<T>('POST', path, { body });
}

/** PATCH helper. */
export function patch<T>(path: string, body: unknown): Promise<T> {
  return request<T>('PATCH', path, { body });
}

/** DELETE helper. */
export function del<T>(path: string, query?: Query): Promise<T> {
  return request<T>('DELETE', path, query ? { query } : {});
}

/** Uploads one file as multipart field `file`. */
export function upload<T>(path: string, file: Blob, filename: string, query?: Query): Promise<T> {
  const form = new FormData();
  form.append('file', file, filename);
  return request<T>('POST', path, { body: form, ...(query ? { query } : {}) });
}

/**
 * Sends a request whose answer is a file (e.g. an XLSX made from uploaded files) and saves it
 * under the server's file name (Content-Disposition) or `fallbackName`.
 */
export async function downloadFile(method: string, path: string, body: unknown, fallbackName: string): Promise<void> {
  let res = await send(method, path, { body });
  if (res.status === 403 && unsafe.has(method)) {
    const err = await toApiError(res.clone());
    if (err.code === 'CSRF' && (await refreshCsrfToken())) res = await send(method, path, { body });
  }
  if (!res.ok) {
    const err = await toApiError(res);
    if (err.status === 401) listener?.unauthenticated();
    throw err;
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  let name = fallbackName;
  try {
    name = star ? decodeURIComponent(star) : (plain ?? fallbackName);
  } catch {
    // A malformed header: keep the fallback name.
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A message for anything caught: ApiError messages are Chinese already. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return '操作失败，请稍后再试';
}
