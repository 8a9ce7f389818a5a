/**
 * An item's detail page on a 375 px-wide phone (headless Chromium, touch, 2× pixels), on a fresh
 * installation's demo items of 曲尺乡: nothing overflows sideways, the QR code loads and fits, the
 * share tags are there, 打印公告（A4） leads to a PDF, and printing the page (print media) shows the
 * article without the site chrome and tools. In the console: the 公示期 fields of the editor
 * (client check, saved through the API) and the 打印公告 button of a published item's detail.
 * Screenshot: /tmp/gk-render/detail-phone.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasBrowser } from './support/browser.ts';
import type { RunningServer } from './support/server.ts';
import { signInToConsole, startServerAndBrowser, stopServerAndBrowser } from './support/journey.ts';
import { openPdf } from '../src/lib/pdf.ts';

const out = '/tmp/gk-render';
/** The little of the browser's globals used inside evaluate (the e2e tsconfig has no DOM lib). */
type Doc = { documentElement: { scrollWidth: number; clientWidth: number } };
type Styled = { getComputedStyle(el: unknown): { display: string } };

describe.runIf(hasBrowser)('portal detail page on a 375 px phone (headless Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let item: { id: string; title: string };

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({
      adminPassword: 'Admin-Passw0rd!x',
      setup: [['user', 'add', 'zhou.drafter', '--name', '周起草', '--agency', 'quchi', '--roles', 'drafter', '--password', 'Test-Passw0rd!']],
    }));
    fs.mkdirSync(out, { recursive: true });
    const list = (await (await fetch(`${server.url}/api/public/items?agency=quchi&pageSize=1`)).json()) as { items: { id: string; title: string }[] };
    item = list.items[0]!;
    expect(item).toBeDefined();
  }, 240_000);

  afterAll(() => stopServerAndBrowser(server, browser));

  const phone = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    return context.newPage();
  };
  const overflow = (page: Page) => page.evaluate(() => {
    const d = (globalThis as unknown as { document: Doc }).document.documentElement;
    return d.scrollWidth - d.clientWidth;
  });

  it('fits the width, loads a QR code that fits, carries share tags and links the notice PDF', async () => {
    const page = await phone();
    await page.goto(`${server.url}/info/${item.id}`);
    await page.waitForLoadState('load');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    const qr = page.locator('.qr img');
    expect(await qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    await qr.scrollIntoViewIfNeeded();
    const box = (await qr.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    expect(box.width).toBeGreaterThanOrEqual(120);
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe(item.title);
    expect(await page.locator('meta[property="og:type"]').getAttribute('content')).toBe('article');
    expect(await page.locator('meta[property="og:image"]').getAttribute('content')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/assets\/share-icon\.png$/);
    const link = page.locator('a', { hasText: '打印公告（A4）' });
    await link.scrollIntoViewIfNeeded();
    const linkBox = (await link.boundingBox())!;
    expect(linkBox.x + linkBox.width).toBeLessThanOrEqual(375);
    const pdf = await page.request.get(`${server.url}${await link.getAttribute('href')}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await page.screenshot({ path: path.join(out, 'detail-phone.png'), fullPage: true });
    await page.context().close();
  }, 60_000);

  it('prints the article without the site chrome and tools (print CSS), also from a phone', async () => {
    const page = await phone();
    await page.goto(`${server.url}/info/${item.id}`);
    await page.emulateMedia({ media: 'print' });
    const display = (selector: string) =>
      page.locator(selector).first().evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).display);
    for (const hidden of ['.site-header', '.breadcrumbs', '.site-footer', '.article-tools']) expect(await display(hidden), hidden).toBe('none');
    expect(await display('.article-body')).not.toBe('none');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await page.context().close();
    const doc = await openPdf(new Uint8Array(pdf));
    try {
      const text = (await (await doc.getPage(1)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join('').replace(/\s+/g, '');
      expect(text).toContain(item.title.replace(/\s+/g, ''));
      expect(text).toContain('索引号');
      expect(text).not.toContain('打印公告');
      expect(text).not.toContain('手机扫码阅读');
    } finally {
      await doc.destroy();
    }
    // The print view itself fits the phone too.
    const view = await phone();
    await view.goto(`${server.url}/info/${item.id}/print`);
    expect(await overflow(view)).toBeLessThanOrEqual(0);
    await view.context().close();
  }, 60_000);

  const signIn = (page: Page, username: string, password: string) => signInToConsole(page, server.url, username, password);

  it('console: the editor takes a 公示期 (end ≥ start) and a published item offers 打印公告', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'zhou.drafter', 'Test-Passw0rd!');
    await page.getByTestId('new-document').click();
    await page.getByTestId('doc-title').fill('关于拟享受临时救助对象的公示');
    await page.getByTestId('doc-column').click();
    await page.getByTestId('column-option-czyjs').click();
    const pick = async (testId: string, value: string) => {
      const input = page.getByTestId(testId);
      await input.click();
      await input.fill(value);
      await input.press('Enter');
    };
    await pick('doc-notice-starts-on', '2026-11-20');
    await pick('doc-notice-ends-on', '2026-11-18');
    await page.getByTestId('save-draft').click();
    await page.getByText('公示期结束日期不能早于开始日期').waitFor();
    await pick('doc-notice-ends-on', '2026-11-27');
    await page.getByTestId('save-draft').click();
    await page.waitForURL(/\/admin\/documents\/[0-9a-f-]{36}\/edit/);
    const id = /documents\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const saved = (await (await page.request.get(`${server.url}/api/documents/${id}`)).json()) as { document: { noticeStartsOn: string; noticeEndsOn: string } };
    expect(saved.document).toMatchObject({ noticeStartsOn: '2026-11-20', noticeEndsOn: '2026-11-27' });
    await context.close();

    const admin = await browser.newContext();
    const ap = await admin.newPage();
    await signIn(ap, 'admin', 'Admin-Passw0rd!x');
    await ap.goto(`${server.url}/admin/documents/${item.id}`);
    const button = ap.getByTestId('print-notice');
    await button.waitFor();
    expect(await button.getAttribute('href')).toBe(`/info/${item.id}/notice.pdf`);
    expect(await button.innerText()).toContain('打印公告');
    await admin.close();
  }, 90_000);
});
