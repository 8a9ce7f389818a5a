/**
 * 补充标准目录新增事项 through HTTP on a fresh database (PGlite, or PostgreSQL with
 * GONGKAI_TEST_DATABASE_URL): an agency seeded with an earlier standard is offered the items
 * added since, gets them once, keeps its own edits, and does not get back what it deleted.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, queryRows, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildUser, testPassword } from '../../../test/factories.ts';
import type { Agency } from '../agencies/index.ts';
import { missingStandardItems } from './standard-additions.ts';
import { generalAreas, standardCatalog, standardCatalogVersion } from './standard-catalog.ts';

let t: TestContext;
let agency: Agency;
const c: Record<string, Client> = {};

interface Item { id: string; level1: string; level2: string; lockVersion: number; content: string }
interface Area { name: string; items: Item[] }

const shipped = [...standardCatalog, ...generalAreas];
const added = shipped.flatMap((a) => a.items.filter((i) => i.since).map((i) => ({ area: a.name, ...i })));
const firstVersion = shipped.flatMap((a) => a.items.filter((i) => !i.since).map((i) => ({ area: a.name, ...i })));

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  const other = await buildAgency(t.ctx);
  for (const [name, opts] of Object.entries({ admin: { agency, roles: ['admin'] }, drafter: { agency, roles: ['drafter'] }, outsider: { agency: other, roles: ['admin'] } } as Record<string, Parameters<typeof buildUser>[1]>)) {
    const u = await buildUser(t.ctx, opts);
    c[name] = await login(t.app, u.username, testPassword);
  }
});
afterAll(() => t.close());

const catalog = async (): Promise<Area[]> => (await c.admin!.get(`/api/catalog?agencyId=${agency.id}`)).json().areas;
const find = (areas: Area[], area: string, level1: string, level2: string) => areas.find((a) => a.name === area)?.items.find((i) => i.level1 === level1 && i.level2 === level2);

describe('missingStandardItems (pure)', () => {
  it('offers only items added after the agency version that it lacks', () => {
    const all = missingStandardItems(shipped, '2025-first', new Set());
    expect(all).toHaveLength(added.length);
    expect(missingStandardItems(shipped, standardCatalogVersion, new Set())).toEqual([]);
    const one = added[0]!;
    const without = missingStandardItems(shipped, '2025-first', new Set([`${one.area}\u0000${one.level1}\u0000${one.level2}`]));
    expect(without).toHaveLength(added.length - 1);
  });
});

describe('/api/catalog/standard-additions', () => {
  it('adds what was added since, once; keeps edits; deleted first-version items stay deleted', async () => {
    expect(added.length).toBeGreaterThan(1);
    const areas = await catalog();
    // Simulate an agency seeded with the first version: it lacks two of the added items, edited a
    // third one, and deleted a first-version item.
    const [gone1, gone2, edited] = [added[0]!, added[1]!, added[2]!];
    for (const g of [gone1, gone2]) {
      const it = find(areas, g.area, g.level1, g.level2)!;
      expect((await c.admin!.request('DELETE', `/api/catalog/items/${it.id}`)).statusCode).toBe(204);
    }
    const mine = find(areas, edited.area, edited.level1, edited.level2)!;
    const patched = await c.admin!.patch(`/api/catalog/items/${mine.id}`, { lockVersion: mine.lockVersion, content: '本单位改写的公开内容' });
    expect(patched.statusCode, patched.body).toBe(200);
    const first = firstVersion.find((f) => !added.some((a) => a.area === f.area && a.level1 === f.level1))!;
    const deleted = find(areas, first.area, first.level1, first.level2)!;
    expect((await c.admin!.request('DELETE', `/api/catalog/items/${deleted.id}`)).statusCode).toBe(204);
    await t.ctx.db.execute(sql`update catalog_states set standard_version = '2025-first' where agency_id = ${agency.id}`);

    expect((await c.drafter!.get(`/api/catalog/standard-additions?agencyId=${agency.id}`)).statusCode).toBe(403);
    expect((await c.outsider!.get(`/api/catalog/standard-additions?agencyId=${agency.id}`)).statusCode).toBe(404);
    expect((await c.admin!.get('/api/catalog/standard-additions?agencyId=x')).statusCode).toBe(400);
    const preview = (await c.admin!.get(`/api/catalog/standard-additions?agencyId=${agency.id}`)).json();
    expect(preview).toMatchObject({ agencyVersion: '2025-first', standardVersion: standardCatalogVersion });
    expect(preview.additions.map((a: { level2: string }) => a.level2).sort()).toEqual([gone1.level2, gone2.level2].sort());

    expect((await c.drafter!.post(`/api/catalog/standard-additions?agencyId=${agency.id}`, {})).statusCode).toBe(403);
    const res = await c.admin!.post(`/api/catalog/standard-additions?agencyId=${agency.id}`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().result).toMatchObject({ added: 2, standardVersion: standardCatalogVersion });
    const after = await catalog();
    expect(find(after, gone1.area, gone1.level1, gone1.level2)).toBeDefined();
    expect(find(after, gone2.area, gone2.level1, gone2.level2)).toBeDefined();
    expect(find(after, edited.area, edited.level1, edited.level2)!.content).toBe('本单位改写的公开内容');
    expect(find(after, first.area, first.level1, first.level2)).toBeUndefined();

    // Offered once: nothing more, and a second call adds nothing.
    expect((await c.admin!.get(`/api/catalog/standard-additions?agencyId=${agency.id}`)).json().additions).toEqual([]);
    expect((await c.admin!.post(`/api/catalog/standard-additions?agencyId=${agency.id}`, {})).json().result.added).toBe(0);
    const [audit] = await queryRows<{ n: number }>(t, sql`select count(*)::int as n from audit_log where action = 'catalog.standard.add' and agency_id = ${agency.id}`);
    expect(Number(audit!.n)).toBe(2);
  });
});
