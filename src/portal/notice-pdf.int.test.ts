/**
 * One item's bulletin-board notice (/info/:id/notice.pdf): a real A4 PDF whose text (pdf.js)
 * holds the agency, title, 发布日期, 索引号, 文号, 公示期, 张贴期限, the QR hint and the agency's
 * contacts; a blank 张贴期限 line without a 公示期; several numbered pages for a long body; 404 for
 * unknown, malformed, draft and withdrawn items; cached with an ETag; linked from the detail
 * page. The rendered page 1 (pdftoppm; skipped without poppler outside CI) shows the QR code
 * and is kept as /tmp/gk-render/notice.png. Also: the 公示期 in board.pdf, and the share
 * metadata for phones (Open Graph and itemprop tags, escaped; the PNG icon).
 * Runs on PGlite and on PostgreSQL (GONGKAI_TEST_DATABASE_URL).
 */
import { Parser } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Client, type TestContext } from '../../test/support/context.ts';
import { buildAgency, buildUser, testPassword } from '../../test/factories.ts';
import { pdfPages } from '../../test/support/pdf.ts';
import { findQr, rasterToolsAvailable, renderFirstPage } from '../../test/support/raster.ts';
import { listColumns, type Agency } from '../modules/agencies/index.ts';
import { createPublishedItem } from '../modules/publishing/index.ts';

let t: TestContext;
let agency: Agency;
let sysadmin: Client;
let sysadminId: string;
const ids: Record<string, string> = {};
let indexNo: string;
const title = '关于2026年度农村低保对象拟认定名单的公示';
const nastyTitle = '关于"清风"行动 & <script>alert(1)</script> 的\'公示\'';
const longBody = Array.from({ length: 60 }, (_, i) => `<p>第${i + 1}段：经村民代表评议、村委会初审、乡政府审核，拟认定以下家庭为农村低保对象，请各位村民监督，如有异议请于公示期内反映。</p>`).join('');

const host = 'gk.example.gov.cn';
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { host, ...headers } });

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  const admin = await buildUser(t.ctx, { globalRole: 'sysadmin' });
  sysadminId = admin.id;
  sysadmin = await login(t.app, admin.username, testPassword);
  const settings = await sysadmin.patch(`/api/agencies/${agency.id}`, { settings: { phone: '023-57681234', address: '曲尺乡政府大楼二楼党政办' } });
  expect(settings.statusCode, settings.body).toBe(200);
  const publish = (over: Partial<Parameters<typeof createPublishedItem>[1]>) =>
    createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: 'qtxx', title: '测试', bodyHtml: '<p>测试正文</p>', createdBy: sysadminId, ...over });
  const withPeriod = await publish({
    title,
    docNo: '曲乡府发〔2026〕31号',
    publishedAt: new Date(Date.UTC(2026, 10, 20, 1)),
    noticeStartsOn: '2026-11-20',
    noticeEndsOn: '2026-11-27',
    bodyHtml: '<p>根据《社会救助暂行办法》，经<b>村民代表评议</b>，现将拟认定名单予以公示。</p><p>公示期间如有异议，请向乡民政办反映。</p>',
  });
  ids.period = withPeriod.documentId;
  indexNo = withPeriod.indexNo;
  ids.plain = (await publish({ title: '乡村道路维修工程完工情况', publishedAt: new Date(Date.UTC(2026, 10, 18, 1)) })).documentId;
  ids.long = (await publish({ title: '长篇公示', publishedAt: new Date(Date.UTC(2026, 10, 10, 1)), bodyHtml: longBody })).documentId;
  ids.nasty = (await publish({ title: nastyTitle, publishedAt: new Date(Date.UTC(2026, 10, 1, 1)), bodyHtml: '<p>摘要 "引号" 与 <i>标签</i></p>' })).documentId;
  ids.withdrawn = (await publish({ title: '已撤回的公示', publishedAt: new Date(Date.UTC(2026, 10, 2, 1)) })).documentId;
  const lock = (await (await sysadmin.get(`/api/documents/${ids.withdrawn}`)).json()).document.lockVersion as number;
  const w = await sysadmin.post(`/api/documents/${ids.withdrawn}/withdraw`, { lockVersion: lock, reason: '名单信息有误，正在重新核实' });
  expect(w.statusCode, w.body).toBe(200);
  const drafter = await buildUser(t.ctx, { agency, roles: ['drafter'] });
  const d = await login(t.app, drafter.username, testPassword);
  const columnId = (await listColumns(t.ctx.db, agency.id)).find((c) => c.slug === 'qtxx')!.id;
  const draft = await d.post('/api/documents', { agencyId: agency.id, title: '尚未发布的草稿', columnId, disclosure: 'proactive' });
  expect(draft.statusCode, draft.body).toBe(201);
  ids.draft = draft.json().document.id;
});
afterAll(() => t.close());

