/**
 * Portal throughput (a benchmark, not a test; never gates CI):
 *
 *   npm run bench:portal -- [--items 100000] [--agencies 50] [--duration 10] [--connections 10]
 *                           [--database-url postgres://postgres@127.0.0.1:5432/postgres]
 *                           [--only static,home,list,detail,search] [--explain]
 *
 * 1. Seeds `items` published items across `agencies` agencies once (bench/seed.ts) into
 *    bench/.data/portal-<items> (PGlite), or into the database gk_bench on the server named by
 *    --database-url, and reuses that corpus on later runs.
 * 2. Starts `node bin/gongkai.mjs serve` as a child process (its own core; the load generator
 *    runs here), with GONGKAI_BENCH_STATIC_FILE pointing at a file of exactly the detail page's
 *    size, served by the same process at /bench-static.html through @fastify/static.
 * 3. Warms each URL up, then measures it with autocannon: home, a list page (page 1 and 2, and
 *    uncached), a detail page (one hot id, 1,000 ids rotating, uncached), searches of several
 *    kinds at 1 and at `connections` connections, and the static file (first and last).
 *    Prints req/s, p50 and p99 latency, body bytes and the ratio to the static file's req/s,
 *    with the 1-minute load average at the start of each run (the machine may be shared).
 *
 * --explain opens the corpus in this process instead and prints, for each search query, the
 * in-process time of searchPublished and EXPLAIN (ANALYZE, BUFFERS) of every statement it runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type AutocannonRequest } from 'autocannon';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import type { AppContext } from '../src/context.ts';
import { jobRuns } from '../src/db/schema/index.ts';
import { parseConfig, type Config } from '../src/lib/config.ts';
import { openRuntime } from '../src/runtime.ts';
import { allJobs, queryExpression, searchPublished } from './deps.ts';
import { seedItems } from './seed.ts';

const root = path.resolve(import.meta.dirname, '..');

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    agencies: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    'database-url': { type: 'string' },
    only: { type: 'string' },
    explain: { type: 'boolean', default: false },
  },
});

const items = Number(args.items);
const agencyCount = Number(args.agencies);
const duration = Number(args.duration);
const connections = Number(args.connections);
if (![items, agencyCount, duration, connections].every((n) => Number.isInteger(n) && n > 0) || items < agencyCount) {
  console.error('用法: npm run bench:portal -- [--items N] [--agencies A] [--duration S] [--connections C] [--database-url URL] [--only groups] [--explain]');
  process.exit(2);
}
const only = args.only ? new Set(args.only.split(',')) : null;
const serverUrl = args['database-url'];
const benchDb = 'gk_bench';

// ------------------------------------------------------------------ the corpus

const suffix = `${items}${agencyCount === 50 ? '' : `-a${agencyCount}`}`;
const dataDir = path.join(root, 'bench', '.data', serverUrl ? `portal-pg-${suffix}` : `portal-${suffix}`);

function configFor(dir: string, databaseUrl?: string): Config {
  return parseConfig({ GONGKAI_DATA_DIR: dir, GONGKAI_DEMO: 'false', GONGKAI_JOBS: 'false', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl ?? '' });
}

/** The bench database's URL on the server named by --database-url. */
function benchDatabaseUrl(url: string): { target: string; maintenance: string } {
  const target = new URL(url);
  target.pathname = `/${benchDb}`;
  const maintenance = new URL(url);
  if (maintenance.pathname === '/' || maintenance.pathname === '' || maintenance.pathname === `/${benchDb}`) maintenance.pathname = '/postgres';
  return { target: target.toString(), maintenance: maintenance.toString() };
}

/** Published bench items and bench agencies in a database, or null when it has no schema yet. */
async function countSeeded(url: string): Promise<{ items: number; agencies: number } | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ items: string; agencies: string }>(
      `select (select count(*) from document_versions v join agencies a on a.id = v.agency_id where v.is_current and a.slug like 'bench-%') as items,
              (select count(*) from agencies where slug like 'bench-%') as agencies`,
    );
    return { items: Number(r.rows[0]!.items), agencies: Number(r.rows[0]!.agencies) };
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

