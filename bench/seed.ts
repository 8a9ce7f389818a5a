/**
 * Bulk seeding for benchmarks: N published items across A agencies, written with multi-row
 * INSERTs (the per-item service path with its audit rows would take most of an hour at 100,000).
 * The rows are what publication writes: a documents row and a current document_versions row whose
 * search vector is built from the same tokens the publishing module uses.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../src/context.ts';
import { documents, documentVersions } from '../src/db/schema/index.ts';
import { createAgency, listColumns, systemActor, addUserAsSystem } from './deps.ts';
import { documentTokens } from '../src/modules/search/index.ts';

const words = '乡村振兴 低保 预算 决算 危房改造 涉农补贴 社会救助 养老服务 安全生产 公共文化 救灾救济 农田水利 宅基地 土地承包 耕地保护 就业创业 医疗保障 义务教育 防汛抗旱 森林防火 道路建设 饮水安全 环境整治 产业发展 集体经济 民政 残疾人 补贴资金 公示 通知 实施方案 工作要点 会议纪要 统计 采购 招标'.split(' ');
const towns = '曲尺 官阳 大昌 福田 龙溪 骡坪 庙宇 铜鼓 建平 两坪 抱龙 平河 竹贤 三溪 邓家 红椿 培石 巫峡 龙门 高唐'.split(' ');

/** A deterministic pseudo-random generator, so every run seeds the same corpus. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sentence(r: () => number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(words[Math.floor(r() * words.length)]!);
  return `${out.join('、')}等工作按照有关规定有序推进。`;
}

/** Seeds `total` items across `agencyCount` agencies; returns a sample of ids for the benchmark. */
export async function seedItems(ctx: AppContext, agencyCount: number, total: number): Promise<{ agencySlug: string; columnSlug: string; documentId: string }> {
  const r = rng(42);
  const adminId = await addUserAsSystem(ctx.db, { username: 'bench', displayName: '压测', password: 'Seed-Passw0rd!42', memberships: [] });
  const perAgency = Math.ceil(total / agencyCount);
  let sample: { agencySlug: string; columnSlug: string; documentId: string } | null = null;
  let written = 0;
  for (let a = 0; a < agencyCount; a++) {
    const town = towns[a % towns.length]!;
    const agency = await createAgency(ctx.db, systemActor, {
      code: `BENCH${String(a).padStart(6, '0')}`,
      slug: `bench-${a}`,
      name: `${town}${a >= towns.length ? a : ''}乡人民政府`,
      kind: 'township',
    });
    const leaves = (await listColumns(ctx.db, agency.id)).filter((c) => c.parentId);
    for (let start = 0; start < perAgency && written < total; start += 500) {
      const n = Math.min(500, perAgency - start, total - written);
      const docRows: (typeof documents.$inferInsert)[] = [];
      const versionRows: (typeof documentVersions.$inferInsert)[] = [];
      for (let i = 0; i < n; i++) {
        const seq = start + i + 1;
        const column = leaves[Math.floor(r() * leaves.length)]!;
        const title = `${agency.name}关于${words[Math.floor(r() * words.length)]}${words[Math.floor(r() * words.length)]}的通知`;
        const docNo = `${town}府发〔${2020 + (seq % 6)}〕${seq}号`;
        const indexNo = `${agency.code}/${2020 + (seq % 6)}-${String(seq).padStart(5, '0')}`;
        const body = Array.from({ length: 6 }, () => sentence(r, 8)).join('');
        const publishedAt = new Date(Date.UTC(2020 + (seq % 6), Math.floor(r() * 12), 1 + Math.floor(r() * 28), 2));
        const id = crypto.randomUUID();
        docRows.push({
          id, agencyId: agency.id, indexNo, title, docNo, publisher: agency.name, columnId: column.id,
          disclosure: 'proactive', docType: 'other', bodyHtml: `<p>${body}</p>`, status: 'published', liveVersion: 1,
          createdBy: adminId, createdAt: publishedAt, updatedAt: publishedAt,
        });
        versionRows.push({
          documentId: id, version: 1, agencyId: agency.id, columnId: column.id, indexNo, title, docNo, publisher: agency.name,
          writtenOn: publishedAt.toISOString().slice(0, 10), docType: 'other', bodyHtml: `<p>${body}</p>`, bodyText: body,
          keywords: [], attachments: [], publishedAt, isCurrent: true, docNoKey: docNo,
          search: sql`setweight(to_tsvector('simple', ${documentTokens(title)}), 'A') || setweight(to_tsvector('simple', ${documentTokens(`${docNo} ${indexNo}`)}), 'A') || setweight(to_tsvector('simple', ${documentTokens(body)}), 'B')` as unknown as string,
        });
        sample ??= { agencySlug: agency.slug, columnSlug: column.slug, documentId: id };
      }
      await ctx.db.transaction(async (tx) => {
        await tx.insert(documents).values(docRows);
        await tx.insert(documentVersions).values(versionRows);
      });
      written += n;
    }
    process.stdout.write(`\r  seeded ${written}/${total}`);
  }
  process.stdout.write('\n');
  await ctx.db.execute(sql`vacuum analyze`);
  return sample!;
}