describe('GET /info/:id/notice.pdf', () => {
  let pdf: Buffer;

  it('is an A4 PDF with agency, title, facts, 公示期, 张贴期限, body, QR hint and contacts', async () => {
    const res = await get(`/info/${ids.period}/notice.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(/\.pdf/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, sizes } = await pdfPages(pdf);
    expect(pages).toHaveLength(1);
    expect(sizes[0]).toEqual([595, 842]);
    const text = pages[0]!;
    expect(text).toContain(agency.name.replace(/\s+/g, ''));
    expect(text).toContain(title);
    expect(text).toContain('发布日期：2026年11月20日');
    expect(text).toContain(`索引号：${indexNo}`);
    expect(text).toContain('文号：曲乡府发〔2026〕31号');
    expect(text).toContain('公示期：2026年11月20日至2026年11月27日');
    expect(text).toContain('张贴期限：2026年11月27日止');
    expect(text).toContain('根据《社会救助暂行办法》，经村民代表评议，现将拟认定名单予以公示。');
    expect(text).toContain('扫码查看全文及附件');
    expect(text).toContain('联系电话：023-57681234');
    expect(text).toContain('地址：曲尺乡政府大楼二楼党政办');
    expect(text).toContain(`http://${host}/info/${ids.period}`);
    expect(text).toContain('第1页/共1页');
  });

  it('shows the QR code in the closing block of the rendered page (kept as /tmp/gk-render/notice.png)', async () => {
    if (!rasterToolsAvailable()) return;
    const page1 = await renderFirstPage(pdf, 'notice');
    const qr = findQr(page1);
    expect(qr, 'a QR-like square on page 1').not.toBeNull();
    // Right-hand side, below the head (the closing block follows the body).
    expect(qr!.x).toBeGreaterThan(page1.width * 0.6);
    expect(qr!.y).toBeGreaterThan(page1.height * 0.2);
  });

  it('leaves a blank 张贴期限 line and no 公示期 when the item has none', async () => {
    const res = await get(`/info/${ids.plain}/notice.pdf`);
    expect(res.statusCode).toBe(200);
    const text = (await pdfPages(res.rawPayload)).pages.join('');
    expect(text).toContain('乡村道路维修工程完工情况');
    expect(text).toContain('张贴期限：______年____月____日止');
    expect(text).not.toContain('公示期：');
  });

  it('flows a long body over numbered pages', async () => {
    const { pages, sizes } = await pdfPages((await get(`/info/${ids.long}/notice.pdf`)).rawPayload);
    expect(pages.length).toBeGreaterThan(1);
    for (const s of sizes) expect(s).toEqual([595, 842]);
    expect(pages[0]).toContain('第1段：');
    expect(pages.slice(1).join('')).toContain('第60段：');
    expect(pages.at(-1)).toContain(`第${pages.length}页/共${pages.length}页`);
    expect(pages.at(-1)).toContain('扫码查看全文及附件');
  });

  it('answers 404 for unknown, malformed, draft and withdrawn items', async () => {
    for (const url of [
      '/info/00000000-0000-4000-8000-000000000000/notice.pdf',
      '/info/not-a-uuid/notice.pdf',
      `/info/${ids.draft}/notice.pdf`,
      `/info/${ids.withdrawn}/notice.pdf`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('text/html');
    }
  });

  it('is cached with an ETag (304) and linked from the detail page', async () => {
    const first = await get(`/info/${ids.period}/notice.pdf`);
    expect(first.headers.etag).toBeDefined();
    expect((await get(`/info/${ids.period}/notice.pdf`, { 'if-none-match': String(first.headers.etag) })).statusCode).toBe(304);
    const page = await get(`/info/${ids.period}`);
    expect(page.body).toContain(`<a href="/info/${ids.period}/notice.pdf" type="application/pdf">打印公告（A4）</a>`);
    expect(page.body).toMatch(/<th scope="row">公示期<\/th><td>2026年11月20日至2026年11月27日<\/td>/);
  });

  it('puts the 公示期 into the board.pdf entry of the item', async () => {
    const text = (await pdfPages((await get(`/gk/${agency.slug}/board.pdf`)).rawPayload)).pages.join('');
    expect(text).toContain(title);
    expect(text).toContain('公示期：2026年11月20日至2026年11月27日');
  });
});

/** Every <meta> of a page's head: property or itemprop or name → content (decoded like a browser). */
function metaTags(page: string): { all: Map<string, string>; scripts: number } {
  const all = new Map<string, string>();
  let scripts = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'script') scripts++;
        if (name !== 'meta') return;
        const key = attrs.property ?? (attrs.itemprop ? `itemprop:${attrs.itemprop}` : attrs.name);
        if (key && attrs.content !== undefined) all.set(key, attrs.content);
      },
    },
    { decodeEntities: true },
  );
  parser.write(page);
  parser.end();
  return { all, scripts };
}

