/**
 * Use cases of the catalog: seeding from the shipped standard (once per agency), reading,
 * editing areas and items (agency admin), XLSX import/export, and the ledger. Guards first,
 * then one transaction that also writes the audit row.
 */
import type { Db, Executor } from '../../db/client.ts';
import { chinaYear, now } from '../../lib/clock.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { auditActor, systemActor, type Actor } from '../accounts/index.ts';
import { getAgency } from '../agencies/index.ts';
import { recordAudit, type AuditActor } from '../audit/index.ts';
import { loadCalendar } from '../calendar/index.ts';
import { buildCatalogWorkbook, parseCatalogWorkbook, type CatalogSheetRow } from './catalog-xlsx.ts';
import { duplicateName, importRejected, inUse, staleItem } from './catalog.errors.ts';
import { canCatalog, type CatalogAction } from './catalog.policy.ts';
import { presentArea, presentItem } from './catalog.presenter.ts';
import * as repo from './catalog.repository.ts';
import type { CatalogSettingsInput, CreateAreaInput, CreateItemInput, UpdateAreaInput, UpdateItemInput } from './catalog.schemas.ts';
import { normalizeChannels, type Audience, type Channel, type Level, type Mode } from './channels.ts';
import { computeLedger, defaultInterpretationDays, owesInterpretation, pairCorrections, type Ledger, type LedgerDocument } from './ledger.ts';
import { ESCALATION_WORKING_DAYS } from './reminders.ts';

/** 规章 and 行政规范性文件 owe a 政策解读 (same list as publishing's interpretations.ts). */
const policyDocTypes = ['regulation', 'normative'] as const;
import { defaultCatalogKeyForColumn, generalAreas, standardCatalog, standardCatalogVersion, type StandardItem } from './standard-catalog.ts';
import { checkTimeRule, formatTimeRule, normalizeTimeRule } from './time-rule.ts';

/** JSON with object keys sorted: jsonb does not keep key order, so plain JSON.stringify would see changes that are not. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
}

export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}

/** A shipped standard item as the agency's catalog row (公开主体 = the agency, 层级 by its kind). */
export function standardItemRow(agency: { id: string; name: string; kind: string }, areaId: string, it: StandardItem, sort: number): repo.NewItem {
  return {
    agencyId: agency.id,
    areaId,
    level1: it.level1,
    level2: it.level2,
    content: it.content,
    basis: it.basis,
    timeRule: it.rule,
    subject: agency.name,
    channels: normalizeChannels(it.channels),
    audience: it.audience,
    mode: 'proactive',
    level: agency.kind === 'township' ? 'township' : 'county',
    sort,
  };
}

/**
 * Creates an agency's catalog from the shipped standard (the 26 areas + 机构与政务公开工作),
 * once: a second call, or a call after the admin deleted items, does nothing. Returns whether
 * it seeded. Called by setup.ts for the demo agencies and lazily by {@link ensureCatalog}.
 */
export async function seedAgencyCatalog(db: Executor, agencyId: string, by: AuditActor = systemActor): Promise<boolean> {
  const agency = await getAgency(db, agencyId);
  return db.transaction(async (tx) => {
    if (!(await repo.claimSeeding(tx, agencyId, standardCatalogVersion))) return false;
    let items = 0;
    const areas = [...standardCatalog, ...generalAreas];
    for (const [ai, a] of areas.entries()) {
      const area = await repo.insertArea(tx, { agencyId, name: a.name, sort: (ai + 1) * 10 });
      const rows = await repo.insertItems(
        tx,
        a.items.map((it, ii) => standardItemRow(agency, area.id, it, (ii + 1) * 10)),
      );
      items += rows.length;
    }
    await recordAudit(tx, by, {
      agencyId,
      action: 'catalog.seed',
      entityType: 'catalog',
      entityId: agencyId,
      after: { standardVersion: standardCatalogVersion, areas: areas.length, items },
    });
    return true;
  });
}

/**
 * Lazy creation on first access: agencies created after the first start (through the agencies
 * module, which the catalog does not hook into) get their catalog the first time anyone opens it.
 */
