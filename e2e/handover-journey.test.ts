/**
 * The handover of issue 6 in a real browser: a leaver holds a draft, a review step, an open
 * request (as 承办人) and an AB duty, all set up through the API; the department head opens 交接
 * in the console, picks the leaver, sees each item on the checklist, names the successor, ticks
 * the successor's signature and the approval, and confirms. Then the API shows everything with
 * the successor, the leaver's account disabled, and the doctor check (the function
 * `gongkai doctor` runs) clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasBrowser, launchBrowser } from './support/browser.ts';
import { startServer, type RunningServer } from './support/server.ts';

const password = 'E2e-Passw0rd!x';
const draftTitle = '曲尺乡2025年农村公路养护计划（未完成）';
const screenshot = '/tmp/gk-render/handover.png';

type Api = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => Promise<{ status: number; json: T }>;
interface Ref {
  id: string;
}
interface RequestDetail {
  request: { id: string; trackingNo: string; handler: Ref; backupHandler: Ref };
  events: { kind: string }[];
}

async function staffClient(base: string, username: string): Promise<Api> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (method, path, body) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: r.status, json: (await r.json()) as never };
  };
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
    const add = (user: string, name: string, roles: string, steps = '') => [
      'user', 'add', user, '--name', name, '--agency', 'quchi', '--roles', roles, ...(steps ? ['--steps', steps] : []), '--password', password,
    ];
    server = await startServer({
      adminPassword: 'Admin-Passw0rd!x',
      setup: [
        add('zheng.head', '郑主任', 'admin'),
        add('zhang.leaver', '张离职', 'drafter,reviewer,handler', 'privacy'),
        add('li.successor', '李接手', 'drafter,handler'),
        add('wang.backup', '王备岗', 'handler'),
      ],
    });
    browser = await launchBrowser();

    const head = await staffClient(server.url, 'zheng.head');
    const leaver = await staffClient(server.url, 'zhang.leaver');
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

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function pick(page: Page, testId: string, label: string): Promise<void> {
    // Type to filter the searchable select, then take the only option left.
    await page.getByTestId(testId).click();
    await page.keyboard.type(label);
    await page.locator(`.ant-select-item-option[title^="${label}"]:visible`).waitFor();
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="${testId}"]`).getByText(label).first().waitFor();
  }

  it('the head hands everything of the leaver to the successor; nothing stays with the disabled account', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1100 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/`);
    await page.getByTestId('login-username').fill('zheng.head');
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-menu').waitFor();
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
    await expect(page.getByTestId('execute-handover').isDisabled()).resolves.toBe(true);
    await page.getByTestId('handover-signed').check();
    await page.getByTestId('handover-approved').check();
    await page.screenshot({ path: screenshot, fullPage: true });
    await page.getByTestId('execute-handover').click();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/handover') && r.request().method() === 'POST'),
      page.getByTestId('confirm-handover').click(),
    ]);
    expect(response.status()).toBe(201);
    await expect(page.getByTestId('handover-result').innerText()).resolves.toContain('依申请公开 1 件');
    await page.locator('[data-testid="handover-history-row"][data-from="张离职"]').waitFor();
    await page.locator('.ant-modal-confirm').waitFor({ state: 'hidden' });
    await page.screenshot({ path: '/tmp/gk-render/handover-history.png', fullPage: true });
    await context.close();

    // Everything now belongs to the successor.
    const successor = await staffClient(server.url, 'li.successor');
    const head = await staffClient(server.url, 'zheng.head');
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
    await expect(staffClient(server.url, 'zhang.leaver')).rejects.toThrow(/login zhang.leaver/);

    // The doctor check (checkAssignments, the function `gongkai doctor` runs) is clean.
    const check = await head('GET', '/api/handover/check');
    expect(check.status).toBe(200);
    expect(check.json).toMatchObject({ ok: true, problems: [] });
    if (server.env.DATABASE_URL) {
      // On PostgreSQL no data-folder lock stops the CLI while the server runs.
      const { stdout } = await server.cli(['doctor', '--json']);
      expect(JSON.parse(stdout)).toMatchObject({ ok: true, problems: [] });
    }
  });
});
