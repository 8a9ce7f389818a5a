/**
 * `gongkai catalog backfill [--agency 代码] [--apply] [--url …] [--user …]`: items published
 * before enforcement that have no 目录事项 (docs/modules/catalog.md §Backfill). Dry run by
 * default: prints, per agency, what its column default would link and what has no suggestion;
 * --apply links those with a suggestion (all of an agency's in one transaction per 500).
 * Opens the installation directly; when a running embedded server holds the data folder (or
 * with --url) it goes through the server's API instead, signed in with --user or
 * GONGKAI_USERNAME and GONGKAI_PASSWORD (from the environment only), as `privacy sweep` does.
 * Exit: 0 nothing left unlinked, 1 items remain unlinked (dry run: any; --apply: those without a
 * suggestion), 2 usage, unknown agency or a refusal.
 */
import { parseArgs } from 'node:util';
import type { AppContext } from '../context.ts';
import type { Config } from '../lib/config.ts';
import { AppError } from '../lib/errors.ts';
import { systemActor } from '../modules/accounts/index.ts';
import { listAgencies, type Agency } from '../modules/agencies/index.ts';
import { linkDocuments, unlinkedWithSuggestions, type UnlinkedItem } from '../modules/catalog/index.ts';
import type { CliEnv } from './cli-env.ts';
import type { Command } from './commands.ts';
import { argsErrorMessage, runLocallyOrRemotely } from './local-or-remote.ts';
import type { RemoteSession } from './remote.ts';

const usage = `用法: gongkai catalog backfill [--agency 单位代码或标识] [--apply] [--url http://主机:端口] [--user 用户名]
  补登目录事项：列出启用目录校验之前发布、尚未归入公开目录事项的主动公开信息，以及按栏目默认可归入的事项（试运行，不做修改）；
  加 --apply 将有建议事项的信息归入该事项（每条记入审计日志），无建议事项的请在管理后台「补登目录事项」中选择。
  服务运行中（内置数据库）或给出 --url 时经服务执行：用户名取 --user 或 GONGKAI_USERNAME，密码只取环境变量 GONGKAI_PASSWORD。
  退出码: 0 没有未归入目录的信息；1 仍有未归入的信息；2 参数错误、单位不存在或服务拒绝。
`;

/** Output streams (tests pass their own). */
export interface BackfillIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** How the backfill reaches the data: an open installation or a server. */
interface Backend {
  agencies(): Promise<Agency[]>;
  unlinked(agencyId: string): Promise<UnlinkedItem[]>;
  link(agencyId: string, links: Array<{ documentId: string; catalogItemId: string }>): Promise<number>;
}

/** Links per call (the API's maximum). */
const chunk = 500;

function findAgency(agencies: Agency[], key: string): Agency | undefined {
  return agencies.find((a) => a.code === key) ?? agencies.find((a) => a.slug === key);
}

const line = (i: UnlinkedItem) => `${i.indexNo}  ${i.title}（栏目：${i.columnName}，${i.publishedAt.slice(0, 10)} 发布）`;

