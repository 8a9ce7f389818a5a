/**
 * `gongkai audit verify` as a real process: on a stopped installation, after tampering with
 * the PGlite folder directly, and through a running server (locked folder or --url).
 */
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAll, processTestTimeout, runCli, signIn, startServer, tempDir } from './process.ts';

const adminPassword = 'Audit-Test-Passw0rd';
let dataDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = tempDir();
  env = { GONGKAI_DATA_DIR: dataDir, GONGKAI_ADMIN_PASSWORD: adminPassword, GONGKAI_DEMO: 'false' };
  // A few audited actions: user creation, sign-ins, a failed sign-in.
  const server = await startServer(env);
  const admin = await signIn(server.url, 'admin', adminPassword);
  expect((await admin.request('POST', '/api/users', { username: 'auditor1', displayName: '审计员', password: 'Aud1tor-Passw0rd', globalRole: 'supervisor' })).status).toBe(201);
  await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'wrong' }) });
  // An account created by an administrator must change its password before using the API.
  const auditor = await signIn(server.url, 'auditor1', 'Aud1tor-Passw0rd');
  expect((await auditor.request('POST', '/api/auth/password', { currentPassword: 'Aud1tor-Passw0rd', newPassword: 'Aud1tor-Passw0rd-2' })).status).toBe(200);
  expect(await server.stop()).toMatchObject({ code: 0 });
});
afterAll(killAll);

describe('gongkai audit verify', { timeout: processTestTimeout }, () => {
  it('exits 0 on an intact chain of a stopped installation', async () => {
    const r = await runCli(['audit', 'verify'], env);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/审计日志完整：共 \d+ 条/);
    expect(r.code).toBe(0);
  });

  it('through the running server (folder locked): credentials from the environment, same output and exit code', async () => {
    const server = await startServer(env);
    try {
      const noCreds = await runCli(['audit', 'verify'], { ...env, PORT: String(server.port) });
      expect(noCreds.code).toBe(2);
      expect(noCreds.stderr).toContain('GONGKAI_PASSWORD');
      const wrong = await runCli(['audit', 'verify'], { ...env, PORT: String(server.port), GONGKAI_USERNAME: 'admin', GONGKAI_PASSWORD: 'not-the-password' });
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('用户名或密码错误');
      const onCommandLine = await runCli(['audit', 'verify', '--url', server.url, '--password', adminPassword], env);
      expect(onCommandLine.code).toBe(2);
      expect(onCommandLine.stderr).toContain('密码不能写在命令行上');
      const ok = await runCli(['audit', 'verify'], { ...env, PORT: String(server.port), GONGKAI_USERNAME: 'admin', GONGKAI_PASSWORD: adminPassword });
      expect(ok.stderr).toContain('改为通过服务');
      expect(ok.stdout).toMatch(/审计日志完整/);
      expect(ok.code).toBe(0);
      // --url with --user; the JSON form is the API's answer.
      const json = await runCli(['audit', 'verify', '--json', '--url', server.url, '--user', 'auditor1'], { ...env, GONGKAI_PASSWORD: 'Aud1tor-Passw0rd-2' });
      expect(json.stderr).toBe('');
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, problems: [] });
    } finally {
      await server.stop();
    }
  });

  it('exits 1 and names both rows after one is edited and another deleted in the PGlite folder', async () => {
    const pg = await PGlite.create({ dataDir: path.join(dataDir, 'pg') });
    try {
      await pg.exec('alter table audit_log disable trigger audit_log_no_change');
      await pg.exec("update audit_log set action = 'forged.action' where id = 2");
      await pg.exec('delete from audit_log where id = 4');
      await pg.exec('alter table audit_log enable trigger audit_log_no_change');
    } finally {
      await pg.close();
    }
    const r = await runCli(['audit', 'verify'], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('审计日志被篡改');
    expect(r.stdout).toContain('第 2 条审计记录内容被修改');
    expect(r.stdout).toContain('第 4–4 条审计记录缺失');

    // The same verdict through a running server, with --url.
    const server = await startServer(env);
    try {
      const remote = await runCli(['audit', 'verify', '--url', server.url], { ...env, GONGKAI_USERNAME: 'admin', GONGKAI_PASSWORD: adminPassword });
      expect(remote.code).toBe(1);
      expect(remote.stdout).toContain('第 2 条审计记录内容被修改');
      expect(remote.stdout).toContain('第 4–4 条审计记录缺失');
    } finally {
      await server.stop();
    }
  });

  it('exits 2 on usage errors and an unreachable server', async () => {
    const usage = await runCli(['audit', 'check'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('用法');
    const badUrl = await runCli(['audit', 'verify', '--url', 'ftp://x'], env);
    expect(badUrl.code).toBe(2);
    const down = await runCli(['audit', 'verify', '--url', 'http://127.0.0.1:9'], { ...env, GONGKAI_USERNAME: 'admin', GONGKAI_PASSWORD: adminPassword });
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('无法连接');
  });
});