export async function ensureCatalog(db: Executor, agencyId: string): Promise<void> {
  if (await repo.isSeeded(db, agencyId)) return;
  await seedAgencyCatalog(db, agencyId);
}

export function guard(actor: Actor, action: CatalogAction, agencyId: string): void {
  if (canCatalog(actor, action, agencyId)) return;
  if (!canCatalog(actor, 'read', agencyId)) throw notFound('单位');
  throw forbidden('只有本单位管理员可以修改公开目录');
}

/** The agency's catalog: areas in order, each with its items. */
export async function getCatalog(db: Db, actor: Actor, agencyId: string) {
  guard(actor, 'read', agencyId);
  await getAgency(db, agencyId);
  await ensureCatalog(db, agencyId);
  const [areas, items] = await Promise.all([repo.findAreas(db, agencyId), repo.findItems(db, agencyId)]);
  return { areas: areas.map((a) => presentArea(a, items)) };
}

/** One catalog item of the agency, or null: publishing uses it to check a document's catalogItemId. */
export async function findCatalogItem(db: Executor, agencyId: string, itemId: string): Promise<{ id: string; agencyId: string; mode: string } | null> {
  const item = await repo.findItem(db, itemId);
  return item && item.agencyId === agencyId ? { id: item.id, agencyId: item.agencyId, mode: item.mode } : null;
}

/**
 * The catalog item a new document of column `columnSlug` defaults to (seeding the agency's
 * catalog first if needed; inside a transaction the seed is a savepoint), or null when the agency
 * renamed or deleted that item. docs/modules/catalog.md §Enforcement.
 */
export async function defaultCatalogItemForColumn(db: Executor, agencyId: string, columnSlug: string): Promise<string | null> {
  await ensureCatalog(db, agencyId);
  const [areaName, level1, level2] = defaultCatalogKeyForColumn(columnSlug);
  const [areas, items] = await Promise.all([repo.findAreas(db, agencyId), repo.findItems(db, agencyId)]);
  const area = areas.find((a) => a.name === areaName);
  const item = area && items.find((i) => i.areaId === area.id && i.level1 === level1 && i.level2 === level2 && i.mode === 'proactive');
  return item ? item.id : null;
}

/** The agency's catalog for the public portal: areas in order with their proactive items (no seeding, no guard). */
export async function listPublicCatalog(db: Executor, agencyId: string): Promise<Array<{ id: string; name: string; items: Array<{ id: string; level1: string; level2: string; content: string; timeLimit: string }> }>> {
  const [areas, items] = await Promise.all([repo.findAreas(db, agencyId), repo.findItems(db, agencyId)]);
  return areas.map((a) => ({
    id: a.id,
    name: a.name,
    items: items
      .filter((i) => i.areaId === a.id && i.mode === 'proactive')
      .sort((x, y) => x.sort - y.sort)
      .map((i) => ({ id: i.id, level1: i.level1, level2: i.level2, content: i.content, timeLimit: formatTimeRule(i.timeRule) })),
  }));
}

async function loadArea(db: Executor, actor: Actor, id: string, action: CatalogAction) {
  const area = await repo.findArea(db, id);
  if (!area || !canCatalog(actor, 'read', area.agencyId)) throw notFound('领域');
  guard(actor, action, area.agencyId);
  return area;
}

async function loadItem(db: Executor, actor: Actor, id: string, action: CatalogAction) {
  const item = await repo.findItem(db, id);
  if (!item || !canCatalog(actor, 'read', item.agencyId)) throw notFound('目录事项');
  guard(actor, action, item.agencyId);
  return item;
}

/** Adds an area. */
export async function createArea(db: Db, actor: Actor, input: CreateAreaInput, ip: string | null) {
  guard(actor, 'edit', input.agencyId);
  await ensureCatalog(db, input.agencyId);
  try {
    const area = await db.transaction(async (tx) => {
      const row = await repo.insertArea(tx, input);
      await recordAudit(tx, auditActor(actor, ip), { agencyId: input.agencyId, action: 'catalog.area.create', entityType: 'catalog_area', entityId: row.id, after: { name: row.name, sort: row.sort } });
      return row;
    });
    return { id: area.id, name: area.name, sort: area.sort, items: [] };
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName(`领域「${input.name}」`);
    throw e;
  }
}