async function seedInto(config: Config): Promise<number> {
  const t0 = performance.now();
  const runtime = await openRuntime(config);
  try {
    console.log(`seeding ${items.toLocaleString()} items across ${agencyCount} agencies (${config.embedded ? `PGlite ${config.dataDir}` : 'PostgreSQL'}) …`);
    await seedItems(runtime.ctx, agencyCount, items);
  } finally {
    await runtime.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(`seeding took ${seconds.toFixed(0)} s (once; later runs reuse the corpus)`);
  return seconds;
}

/** Seeds the corpus unless it is already there; returns the configuration to open it with. */
async function prepareCorpus(): Promise<Config> {
  const marker = (dir: string) => path.join(dir, 'bench-seed.json');
  if (!serverUrl) {
    if (fs.existsSync(marker(dataDir))) {
      const m = JSON.parse(fs.readFileSync(marker(dataDir), 'utf8')) as { seconds: number; at: string };
      console.log(`reusing ${path.relative(root, dataDir)} (seeded ${m.at} in ${m.seconds.toFixed(0)} s)`);
      return configFor(dataDir);
    }
    // Seeded into a side folder and renamed at the end: an interrupted seeding is never reused.
    const partial = `${dataDir}.partial`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
    const seconds = await seedInto(configFor(partial));
    fs.writeFileSync(marker(partial), JSON.stringify({ items, agencies: agencyCount, seconds, at: new Date().toISOString() }));
    fs.renameSync(partial, dataDir);
    return configFor(dataDir);
  }
  const { target, maintenance } = benchDatabaseUrl(serverUrl);
  const admin = new pg.Client({ connectionString: maintenance });
  await admin.connect();
  try {
    const exists = (await admin.query(`select 1 from pg_database where datname = $1`, [benchDb])).rowCount === 1;
    const seeded = exists ? await countSeeded(target) : null;
    if (seeded && seeded.items === items && seeded.agencies === agencyCount) {
      console.log(`reusing database ${benchDb} (${items.toLocaleString()} items, ${agencyCount} agencies)`);
      return configFor(dataDir, target);
    }
    if (exists) {
      console.log(`database ${benchDb} holds another corpus (${seeded ? `${seeded.items} items` : 'no schema'}): recreating it`);
      await admin.query(`drop database ${benchDb} with (force)`);
    }
    await admin.query(`create database ${benchDb}`);
  } finally {
    await admin.end();
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  const seconds = await seedInto(configFor(dataDir, target));
  fs.writeFileSync(marker(dataDir), JSON.stringify({ items, agencies: agencyCount, seconds, at: new Date().toISOString() }));
  return configFor(dataDir, target);
}

// ------------------------------------------------------------------ what to request

interface Sample {
  agencySlug: string;
  /** The first-level column of agencySlug holding most items (children included). */
  columnSlug: string;
  columnItems: number;
  /** The leaf column slug holding most items across all agencies (search column filter). */
  leafSlug: string;
  ids: string[];
  docNo: string;
  indexNo: string;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Reads what the URLs need from the corpus and defers the scheduled jobs (no daily backup of the corpus mid-run). */
async function inspect(ctx: AppContext): Promise<Sample> {
  const now = new Date();
  for (const job of allJobs()) {
    await ctx.db.insert(jobRuns).values({ id: job.id, lastStartedAt: now, lastFinishedAt: now }).onConflictDoUpdate({ target: jobRuns.id, set: { lastStartedAt: now, lastFinishedAt: now } });
  }
  const [agency] = rowsOf<{ id: string; slug: string }>(await ctx.db.execute(sql`select id, slug from agencies where slug = 'bench-0'`));
  if (!agency) throw new Error('the corpus has no agency bench-0');
  const [column] = rowsOf<{ slug: string; n: number }>(
    await ctx.db.execute(sql`
      select coalesce(p.slug, c.slug) as slug, count(*)::int as n
      from document_versions v join columns c on c.id = v.column_id left join columns p on p.id = c.parent_id
      where v.is_current and v.agency_id = ${agency.id}
      group by 1 order by 2 desc limit 1`),
  );
  const [leaf] = rowsOf<{ slug: string }>(
    await ctx.db.execute(sql`
      select c.slug from document_versions v join columns c on c.id = v.column_id
      where v.is_current and c.parent_id is not null group by 1 order by count(*) desc limit 1`),
  );
  const ids = rowsOf<{ id: string; doc_no: string; index_no: string }>(
    await ctx.db.execute(sql`select document_id as id, doc_no, index_no from document_versions where is_current order by md5(document_id::text) limit 1000`),
  );
  return {
    agencySlug: agency.slug,
    columnSlug: column!.slug,
    columnItems: column!.n,
    leafSlug: leaf!.slug,
    ids: ids.map((r) => r.id),
    docNo: ids[0]!.doc_no,
    indexNo: ids[0]!.index_no,
  };
}

interface SearchCase {
  label: string;
  q: string;
  agency?: string;
  column?: string;
  year?: number;
}

function searchCases(s: Sample): SearchCase[] {
  return [
    { label: '2-char common word', q: '低保' },
    { label: '2-char rare word', q: '保预' },
    { label: '4-char word', q: '危房改造' },
    { label: 'mid-frequency word', q: '曲尺' },
    { label: 'common word + agency', q: '低保', agency: 'bench-1' },
    { label: 'mid-frequency + agency', q: '曲尺', agency: s.agencySlug },
    { label: 'common word + year', q: '低保', year: 2023 },
    { label: 'common word + column (all agencies)', q: '低保', column: s.leafSlug },
    { label: 'mid-frequency + column (all agencies)', q: '曲尺', column: s.leafSlug },
    { label: '文号 exact lookup', q: s.docNo },
    { label: '索引号 exact lookup', q: s.indexNo },
  ];
}

function searchPath(c: SearchCase): string {
  const p = new URLSearchParams({ q: c.q });
  if (c.agency) p.set('agency', c.agency);
  if (c.column) p.set('column', c.column);
  if (c.year) p.set('year', String(c.year));
  return `/search?${p.toString()}`;
}

/** How many live items match each query's text (for the table; reads every match once). */
async function matchCounts(ctx: AppContext, cases: SearchCase[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const c of cases) {
    const tsq = queryExpression(c.q);
    if (!tsq || out.has(c.q)) continue;
    const [r] = rowsOf<{ n: number }>(await ctx.db.execute(sql`select count(*)::int as n from document_versions where is_current and search @@ to_tsquery('simple', ${tsq})`));
    out.set(c.q, r!.n);
  }
  return out;
}

// ------------------------------------------------------------------ --explain

/** EXPLAIN ANALYZE of every statement searchPublished runs, and its in-process time. */
async function explainSearches(ctx: AppContext, s: Sample): Promise<void> {
  const agencies = new Map(rowsOf<{ id: string; slug: string }>(await ctx.db.execute(sql`select id, slug from agencies`)).map((r) => [r.slug, r.id]));
  const explaining = new Proxy(ctx.db, {
    get(target, prop, receiver) {
      if (prop !== 'execute') return Reflect.get(target, prop, receiver) as unknown;
      return async (query: SQL) => {
        try {
          const plan = rowsOf<Record<string, string>>(await target.execute(sql`explain (analyze, buffers) ${query}`));
          console.log(plan.map((r) => `    ${r['QUERY PLAN']}`).join('\n'));
        } catch {
          // matchShare's own EXPLAIN cannot be explained again.
        }
        return target.execute(query);
      };
    },
  });
  for (const c of searchCases(s)) {
    const input = { q: c.q, agencyId: c.agency ? agencies.get(c.agency) : undefined, columnSlug: c.column, year: c.year, page: 1, pageSize: 20 };
    const wall: number[] = [];
    const cpu: number[] = [];
    let total = 0;
    let more = false;
    for (let i = 0; i < 9; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await searchPublished(ctx.db, input);
      wall.push(performance.now() - t0);
      const used = process.cpuUsage(c0);
      cpu.push((used.user + used.system) / 1000);
      total = r.total;
      more = r.more;
    }
    wall.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    // CPU time of this process (PGlite runs in it) stays meaningful when other work shares the cores.
    console.log(
      `\n=== ${c.label}: ${searchPath(c)}  total ${total}${more ? '+' : ''}  in-process wall median ${wall[4]!.toFixed(1)} ms (min ${wall[0]!.toFixed(1)}), cpu median ${cpu[4]!.toFixed(1)} ms  load ${os.loadavg()[0]!.toFixed(2)}`,
    );
    await searchPublished(explaining as typeof ctx.db, input);
  }
}

// ------------------------------------------------------------------ the server

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

interface Server {
  base: string;
  child: ChildProcess;
  /** CPU seconds (user + system) the server process has used so far. */
  cpu(): number;
  rssMb(): number;
  stop(): Promise<void>;
}

async function startServer(config: Config, staticFile: string): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    GONGKAI_DATA_DIR: config.dataDir,
    DATABASE_URL: config.DATABASE_URL ?? '',
    LOG_LEVEL: 'warn',
    GONGKAI_JOBS: 'false',
    GONGKAI_DEMO: 'false',
    GONGKAI_ADMIN_PASSWORD: `Bench-${Math.random().toString(36).slice(2)}-Aa1!`,
    GONGKAI_BENCH_STATIC_FILE: staticFile,
  };
  const child = spawn(process.execPath, [path.join(root, 'bin', 'gongkai.mjs'), 'serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    output += d.toString();
    process.stderr.write(d);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${base}/robots.txt`)).ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > 180_000) {
      child.kill('SIGKILL');
      throw new Error(`the server did not start within 180 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`server pid ${child.pid} listening on ${base} after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const ticks = 100; // USER_HZ on Linux
  const stat = () => fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return {
    base,
    child,
    cpu: () => {
      const f = stat();
      return (Number(f[11]) + Number(f[12])) / ticks;
    },
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ------------------------------------------------------------------ measuring

interface Row {
  group: string;
  label: string;
  url: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  bytes: number;
  status: number;
  errors: number;
  load: number;
  serverCpu: number;
}

const rows: Row[] = [];

interface Case {
  group: string;
  label: string;
  /** The URL shown and fetched once for its size and status. */
  url: string;
  connections?: number;
  /** Paths sent in turn (shared across connections); defaults to `url`. */
  next?: () => string;
  /** Paths for the warm-up; defaults to `next`. */
  warm?: () => string;
  warmSeconds?: number;
}

function requestsOf(next: (() => string) | undefined): AutocannonRequest[] | undefined {
  return next ? [{ method: 'GET', setupRequest: (req) => ({ ...req, path: next() }) }] : undefined;
}

async function measure(server: Server, c: Case): Promise<Row | null> {
  if (only && !only.has(c.group)) return null;
  const conns = c.connections ?? connections;
  const res = await fetch(server.base + c.url);
  const bytes = (await res.arrayBuffer()).byteLength;
  await autocannon({ url: server.base + c.url, connections: conns, duration: c.warmSeconds ?? 2, requests: requestsOf(c.warm ?? c.next) });
  const load = os.loadavg()[0]!;
  const cpu0 = server.cpu();
  const r = await autocannon({ url: server.base + c.url, connections: conns, duration, requests: requestsOf(c.next) });
  const row: Row = {
    group: c.group,
    label: c.label,
    url: c.url,
    connections: conns,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    bytes,
    status: res.status,
    errors: r.errors + r.timeouts + r.non2xx,
    load,
    serverCpu: (server.cpu() - cpu0) / r.duration,
  };
  rows.push(row);
  console.log(
    `  ${c.label.padEnd(44)} c=${String(conns).padStart(2)} ${row.rps.toFixed(0).padStart(6)} req/s  p50 ${String(row.p50).padStart(4)} ms  p99 ${String(row.p99).padStart(4)} ms  ${row.bytes} B  srv cpu ${(row.serverCpu * 100).toFixed(0)}%  load ${load.toFixed(2)}${row.errors ? `  ERRORS/non-2xx ${row.errors}` : ''}${res.status !== 200 ? `  status ${res.status}` : ''}`,
  );
  return row;
}

function cycle(paths: string[]): () => string {
  let i = 0;
  return () => paths[i++ % paths.length]!;
}

function unique(prefix: (i: number) => string): () => string {
  let i = 0;
  return () => prefix(i++);
}

function machine(): string {
  const cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? '?';
  return `${os.availableParallelism()} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, ${os.type()} ${os.release()}`;
}

function printTable(staticRps: number): void {
  const head = ['case', 'URL', 'c', 'req/s', 'p50 ms', 'p99 ms', 'bytes', 'vs static', 'srv cpu', 'load1'];
  const lines = rows.map((r) => [
    r.label,
    `\`${r.url.length > 60 ? `${r.url.slice(0, 57)}…` : r.url}\``,
    String(r.connections),
    r.rps.toFixed(0),
    String(r.p50),
    String(r.p99),
    String(r.bytes),
    r.group === 'search' ? '' : `${((r.rps / staticRps) * 100).toFixed(0)} %`,
    `${(r.serverCpu * 100).toFixed(0)} %`,
    r.load.toFixed(2) + (r.errors ? ` (${r.errors} errors)` : ''),
  ]);
  console.log(`\n| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const l of lines) console.log(`| ${l.join(' | ')} |`);

  // The issue's targets: list and detail pages ≥ 50 % of the static file's req/s; search p99 ≤ 50 ms.
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const pages = rows.filter((r) => r.group === 'list' || r.group === 'detail');
  const cached = pages.filter((r) => !r.label.includes('uncached'));
  const uncached = pages.filter((r) => r.label.includes('uncached'));
  const pct = (r: Row) => `${r.label} ${((r.rps / staticRps) * 100).toFixed(0)} %`;
  const worst = (list: Row[]) => list.reduce((a, b) => (b.rps < a.rps ? b : a));
  if (cached.length) console.log(`\nlist/detail, page cache in play: lowest ${pct(worst(cached))} of static: target ≥ 50 % ${verdict(worst(cached).rps >= staticRps / 2)}`);
  if (uncached.length) console.log(`list/detail, every request rendered: lowest ${pct(worst(uncached))} of static: target ≥ 50 % ${verdict(worst(uncached).rps >= staticRps / 2)}`);
  for (const c of [1, connections]) {
    const search = rows.filter((r) => r.group === 'search' && r.connections === c);
    if (!search.length) continue;
    const slow = search.reduce((a, b) => (b.p99 > a.p99 ? b : a));
    const over = search.filter((r) => r.p99 > 50).map((r) => r.label.replace('search: ', ''));
    console.log(`search at ${c} connection${c > 1 ? 's' : ''}: highest p99 ${slow.p99} ms (${slow.label.replace('search: ', '')}): target ≤ 50 ms ${verdict(slow.p99 <= 50)}${over.length ? `; over 50 ms: ${over.join(', ')}` : ''}`);
  }
}

// ------------------------------------------------------------------ main

const config = await prepareCorpus();

let sample: Sample;
let counts: Map<string, number>;
{
  const runtime = await openRuntime(config);
  try {
    sample = await inspect(runtime.ctx);
    counts = await matchCounts(runtime.ctx, searchCases(sample));
    if (args.explain) {
      console.log(`machine: ${machine()}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
      await explainSearches(runtime.ctx, sample);
    }
  } finally {
    await runtime.close();
  }
}
if (args.explain) process.exit(0);

