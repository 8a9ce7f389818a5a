/**
 * The journey of issue 3 in a real browser: a drafter uploads an XLSX 公示 with ID numbers and
 * mobile numbers and submits it; at 隐私信息专项审查 the reviewer sees the findings and approval
 * is refused; one click masks the file; the re-scan is clean; the remaining steps approve; the
 * file downloaded from the portal holds no full ID or mobile number, only their masked forms.
 * Then an administrator runs the sweep (回头看) from the console and follows it to its end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildXlsx } from '../test/fixtures.ts';
import { hasBrowser } from './support/browser.ts';
import type { RunningServer } from './support/server.ts';
import { signInToConsole, startServerAndBrowser, stopServerAndBrowser, userAdder, saveNewDraft } from './support/journey.ts';

const password = 'E2e-Passw0rd!x';
const title = '曲尺乡2025年农村低保对象公示';
const filename = '低保对象公示.xlsx';
// Valid ID numbers (GB 11643 check digit) and allocated mobile numbers.
const people = [
  { name: '张三', id: '11010519491231002X', mobile: '13800138000', maskedId: '11*************02X', maskedMobile: '138****8000' },
  { name: '李四', id: '11010119900307803X', mobile: '13912345678', maskedId: '11*************03X', maskedMobile: '139****5678' },
];
const shots = '/tmp/gk-render';

describe.runIf(hasBrowser)('privacy journey (headless Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let xlsxPath: string;

  beforeAll(async () => {
    const add = userAdder(password);
    ({ server, browser } = await startServerAndBrowser({
      adminPassword: 'Admin-Passw0rd!x',
      setup: [
        add('zhang.drafter', '张起草', 'drafter'),
        add('li.first', '李初审', 'reviewer', 'first'),
        add('wu.privacy', '吴隐私', 'reviewer', 'privacy'),
        add('wang.second', '王复审', 'reviewer', 'second'),
        add('zhao.final', '赵终审', 'reviewer', 'final'),
        add('qian.admin', '钱管理', 'admin'),
      ],
    }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-e2e-files-'));
    xlsxPath = path.join(dir, filename);
    fs.writeFileSync(
      xlsxPath,
      await buildXlsx({ 公示名单: [['姓名', '身份证号', '联系电话', '保障人数'], ...people.map((p) => [p.name, p.id, p.mobile, 2])] }),
    );
    fs.mkdirSync(shots, { recursive: true });
  }, 240_000);

  afterAll(() => stopServerAndBrowser(server, browser));

  const signIn = (page: Page, username: string) => signInToConsole(page, server.url, username, password);

  /** Opens the item from the reviewer's inbox and ticks the step's checklist. */
  async function openForReview(page: Page): Promise<void> {
    await page.goto(`${server.url}/admin/reviews`);
    await page.locator(`[data-testid="inbox-link"][data-title="${title}"]`).click();
    await tickAll(page);
  }

  async function tickAll(page: Page): Promise<void> {
    const checklist = page.getByTestId('review-checklist');
    await checklist.waitFor();
    for (const box of await checklist.locator('input[type=checkbox]').all()) await box.check();
  }

  async function clickApprove(page: Page): Promise<{ status: number; body: Record<string, unknown> }> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/approve') && r.request().method() === 'POST'),
      page.getByTestId('approve').click(),
    ]);
    return { status: response.status(), body: (await response.json()) as Record<string, unknown> };
  }

  async function approveAs(username: string): Promise<string> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, username);
    await openForReview(page);
    const r = await clickApprove(page);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await context.close();
    return (r.body as { document: { status: string } }).document.status;
  }

  // Seven browser sessions on 2 shared cores: well above vitest's default per-test limit.
  it('blocks the 公示 at the privacy step, masks it with one click and publishes a file without full numbers', { timeout: 240_000 }, async () => {
    // The drafter creates the item, uploads the list and submits it.
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'zhang.drafter');
    await page.getByTestId('new-document').click();
    await page.getByTestId('doc-title').fill(title);
    await page.getByTestId('doc-column').click();
    await page.getByTestId('column-option-czyjs').click();
    await page.getByTestId('doc-body').fill('现将曲尺乡2025年农村最低生活保障对象公示如下，详见附件。公示期7天。');
    await saveNewDraft(page);
    await page.getByTestId('attachments').locator('input[type=file]').setInputFiles(xlsxPath);
    await page.locator('[data-testid="attachment-item"]').waitFor();
    await page.getByTestId('submit-for-review').click();
    await page.getByTestId('confirm-submit').click();
    await page.locator('[data-testid="document-detail"][data-status="in_review"]').waitFor();
    const documentId = /documents\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await context.close();

    expect(await approveAs('li.first')).toBe('in_review');

    // 隐私信息专项审查: the findings, with locations and masked forms; approval refused.
    const pc = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const pp = await pc.newPage();
    await signIn(pp, 'wu.privacy');
    await openForReview(pp);
    const findings = pp.getByTestId('privacy-findings');
    await findings.waitFor();
    for (const p of people) {
      await expect(findings.getByText(p.maskedId).first().isVisible()).resolves.toBe(true);
      await expect(findings.getByText(p.maskedMobile).first().isVisible()).resolves.toBe(true);
    }
    const text = await findings.innerText();
    expect(text).toContain('工作表「公示名单」');
    expect(text).toMatch(/居民身份证号 2 处/);
    for (const p of people) {
      expect(text).not.toContain(p.id);
      expect(text).not.toContain(p.mobile);
    }
    await findings.screenshot({ path: path.join(shots, 'privacy-findings.png') });
    const refused = await clickApprove(pp);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'PRIVACY_FINDINGS_UNRESOLVED' });
    await expect(pp.locator('[data-testid="document-detail"]').getAttribute('data-status')).resolves.toBe('in_review');

    // One click masks the attachment; the re-scan is clean.
    const [masked] = await Promise.all([
      pp.waitForResponse((r) => r.url().includes('/privacy/mask-attachment/') && r.request().method() === 'POST'),
      findings.getByRole('button', { name: `脱敏附件「${filename}」` }).click(),
    ]);
    expect(masked.status()).toBe(200);
    await pp.getByTestId('privacy-findings').getByText('未发现须处理的个人信息').waitFor();
    await pp.screenshot({ path: path.join(shots, 'privacy-masked.png'), fullPage: true });
    await tickAll(pp);
    const ok = await clickApprove(pp);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    await pc.close();

    expect(await approveAs('wang.second')).toBe('in_review');
    expect(await approveAs('zhao.final')).toBe('published');

    // The portal's file: masked forms only.
    const portal = await browser.newContext();
    const p = await portal.newPage();
    await p.goto(`${server.url}/info/${documentId}`);
    const link = p.locator('a[download]', { hasText: filename }).first();
    const href = await link.getAttribute('href');
    expect(href).toBeTruthy();
    const res = await portal.request.get(new URL(href!, server.url).toString());
    expect(res.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => void cells.push(cell.text))));
    const all = cells.join('|');
    for (const person of people) {
      expect(all).not.toContain(person.id);
      expect(all).not.toContain(person.mobile);
      expect(cells).toContain(person.maskedId);
      expect(cells).toContain(person.maskedMobile);
      expect(cells).toContain(person.name);
    }
    // No 18-character ID-shaped run and no 11-digit mobile-shaped run is left anywhere.
    expect(all).not.toMatch(/\d{17}[\dXx]/);
    expect(all).not.toMatch(/1[3-9]\d{9}/);
    await portal.close();
  });

  it('runs the sweep (回头看) from the console and shows its progress and report', { timeout: 180_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await signIn(page, 'qian.admin');
    await page.getByTestId('nav-privacy-sweep').click();
    await page.getByTestId('privacy-sweep-page').waitFor();
    const [started] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/privacy/sweeps') && r.request().method() === 'POST'),
      page.getByTestId('sweep-start').click(),
    ]);
    expect(started.status()).toBe(202);
    const runId = ((await started.json()) as { run: { id: string } }).run.id;
    await page.locator(`[data-testid="sweep-progress"][data-run-id="${runId}"][data-status="finished"]`).waitFor({ timeout: 120_000 });
    const done = await page.getByTestId('sweep-done').innerText();
    const [scanned, total] = /(\d+) \/ (\d+)/.exec(done)!.slice(1).map(Number);
    expect(scanned).toBe(total);
    expect(total).toBeGreaterThan(1);
    // The masked 公示 published above is not reported.
    await expect(page.locator(`[data-testid="sweep-item"][data-title="${title}"]`).count()).resolves.toBe(0);
    const exportHref = await page.getByTestId('sweep-export').getAttribute('href');
    const xlsx = await context.request.get(new URL(exportHref!, server.url).toString());
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    await page.screenshot({ path: path.join(shots, 'privacy-sweep.png'), fullPage: true });
    await context.close();
  });
});