/** Renames or reorders an area. */
export async function updateArea(db: Db, actor: Actor, id: string, input: UpdateAreaInput, ip: string | null) {
  const area = await loadArea(db, actor, id, 'edit');
  try {
    const row = await db.transaction(async (tx) => {
      const updated = await repo.updateArea(tx, id, input);
      await recordAudit(tx, auditActor(actor, ip), { agencyId: area.agencyId, action: 'catalog.area.update', entityType: 'catalog_area', entityId: id, before: { name: area.name, sort: area.sort }, after: input });
      return updated;
    });
    return { id: row.id, name: row.name, sort: row.sort };
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName(`领域「${input.name ?? ''}」`);
    throw e;
  }
}

/** Deletes an empty area (409 while it has items). */
export async function deleteArea(db: Db, actor: Actor, id: string, ip: string | null): Promise<void> {
  const area = await loadArea(db, actor, id, 'edit');
  if ((await repo.countItemsInArea(db, id)) > 0) throw inUse(`领域「${area.name}」下仍有目录事项，请先删除或移走这些事项`);
  await db.transaction(async (tx) => {
    await repo.deleteArea(tx, id);
    await recordAudit(tx, auditActor(actor, ip), { agencyId: area.agencyId, action: 'catalog.area.delete', entityType: 'catalog_area', entityId: id, before: { name: area.name } });
  });
}

async function checkAreaOfAgency(db: Executor, areaId: string, agencyId: string): Promise<void> {
  const area = await repo.findArea(db, areaId);
  if (!area || area.agencyId !== agencyId) {
    throw new AppError('VALIDATION', { message: '输入有误：所选领域不属于该单位', details: { fields: { areaId: '所选领域不属于该单位' } } });
  }
}

function checkRule(rule: CreateItemInput['timeRule'] | undefined): void {
  const p = rule ? checkTimeRule(rule) : null;
  if (p) throw new AppError('VALIDATION', { message: `输入有误：${p}`, details: { fields: { timeRule: p } } });
}

