import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildUser, testPassword } from '../../../test/factories.ts';
import { lockoutThreshold } from './index.ts';
import { verifyAuditLog } from '../audit/index.ts';
import type { Agency } from '../agencies/index.ts';

let t: TestContext;
let agency: Agency;
let other: Agency;

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  other = await buildAgency(t.ctx);
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('sets an HttpOnly SameSite=Strict session cookie and returns the actor', async () => {
    const u = await buildUser(t.ctx, { agency, roles: ['drafter'] });
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: testPassword } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'gk_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(res.json().actor.username).toBe(u.username);
  });

  it('sets the Secure flag behind an HTTPS proxy', async () => {
    const proxied = await createTestContext({ GONGKAI_TRUST_PROXY: 'true' });
    try {
      await buildUser(proxied.ctx, { globalRole: 'supervisor' }).then(async (u) => {
        const res = await proxied.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'x-forwarded-proto': 'https' },
          payload: { username: u.username, password: testPassword },
        });
        expect(res.cookies.find((c) => c.name === 'gk_session')!.secure).toBe(true);
      });
    } finally {
      await proxied.close();
    }
  });

  it('answers a wrong password with 401 and a Chinese message', async () => {
    const u = await buildUser(t.ctx, { agency, roles: ['drafter'] });
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'wrong' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'BAD_CREDENTIALS', message: '用户名或密码错误' });
  });

  it('validates input with 400 naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toHaveProperty('username');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{bad' });
    expect(res.statusCode).toBe(400);
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    const u = await buildUser(t.ctx, { agency, roles: ['drafter'] });
    for (let i = 0; i < lockoutThreshold; i++) {
      await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: `10.0.0.${i}`, payload: { username: u.username, password: 'nope' } });
    }
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: testPassword } });
    expect(res.statusCode).toBe(423);
    expect(res.json().message).toContain('锁定');
  });

  it('rate-limits sign-in attempts per client address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.9.9.9', payload: { username: 'nobody', password: 'x' } });
      codes.push(res.statusCode);
    }
    expect(codes).toContain(429);
  });

  it('refuses sign-in posted from another origin', async () => {
    const u = await buildUser(t.ctx, { agency, roles: ['drafter'] });
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'https://evil.example' }, payload: { username: u.username, password: testPassword } });
    expect(res.statusCode).toBe(403);
  });
});

describe('sessions and CSRF', () => {
  it('requires a session for the API (401)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/users' });
    expect(res.statusCode).toBe(401);
  });

  it('refuses a state change without the CSRF token', async () => {
    const u = await buildUser(t.ctx, { agency, roles: ['admin'] });
    const c = await login(t.app, u.username, testPassword);
    const res = await c.request('POST', '/api/auth/logout', {}, { 'x-csrf-token': 'forged' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('expires an idle session', async () => {
    const short = await createTestContext({ GONGKAI_SESSION_IDLE_MINUTES: '1' });
    try {
      const u = await buildUser(short.ctx, { globalRole: 'supervisor' });
      const c = await login(short.app, u.username, testPassword);
      expect((await c.get('/api/auth/session')).statusCode).toBe(200);
      const { setNow } = await import('../../lib/clock.ts');
      setNow(new Date(Date.now() + 2 * 60_000));
      try {
        expect((await c.get('/api/auth/session')).statusCode).toBe(401);
      } finally {
        setNow(undefined);
      }
    } finally {
      await short.close();
    }
  });

  it('sends strict security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });
});

describe('password change', () => {
  it('changes the password, ends other sessions, and enforces the policy', async () => {
    const u = await buildUser(t.ctx, { agency, roles: ['drafter'] });
    const a = await login(t.app, u.username, testPassword);
    const b = await login(t.app, u.username, testPassword);
    const weak = await a.post('/api/auth/password', { currentPassword: testPassword, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    const wrong = await a.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Another-Passw0rd' });
    expect(wrong.statusCode).toBe(422);
    const ok = await a.post('/api/auth/password', { currentPassword: testPassword, newPassword: 'Another-Passw0rd' });
    expect(ok.statusCode).toBe(200);
    expect((await a.get('/api/auth/session')).statusCode).toBe(200);
    expect((await b.get('/api/auth/session')).statusCode).toBe(401);
    await expect(login(t.app, u.username, 'Another-Passw0rd')).resolves.toBeDefined();
  });
});

describe('user administration', () => {
  it('lets an agency admin create a user in their agency, with a generated password shown once', async () => {
    const admin = await buildUser(t.ctx, { agency, roles: ['admin'] });
    const c = await login(t.app, admin.username, testPassword);
    const res = await c.post('/api/users', { username: 'new.drafter', displayName: '张起草', memberships: [{ agencyId: agency.id, roles: ['drafter'] }] });
    expect(res.statusCode).toBe(201);
    const { password, user } = res.json();
    expect(password).toMatch(/.{10,}/);
    expect(user.mustChangePassword).toBe(true);
    const fresh = await login(t.app, 'new.drafter', password);
    const blocked = await fresh.get('/api/users');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('forbids an agency admin from granting roles in another agency', async () => {
    const admin = await buildUser(t.ctx, { agency, roles: ['admin'] });
    const c = await login(t.app, admin.username, testPassword);
    const res = await c.post('/api/users', { username: 'intruder', displayName: '越权', memberships: [{ agencyId: other.id, roles: ['drafter'] }] });
    expect(res.statusCode).toBe(403);
  });

  it('forbids a drafter from listing users', async () => {
    const d = await buildUser(t.ctx, { agency, roles: ['drafter'] });
    const c = await login(t.app, d.username, testPassword);
    expect((await c.get('/api/users')).statusCode).toBe(403);
  });

  it('disabling an account ends its sessions', async () => {
    const admin = await buildUser(t.ctx, { agency, roles: ['admin'] });
    const victim = await buildUser(t.ctx, { agency, roles: ['drafter'] });
    const a = await login(t.app, admin.username, testPassword);
    const v = await login(t.app, victim.username, testPassword);
    expect((await a.patch(`/api/users/${victim.id}`, { disabled: true })).statusCode).toBe(200);
    expect((await v.get('/api/auth/session')).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: victim.username, password: testPassword } });
    expect(again.statusCode).toBe(403);
  });

  it('answers a bad user id with 400', async () => {
    const admin = await buildUser(t.ctx, { agency, roles: ['admin'] });
    const a = await login(t.app, admin.username, testPassword);
    expect((await a.patch('/api/users/not-a-uuid', { disabled: true })).statusCode).toBe(400);
  });

  it('audits every change in an intact chain', async () => {
    const result = await verifyAuditLog(t.ctx.db);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.rows).toBeGreaterThan(10);
  });
});
