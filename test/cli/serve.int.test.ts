/**
 * `gongkai serve` as a real process: first start and the administrator password, HOST/PORT,
 * the embedded data folder lock, and a restart after SIGKILL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServerDatabase, testServerUrl } from '../support/db.ts';
import { freePort, killAll, processTestTimeout, runCli, signIn, startServer, tempDir } from './process.ts';

afterAll(killAll);

const passwordLine = /初始密码: (\S+)/;

describe('first start', { timeout: processTestTimeout }, () => {
  it('prints a generated admin password exactly once, stores it 0600, and it signs in', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const first = await startServer({ GONGKAI_DATA_DIR: dataDir, PORT: String(port) });
    // HOST and PORT are respected.
    expect(first.url).toBe(`http://127.0.0.1:${port}`);
    const password = passwordLine.exec(first.stdout())?.[1];
    expect(password).toBeDefined();
    const file = path.join(dataDir, 'admin-password.txt');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(password);
    await signIn(first.url, 'admin', password!);
    expect(await first.stop()).toMatchObject({ code: 0 });
    const all = first.stdout() + first.stderr();
    expect(all.split(password!).length - 1).toBe(1);

    const second = await startServer({ GONGKAI_DATA_DIR: dataDir, PORT: String(port) });
    expect(second.stdout()).not.toMatch(passwordLine);
    expect(second.stdout() + second.stderr()).not.toContain(password);
    const admin = await signIn(second.url, 'admin', password!);
    expect((await admin.request('GET', '/api/auth/session')).status).toBe(200);
    expect(await second.stop()).toMatchObject({ code: 0 });
  });

  it('honours GONGKAI_ADMIN_PASSWORD: nothing printed, nothing written', async () => {
    const dataDir = tempDir();
    const server = await startServer({ GONGKAI_DATA_DIR: dataDir, GONGKAI_ADMIN_PASSWORD: 'Env-Admin-Passw0rd', GONGKAI_DEMO: 'false' });
    expect(server.stdout()).not.toMatch(passwordLine);
    expect(server.stdout() + server.stderr()).not.toContain('Env-Admin-Passw0rd');
    expect(fs.existsSync(path.join(dataDir, 'admin-password.txt'))).toBe(false);
    await signIn(server.url, 'admin', 'Env-Admin-Passw0rd');
    await server.stop();
  });

  it('listens on the HOST and PORT given', async () => {
    const port = await freePort();
    const server = await startServer({ GONGKAI_DATA_DIR: tempDir(), GONGKAI_DEMO: 'false', HOST: '127.0.0.1', PORT: String(port) });
    expect(server.stdout()).toContain(`http://127.0.0.1:${port}/`);
    const res = await fetch(`http://127.0.0.1:${port}/api/auth/session`);
    expect(res.status).toBe(401);
    await server.stop();
  });
});

describe('the embedded data folder lock', { timeout: processTestTimeout }, () => {
  it('refuses a second server on the same folder (exit 3, Chinese message) while the first keeps serving', async () => {
    const dataDir = tempDir();
    const env = { GONGKAI_DATA_DIR: dataDir, GONGKAI_ADMIN_PASSWORD: 'Lock-Test-Passw0rd', GONGKAI_DEMO: 'false' };
    const first = await startServer(env);
    const second = await runCli(['serve'], { ...env, PORT: String(await freePort()) });
    expect(second.code).toBe(3);
    expect(second.stderr).toContain('数据目录已被另一个 Gongkai 进程');
    expect(second.stderr).toContain(`pid ${first.pid}`);
    const admin = await signIn(first.url, 'admin', 'Lock-Test-Passw0rd');
    expect((await admin.request('GET', '/api/users')).status).toBe(200);
    await first.stop();
  });

  it('after kill -9 the next start takes over the stale lock and what was written is there', async () => {
    const dataDir = tempDir();
    const env = { GONGKAI_DATA_DIR: dataDir, GONGKAI_ADMIN_PASSWORD: 'Kill-Test-Passw0rd', GONGKAI_DEMO: 'false' };
    const first = await startServer(env);
    const admin = await signIn(first.url, 'admin', 'Kill-Test-Passw0rd');
    const created = await admin.request('POST', '/api/users', { username: 'survivor', displayName: '幸存者', password: 'Surv1vor-Passw0rd', globalRole: 'supervisor' });
    expect(created.status).toBe(201);
    await first.kill9();
    expect(fs.readFileSync(path.join(dataDir, 'gongkai.lock'), 'utf8').trim()).toBe(String(first.pid));

    const second = await startServer(env);
    const again = await signIn(second.url, 'admin', 'Kill-Test-Passw0rd');
    const users = (await (await again.request('GET', '/api/users')).json()) as { users: { username: string }[] };
    expect(users.users.map((u) => u.username)).toContain('survivor');
    await second.stop();
    expect(fs.existsSync(path.join(dataDir, 'gongkai.lock'))).toBe(false);
  });
});

describe.runIf(testServerUrl)('first start on a PostgreSQL server (DATABASE_URL)', { timeout: processTestTimeout }, () => {
  it('prints the password once, stores it 0600, signs in, and lets two processes share the database', async () => {
    const db = (await createServerDatabase())!;
    try {
      const dataDir = tempDir();
      const env = { GONGKAI_DATA_DIR: dataDir, DATABASE_URL: db.url, GONGKAI_DEMO: 'false' };
      const first = await startServer(env);
      expect(first.stdout()).toContain('PostgreSQL');
      const password = passwordLine.exec(first.stdout())?.[1];
      expect(password).toBeDefined();
      expect(fs.statSync(path.join(dataDir, 'admin-password.txt')).mode & 0o777).toBe(0o600);
      expect(fs.existsSync(path.join(dataDir, 'pg'))).toBe(false);
      // No folder lock with a server database: a second process starts, prints no password.
      const second = await startServer(env);
      expect(second.stdout()).not.toMatch(passwordLine);
      await signIn(second.url, 'admin', password!);
      await signIn(first.url, 'admin', password!);
      await Promise.all([first.stop(), second.stop()]);
      const third = await startServer(env);
      expect(third.stdout() + third.stderr()).not.toContain(password);
      await third.stop();
    } finally {
      await db.drop();
    }
  });
});
