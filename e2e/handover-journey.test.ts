/**
 * The handover of issue 6 in a real browser, signed by the two people in their own sessions: a
 * leaver holds a draft, a review step, an open request (as 承办人) and an AB duty, all set up
 * through the API. The department head (郑主任) starts the handover in 交接 (checklist, successor,
 * approver); the successor (李接手) logs in, opens 交接待办, checks every item, fails once with a
 * wrong password and signs with theirs; the leaver then starts one more draft; the approver
 * (钱负责人, a second agency administrator) sees what was signed and the new draft marked 新增, and
 * approves with their password, which executes the handover. Then the API shows everything with
 * the successor, the leaver's account disabled, and the doctor check (the function `gongkai
 * doctor` runs) clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasBrowser } from './support/browser.ts';
import type { RunningServer } from './support/server.ts';
import { signInToConsole, staffApi, startServerAndBrowser, stopServerAndBrowser, userAdder } from './support/journey.ts';

const password = 'E2e-Passw0rd!x';
const draftTitle = '曲尺乡2025年农村公路养护计划（未完成）';
const lateTitle = '曲尺乡2025年冬季农村公路除雪预案（签收后新增）';
const shots = '/tmp/gk-render';

interface Ref {
  id: string;
}
interface RequestDetail {
  request: { id: string; trackingNo: string; handler: Ref; backupHandler: Ref };
  events: { kind: string }[];
}

describe.runIf(hasBrowser)('handover journey (headless Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  const ids: Record<string, string> = {};
  let agencyId: string;
  let draftId: string;
  let requestId: string;
  let trackingNo: string;

  beforeAll(async () => {
    const add = userAdder(password);
    ({ server, browser } = await startServerAndBrowser({
      adminPassword: 'Admin-Passw0rd!x',
      setup: [
        add('zheng.head', '郑主任', 'admin'),
        add('qian.approver', '钱负责人', 'admin'),
        add('zhang.leaver', '张离职', 'drafter,reviewer,handler', 'privacy'),
        add('li.successor', '李接手', 'drafter,handler'),
        add('wang.backup', '王备岗', 'handler'),
      ],
    }));

    const head = await staffApi(server.url, 'zheng.head', password);
    const leaver = await staffApi(server.url, 'zhang.leaver', password);
    agencyId = ((await head('GET', '/api/agencies')).json.agencies as Array<{ id: string; slug: string }>).find((a) => a.slug === 'quchi')!.id;
    for (const u of (await head('GET', '/api/users')).json.users as Array<{ id: string; username: string }>) ids[u.username] = u.id;

    const columns = (await head('GET', `/api/agencies/${agencyId}`)).json.columns as Array<{ id: string; slug: string }>;
    const draft = await leaver<{ document: Ref }>('POST', '/api/documents', { agencyId, title: draftTitle, columnId: columns.find((c) => c.slug === 'qtxx')!.id, disclosure: 'proactive' });
    expect(draft.status, JSON.stringify(draft.json)).toBe(201);
    draftId = draft.json.document.id;

    const request = await leaver<RequestDetail>('POST', '/api/requests', {
      agencyId, channel: 'in_person', receivedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), applicantKind: 'person', name: '申请人甲',
      idType: 'resident_id', idNumber: '11010519491231002X', phone: '13912345678', description: '2025年曲尺乡道路建设项目资金明细',
      provisionForm: 'paper', delivery: 'pickup', handlerId: ids['zhang.leaver'], backupHandlerId: ids['wang.backup'],
    });
    expect(request.status, JSON.stringify(request.json)).toBe(201);
    requestId = request.json.request.id;
    trackingNo = request.json.request.trackingNo;

    const duty = await head('PUT', '/api/posts', { agencyId, kind: 'requests', holderA: ids['zhang.leaver'], holderB: ids['wang.backup'] });
    expect(duty.status, JSON.stringify(duty.json)).toBe(200);
  }, 300_000);

  afterAll(() => stopServerAndBrowser(server, browser));

  async function pick(page: Page, testId: string, label: string): Promise<void> {
    // Type to filter the searchable select, then take the only option left.
    await page.getByTestId(testId).click();
    await page.keyboard.type(label);
    await page.locator(`.ant-select-item-option[title^="${label}"]:visible`).waitFor();
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="${testId}"]`).getByText(label).first().waitFor();
  }

  async function signIn(username: string): Promise<{ page: Page; close: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1100 } });
    const page = await context.newPage();
    await signInToConsole(page, server.url, username, password);
    return { page, close: () => context.close() };
  }

  it('the head starts, the successor signs and the approver approves, each in their own session; nothing stays with the disabled account', async () => {
    // 1. 发起: the head picks the leaver, reviews the checklist, names the successor and the approver.
    const headSession = await signIn('zheng.head');
    let page = headSession.page;
    await page.goto(`${server.url}/admin/posts?tab=handover`);
    await pick(page, 'handover-from', '张离职');
    const checklist = page.getByTestId('handover-checklist');
    await checklist.waitFor();
    await expect(page.getByTestId('handover-documents').innerText()).resolves.toContain(draftTitle);
    await expect(page.getByTestId('handover-step').innerText()).resolves.toContain('唯一审核人');
    await expect(page.getByTestId('handover-request').innerText()).resolves.toMatch(new RegExp(`申请 ${trackingNo} · .+ · 承办人$`));
    await expect(page.getByTestId('handover-duty').innerText()).resolves.toContain('A岗');
    await expect(checklist.innerText()).resolves.toContain('zhang.leaver');
    await pick(page, 'handover-to', '李接手');
    await pick(page, 'handover-approver', '钱负责人');
    await page.screenshot({ path: `${shots}/handover.png`, fullPage: true });
    await page.getByTestId('start-handover').click();
    const [started] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/handovers') && r.request().method() === 'POST'),
      page.getByTestId('confirm-handover').click(),
    ]);
    expect(started.status()).toBe(201);
    const openRow = page.locator('[data-testid="handover-open-row"][data-from="张离职"]');
    await expect(openRow.getByTestId('handover-status').getAttribute('data-status')).resolves.toBe('awaitingSuccessor');
    await headSession.close();

    // Nothing has moved yet.
    const api = await staffApi(server.url, 'zheng.head', password);
    expect((await api<{ document: { createdBy: Ref } }>('GET', `/api/documents/${draftId}`)).json.document.createdBy.id).toBe(ids['zhang.leaver']);

    // 2. 签收: the successor follows the notification to 交接待办, checks every item and signs with their password.
    const successorSession = await signIn('li.successor');
    page = successorSession.page;
    await page.getByTestId('notification-bell').click();
    const note = page.locator('[data-testid="notifications-list"] .ant-list-item', { hasText: '待您签收：张离职的离岗交接' });
    await note.getByRole('button', { name: '查看' }).click();
    await page.waitForURL(/\/admin\/handovers$/);
    const task = page.locator('[data-testid="handover-task"][data-from="张离职"]');
    await task.getByTestId('handover-open').click();
    await task.getByTestId('handover-checklist').waitFor();
    await expect(task.getByTestId('handover-documents').innerText()).resolves.toContain(draftTitle);
    await expect(task.getByTestId('handover-request').innerText()).resolves.toContain(`申请 ${trackingNo}`);
    await expect(task.getByTestId('handover-sign').isDisabled()).resolves.toBe(true);
    await task.getByTestId('handover-reviewed').check();
    await task.getByTestId('handover-password').fill('Not-My-Passw0rd');
    const [wrong] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/sign')), task.getByTestId('handover-sign').click()]);
    expect(wrong.status()).toBe(422);
    await task.getByText('密码不正确').first().waitFor();
    await task.getByTestId('handover-password').fill(password);
    await page.waitForSelector('[data-testid="handover-sign"]:not([disabled])');
    await page.screenshot({ path: `${shots}/handover-sign.png`, fullPage: true });
    const [signedRes] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/sign')), task.getByTestId('handover-sign').click()]);
    expect(signedRes.status()).toBe(200);
    await task.waitFor({ state: 'detached' });
    await successorSession.close();

    // The leaver starts one more draft after the signature: it is shown as 新增 and moves too.
    const leaver = await staffApi(server.url, 'zhang.leaver', password);
    const columns = (await leaver('GET', `/api/agencies/${agencyId}`)).json.columns as Array<{ id: string; slug: string }>;
    const late = await leaver<{ document: Ref }>('POST', '/api/documents', { agencyId, title: lateTitle, columnId: columns.find((c) => c.slug === 'qtxx')!.id, disclosure: 'proactive' });
    expect(late.status).toBe(201);

    // 3. 审批: the approver sees the signed checklist and the current one, and approves with their password.
    const approverSession = await signIn('qian.approver');
    page = approverSession.page;
    await page.goto(`${server.url}/admin/handovers`);
    const approval = page.locator('[data-testid="handover-task"][data-from="张离职"]');
    await approval.getByTestId('handover-open').click();
    await approval.getByTestId('handover-signed-checklist').waitFor();
    await expect(approval.getByTestId('handover-signed-checklist').innerText()).resolves.not.toContain(lateTitle);
    await expect(approval.getByTestId('handover-added').innerText()).resolves.toContain('新增 1 项');
    const added = approval.locator('[data-testid="handover-checklist"] [data-testid="handover-document"][data-added="true"]');
    await expect(added.innerText()).resolves.toContain(lateTitle);
    await expect(added.getByTestId('handover-new').innerText()).resolves.toBe('新增');
    await approval.getByTestId('handover-reviewed').check();
    await approval.getByTestId('handover-password').fill(password);
    await page.waitForSelector('[data-testid="handover-approve"]:not([disabled])');
    await page.screenshot({ path: `${shots}/handover-approve.png`, fullPage: true });
    const [approved] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/approve')), approval.getByTestId('handover-approve').click()]);
    expect(approved.status()).toBe(200);
    await approval.waitFor({ state: 'detached' });
    await page.goto(`${server.url}/admin/posts?tab=handover`);
    const row = page.locator('[data-testid="handover-history-row"][data-from="张离职"]');
    await expect(row.getAttribute('data-status')).resolves.toBe('completed');
    await expect(row.innerText()).resolves.toMatch(/李接手 \d{4}\/\d{1,2}\/\d{1,2} .*钱负责人 \d{4}\//s);
    await page.screenshot({ path: `${shots}/handover-history.png`, fullPage: true });
    await approverSession.close();

    expect((await api<{ document: { createdBy: Ref } }>('GET', `/api/documents/${late.json.document.id}`)).json.document.createdBy.id).toBe(ids['li.successor']);
    // Everything now belongs to the successor.
    const successor = await staffApi(server.url, 'li.successor', password);
    const head = await staffApi(server.url, 'zheng.head', password);
    const doc = await successor<{ document: { createdBy: Ref } }>('GET', `/api/documents/${draftId}`);
    expect(doc.json.document.createdBy.id).toBe(ids['li.successor']);
    const req = await successor<RequestDetail>('GET', `/api/requests/${requestId}`);
    expect(req.json.request.handler.id).toBe(ids['li.successor']);
    expect(req.json.request.backupHandler.id).toBe(ids['wang.backup']);
    expect(req.json.events.at(-1)?.kind).toBe('reassigned');
    const posts = await head<{ duties: { kind: string; holderA: Ref | null }[] }>('GET', `/api/posts?agencyId=${agencyId}`);
    expect(posts.json.duties.find((d) => d.kind === 'requests')?.holderA?.id).toBe(ids['li.successor']);
    const members = (await head('GET', '/api/users')).json.users as Array<{ username: string; disabled: boolean; memberships: Array<{ agencyId: string; steps: string[] }> }>;
    expect(members.find((u) => u.username === 'zhang.leaver')!.disabled).toBe(true);
    expect(members.find((u) => u.username === 'li.successor')!.memberships.find((m) => m.agencyId === agencyId)!.steps).toContain('privacy');
    await expect(staffApi(server.url, 'zhang.leaver', password)).rejects.toThrow(/login zhang.leaver/);

    // The doctor check (checkAssignments, the function `gongkai doctor` runs) is clean.
    const check = await head('GET', '/api/handover/check');
    expect(check.status).toBe(200);
    expect(check.json).toMatchObject({ ok: true, problems: [] });
    if (server.env.DATABASE_URL) {
      // On PostgreSQL no data-folder lock stops the CLI while the server runs.
      const { stdout } = await server.cli(['doctor', '--json']);
      expect(JSON.parse(stdout)).toMatchObject({ ok: true, problems: [] });
    }
    // Three browser sessions and the PostgreSQL CLI on a shared 2-core machine: the default 60 s is too short.
  }, 240_000);
});
