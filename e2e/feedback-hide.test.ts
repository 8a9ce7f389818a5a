/**
 * 撤下公开 / 恢复公开 in a real browser: a citizen (no JavaScript) leaves a 留言 under a demo
 * item and agrees to publication; staff answer it in 留言管理 — the drawer says it is on the
 * site —, take it off with a reason (撤下公开…): the item page no longer shows it, the drawer
 * shows the state and the 处理记录 holds the reason; put back (恢复公开…): the page shows it
 * again. Screenshot /tmp/gk-render/feedback-hidden.png.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasBrowser } from './support/browser.ts';
import type { RunningServer } from './support/server.ts';
import { signInToConsole, startServerAndBrowser, stopServerAndBrowser } from './support/journey.ts';

const password = 'E2e-Passw0rd!x';
const shots = '/tmp/gk-render';
const question = `停水期间能否设置临时供水点？${Date.now().toString(36)}`;
const answerText = '施工期间在村委会门口设置临时供水点，每日供水两次。';
const reason = '留言人来电撤回公开同意';

describe.runIf(hasBrowser)('feedback taken off the portal and put back (headless Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({
      adminPassword: 'Admin-Passw0rd!x',
      setup: [['user', 'add', 'quchi.mod', '--name', '曲尺留言审核', '--agency', 'quchi', '--roles', 'admin,drafter', '--password', password]],
    }));
    fs.mkdirSync(shots, { recursive: true });
  }, 240_000);

  afterAll(() => stopServerAndBrowser(server, browser));

  async function visibilityChange(staff: Page, button: string, text: string, path: 'hide' | 'unhide'): Promise<void> {
    const drawer = staff.getByTestId('feedback-drawer');
    await drawer.getByTestId(button).click();
    const ok = staff.getByTestId('feedback-visibility-ok');
    expect(await ok.isDisabled()).toBe(true); // a reason is required
    await staff.getByTestId('feedback-visibility-reason').fill(text);
    const [res] = await Promise.all([staff.waitForResponse((r) => r.url().endsWith(`/${path}`) && r.request().method() === 'POST'), ok.click()]);
    expect(res.status()).toBe(200);
  }

  it('answers, takes off with a reason, shows the state and history, puts back', async () => {
    const section = await (await fetch(`${server.url}/gk/quchi`)).text();
    const itemPath = /href="(\/info\/[0-9a-f-]{36})"/.exec(section)?.[1];
    expect(itemPath, 'the demo township has published items').toBeTruthy();

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, javaScriptEnabled: false });
    const citizen = await phone.newPage();
    await citizen.goto(`${server.url}${itemPath!}`);
    const form = citizen.locator('section.item-feedback form');
    await form.getByLabel('类型 *').selectOption({ label: '留言' });
    await form.getByLabel('内容 *').fill(question);
    await form.getByLabel(/同意在网站上公开/).check();
    await form.getByRole('button', { name: '提交' }).click();
    await citizen.getByRole('heading', { name: '留言已提交' }).waitFor();

    const office = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const staff = await office.newPage();
    await signInToConsole(staff, server.url, 'quchi.mod', password);
    await staff.getByTestId('nav-feedback').click();
    const row = staff.getByTestId('feedback-row').filter({ hasText: question.slice(0, 20) });
    await row.getByTestId('feedback-open').click();
    const drawer = staff.getByTestId('feedback-drawer');
    await drawer.getByTestId('feedback-answer').fill(answerText);
    await Promise.all([staff.waitForResponse((r) => r.url().endsWith('/answer') && r.request().method() === 'POST'), drawer.getByTestId('feedback-answer-submit').click()]);
    await drawer.getByTestId('feedback-hide').waitFor();
    expect(await drawer.getByTestId('feedback-public-state').innerText()).toContain('正在网站公开');
    await citizen.goto(`${server.url}${itemPath!}`);
    expect(await citizen.locator('section.item-answered').innerText()).toContain(answerText);

    // 撤下公开.
    await visibilityChange(staff, 'feedback-hide', reason, 'hide');
    await drawer.getByTestId('feedback-unhide').waitFor();
    expect(await drawer.getByTestId('feedback-public-state').innerText()).toContain('已撤下公开');
    expect(await drawer.getByTestId('feedback-public-state').innerText()).toContain(reason);
    const hideEntry = drawer.locator('[data-testid="feedback-history-item"][data-action="feedback.hide"]');
    await hideEntry.waitFor();
    expect(await hideEntry.innerText()).toContain(reason);
    await staff.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await staff.screenshot({ path: `${shots}/feedback-hidden.png`, animations: 'disabled' });
    await citizen.goto(`${server.url}${itemPath!}`);
    expect(await citizen.content()).not.toContain(answerText);
    expect(await citizen.content()).not.toContain(question);

    // 恢复公开.
    await visibilityChange(staff, 'feedback-unhide', '留言人重新书面同意公开', 'unhide');
    await drawer.getByTestId('feedback-hide').waitFor();
    await drawer.locator('[data-testid="feedback-history-item"][data-action="feedback.unhide"]').waitFor();
    await citizen.goto(`${server.url}${itemPath!}`);
    expect(await citizen.locator('section.item-answered').innerText()).toContain(answerText);
    await phone.close();
    await office.close();
  });
});
