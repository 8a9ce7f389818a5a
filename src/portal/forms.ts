/**
 * What every anonymous portal form shares (依申请公开 and 留言): string-only form values, the
 * signed time-limited token (CSRF without a session; issued and checked by the requests
 * module's HMAC secret) and the honeypot field, and the no-store HTML answer.
 */
import type { FastifyReply } from 'fastify';
import type { Executor } from '../db/client.ts';
import { issueFormToken, verifyFormToken } from '../modules/requests/index.ts';

/** Name of the hidden field a person never fills. */
export const honeypotField = 'website';

/** Only string values of a form body (repeated fields and odd types are dropped). */
export function formStrings(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) if (typeof v === 'string' && v.length <= 5000) out[k] = v;
  }
  return out;
}

/** The values to put back into a re-rendered form (token and honeypot left out). */
export function refillValues(values: Record<string, string>): Record<string, string> {
  const out = { ...values };
  delete out.formToken;
  delete out[honeypotField];
  return out;
}

/** A fresh form token for `purpose` on the agency's form. */
export function issuePortalFormToken(db: Executor, agencyId: string, purpose: string): Promise<string> {
  return issueFormToken(db, agencyId, purpose);
}

/** Outcome of the form guards: ok, a bad or expired token, or a filled honeypot. */
export type FormGuard = 'ok' | 'expired' | 'invalid' | 'honeypot';

/** Checks the token (first) and the honeypot of a submitted form. Nothing is stored on refusal. */
export async function checkFormGuards(db: Executor, agencyId: string, purpose: string, values: Record<string, string>): Promise<FormGuard> {
  const token = await verifyFormToken(db, agencyId, purpose, values.formToken ?? '');
  if (token !== 'ok') return token;
  return values[honeypotField] ? 'honeypot' : 'ok';
}

/** Chinese message of a refused form (status 403 for a token, 400 for the honeypot). */
export function guardRefusal(g: Exclude<FormGuard, 'ok'>): { status: number; message: string } {
  switch (g) {
    case 'expired':
      return { status: 403, message: '页面停留时间过长，表单已失效。请核对后重新提交。' };
    case 'invalid':
      return { status: 403, message: '表单校验失败，请核对后重新提交。' };
    case 'honeypot':
      return { status: 400, message: '提交失败，请稍后重试。' };
  }
}

/** Sends a form page: never cached, never indexed. */
export function sendFormPage(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').header('x-robots-tag', 'noindex').type('text/html; charset=utf-8').send(body);
}
