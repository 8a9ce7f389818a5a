/**
 * Error reasons of the requests module. Each is an AppError whose `code` sets the HTTP status
 * and whose `reason` tells clients precisely what went wrong.
 */
import { AppError } from '../../lib/errors.ts';

/** 409: the request changed since the client read it (lockVersion differs or the guarded UPDATE hit 0 rows). */
export const staleRequest = () => new AppError('CONFLICT', { message: '该申请已被他人处理，请刷新后重试', reason: 'REQUEST_CONFLICT' });

/** 409: the action does not apply in the request's state (e.g. delivering before the reply). */
export const invalidState = (message: string) => new AppError('CONFLICT', { message, reason: 'INVALID_STATE' });

/** 422: a clock rule forbids the action now (a second correction notice, a consultation still out, a period not yet over …). */
export const clockRule = (message: string, reason: string) => new AppError('UNPROCESSABLE', { message, reason });

/** 400: a cross-field rule of the input is broken (fields named in details, like a zod failure). */
export const invalidFields = (fields: Record<string, string>) => {
  const first = Object.values(fields)[0] ?? '输入有误';
  return new AppError('VALIDATION', { message: `输入有误：${first}`, details: { fields } });
};
