/** `gongkai user add / reset-password` as a real process: good input works, bad input exits 2 in Chinese. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAll, processTestTimeout, runCli, startServer, tempDir } from './process.ts';

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

  it('adds a user and resets its password', async () => {
    const add = await runCli(['user', 'add', 'zhangsan', '--name', '张三', '--agency', 'quchi', '--roles', 'drafter'], env);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/已新增用户 zhangsan，初始密码: \S+/);
    const reset = await runCli(['user', 'reset-password', 'zhangsan'], env);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/用户 zhangsan 的新密码: \S+/);
  });

  it('refuses a duplicate name and an unknown user (exit 2, Chinese)', async () => {
    const duplicate = await runCli(['user', 'add', 'admin'], env);
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toContain('用户名 admin 已存在');
    const unknown = await runCli(['user', 'reset-password', 'nobody'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('用户 nobody 不存在');
  });

  it('refuses a weak password and an unknown agency (exit 2, Chinese)', async () => {
    const weak = await runCli(['user', 'add', 'lisi', '--password', 'short'], env);
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('密码至少 10 个字符');
    const agency = await runCli(['user', 'add', 'lisi', '--agency', 'nowhere', '--roles', 'drafter'], env);
    expect(agency.code).toBe(2);
    expect(agency.stderr).toContain('单位 nowhere 不存在');
  });
});
