/**
 * Starts a real Gongkai server as a child process (the way `npm start` does, without the admin
 * build step) on a temporary data folder and a free port — embedded, or on a fresh database of the
 * PostgreSQL server when GONGKAI_TEST_DATABASE_URL is set.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createServerDatabase } from '../../test/support/db.ts';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/gongkai.mjs');
const run = promisify(execFile);

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  env: Record<string, string>;
  /** Runs a `gongkai` subcommand against the same installation. */
  cli(args: string[]): Promise<{ stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

/** Prepares an installation (runs `setup` CLI commands first, while no server holds the lock) and starts it. */
export async function startServer(opts: { adminPassword: string; setup?: string[][]; env?: Record<string, string> }): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-e2e-'));
  const db = await createServerDatabase();
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    HOST: '127.0.0.1',
    PORT: String(port),
    GONGKAI_DATA_DIR: dataDir,
    GONGKAI_ADMIN_PASSWORD: opts.adminPassword,
    LOG_LEVEL: 'warn',
    ...(db ? { DATABASE_URL: db.url } : {}),
    ...opts.env,
  };
  const cli = (args: string[]) => run(process.execPath, [bin, ...args], { env, cwd: root });
  // The first start (demo agencies, admin) happens through `migrate` + the server; user setup needs the agencies.
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(process.execPath, [bin, 'serve'], { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 90_000);
      const onData = (d: Buffer) => {
        out += d.toString();
        if (out.includes('Gongkai 已启动')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child!.stdout!.on('data', onData);
      child!.stderr!.on('data', onData);
      child!.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${out}`));
      });
    });
  };
  const stopChild = async () => {
    const c = child as ChildProcess | null;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
      setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
    });
  };
  if (opts.setup?.length) {
    // Start once so the demo agencies exist, stop, then run the setup commands.
    await start();
    await stopChild();
    for (const args of opts.setup) await cli(args);
  }
  await start();
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    env,
    cli,
    async stop() {
      await stopChild();
      await db?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
