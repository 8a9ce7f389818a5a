/**
 * Backfill of items published before enforcement (docs/modules/catalog.md §Backfill): list the
 * agency's live 主动公开 items without a 目录事项 with a suggestion each, and link them — all or
 * nothing, one transaction with one audit row per document. The publishing tables are read and
 * written only through publishing's index.ts.
 */
import type { Db, Executor } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { auditActor, canReadAgency, hasRole, type Actor } from '../accounts/index.ts';
import { getAgency } from '../agencies/index.ts';
import { recordAudit, type AuditActor } from '../audit/index.ts';
import { findDocumentsForLink, findUnlinkedPublished, setDocumentCatalogItem, type UnlinkedDocument } from '../publishing/index.ts';
import { checkLinks, suggestionFinder, type LinkError, type LinkInput, type SuggestedItem, type UnlinkedQuery } from './catalog-backfill.ts';
import { ensureCatalog } from './catalog.service.ts';
import * as repo from './catalog.repository.ts';

/** An unlinked item with its suggestion, as the API and the CLI show it. */
export interface UnlinkedItem {
  documentId: string;
  indexNo: string;
  title: string;
  columnId: string;
  columnSlug: string;
  columnName: string;
  publishedAt: string;
  lockVersion: number;
  suggestion: SuggestedItem | null;
}

/** Who reads the list: the agency's admins, drafters and reviewers; other readers of the agency 403, outsiders 404. */
function guardRead(actor: Actor, agencyId: string): void {
  if (hasRole(actor, agencyId, 'admin') || hasRole(actor, agencyId, 'drafter') || hasRole(actor, agencyId, 'reviewer')) return;
  if (!canReadAgency(actor, agencyId)) throw notFound('单位');
  throw forbidden('只有本单位管理员、起草人和审核人可以查看未归入目录的信息');
}

/** Who links: the agency's admin (a sysadmin counts), as for every catalog write. */
function guardLink(actor: Actor, agencyId: string): void {
  if (hasRole(actor, agencyId, 'admin')) return;
  if (!canReadAgency(actor, agencyId)) throw notFound('单位');
  throw forbidden('只有本单位管理员可以将信息归入目录事项');
}

/** Every unlinked live 主动公开 item of the agency with its suggestion (no guard: CLI and the route below). */
export async function unlinkedWithSuggestions(db: Executor, agencyId: string, columnId?: string): Promise<UnlinkedItem[]> {
  await ensureCatalog(db, agencyId);
  const [docs, areas, items] = await Promise.all([findUnlinkedPublished(db, agencyId, columnId), repo.findAreas(db, agencyId), repo.findItems(db, agencyId)]);
  const suggest = suggestionFinder(areas, items);
  return docs.map((d: UnlinkedDocument) => ({ ...d, publishedAt: d.publishedAt.toISOString(), suggestion: suggest(d.columnSlug) }));
}

/** GET /api/catalog/unlinked: one page, plus counts over all pages (the console shows before/after). */
export async function listUnlinked(db: Db, actor: Actor, q: UnlinkedQuery) {
  guardRead(actor, q.agencyId);
  await getAgency(db, q.agencyId);
  const all = await unlinkedWithSuggestions(db, q.agencyId, q.columnId);
  const start = (q.page - 1) * q.pageSize;
  return {
    items: all.slice(start, start + q.pageSize),
    total: all.length,
    withSuggestion: all.filter((i) => i.suggestion).length,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** 422 naming each bad row; nothing was written. */
export const linksRejected = (errors: LinkError[]) =>
  new AppError('UNPROCESSABLE', {
    message: `归入目录失败，共 ${errors.length} 处错误，未做任何修改：${errors
      .slice(0, 3)
      .map((e) => e.message)
      .join('；')}${errors.length > 3 ? '……' : ''}`,
    reason: 'CATALOG_LINK_INVALID',
    details: { errors },
  });

/**
 * Links documents to catalog items of `agencyId` in ONE transaction (no guard: the route and the
 * CLI check who may). Every row is checked first inside the transaction; any problem → 422 with
 * the rows, nothing written. A row whose guarded UPDATE finds the document changed meanwhile
 * (linked, withdrawn) fails the whole request the same way.
 */
export async function linkDocuments(db: Db, agencyId: string, links: LinkInput['links'], by: AuditActor, via: 'console' | 'cli'): Promise<{ linked: number }> {
  await ensureCatalog(db, agencyId);
  return db.transaction(async (tx) => {
    const [docRows, items, areas] = await Promise.all([findDocumentsForLink(tx, links.map((l) => l.documentId)), repo.findItems(tx, agencyId), repo.findAreas(tx, agencyId)]);
    const docs = new Map(docRows.map((d) => [d.id, d]));
    const itemMap = new Map(items.map((i) => [i.id, i]));
    const areaNames = new Map(areas.map((a) => [a.id, a.name]));
    const describe = (id: string) => {
      const i = itemMap.get(id);
      return i ? `${areaNames.get(i.areaId) ?? ''} / ${i.level1} / ${i.level2}` : '其他单位或已删除的事项';
    };
    const errors = checkLinks(agencyId, links, docs, itemMap, describe);
    if (errors.length) throw linksRejected(errors);
    for (const [i, l] of links.entries()) {
      const from = l.expectedCatalogItemId ?? null;
      if (!(await setDocumentCatalogItem(tx, l.documentId, agencyId, from, l.catalogItemId))) {
        throw linksRejected([{ row: i + 1, documentId: l.documentId, message: `第${i + 1}行：「${docs.get(l.documentId)!.title}」刚被他人修改（已归入目录或已撤回），请刷新后重试` }]);
      }
      await recordAudit(tx, by, {
        agencyId,
        action: 'catalog.link',
        entityType: 'document',
        entityId: l.documentId,
        before: { catalogItemId: from },
        after: { catalogItemId: l.catalogItemId, catalogItem: describe(l.catalogItemId), via },
      });
    }
    return { linked: links.length };
  });
}

/** POST /api/catalog/link by a signed-in admin. */
export async function linkAsActor(db: Db, actor: Actor, input: LinkInput, ip: string | null): Promise<{ linked: number }> {
  guardLink(actor, input.agencyId);
  await getAgency(db, input.agencyId);
  return linkDocuments(db, input.agencyId, input.links, auditActor(actor, ip), 'console');
}
