/**
 * `gongkai catalog backfill` as a real process on the demo installation whose items were made to
 * look published before enforcement (catalog links cleared): a dry run on the stopped
 * installation, --apply through the running server that holds the data folder, then nothing left.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/lib/config.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { openRuntime } from '../../src/runtime.ts';
import { killAll, processTestTimeout, runCli, startServer, tempDir } from './process.ts';

const adminPassword = 'Backfill-Test-Passw0rd';
let env: Record<string, string>;
let cleared = 0;

beforeAll(async () => {
  env = { GONGKAI_DATA_DIR: tempDir(), GONGKAI_ADMIN_PASSWORD: adminPassword };
  // The first start creates the demo agencies and items (all linked to their column's item).
  const server = await startServer(env);
  expect(await server.stop()).toMatchObject({ code: 0 });
  // Legacy rows: the demo agency's items lose their links, as items published before enforcement.
  const runtime = await openRuntime(parseConfig({ GONGKAI_DATA_DIR: env.GONGKAI_DATA_DIR!, LOG_LEVEL: 'silent' }), createLogger('silent'));
  try {
    const db = runtime.ctx.db;
    await db.execute(sql`update document_versions set catalog_item_id = null where agency_id = (select id from agencies where slug = 'quchi')`);
    const r = await db.execute(sql`update documents set catalog_item_id = null where agency_id = (select id from agencies where slug = 'quchi') and disclosure = 'proactive' and live_version is not null and status <> 'withdrawn' returning id`);
    cleared = (r as unknown as { rows: unknown[] }).rows.length;
  } finally {
    await runtime.close();
  }
  expect(cleared).toBeGreaterThan(3);
});
afterAll(killAll);

describe('gongkai catalog backfill', { timeout: processTestTimeout }, () => {
  it('dry run on a stopped installation: what the column defaults would link, exit 1, nothing written', async () => {
    const dry = await runCli(['catalog', 'backfill', '--agency', 'quchi'], env);
    expect(dry.stdout).toContain(`未归入目录的主动公开信息 ${cleared} 条`);
    expect(dry.stdout).toContain(`按栏目默认可归入 ${cleared} 条`);
    expect(dry.stdout).toContain('→ 社会救助 / 最低生活保障 / 低保对象与资金');
    expect(dry.stdout).toContain('以上为试运行，未做任何修改');
    expect(dry.code).toBe(1);
    const usage = await runCli(['catalog', 'nothing'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('未知子命令');
  });

  it('--apply goes through the running server when it holds the data folder', async () => {
    const server = await startServer(env);
    try {
      const noCreds = await runCli(['catalog', 'backfill', '--apply'], { ...env, PORT: String(server.port) });
      expect(noCreds.code).toBe(2);
      expect(noCreds.stderr).toContain('GONGKAI_PASSWORD');
      const applied = await runCli(['catalog', 'backfill', '--agency', 'quchi', '--apply'], { ...env, PORT: String(server.port), GONGKAI_USERNAME: 'admin', GONGKAI_PASSWORD: adminPassword });
      expect(applied.stderr).toContain('改为通过服务');
      expect(applied.stdout).toContain(`已归入 ${cleared} 条`);
      expect(applied.code).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it('afterwards nothing is left (exit 0)', async () => {
    const after = await runCli(['catalog', 'backfill', '--agency', 'quchi'], env);
    expect(after.stdout).toContain('没有未归入目录的主动公开信息');
    expect(after.code).toBe(0);
  });
});
