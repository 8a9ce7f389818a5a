/**
 * The public portal through HTTP on a real database (PGlite, or PostgreSQL with
 * GONGKAI_TEST_DATABASE_URL): pages, downloads, QR codes, the 适老化 switch, caching, feeds,
 * sitemaps, robots.txt and static assets. Items are published with createPublishedItem;
 * withdrawal and correction go through the publishing API like an administrator would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser } from 'htmlparser2';
import { SaxesParser } from 'saxes';
import { createTestContext, login, type Client, type TestContext } from '../../test/support/context.ts';
import { buildUser, testPassword } from '../../test/factories.ts';
import { buildPdf, buildXlsx } from '../../test/fixtures.ts';
import { systemActor } from '../modules/accounts/index.ts';
import { createAgency, type Agency } from '../modules/agencies/index.ts';
import { createPublishedItem, type PublishedItemInput } from '../modules/publishing/index.ts';

let t: TestContext;
let county: Agency;
let town: Agency;
let editor: { id: string; username: string };
let admin: Client;
const reviewers: Record<string, Client> = {};
const ids: Record<string, string> = {};
const xlsxName = '2025年第一季度低保名单.xlsx';

async function publish(key: string, input: Partial<PublishedItemInput> & { columnSlug: string; title: string }) {
  const r = await createPublishedItem(t.ctx, { agencyId: town.id, createdBy: editor.id, bodyHtml: '<p>正文。</p>', ...input });
  ids[key] = r.documentId;
  return r;
}

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

async function lock(id: string): Promise<number> {
  return ((await admin.get(`/api/documents/${id}`)).json() as { document: { lockVersion: number } }).document.lockVersion;
}

/** Parses XML strictly (well-formedness), returning the element names and the text of `pick` elements. */
function parseXml(xml: string, pick: string): { elements: string[]; texts: string[]; attrs: Record<string, string>[] } {
  const parser = new SaxesParser();
  const elements: string[] = [];
  const texts: string[] = [];
  const attrs: Record<string, string>[] = [];
  let inside = false;
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    elements.push(tag.name);
    attrs.push(Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k, String(v)])));
    if (tag.name === pick) {
      inside = true;
      texts.push('');
    }
  });
  parser.on('text', (text) => {
    if (inside) texts[texts.length - 1] += text;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === pick) inside = false;
  });
  parser.write(xml).close();
  return { elements, texts, attrs };
}

/** Elements and attributes in an HTML page that could run script (parsed like a browser would). */
function activeMarkup(page: string): string[] {
  const found: string[] = [];
  const parser = new Parser({
    onopentag(name, attrs) {
      if (['script', 'iframe', 'object', 'embed'].includes(name)) found.push(name);
      for (const [k, v] of Object.entries(attrs)) {
        if (k.startsWith('on')) found.push(`${name}[${k}]`);
        if ((k === 'href' || k === 'src') && /^\s*javascript:/i.test(v)) found.push(`${name}[${k}=${v}]`);
        if (name === 'img' && k === 'src' && v === 'x') found.push('img[src=x]');
      }
    },
  });
  parser.write(page);
  parser.end();
  return found;
}

