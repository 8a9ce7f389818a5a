/**
 * The catalog's timeliness settings in a real browser: an agency admin of the demo township opens
 * 公开目录, gives an item a 公示期 (7 天) and marks it 需要解读 in the item editor — the list shows
 * the new 公开时限 —, then on 更新台账 sets the 时限设置 (解读 3 个工作日, escalation after 4) in the
 * 时限设置 card; the values are stored (the API returns them) and survive a reload. A drafter sees
 * the card read-only. Screenshots in /tmp/gk-render/.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasBrowser } from './support/browser.ts';
import type { RunningServer } from './support/server.ts';
import { signInToConsole, startServerAndBrowser, stopServerAndBrowser } from './support/journey.ts';

const password = 'E2e-Passw0rd!x';
const shots = '/tmp/gk-render';

describe.runIf(hasBrowser)('catalog 公示期, 解读 flag and 时限设置 (headless Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({
      adminPassword: 'Admin-Passw0rd!x',
      setup: [
        ['user', 'add', 'quchi.mulu', '--name', '曲尺目录管理员', '--agency', 'quchi', '--roles', 'admin', '--password', password],
        ['user', 'add', 'quchi.caigao', '--name', '曲尺起草人', '--agency', 'quchi', '--roles', 'drafter', '--password', password],
      ],
    }));
    fs.mkdirSync(shots, { recursive: true });
  }, 240_000);

  afterAll(() => stopServerAndBrowser(server, browser));

  const signIn = (page: Page, username: string) => signInToConsole(page, server.url, username, password);

  it('edits an item’s 公示期 and 解读 flag, then the 时限设置 on the ledger page', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await signIn(page, 'quchi.mulu');
    await page.getByTestId('nav-catalog').click();
    // The catalog has more items than one page: find the item by search, as a person would.
    await page.getByTestId('catalog-search').locator('xpath=descendant-or-self::input').fill('统计数据');
    await page.getByTestId('catalog-search').locator('xpath=descendant-or-self::input').press('Enter');
    const row = page.getByTestId('catalog-row').filter({ hasText: '统计数据' });
    await row.waitFor();
    await row.getByTestId('edit-catalog-item').click();
    const form = page.getByTestId('catalog-item-form');
    await form.waitFor();
    await form.getByTestId('item-notice-days').locator('xpath=descendant-or-self::input').fill('7');
    await form.getByTestId('item-interpretation').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '需要（关联的每条信息都应发布解读）' }).click();
    await page.getByTestId('save-catalog-item').click();
    await expect.poll(async () => row.getByTestId('catalog-time-limit').textContent(), { timeout: 30_000 }).toBe('信息形成或者变更之日起20个工作日内，公示期不少于7天');
    await page.screenshot({ path: `${shots}/catalog-notice-period.png`, animations: 'disabled' });

    await page.getByTestId('open-ledger').click();
    const card = page.getByTestId('catalog-settings');
    await card.waitFor();
    const days = card.getByTestId('settings-interpretation-days').locator('xpath=descendant-or-self::input');
    await expect.poll(async () => days.inputValue(), { timeout: 30_000 }).toBe('5');
    await days.fill('3');
    await card.getByTestId('settings-escalation-days').locator('xpath=descendant-or-self::input').fill('4');
    await card.getByTestId('save-catalog-settings').click();
    await expect.poll(async () => (await card.textContent()) ?? '', { timeout: 30_000 }).toContain('当前设置：政策解读 3 个工作日内');
    // The item's flag shows in the ledger row.
    await page.getByTestId('ledger-search').locator('xpath=descendant-or-self::input').fill('统计数据');
    await page.getByTestId('ledger-search').locator('xpath=descendant-or-self::input').press('Enter');
    const ledgerRow = page.getByTestId('ledger-row').filter({ hasText: '统计数据' });
    await expect.poll(async () => (await ledgerRow.getByTestId('ledger-interpretation-flag').textContent()) ?? '', { timeout: 30_000 }).toBe('需要解读');
    await page.screenshot({ path: `${shots}/catalog-ledger-settings.png`, animations: 'disabled', fullPage: true });

    await page.reload();
    await expect.poll(async () => page.getByTestId('settings-interpretation-days').locator('xpath=descendant-or-self::input').inputValue(), { timeout: 30_000 }).toBe('3');
    const stored = await page.evaluate(async () => {
      const session = (await (await fetch('/api/auth/session')).json()) as { actor: { memberships: Array<{ agencyId: string }> } };
      const agencyId = session.actor.memberships[0]!.agencyId;
      return (await (await fetch(`/api/catalog/settings?agencyId=${agencyId}`)).json()) as { settings?: { interpretationDays: number; escalationWorkingDays: number } };
    });
    expect(stored.settings).toMatchObject({ interpretationDays: 3, escalationWorkingDays: 4 });
    await ctx.close();

    // A drafter reads the settings but cannot change them.
    const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const drafter = await other.newPage();
    await signIn(drafter, 'quchi.caigao');
    await drafter.goto(`${server.url}/admin/catalog/ledger`);
    const readOnly = drafter.getByTestId('catalog-settings');
    await readOnly.waitFor();
    expect(await readOnly.getByTestId('save-catalog-settings').count()).toBe(0);
    expect(await readOnly.getByTestId('settings-interpretation-days').locator('xpath=descendant-or-self::input').isDisabled()).toBe(true);
    await other.close();
  });
});
