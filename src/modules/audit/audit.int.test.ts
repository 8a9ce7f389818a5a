import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, login, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildUser, testPassword } from '../../../test/factories.ts';
import { recordAudit, verifyAuditLog } from './index.ts';
import type { Agency } from '../agencies/index.ts';

let t: TestContext;
let agency: Agency;

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
});
afterAll(() => t.close());

describe('audit log', () => {
  it('refuses UPDATE and DELETE at the database level', async () => {
    await t.ctx.db.transaction((tx) => recordAudit(tx, { userId: null, username: '测试' }, { agencyId: null, action: 'test.x', entityType: 'x', entityId: '1' }));
    await expect(t.ctx.db.execute(sql`update audit_log set action = 'forged'`)).rejects.toThrow();
    await expect(t.ctx.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });

  it('keeps a linear chain under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.ctx.db.transaction((tx) => recordAudit(tx, { userId: null, username: '并发' }, { agencyId: agency.id, action: 'test.concurrent', entityType: 'x', entityId: String(i) })),
      ),
    );
    const r = await verifyAuditLog(t.ctx.db);
    expect(r.problems).toEqual([]);
  });

  it('a rolled-back transaction leaves no gap', async () => {
    await expect(
      t.ctx.db.transaction(async (tx) => {
        await recordAudit(tx, { userId: null, username: '回滚' }, { agencyId: null, action: 'test.rollback', entityType: 'x', entityId: null });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await t.ctx.db.transaction((tx) => recordAudit(tx, { userId: null, username: '之后' }, { agencyId: null, action: 'test.after', entityType: 'x', entityId: null }));
    expect((await verifyAuditLog(t.ctx.db)).ok).toBe(true);
  });

  it('shows an agency admin its own agency only; refuses drafters', async () => {
    const other = await buildAgency(t.ctx);
    const admin = await buildUser(t.ctx, { agency, roles: ['admin'] });
    await buildUser(t.ctx, { agency: other, roles: ['drafter'] });
    const c = await login(t.app, admin.username, testPassword);
    const res = await c.get('/api/audit');
    expect(res.statusCode).toBe(200);
    const entries = res.json().entries as Array<{ agencyId: string | null }>;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.agencyId === agency.id)).toBe(true);
    expect((await c.get(`/api/audit?agencyId=${other.id}`)).statusCode).toBe(403);
    const drafter = await buildUser(t.ctx, { agency, roles: ['drafter'] });
    const d = await login(t.app, drafter.username, testPassword);
    expect((await d.get('/api/audit')).statusCode).toBe(403);
  });

  it('lets a supervisor verify the chain through the API, and no one else', async () => {
    const sup = await buildUser(t.ctx, { globalRole: 'supervisor' });
    const c = await login(t.app, sup.username, testPassword);
    const res = await c.get('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true });
    const admin = await buildUser(t.ctx, { agency, roles: ['admin'] });
    const a = await login(t.app, admin.username, testPassword);
    expect((await a.get('/api/audit/verify')).statusCode).toBe(403);
  });

  it('detects a row edited behind the trigger, naming it', async () => {
    await t.ctx.db.execute(sql`alter table audit_log disable trigger audit_log_no_change`);
    try {
      await t.ctx.db.execute(sql`update audit_log set action = 'forged' where id = 3`);
    } finally {
      await t.ctx.db.execute(sql`alter table audit_log enable trigger audit_log_no_change`);
    }
    const r = await verifyAuditLog(t.ctx.db);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ id: 3, kind: 'edited' })]);
  });
});
