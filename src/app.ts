/**
 * Builds the Fastify application from the modules. No domain logic lives here: only
 * security plugins, the single error handler and the registration of each module's routes.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import type { AppContext } from './context.ts';
import { AppError } from './lib/errors.ts';
import { registerAuth, registerAccountsRoutes, trainingRefusal } from './modules/accounts/index.ts';
import { registerAgenciesRoutes } from './modules/agencies/index.ts';
import { registerAuditRoutes } from './modules/audit/audit.routes.ts';
import { registerExtraRoutes } from './routes.ts';

/** Content-Security-Policy: no inline script anywhere; the admin console needs inline styles (antd CSS-in-JS). */
const csp = {
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    upgradeInsecureRequests: null,
  },
};

/** Creates the app; the caller listens (server) or injects (tests). */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    trustProxy: ctx.config.GONGKAI_TRUST_PROXY,
    bodyLimit: 2 * 1024 * 1024,
    logController: new LogController({ disableRequestLogging: ctx.config.LOG_LEVEL !== 'debug' && ctx.config.LOG_LEVEL !== 'trace' }),
    genReqId: () => Math.random().toString(36).slice(2, 10),
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) {
      // A refusal caused by roles waiting for the pre-post test says so (training module).
      const training = error.reason === 'FORBIDDEN' ? trainingRefusal(request.actor) : null;
      if (training) return reply.status(403).send({ code: 'TRAINING_REQUIRED', message: training.message, details: { pendingTraining: training.roles, refusal: error.message } });
      return reply.status(error.status).send({ code: error.reason, message: error.message, ...(error.details ? { details: error.details } : {}) });
    }
    const e = error as { statusCode?: number; code?: string; message?: string };
    if (e.statusCode === 429) return reply.status(429).send({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' });
    if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.status(415).send({ code: 'UNSUPPORTED_MEDIA', message: '不支持的请求内容类型' });
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.status(413).send({ code: 'TOO_LARGE', message: '上传内容超过大小限制' });
    }
    if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.status(400).send({ code: 'VALIDATION', message: '请求内容不是有效的 JSON' });
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.status(e.statusCode).send({ code: 'BAD_REQUEST', message: '请求有误' });
    }
    request.log.error({ err: error, reqId: request.id }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: `服务器内部错误（请求编号 ${request.id}），请稍后再试或联系管理员` });
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return reply.status(404).send({ code: 'NOT_FOUND', message: '接口不存在' });
    return reply.status(404).type('text/html; charset=utf-8').send(notFoundPage());
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: csp,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    hsts: { maxAge: 31536000, includeSubDomains: true },
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, {
    limits: { fileSize: ctx.config.GONGKAI_MAX_UPLOAD_MB * 1024 * 1024, files: 1, fields: 10 },
    throwFileSizeLimit: true,
  });

  registerAuth(app, ctx);
  registerAccountsRoutes(app, ctx);
  registerAgenciesRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  await registerExtraRoutes(app, ctx);
  return app;
}

function notFoundPage(): string {
  return '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>页面不存在</title></head><body><main><h1>页面不存在</h1><p><a href="/">返回首页</a></p></main></body></html>';
}