async function run(backend: Backend, opts: { agency?: string | undefined; apply: boolean }, io: BackfillIo): Promise<number> {
  let agencies = await backend.agencies();
  if (opts.agency) {
    const agency = findAgency(agencies, opts.agency);
    if (!agency) {
      io.err(`单位 ${opts.agency} 不存在或无权访问（请用单位代码或标识）\n`);
      return 2;
    }
    agencies = [agency];
  }
  let remaining = 0;
  let linkedTotal = 0;
  for (const agency of agencies) {
    const items = await backend.unlinked(agency.id);
    if (items.length === 0) {
      if (opts.agency) io.out(`单位「${agency.name}」（${agency.slug}）：没有未归入目录的主动公开信息\n`);
      continue;
    }
    const suggested = items.filter((i) => i.suggestion);
    const none = items.filter((i) => !i.suggestion);
    io.out(`单位「${agency.name}」（${agency.slug}）：未归入目录的主动公开信息 ${items.length} 条\n`);
    if (suggested.length) {
      io.out(`  ${opts.apply ? '按栏目默认归入' : '按栏目默认可归入'} ${suggested.length} 条：\n`);
      for (const i of suggested) io.out(`    ${line(i)} → ${i.suggestion!.areaName} / ${i.suggestion!.level1} / ${i.suggestion!.level2}\n`);
    }
    if (none.length) {
      io.out(`  无建议事项 ${none.length} 条（栏目默认事项已被改名或删除，请在管理后台「补登目录事项」中选择）：\n`);
      for (const i of none) io.out(`    ${line(i)}\n`);
    }
    if (opts.apply && suggested.length) {
      let linked = 0;
      for (let k = 0; k < suggested.length; k += chunk) {
        linked += await backend.link(
          agency.id,
          suggested.slice(k, k + chunk).map((i) => ({ documentId: i.documentId, catalogItemId: i.suggestion!.id })),
        );
      }
      io.out(`  已归入 ${linked} 条。\n`);
      linkedTotal += linked;
      remaining += none.length;
    } else {
      remaining += items.length;
    }
  }
  if (!opts.apply) {
    io.out(remaining ? `共 ${remaining} 条未归入目录。以上为试运行，未做任何修改；加 --apply 归入有建议事项的信息。\n` : '没有未归入目录的主动公开信息。\n');
  } else {
    io.out(`共归入 ${linkedTotal} 条${remaining ? `；仍有 ${remaining} 条无建议事项，请在管理后台「补登目录事项」中选择` : '；没有未归入目录的主动公开信息了'}。\n`);
  }
  return remaining ? 1 : 0;
}

/** The backfill on an open installation (tests call this with their context). */
export async function backfillLocally(ctx: AppContext, opts: { agency?: string | undefined; apply: boolean }, io: BackfillIo): Promise<number> {
  try {
    return await run(
      {
        agencies: () => listAgencies(ctx.db),
        unlinked: (agencyId) => unlinkedWithSuggestions(ctx.db, agencyId),
        link: async (agencyId, links) => {
          const r = await linkDocuments(ctx.db, agencyId, links, systemActor, 'cli');
          for (const fn of ctx.onPublicChange) fn();
          return r.linked;
        },
      },
      opts,
      io,
    );
  } catch (e) {
    if (e instanceof AppError && e.code === 'UNPROCESSABLE') {
      io.err(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/** The backfill through a running server's API. */
export async function backfillRemotely(session: RemoteSession, opts: { agency?: string | undefined; apply: boolean }, io: BackfillIo): Promise<number> {
  return run(
    {
      agencies: async () => (await session.json<{ agencies: Agency[] }>('GET', '/api/agencies')).agencies,
      unlinked: async (agencyId) => {
        const all: UnlinkedItem[] = [];
        for (let page = 1; ; page++) {
          const r = await session.json<{ items: UnlinkedItem[]; total: number }>('GET', `/api/catalog/unlinked?agencyId=${agencyId}&page=${page}&pageSize=${chunk}`);
          all.push(...r.items);
          if (all.length >= r.total || r.items.length === 0) return all;
        }
      },
      link: async (agencyId, links) => (await session.json<{ result: { linked: number } }>('POST', '/api/catalog/link', { agencyId, links })).result.linked,
    },
    opts,
    io,
  );
}

async function backfillCommand(config: Config, args: string[], env: CliEnv): Promise<number> {
  const io: BackfillIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };
  let values: { agency?: string | undefined; apply?: boolean | undefined; url?: string | undefined; user?: string | undefined };
  try {
    ({ values } = parseArgs({ args, options: { agency: { type: 'string' }, apply: { type: 'boolean' }, url: { type: 'string' }, user: { type: 'string' } } }));
  } catch (e) {
    io.err(argsErrorMessage(e, usage));
    return 2;
  }
  const opts = { agency: values.agency, apply: !!values.apply };
  return runLocallyOrRemotely({
    config,
    env,
    url: values.url,
    user: values.user,
    action: '补登目录事项',
    err: io.err,
    local: (ctx) => backfillLocally(ctx, opts, io),
    remote: (session) => backfillRemotely(session, opts, io),
  });
}

/** `gongkai catalog <subcommand>`: today only `backfill`. */
export const catalogCommand: Command = async (config, args, env) => {
  const [sub, ...rest] = args;
  if (sub === 'backfill') return backfillCommand(config, rest, env);
  process.stderr.write(`${sub ? `未知子命令: catalog ${sub}\n` : ''}${usage}`);
  return 2;
};
