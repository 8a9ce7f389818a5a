/**
 * 依申请公开 end to end in headless Chromium: a citizen on a phone (no JavaScript) applies online
 * with a photo of the ID card and keeps the tracking number and query code; the handler, in the
 * admin console on a desktop, sees the identity document and asks for a correction (补正) with
 * items; the citizen sees the items on the portal and submits the correction; the handler accepts
 * and replies 部分公开 (through 审批 when the agency requires it), which generates the letter; the
 * citizen looks the request up, sees 部分公开 and downloads the letter PDF, whose text names the
 * tracking number and the outcome. Screenshots: /tmp/gk-render/request-*.png.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildPng } from '../test/fixtures.ts';
import { pdfText } from '../test/support/pdf.ts';
import { hasBrowser } from './support/browser.ts';
import type { RunningServer } from './support/server.ts';
import { signInToConsole, startServerAndBrowser, stopServerAndBrowser } from './support/journey.ts';

const password = 'E2e-Passw0rd!x';
const adminPassword = 'Admin-Passw0rd!x';
const idNumber = '11010519491231002X';
const shots = '/tmp/gk-render';

/** Runs one action of the request page through its modal. */
async function runAction(page: Page, action: string, fill: () => Promise<void> = async () => {}) {
  await page.getByTestId(`request-action-${action}`).click();
  await page.getByTestId(`action-form-${action}`).waitFor();
  await fill();
  await page.getByTestId('action-ok').click();
  await page.getByTestId(`action-form-${action}`).waitFor({ state: 'detached' });
}

async function lookUp(page: Page, base: string, trackingNo: string, queryCode: string) {
  await page.goto(`${base}/gk/quchi/ysqgk/status`);
  await page.getByLabel('受理编号').fill(trackingNo);
  await page.getByLabel('查询码').fill(queryCode);
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await page.locator('.meta-table').waitFor();
}

