/**
 * Session and CSRF handling for /api. The session cookie is HttpOnly and SameSite=Strict
 * (Secure behind HTTPS); every state-changing request must echo the session's CSRF token in
 * the `x-csrf-token` header (synchronizer token). Sign-in, which has no session yet, must
 * come from our own origin.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from './actor.ts';
import { resolveSession, type ResolvedSession } from './accounts.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, or null. */
    actor: Actor | null;
    /** The session behind `actor`. */
    session: ResolvedSession | null;
  }
}

export const sessionCookie = 'gk_session';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Paths under /api that need no session (public read API). */
function isPublicApi(url: string): boolean {
  return url.startsWith('/api/public/') || url === '/api/public';
}

function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin ?? request.headers.referer;
  if (!origin) return false;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** Sets the session cookie. */
export function setSessionCookie(reply: FastifyReply, ctx: AppContext, request: FastifyRequest, token: string): void {
  void reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.config.GONGKAI_SECURE_COOKIES || request.protocol === 'https',
  });
}

/** Clears the session cookie. */
export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(sessionCookie, { path: '/' });
}

/** Registers the hook that resolves sessions and enforces CSRF on /api. */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || isPublicApi(request.url)) return;
    const token = request.cookies[sessionCookie];
    if (token && token.length < 200) {
      request.session = await resolveSession(ctx.db, token, ctx.config.GONGKAI_SESSION_IDLE_MINUTES);
      request.actor = request.session?.actor ?? null;
    }
    if (!unsafeMethods.has(request.method)) return;
    if (request.session) {
      if (request.headers['x-csrf-token'] !== request.session.csrfToken) {
        throw new AppError('CSRF', { message: '请求校验失败（CSRF），请刷新页面后重试', reason: 'CSRF' });
      }
    } else if (request.url.startsWith('/api/auth/login') && request.headers.origin && !sameOrigin(request)) {
      throw new AppError('CSRF', { message: '请求来源不正确', reason: 'CSRF' });
    }
  });
}

/** Paths a user who must change the password may still use. */
const allowedBeforePasswordChange = new Set(['/api/auth/session', '/api/auth/password', '/api/auth/logout']);

/** The signed-in actor, or a 401. Accounts that must change their password get a 403 elsewhere. */
export function requireActor(request: FastifyRequest): Actor {
  const actor = request.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', { message: '请先登录', reason: 'UNAUTHENTICATED' });
  if (actor.mustChangePassword && !allowedBeforePasswordChange.has(request.routeOptions.url ?? '')) {
    throw new AppError('FORBIDDEN', { message: '请先修改初始密码', reason: 'PASSWORD_CHANGE_REQUIRED' });
  }
  return actor;
}