const staticFile = path.join(config.dataDir, 'bench-static.html');
fs.rmSync(staticFile, { force: true });
const server = await startServer(config, staticFile);
const stopOnSignal = () => {
  void server.stop().then(() => process.exit(130));
};
process.once('SIGINT', stopOnSignal);
process.once('SIGTERM', stopOnSignal);

try {
  const hot = sample.ids[0]!;
  // The static file: the detail page's own bytes, so it has exactly its size.
  const detail = Buffer.from(await (await fetch(`${server.base}/info/${hot}`)).arrayBuffer());
  fs.writeFileSync(staticFile, detail);

  console.log(`\nmachine: ${machine()}`);
  console.log(`corpus: ${items.toLocaleString()} items, ${agencyCount} agencies, ${config.embedded ? 'PGlite (embedded, in the server process)' : 'PostgreSQL server'}; autocannon ${duration} s per URL after a warm-up, ${connections} connections unless said`);
  console.log(`list column: /gk/${sample.agencySlug}/${sample.columnSlug}/ (${sample.columnItems} items); search column filter: ${sample.leafSlug}`);
  console.log(`text matches: ${[...counts].map(([q, n]) => `${q} ${n} (${((n / items) * 100).toFixed(1)} %)`).join(', ')}`);
  console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);

  const listBase = `/gk/${sample.agencySlug}/${sample.columnSlug}/`;
  const listPages = Math.max(1, Math.floor(sample.columnItems / 20));
  const first = await measure(server, { group: 'static', label: 'static file (@fastify/static), first', url: '/bench-static.html' });
  await measure(server, { group: 'home', label: 'home', url: '/' });
  await measure(server, { group: 'list', label: 'list page 1', url: listBase });
  await measure(server, { group: 'list', label: 'list page 2', url: `${listBase}?page=2` });
  await measure(server, {
    group: 'list',
    label: `list, pages 1–${Math.min(listPages, 500)} uncached`,
    url: `${listBase}?page=3`,
    next: unique((i) => `${listBase}?page=${(i % Math.min(listPages, 500)) + 1}&r=${i}`),
    warm: unique((i) => `${listBase}?page=${(i % Math.min(listPages, 500)) + 1}&w=${i}`),
  });
  await measure(server, { group: 'detail', label: 'detail, one hot id', url: `/info/${hot}` });
  await measure(server, {
    group: 'detail',
    label: 'detail, 1,000 ids rotating (first pass cold)',
    url: `/info/${sample.ids[1]}`,
    next: cycle(sample.ids.map((id) => `/info/${id}`)),
    warm: () => `/info/${hot}`,
  });
  await measure(server, {
    group: 'detail',
    label: 'detail, 1,000 ids, every request uncached',
    url: `/info/${sample.ids[2]}`,
    next: unique((i) => `/info/${sample.ids[i % sample.ids.length]}?r=${i}`),
    warm: unique((i) => `/info/${sample.ids[i % sample.ids.length]}?w=${i}`),
  });
  for (const conns of [1, connections]) {
    for (const c of searchCases(sample)) {
      const n = counts.get(c.q);
      await measure(server, {
        group: 'search',
        label: `search: ${c.label}${n !== undefined ? ` (${((n / items) * 100).toFixed(n / items < 0.01 ? 2 : 0)} %)` : ''}`,
        url: searchPath(c),
        connections: conns,
        warmSeconds: 1,
      });
    }
  }
  const last = await measure(server, { group: 'static', label: 'static file (@fastify/static), last', url: '/bench-static.html' });
  const staticRps = first && last ? (first.rps + last.rps) / 2 : (first ?? last)?.rps ?? NaN;
  printTable(staticRps);
  console.log(`\nstatic file: ${staticRps.toFixed(0)} req/s (mean of first and last run); server RSS ${server.rssMb().toFixed(0)} MB; load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const out = path.join(root, 'bench', '.data', `portal-results-${config.embedded ? 'pglite' : 'pg'}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(out, JSON.stringify({ machine: machine(), items, agencies: agencyCount, duration, connections, engine: config.embedded ? 'pglite' : 'postgres', sample: { ...sample, ids: sample.ids.length }, counts: Object.fromEntries(counts), rows }, null, 2));
  console.log(`results: ${path.relative(root, out)}`);
} finally {
  await server.stop();
}
