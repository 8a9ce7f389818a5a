/**
 * 机构设置 in a real browser: the platform administrator opens 单位设置 for 曲尺乡, sees the
 * switches with their legal basis, turns on 依申请公开「审批」, and the handler's request page
 * then offers 提交审批 instead of 答复 (and the server refuses a direct reply). The button
 * names come from GET /api/meta. A new agency is created with 岗前培训 on and its 机构设置
 * shown right after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasBrowser } from './support/browser.ts';
import type { RunningServer } from './support/server.ts';
import { signInToConsole, staffApi, startServerAndBrowser, stopServerAndBrowser } from './support/journey.ts';

const password = 'E2e-Passw0rd!x';
const adminPassword = 'Admin-Passw0rd!x';

/** A signed-in API client in Node (session cookie + CSRF token). */
async function apiAs(baseUrl: string, username: string, pw: string) {
  const api = await staffApi(baseUrl, username, pw);
  const call = (method: string, path: string, body?: unknown) => api<Record<string, unknown> & { request?: { id: string; lockVersion: number } }>(method, path, body);
  return { userId: api.userId, call };
}

describe.runIf(hasBrowser)('机构设置 (headless Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({
      adminPassword,
      setup: [['user', 'add', 'wang.handler', '--name', '王承办', '--agency', 'quchi', '--roles', 'handler', '--password', password]],
    }));
  }, 240_000);

  afterAll(() => stopServerAndBrowser(server, browser));

  const signIn = (page: Page, username: string, pw: string, agencyId: string) => signInToConsole(page, server.url, username, pw, agencyId);

  it('turns 审批 on from 单位设置 and the request flow requires it', async () => {
    const handler = await apiAs(server.url, 'wang.handler', password);
    const { agencies } = (await handler.call('GET', '/api/agencies')).json as unknown as { agencies: Array<{ id: string; slug: string }> };
    const quchi = agencies.find((a) => a.slug === 'quchi')!;
    // A request in 办理中 (registered and accepted through the API).
    const created = await handler.call('POST', '/api/requests', {
      agencyId: quchi.id,
      channel: 'in_person',
      receivedOn: '2025-09-26',
      applicantKind: 'person',
      name: '申请人甲',
      idType: 'resident_id',
      idNumber: '110105198001010016',
      phone: '13912345678',
      description: '2025年本乡道路建设项目资金明细',
      provisionForm: 'paper',
      delivery: 'pickup',
      handlerId: handler.userId,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.request!.id;
    const accepted = await handler.call('POST', `/api/requests/${id}/accept`, { lockVersion: created.json.request!.lockVersion, on: '2025-09-29' });
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);

    // The handler sees 答复 while 审批 is off (names from /api/meta).
    const hctx = await browser.newContext();
    const hpage = await hctx.newPage();
    await signIn(hpage, 'wang.handler', password, quchi.id);
    await hpage.goto(`${server.url}/admin/requests/${id}`);
    await hpage.getByTestId('request-action-reply').waitFor();
    expect(await hpage.getByTestId('request-action-reply').textContent()).toBe('答 复');
    expect(await hpage.getByTestId('request-state-tag').textContent()).toBe('办理中');

    // The platform administrator turns 审批 on in 单位设置 → 机构设置.
    const actx = await browser.newContext();
    const admin = await actx.newPage();
    await signIn(admin, 'admin', adminPassword, quchi.id);
    await admin.goto(`${server.url}/admin/agency`);
    const card = admin.getByTestId('agency-switches');
    await card.waitFor();
    expect(await card.getByTestId('switch-approval').textContent()).toContain('第四十五条');
    expect(await card.getByTestId('switch-training').textContent()).toContain('考核合格后方可上岗');
    expect(await card.getByTestId('switch-feedback').textContent()).toContain('默认 5 个工作日');
    const toggle = card.getByTestId('approval-required');
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    const [put] = await Promise.all([admin.waitForResponse((r) => r.url().endsWith('/api/requests/settings') && r.request().method() === 'PUT'), toggle.click()]);
    expect(put.status()).toBe(200);
    await card.getByText('已开启', { exact: true }).waitFor();
    expect(await toggle.getAttribute('aria-checked')).toBe('true');

    // The handler's page now offers 提交审批, not 答复; the server refuses a direct reply.
    await hpage.reload();
    await hpage.getByTestId('request-action-submitForApproval').waitFor();
    expect(await hpage.getByTestId('request-action-submitForApproval').textContent()).toBe('提交审批');
    expect(await hpage.getByTestId('request-action-reply').count()).toBe(0);
    const lockVersion = ((await handler.call('GET', `/api/requests/${id}`)).json.request!).lockVersion;
    const reply = await handler.call('POST', `/api/requests/${id}/reply`, { lockVersion, on: '2025-09-30', outcome: 'granted' });
    expect(reply.status).toBe(422);
    expect(reply.json.code).toBe('APPROVAL_REQUIRED');

    // The feedback deadline is saved from the same card.
    await card.getByRole('spinbutton', { name: '留言答复期限（工作日）' }).fill('10');
    const [fb] = await Promise.all([admin.waitForResponse((r) => r.url().endsWith('/api/feedback/settings') && r.request().method() === 'PUT'), card.getByTestId('save-feedback-days').click()]);
    expect(fb.status()).toBe(200);
    const switches = (await handler.call('GET', `/api/agency-settings?agencyId=${quchi.id}`)).json;
    expect(switches).toMatchObject({ approvalRequired: true, feedbackAnswerWorkingDays: 10, canEdit: false });
    await hctx.close();

    // A new agency: 岗前培训 is offered in the form; its 机构设置 show right after creation.
    await admin.getByTestId('new-agency').click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('单位名称').fill('巫山县测试乡人民政府');
    await dialog.getByLabel('机构代码').fill('11500237TEST0001');
    await dialog.getByLabel('网址标识').fill('ceshi');
    expect(await dialog.getByTestId('new-agency-training').isChecked()).toBe(true);
    const [createdAgency] = await Promise.all([admin.waitForResponse((r) => r.url().endsWith('/api/agencies') && r.request().method() === 'POST'), dialog.getByRole('button', { name: '创 建' }).click()]);
    expect(createdAgency.status()).toBe(201);
    const newId = ((await createdAgency.json()) as { agency: { id: string } }).agency.id;
    await admin.waitForResponse((r) => r.url().includes(`/api/agency-settings?agencyId=${newId}`));
    await admin.getByTestId('agency-name').and(admin.locator('[value="巫山县测试乡人民政府"]')).waitFor();
    const fresh = admin.getByTestId('agency-switches');
    await fresh.getByTestId('approval-required').waitFor();
    expect(await fresh.getByTestId('approval-required').getAttribute('aria-checked')).toBe('false');
    expect(await fresh.getByTestId('require-training').getAttribute('aria-checked')).toBe('true');
    await actx.close();
  });
});
