/** HTTP wiring of sign-in, sessions, passwords and user administration. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { parseInput, uuidParam } from '../../lib/validation.ts';
import { z } from 'zod';
import { agencyRoles, roleNames } from './actor.ts';
import * as service from './accounts.service.ts';
import { changePasswordSchema, createUserSchema, loginSchema, profileSchema, updateUserSchema } from './accounts.schemas.ts';
import { clearSessionCookie, requireActor, setSessionCookie } from './auth.plugin.ts';

export function registerAccountsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post(
    '/api/auth/login',
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const input = parseInput(loginSchema, request.body);
      const result = await service.login(ctx.db, { ...input, ip: request.ip, userAgent: request.headers['user-agent'] });
      setSessionCookie(reply, ctx, request, result.token);
      return { actor: result.actor, csrfToken: result.csrfToken, roleNames };
    },
  );

  app.get('/api/auth/session', async (request) => {
    const actor = requireActor(request);
    return { actor, csrfToken: request.session!.csrfToken, roleNames };
  });

  app.post('/api/auth/logout', async (request, reply) => {
    const actor = requireActor(request);
    await service.logout(ctx.db, request.session!.sessionId, actor, request.ip);
    clearSessionCookie(reply);
    return { ok: true };
  });

  app.post('/api/auth/password', async (request) => {
    const actor = requireActor(request);
    const input = parseInput(changePasswordSchema, request.body);
    await service.changePassword(ctx.db, actor, request.session!.sessionId, input, request.ip);
    return { ok: true };
  });

  // The user's own settings: the e-mail address for reminders (notifications module).
  app.get('/api/auth/profile', async (request) => {
    const actor = requireActor(request);
    return service.getOwnProfile(ctx.db, actor);
  });

  app.patch('/api/auth/profile', async (request) => {
    const actor = requireActor(request);
    return service.updateOwnProfile(ctx.db, actor, parseInput(profileSchema, request.body), request.ip);
  });

  // Staff of one agency for pickers (承办人、审批人): display name, username, roles — no other personal data.
  app.get('/api/agencies/:id/members', async (request) => {
    const actor = requireActor(request);
    const id = parseInput(uuidParam, (request.params as { id: string }).id);
    const { role } = parseInput(z.object({ role: z.enum(agencyRoles, { error: '角色不在允许范围内' }).optional() }).strict(), request.query);
    return { members: await service.listAgencyMembers(ctx.db, actor, id, role) };
  });

  app.get('/api/users', async (request) => {
    const actor = requireActor(request);
    return { users: await service.listUsers(ctx.db, actor) };
  });

  app.post('/api/users', async (request, reply) => {
    const actor = requireActor(request);
    const input = parseInput(createUserSchema, request.body);
    const generated = input.password === undefined;
    const { user, password } = await service.createUser(ctx.db, actor, input, request.ip);
    reply.code(201);
    // A generated password is shown exactly once, to the administrator who created the account.
    return { user, ...(generated ? { password } : {}) };
  });

  app.patch('/api/users/:id', async (request) => {
    const actor = requireActor(request);
    const id = parseInput(uuidParam, (request.params as { id: string }).id);
    const input = parseInput(updateUserSchema, request.body);
    return { user: await service.updateUser(ctx.db, actor, id, input, request.ip) };
  });

  app.post('/api/users/:id/reset-password', async (request) => {
    const actor = requireActor(request);
    const id = parseInput(uuidParam, (request.params as { id: string }).id);
    parseInput(z.object({}).strict().optional(), request.body ?? undefined);
    return { password: await service.resetPassword(ctx.db, actor, id, request.ip) };
  });
}
