/** `gongkai serve`: the web process (with in-process jobs). */
import type { Config } from './lib/config.ts';
import { buildApp } from './app.ts';
import { openRuntime } from './runtime.ts';
import { adminPasswordFile, firstStart } from './setup.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { allJobs } from './jobs/registry.ts';

/** Starts the server; resolves once listening, with a stop function. */
export async function serve(config: Config): Promise<{ url: string; stop: () => Promise<void> }> {
  const runtime = await openRuntime(config);
  const { ctx } = runtime;
  const { generatedPassword } = await firstStart(ctx);
  if (generatedPassword) {
    // Printed exactly once, on the start that created the account.
    process.stdout.write(
      `\n  已创建管理员账号 admin，初始密码: ${generatedPassword}\n  （密码已保存到 ${adminPasswordFile(ctx)}，仅本机可读；首次登录后请修改）\n  Administrator "admin" created; password above (also in that file, mode 0600).\n\n`,
    );
  }
  const app = await buildApp(ctx);
  const stopJobs = config.embedded || config.GONGKAI_JOBS ? startScheduler(ctx, allJobs()) : async () => undefined;
  await app.listen({ host: config.HOST, port: config.PORT });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
  ctx.log.info({ url, engine: ctx.database.engine }, 'Gongkai is listening');
  process.stdout.write(`Gongkai 已启动: ${url}/  管理后台: ${url}/admin/  (${ctx.database.engine === 'pglite' ? `内置数据库 ${config.dataDir}` : 'PostgreSQL'})\n`);
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await stopJobs();
      await app.close();
      await runtime.close();
    })();
    return stopping;
  };
  return { url, stop };
}
