/**
 * `gongkai user add / reset-password` as a real process: good input works, bad input exits 2 in
 * Chinese, and the password never has to be on the command line (stdin, a prompt without echo on
 * a terminal, or a generated one-time password).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, killAll, processTestTimeout, repoRoot, runCli, signIn, startServer, tempDir, type CliResult } from './process.ts';

let env: Record<string, string>;

beforeAll(async () => {
  env = { GONGKAI_DATA_DIR: tempDir(), GONGKAI_ADMIN_PASSWORD: 'User-Test-Passw0rd' };
  // One start creates the demo agencies: `quchi` exists for --agency.
  const server = await startServer(env);
  await server.stop();
});
afterAll(killAll);

const cjk = /[\u4e00-\u9fff]/;

describe('gongkai user', { timeout: processTestTimeout }, () => {
  it('refuses malformed input before touching the database (exit 2, Chinese)', async () => {
    const cases: [string[], RegExp][] = [
      [['user'], /用法/],
      [['user', 'add', 'a b'], /用户名 a b 无效/],
      [['user', 'add', 'zhangsan', '--bogus'], /参数有误/],
      [['user', 'add', 'zhangsan', '--agency', 'quchi', '--roles', 'king'], /未知角色: king/],
      [['user', 'add', 'zhangsan', '--roles', 'drafter'], /须用 --agency 指定单位/],
      [['user', 'reset-password', 'zhangsan', 'extra'], /用法/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args, env)));
    results.forEach((r, i) => {
      expect(r.code, cases[i]![0].join(' ')).toBe(2);
      expect(r.stderr).toMatch(cases[i]![1]);
      expect(r.stderr).toMatch(cjk);
    });
  });

  it('adds a user with a generated one-time password and resets its password', async () => {
    const add = await runCli(['user', 'add', 'zhangsan', '--name', '张三', '--agency', 'quchi', '--roles', 'drafter', '--generate'], env);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/已新增用户 zhangsan，一次性初始密码: \S{10,}（仅显示这一次，首次登录须修改）/);
    const reset = await runCli(['user', 'reset-password', 'zhangsan'], env);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/用户 zhangsan 的新密码: \S+/);
  });

  it('refuses a duplicate name and an unknown user (exit 2, Chinese)', async () => {
    const duplicate = await runCli(['user', 'add', 'admin', '--generate'], env);
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toContain('用户名 admin 已存在');
    const unknown = await runCli(['user', 'reset-password', 'nobody'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('用户 nobody 不存在');
  });

  it('refuses a weak password and an unknown agency (exit 2, Chinese)', async () => {
    const weak = await runWithStdin(['user', 'add', 'lisi', '--password-stdin'], 'short\n', env);
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('密码至少 10 个字符');
    const agency = await runCli(['user', 'add', 'lisi', '--agency', 'nowhere', '--roles', 'drafter', '--generate'], env);
    expect(agency.code).toBe(2);
    expect(agency.stderr).toContain('单位 nowhere 不存在');
  });
});

/** Runs `gongkai ARGS…` with `input` on its standard input (a pipe, not a terminal). */
function runWithStdin(args: string[], input: string, env: Record<string, string>): Promise<CliResult> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'gongkai.mjs'), ...args], { cwd: repoRoot, env: childEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/**
 * Runs `gongkai ARGS…` on a real terminal (util-linux `script` allocates a pseudo-terminal) and
 * answers each prompt once it is shown. Returns everything the terminal displayed.
 */
function runOnTerminal(args: string[], answers: string[], env: Record<string, string>): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, path.join(repoRoot, 'bin', 'gongkai.mjs'), ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: repoRoot, env: childEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let answered = 0;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    screen += d;
    // One answer per prompt shown (each prompt ends with a full-width colon).
    const prompts = (screen.match(/密码[^\n]*：/g) ?? []).length;
    while (answered < prompts && answered < answers.length) child.stdin.write(`${answers[answered++]!}\r`);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, screen })));
}

/** util-linux `script`, for a real terminal. */
const scriptAvailable = fs.existsSync('/usr/bin/script');

describe('gongkai user add: the password off the command line', { timeout: processTestTimeout }, () => {
  const chosen = 'Stdin-Chosen-Passw0rd';

  it('reads the password from standard input (--password-stdin), without forcing a change', async () => {
    const add = await runWithStdin(['user', 'add', 'wangwu', '--agency', 'quchi', '--roles', 'drafter', '--password-stdin'], `${chosen}\nignored second line\n`, env);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toBe('已新增用户 wangwu\n');
    expect(add.stdout).not.toContain(chosen);
  });

  it('refuses empty standard input and a run with no password source off a terminal (exit 2, Chinese)', async () => {
    const empty = await runWithStdin(['user', 'add', 'zhaoliu', '--password-stdin'], '', env);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('标准输入中没有密码');
    const none = await runCli(['user', 'add', 'zhaoliu'], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('未提供密码：请用 --password-stdin');
    const two = await runWithStdin(['user', 'add', 'zhaoliu', '--password-stdin', '--generate'], `${chosen}\n`, env);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('只能选一个');
  });

  it('still accepts --password (scripts and e2e setups use it) but warns in Chinese', async () => {
    const add = await runCli(['user', 'add', 'sunqi', '--password', 'Argv-Passw0rd-Old'], env);
    expect(add.code).toBe(0);
    expect(add.stderr).toContain('警告：--password 会使密码出现在进程列表（ps）和命令历史中');
    expect(add.stdout).toBe('已新增用户 sunqi\n');
  });

  it.runIf(scriptAvailable)('prompts twice on a terminal without echoing, and refuses a mismatch', async () => {
    const typed = 'Typed-On-Tty-Passw0rd';
    const ok = await runOnTerminal(['user', 'add', 'zhouba', '--name', '周八'], [typed, typed], env);
    expect(ok.screen).toContain('请输入新用户的密码（输入时不显示）：');
    expect(ok.screen).toContain('请再次输入密码：');
    expect(ok.screen).toContain('已新增用户 zhouba');
    expect(ok.screen).not.toContain(typed);
    expect(ok.code).toBe(0);
    const bad = await runOnTerminal(['user', 'add', 'wujiu'], ['First-Passw0rd-One', 'Other-Passw0rd-Two'], env);
    expect(bad.screen).toContain('两次输入的密码不一致');
    expect(bad.screen).not.toContain('First-Passw0rd-One');
    expect(bad.code).toBe(2);
  });

  it('signs in with the chosen passwords; only the generated one must be changed', async () => {
    const gen = await runCli(['user', 'add', 'zhengshi', '--generate'], env);
    const oneTime = /一次性初始密码: (\S+?)（/.exec(gen.stdout)![1]!;
    const server = await startServer(env);
    try {
      const session = async (username: string, password: string) => {
        const api = await signIn(server.url, username, password);
        return ((await (await api.request('GET', '/api/auth/session')).json()) as { actor: { mustChangePassword: boolean } }).actor.mustChangePassword;
      };
      expect(await session('wangwu', chosen)).toBe(false);
      expect(await session('zhengshi', oneTime)).toBe(true);
      if (scriptAvailable) expect(await session('zhouba', 'Typed-On-Tty-Passw0rd')).toBe(false);
    } finally {
      await server.stop();
    }
  });
});