beforeAll(async () => {
  t = await createTestContext();
  county = await createAgency(t.ctx.db, systemActor, {
    code: 'TESTCOUNTY0000001',
    slug: 'wushan',
    name: '巫山县人民政府',
    kind: 'county',
    settings: { sponsor: '巫山县人民政府办公室', siteCode: '5002370001', icp: '渝ICP备00000001号', psb: '渝公网安备 50023702000001号', phone: '023-57600000' },
  });
  town = await createAgency(t.ctx.db, systemActor, {
    code: 'TESTTOWN00000001',
    slug: 'quchi',
    name: '巫山县曲尺乡人民政府',
    kind: 'township',
    parentId: county.id,
    settings: { sponsor: '巫山县曲尺乡人民政府', address: '曲尺乡政府大楼', phone: '023-57000000', officeHours: '工作日 9:00–17:00' },
  });
  await createAgency(t.ctx.db, systemActor, { code: 'TESTDEPT00000001', slug: 'czj', name: '巫山县财政局', kind: 'department', parentId: county.id });
  editor = await buildUser(t.ctx, { agency: town, roles: ['admin', 'drafter'] });
  admin = await login(t.app, editor.username, testPassword);
  for (const step of ['first', 'privacy', 'second', 'final']) {
    const u = await buildUser(t.ctx, { agency: town, roles: ['reviewer'], steps: [step] });
    reviewers[step] = await login(t.app, u.username, testPassword);
  }

  await publish('dibao', {
    columnSlug: 'shjz',
    title: '曲尺乡2025年第一季度低保资金发放情况公示',
    bodyHtml: '<p>根据有关规定，现将本季度<strong>最低生活保障</strong>资金发放情况予以公示。</p>',
    docNo: '曲尺府发〔2025〕12号',
    writtenOn: '2025-03-20',
    topic: '社会救助',
    keywords: ['低保', '社会救助'],
    publishedAt: new Date('2025-03-25T02:00:00Z'),
    attachments: [
      { filename: xlsxName, data: await buildXlsx({ 名单: [['村名', '户数'], ['柳坪村', 12]] }) },
      { filename: '说明.pdf', data: buildPdf(['救助对象动态管理']) },
    ],
  });
  await publish('normative', {
    columnSlug: 'gfxwj',
    title: '曲尺乡村规民约管理办法',
    docNo: '曲尺府规〔2024〕1号',
    docType: 'normative',
    validity: 'valid',
    effectiveOn: '2024-05-01',
    writtenOn: '2024-04-20',
    publishedAt: new Date('2024-04-25T02:00:00Z'),
  });
  await publish('xss', {
    columnSlug: 'qtxx',
    title: '<img src=x onerror=alert(1)>关于"引号"与<script>的公告',
    bodyHtml: '<p>安全</p><script>alert(1)</script><a href="javascript:alert(2)">点我</a><img src="x" onerror="alert(3)"><p onclick="alert(4)">段落</p>',
    publishedAt: new Date('2025-01-10T02:00:00Z'),
  });
  // 23 items in 财政预决算: three in 2024 (one at 2024-12-31 23:00 China time), the rest in 2025.
  for (let i = 1; i <= 23; i++) {
    const publishedAt = i <= 2 ? new Date(Date.UTC(2024, 5, i, 2)) : i === 3 ? new Date('2024-12-31T15:00:00Z') : new Date(Date.UTC(2025, 0, i, 2));
    await publish(`budget${i}`, {
      columnSlug: 'czyjs',
      title: `财政预算公开事项第${i}号`,
      topic: i % 2 ? '财政' : '预算',
      publishedAt,
      notify: false,
    });
  }
  await publish('withdrawn', {
    columnSlug: 'shjz',
    title: '已撤回的救助名单公示',
    publishedAt: new Date('2025-04-01T02:00:00Z'),
    attachments: [{ filename: '撤回名单.pdf', data: buildPdf(['名单']) }],
  });
  const w = await admin.post(`/api/documents/${ids.withdrawn}/withdraw`, { lockVersion: await lock(ids.withdrawn!), reason: '名单信息有误，正在重新核实' });
  expect(w.statusCode, w.body).toBe(200);

  // A correction: version 2 replaces version 1 with a change note.
  await publish('corrected', { columnSlug: 'xzxk', title: '行政许可办理结果公示', bodyHtml: '<p>第一版正文</p>', publishedAt: new Date('2025-02-01T02:00:00Z') });
  const id = ids.corrected!;
  expect((await admin.post(`/api/documents/${id}/correct`, { lockVersion: await lock(id), comment: '更正' })).statusCode).toBe(200);
  expect((await admin.patch(`/api/documents/${id}`, { lockVersion: await lock(id), bodyHtml: '<p>第二版正文</p>' })).statusCode).toBe(200);
  const sub = await admin.post(`/api/documents/${id}/submit`, { lockVersion: await lock(id), changeNote: '更正许可证编号' });
  expect(sub.statusCode, sub.body).toBe(200);
  for (const [i, step] of ['first', 'privacy', 'second', 'final'].entries()) {
    const res = await reviewers[step]!.post(`/api/documents/${id}/approve`, { lockVersion: await lock(id), checklist: town.reviewChain[i]!.checklist });
    expect(res.statusCode, `${step}: ${res.body}`).toBe(200);
  }
}, 240_000);
afterAll(() => t.close());