/** Adds an item. */
export async function createItem(db: Db, actor: Actor, input: CreateItemInput, ip: string | null) {
  guard(actor, 'edit', input.agencyId);
  await checkAreaOfAgency(db, input.areaId, input.agencyId);
  checkRule(input.timeRule);
  input = { ...input, channels: normalizeChannels(input.channels), timeRule: normalizeTimeRule(input.timeRule) };
  try {
    const row = await db.transaction(async (tx) => {
      const [item] = await repo.insertItems(tx, [input]);
      await recordAudit(tx, auditActor(actor, ip), { agencyId: input.agencyId, action: 'catalog.item.create', entityType: 'catalog_item', entityId: item!.id, after: input });
      return item!;
    });
    return presentItem(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName(`目录事项「${input.level1} / ${input.level2}」`);
    throw e;
  }
}

const itemKeys = ['areaId', 'level1', 'level2', 'content', 'basis', 'timeRule', 'subject', 'channels', 'audience', 'mode', 'level', 'sort', 'needsInterpretation'] as const;

/** Edits an item (optimistic lock); audits the changed fields. */
export async function updateItem(db: Db, actor: Actor, id: string, input: UpdateItemInput, ip: string | null) {
  const item = await loadItem(db, actor, id, 'edit');
  if (item.lockVersion !== input.lockVersion) throw staleItem();
  if (input.areaId && input.areaId !== item.areaId) await checkAreaOfAgency(db, input.areaId, item.agencyId);
  checkRule(input.timeRule);
  if (input.channels) input = { ...input, channels: normalizeChannels(input.channels) };
  if (input.timeRule) input = { ...input, timeRule: normalizeTimeRule(input.timeRule) };
  const changed = itemKeys.filter((k) => input[k] !== undefined && canonical(input[k]) !== canonical(item[k]));
  if (changed.length === 0) return presentItem(item);
  const values = Object.fromEntries(changed.map((k) => [k, input[k]])) as Partial<repo.NewItem>;
  try {
    const row = await db.transaction(async (tx) => {
      const updated = await repo.updateItemGuarded(tx, id, item.lockVersion, values);
      if (!updated) throw staleItem();
      await recordAudit(tx, auditActor(actor, ip), {
        agencyId: item.agencyId,
        action: 'catalog.item.update',
        entityType: 'catalog_item',
        entityId: id,
        before: Object.fromEntries(changed.map((k) => [k, item[k]])),
        after: values,
      });
      return updated;
    });
    return presentItem(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName('同一领域下相同的一级、二级事项');
    throw e;
  }
}

/** Deletes an item nothing points at (409 when documents or AB duties are linked). */
export async function deleteItem(db: Db, actor: Actor, id: string, ip: string | null): Promise<void> {
  const item = await loadItem(db, actor, id, 'edit');
  if ((await repo.countItemReferences(db, id)) > 0) throw inUse(`目录事项「${item.level2}」已关联政府信息或AB岗职责，不能删除`);
  await db.transaction(async (tx) => {
    await repo.deleteItem(tx, id);
    await recordAudit(tx, auditActor(actor, ip), { agencyId: item.agencyId, action: 'catalog.item.delete', entityType: 'catalog_item', entityId: id, before: { level1: item.level1, level2: item.level2 } });
  });
}

async function sheetRows(db: Db, agencyId: string): Promise<CatalogSheetRow[]> {
  const [areas, items] = await Promise.all([repo.findAreas(db, agencyId), repo.findItems(db, agencyId)]);
  return areas.flatMap((a) =>
    items
      .filter((i) => i.areaId === a.id)
      .map((i) => ({
        area: a.name,
        level1: i.level1,
        level2: i.level2,
        content: i.content,
        basis: i.basis,
        timeRule: i.timeRule,
        subject: i.subject,
        channels: i.channels as Channel[],
        audience: i.audience as Audience,
        mode: i.mode as Mode,
        level: i.level as Level,
        needsInterpretation: i.needsInterpretation,
      })),
  );
}

/** The catalog as XLSX. */
export async function exportCatalog(db: Db, actor: Actor, agencyId: string): Promise<{ filename: string; data: Buffer }> {
  guard(actor, 'read', agencyId);
  const agency = await getAgency(db, agencyId);
  await ensureCatalog(db, agencyId);
  const title = `${agency.name}政务公开事项标准目录`;
  return { filename: `${title}.xlsx`, data: await buildCatalogWorkbook(title, await sheetRows(db, agencyId)) };
}

/**
 * Imports an XLSX catalog, all or nothing: every row is checked first and any error refuses
 * the whole file (422 with 「第N行：…」 errors). Rows update the item with the same area,
 * 一级 and 二级事项, or add it (and its area); items missing from the file are kept.
 */
export async function importCatalog(db: Db, actor: Actor, agencyId: string, data: Buffer, ip: string | null) {
  guard(actor, 'edit', agencyId);
  await ensureCatalog(db, agencyId);
  const { rows, errors } = await parseCatalogWorkbook(data);
  if (errors.length) throw importRejected(errors);
  return db.transaction(async (tx) => {
    const areas = new Map((await repo.findAreas(tx, agencyId)).map((a) => [a.name, a]));
    const items = await repo.findItems(tx, agencyId);
    let created = 0;
    let updated = 0;
    let areasCreated = 0;
    let maxSort = Math.max(0, ...[...areas.values()].map((a) => a.sort));
    for (const [i, r] of rows.entries()) {
      let area = areas.get(r.area);
      if (!area) {
        maxSort += 10;
        area = await repo.insertArea(tx, { agencyId, name: r.area, sort: maxSort });
        areas.set(r.area, area);
        areasCreated++;
      }
      // A workbook without the 是否需要解读 column leaves the items' flags as they are.
      const fields = {
        content: r.content,
        basis: r.basis,
        timeRule: r.timeRule,
        subject: r.subject,
        channels: r.channels,
        audience: r.audience,
        mode: r.mode,
        level: r.level,
        ...(r.needsInterpretation !== undefined ? { needsInterpretation: r.needsInterpretation } : {}),
      };
      const existing = items.find((x) => x.areaId === area.id && x.level1 === r.level1 && x.level2 === r.level2);
      if (existing) {
        const differs = (Object.keys(fields) as Array<keyof typeof fields>).some((k) => canonical(fields[k]) !== canonical(existing[k]));
        if (differs) {
          await repo.updateItemGuarded(tx, existing.id, existing.lockVersion, fields);
          updated++;
        }
      } else {
        await repo.insertItems(tx, [{ agencyId, areaId: area.id, level1: r.level1, level2: r.level2, sort: (i + 1) * 10, ...fields }]);
        created++;
      }
    }
    const result = { rows: rows.length, created, updated, unchanged: rows.length - created - updated, areasCreated };
    await recordAudit(tx, auditActor(actor, ip), { agencyId, action: 'catalog.import', entityType: 'catalog', entityId: agencyId, after: result });
    return result;
  });
}

/** The 更新提醒台账 of an agency and year (default: this year in China). */
export async function getLedger(db: Db, actor: Actor, agencyId: string, year?: number): Promise<Ledger> {
  guard(actor, 'read', agencyId);
  await getAgency(db, agencyId);
  await ensureCatalog(db, agencyId);
  return agencyLedger(db, agencyId, year, now());
}

/** An agency's timeliness settings: its row, or the defaults (5 working days for 解读, escalation after 2). */
export interface CatalogSettings {
  agencyId: string;
  interpretationDays: number;
  escalationWorkingDays: number;
  /** true while the agency never saved settings (the defaults apply). */
  isDefault: boolean;
  updatedAt: string | null;
}

/** The settings the ledger and the reminders use, without a guard. */
export async function loadCatalogSettings(db: Executor, agencyId: string): Promise<CatalogSettings> {
  const row = await repo.findSettings(db, agencyId);
  if (!row) return { agencyId, interpretationDays: defaultInterpretationDays, escalationWorkingDays: ESCALATION_WORKING_DAYS, isDefault: true, updatedAt: null };
  return { agencyId, interpretationDays: row.interpretationDays, escalationWorkingDays: row.escalationWorkingDays, isDefault: false, updatedAt: row.updatedAt.toISOString() };
}

/** An agency's timeliness limits (政策解读 days, A→B escalation), for other modules: no guard, defaults while unset. */
export type TimelinessSettings = Pick<CatalogSettings, 'interpretationDays' | 'escalationWorkingDays'>;

/**
 * The timeliness limits other modules follow (publishing's missing-interpretation list, feedback's
 * escalation): the agency's `catalog_settings` row, or the defaults. Used only inside functions, so
 * the publishing ↔ catalog import cycle is safe.
 */
export async function getTimelinessSettings(db: Executor, agencyId: string): Promise<TimelinessSettings> {
  const s = await loadCatalogSettings(db, agencyId);
  return { interpretationDays: s.interpretationDays, escalationWorkingDays: s.escalationWorkingDays };
}

/** GET /api/catalog/settings: readers of the agency. */
export async function getCatalogSettings(db: Db, actor: Actor, agencyId: string): Promise<CatalogSettings> {
  guard(actor, 'read', agencyId);
  await getAgency(db, agencyId);
  return loadCatalogSettings(db, agencyId);
}

/** PUT /api/catalog/settings: the agency admin; audited `catalog.settings.update`. */
export async function updateCatalogSettings(db: Db, actor: Actor, agencyId: string, input: CatalogSettingsInput, ip: string | null): Promise<CatalogSettings> {
  const readable = canCatalog(actor, 'read', agencyId);
  if (!readable) throw notFound('单位');
  if (!canCatalog(actor, 'edit', agencyId)) throw forbidden('只有本单位管理员可以修改时限设置');
  await getAgency(db, agencyId);
  return db.transaction(async (tx) => {
    const before = await loadCatalogSettings(tx, agencyId);
    await repo.upsertSettings(tx, { agencyId, ...input, updatedBy: actor.userId });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId,
      action: 'catalog.settings.update',
      entityType: 'catalog_settings',
      entityId: agencyId,
      before: { interpretationDays: before.interpretationDays, escalationWorkingDays: before.escalationWorkingDays },
      after: input,
    });
    return loadCatalogSettings(tx, agencyId);
  });
}

