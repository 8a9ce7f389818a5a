/**
 * What the browser journeys share: a server with Chromium started and stopped together, `user
 * add` arguments for the setup, signing in to the admin console (waiting until it has loaded),
 * and a signed-in API client in Node.
 */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/** A running server and a headless Chromium. */
export interface ServerAndBrowser {
  server: RunningServer;
  browser: Browser;
}

/** Starts the server (setup commands first, see {@link startServer}), then Chromium; stops the server when Chromium fails. */
export async function startServerAndBrowser(opts: Parameters<typeof startServer>[0]): Promise<ServerAndBrowser> {
  const server = await startServer(opts);
  try {
    return { server, browser: await launchBrowser() };
  } catch (e) {
    await server.stop();
    throw e;
  }
}

/** Closes Chromium, then stops the server (either may be missing when the start failed). */
export async function stopServerAndBrowser(server: RunningServer | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await server?.stop();
}

/**
 * A function giving the `gongkai user add` arguments for a staff member of `agency` (the demo
 * township 曲尺乡 by default): roles and review steps comma-separated, the password given here.
 */
export function userAdder(password: string, agency = 'quchi'): (user: string, name: string, roles: string, steps?: string) => string[] {
  return (user, name, roles, steps = '') => [
    'user', 'add', user, '--name', name, '--agency', agency, '--roles', roles, ...(steps ? ['--steps', steps] : []), '--password', password,
  ];
}

/**
 * Signs in to the admin console at `baseUrl` and waits until it has loaded (the user menu).
 * With `agencyId`, the console opens on that agency (its remembered choice is set before sign-in).
 */
export async function signInToConsole(page: Page, baseUrl: string, username: string, password: string, agencyId?: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/`);
  if (agencyId) await page.evaluate(`localStorage.setItem('gk.agencyId', ${JSON.stringify(agencyId)})`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

/** A signed-in API call: status, the body as JSON (`{}` when empty) and as text. */
export interface StaffApi {
  <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T; text: string }>;
  /** The signed-in user's id. */
  userId: string;
}

/** Signs in through the API in Node (session cookie + CSRF token); throws `login <username>: …` when refused. */
export async function staffApi(baseUrl: string, username: string, password: string): Promise<StaffApi> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken, actor } = (await res.json()) as { csrfToken: string; actor: { userId: string } };
  const call = async <T,>(method: string, path: string, body?: unknown) => {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    return { status: r.status, json: (text ? JSON.parse(text) : {}) as T, text };
  };
  return Object.assign(call, { userId: actor.userId }) as StaffApi;
}

/**
 * Clicks 保存草稿 on a new document and waits for the editor of the created draft. The POST is
 * awaited first (registered before the click), so a refused save fails with the server's answer
 * instead of a bare navigation timeout; both waits allow for a loaded CI machine.
 */
export async function saveNewDraft(page: Page): Promise<void> {
  const [res] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/documents' && r.request().method() === 'POST', { timeout: 90_000 }),
    page.getByTestId('save-draft').click(),
  ]);
  if (res.status() !== 201) throw new Error(`保存草稿失败：${String(res.status())} ${await res.text()}`);
  await page.waitForURL(/\/admin\/documents\/[0-9a-f-]{36}\/edit/, { timeout: 90_000 });
}