describe('home page', () => {
  it('lists the agencies (county first, then its departments and townships) and the latest items, with footer and meta tags', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const body = res.body;
    expect(body).toContain('<html lang="zh-CN">');
    expect(body).toContain('<a class="skip-link" href="#main">跳到主要内容</a>');
    expect(body).toMatch(/<main id="main"/);
    expect(body).toContain('<meta name="SiteName" content="巫山县人民政府">');
    expect(body).toContain('<meta name="SiteIDCode" content="5002370001">');
    expect(body).toContain('<meta name="ColumnName" content="首页">');
    expect(body.indexOf('巫山县人民政府</a>')).toBeLessThan(body.indexOf('巫山县财政局'));
    expect(body.indexOf('巫山县财政局')).toBeLessThan(body.indexOf('巫山县曲尺乡人民政府</a>'));
    expect(body).toContain('曲尺乡2025年第一季度低保资金发放情况公示');
    expect(body).not.toContain('已撤回的救助名单公示');
    expect(body).toContain('<form class="search-form search-form-big" role="search" action="/search" method="get">');
    for (const s of ['主办单位：</span>巫山县人民政府办公室', '网站标识码：</span>5002370001', '渝ICP备00000001号', '渝公网安备 50023702000001号', '023-57600000']) expect(body).toContain(s);
    expect(body).toContain('<a href="/" aria-current="page">首页</a>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(body).not.toMatch(/<script/i);
  });
});

