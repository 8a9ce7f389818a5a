/**
 * A citizen on a phone applies for information on the portal (no account, no JavaScript needed),
 * keeps the tracking number and query code, and follows the status; the handler accepts and
 * replies through the staff API. The applicant's ID number never appears on a public page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasBrowser } from './support/browser.ts';
import type { RunningServer } from './support/server.ts';
import { staffApi, startServerAndBrowser, stopServerAndBrowser } from './support/journey.ts';

const password = 'E2e-Passw0rd!x';
const idNumber = '11010519491231002X';

describe.runIf(hasBrowser)('request journey (headless Chromium, phone viewport)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({
      adminPassword: 'Admin-Passw0rd!x',
      setup: [['user', 'add', 'wang.handler', '--name', '王承办', '--agency', 'quchi', '--roles', 'handler', '--password', password]],
    }));
  }, 240_000);

  afterAll(() => stopServerAndBrowser(server, browser));

  it('applies, follows the status, and sees the reply', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/gk/quchi/ysqgk/apply`);
    await page.getByLabel('申请人类型 *').selectOption({ label: '自然人' });
    await page.getByLabel('姓名 / 名称').fill('张三');
    await page.getByLabel('证件类型').selectOption({ label: '居民身份证' });
    await page.getByLabel('证件号码').fill(idNumber);
    await page.getByLabel('联系电话').fill('13812345678');
    await page.getByLabel('通信地址').fill('重庆市巫山县曲尺乡某村');
    await page.locator('#f-description').fill('2025年曲尺乡低保资金发放汇总情况');
    await page.getByLabel('获取信息的形式 *').selectOption({ label: '纸质文本' });
    await page.getByLabel('获取信息的方式 *').selectOption({ label: '邮寄' });
    await page.getByLabel('本人承诺所填信息真实有效 *').check();
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { name: '申请已提交' }).waitFor();
    const trackingNo = await page.locator('.tracking-no').innerText();
    const queryCode = await page.locator('.query-code').innerText();
    expect(trackingNo).toMatch(/\d{4}-\d+/);

    // The handler accepts and grants it.
    const staff = await staffApi(server.url, 'wang.handler', password);
    const list = await staff('GET', '/api/requests');
    const item = (list.json.items as Array<{ id: string; trackingNo: string }>).find((r) => r.trackingNo === trackingNo)!;
    let detail = await staff('GET', `/api/requests/${item.id}`);
    let lock = (detail.json.request as { lockVersion: number }).lockVersion;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const accept = await staff('POST', `/api/requests/${item.id}/accept`, { lockVersion: lock, on: today });
    expect(accept.status, JSON.stringify(accept.json)).toBe(200);
    detail = await staff('GET', `/api/requests/${item.id}`);
    lock = (detail.json.request as { lockVersion: number }).lockVersion;
    const reply = await staff('POST', `/api/requests/${item.id}/reply`, { lockVersion: lock, outcome: 'granted', on: today });
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);

    await page.goto(`${server.url}/gk/quchi/ysqgk/status`);
    await page.getByLabel('受理编号').fill(trackingNo);
    await page.getByLabel('查询码').fill(queryCode);
    await page.getByRole('button', { name: '查询' }).click();
    const main = await page.locator('main').innerText();
    expect(main).toContain(trackingNo);
    expect(main).toContain('予以公开');
    expect(await page.content()).not.toContain(idNumber);
    await context.close();
  });
});
