/**
 * The offline channels: the A4 bulletin-board notice (/gk/:agency/board) and the electronic
 * screen (/gk/:agency/screen) rotating by meta refresh, without any script. HTML parsed with
 * htmlparser2. Runs on PGlite and on PostgreSQL (GONGKAI_TEST_DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument, DomUtils } from 'htmlparser2';
import { createTestContext, type TestContext } from '../../test/support/context.ts';
import { buildAgency, buildPublishedItem } from '../../test/factories.ts';
import type { Agency } from '../modules/agencies/index.ts';

let t: TestContext;
let agency: Agency;
const items: { documentId: string; title: string }[] = [];

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  for (let i = 1; i <= 3; i++) {
    const title = `公开栏测试信息${i}`;
    const r = await buildPublishedItem(t.ctx, { agency, title, publishedAt: new Date(Date.UTC(2025, 0, i, 2)), bodyHtml: `<p>第${i}条正文 <b>内容</b></p>` });
    items.push({ ...r, title });
  }
  const other = await buildPublishedItem(t.ctx, { agency, title: '财政预算栏目信息', columnSlug: 'czyjs', publishedAt: new Date(Date.UTC(2025, 0, 10, 2)) }).catch(() => null);
  if (other) items.push({ ...other, title: '财政预算栏目信息' });
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { host: 'gk.example.gov.cn' } });
const dom = (body: string) => parseDocument(body);
const byTag = (body: string, tag: string) => DomUtils.getElementsByTagName(tag, dom(body));

describe('GET /gk/:agency/board', () => {
  it('lists the newest items, newest first, each with a QR code to its detail page, print CSS and no script', async () => {
    const res = await get(`/gk/${agency.slug}/board`);
    expect(res.statusCode).toBe(200);
    expect(byTag(res.body, 'script')).toHaveLength(0);
    const titles = byTag(res.body, 'h2').map((h) => DomUtils.textContent(h));
    expect(titles.slice(-3)).toEqual(['公开栏测试信息3', '公开栏测试信息2', '公开栏测试信息1']);
    const qrs = byTag(res.body, 'img').map((i) => i.attribs.src);
    expect(qrs).toContain(`/info/${items[0]!.documentId}/qr.svg`);
    expect(res.body).toContain(`http://gk.example.gov.cn/info/${items[0]!.documentId}`);
    expect(byTag(res.body, 'link').some((l) => l.attribs.href?.startsWith('/assets/channels.css?v='))).toBe(true);
    expect(DomUtils.textContent(byTag(res.body, 'h1')[0]!)).toContain('政务公开栏');
    // The QR code the board links to exists.
    expect((await get(`/info/${items[0]!.documentId}/qr.svg`)).statusCode).toBe(200);
    const css = await get('/assets/channels.css');
    expect(css.statusCode).toBe(200);
    expect(css.body).toContain('size: A4');
  });

  it('chooses columns and limits the count; an unknown column or agency is 404', async () => {
    const one = await get(`/gk/${agency.slug}/board?columns=qtxx&limit=1`);
    expect(one.statusCode).toBe(200);
    expect(byTag(one.body, 'li').length).toBe(1);
    expect(one.body).toContain('公开栏测试信息3');
    expect((await get(`/gk/${agency.slug}/board?columns=nope`)).statusCode).toBe(404);
    expect((await get('/gk/no-such-agency/board')).statusCode).toBe(404);
  });
});

describe('GET /gk/:agency/screen', () => {
  it('shows one item in large type and rotates with a meta refresh to the next offset, wrapping around', async () => {
    const first = await get(`/gk/${agency.slug}/screen?columns=qtxx`);
    expect(first.statusCode).toBe(200);
    expect(byTag(first.body, 'script')).toHaveLength(0);
    expect(DomUtils.textContent(byTag(first.body, 'h1')[0]!)).toBe('公开栏测试信息3');
    const refresh = byTag(first.body, 'meta').find((m) => m.attribs['http-equiv'] === 'refresh')!;
    expect(refresh.attribs.content).toBe(`20;url=/gk/${agency.slug}/screen?columns=qtxx&offset=1`);
    const third = await get(`/gk/${agency.slug}/screen?columns=qtxx&offset=2&seconds=8`);
    expect(DomUtils.textContent(byTag(third.body, 'h1')[0]!)).toBe('公开栏测试信息1');
    const refresh3 = byTag(third.body, 'meta').find((m) => m.attribs['http-equiv'] === 'refresh')!;
    expect(refresh3.attribs.content).toBe(`8;url=/gk/${agency.slug}/screen?columns=qtxx&seconds=8&offset=0`);
    const wrapped = await get(`/gk/${agency.slug}/screen?columns=qtxx&offset=4`);
    expect(DomUtils.textContent(byTag(wrapped.body, 'h1')[0]!)).toBe('公开栏测试信息2');
    expect(wrapped.body).toContain('2 / 3');
    // The CSP sent with the page allows no script; the refresh needs none.
    expect(String(first.headers['content-security-policy'])).toMatch(/script-src 'self'|default-src 'self'/);
  });

  it('says so when nothing is published, and 404s for an unknown agency', async () => {
    const empty = await buildAgency(t.ctx);
    // A new agency reaches the portal's site directory with the next public change.
    for (const fn of t.ctx.onPublicChange) fn();
    const res = await get(`/gk/${empty.slug}/screen`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('暂无公开信息');
    expect((await get('/gk/no-such-agency/screen')).statusCode).toBe(404);
  });
});