describe('agency section and column pages', () => {
  it('shows the four first-level columns with 条例 sub-columns and the agency footer', async () => {
    const res = await get('/gk/quchi/');
    expect(res.statusCode).toBe(200);
    for (const name of ['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报']) expect(res.body).toContain(`<a href="/gk/quchi/${{ 政府信息公开指南: 'zfxxgkzn', 政府信息公开制度: 'zfxxgkzd', 法定主动公开内容: 'fdzdgknr', 政府信息公开年报: 'zfxxgknb' }[name]}/">${name}</a></h2>`);
    expect(res.body).toContain('<a href="/gk/quchi/shjz/">社会救助</a>');
    expect(res.body).toContain('<a href="/gk/quchi/ntsl/">农田水利工程建设运营</a>');
    expect(res.body).toContain('曲尺乡2025年第一季度低保资金发放情况公示');
    expect(res.body).toContain('主办单位：</span>巫山县曲尺乡人民政府');
    expect(res.body).toContain('地址：</span>曲尺乡政府大楼');
    // Site identifiers come from the county when the township has none.
    expect(res.body).toContain('网站标识码：</span>5002370001');
    expect(res.body).toContain('<dt>办公时间</dt><dd>工作日 9:00–17:00</dd>');
    expect((await get('/gk/quchi')).headers.location).toBe('/gk/quchi/');
    const missing = await get('/gk/nowhere/');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('没有找到该单位');
  });

  it('lists a column newest first, 20 per page, with page links, rel=prev/next and the legal basis', async () => {
    const p1 = await get('/gk/quchi/czyjs/');
    expect(p1.statusCode).toBe(200);
    expect(p1.body).toContain('本栏目信息共 <strong>23</strong> 条');
    expect(p1.body).toContain('公开依据：《中华人民共和国政府信息公开条例》第二十条第（七）项');
    expect(p1.body.match(/class="item-title"/g)).toHaveLength(20);
    expect(p1.body.indexOf('第23号')).toBeLessThan(p1.body.indexOf('第22号'));
    expect(p1.body).toContain('<link rel="next" href="/gk/quchi/czyjs/?page=2">');
    expect(p1.body).not.toContain('rel="prev"');
    expect(p1.body).toMatch(/<a href="\/gk\/quchi\/czyjs\/" aria-current="page"><span class="visually-hidden">第<\/span>1/);
    expect(p1.body).toContain('<a href="/gk/quchi/czyjs/" aria-current="page">财政预决算</a>');
    const p2 = await get('/gk/quchi/czyjs/?page=2');
    expect(p2.body.match(/class="item-title"/g)).toHaveLength(3);
    expect(p2.body).toContain('<link rel="prev" href="/gk/quchi/czyjs/">');
    expect(p2.body).toContain('第1号');
    expect((await get('/gk/quchi/czyjs/?page=3')).statusCode).toBe(404);
    expect((await get('/gk/quchi/nope/')).statusCode).toBe(404);
    expect((await get('/gk/quchi/czyjs')).headers.location).toBe('/gk/quchi/czyjs/');
    expect((await get('/gk/quchi/czyjs?page=2')).headers.location).toBe('/gk/quchi/czyjs/?page=2');
  });

  it('filters by year (China time) and topic, keeping the filters in page links', async () => {
    const y2024 = await get('/gk/quchi/czyjs/?year=2024');
    expect(y2024.body).toContain('符合条件的信息共 <strong>3</strong> 条');
    expect(y2024.body).toContain('<option value="2024" selected>2024年</option>');
    const y2025 = await get('/gk/quchi/czyjs/?year=2025');
    expect(y2025.body).toContain('共 <strong>20</strong> 条');
    const topic = await get(`/gk/quchi/czyjs/?topic=${encodeURIComponent('预算')}`);
    expect(topic.body).toContain('共 <strong>11</strong> 条');
    expect(topic.body).toContain('<option value="预算" selected>预算</option>');
    const none = await get('/gk/quchi/czyjs/?year=1999');
    expect(none.body).toContain('没有符合条件的信息');
    // Junk filter values are ignored, never a 500.
    expect((await get('/gk/quchi/czyjs/?year=abc&page=-1&topic=')).statusCode).toBe(200);
  });

  it('includes the children of a first-level column', async () => {
    const res = await get('/gk/quchi/fdzdgknr/');
    expect(res.body).toContain('曲尺乡2025年第一季度低保资金发放情况公示');
    expect(res.body).toContain('<a href="/gk/quchi/shjz/">社会救助</a>');
  });
});

