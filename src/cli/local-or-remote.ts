/**
 * The "on the open installation, or through the running server" plumbing shared by the CLI
 * commands that can do either (`catalog backfill`, `privacy sweep`): with --url, or when a running
 * embedded server holds the data folder, sign in to the server (user from --user or
 * GONGKAI_USERNAME, password only from GONGKAI_PASSWORD, never from the command line) and run the
 * command through its API; otherwise open the installation and run it locally.
 */
import type { AppContext } from '../context.ts';
import { DataDirLockedError } from '../db/lock.ts';
import type { Config } from '../lib/config.ts';
import { createLogger } from '../lib/logger.ts';
import { openRuntime } from '../runtime.ts';
import type { CliEnv } from './cli-env.ts';
import { localServerUrl, openSession, RemoteError, type RemoteSession } from './remote.ts';

/** The message for a parseArgs failure: a refusal for --password, else the error and the usage. */
export function argsErrorMessage(e: unknown, usage: string): string {
  const password = /--password/.test((e as Error).message);
  return password ? '出于安全考虑，密码不能写在命令行上：请通过环境变量 GONGKAI_PASSWORD 提供\n' : `${(e as Error).message}\n${usage}`;
}

export interface LocalOrRemote {
  config: Config;
  env: CliEnv;
  /** --url and --user as given. */
  url: string | undefined;
  user: string | undefined;
  /** What the command does, in the messages, e.g. 补登目录事项 (「通过服务 … 补登目录事项需要登录」). */
  action: string;
  err: (s: string) => void;
  local(ctx: AppContext): Promise<number>;
  remote(session: RemoteSession): Promise<number>;
}

/** Runs the command locally or through the server; exit code 2 for a bad --url, missing credentials or a RemoteError. */
export async function runLocallyOrRemotely(o: LocalOrRemote): Promise<number> {
  const remote = async (baseUrl: string): Promise<number> => {
    const username = o.user ?? o.env.GONGKAI_USERNAME;
    const password = o.env.GONGKAI_PASSWORD;
    if (!username || !password) {
      o.err(`通过服务 ${baseUrl} ${o.action}需要登录：请设置环境变量 GONGKAI_USERNAME（或使用 --user）和 GONGKAI_PASSWORD（平台管理员或单位管理员账号）\n`);
      return 2;
    }
    let session: RemoteSession | undefined;
    try {
      session = await openSession({ baseUrl, username, password });
      return await o.remote(session);
    } catch (e) {
      if (e instanceof RemoteError) {
        o.err(`${e.message}\n`);
        return 2;
      }
      throw e;
    } finally {
      await session?.close();
    }
  };
  if (o.url !== undefined) {
    if (!/^https?:\/\/[^/\s]+\/?$/.test(o.url)) {
      o.err(`--url 须为服务地址，例如 http://127.0.0.1:3000（收到: ${o.url}）\n`);
      return 2;
    }
    return remote(o.url);
  }
  let runtime;
  try {
    runtime = await openRuntime(o.config, createLogger('warn'));
  } catch (e) {
    if (!(e instanceof DataDirLockedError)) throw e;
    const url = localServerUrl(o.config.HOST, o.config.PORT);
    o.err(`数据目录正被运行中的服务（pid ${e.pid}）使用，改为通过服务 ${url} ${o.action}\n`);
    return remote(url);
  }
  try {
    return await o.local(runtime.ctx);
  } finally {
    await runtime.close();
  }
}
