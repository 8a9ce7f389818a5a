/**
 * One error type for everything a service refuses on purpose. Routes never catch: the
 * error handler in app.ts turns an AppError into its HTTP status and `{code, message}`.
 * `message` is Chinese and meant for a person; `details` may name fields at fault.
 */
export const errorStatus = {
  /** Input failed validation (zod or a domain rule about the input's shape). */
  VALIDATION: 400,
  /** No valid session. */
  UNAUTHENTICATED: 401,
  /** Signed in, but the role or agency does not allow the action. */
  FORBIDDEN: 403,
  /** The CSRF token is missing or wrong. */
  CSRF: 403,
  /** The record does not exist or is not visible to the actor. */
  NOT_FOUND: 404,
  /** The record changed under the actor (optimistic lock) or the action no longer applies. */
  CONFLICT: 409,
  /** A withdrawn item: the portal answers with its notice. */
  GONE: 410,
  /** Upload larger than the limit. */
  TOO_LARGE: 413,
  /** Upload type not allowed or not what the file claims to be. */
  UNSUPPORTED_MEDIA: 415,
  /** Input is well-formed but breaks a business rule (e.g. approve your own draft). */
  UNPROCESSABLE: 422,
  /** The account is temporarily locked after repeated failed logins. */
  LOCKED: 423,
  /** Too many requests from one client. */
  RATE_LIMITED: 429,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface AppErrorOptions {
  /** Chinese message shown to a person. */
  message: string;
  /** Machine-readable detail, e.g. `{fields: {title: '标题不能为空'}}`. */
  details?: Record<string, unknown>;
  /** A more specific code for clients (e.g. `REVIEW_SELF_APPROVAL`); defaults to `code`. */
  reason?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly reason: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions) {
    super(options.message);
    this.name = 'AppError';
    this.code = code;
    this.reason = options.reason ?? code;
    this.details = options.details;
  }

  /** HTTP status for this error. */
  get status(): number {
    return errorStatus[this.code];
  }
}

/** Shorthand for a 404 with a Chinese message naming what was not found. */
export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', { message: `${what}不存在或无权查看` });
}

/** Shorthand for a 403. */
export function forbidden(message = '没有执行此操作的权限'): AppError {
  return new AppError('FORBIDDEN', { message });
}

/** Shorthand for a 409 optimistic-lock conflict. */
export function conflict(message = '该记录已被他人修改，请刷新后重试'): AppError {
  return new AppError('CONFLICT', { message });
}
