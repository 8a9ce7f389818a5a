/**
 * The pre-post training journey in a real browser: the administrator requires training for 曲尺乡;
 * a new drafter sees 待培训 and no drafting menu, opens the manual from a page's "?" link, takes
 * the test (questions carry no answers; the server scores) and, once passed, can draft.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { questionById } from '../src/modules/training/quiz.ts';
import { hasBrowser } from './support/browser.ts';
import type { RunningServer } from './support/server.ts';
import { signInToConsole, startServerAndBrowser, stopServerAndBrowser } from './support/journey.ts';

const password = 'E2e-Passw0rd!x';
const adminPassword = 'Admin-Passw0rd!x';

describe.runIf(hasBrowser)('training journey (headless Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({
      adminPassword,
      setup: [['user', 'add', 'xin.drafter', '--name', '辛起草', '--agency', 'quchi', '--roles', 'drafter', '--password', password]],
    }));
  }, 240_000);

  afterAll(() => stopServerAndBrowser(server, browser));

  const signIn = (page: Page, username: string, pw = password) => signInToConsole(page, server.url, username, pw);

  it('requires, teaches, tests and then grants the drafter role', async () => {
    // The administrator switches the requirement on for 曲尺乡.
    const adminCtx = await browser.newContext();
    const admin = await adminCtx.newPage();
    await signIn(admin, 'admin', adminPassword);
    const agencies = (await (await admin.request.get(`${server.url}/api/agencies`)).json()) as { agencies: Array<{ id: string; slug: string }> };
    const quchi = agencies.agencies.find((a) => a.slug === 'quchi')!;
    await admin.evaluate(`localStorage.setItem('gk.agencyId', ${JSON.stringify(quchi.id)})`);
    await admin.goto(`${server.url}/admin/training/records`);
    const toggle = admin.getByTestId('require-training');
    await toggle.waitFor();
    const [put] = await Promise.all([admin.waitForResponse((r) => r.url().endsWith('/api/training/settings') && r.request().method() === 'PUT'), toggle.click()]);
    expect(put.status()).toBe(200);
    await adminCtx.close();

    // The new drafter waits for training: banner, no 我的稿件 menu.
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await signIn(page, 'xin.drafter');
    await page.goto(`${server.url}/admin/catalog`);
    await expect(page.getByTestId('training-pending').textContent()).resolves.toContain('「起草人」岗位待培训');
    expect(await page.getByTestId('nav-drafts').count()).toBe(0);

    // The "?" on the catalog page opens the manual at the catalog section.
    await page.getByTestId('help-catalog').click();
    const section = page.getByTestId('manual-section');
    await section.waitFor();
    expect(await section.getAttribute('data-topic')).toBe('catalog');
    expect(await section.textContent()).toContain('20 个工作日');

    // The test: questions arrive without answers; the journey answers from the bank.
    await page.goto(`${server.url}/admin/training`);
    const [started] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/courses/drafter/attempts')), page.getByTestId('start-drafter').click()]);
    expect(await started.text()).not.toMatch(/"answer/);
    const questions = ((await started.json()) as { questions: Array<{ id: string }> }).questions;
    for (const { id } of questions) {
      const q = questionById(id);
      const box = page.getByTestId(`question-${id}`);
      for (const i of q.answer) await box.getByText(q.options[i]!, { exact: true }).click();
    }
    await page.getByTestId('submit-test').click();
    const result = page.getByTestId('training-result');
    await result.waitFor();
    expect(await result.getAttribute('data-passed')).toBe('true');

    // Passed: the role is effective, the menu shows drafting, the banner is gone.
    await page.getByTestId('nav-drafts').waitFor();
    await page.goto(`${server.url}/admin/drafts`);
    await page.getByTestId('user-menu').waitFor();
    expect(await page.getByTestId('training-pending').count()).toBe(0);
    await ctx.close();
  }, 180_000);
});
