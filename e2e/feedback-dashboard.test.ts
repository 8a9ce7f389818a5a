/**
 * Issue 6 in a real browser: a citizen on a phone (no JavaScript) leaves a 留言 under a published
 * item of the demo township and agrees to publication; a staff member finds it in the console's
 * 留言管理, opens it and answers it; the item's page then shows the question and the answer
 * (never the contact); the 数据看板 counts the feedback, a click on a month's bar lists that
 * month's items (the title leads to the document), 导出 Excel downloads a workbook with the
 * dashboard's numbers; the county dashboard (a supervisor) exports too and its counts drill into
 * an agency's dashboard. Screenshots in /tmp/gk-render/ for people to look at.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasBrowser } from './support/browser.ts';
import type { RunningServer } from './support/server.ts';
import { signInToConsole, startServerAndBrowser, stopServerAndBrowser } from './support/journey.ts';

const password = 'E2e-Passw0rd!x';
const shots = '/tmp/gk-render';
const question = `请问村道硬化工程什么时候开工？${Date.now().toString(36)}`;
const answerText = '该工程已完成招标，预计下月中旬开工，届时将在本栏目公告。';
const contact = '13987654321';

describe.runIf(hasBrowser)('feedback answered and the dashboards (headless Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({
      adminPassword: 'Admin-Passw0rd!x',
      setup: [
        ['user', 'add', 'quchi.staff', '--name', '曲尺留言管理员', '--agency', 'quchi', '--roles', 'admin,drafter', '--password', password],
        ['user', 'add', 'xian.jiandu', '--name', '县监督员', '--global', 'supervisor', '--password', password],
      ],
    }));
    fs.mkdirSync(shots, { recursive: true });
  }, 240_000);

  afterAll(() => stopServerAndBrowser(server, browser));

  const signIn = (page: Page, username: string) => signInToConsole(page, server.url, username, password);

  it('leaves a 留言 on a phone, staff answer it, the item page shows the answer, the dashboard counts it', async () => {
    // A published item of the demo township, from its portal section.
    const section = await (await fetch(`${server.url}/gk/quchi`)).text();
    const itemPath = /href="(\/info\/[0-9a-f-]{36})"/.exec(section)?.[1];
    expect(itemPath, 'the demo township has published items').toBeTruthy();

    // 1. The citizen, on a phone without JavaScript.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, javaScriptEnabled: false });
    const citizen = await phone.newPage();
    await citizen.goto(`${server.url}${itemPath!}`);
    const form = citizen.locator('section.item-feedback form');
    await form.getByLabel('类型 *').selectOption({ label: '留言' });
    await form.getByLabel('内容 *').fill(question);
    await form.getByRole('textbox', { name: /^联系方式/ }).fill(contact);
    await form.getByLabel(/同意在网站上公开/).check();
    await form.getByRole('button', { name: '提交' }).click();
    await citizen.getByRole('heading', { name: '留言已提交' }).waitFor();

    // 2. Staff find it in 留言管理 (待答复 by default) and answer it.
    const office = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const staff = await office.newPage();
    await signIn(staff, 'quchi.staff');
    await staff.getByTestId('nav-feedback').click();
    const row = staff.getByTestId('feedback-row').filter({ hasText: question.slice(0, 20) });
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('new');
    await staff.screenshot({ path: `${shots}/feedback-list.png`, animations: 'disabled' });
    await row.getByTestId('feedback-open').click();
    const drawer = staff.getByTestId('feedback-drawer');
    await drawer.getByTestId('feedback-text').waitFor();
    expect(await drawer.innerText()).toContain(contact); // those who answer see how to reach the author
    await drawer.getByTestId('feedback-answer').fill(answerText);
    await staff.screenshot({ path: `${shots}/feedback-answer.png`, animations: 'disabled' });
    const [answered] = await Promise.all([
      staff.waitForResponse((r) => r.url().endsWith('/answer') && r.request().method() === 'POST'),
      drawer.getByTestId('feedback-answer-submit').click(),
    ]);
    expect(answered.status()).toBe(200);
    await drawer.getByTestId('feedback-answer-text').waitFor();
    expect(await drawer.getByTestId('feedback-answer-text').innerText()).toBe(answerText);
    await staff.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // 3. The citizen's item page shows the question and the answer, never the contact.
    await citizen.goto(`${server.url}${itemPath!}`);
    const answeredSection = citizen.locator('section.item-answered');
    await answeredSection.waitFor();
    const shown = await answeredSection.innerText();
    expect(shown).toContain(question);
    expect(shown).toContain(answerText);
    expect(await citizen.content()).not.toContain(contact);
    await phone.close();

    // 4. The staff dashboard counts it: one 留言, answered.
    await staff.getByTestId('nav-dashboard').click();
    await staff.getByTestId('chart-feedback').waitFor();
    const answeredTag = staff.locator('[data-testid="dashboard-feedback-status"] [data-status="answered"]');
    await answeredTag.waitFor();
    expect(Number(await answeredTag.getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    const total = await staff.getByTestId('dashboard-feedback-total').innerText();
    expect(Number(/(\d+)/.exec(total)?.[1])).toBeGreaterThanOrEqual(1);
    // The charts drew (ECharts SVG renderer).
    expect(await staff.locator('[data-testid="chart-feedback"] svg path').count()).toBeGreaterThan(0);
    await staff.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await staff.screenshot({ path: `${shots}/dashboard.png`, fullPage: true, animations: 'disabled' });
    // The demo township's items were published in 2025: that year's charts, for people to look at.
    await staff.getByTestId('dashboard-year').click();
    await staff.locator('.ant-select-item-option[title="2025年"]').click();
    await staff.getByTestId('chart-months').waitFor();
    expect(await staff.locator('[data-testid="chart-months"] svg').count()).toBe(1);
    await staff.getByTestId('chart-areas').waitFor();
    await staff.screenshot({ path: `${shots}/dashboard-2025.png`, fullPage: true, animations: 'disabled' });

    // 5. Drill-down: a click on June's bar (the demo has one item published in June 2025) lists it.
    await staff.getByTestId('chart-months').scrollIntoViewIfNeeded();
    const chart = await staff.getByTestId('chart-months').boundingBox();
    expect(chart).toBeTruthy();
    // The bar chart's grid (DashboardPage barOption): left 40, right 24, bottom 28; twelve categories.
    const juneX = chart!.x + 40 + 5.5 * ((chart!.width - 64) / 12);
    await Promise.all([
      staff.waitForResponse((r) => r.url().includes('/api/dashboard/drill?') && r.url().includes('metric=published') && r.url().includes('key=6')),
      staff.mouse.click(juneX, chart!.y + chart!.height - 28 - 6),
    ]);
    const drill = staff.getByTestId('dashboard-drill');
    await drill.getByTestId('drill-content').waitFor();
    expect(await drill.getByTestId('drill-content').getAttribute('data-count')).toBe('1');
    expect(await drill.locator('.ant-drawer-title').innerText()).toBe('2025年6月发布的信息（1）');
    const juneItem = drill.getByTestId('drill-row');
    await expect.poll(async () => juneItem.count(), { timeout: 30_000 }).toBe(1);
    expect(await juneItem.innerText()).toContain('曲尺乡2025年耕地地力保护补贴发放情况公示');
    await staff.screenshot({ path: `${shots}/dashboard-drill.png`, animations: 'disabled' });
    // The title opens the document in the console.
    await juneItem.getByRole('link', { name: '曲尺乡2025年耕地地力保护补贴发放情况公示' }).click();
    await staff.waitForURL(/\/admin\/documents\/[0-9a-f-]{36}$/);
    await staff.getByText('曲尺乡2025年耕地地力保护补贴发放情况公示').first().waitFor();

    // 6. 导出 Excel: the downloaded workbook tells the dashboard's numbers.
    await staff.goBack();
    await staff.getByTestId('dashboard-page').waitFor();
    await staff.getByTestId('dashboard-year').click();
    const [json] = await Promise.all([
      staff.waitForResponse((r) => r.url().includes('/api/dashboard?') && r.url().includes('year=2025')),
      staff.locator('.ant-select-item-option[title="2025年"]').click(),
    ]);
    const d = (await json.json()) as { agencyName: string; published: { total: number; months: Array<{ count: number }> }; feedback: { total: number } };
    const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByTestId('dashboard-export').click()]);
    expect(download.suggestedFilename()).toBe(`${d.agencyName}2025年数据看板.xlsx`);
    const file = `${shots}/dashboard-2025.xlsx`;
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const months = wb.getWorksheet('每月发布信息数')!;
    expect(String(months.getCell('A1').value)).toContain(`${d.agencyName} 2025年数据看板（生成时间 `);
    expect(d.published.months.map((_, i) => months.getCell(3 + i, 2).value)).toEqual(d.published.months.map((m) => m.count));
    expect(months.getCell(8, 2).value).toBe(1); // June
    const key = wb.getWorksheet('关键指标')!;
    expect(key.getCell('A3').value).toBe('本年发布信息（条）');
    expect(key.getCell('B3').value).toBe(d.published.total);
    await office.close();
  }, 180_000);

  it('shows the county dashboard to a supervisor, one row per agency', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, 'xian.jiandu');
    await page.getByTestId('nav-dashboard-county').click();
    await page.getByTestId('chart-county').waitFor();
    const rows = page.getByTestId('county-dashboard-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('county-dashboard-table').innerText()).toContain('曲尺乡');
    expect(await page.locator('[data-testid="chart-county"] svg').count()).toBe(1);
    // This year's row of the township counts the feedback answered in the first test.
    const quchi = rows.filter({ hasText: '曲尺乡' });
    expect(await quchi.getAttribute('data-feedback')).toBe('1');
    expect(await quchi.getAttribute('data-answered')).toBe('1');
    // 2025: the demo publications.
    await page.getByTestId('county-dashboard-year').click();
    // Register the wait before the click: under load the response can arrive before a later wait is set.
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/dashboard/county?year=2025')),
      page.locator('.ant-select-item-option[title="2025年"]').click(),
    ]);
    await page.locator('[data-testid="county-dashboard-row"]').first().waitFor();
    await page.screenshot({ path: `${shots}/dashboard-county.png`, fullPage: true, animations: 'disabled' });

    // 导出 Excel: one row per agency, the township's publications as a number.
    const published2025 = Number(await quchi.getByTestId('county-drill-published').innerText());
    expect(published2025).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('county-dashboard-export').click()]);
    expect(download.suggestedFilename()).toBe('县级数据看板2025年.xlsx');
    const file = `${shots}/dashboard-county-2025.xlsx`;
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('各单位关键指标')!;
    expect(ws.rowCount - 2).toBe(await rows.count());
    let quchiRow: ExcelJS.Row | undefined;
    ws.eachRow((r) => {
      if (String(r.getCell(1).value).includes('曲尺乡')) quchiRow = r;
    });
    expect(quchiRow?.getCell(2).value).toBe(published2025);

    // A count drills into that agency's dashboard: the township's 2025 publications, as many as shown.
    await quchi.getByTestId('county-drill-published').click();
    await page.waitForURL(/\/admin\/dashboard\?year=2025&metric=published$/);
    const drill = page.getByTestId('dashboard-drill');
    await drill.locator('.ant-drawer-title', { hasText: `2025年发布的信息（${published2025}）` }).waitFor();
    const content = drill.getByTestId('drill-content');
    expect(Number(await content.getAttribute('data-count'))).toBe(published2025);
    expect(await content.innerText()).toContain('曲尺乡');
    // The table renders its rows after the count attribute is set: poll rather than read once.
    await expect.poll(async () => drill.getByTestId('drill-row').count(), { timeout: 30_000 }).toBe(Math.min(published2025, 20));
    await page.screenshot({ path: `${shots}/dashboard-county-drill.png`, animations: 'disabled' });
    await context.close();
  }, 120_000);
});
