/**
 * The public read-only JSON API (/api/public/items) on a real database: shapes, filters,
 * search, validation errors in Chinese, withdrawal notices; no session needed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../../test/support/context.ts';
import { buildAgency, buildUser, testPassword } from '../../test/factories.ts';
import { buildPdf } from '../../test/fixtures.ts';
import type { Agency } from '../modules/agencies/index.ts';
import { createPublishedItem } from '../modules/publishing/index.ts';

let t: TestContext;
let town: Agency;
let other: Agency;
const ids: Record<string, string> = {};

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { host: 'gk.example.gov.cn' } });

beforeAll(async () => {
  t = await createTestContext();
  town = await buildAgency(t.ctx, { name: '曲尺乡人民政府' });
  other = await buildAgency(t.ctx, { name: '官阳镇人民政府' });
  const user = await buildUser(t.ctx, { agency: town, roles: ['admin', 'drafter'] });
  const pub = async (key: string, agency: Agency, columnSlug: string, title: string, publishedAt: string, extra: Record<string, unknown> = {}) => {
    ids[key] = (await createPublishedItem(t.ctx, { agencyId: agency.id, createdBy: user.id, columnSlug, title, bodyHtml: `<p>${title}的正文</p>`, publishedAt: new Date(publishedAt), ...extra })).documentId;
  };
  await pub('dibao', town, 'shjz', '低保资金发放情况公示', '2025-03-25T02:00:00Z', {
    docNo: '曲尺府发〔2025〕12号',
    topic: '社会救助',
    attachments: [{ filename: '说明 (1).pdf', data: buildPdf(['说明']) }],
  });
  await pub('budget', town, 'czyjs', '2024年部门预算', '2024-03-01T02:00:00Z');
  await pub('otherBudget', other, 'czyjs', '官阳镇2025年预算', '2025-02-01T02:00:00Z');
  await pub('withdrawn', town, 'shjz', '撤回的公示', '2025-04-01T02:00:00Z');
  const admin = await login(t.app, user.username, testPassword);
  const lockVersion = ((await admin.get(`/api/documents/${ids.withdrawn}`)).json() as { document: { lockVersion: number } }).document.lockVersion;
  expect((await admin.post(`/api/documents/${ids.withdrawn}/withdraw`, { lockVersion, reason: '内容需要更新' })).statusCode).toBe(200);
}, 120_000);
afterAll(() => t.close());

interface ListBody {
  total: number;
  page: number;
  pageSize: number;
  items: Array<{ id: string; title: string; url: string; agency: { slug: string; name: string }; column: { slug: string; name: string }; publishedAt: string; snippetHtml?: string }>;
}

describe('GET /api/public/items', () => {
  it('lists published items newest first without a session, with absolute URLs and CORS', async () => {
    const res = await get('/api/public/items');
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const body = res.json() as ListBody;
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(body.items.map((i) => i.id)).toEqual([ids.dibao, ids.otherBudget, ids.budget]);
    expect(body.items[0]).toEqual({
      id: ids.dibao,
      indexNo: expect.stringMatching(/\/2025-\d{5}$/),
      title: '低保资金发放情况公示',
      docNo: '曲尺府发〔2025〕12号',
      publisher: '曲尺乡人民政府',
      agency: { slug: town.slug, name: '曲尺乡人民政府' },
      column: { slug: 'shjz', name: '社会救助' },
      topic: '社会救助',
      writtenOn: null,
      publishedAt: '2025-03-25T10:00:00+08:00',
      url: `http://gk.example.gov.cn/info/${ids.dibao}`,
    });
  });

  it('filters by agency, column (children included), year and pages', async () => {
    const ids_ = async (q: string) => ((await get(`/api/public/items?${q}`)).json() as ListBody).items.map((i) => i.id);
    expect(await ids_(`agency=${town.slug}`)).toEqual([ids.dibao, ids.budget]);
    expect(await ids_('column=czyjs')).toEqual([ids.otherBudget, ids.budget]);
    expect(await ids_(`column=fdzdgknr&agency=${town.slug}`)).toEqual([ids.dibao, ids.budget]);
    expect(await ids_('year=2024')).toEqual([ids.budget]);
    const p2 = (await get('/api/public/items?page=2&pageSize=2')).json() as ListBody;
    expect(p2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(p2.items.map((i) => i.id)).toEqual([ids.budget]);
    expect(await ids_('year=&agency=')).toHaveLength(3);
  });

  it('searches with q, returning snippets', async () => {
    const body = (await get(`/api/public/items?q=${encodeURIComponent('预算')}`)).json() as ListBody;
    expect(body.items.map((i) => i.id).sort()).toEqual([ids.budget, ids.otherBudget].sort());
    expect(body.items[0]!.snippetHtml).toContain('<mark>预算</mark>');
    const exact = (await get(`/api/public/items?q=${encodeURIComponent('曲尺府发(2025)12号')}`)).json() as ListBody;
    expect(exact.items[0]!.id).toBe(ids.dibao);
  });

  it('answers bad parameters with 400 and a Chinese {code, message}', async () => {
    for (const q of ['page=abc', 'page=0', 'pageSize=101', 'year=20x5', 'year=1800', `q=${'字'.repeat(101)}`, 'agency=nowhere', 'column=nowhere', 'agency=%3Cscript%3E', 'page=1&page=2']) {
      const res = await get(`/api/public/items?${q}`);
      expect(res.statusCode, q).toBe(400);
      const body = res.json() as { code: string; message: string };
      expect(body.code, q).toBe('VALIDATION');
      expect(body.message, q).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('GET /api/public/items/:id', () => {
  it('returns the published metadata, body and attachment URLs', async () => {
    const res = await get(`/api/public/items/${ids.dibao}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      id: ids.dibao,
      title: '低保资金发放情况公示',
      version: 1,
      bodyHtml: '<p>低保资金发放情况公示的正文</p>',
      docType: 'other',
      keywords: [],
      versions: [{ version: 1, current: true, url: `http://gk.example.gov.cn/info/${ids.dibao}` }],
    });
    expect(body.attachments).toEqual([
      { id: expect.any(String), filename: '说明 (1).pdf', mime: 'application/pdf', size: expect.any(Number), url: expect.stringMatching(/^http:\/\/gk\.example\.gov\.cn\/files\/[0-9a-f-]{36}\/%E8%AF%B4%E6%98%8E%20\(1\)\.pdf$/) },
    ]);
    const file = await get(new URL(body.attachments[0].url).pathname);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
  });

  it('answers a withdrawn item with 410 and its notice, unknown with 404, malformed with 400', async () => {
    const gone = await get(`/api/public/items/${ids.withdrawn}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json()).toMatchObject({ code: 'GONE', message: '该信息已撤回', notice: { id: ids.withdrawn, title: '撤回的公示', reason: '内容需要更新', withdrawnAt: expect.stringMatching(/\+08:00$/) } });
    const missing = await get('/api/public/items/00000000-0000-0000-0000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ code: 'NOT_FOUND', message: '信息不存在或未公开' });
    const bad = await get('/api/public/items/abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION' });
  });
});