describe('detail page', () => {
  it('shows the metadata table, body, attachments, QR code and print link, with article meta tags', async () => {
    const res = await get(`/info/${ids.dibao}`);
    expect(res.statusCode).toBe(200);
    const b = res.body;
    expect(b).toContain('<h1 id="article-title" class="article-title">曲尺乡2025年第一季度低保资金发放情况公示</h1>');
    for (const [k, v] of [
      ['索引号', 'TESTTOWN00000001/2025-'],
      ['发布机构', '巫山县曲尺乡人民政府'],
      ['成文日期', '2025-03-20'],
      ['发布日期', '2025-03-25'],
      ['文号', '曲尺府发〔2025〕12号'],
      ['主题分类', '社会救助'],
    ]) expect(b).toContain(`<tr><th scope="row">${k}</th><td>${v}`);
    expect(b).toContain('<tr><th scope="row">栏目</th><td><a href="/gk/quchi/shjz/">社会救助</a></td></tr>');
    expect(b).not.toContain('有效性');
    expect(b).toContain('<strong>最低生活保障</strong>');
    expect(b).toContain('<meta name="ArticleTitle" content="曲尺乡2025年第一季度低保资金发放情况公示">');
    expect(b).toContain('<meta name="PubDate" content="2025-03-25 10:00">');
    expect(b).toContain('<meta name="ContentSource" content="巫山县曲尺乡人民政府">');
    expect(b).toContain('<meta name="Keywords" content="低保,社会救助">');
    expect(b).toMatch(/<meta name="Description" content="根据有关规定/);
    expect(b).toContain('<meta name="ColumnName" content="社会救助">');
    expect(b).toContain(`<img src="/info/${ids.dibao}/qr.svg"`);
    expect(b).toContain(`<a href="/info/${ids.dibao}/print">打印本页</a>`);
    expect(b).toMatch(new RegExp(`<a href="/files/[0-9a-f-]{36}/${encodeURIComponent(xlsxName).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" download>${xlsxName}</a> <span class="file-meta">（Excel，\\d+ KB）</span>`));
    expect(b).toMatch(/说明\.pdf<\/a> <span class="file-meta">（PDF，\d+ (KB|B)）<\/span>/);
    expect(b).not.toContain('历史版本');
  });

  it('shows 有效性 for a normative document', async () => {
    const b = (await get(`/info/${ids.normative}`)).body;
    expect(b).toContain('<tr><th scope="row">文件类型</th><td>行政规范性文件</td></tr>');
    expect(b).toContain('<tr><th scope="row">有效性</th><td>有效（2024-05-01起施行）</td></tr>');
  });

  it('serves attachments with the stored type, an RFC 5987 file name and nosniff', async () => {
    const page = (await get(`/info/${ids.dibao}`)).body;
    const href = /href="(\/files\/[0-9a-f-]{36}\/[^"]+\.xlsx)"/.exec(page)![1]!;
    const res = await get(href);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${xlsxName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(xlsxName)}`);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    const again = await get(href, { 'if-none-match': String(res.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect((await get('/files/00000000-0000-0000-0000-000000000000/x.pdf')).statusCode).toBe(404);
    expect((await get('/files/not-a-uuid/x.pdf')).statusCode).toBe(404);
  });

  it('draws a QR code of the absolute page URL (only for a valid Host)', async () => {
    const res = await get(`/info/${ids.dibao}/qr.svg`, { host: 'gk.example.gov.cn' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(parseXml(res.body, 'path').elements[0]).toBe('svg');
    // A different host gives a different code.
    const other = await get(`/info/${ids.dibao}/qr.svg`, { host: 'other.example.gov.cn' });
    expect(other.body).not.toBe(res.body);
    expect((await get(`/info/${ids.dibao}/qr.svg`, { host: 'evil.com/<x>' })).statusCode).toBe(400);
    expect((await get(`/info/${ids.withdrawn}/qr.svg`)).statusCode).toBe(404);
  });

  it('has a print view without navigation', async () => {
    const res = await get(`/info/${ids.dibao}/print`, { host: 'gk.example.gov.cn' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="zh-CN" class="print-view">');
    expect(res.body).toContain('曲尺乡2025年第一季度低保资金发放情况公示');
    expect(res.body).toContain(`http://gk.example.gov.cn/info/${ids.dibao}`);
    expect(res.body).not.toContain('main-nav');
  });

  it('answers unknown and malformed ids with a 404 page, never a 500', async () => {
    for (const url of ['/info/00000000-0000-0000-0000-000000000000', '/info/not-a-uuid', "/info/1'or'1'='1", `/info/${ids.dibao}/v/99`, `/info/${ids.dibao}/v/abc`, `/info/${ids.dibao}/v/0`, `/info/${ids.dibao}/print?v=x`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
    }
  });

  it('keeps a corrected item’s older version at /v/1, marked as superseded with the change note', async () => {
    const live = await get(`/info/${ids.corrected}`);
    expect(live.body).toContain('第二版正文');
    expect(live.body).toContain('<h2 id="history-title">历史版本</h2>');
    expect(live.body).toContain(`<a href="/info/${ids.corrected}/v/1">第 1 版，2025-02-01 发布</a>`);
    expect(live.body).toContain('已被第 2 版替代');
    expect(live.body).toContain('更正说明：更正许可证编号');
    const old = await get(`/info/${ids.corrected}/v/1`);
    expect(old.statusCode).toBe(200);
    expect(old.body).toContain('第一版正文');
    expect(old.body).toContain('此为历史版本（第 1 版），已被更新版本替代。');
    expect(old.body).toContain('更正说明：更正许可证编号');
    expect(old.body).toContain('<meta name="robots" content="noindex">');
    expect(old.body).toContain(`<a href="/info/${ids.corrected}">查看现行版本</a>`);
  });
});