describe.runIf(hasBrowser)('request correction journey (headless Chromium: citizen on a phone, staff on a desktop)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    ({ server, browser } = await startServerAndBrowser({
      adminPassword,
      setup: [['user', 'add', 'wang.handler', '--name', '王承办', '--agency', 'quchi', '--roles', 'handler', '--password', password]],
    }));
  }, 240_000);

  afterAll(() => stopServerAndBrowser(server, browser));

  it('applies with an ID photo, corrects online, and receives a partial disclosure with its letter', async () => {
    const citizenCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, javaScriptEnabled: false, acceptDownloads: true });
    const citizen = await citizenCtx.newPage();
    const staffCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const staff = await staffCtx.newPage();

    // ---- the citizen applies, with a photo of the ID card
    await citizen.goto(`${server.url}/gk/quchi/ysqgk/apply`);
    await citizen.getByLabel('申请人类型 *').selectOption({ label: '自然人' });
    await citizen.getByLabel('姓名 / 名称').fill('张三');
    await citizen.getByLabel('证件类型').selectOption({ label: '居民身份证' });
    await citizen.getByLabel('证件号码').fill(idNumber);
    await citizen.getByLabel('联系电话').fill('13812345678');
    await citizen.getByLabel('通信地址').fill('重庆市巫山县曲尺乡某村');
    await citizen.locator('#f-identity').setInputFiles({ name: '身份证正面.png', mimeType: 'image/png', buffer: buildPng(60, 40) });
    await citizen.locator('#f-description').fill('曲尺乡2025年各村道路硬化工程的资金安排');
    await citizen.getByLabel('获取信息的形式 *').selectOption({ label: '纸质文本' });
    await citizen.getByLabel('获取信息的方式 *').selectOption({ label: '邮寄' });
    await citizen.getByLabel('本人承诺所填信息真实有效 *').check();
    await citizen.screenshot({ path: `${shots}/request-apply.png`, fullPage: true });
    await citizen.getByRole('button', { name: '提交申请' }).click();
    await citizen.getByRole('heading', { name: '申请已提交' }).waitFor();
    const trackingNo = await citizen.locator('.tracking-no').innerText();
    const queryCode = await citizen.locator('.query-code').innerText();
    expect(trackingNo).toMatch(/^\d{4}-\d+$/);
    await citizen.screenshot({ path: `${shots}/request-receipt.png`, fullPage: true });

    // ---- the handler finds it in the console, sees the identity document, asks for a correction
    await signInToConsole(staff, server.url, 'wang.handler', password);
    await staff.goto(`${server.url}/admin/requests`);
    await staff.locator(`[data-tracking-no="${trackingNo}"]`).getByTestId('request-link').click();
    await staff.getByTestId('request-detail').waitFor();
    const intake = staff.getByTestId('request-intake-files');
    await intake.waitFor();
    expect(await intake.innerText()).toContain('身份证正面.png');
    expect(await intake.locator('[data-kind="identity"]').count()).toBe(1);
    await runAction(staff, 'askCorrection', async () => {
      await staff.getByTestId('action-items').fill('请写明所需资金安排的具体村名和年份范围');
    });
    await staff.locator('[data-testid="request-detail"][data-state="correction_pending"]').waitFor();
    await staff.screenshot({ path: `${shots}/request-staff-correction.png`, fullPage: true });

    // ---- the citizen sees the items and corrects online
    await lookUp(citizen, server.url, trackingNo, queryCode);
    const pending = await citizen.locator('main').innerText();
    expect(pending).toContain('需要补正');
    expect(pending).toContain('请写明所需资金安排的具体村名和年份范围');
    await citizen.screenshot({ path: `${shots}/request-correction-form.png`, fullPage: true });
    await citizen.getByLabel('补正内容').fill('所需信息为曲尺乡朝阳村、柳坪村2025年1月至6月道路硬化工程的资金安排');
    await citizen.getByRole('button', { name: '提交补正' }).click();
    await citizen.getByText('补正已于').waitFor();
    expect(await citizen.locator('main').innerText()).toContain('答复期限自收到补正之日起重新计算');
    await citizen.screenshot({ path: `${shots}/request-correction-done.png`, fullPage: true });

    // ---- the handler accepts and replies 部分公开 (through 审批 when the agency requires it)
    await staff.reload();
    await staff.locator('[data-testid="request-detail"][data-state="reviewing"]').waitFor();
    expect(await staff.getByTestId('request-events').innerText()).toContain('朝阳村');
    await runAction(staff, 'accept');
    await staff.locator('[data-testid="request-detail"][data-state="handling"]').waitFor();
    const pickPartial = async () => {
      await staff.getByTestId('action-outcome').click();
      await staff.keyboard.type('部分公开');
      await staff.locator('.ant-select-item-option').filter({ hasText: /^部分公开$/ }).click();
      await staff.getByTestId('action-note').fill('涉及第三方个人信息的部分已作区分处理（条例第三十七条）。');
    };
    if (await staff.getByTestId('request-action-reply').count()) {
      await runAction(staff, 'reply', pickPartial);
    } else {
      // 审批: the handler submits, an approver (here the platform administrator) approves.
      await runAction(staff, 'submitForApproval', pickPartial);
      const approverCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const approver = await approverCtx.newPage();
      await signInToConsole(approver, server.url, 'admin', adminPassword);
      await approver.goto(staff.url());
      await runAction(approver, 'approve');
      await approverCtx.close();
      await staff.reload();
    }
    await staff.locator('[data-testid="request-detail"][data-state="replied"]').waitFor();
    expect(await staff.getByTestId('request-outcome').getAttribute('data-outcome')).toBe('partial');
    await staff.screenshot({ path: `${shots}/request-staff-replied.png`, fullPage: true });

    // ---- the citizen sees 部分公开 and downloads the letter
    await lookUp(citizen, server.url, trackingNo, queryCode);
    const main = await citizen.locator('main').innerText();
    expect(main).toContain(trackingNo);
    expect(main).toContain('部分公开');
    expect(await citizen.content()).not.toContain(idNumber);
    expect(await citizen.content()).not.toContain('身份证正面.png');
    await citizen.screenshot({ path: `${shots}/request-outcome.png`, fullPage: true });
    const [download] = await Promise.all([citizen.waitForEvent('download'), citizen.getByRole('button', { name: /答复告知书/ }).click()]);
    const pdf = fs.readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain(trackingNo);
    expect(text).toContain('部分公开');

    await citizenCtx.close();
    await staffCtx.close();
  }, 240_000);
});