/** The ledger of an agency's existing catalog, without a guard (for the reminders job); `settings` when the caller already loaded them. */
export async function agencyLedger(db: Db, agencyId: string, year: number | undefined, at: Date, settings?: CatalogSettings): Promise<Ledger> {
  const [areas, items, linked, calendar, limits] = await Promise.all([
    repo.findAreas(db, agencyId),
    repo.findItems(db, agencyId),
    repo.findLinkedDocuments(db, agencyId),
    loadCalendar(db),
    settings ?? loadCatalogSettings(db, agencyId),
  ]);
  const flagOf = new Map(items.map((i) => [i.id, i.needsInterpretation]));
  const areaNames = new Map(areas.map((a) => [a.id, a.name]));
  const order = new Map(areas.map((a, i) => [a.id, i]));
  const sorted = [...items].sort((a, b) => (order.get(a.areaId) ?? 0) - (order.get(b.areaId) ?? 0) || a.sort - b.sort);
  // Non-proactive items are never published and owe nothing to the ledger.
  const owing = linked.filter((d) => d.firstPublishedAt || d.disclosure === 'proactive');
  const isPolicy = (docType: string) => (policyDocTypes as readonly string[]).includes(docType);
  const owes = (d: (typeof owing)[number]) => owesInterpretation(flagOf.get(d.catalogItemId!), { isPolicy: isPolicy(d.docType), isInterpretation: d.interpretsId !== null });
  const [changes, interpreted, announced] = await Promise.all([
    repo.findChanges(db, owing.filter((d) => d.firstPublishedAt).map((d) => d.documentId)),
    repo.findFirstInterpretations(db, owing.filter((d) => d.firstPublishedAt && owes(d)).map((d) => d.documentId)),
    repo.findAnnouncedNotices(db, owing.filter((d) => d.firstPublishedAt).map((d) => d.documentId)),
  ]);
  const noticeOf = new Map(announced.map((n) => [n.documentId, n]));
  const asDate = (v: unknown) => (v instanceof Date ? v : new Date(v as string));
  const firstInterpretation = new Map(interpreted.map((r) => [r.policyId, r.firstAt ? asDate(r.firstAt) : null]));
  const docs: LedgerDocument[] = owing.map((d) => ({
    catalogItemId: d.catalogItemId!,
    documentId: d.documentId,
    title: d.title,
    writtenOn: d.writtenOn,
    createdAt: d.createdAt,
    firstPublishedAt: d.firstPublishedAt ? asDate(d.firstPublishedAt) : null,
    closed: d.status === 'withdrawn' || d.status === 'approved',
    corrections: pairCorrections(
      changes.starts.filter((c) => c.documentId === d.documentId).map((c) => c.at),
      changes.versions.filter((v) => v.documentId === d.documentId).map((v) => v.publishedAt),
    ),
    isPolicy: isPolicy(d.docType),
    isInterpretation: d.interpretsId !== null,
    firstInterpretedAt: firstInterpretation.get(d.documentId) ?? null,
    withdrawnAt: d.status === 'withdrawn' && d.withdrawnAt ? asDate(d.withdrawnAt) : null,
    noticeStartsOn: noticeOf.get(d.documentId)?.noticeStartsOn ?? null,
    noticeEndsOn: noticeOf.get(d.documentId)?.noticeEndsOn ?? null,
  }));
  return computeLedger(
    sorted.map((i) => ({ id: i.id, areaId: i.areaId, areaName: areaNames.get(i.areaId) ?? '', level1: i.level1, level2: i.level2, rule: i.timeRule, mode: i.mode as 'proactive' | 'request', needsInterpretation: i.needsInterpretation })),
    docs,
    { year: year ?? chinaYear(at), now: at, calendar, interpretationDays: limits.interpretationDays },
  );
}