describe('share metadata for phones', () => {
  it('gives a detail page Open Graph and itemprop tags with absolute URLs', async () => {
    const { all } = metaTags((await get(`/info/${ids.period}`)).body);
    expect(all.get('og:type')).toBe('article');
    expect(all.get('og:title')).toBe(title);
    expect(all.get('og:description')).toContain('根据《社会救助暂行办法》');
    expect(all.get('og:url')).toBe(`http://${host}/info/${ids.period}`);
    expect(all.get('og:site_name')).toBeTruthy();
    expect(all.get('og:image')).toBe(`http://${host}/assets/share-icon.png`);
    expect(all.get('itemprop:name')).toBe(title);
    expect(all.get('itemprop:description')).toBe(all.get('og:description'));
    expect(all.get('itemprop:image')).toBe(all.get('og:image'));
  });

  it('escapes quotes and markup of a title and body in the tags', async () => {
    const res = await get(`/info/${ids.nasty}`);
    const { all, scripts } = metaTags(res.body);
    expect(scripts).toBe(0);
    expect(res.body).not.toContain('<script>');
    expect(all.get('og:title')).toBe(nastyTitle);
    expect(all.get('itemprop:name')).toBe(nastyTitle);
    expect(all.get('og:description')).toBe('摘要 "引号" 与 标签');
    expect(res.body).toContain('content="关于&quot;清风&quot;行动 &amp; &lt;script&gt;alert(1)&lt;/script&gt; 的&#39;公示&#39;"');
  });

  it('gives home, section and column pages website tags; leaves og:url and og:image out without a valid host', async () => {
    for (const url of ['/', `/gk/${agency.slug}/`, `/gk/${agency.slug}/qtxx/`]) {
      const { all } = metaTags((await get(url)).body);
      expect(all.get('og:type'), url).toBe('website');
      expect(all.get('og:url'), url).toBe(`http://${host}${url}`);
      expect(all.get('og:image'), url).toBe(`http://${host}/assets/share-icon.png`);
    }
    const bad = await t.app.inject({ method: 'GET', url: `/info/${ids.period}`, headers: { host: 'bad host!' } });
    const { all } = metaTags(bad.body);
    expect(all.get('og:title')).toBe(title);
    expect(all.has('og:url')).toBe(false);
    expect(all.has('og:image')).toBe(false);
  });

  it('serves the share icon as a square PNG of at least 300 px', async () => {
    const res = await get('/assets/share-icon.png');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    const png = res.rawPayload;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(300);
  });
});
