/**
 * SIGKILL in the middle of publishing: drafters and reviewers publish items through the real
 * API as fast as they can, the server is killed with SIGKILL at a random moment, and after a
 * restart every item whose publication the API confirmed is there and published, every item
 * whose creation it confirmed exists, and the audit chain is intact.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type ApiClient, killAll, processTestTimeout, runCli, signIn, startServer, tempDir } from './process.ts';

afterAll(killAll);

const adminPassword = 'Crash-Test-Passw0rd';

/** Creates an account through the API and gives it its own password (accounts made by an admin must change theirs). */
async function makeUser(url: string, admin: ApiClient, username: string, memberships: unknown[]): Promise<ApiClient> {
  const res = await admin.request('POST', '/api/users', { username, displayName: username, password: 'First-Passw0rd-1', memberships });
  expect(res.status, await res.clone().text()).toBe(201);
  const first = await signIn(url, username, 'First-Passw0rd-1');
  expect((await first.request('POST', '/api/auth/password', { currentPassword: 'First-Passw0rd-1', newPassword: 'Own-Passw0rd-2' })).status).toBe(200);
  return signIn(url, username, 'Own-Passw0rd-2');
}

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.text();
  if (res.status !== status) throw new Error(`HTTP ${res.status}: ${body}`);
  return JSON.parse(body) as T;
}

interface DocAnswer {
  document: { id: string; status: string; lockVersion: number };
}

describe('SIGKILL in the middle of publishing', { timeout: processTestTimeout }, () => {
  it('loses no item the API confirmed, and the server starts again with an intact audit chain', async () => {
    const dataDir = tempDir();
    const env = { GONGKAI_DATA_DIR: dataDir, GONGKAI_ADMIN_PASSWORD: adminPassword, GONGKAI_DEMO: 'false' };
    const server = await startServer(env);
    const admin = await signIn(server.url, 'admin', adminPassword);
    // An agency with a two-step chain (the privacy step is mandatory) keeps each publication short.
    const { agency } = await json<{ agency: { id: string } }>(
      await admin.request('POST', '/api/agencies', {
        code: 'CRASH0001',
        slug: 'crash',
        name: '崩溃测试乡人民政府',
        kind: 'township',
        requireTraining: false,
        reviewChain: [
          { key: 'privacy', name: '隐私信息专项审查', checklist: ['身份证号'], privacy: true },
          { key: 'final', name: '主要领导终审', checklist: ['文字'] },
        ],
      }),
      201,
    );
    const { columns } = await json<{ columns: { id: string; parentId: string | null }[] }>(await admin.request('GET', `/api/agencies/${agency.id}`), 200);
    const leaf = columns.find((c) => !columns.some((d) => d.parentId === c.id))!;
    const drafter = await makeUser(server.url, admin, 'drafter1', [{ agencyId: agency.id, roles: ['drafter'] }]);
    const reviewer = await makeUser(server.url, admin, 'reviewer1', [{ agencyId: agency.id, roles: ['reviewer'], steps: ['privacy', 'final'] }]);

    const created = new Set<string>();
    const published = new Set<string>();
    let stop = false;
    let n = 0;
    const worker = async () => {
      while (!stop) {
        const i = n++;
        try {
          const { document: draft } = await json<DocAnswer>(
            await drafter.request('POST', '/api/documents', {
              agencyId: agency.id,
              columnId: leaf.id,
              title: `崩溃测试公开事项 ${i}`,
              disclosure: 'proactive',
              bodyHtml: `<p>第 ${i} 条：低保资金发放情况。</p>`,
            }),
            201,
          );
          created.add(draft.id);
          let doc = (await json<DocAnswer>(await drafter.request('POST', `/api/documents/${draft.id}/submit`, { lockVersion: draft.lockVersion }), 200)).document;
          doc = (await json<DocAnswer>(await reviewer.request('POST', `/api/documents/${draft.id}/approve`, { lockVersion: doc.lockVersion, checklist: ['身份证号'] }), 200)).document;
          doc = (await json<DocAnswer>(await reviewer.request('POST', `/api/documents/${draft.id}/approve`, { lockVersion: doc.lockVersion, checklist: ['文字'] }), 200)).document;
          expect(doc.status).toBe('published');
          published.add(draft.id);
        } catch {
          // The kill interrupts requests in flight: only confirmed answers count.
          if (!stop) await new Promise((r) => setTimeout(r, 10));
        }
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    // Kill at a random moment once publishing is under way (the first confirmation, however slow the machine).
    const started = Date.now();
    while (published.size === 0 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 20));
    const delay = Math.floor(Math.random() * 2500);
    await new Promise((r) => setTimeout(r, delay));
    await server.kill9();
    stop = true;
    await Promise.all(workers);
    console.info(`SIGKILL ${delay} ms after the first publication: ${created.size} items created, ${published.size} publications confirmed`);
    expect(published.size).toBeGreaterThan(0);

    const again = await startServer(env);
    try {
      const reader = await signIn(again.url, 'admin', adminPassword);
      for (const id of created) {
        const detail = await json<DocAnswer & { versions: unknown[] }>(await reader.request('GET', `/api/documents/${id}`), 200);
        if (published.has(id)) {
          expect(detail.document.status).toBe('published');
          expect(detail.versions.length).toBe(1);
        }
      }
      const verify = await json<{ ok: boolean }>(await reader.request('GET', '/api/audit/verify'), 200);
      expect(verify.ok).toBe(true);
    } finally {
      await again.stop();
    }
    const audit = await runCli(['audit', 'verify'], env);
    expect(audit.stdout).toContain('审计日志完整');
    expect(audit.code).toBe(0);
  });
});
