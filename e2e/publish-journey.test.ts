/**
 * The journey of issue 2 in a real browser: a drafter creates an item with an XLSX attachment,
 * three reviewers approve it (one of them holds both 初审 and 隐私信息专项审查), it appears on the
 * portal, and a 2-character word that occurs only in the attachment finds it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildXlsx } from '../test/fixtures.ts';
import { hasBrowser } from './support/browser.ts';
import type { RunningServer } from './support/server.ts';
import { signInToConsole, startServerAndBrowser, stopServerAndBrowser, userAdder, saveNewDraft } from './support/journey.ts';

const password = 'E2e-Passw0rd!x';
// 榨菜 (a Chongqing speciality) appears in no demo item: only the attachment contains it.
const secretWord = '榨菜';
const title = '曲尺乡2025年特色产业扶持资金预算公开';

describe.runIf(hasBrowser)('publish journey (headless Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let xlsxPath: string;

  beforeAll(async () => {
    const add = userAdder(password);
    ({ server, browser } = await startServerAndBrowser({
      adminPassword: 'Admin-Passw0rd!x',
      setup: [
        add('zhang.drafter', '张起草', 'drafter'),
        add('li.first', '李初审', 'reviewer', 'first,privacy'),
        add('wang.second', '王复审', 'reviewer', 'second'),
        add('zhao.final', '赵终审', 'reviewer', 'final'),
      ],
    }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-e2e-files-'));
    xlsxPath = path.join(dir, '扶持资金预算.xlsx');
    fs.writeFileSync(
      xlsxPath,
      await buildXlsx({ 预算表: [['项目', '金额（万元）'], [`${secretWord}加工补助`, 12.5], ['冷链物流', 8]] }),
    );
  }, 240_000);

  afterAll(() => stopServerAndBrowser(server, browser));

  const signIn = (page: Page, username: string) => signInToConsole(page, server.url, username, password);

  async function approveAs(username: string): Promise<string> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, username);
    await page.goto(`${server.url}/admin/reviews`);
    await page.locator(`[data-testid="inbox-link"][data-title="${title}"]`).click();
    const checklist = page.getByTestId('review-checklist');
    await checklist.waitFor();
    for (const box of await checklist.locator('input[type=checkbox]').all()) await box.check();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/approve') && r.request().method() === 'POST'),
      page.getByTestId('approve').click(),
    ]);
    expect(response.status()).toBe(200);
    const status = ((await response.json()) as { document: { status: string } }).document.status;
    await context.close();
    return status;
  }

  // Several browser sessions (drafter and each review step) on 2 shared cores: above vitest's default per-test limit, as in the privacy journey.
  it('goes from draft to the portal and is found by a word only its attachment holds', { timeout: 240_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'zhang.drafter');
    await page.getByTestId('new-document').click();
    await page.getByTestId('doc-title').fill(title);
    await page.getByTestId('doc-column').click();
    await page.getByTestId('column-option-czyjs').click();
    await page.getByTestId('doc-body').fill('现将曲尺乡2025年特色产业扶持资金预算公开如下，详见附件。');
    await saveNewDraft(page);
    await page.getByTestId('attachments').locator('input[type=file]').setInputFiles(xlsxPath);
    await page.locator('[data-testid="attachment-item"]').waitFor();
    await page.getByTestId('submit-for-review').click();
    await page.getByTestId('confirm-submit').click();
    await page.locator('[data-testid="document-detail"][data-status="in_review"]').waitFor();
    const documentId = /documents\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await context.close();

    // 初审 and 隐私信息专项审查 by the same reviewer, then 复审, then 终审.
    await approveAs('li.first');
    await approveAs('li.first');
    await approveAs('wang.second');
    expect(await approveAs('zhao.final')).toBe('published');

    // The drafter sees it published in the console.
    const drafter = await browser.newContext();
    const dp = await drafter.newPage();
    await signIn(dp, 'zhang.drafter');
    await dp.goto(`${server.url}/admin/documents/${documentId}`);
    await dp.locator('[data-testid="document-detail"][data-status="published"]').waitFor();
    await drafter.close();

    const portal = await browser.newContext();
    const p = await portal.newPage();
    await p.goto(`${server.url}/info/${documentId}`);
    await expect(p.locator('h1').first().innerText()).resolves.toContain(title);
    await expect(p.getByText('扶持资金预算.xlsx').first().isVisible()).resolves.toBe(true);

    await p.goto(`${server.url}/`);
    await p.locator('input[name=q]').first().fill(secretWord);
    await p.locator('input[name=q]').first().press('Enter');
    await p.waitForURL(/\/search\?/);
    const results = p.locator('main');
    await expect(results.innerText()).resolves.toContain(title);
    await portal.close();
  });
});
