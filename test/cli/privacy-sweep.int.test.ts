/**
 * `gongkai privacy sweep` as a real process on the demo installation: directly on a stopped
 * installation, and through the running server when it holds the data folder (credentials from
 * the environment). The demo items include offices' landlines (medium findings), so both exit 1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAll, processTestTimeout, runCli, startServer, tempDir } from './process.ts';

const adminPassword = 'Sweep-Test-Passw0rd';
let env: Record<string, string>;

beforeAll(async () => {
  env = { GONGKAI_DATA_DIR: tempDir(), GONGKAI_ADMIN_PASSWORD: adminPassword };
  // The first start creates the demo agencies and items.
  const server = await startServer(env);
  expect(await server.stop()).toMatchObject({ code: 0 });
});
afterAll(killAll);

describe('gongkai privacy sweep', { timeout: processTestTimeout }, () => {
  it('sweeps a stopped installation: progress lines on stderr, summary on stdout, exit 1 with findings', async () => {
    const r = await runCli(['privacy', 'sweep', '--agency', 'quchi'], env);
    expect(r.stderr).toMatch(/回头看进度：已检查 (\d+)\/\1（100%）/);
    expect(r.stdout).toMatch(/回头看完成：检查已公开信息 \d+ 条，其中 \d+ 条发现个人信息/);
    expect(r.stdout).toContain('固定电话');
    expect(r.code).toBe(1);
    const bad = await runCli(['privacy', 'sweep', '--agency', 'nowhere'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('单位 nowhere 不存在');
  });

  it('goes through the running server when it holds the data folder', async () => {
    const server = await startServer(env);
    try {
      const noCreds = await runCli(['privacy', 'sweep'], { ...env, PORT: String(server.port) });
      expect(noCreds.code).toBe(2);
      expect(noCreds.stderr).toContain('GONGKAI_PASSWORD');
      const r = await runCli(['privacy', 'sweep', '--agency', 'quchi', '--json'], { ...env, PORT: String(server.port), GONGKAI_USERNAME: 'admin', GONGKAI_PASSWORD: adminPassword });
      expect(r.stderr).toContain('改为通过服务');
      const json = JSON.parse(r.stdout);
      expect(json.run).toMatchObject({ trigger: 'cli', triggerName: '命令行', status: 'finished' });
      expect(json.run.done).toBe(json.run.total);
      expect(json.items.length).toBe(json.run.itemsWithFindings);
      expect(json.items[0].findings[0]).toMatchObject({ typeLabel: expect.any(String), place: expect.stringMatching(/^(正文|附件)/) });
      expect(r.code).toBe(1);
    } finally {
      await server.stop();
    }
  });
});
