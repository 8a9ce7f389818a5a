/**
 * `gongkai privacy sweep [--agency 代码] [--json] [--url …] [--user …]`: the 回头看 sweep of
 * everything published (attachments included), recorded as a run like the scheduled one.
 * Opens the installation directly; when a running embedded server holds the data folder (or
 * with --url), starts the sweep through the server instead and follows its progress (user from
 * --user or GONGKAI_USERNAME, password only from GONGKAI_PASSWORD, as `audit verify` does).
 * A progress bar on stderr when it is a terminal, plain progress lines otherwise; the summary on
 * stdout. Exit: 0 nothing found, 1 findings, 2 usage / unknown agency / server error.
 */
import { parseArgs } from 'node:util';
import type { AppContext } from '../context.ts';
import type { Config } from '../lib/config.ts';
import { listAgencies, type Agency } from '../modules/agencies/index.ts';
import { confidenceNames, readSweepItems, runPrivacySweep, type SweepReportItem, type SweepRun } from '../modules/publishing/index.ts';
import type { CliEnv } from './cli-env.ts';
import { argsErrorMessage, runLocallyOrRemotely } from './local-or-remote.ts';
import type { RemoteSession } from './remote.ts';

const usage = `用法: gongkai privacy sweep [--agency 单位代码或标识] [--json] [--url http://主机:端口] [--user 用户名]
  回头看：重新检查已公开的全部信息（含附件）中的个人信息，结果记入回头看记录（管理后台「隐私回头看」可查看、导出、撤回或更正）。
  服务运行中（内置数据库）或给出 --url 时经服务执行：用户名取 --user 或 GONGKAI_USERNAME，密码只取环境变量 GONGKAI_PASSWORD。
  退出码: 0 未发现；1 发现个人信息；2 参数错误、单位不存在或服务拒绝。
`;