describe('stored XSS', () => {
  it('escapes titles and keeps bodies inert on every page that shows them', async () => {
    for (const url of [`/info/${ids.xss}`, `/info/${ids.xss}/print`, '/', '/gk/quchi/qtxx/', `/search?q=${encodeURIComponent('公告')}`]) {
      const b = (await get(url)).body;
      // No live markup from the item: escaped text (&lt;script&gt;) is fine, tags and handlers are not.
      expect(activeMarkup(b), url).toEqual([]);
    }
    expect(activeMarkup('<p>x</p><img src=x onerror=alert(1)><a href=" javascript:x">y</a>')).toEqual(['img[src=x]', 'img[onerror]', 'a[href= javascript:x]']);
    const b = (await get(`/info/${ids.xss}`)).body;
    expect(b).toContain('&lt;img src=x onerror=alert(1)&gt;关于&quot;引号&quot;与&lt;script&gt;的公告');
    expect(b).toContain('<meta name="ArticleTitle" content="&lt;img src=x onerror=alert(1)&gt;关于&quot;引号&quot;与&lt;script&gt;的公告">');
    const search = (await get(`/search?q=${encodeURIComponent('<script>alert(1)</script>')}`)).body;
    expect(search).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(search).not.toContain('<script>');
  });
});

describe('withdrawn items', () => {
  it('answer 410 with the withdrawal notice, and their files are gone', async () => {
    const res = await get(`/info/${ids.withdrawn}`);
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('该信息已撤回');
    expect(res.body).toContain('<tr><th scope="row">信息名称</th><td>已撤回的救助名单公示</td></tr>');
    expect(res.body).toMatch(/<tr><th scope="row">撤回日期<\/th><td>\d{4}-\d{2}-\d{2}<\/td><\/tr>/);
    expect(res.body).toContain('<tr><th scope="row">撤回原因</th><td>名单信息有误，正在重新核实</td></tr>');
    expect((await get(`/info/${ids.withdrawn}/v/1`)).statusCode).toBe(410);
    expect((await get(`/info/${ids.withdrawn}/print`)).statusCode).toBe(410);
    expect((await get('/gk/quchi/shjz/')).body).not.toContain('已撤回的救助名单公示');
    const api = await get(`/api/public/items/${ids.withdrawn}`);
    expect(api.statusCode).toBe(410);
    expect(api.json()).toMatchObject({ code: 'GONE', message: '该信息已撤回', notice: { title: '已撤回的救助名单公示', reason: '名单信息有误，正在重新核实' } });
    const att = (await admin.get(`/api/documents/${ids.withdrawn}`)).json() as { attachments: { id: string }[] };
    expect((await get(`/files/${att.attachments[0]!.id}/x.pdf`)).statusCode).toBe(404);
  });
});

