import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildUser, testPassword } from '../../../test/factories.ts';
import type { Agency } from './index.ts';

let t: TestContext;
let agency: Agency;

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
});
afterAll(() => t.close());

describe('agencies', () => {
  it('creates the standard columns with 条例第二十一条 items for a township', async () => {
    const admin = await buildUser(t.ctx, { agency, roles: ['admin'] });
    const c = await login(t.app, admin.username, testPassword);
    const res = await c.get(`/api/agencies/${agency.id}`);
    expect(res.statusCode).toBe(200);
    const names = (res.json().columns as Array<{ name: string }>).map((x) => x.name);
    expect(names.slice(0, 3)).toEqual(['政府信息公开指南', '政府信息公开制度', '法定主动公开内容']);
    expect(names).toContain('政府信息公开年报');
    expect(names).toContain('宅基地使用情况审核');
  });

  it('lets only a sysadmin create an agency, validating input', async () => {
    const sys = await buildUser(t.ctx, { globalRole: 'sysadmin' });
    const s = await login(t.app, sys.username, testPassword);
    const bad = await s.post('/api/agencies', { code: 'x', slug: 'Bad Slug', name: '', kind: 'village' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().details.fields)).toEqual(expect.arrayContaining(['code', 'slug', 'name', 'kind']));
    const ok = await s.post('/api/agencies', { code: '11500237MB0000001X', slug: 'newtown', name: '新城镇人民政府', kind: 'township' });
    expect(ok.statusCode).toBe(201);
    const dup = await s.post('/api/agencies', { code: '11500237MB0000001X', slug: 'newtown2', name: '重复', kind: 'township' });
    expect(dup.statusCode).toBe(409);
    const admin = await buildUser(t.ctx, { agency, roles: ['admin'] });
    const a = await login(t.app, admin.username, testPassword);
    expect((await a.post('/api/agencies', { code: '11500237MB0000002X', slug: 'other', name: '其他镇人民政府', kind: 'township' })).statusCode).toBe(403);
  });

  it('lets an agency admin change settings and the review chain, not a drafter or another agency', async () => {
    const admin = await buildUser(t.ctx, { agency, roles: ['admin'] });
    const a = await login(t.app, admin.username, testPassword);
    const ok = await a.patch(`/api/agencies/${agency.id}`, { settings: { sponsor: '测试乡人民政府', siteCode: '5002370001' } });
    expect(ok.statusCode).toBe(200);
    const noPrivacy = await a.patch(`/api/agencies/${agency.id}`, { reviewChain: [{ key: 'only', name: '终审', checklist: ['文字'] }] });
    expect(noPrivacy.statusCode).toBe(400);
    expect(noPrivacy.json().message).toContain('隐私');
    const drafter = await buildUser(t.ctx, { agency, roles: ['drafter'] });
    const d = await login(t.app, drafter.username, testPassword);
    expect((await d.patch(`/api/agencies/${agency.id}`, { name: '改名' })).statusCode).toBe(403);
    const other = await buildAgency(t.ctx);
    expect((await a.patch(`/api/agencies/${other.id}`, { name: '越权改名' })).statusCode).toBe(403);
    expect((await a.get(`/api/agencies/${other.id}`)).statusCode).toBe(403);
  });

  it('lists only the agencies a user belongs to; a supervisor sees all', async () => {
    const drafter = await buildUser(t.ctx, { agency, roles: ['drafter'] });
    const d = await login(t.app, drafter.username, testPassword);
    const mine = (await d.get('/api/agencies')).json().agencies as Array<{ id: string }>;
    expect(mine.map((x) => x.id)).toEqual([agency.id]);
    const sup = await buildUser(t.ctx, { globalRole: 'supervisor' });
    const s = await login(t.app, sup.username, testPassword);
    expect(((await s.get('/api/agencies')).json().agencies as unknown[]).length).toBeGreaterThan(1);
  });
});