/** Output streams; `isTTY` chooses the progress bar over progress lines. */
export interface SweepIo {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

/** Draws progress: an updating bar on a terminal, a line per update otherwise (logs, CI). */
export function progressPrinter(io: SweepIo): { update(done: number, total: number): void; end(): void } {
  let drawn = false;
  let lastLine = '';
  return {
    update(done, total) {
      const pct = total ? Math.min(100, Math.floor((done / total) * 100)) : 100;
      if (io.isTTY) {
        const width = 30;
        const fill = Math.round((pct / 100) * width);
        io.err(`\r回头看 [${'█'.repeat(fill)}${'░'.repeat(width - fill)}] ${done}/${total} ${pct}%`);
        drawn = true;
      } else {
        const line = `回头看进度：已检查 ${done}/${total}（${pct}%）\n`;
        if (line !== lastLine) io.err(line);
        lastLine = line;
      }
    },
    end() {
      if (drawn) io.err('\n');
    },
  };
}

/** The summary (or JSON) on stdout; returns the exit code. */
export function printSweepResult(run: SweepRun, items: SweepReportItem[], json: boolean, io: SweepIo): number {
  if (json) {
    io.out(
      `${JSON.stringify({
        run,
        items: items.map((i) => ({
          documentId: i.documentId,
          indexNo: i.indexNo,
          title: i.title,
          publishedAt: i.publishedAt,
          findings: i.findings.map((f) => ({ type: f.type, typeLabel: f.typeLabel, masked: f.masked, confidence: f.confidence, place: f.place, location: f.location, reason: f.reason })),
        })),
      })}\n`,
    );
  } else {
    if (run.status !== 'finished') io.out(`回头看未完成（${run.statusName}${run.error ? `：${run.error}` : ''}）\n`);
    io.out(`回头看完成：检查已公开信息 ${run.done} 条，${run.itemsWithFindings ? `其中 ${run.itemsWithFindings} 条发现个人信息，共 ${run.findingsCount} 处` : '未发现个人信息'}。\n`);
    for (const i of items) {
      io.out(`  ${i.indexNo}  ${i.title}${i.publishedAt ? `（${i.publishedAt.slice(0, 10)} 发布）` : ''}\n`);
      for (const f of i.findings) io.out(`    ${f.place}  ${f.typeLabel}  ${f.type === 'manualReview' ? f.reason : f.masked}  [${confidenceNames[f.confidence]}]\n`);
    }
    if (items.length) io.out('请在管理后台「隐私回头看」中撤回或更正脱敏。\n');
  }
  if (run.status !== 'finished') return 2;
  return run.itemsWithFindings > 0 ? 1 : 0;
}

function findAgency(agencies: Agency[], key: string): Agency | undefined {
  return agencies.find((a) => a.code === key) ?? agencies.find((a) => a.slug === key);
}

/** The sweep on an open installation (tests call this with their context). */
export async function sweepLocally(ctx: AppContext, opts: { agency?: string | undefined; json: boolean }, io: SweepIo): Promise<number> {
  let agencyId: string | null = null;
  if (opts.agency) {
    const agency = findAgency(await listAgencies(ctx.db), opts.agency);
    if (!agency) {
      io.err(`单位 ${opts.agency} 不存在（请用单位代码或标识）\n`);
      return 2;
    }
    agencyId = agency.id;
  }
  const progress = progressPrinter(io);
  let run: SweepRun;
  try {
    run = await runPrivacySweep(ctx, { agencyId, trigger: 'cli', onProgress: (d, t) => progress.update(d, t) });
  } finally {
    progress.end();
  }
  return printSweepResult(run, await readSweepItems(ctx.db, run.id), opts.json, io);
}

/** The sweep through a running server: start it, poll its progress, read its report. */
export async function sweepRemotely(session: RemoteSession, opts: { agency?: string | undefined; json: boolean; pollMs?: number }, io: SweepIo): Promise<number> {
  let agencyId: string | undefined;
  if (opts.agency) {
    const { agencies } = await session.json<{ agencies: Agency[] }>('GET', '/api/agencies');
    const agency = findAgency(agencies, opts.agency);
    if (!agency) {
      io.err(`单位 ${opts.agency} 不存在或无权访问（请用单位代码或标识）\n`);
      return 2;
    }
    agencyId = agency.id;
  }
  const started = await session.json<{ run: SweepRun; alreadyRunning: boolean }>('POST', '/api/privacy/sweeps', { trigger: 'cli', ...(agencyId ? { agencyId } : {}) });
  if (started.alreadyRunning) io.err('已有一次回头看正在进行，改为跟踪它的进度\n');
  const progress = progressPrinter(io);
  let run = started.run;
  try {
    for (;;) {
      progress.update(run.done, run.total);
      if (run.status !== 'running') break;
      await new Promise((r) => setTimeout(r, opts.pollMs ?? 1000));
      run = (await session.json<{ run: SweepRun }>('GET', `/api/privacy/sweeps/${run.id}?pageSize=1`)).run;
    }
  } finally {
    progress.end();
  }
  const items: SweepReportItem[] = [];
  for (let page = 1; ; page++) {
    const r = await session.json<{ items: SweepReportItem[]; total: number }>('GET', `/api/privacy/sweeps/${run.id}?page=${page}&pageSize=100${agencyId ? `&agencyId=${agencyId}` : ''}`);
    items.push(...r.items);
    if (items.length >= r.total || !r.items.length) break;
  }
  return printSweepResult(run, items, opts.json, io);
}

/** `gongkai privacy sweep …` (registered by privacy.command.ts). */
export async function privacySweepCommand(config: Config, args: string[], env: CliEnv): Promise<number> {
  const io: SweepIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), isTTY: !!process.stderr.isTTY };
  let values: { agency?: string | undefined; json?: boolean | undefined; url?: string | undefined; user?: string | undefined };
  try {
    ({ values } = parseArgs({ args, options: { agency: { type: 'string' }, json: { type: 'boolean' }, url: { type: 'string' }, user: { type: 'string' } } }));
  } catch (e) {
    io.err(argsErrorMessage(e, usage));
    return 2;
  }
  const opts = { agency: values.agency, json: !!values.json };
  return runLocallyOrRemotely({
    config,
    env,
    url: values.url,
    user: values.user,
    action: '执行回头看',
    err: io.err,
    local: (ctx) => sweepLocally(ctx, opts, io),
    remote: (session) => sweepRemotely(session, opts, io),
  });
}
