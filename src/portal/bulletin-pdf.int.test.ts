/**
 * The bulletin-board notice as a server-written A4 PDF (/gk/:agency/board.pdf): its text (through
 * pdf.js), its page size, the QR code seen in the rendered page (pdftoppm, skipped when poppler is
 * missing unless CI), several pages for long bodies, the link from the HTML board and the cache.
 * Runs on PGlite and on PostgreSQL (GONGKAI_TEST_DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context.ts';
import { buildAgency, buildPublishedItem } from '../../test/factories.ts';
import { pdfPages } from '../../test/support/pdf.ts';
import { findQr, rasterToolsAvailable, renderFirstPage } from '../../test/support/raster.ts';
import type { Agency } from '../modules/agencies/index.ts';

let t: TestContext;
let agency: Agency;
let first: { documentId: string; indexNo: string };
const title = '关于2025年耕地地力保护补贴发放情况的公示';
const longBody = Array.from({ length: 40 }, (_, i) => `<p>第${i + 1}段：全乡共核实补贴面积21356.8亩，涉及农户4127户，分村明细见附表，请各户核对本户面积与金额，如有异议请于公示期内向乡农业服务中心反映。</p>`).join('');

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  first = await buildPublishedItem(t.ctx, { agency, title, docNo: '曲乡府发〔2025〕12号', publishedAt: new Date(Date.UTC(2025, 2, 3, 2)), bodyHtml: '<p>根据有关规定，现将补贴发放情况<b>予以公示</b>。</p><p>公示期为七天。</p>' });
  await buildPublishedItem(t.ctx, { agency, title: '长篇公示', publishedAt: new Date(Date.UTC(2025, 2, 1, 2)), bodyHtml: longBody });
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { host: 'gk.example.gov.cn' } });

describe('GET /gk/:agency/board.pdf', () => {
  let pdf: Buffer;

  it('is an A4 PDF with each item title, facts, full body text and URL, over several pages when long', async () => {
    const res = await get(`/gk/${agency.slug}/board.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain('.pdf');
    pdf = res.rawPayload;
    const { pages, sizes } = await pdfPages(pdf);
    for (const s of sizes) expect(s).toEqual([595, 842]);
    expect(pages.length).toBeGreaterThan(1);
    const all = pages.join('');
    expect(pages[0]).toContain(`${agency.name}政务公开栏`);
    expect(pages[0]).toContain(title);
    expect(pages[0]).toContain('发布日期：2025-03-03');
    expect(pages[0]).toContain(`索引号：${first.indexNo}`);
    expect(pages[0]).toContain('文号：曲乡府发〔2025〕12号');
    expect(pages[0]).toContain('根据有关规定，现将补贴发放情况予以公示。');
    expect(pages[0]).toContain(`http://gk.example.gov.cn/info/${first.documentId}`);
    // The long body is there in full, its end on a later page.
    expect(all).toContain('第1段：全乡共核实补贴面积');
    expect(pages.slice(1).join('')).toContain('第40段：');
    expect(pages[0]).toContain(`第1页/共${pages.length}页`);
  });

  it('shows the QR code in the top right of the first item on the rendered page 1', async () => {
    if (!rasterToolsAvailable()) return;
    const page1 = await renderFirstPage(pdf, 'bulletin');
    const qr = findQr(page1);
    expect(qr, 'a QR-like square (dense dark/light modules in every row) on page 1').not.toBeNull();
    expect(qr!.x).toBeGreaterThan(page1.width * 0.6);
    expect(qr!.y).toBeLessThan(page1.height * 0.4);
  });

  it('is linked from the HTML board, follows its column choice, is cached and 404s like the board', async () => {
    const board = await get(`/gk/${agency.slug}/board?columns=qtxx`);
    expect(board.body).toContain(`href="/gk/${agency.slug}/board.pdf?columns=qtxx"`);
    const again = await get(`/gk/${agency.slug}/board.pdf`);
    expect(again.headers.etag).toBeDefined();
    const cached = await t.app.inject({ method: 'GET', url: `/gk/${agency.slug}/board.pdf`, headers: { host: 'gk.example.gov.cn', 'if-none-match': String(again.headers.etag) } });
    expect(cached.statusCode).toBe(304);
    const limited = await get(`/gk/${agency.slug}/board.pdf?limit=1`);
    const { pages } = await pdfPages(limited.rawPayload);
    expect(pages.join('')).toContain(title);
    expect(pages.join('')).not.toContain('长篇公示');
    expect((await get(`/gk/${agency.slug}/board.pdf?columns=nope`)).statusCode).toBe(404);
    expect((await get('/gk/no-such-agency/board.pdf')).statusCode).toBe(404);
  });
});