describe('适老化 mode', () => {
  it('sets a cookie and goes back to a local page; the pages then use large type, cached separately', async () => {
    const plain = await get('/gk/quchi/');
    expect(plain.body).toContain('<html lang="zh-CN">');
    expect(plain.body).toContain('<a href="/elder?on=1&amp;back=%2Fgk%2Fquchi%2F">适老化模式（大字体）</a>');
    const on = await get('/elder?on=1&back=%2Fgk%2Fquchi%2F');
    expect(on.statusCode).toBe(303);
    expect(on.headers.location).toBe('/gk/quchi/');
    const cookie = on.cookies.find((c) => c.name === 'gk_elder')!;
    expect(cookie).toMatchObject({ value: '1', path: '/', httpOnly: true, sameSite: 'Lax' });
    const elder = await get('/gk/quchi/', { cookie: 'gk_elder=1' });
    expect(elder.body).toContain('<html lang="zh-CN" class="elder">');
    expect(elder.body).toContain('退出适老化模式');
    expect(elder.headers.etag).not.toBe(plain.headers.etag);
    expect((await get('/gk/quchi/')).body).toContain('<html lang="zh-CN">');
    const off = await get('/elder?on=0&back=/', { cookie: 'gk_elder=1' });
    expect(off.headers.location).toBe('/');
    expect(off.cookies.find((c) => c.name === 'gk_elder')?.value).toBe('');
  });

  it('never redirects off the site', async () => {
    for (const back of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', '/\t/evil.example', '/\n/evil.example', ' //evil.example', '\\\\evil.example', '/.//evil.example', '/a/..//evil.example']) {
      const res = await get(`/elder?on=1&back=${encodeURIComponent(back)}`);
      expect(res.statusCode, back).toBe(303);
      expect(res.headers.location, back).toBe('/');
    }
    // Whatever comes back resolves on this site.
    for (const back of ['/%2F%2Fevil.example', '/%09/evil.example', '/a/../../b']) {
      const location = String((await get(`/elder?on=1&back=${encodeURIComponent(back)}`)).headers.location);
      expect(new URL(location, 'http://portal.test').origin, back).toBe('http://portal.test');
      expect(location, back).toMatch(/^\/(?![/\\])/);
    }
  });
});

