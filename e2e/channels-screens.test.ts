/**
 * The offline channels of issue 6 in a real browser at 1920×1080, on a fresh installation's demo
 * items of 曲尺乡: the electronic screen shows one item in large type and moves on to the next by
 * itself (meta refresh; `?seconds=5`, the shortest interval the page allows), and the HTML
 * bulletin-board notice printed to PDF by Chromium is A4 with its QR codes. Screenshots for
 * people to look at: /tmp/gk-render/screen.png and /tmp/gk-render/bulletin-print.png.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasBrowser } from './support/browser.ts';
import type { RunningServer } from './support/server.ts';
import { startServerAndBrowser, stopServerAndBrowser } from './support/journey.ts';
import { pdftoppmPath, rasterToolsAvailable } from '../test/support/raster.ts';
import { openPdf } from '../src/lib/pdf.ts';

const out = '/tmp/gk-render';
/** The little of the browser's globals used inside evaluate (the e2e tsconfig has no DOM lib). */
type BrowserGlobals = { getComputedStyle(el: unknown): { fontSize: string } };

describe.runIf(hasBrowser)('channels: electronic screen and printed bulletin board (headless Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({ adminPassword: 'Admin-Passw0rd!x' }));
    fs.mkdirSync(out, { recursive: true });
  }, 240_000);

  afterAll(() => stopServerAndBrowser(server, browser));

  it('shows one item in large type and rotates to the next without interaction', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/gk/quchi/screen?seconds=5`);
    const title = page.locator('h1');
    const firstTitle = (await title.textContent())!.trim();
    expect(firstTitle.length).toBeGreaterThan(4);
    expect(await page.locator('.screen-pos').textContent()).toMatch(/^1 \/ \d+$/);
    const fontSize = await title.evaluate((el) => parseFloat((globalThis as unknown as BrowserGlobals).getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(40);
    // The QR code image loaded (the screen is read from a distance; the phone scans).
    expect(await page.locator('.screen-qr img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(out, 'screen.png') });
    // Nothing is clicked: the meta refresh moves to offset 1 after 5 s.
    await page.waitForURL(/offset=1/, { timeout: 15_000 });
    await expect.poll(async () => (await page.locator('.screen-pos').textContent())?.trim(), { timeout: 10_000 }).toMatch(/^2 \/ \d+$/);
    expect((await title.textContent())!.trim()).not.toBe(firstTitle);
    await context.close();
  }, 60_000);

  it('prints the bulletin-board notice from the browser as A4 pages with QR codes', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/gk/quchi/board`);
    await page.waitForLoadState('load');
    const qrs = page.locator('.board-qr img');
    expect(await qrs.count()).toBeGreaterThan(0);
    expect(await qrs.first().evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    expect(await page.locator('a[href^="/gk/quchi/board.pdf"]').count()).toBe(1);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await context.close();
    const doc = await openPdf(new Uint8Array(pdf));
    try {
      const view = (await doc.getPage(1)).view;
      expect(view.slice(2).map((n) => Math.round(n))).toEqual([595, 842]);
      const text = (await (await doc.getPage(1)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join('');
      expect(text.replace(/\s+/g, '')).toContain('政务公开栏');
      // The "how to print" hint is for the screen only.
      expect(text).not.toContain('使用浏览器的');
    } finally {
      await doc.destroy();
    }
    if (!rasterToolsAvailable()) return;
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-print-'));
    try {
      fs.writeFileSync(path.join(work, 'board.pdf'), pdf);
      await promisify(execFile)(pdftoppmPath!, ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', path.join(work, 'board.pdf'), path.join(out, 'bulletin-print')]);
      expect(fs.statSync(path.join(out, 'bulletin-print.png')).size).toBeGreaterThan(10_000);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);
});
