/**
 * Search over published items on a real database (PGlite, or PostgreSQL with
 * GONGKAI_TEST_DATABASE_URL): Chinese words of 1–2 characters, attachment text, exact 文号 and
 * 索引号 lookup, filters, withdrawal, pagination and escaping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, login, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildUser, testPassword } from '../../../test/factories.ts';
import { buildDocx, buildXlsx } from '../../../test/fixtures.ts';
import { listColumns, type Agency } from '../agencies/index.ts';
import { createPublishedItem } from '../publishing/index.ts';
import { searchPublished, type SearchInput } from './index.ts';

let t: TestContext;
let town: Agency;
let other: Agency;
let admin: Client;
let creator: string;
const ids: Record<string, string> = {};
const indexNos: Record<string, string> = {};

async function publish(key: string, agency: Agency, input: { columnSlug: string; title: string; bodyHtml: string; docNo?: string; publishedAt: string; attachments?: Array<{ filename: string; data: Buffer }> }) {
  const r = await createPublishedItem(t.ctx, { agencyId: agency.id, createdBy: creator, ...input, publishedAt: new Date(input.publishedAt) });
  ids[key] = r.documentId;
  indexNos[key] = r.indexNo;
}

const search = (input: Partial<SearchInput> & { q: string }) => searchPublished(t.ctx.db, { page: 1, pageSize: 20, ...input });
const found = async (input: Partial<SearchInput> & { q: string }) => (await search(input)).items.map((i) => i.documentId);

beforeAll(async () => {
  t = await createTestContext();
  town = await buildAgency(t.ctx, { name: '曲尺乡人民政府' });
  other = await buildAgency(t.ctx, { name: '官阳镇人民政府' });
  const user = await buildUser(t.ctx, { agency: town, roles: ['admin', 'drafter'] });
  creator = user.id;
  admin = await login(t.app, user.username, testPassword);
  await publish('dibao', town, {
    columnSlug: 'shjz',
    title: '曲尺乡2025年第一季度低保资金发放情况公示',
    bodyHtml: '<p>根据有关规定，现将本季度最低生活保障资金发放情况予以公示，公示期间如有异议请与乡民政办联系。</p>',
    docNo: '曲尺府发〔2025〕12号',
    publishedAt: '2025-03-25T02:00:00Z',
  });
  await publish('attachment', town, {
    columnSlug: 'ntsl',
    title: '曲尺乡小型农田水利设施维修项目清单',
    bodyHtml: '<p>项目清单见附件。</p>',
    publishedAt: '2025-04-02T02:00:00Z',
    attachments: [{ filename: '项目清单.xlsx', data: await buildXlsx({ 清单: [['村名', '项目'], ['柳坪村', '山坪塘整治'], ['桃园村', '鱼塘清淤']] }) }],
  });
  await publish('budget', town, {
    columnSlug: 'czyjs',
    title: '曲尺乡人民政府2025年部门预算公开',
    bodyHtml: '<p>本年度一般公共预算收入主要来源于上级补助，税收返还另行说明。</p>',
    docNo: '曲尺府发〔2025〕3号',
    // 2025-01-01 01:00 in China: a 2025 item although it is still 2024 in UTC.
    publishedAt: '2024-12-31T17:00:00Z',
  });
  await publish('cites', town, {
    columnSlug: 'qtxx',
    title: '关于贯彻落实低保资金发放工作的说明',
    bodyHtml: '<p>根据曲尺府发〔2025〕12号文件精神，曲尺府发〔2025〕12号所列低保对象资金已发放。曲尺府发〔2025〕12号。</p>',
    publishedAt: '2025-05-01T02:00:00Z',
  });
  await publish('otherBudget', other, {
    columnSlug: 'czyjs',
    title: '官阳镇2024年预算执行情况',
    bodyHtml: '<p>预算执行情况良好。</p>',
    publishedAt: '2024-06-01T02:00:00Z',
    attachments: [{ filename: '说明.docx', data: await buildDocx(['镇级预算调整说明']) }],
  });
  await publish('xss', town, {
    columnSlug: 'qtxx',
    title: '<script>alert(1)</script>低保<b>名单</b>',
    bodyHtml: '<p>低保 &lt;img src=x onerror=alert(1)&gt;</p>',
    publishedAt: '2025-02-01T02:00:00Z',
  });
  await publish('withdrawn', town, {
    columnSlug: 'shjz',
    title: '已撤回的低保名单公示',
    bodyHtml: '<p>低保名单。</p>',
    publishedAt: '2025-06-01T02:00:00Z',
  });
  const doc = (await admin.get(`/api/documents/${ids.withdrawn}`)).json() as { document: { lockVersion: number } };
  const res = await admin.post(`/api/documents/${ids.withdrawn}/withdraw`, { lockVersion: doc.document.lockVersion, reason: '公示名单有误，重新核实' });
  expect(res.statusCode, res.body).toBe(200);
  // Pagination and recency: 25 items of one column with the same words.
  for (let i = 0; i < 25; i++) {
    await createPublishedItem(t.ctx, {
      agencyId: other.id,
      createdBy: creator,
      columnSlug: 'yjgl',
      title: `防汛值班安排第${i + 1}期`,
      bodyHtml: '<p>汛期值班人员安排如下。</p>',
      publishedAt: new Date(Date.UTC(2023, 5, 1 + i, 2)),
      notify: false,
    });
  }
}, 180_000);
afterAll(() => t.close());

describe('searchPublished', () => {
  it('finds a two-character word (低保) with a highlighted title and body snippet', async () => {
    const r = await search({ q: '低保' });
    const hit = r.items.find((i) => i.documentId === ids.dibao)!;
    expect(hit).toBeDefined();
    expect(hit.titleHtml).toContain('<mark>低保</mark>');
    expect(hit).toMatchObject({ agencyName: '曲尺乡人民政府', columnName: '社会救助', docNo: '曲尺府发〔2025〕12号', indexNo: indexNos.dibao, exact: false });
    expect(hit.publishedAt).toEqual(new Date('2025-03-25T02:00:00Z'));
    expect(typeof hit.score).toBe('number');
  });

  it('finds a two-character word present only in an attachment, with the snippet cut from the attachment', async () => {
    const r = await search({ q: '鱼塘' });
    expect(r.items.map((i) => i.documentId)).toEqual([ids.attachment]);
    expect(r.items[0]!.snippetFromAttachment).toBe(true);
    expect(r.items[0]!.snippetHtml).toContain('<mark>鱼塘</mark>');
    expect(await found({ q: '预算调整' })).toEqual([ids.otherBudget]);
  });

  it('finds a one-character word (税) and multi-word queries', async () => {
    expect(await found({ q: '税' })).toEqual([ids.budget]);
    expect(await found({ q: '预算 上级补助' })).toEqual([ids.budget]);
  });

  it('puts an exact 文号 match first, whatever the bracket style or spacing', async () => {
    for (const q of ['曲尺府发〔2025〕12号', '曲尺府发[2025]12号', '曲尺府发（2025）12号', ' 曲尺府发 ［２０２５］ 12号']) {
      const r = await search({ q });
      expect(r.items[0]!.documentId, q).toBe(ids.dibao);
      expect(r.items[0]!.exact).toBe(true);
      expect(r.items.map((i) => i.documentId)).toContain(ids.cites);
    }
  });

  it('looks up an exact 索引号', async () => {
    const r = await search({ q: indexNos.budget! });
    expect(r.items[0]).toMatchObject({ documentId: ids.budget, exact: true });
    expect((await search({ q: indexNos.budget!.toLowerCase() })).items[0]?.documentId).toBe(ids.budget);
  });

  it('filters by agency, by column (a first-level column includes its children) and by year in China time', async () => {
    expect((await found({ q: '预算' })).sort()).toEqual([ids.budget, ids.otherBudget].sort());
    expect(await found({ q: '预算', agencyId: other.id })).toEqual([ids.otherBudget]);
    const cols = await listColumns(t.ctx.db, town.id);
    const fdzdgknr = cols.find((c) => c.slug === 'fdzdgknr')!;
    const shjz = cols.find((c) => c.slug === 'shjz')!;
    expect((await found({ q: '低保', columnId: fdzdgknr.id })).sort()).toEqual([ids.dibao, ids.cites, ids.xss].sort());
    expect(await found({ q: '低保', columnId: shjz.id })).toEqual([ids.dibao]);
    expect((await found({ q: '预算', columnSlug: 'czyjs' })).sort()).toEqual([ids.budget, ids.otherBudget].sort());
    expect(await found({ q: '预算', columnSlug: 'czyjs', agencyId: town.id })).toEqual([ids.budget]);
    // A first-level slug includes its children, across agencies and within one.
    expect((await found({ q: '低保', columnSlug: 'fdzdgknr' })).sort()).toEqual([ids.dibao, ids.cites, ids.xss].sort());
    expect((await found({ q: '预算', columnSlug: 'fdzdgknr', agencyId: other.id })).sort()).toEqual([ids.otherBudget]);
    expect(await found({ q: '预算', columnSlug: 'no-such-column' })).toEqual([]);
    expect(await found({ q: '预算', year: 2025 })).toEqual([ids.budget]);
    expect(await found({ q: '预算', year: 2024 })).toEqual([ids.otherBudget]);
    expect(await found({ q: '低保', columnId: '00000000-0000-0000-0000-000000000000' })).toEqual([]);
    expect(await found({ q: '低保', columnId: 'not-a-uuid' })).toEqual([]);
  });

  it('never returns a withdrawn item', async () => {
    expect(await found({ q: '已撤回' })).toEqual([]);
    expect(await found({ q: '低保' })).not.toContain(ids.withdrawn);
  });

  it('pages through results, newest first among equal scores, with the total', async () => {
    const p1 = await search({ q: '防汛值班', pageSize: 10 });
    const p3 = await search({ q: '防汛值班', pageSize: 10, page: 3 });
    expect(p1.total).toBe(25);
    expect(p1.more).toBe(false);
    expect(p1.items).toHaveLength(10);
    expect(p3.items).toHaveLength(5);
    expect(p3.total).toBe(25);
    expect(p1.items[0]!.title).toBe('防汛值班安排第25期');
    expect(p3.items.at(-1)!.title).toBe('防汛值班安排第1期');
    const beyond = await search({ q: '防汛值班', pageSize: 10, page: 4 });
    expect(beyond).toMatchObject({ total: 25, items: [] });
  });

  it('gives the same answers when statistics make a filtered search test the filters first', async () => {
    const before = await search({ q: '防汛值班', agencyId: other.id, pageSize: 30 });
    const rareBefore = await found({ q: '鱼塘', agencyId: town.id });
    // With statistics the planner knows 防汛 is in most items, so the filtered search walks the filter first.
    await t.ctx.db.execute(sql`analyze document_versions`);
    const after = await search({ q: '防汛值班', agencyId: other.id, pageSize: 30 });
    expect(after.items.map((i) => i.documentId)).toEqual(before.items.map((i) => i.documentId));
    expect(after.total).toBe(25);
    expect(await found({ q: '鱼塘', agencyId: town.id })).toEqual(rareBefore);
    expect(await found({ q: '防汛值班', agencyId: town.id })).toEqual([]);
  });

  it('escapes titles and snippets (only <mark> is markup)', async () => {
    const hit = (await search({ q: '低保' })).items.find((i) => i.documentId === ids.xss)!;
    expect(hit.titleHtml).toBe('&lt;script&gt;alert(1)&lt;/script&gt;<mark>低保</mark>&lt;b&gt;名单&lt;/b&gt;');
    expect(hit.snippetHtml).not.toMatch(/<(?!\/?mark>)/);
    expect(hit.snippetHtml).toContain('&lt;img');
  });

  it('answers empty and unsearchable queries with nothing, and refuses queries over 100 characters', async () => {
    expect(await search({ q: '   ' })).toEqual({ total: 0, more: false, items: [] });
    expect((await search({ q: '〔〕！' })).items).toEqual([]);
    expect(await found({ q: '不存在的词语组合' })).toEqual([]);
    await expect(search({ q: '低'.repeat(101) })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