describe('page cache', () => {
  it('answers 304 to a matching If-None-Match, serves HEAD, and drops pages when something is published', async () => {
    const first = await get('/');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers.vary).toBe('Cookie');
    expect((await get('/', { 'if-none-match': etag })).statusCode).toBe(304);
    const head = await t.app.inject({ method: 'HEAD', url: '/' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    await publish('fresh', { columnSlug: 'shjz', title: '刚刚发布的救助通知' });
    const after = await get('/', { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('刚刚发布的救助通知');
  });
});

describe('search page', () => {
  it('shows counts, highlighted hits and keeps the filters', async () => {
    const res = await get(`/search?q=${encodeURIComponent('低保')}&agency=quchi&column=fdzdgknr&year=2025`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatch(/找到 <strong>\d+ 条<\/strong>与“低保”相关的信息/);
    expect(res.body).toContain('<mark>低保</mark>');
    expect(res.body).toContain('<option value="quchi" selected>巫山县曲尺乡人民政府</option>');
    expect(res.body).toContain('<option value="fdzdgknr" selected>法定主动公开内容</option>');
    expect(res.body).toContain('<option value="2025" selected>2025年</option>');
    expect(res.body).toContain('<label for="search-q">关键词</label>');
    const exact = await get(`/search?q=${encodeURIComponent('曲尺府发[2025]12号')}`);
    expect(exact.body).toContain('文号/索引号匹配');
  });

  it('finds a word only present in an attachment', async () => {
    const res = await get(`/search?q=${encodeURIComponent('柳坪')}`);
    expect(res.body).toContain('曲尺乡2025年第一季度低保资金发放情况公示');
    expect(res.body).toContain('<span class="badge">附件</span>');
  });

  it('explains empty, too long and impossible queries', async () => {
    expect((await get('/search')).body).not.toContain('notice');
    expect((await get('/search?q=')).body).toContain('请输入要搜索的关键词。');
    expect((await get(`/search?q=${'字'.repeat(101)}`)).body).toContain('关键词太长了');
    expect((await get('/search?q=x&agency=nowhere')).body).toContain('没有找到所选单位');
    expect((await get(`/search?q=${encodeURIComponent('不存在的词语组合')}`)).body).toContain('没有找到与“不存在的词语组合”相关的信息');
    expect((await get('/search?q=a&q=b&page=x')).statusCode).toBe(200);
  });
});

describe('feeds, sitemaps and robots.txt', () => {
  it('serves a well-formed Atom feed of the newest items, optionally of one agency', async () => {
    const res = await get('/feed.xml', { host: 'gk.example.gov.cn' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = parseXml(res.body, 'title');
    expect(feed.elements[0]).toBe('feed');
    expect(feed.texts).toContain('曲尺乡2025年第一季度低保资金发放情况公示');
    expect(feed.texts).not.toContain('已撤回的救助名单公示');
    expect(feed.attrs.some((a) => a.href === `http://gk.example.gov.cn/info/${ids.dibao}`)).toBe(true);
    const town = parseXml((await get('/feed.xml?agency=quchi')).body, 'entry');
    expect(town.elements.filter((e) => e === 'entry').length).toBeGreaterThan(0);
    expect((await get('/feed.xml?agency=nowhere')).statusCode).toBe(404);
  });

  it('serves a sitemap index, a sitemap of sections and columns, and one of items', async () => {
    const index = parseXml((await get('/sitemap.xml', { host: 'gk.example.gov.cn' })).body, 'loc');
    expect(index.elements[0]).toBe('sitemapindex');
    expect(index.texts).toEqual(['http://gk.example.gov.cn/sitemap-pages.xml', 'http://gk.example.gov.cn/sitemap-items-1.xml']);
    const pages = parseXml((await get('/sitemap-pages.xml', { host: 'gk.example.gov.cn' })).body, 'loc');
    expect(pages.texts).toContain('http://gk.example.gov.cn/');
    expect(pages.texts).toContain('http://gk.example.gov.cn/gk/quchi/');
    expect(pages.texts).toContain('http://gk.example.gov.cn/gk/quchi/czyjs/');
    const items = parseXml((await get('/sitemap-items-1.xml', { host: 'gk.example.gov.cn' })).body, 'loc');
    expect(items.elements[0]).toBe('urlset');
    expect(items.texts).toContain(`http://gk.example.gov.cn/info/${ids.dibao}`);
    expect(items.texts).not.toContain(`http://gk.example.gov.cn/info/${ids.withdrawn}`);
    expect((await get('/sitemap-items-2.xml')).statusCode).toBe(404);
  });

  it('serves robots.txt pointing at the sitemap', async () => {
    const res = await get('/robots.txt', { host: 'gk.example.gov.cn' });
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body).toContain('Disallow: /admin/');
    expect(res.body).toContain('Sitemap: http://gk.example.gov.cn/sitemap.xml');
  });
});

describe('static assets', () => {
  it('serves the stylesheet with a year-long immutable cache, ETag, HEAD and 304', async () => {
    const home = (await get('/')).body;
    const href = /<link rel="stylesheet" href="(\/assets\/portal\.css\?v=[0-9a-f]{10})">/.exec(home)![1]!;
    const res = await get(href);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body).toContain('html.elder');
    const head = await t.app.inject({ method: 'HEAD', url: '/assets/portal.css' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(head.headers.etag).toBe(res.headers.etag);
    expect(head.body).toBe('');
    expect((await get('/assets/portal.css', { 'if-none-match': String(res.headers.etag) })).statusCode).toBe(304);
    expect((await get('/assets/nope.css')).statusCode).toBe(404);
    expect((await get('/assets/..%2Fportal.routes.ts')).statusCode).toBe(404);
  });
});
