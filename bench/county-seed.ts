/**
 * Seeding of a county for bench/county.bench.ts: one county agency and N townships under it
 * (agencies.parentId), each with
 *
 * - its columns and its catalog, through the services (createAgency, seedAgencyCatalog: the
 *   catalog is ~150 items per agency and the service writes it in one transaction);
 * - `items` documents over the previous and the current China year, written with multi-row
 *   INSERTs (documents + document_versions, as publication writes them; the per-item service path
 *   with its review chain and audit rows would take about an hour for 30,000 items). Each is
 *   linked to a proactive catalog item of its agency. 10 % have a correction (version 2 and a
 *   review_actions `correct` row), 5 % are drafts that were never published;
 * - `requests` requests received over the two years (SQL: 70 % archived and 10 % replied with an
 *   outcome, 10 % handling, 5 % registered, 5 % correction_pending; due 28 days after receipt, so
 *   open requests of past months are overdue). No request_events and no applicant rows: the
 *   dashboards do not read them;
 * - `feedback` pieces of feedback over the two years (SQL: 70 % answered, 20 % new, 10 % rejected;
 *   a third are ratings 1–5).
 *
 * Deterministic (fixed pseudo-random seed) apart from the ids.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../src/context.ts';
import { documents, documentVersions, feedback, requests, reviewActions } from '../src/db/schema/index.ts';
import { chinaYear } from '../src/lib/clock.ts';
import { addUserAsSystem, createAgency, listColumns, seedAgencyCatalog, systemActor } from './deps.ts';

export interface CountySeed {
  countyId: string;
  townshipIds: string[];
  /** The current China year; items span it and the year before. */
  year: number;
  supervisor: { username: string; password: string };
  phases: Array<{ name: string; seconds: number }>;
}

