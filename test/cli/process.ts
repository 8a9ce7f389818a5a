/**
 * Process-level test support: runs `node bin/gongkai.mjs …` as real child processes with
 * their own data folder and port, and talks to the real server with fetch. Every child is
 * remembered so `killAll` (afterAll) can end what a failed test left running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(repoRoot, 'bin', 'gongkai.mjs');

/**
 * Per-test limit of process tests: each child pays Node + tsx start-up and opening the database,
 * a few seconds on the 2 cores of CI that other test files share. Tests aim well below it.
 */
export const processTestTimeout = 120_000;

const children = new Set<ChildProcess>();
const tempDirs: string[] = [];

/** A port nobody listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh temporary folder, removed by {@link killAll}. */
export function tempDir(prefix = 'gongkai-cli-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** The parent's environment without any Gongkai setting, plus `env`. */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('GONGKAI_') || ['DATABASE_URL', 'HOST', 'PORT', 'LOG_LEVEL'].includes(k)) continue;
    base[k] = v;
  }
  return { ...base, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env };
}

/** A running `gongkai serve`. */
export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM and wait (graceful stop). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL and wait. */
  kill9(): Promise<void>;
}

function spawnGongkai(args: string[], env: Record<string, string>): { child: ChildProcess; out: () => string; err: () => string; exited: ServerProcess['exited'] } {
  const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  return { child, out: () => out, err: () => err, exited };
}

/**
 * Starts `gongkai serve` and waits until it says it is listening (or fails when it exits
 * first or `timeoutMs` passes). `env` must hold GONGKAI_DATA_DIR; PORT defaults to a free port.
 */
export async function startServer(env: Record<string, string>, timeoutMs = 45_000): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const p = spawnGongkai(['serve'], { PORT: String(port), ...env });
  const started = Date.now();
  let exit: { code: number | null } | null = null;
  void p.exited.then((e) => (exit = e));
  const ready = /Gongkai 已启动: (http:\/\/\S+?)\/ /;
  while (!ready.test(p.out())) {
    if (exit) throw new Error(`server exited with ${String((exit as { code: number | null }).code)} before listening:\n${p.out()}\n${p.err()}`);
    if (Date.now() - started > timeoutMs) {
      p.child.kill('SIGKILL');
      throw new Error(`server did not start within ${timeoutMs} ms:\n${p.out()}\n${p.err()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = ready.exec(p.out())![1]!;
  return {
    child: p.child,
    pid: p.child.pid!,
    url,
    port,
    stdout: p.out,
    stderr: p.err,
    exited: p.exited,
    async stop() {
      p.child.kill('SIGTERM');
      return p.exited;
    },
    async kill9() {
      p.child.kill('SIGKILL');
      await p.exited;
    },
  };
}

/** Result of a finished CLI run. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `gongkai ARGS…` to completion. */
export async function runCli(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<CliResult> {
  const p = spawnGongkai(args, env);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), timeoutMs);
  const { code } = await p.exited;
  clearTimeout(timer);
  return { code, stdout: p.out(), stderr: p.err() };
}

/** Kills every child still running and removes the temporary folders (afterAll). */
export async function killAll(): Promise<void> {
  const waiting = [...children].map(
    (c) =>
      new Promise<void>((resolve) => {
        c.once('close', () => resolve());
        c.kill('SIGKILL');
        setTimeout(resolve, 5000).unref();
      }),
  );
  await Promise.all(waiting);
  for (const d of tempDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** A signed-in API client (session cookie + CSRF token) against a real server. */
export interface ApiClient {
  csrfToken: string;
  request(method: string, urlPath: string, body?: unknown): Promise<Response>;
}

/** Signs in through POST /api/auth/login; throws with the answer when it fails. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<ApiClient> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('gk_session='))!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    csrfToken,
    request: (method, urlPath, body) =>
      fetch(`${baseUrl}${urlPath}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      }),
  };
}
