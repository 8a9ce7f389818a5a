/**
 * 补充标准目录新增事项: an agency whose catalog was created from an earlier standard version gets
 * the items the shipped standard added since (items with `since` later than the agency's
 * version), without touching what the agency has: existing items are never overwritten, and
 * items of the version it started from that it deleted do not come back (deleting was the
 * admin's decision). Areas the standard names but the agency lacks are created at the end.
 */
import type { Db } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { auditActor, type Actor } from '../accounts/index.ts';
import { getAgency } from '../agencies/index.ts';
import { recordAudit } from '../audit/index.ts';
import { ensureCatalog, guard, isUniqueViolation, standardItemRow } from './catalog.service.ts';
import * as repo from './catalog.repository.ts';
import { generalAreas, standardCatalog, standardCatalogVersion, type StandardArea } from './standard-catalog.ts';

export interface StandardAddition {
  areaName: string;
  level1: string;
  level2: string;
  since: string;
}

const itemKey = (area: string, level1: string, level2: string) => `${area}\u0000${level1}\u0000${level2}`;

/**
 * Pure: the standard's items added after `agencyVersion` that the agency has no item for
 * (same 领域/一级/二级 names). Version tags compare as strings ('2025-first' < '2026-checked').
 */
export function missingStandardItems(areas: readonly StandardArea[], agencyVersion: string, existing: ReadonlySet<string>): StandardAddition[] {
  const out: StandardAddition[] = [];
  for (const a of areas) {
    for (const it of a.items) {
      if (!it.since || it.since <= agencyVersion) continue;
      if (existing.has(itemKey(a.name, it.level1, it.level2))) continue;
      out.push({ areaName: a.name, level1: it.level1, level2: it.level2, since: it.since });
    }
  }
  return out;
}

async function pending(db: Db, agencyId: string) {
  await ensureCatalog(db, agencyId);
  const [version, areas, items] = await Promise.all([repo.findStandardVersion(db, agencyId), repo.findAreas(db, agencyId), repo.findItems(db, agencyId)]);
  const areaName = new Map(areas.map((a) => [a.id, a.name]));
  const existing = new Set(items.map((i) => itemKey(areaName.get(i.areaId) ?? '', i.level1, i.level2)));
  const from = version ?? standardCatalogVersion;
  return { from, areas, additions: missingStandardItems([...standardCatalog, ...generalAreas], from, existing) };
}

/** GET /api/catalog/standard-additions: what 补充 would add (agency admins). */
export async function previewStandardAdditions(db: Db, actor: Actor, agencyId: string) {
  guard(actor, 'edit', agencyId);
  const { from, additions } = await pending(db, agencyId);
  return { agencyVersion: from, standardVersion: standardCatalogVersion, additions };
}

/**
 * POST /api/catalog/standard-additions: adds them in one transaction and moves the agency to the
 * current standard version (so they are offered once); audited as catalog.standard.add.
 */
export async function addStandardItems(db: Db, actor: Actor, agencyId: string, ip: string | null) {
  guard(actor, 'edit', agencyId);
  const agency = await getAgency(db, agencyId);
  const { from, areas, additions } = await pending(db, agencyId);
  const areaIds = new Map(areas.map((a) => [a.name, a.id]));
  let nextSort = Math.max(0, ...areas.map((a) => a.sort)) + 10;
  const standard = new Map([...standardCatalog, ...generalAreas].map((a) => [a.name, a]));
  try {
    return await db.transaction(async (tx) => {
      if (from !== standardCatalogVersion && !(await repo.advanceStandardVersion(tx, agencyId, from, standardCatalogVersion))) {
        throw new AppError('CONFLICT', { message: '公开目录刚被他人更新，请刷新后重试', reason: 'CATALOG_STALE' });
      }
      let areasCreated = 0;
      for (const add of additions) {
        let areaId = areaIds.get(add.areaName);
        if (!areaId) {
          areaId = (await repo.insertArea(tx, { agencyId, name: add.areaName, sort: nextSort })).id;
          nextSort += 10;
          areaIds.set(add.areaName, areaId);
          areasCreated++;
        }
        const it = standard.get(add.areaName)!.items.find((x) => x.level1 === add.level1 && x.level2 === add.level2)!;
        await repo.insertItems(tx, [standardItemRow(agency, areaId, it, 1000)]);
      }
      await recordAudit(tx, auditActor(actor, ip), {
        agencyId,
        action: 'catalog.standard.add',
        entityType: 'catalog',
        entityId: agencyId,
        before: { standardVersion: from },
        after: { standardVersion: standardCatalogVersion, items: additions.length, areasCreated },
      });
      return { added: additions.length, areasCreated, standardVersion: standardCatalogVersion };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', { message: '公开目录刚被他人更新，请刷新后重试', reason: 'CATALOG_STALE' });
    throw e;
  }
}
