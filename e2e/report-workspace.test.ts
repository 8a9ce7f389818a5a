/**
 * The annual-report workspace of issue 5 in a real browser: the demo township's administrator
 * opens the 2025 report (2025 items from the demo data; requests and a case registered through
 * the API), clicks numbers and sees the records behind them, enters the yearly figures — first
 * with a wrong table-四 总计, which highlights the cell and disables 发布 — writes the narrative
 * (a wrong figure is reported by the narrative check), publishes, and finds the report on the portal;
 * then the county view shows it, and 年报检查 reads uploaded reports made elsewhere.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasBrowser } from './support/browser.ts';
import type { RunningServer } from './support/server.ts';
import { type StaffApi, signInToConsole, staffApi, startServerAndBrowser, stopServerAndBrowser } from './support/journey.ts';

const password = 'E2e-Passw0rd!x';
const year = 2025;
const shots = '/tmp/gk-render';

/** Registers a request received in 2025 and replies to it (table 三). */
async function answeredRequest(staff: StaffApi, agencyId: string, receivedOn: string, repliedOn: string, outcome: string, who: Record<string, unknown>): Promise<string> {
  const reg = await staff('POST', '/api/requests', {
    agencyId,
    channel: 'in_person',
    receivedOn,
    phone: '13912345678',
    description: '2025年曲尺乡耕地地力保护补贴发放明细',
    provisionForm: 'paper',
    delivery: 'mail',
    address: '重庆市巫山县曲尺乡某村1号',
    ...who,
  });
  expect(reg.status, reg.text).toBe(201);
  const r = reg.json.request as { id: string; lockVersion: number };
  const reply = await staff('POST', `/api/requests/${r.id}/reply`, { lockVersion: r.lockVersion, on: repliedOn, outcome });
  expect(reply.status, reply.text).toBe(200);
  return r.id;
}

