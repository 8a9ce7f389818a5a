/**
 * 法定主动公开内容 follows the agency's 公开目录 (issue 6): areas and items with published
 * items, ?ml=<item> lists that item's information across columns, unknown items are 404, and a
 * catalog change reaches the cached page at once. PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomUtils, parseDocument } from 'htmlparser2';
import { createTestContext, login, type Client, type TestContext } from '../../test/support/context.ts';
import { buildAgency, buildPublishedItem, buildUser, testPassword } from '../../test/factories.ts';
import type { Agency } from '../modules/agencies/index.ts';

interface Area {
  name: string;
  items: Array<{ id: string; level1: string; level2: string; lockVersion: number }>;
}

let t: TestContext;
let agency: Agency;
let admin: Client;
let areas: Area[];

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  await buildPublishedItem(t.ctx, { agency, columnSlug: 'shjz', title: '十月低保资金发放公示' });
  await buildPublishedItem(t.ctx, { agency, columnSlug: 'shjz', title: '十一月低保资金发放公示' });
  await buildPublishedItem(t.ctx, { agency, columnSlug: 'zfxxgknb', title: '2025年政府信息公开工作年度报告' });
  const u = await buildUser(t.ctx, { agency, roles: ['admin'] });
  admin = await login(t.app, u.username, testPassword);
  areas = (await admin.get(`/api/catalog?agencyId=${agency.id}`)).json().areas;
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { host: 'gk.example.gov.cn' } });
const nav = (body: string) => DomUtils.findOne((e) => e.attribs.class === 'catalog-nav', parseDocument(body).children, true);
const item = (area: string, level1: string) => areas.find((a) => a.name === area)!.items.find((i) => i.level1 === level1)!;

describe('法定主动公开内容 by catalog', () => {
  it('lists only the areas and items with published items, with counts and stable links', async () => {
    const res = await get(`/gk/${agency.slug}/fdzdgknr/`);
    expect(res.statusCode).toBe(200);
    const n = nav(res.body)!;
    expect(n).toBeTruthy();
    const areaNames = DomUtils.getElementsByTagName('dt', n).map((e) => DomUtils.textContent(e));
    expect(areaNames).toEqual(['社会救助', '机构与政务公开工作']);
    const text = DomUtils.textContent(n);
    expect(text).toContain('最低生活保障 · 低保对象与资金（2）');
    expect(text).toContain('政府信息公开年度报告 · 年度报告（1）');
    expect(text).not.toContain('特困人员供养');
    expect(text).toMatch(/另有 \d+ 个事项暂无已公开信息/);
    const hrefs = DomUtils.getElementsByTagName('a', n).map((a) => a.attribs.href);
    expect(hrefs).toContain(`/gk/${agency.slug}/fdzdgknr/?ml=${item('社会救助', '最低生活保障').id}`);
  });

  it("?ml= lists that item's information, also from other columns; an unknown item is 404", async () => {
    const low = await get(`/gk/${agency.slug}/fdzdgknr/?ml=${item('社会救助', '最低生活保障').id}`);
    expect(low.statusCode).toBe(200);
    expect(low.body).toContain('十月低保资金发放公示');
    expect(low.body).toContain('十一月低保资金发放公示');
    expect(low.body).not.toContain('2025年政府信息公开工作年度报告');
    expect(low.body).toContain('目录事项：');
    const report = await get(`/gk/${agency.slug}/fdzdgknr/?ml=${item('机构与政务公开工作', '政府信息公开年度报告').id}`);
    expect(report.body).toContain('2025年政府信息公开工作年度报告');
    expect(report.body).not.toContain('十月低保资金发放公示');
    expect((await get(`/gk/${agency.slug}/fdzdgknr/?ml=00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    expect((await get(`/gk/${agency.slug}/fdzdgknr/?ml=abc`)).statusCode).toBe(404);
  });

  it('other columns keep their plain list', async () => {
    const res = await get(`/gk/${agency.slug}/shjz/`);
    expect(res.statusCode).toBe(200);
    expect(nav(res.body)).toBeFalsy();
  });

  it('renaming a catalog item shows on the cached page at once', async () => {
    expect((await get(`/gk/${agency.slug}/fdzdgknr/`)).body).not.toContain('城乡低保');
    const it_ = item('社会救助', '最低生活保障');
    const res = await admin.patch(`/api/catalog/items/${it_.id}`, { lockVersion: it_.lockVersion, level1: '城乡低保' });
    expect(res.statusCode, res.body).toBe(200);
    expect(DomUtils.textContent(nav((await get(`/gk/${agency.slug}/fdzdgknr/`)).body)!)).toContain('城乡低保 · 低保对象与资金（2）');
  });
});
