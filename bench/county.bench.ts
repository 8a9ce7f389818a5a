/**
 * County-scale dashboard latency (a benchmark, not a test; never gates CI):
 *
 *   npm run bench:county -- [--agencies 30] [--items 1000] [--requests 100] [--feedback 200]
 *                           [--runs 15] [--database-url postgres://postgres@127.0.0.1:5432/postgres]
 *                           [--explain]
 *
 * 1. Seeds a county (one county agency and `agencies` townships under it) once into
 *    bench/.data/county-<params> (PGlite), or into the database gk_bench_county on the server
 *    named by --database-url, and reuses it on later runs (see seedCounty for what is written
 *    and how).
 * 2. Builds the application in this process (buildApp, as the tests do) and signs in a
 *    supervisor (县级监督员, sees every agency).
 * 3. Sends each request `runs` times, one at a time, after 2 warm-up requests, through
 *    Fastify's inject (no sockets: the figure is routing + service + database + JSON), and
 *    prints p50, p95 and max wall time, the median CPU time of this process per request (all
 *    of the work with PGlite, the Node side only with PostgreSQL: it stays meaningful when
 *    other work shares the cores) and the 1-minute load average.
 *
 * --explain prints EXPLAIN ANALYZE of the dashboard's grouped queries and of the portal list
 * query for one agency instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import type { AppContext } from '../src/context.ts';
import { jobRuns } from '../src/db/schema/index.ts';
import { parseConfig, type Config } from '../src/lib/config.ts';
import { openRuntime } from '../src/runtime.ts';
import { allJobs } from './deps.ts';
import { seedCounty, type CountySeed } from './county-seed.ts';

const root = path.resolve(import.meta.dirname, '..');

const { values: args } = parseArgs({
  options: {
    agencies: { type: 'string', default: '30' },
    items: { type: 'string', default: '1000' },
    requests: { type: 'string', default: '100' },
    feedback: { type: 'string', default: '200' },
    runs: { type: 'string', default: '15' },
    'database-url': { type: 'string' },
    explain: { type: 'boolean', default: false },
  },
});

const params = { agencies: Number(args.agencies), items: Number(args.items), requests: Number(args.requests), feedback: Number(args.feedback) };
const runs = Number(args.runs);
if (![...Object.values(params), runs].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('用法: npm run bench:county -- [--agencies N] [--items N] [--requests N] [--feedback N] [--runs N] [--database-url URL] [--explain]');
  process.exit(2);
}
const serverUrl = args['database-url'];
const benchDb = 'gk_bench_county';
const suffix = `a${params.agencies}-i${params.items}-r${params.requests}-f${params.feedback}`;
const dataDir = path.join(root, 'bench', '.data', serverUrl ? `county-pg-${suffix}` : `county-${suffix}`);
const marker = (dir: string) => path.join(dir, 'bench-county-seed.json');

function configFor(dir: string, databaseUrl?: string): Config {
  return parseConfig({ GONGKAI_DATA_DIR: dir, GONGKAI_DEMO: 'false', GONGKAI_JOBS: 'false', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl ?? '' });
}

interface Marker extends CountySeed {
  seconds: number;
  at: string;
  params: typeof params;
}

async function seedInto(config: Config): Promise<Marker> {
  const t0 = performance.now();
  const runtime = await openRuntime(config);
  let seed: CountySeed;
  try {
    console.log(`seeding ${params.agencies} townships × (${params.items} items, ${params.requests} requests, ${params.feedback} feedback) (${config.embedded ? `PGlite ${config.dataDir}` : 'PostgreSQL'}) …`);
    seed = await seedCounty(runtime.ctx, params);
  } finally {
    await runtime.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(`seeding took ${seconds.toFixed(1)} s (${seed.phases.map((p) => `${p.name} ${p.seconds.toFixed(1)} s`).join(', ')})`);
  return { ...seed, seconds, at: new Date().toISOString(), params };
}

/** Seeds the county unless it is already there; returns how to open it and the seed's facts. */
async function prepare(): Promise<{ config: Config; seed: Marker }> {
  if (!serverUrl) {
    if (fs.existsSync(marker(dataDir))) {
      const m = JSON.parse(fs.readFileSync(marker(dataDir), 'utf8')) as Marker;
      console.log(`reusing ${path.relative(root, dataDir)} (seeded ${m.at} in ${m.seconds.toFixed(1)} s)`);
      return { config: configFor(dataDir), seed: m };
    }
    // Seeded into a side folder and renamed at the end: an interrupted seeding is never reused.
    const partial = `${dataDir}.partial`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
    const m = await seedInto(configFor(partial));
    fs.writeFileSync(marker(partial), JSON.stringify(m));
    fs.renameSync(partial, dataDir);
    return { config: configFor(dataDir), seed: m };
  }
  const target = new URL(serverUrl);
  target.pathname = `/${benchDb}`;
  const maintenance = new URL(serverUrl);
  if (maintenance.pathname === '/' || maintenance.pathname === '' || maintenance.pathname === `/${benchDb}`) maintenance.pathname = '/postgres';
  if (fs.existsSync(marker(dataDir))) {
    const m = JSON.parse(fs.readFileSync(marker(dataDir), 'utf8')) as Marker;
    const client = new pg.Client({ connectionString: target.toString() });
    try {
      await client.connect();
      const r = await client.query<{ n: string }>(`select count(*) as n from agencies where slug like 'cty-%'`);
      if (Number(r.rows[0]!.n) === params.agencies + 1) {
        console.log(`reusing database ${benchDb} (seeded ${m.at} in ${m.seconds.toFixed(1)} s)`);
        return { config: configFor(dataDir, target.toString()), seed: m };
      }
    } catch {
      // no database or no schema: seed below
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const admin = new pg.Client({ connectionString: maintenance.toString() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${benchDb} with (force)`);
    await admin.query(`create database ${benchDb}`);
  } finally {
    await admin.end();
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  const m = await seedInto(configFor(dataDir, target.toString()));
  fs.writeFileSync(marker(dataDir), JSON.stringify(m));
  return { config: configFor(dataDir, target.toString()), seed: m };
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

function quantile(sorted: number[], q: number): number {
  // Nearest rank: the smallest value with at least q of the sample at or below it.
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

function machine(): string {
  const cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? '?';
  return `${os.availableParallelism()} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, ${os.type()} ${os.release()}`;
}

async function explain(ctx: AppContext, seed: Marker): Promise<void> {
  const agencyId = seed.townshipIds[0]!;
  const year = seed.year;
  const plan = async (label: string, q: ReturnType<typeof sql>) => {
    const rows = rowsOf<Record<string, string>>(await ctx.db.execute(sql`explain (analyze, buffers) ${q}`));
    console.log(`\n=== ${label}\n${rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n')}`);
  };
  const from = new Date(`${year}-01-01T00:00:00+08:00`);
  const to = new Date(`${year + 1}-01-01T00:00:00+08:00`);
  await plan('published per month, all agencies', sql`select agency_id, extract(month from published_at), count(*) from document_versions where version = 1 and published_at >= ${from} and published_at < ${to} group by 1, 2`);
  await plan('linked documents of one agency (ledger input)', sql`select d.id, f.first from documents d left join (select document_id, min(published_at) as first from document_versions where agency_id = ${agencyId} group by document_id) f on f.document_id = d.id where d.agency_id = ${agencyId} and d.catalog_item_id is not null`);
  const [col] = rowsOf<{ id: string; slug: string }>(await ctx.db.execute(sql`select c.id, c.slug from columns c where c.agency_id = ${agencyId} and c.parent_id is null order by (select count(*) from document_versions v join columns k on k.id = v.column_id where v.is_current and (k.id = c.id or k.parent_id = c.id)) desc limit 1`));
  const ids = rowsOf<{ id: string }>(await ctx.db.execute(sql`select id from columns where id = ${col!.id} or parent_id = ${col!.id}`)).map((r) => r.id);
  const idList = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  await plan(`portal list page 1 of /gk/cty-1/${col!.slug}/ (${ids.length} columns)`, sql`select v.document_id, v.title, v.published_at from document_versions v where v.is_current and v.agency_id = ${agencyId} and v.hidden_at is null and v.column_id in (${idList}) order by v.published_at desc, v.document_id desc limit 20 offset 0`);
}

// ------------------------------------------------------------------ main

const { config, seed } = await prepare();
const runtime = await openRuntime(config);
try {
  const { ctx } = runtime;
  const now = new Date();
  for (const job of allJobs()) {
    await ctx.db.insert(jobRuns).values({ id: job.id, lastStartedAt: now, lastFinishedAt: now }).onConflictDoUpdate({ target: jobRuns.id, set: { lastStartedAt: now, lastFinishedAt: now } });
  }
  console.log(`machine: ${machine()}`);
  console.log(`engine: ${config.embedded ? 'PGlite (embedded, this process)' : 'PostgreSQL server'}; load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (args.explain) {
    await explain(ctx, seed);
  } else {
    const app = await buildApp(ctx);
    await app.ready();
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.250.0.1', payload: { username: seed.supervisor.username, password: seed.supervisor.password } });
      if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
      const cookie = `gk_session=${login.cookies.find((c) => c.name === 'gk_session')!.value}`;
      const one = seed.townshipIds[0]!;
      const y = seed.year;
      const cases: Array<{ label: string; url: string }> = [
        { label: 'county dashboard', url: `/api/dashboard/county?year=${y}` },
        { label: 'county dashboard, previous year', url: `/api/dashboard/county?year=${y - 1}` },
        { label: 'agency dashboard (one township)', url: `/api/dashboard?agencyId=${one}&year=${y}` },
        { label: 'drill: ontime (ledger entries)', url: `/api/dashboard/drill?agencyId=${one}&year=${y}&metric=ontime` },
        { label: 'drill: published (first publications)', url: `/api/dashboard/drill?agencyId=${one}&year=${y}&metric=published` },
        { label: 'drill: requests', url: `/api/dashboard/drill?agencyId=${one}&year=${y}&metric=requests` },
        { label: 'county reports view (年度报告汇总)', url: `/api/reports/county/${y}` },
        { label: 'county dashboard XLSX', url: `/api/dashboard/county.xlsx?year=${y}` },
      ];
      console.log(`\n${seed.params.agencies} townships + 1 county; year ${y}; ${runs} runs each after 2 warm-ups, one request at a time (inject)\n`);
      const results: Array<{ label: string; url: string; bytes: number; p50: number; p95: number; max: number; cpu50: number; load: number }> = [];
      for (const c of cases) {
        const get = () => app.inject({ method: 'GET', url: c.url, headers: { cookie } });
        let bytes = 0;
        for (let i = 0; i < 2; i++) {
          const r = await get();
          if (r.statusCode !== 200) throw new Error(`${c.url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
          bytes = r.rawPayload.byteLength;
        }
        const load = os.loadavg()[0]!;
        const times: number[] = [];
        const cpu: number[] = [];
        for (let i = 0; i < runs; i++) {
          const c0 = process.cpuUsage();
          const t0 = performance.now();
          await get();
          times.push(performance.now() - t0);
          const used = process.cpuUsage(c0);
          cpu.push((used.user + used.system) / 1000);
        }
        times.sort((a, b) => a - b);
        cpu.sort((a, b) => a - b);
        const row = { label: c.label, url: c.url, bytes, p50: quantile(times, 0.5), p95: quantile(times, 0.95), max: times[times.length - 1]!, cpu50: quantile(cpu, 0.5), load };
        results.push(row);
        console.log(`  ${c.label.padEnd(40)} p50 ${row.p50.toFixed(0).padStart(6)} ms  p95 ${row.p95.toFixed(0).padStart(6)} ms  max ${row.max.toFixed(0).padStart(6)} ms  cpu p50 ${row.cpu50.toFixed(0).padStart(6)} ms  ${bytes} B  load ${load.toFixed(2)}`);
      }
      const county = results[0]!;
      console.log(`\ncounty dashboard p95 ${county.p95.toFixed(0)} ms: target < 2000 ms for 30 agencies on PGlite ${county.p95 < 2000 ? 'met' : 'NOT met'}`);
      console.log(`load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
      const out = path.join(root, 'bench', '.data', `county-results-${config.embedded ? 'pglite' : 'pg'}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
      fs.writeFileSync(out, JSON.stringify({ machine: machine(), engine: config.embedded ? 'pglite' : 'postgres', params: seed.params, seedSeconds: seed.seconds, phases: seed.phases, runs, results }, null, 2));
      console.log(`results: ${path.relative(root, out)}`);
    } finally {
      await app.close();
    }
  }
} finally {
  await runtime.close();
}
