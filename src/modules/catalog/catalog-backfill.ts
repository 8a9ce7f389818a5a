/**
 * Backfill of items published before enforcement (docs/modules/catalog.md §Backfill), pure part:
 * the input schemas, the suggested catalog item of a column (its default, when the agency still
 * has it) and the per-row checks of a link request. No I/O.
 */
import { z } from 'zod';
import { defaultCatalogKeyForColumn } from './standard-catalog.ts';

const uuid = (label: string) => z.string({ error: `请选择${label}` }).uuid(`${label}编号格式不正确`);

/** Largest number of links in one request (one transaction, one audit row each). */
export const maxLinksPerRequest = 500;
/** Largest page of the listing (the console selects a page and links it in one request). */
export const maxPageSize = 500;

/** GET /api/catalog/unlinked?agencyId[&columnId][&page][&pageSize] */
export const unlinkedQuerySchema = z
  .object({
    agencyId: uuid('单位'),
    columnId: uuid('栏目').optional(),
    page: z.coerce.number().int('页码须为整数').min(1, '页码须大于 0').default(1),
    pageSize: z.coerce.number().int('每页条数须为整数').min(1, '每页条数须大于 0').max(maxPageSize, `每页最多 ${maxPageSize} 条`).default(50),
  })
  .strict();
export type UnlinkedQuery = z.infer<typeof unlinkedQuerySchema>;

/** POST /api/catalog/link */
export const linkSchema = z
  .object({
    agencyId: uuid('单位'),
    links: z
      .array(
        z
          .object({
            documentId: uuid('信息'),
            catalogItemId: uuid('目录事项'),
            /**
             * The item the document is linked to now, as the caller saw it (null or omitted: unlinked).
             * Relinking a linked document needs it, so a link made meanwhile is never replaced unseen.
             */
            expectedCatalogItemId: uuid('原目录事项').nullable().optional(),
          })
          .strict(),
      )
      .min(1, '请至少选择一条信息')
      .max(maxLinksPerRequest, `一次最多归入 ${maxLinksPerRequest} 条`),
  })
  .strict();
export type LinkInput = z.infer<typeof linkSchema>;

/** A catalog item as the backfill shows it. */
export interface SuggestedItem {
  id: string;
  areaName: string;
  level1: string;
  level2: string;
}

interface AreaLike {
  id: string;
  name: string;
}
interface ItemLike {
  id: string;
  areaId: string;
  level1: string;
  level2: string;
  mode: string;
}

/**
 * The suggestion of each column slug: its default item ({@link defaultCatalogKeyForColumn}) when
 * the agency's catalog still has it as a 主动 item, else null (the same rule as a new draft's default).
 */
export function suggestionFinder(areas: AreaLike[], items: ItemLike[]): (columnSlug: string) => SuggestedItem | null {
  const areaByName = new Map(areas.map((a) => [a.name, a]));
  const cache = new Map<string, SuggestedItem | null>();
  return (slug) => {
    if (cache.has(slug)) return cache.get(slug)!;
    const [areaName, level1, level2] = defaultCatalogKeyForColumn(slug);
    const area = areaByName.get(areaName);
    const item = area && items.find((i) => i.areaId === area.id && i.level1 === level1 && i.level2 === level2 && i.mode === 'proactive');
    const found = item ? { id: item.id, areaName, level1, level2 } : null;
    cache.set(slug, found);
    return found;
  };
}

/** One document as the link check sees it. */
export interface LinkDocument {
  id: string;
  agencyId: string;
  title: string;
  disclosure: string;
  status: string;
  liveVersion: number | null;
  catalogItemId: string | null;
}

/** One problem of a link request: 1-based row, what and why. */
export interface LinkError {
  row: number;
  documentId: string;
  message: string;
}

/**
 * Every problem of a link request (empty: all rows may be written). A document must be the
 * agency's live 主动公开 item whose link is still what the caller saw; the item must be one of
 * the agency's 主动 items; a document appears once.
 */
export function checkLinks(
  agencyId: string,
  links: LinkInput['links'],
  docs: Map<string, LinkDocument>,
  items: Map<string, ItemLike & { agencyId: string }>,
  describe: (itemId: string) => string,
): LinkError[] {
  const errors: LinkError[] = [];
  const seen = new Set<string>();
  links.forEach((l, i) => {
    const row = i + 1;
    const fail = (why: string) => errors.push({ row, documentId: l.documentId, message: `第${row}行：${why}` });
    if (seen.has(l.documentId)) return fail('同一条信息重复出现');
    seen.add(l.documentId);
    const doc = docs.get(l.documentId);
    // Another agency's document is reported like an unknown one (no existence leak).
    if (!doc || doc.agencyId !== agencyId) return fail('信息不存在或不属于本单位');
    if (doc.disclosure !== 'proactive') return fail(`「${doc.title}」不是主动公开信息，无需归入目录`);
    if (doc.liveVersion === null || doc.status === 'withdrawn') return fail(`「${doc.title}」未发布或已撤回`);
    const expected = l.expectedCatalogItemId ?? null;
    if (doc.catalogItemId !== expected) {
      return fail(doc.catalogItemId ? `「${doc.title}」已归入目录事项「${describe(doc.catalogItemId)}」（可能刚被他人归入），请刷新后重试` : `「${doc.title}」尚未归入目录事项，与所传原目录事项不符，请刷新后重试`);
    }
    const item = items.get(l.catalogItemId);
    if (!item || item.agencyId !== agencyId) return fail('目录事项不存在或不属于本单位');
    if (item.mode !== 'proactive') return fail(`目录事项「${describe(item.id)}」为依申请公开事项，主动公开信息不能归入`);
  });
  return errors;
}