describe.runIf(hasBrowser)('annual report workspace (headless Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let agencyId: string;
  const requestIds: string[] = [];

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({
      adminPassword: 'Admin-Passw0rd!x',
      setup: [['user', 'add', 'quchi.admin', '--name', '曲尺管理员', '--agency', 'quchi', '--roles', 'admin,handler', '--password', password]],
    }));
    const staff = await staffApi(server.url, 'quchi.admin', password);
    const agencies = await staff('GET', '/api/agencies');
    agencyId = (agencies.json.agencies as Array<{ id: string; slug: string }>).find((a) => a.slug === 'quchi')!.id;
    const person = { applicantKind: 'person', name: '张某', idType: 'resident_id', idNumber: '11010519491231002X' };
    const business = { applicantKind: 'organization', orgKind: 'business', name: '巫山某某农业有限公司', uscc: '91350100M000100Y43', legalRepresentative: '王某', contactPerson: '李某' };
    requestIds.push(await answeredRequest(staff, agencyId, '2025-03-03', '2025-03-20', 'granted', person));
    requestIds.push(await answeredRequest(staff, agencyId, '2025-05-06', '2025-05-22', 'partial', business));
    const c = await staff('POST', `/api/reports/${agencyId}/${year}/cases`, { kind: 'reconsideration', result: 'upheld', caseNo: '巫山府复决字〔2025〕3号', filedOn: '2025-07-01' });
    expect(c.status, c.text).toBe(201);
    fs.mkdirSync(shots, { recursive: true });
  }, 240_000);

  afterAll(() => stopServerAndBrowser(server, browser));

  const signIn = (page: Page) => signInToConsole(page, server.url, 'quchi.admin', password);

  /** Saves the figures form and waits for the report to be computed again. */
  async function saveFigures(page: Page): Promise<void> {
    // Both waits are registered before the click: the recomputed report may arrive right after the PUT.
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/figures') && r.request().method() === 'PUT' && r.status() === 200),
      page.waitForResponse((r) => r.url().endsWith(`/api/reports/${agencyId}/${year}`) && r.request().method() === 'GET'),
      page.getByTestId('figures-save').click(),
    ]);
  }

  async function setNumber(page: Page, testId: string, value: string): Promise<void> {
    const input = page.getByTestId(testId);
    await input.fill(value);
    await input.blur();
  }

  it('drills into numbers, enters figures and narrative, publishes when consistent, and shows it on the portal', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page);
    await page.getByTestId('nav-reports').click();
    const report = page.getByTestId('report-page');
    await report.waitFor();
    expect(await report.getAttribute('data-year')).toBe(String(year));
    await expect(page.getByTestId('report-title').innerText()).resolves.toBe('巫山县曲尺乡人民政府2025年政府信息公开工作年度报告');

    // Table 三: two requests received in 2025; the drawer lists both by 受理编号.
    const received = page.getByTestId('cell-s3.new.6');
    await expect(received.innerText()).resolves.toBe('2');
    await received.click();
    const drawer = page.getByTestId('cell-drawer');
    await drawer.getByTestId('cell-record').first().waitFor();
    expect(await drawer.getByTestId('cell-record').count()).toBe(2);
    const ids = await drawer.getByTestId('cell-record').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(new Set(ids)).toEqual(new Set(requestIds));
    // The drawer slides in: wait for its transition before the picture.
    // (A function, not a string: the console's CSP forbids eval. No DOM types in this tsconfig.)
    await page.waitForFunction(() =>
      (globalThis as unknown as { document: { getAnimations(): Array<{ playState: string }> } }).document.getAnimations().every((a) => a.playState !== 'running'),
    );
    await page.screenshot({ path: `${shots}/report-workspace.png`, fullPage: false });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // Table 二: the demo 行政规范性文件 first published in 2025.
    await expect(page.getByTestId('cell-s2.normativeDocuments.issued').innerText()).resolves.toBe('1');
    await page.getByTestId('cell-s2.normativeDocuments.issued').click();
    await drawer.getByTestId('cell-record').first().waitFor();
    await expect(drawer.getByTestId('cell-record').first().innerText()).resolves.toContain('门前三包');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // Table 四 counts the recorded case.
    await expect(page.getByTestId('cell-s4.reconsideration.4').innerText()).resolves.toBe('1');

    // Figures, first with table 四 entered directly and a wrong 总计: G4 fails, the cell is red, 发布 is disabled.
    await page.getByTestId('tab-figures').click();
    await setNumber(page, 'figures-licensing', '3');
    await setNumber(page, 'figures-penalties', '21');
    await setNumber(page, 'figures-feesWan', '1.25');
    await page.getByTestId('figures-direct4').click();
    await setNumber(page, 'figures-s4-reconsideration-0', '1');
    await setNumber(page, 'figures-s4-reconsideration-4', '2');
    await saveFigures(page);
    await page.locator('[data-testid="report-page"][data-consistent="false"]').waitFor();
    await page.getByTestId('tab-tables').click();
    await expect(page.locator('td[data-cell="s4.reconsideration.4"]').getAttribute('data-fault')).resolves.toBe('hard');
    await expect(page.getByTestId('rule-G4').getAttribute('data-ok')).resolves.toBe('false');
    await expect(page.getByTestId('report-publish').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('publish-blocked').innerText()).resolves.toContain('G4');
    await expect(page.getByTestId('cell-s2.penalties').innerText()).resolves.toBe('21');
    await expect(page.getByTestId('cell-s2.feesWan').innerText()).resolves.toBe('1.25');
    await page.screenshot({ path: `${shots}/report-workspace-fault.png`, fullPage: true });

    // Back to counting the cases: consistent again.
    await page.getByTestId('tab-figures').click();
    await page.getByTestId('figures-direct4').click();
    await saveFigures(page);
    await page.locator('[data-testid="report-page"][data-consistent="true"]').waitFor();

    // The narrative: a first draft with placeholders. A wrong figure is caught by S3; then the right text.
    await page.getByTestId('tab-narrative').click();
    await page.getByTestId('narrative-draft-tag').waitFor();
    const overview = page.getByTestId('narrative-overview');
    const draft = await overview.inputValue();
    expect(draft).toContain('共收到政府信息公开申请2件');
    const finished = draft.replace(/【请填写[^】]*】/g, '本年度按要求做好相关工作。');
    await overview.fill(finished.replace('共收到政府信息公开申请2件', '共收到政府信息公开申请9件'));
    await page.getByTestId('narrative-problems').fill('个别栏目更新不够及时。下一步将落实专人负责，按时更新。');
    await page.getByTestId('narrative-other').fill('本年度未收取信息处理费。无其他需要报告的事项。');
    const saveNarrative = () =>
      Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/narrative') && r.request().method() === 'PUT' && r.status() === 200),
        page.getByTestId('narrative-save').click(),
      ]);
    await saveNarrative();
    await page.locator('[data-testid="narrative-checks"] [data-testid="rule-S3"][data-ok="false"]').waitFor();
    await expect(page.getByTestId('narrative-checks').innerText()).resolves.toContain('9');
    await overview.fill(finished);
    await saveNarrative();
    await page.locator('[data-testid="narrative-checks"] [data-testid="rule-S3"][data-ok="true"]').waitFor();

    // Word and PDF of the current data.
    for (const [testId, ext] of [['report-docx', '.docx'], ['report-pdf', '.pdf']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      expect(download.suggestedFilename()).toBe(`巫山县曲尺乡人民政府2025年政府信息公开工作年度报告${ext}`);
      expect(fs.statSync(await download.path()).size).toBeGreaterThan(1000);
    }

    // Publish.
    await page.getByTestId('tab-tables').click();
    await page.getByTestId('report-publish').click();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/publish') && r.status() === 200),
      page.getByTestId('report-publish-ok').click(),
    ]);
    await page.getByTestId('report-published').waitFor();
    const href = await page.getByTestId('report-portal-link').getAttribute('href');
    expect(href).toMatch(/^\/info\/[0-9a-f-]{36}$/);
    await context.close();

    // The portal shows the report with its tables; the public JSON has the numbers.
    const portal = await browser.newContext();
    const p = await portal.newPage();
    await p.goto(`${server.url}${href!}`);
    await expect(p.locator('h1').first().innerText()).resolves.toContain('巫山县曲尺乡人民政府2025年政府信息公开工作年度报告');
    const text = await p.locator('main').innerText();
    expect(text).toContain('三、收到和处理政府信息公开申请情况');
    expect(text).toContain('本年度未收取信息处理费');
    await portal.close();
    const json = (await (await fetch(`${server.url}/api/public/reports/quchi/${year}`)).json()) as { consistent: boolean; section2: { penalties: number }; section3: { rows: { new: number[] } } };
    expect(json.consistent).toBe(true);
    expect(json.section2.penalties).toBe(21);
    expect(json.section3.rows.new[6]).toBe(2);
  }, 180_000);

  it('shows the county view and checks uploaded reports made elsewhere', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page);

    // 县级汇总: the administrator sees the township; its 2025 report was published after 31 January 2026.
    await page.getByTestId('nav-report-county').click();
    const row = page.locator(`[data-testid="county-row"][data-agency-id="${agencyId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('late');
    await expect(row.innerText()).resolves.toContain('逾期发布');
    await expect(row.innerText()).resolves.toContain('一致');

    // 年报检查: the seed report (consistent) and a notice that is not a report.
    await page.getByTestId('nav-report-check').click();
    const fixtures = new URL('../src/modules/reports/fixtures/', import.meta.url).pathname;
    await page.getByTestId('check-page').locator('input[type=file]').setInputFiles([`${fixtures}seed-report-quchi-2025.txt`, `${fixtures}not-a-report.txt`]);
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/reports/check') && r.status() === 200), page.getByTestId('check-run').click()]);
    const results = page.getByTestId('check-results');
    await results.waitFor();
    const text = await results.innerText();
    expect(text).toContain('巫山县曲尺乡人民政府');
    expect(text).toContain('无法检查');
    const checked = page.locator('[data-testid="check-report"]').first();
    expect(await checked.getAttribute('data-consistent')).toBe('true');
    // The seed's 行政处罚 as read from the text.
    await expect(checked.locator('td[data-cell="s2.penalties"]').innerText()).resolves.toBe('21');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('check-summary').click()]);
    expect(download.suggestedFilename()).toBe('年报检查汇总.xlsx');
    await context.close();
  }, 120_000);
});