const words = '乡村振兴 低保 预算 决算 危房改造 涉农补贴 社会救助 养老服务 安全生产 公共文化 救灾救济 农田水利 宅基地 土地承包 耕地保护 就业创业'.split(' ');
const towns = '曲尺 官阳 大昌 福田 龙溪 骡坪 庙宇 铜鼓 建平 两坪 抱龙 平河 竹贤 三溪 邓家 红椿 培石 巫峡 龙门 高唐'.split(' ');
const outcomes = ['granted', 'partial', 'denied_third_party', 'denied_process_info', 'unavailable_not_held', 'not_processed_duplicate'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const isoDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

async function insertChunks<T>(rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

export async function seedCounty(ctx: AppContext, p: { agencies: number; items: number; requests: number; feedback: number }): Promise<CountySeed> {
  const r = rng(7);
  const phases: CountySeed['phases'] = [];
  let t = performance.now();
  const phase = (name: string) => {
    const n = performance.now();
    phases.push({ name, seconds: (n - t) / 1000 });
    t = n;
  };
  const at = new Date();
  const year = chinaYear(at);
  // The span of the two years up to now.
  const start = new Date(`${year - 1}-01-01T00:00:00+08:00`).getTime();
  const span = at.getTime() - start;
  const when = () => new Date(start + Math.floor(r() * span));

  const supervisor = { username: 'bench-supervisor', password: 'Bench-Passw0rd!42' };
  const authorId = await addUserAsSystem(ctx.db, { username: 'bench-author', displayName: '压测', password: supervisor.password, memberships: [] });
  await addUserAsSystem(ctx.db, { username: supervisor.username, displayName: '县级监督员', password: supervisor.password, globalRole: 'supervisor', memberships: [] });
  const county = await createAgency(ctx.db, systemActor, { code: 'CTY000', slug: 'cty-0', name: '巫山县人民政府', kind: 'county' });
  const townships = [];
  for (let a = 1; a <= p.agencies; a++) {
    townships.push(await createAgency(ctx.db, systemActor, { code: `CTY${String(a).padStart(3, '0')}`, slug: `cty-${a}`, name: `${towns[(a - 1) % towns.length]}${a > towns.length ? a : ''}镇人民政府`, kind: 'township', parentId: county.id }));
  }
  phase('agencies and columns (service)');
  for (const a of [county, ...townships]) await seedAgencyCatalog(ctx.db, a.id);
  phase('catalogs (service)');

  for (const agency of townships) {
    const leaves = (await listColumns(ctx.db, agency.id)).filter((c) => c.parentId);
    const items = (await ctx.db.execute(sql`select id from catalog_items where agency_id = ${agency.id} and mode = 'proactive'`)) as unknown as { rows: Array<{ id: string }> };
    const catalogIds = items.rows.map((x) => x.id);
    const docRows: (typeof documents.$inferInsert)[] = [];
    const versionRows: (typeof documentVersions.$inferInsert)[] = [];
    const actionRows: (typeof reviewActions.$inferInsert)[] = [];
    for (let i = 0; i < p.items; i++) {
      const column = leaves[Math.floor(r() * leaves.length)]!;
      const catalogItemId = catalogIds[Math.floor(r() * catalogIds.length)]!;
      const title = `${agency.name}关于${words[Math.floor(r() * words.length)]}${words[Math.floor(r() * words.length)]}的通知`;
      const indexNo = `${agency.code}/${i + 1}`;
      const id = crypto.randomUUID();
      const publishedAt = when();
      const writtenOn = isoDate(addDays(publishedAt, -Math.floor(r() * 20)));
      const kind = r();
      const draft = kind < 0.05;
      const corrected = !draft && kind < 0.15;
      docRows.push({
        id, agencyId: agency.id, indexNo, title, publisher: agency.name, columnId: column.id, catalogItemId, writtenOn,
        disclosure: 'proactive', docType: 'other', bodyHtml: `<p>${title}</p>`, status: draft ? 'draft' : 'published', liveVersion: draft ? null : corrected ? 2 : 1,
        createdBy: authorId, createdAt: addDays(publishedAt, -1), updatedAt: publishedAt,
      });
      if (draft) continue;
      const version = (v: number, at: Date, current: boolean) => ({
        documentId: id, version: v, agencyId: agency.id, columnId: column.id, catalogItemId, indexNo, title, publisher: agency.name, writtenOn,
        docType: 'other', bodyHtml: `<p>${title}</p>`, bodyText: title, keywords: [], attachments: [], publishedAt: at, isCurrent: current,
        search: sql`to_tsvector('simple', ${title})` as unknown as string,
      });
      versionRows.push(version(1, publishedAt, !corrected));
      if (corrected) {
        const startAt = new Date(Math.min(at.getTime() - 3_600_000, publishedAt.getTime() + Math.floor(r() * 30) * 86_400_000));
        actionRows.push({ documentId: id, round: 1, action: 'correct', actorId: authorId, at: startAt });
        versionRows.push(version(2, new Date(startAt.getTime() + 3_600_000), true));
      }
    }
    await ctx.db.transaction(async (tx) => {
      await insertChunks(docRows, 500, (c) => tx.insert(documents).values(c));
      await insertChunks(versionRows, 500, (c) => tx.insert(documentVersions).values(c));
      await insertChunks(actionRows, 500, (c) => tx.insert(reviewActions).values(c));
    });
  }
  phase('documents and versions (SQL)');

  for (const agency of townships) {
    const rows: (typeof requests.$inferInsert)[] = [];
    const seq = new Map<number, number>();
    const received = Array.from({ length: p.requests }, () => when()).sort((a, b) => a.getTime() - b.getTime());
    for (const submittedAt of received) {
      const y = Number(isoDate(submittedAt).slice(0, 4));
      const n = (seq.get(y) ?? 0) + 1;
      seq.set(y, n);
      const k = r();
      const state = k < 0.7 ? 'archived' : k < 0.8 ? 'replied' : k < 0.9 ? 'handling' : k < 0.95 ? 'registered' : 'correction_pending';
      const decided = state === 'archived' || state === 'replied';
      rows.push({
        agencyId: agency.id, trackingNo: `${y}-${String(n).padStart(4, '0')}`, queryCodeHash: crypto.randomUUID().replace(/-/g, ''), channel: r() < 0.6 ? 'online' : 'in_person',
        submittedAt, receivedOn: isoDate(submittedAt), applicantKind: r() < 0.8 ? 'person' : 'organization', description: '申请公开有关信息',
        provisionForm: 'paper', delivery: 'mail', state, outcome: decided ? outcomes[Math.floor(r() * outcomes.length)]! : null,
        dueOn: isoDate(addDays(submittedAt, 28)), createdAt: submittedAt, updatedAt: submittedAt,
      });
    }
    await insertChunks(rows, 500, (c) => ctx.db.insert(requests).values(c));
  }
  phase('requests (SQL)');

  for (const agency of townships) {
    const rows: (typeof feedback.$inferInsert)[] = [];
    for (let i = 0; i < p.feedback; i++) {
      const receivedAt = when();
      const k = r();
      const status = k < 0.7 ? 'answered' : k < 0.9 ? 'new' : 'rejected';
      const kind = i % 3 === 0 ? 'rating' : i % 3 === 1 ? 'message' : 'suggestion';
      const answeredOn = status === 'answered' ? isoDate(addDays(receivedAt, Math.floor(r() * 10))) : null;
      rows.push({
        agencyId: agency.id, kind, rating: kind === 'rating' ? 1 + Math.floor(r() * 5) : null, text: `关于${words[Math.floor(r() * words.length)]}的留言，请予答复。`,
        source: 'online', status, receivedOn: isoDate(receivedAt), dueOn: isoDate(addDays(receivedAt, 7)), answer: answeredOn ? '已答复。' : null,
        answeredOn, answeredAt: answeredOn ? addDays(receivedAt, 1) : null, createdAt: receivedAt,
      });
    }
    await insertChunks(rows, 500, (c) => ctx.db.insert(feedback).values(c));
  }
  phase('feedback (SQL)');
  await ctx.db.execute(sql`vacuum analyze`);
  phase('vacuum analyze');
  return { countyId: county.id, townshipIds: townships.map((a) => a.id), year, supervisor, phases };
}
