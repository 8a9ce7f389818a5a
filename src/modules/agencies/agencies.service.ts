/** Use cases of agencies: create (with the standard column tree), read, change settings and review chain. */
import type { Db, Executor } from '../../db/client.ts';
import type { AgencySettings, ReviewStep } from '../../db/schema/index.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { recordAudit, type AuditActor } from '../audit/index.ts';
import { checkReviewChain, defaultReviewChain } from './review-chain.ts';
import { standardColumns } from './standard-columns.ts';
import * as repo from './agencies.repository.ts';
import { setRequireTraining } from '../training/index.ts';

export type Agency = repo.AgencyRow;
export type Column = repo.ColumnRow;
export type AgencyKind = 'county' | 'department' | 'township';

export interface CreateAgencyInput {
  code: string;
  slug: string;
  name: string;
  kind: AgencyKind;
  parentId?: string | null | undefined;
  settings?: AgencySettings | undefined;
  reviewChain?: ReviewStep[] | undefined;
  /** Require the pre-post test before drafter/reviewer/handler rights apply (training module; default off here, on through the API). */
  requireTraining?: boolean | undefined;
}

/** Creates an agency and its standard 政府信息公开 columns in one transaction. */
export async function createAgency(db: Db, by: AuditActor, input: CreateAgencyInput): Promise<Agency> {
  const chain = input.reviewChain ?? defaultReviewChain();
  checkReviewChain(chain);
  return db.transaction(async (tx) => {
    if (await repo.findByCode(tx, input.code)) throw new AppError('CONFLICT', { message: `机构代码 ${input.code} 已存在`, details: { fields: { code: '已存在' } } });
    if (await repo.findBySlug(tx, input.slug)) throw new AppError('CONFLICT', { message: `网址标识 ${input.slug} 已被使用`, details: { fields: { slug: '已存在' } } });
    if (input.parentId && !(await repo.findById(tx, input.parentId))) throw notFound('上级单位');
    const agency = await repo.insert(tx, {
      code: input.code,
      slug: input.slug,
      name: input.name,
      kind: input.kind,
      parentId: input.parentId ?? null,
      settings: input.settings ?? {},
      reviewChain: chain,
    });
    let sort = 0;
    for (const col of standardColumns(input.kind)) {
      const parent = await repo.insertColumn(tx, { agencyId: agency.id, slug: col.slug, name: col.name, basis: col.basis ?? null, sort: sort++ });
      for (const child of col.children ?? []) {
        await repo.insertColumn(tx, { agencyId: agency.id, parentId: parent.id, slug: child.slug, name: child.name, basis: child.basis ?? null, sort: sort++ });
      }
    }
    if (input.requireTraining) await setRequireTraining(tx, agency.id, true);
    await recordAudit(tx, by, { agencyId: agency.id, action: 'agency.create', entityType: 'agency', entityId: agency.id, after: { code: agency.code, slug: agency.slug, name: agency.name, kind: agency.kind, requireTraining: !!input.requireTraining } });
    return agency;
  });
}

/** All agencies. */
export function listAgencies(db: Executor): Promise<Agency[]> {
  return repo.findAll(db);
}

/** One agency or a 404. */
export async function getAgency(db: Executor, id: string): Promise<Agency> {
  const a = await repo.findById(db, id);
  if (!a) throw notFound('单位');
  return a;
}

/** One agency by its URL segment, or undefined. */
export function findAgencyBySlug(db: Executor, slug: string): Promise<Agency | undefined> {
  return repo.findBySlug(db, slug);
}

/** An agency's columns in display order. */
export function listColumns(db: Executor, agencyId: string): Promise<Column[]> {
  return repo.findColumns(db, agencyId);
}

/** Every column of every agency (portal caches). */
export function listAllColumns(db: Executor): Promise<Column[]> {
  return repo.findAllColumns(db);
}

/** One column or undefined. */
export function findColumn(db: Executor, id: string): Promise<Column | undefined> {
  return repo.findColumn(db, id);
}

export interface UpdateAgencyInput {
  name?: string | undefined;
  settings?: AgencySettings | undefined;
  reviewChain?: ReviewStep[] | undefined;
}

/** Changes an agency's name, public settings or review chain (items already in review keep their frozen chain). */
export async function updateAgency(db: Db, by: AuditActor, id: string, input: UpdateAgencyInput, isAdmin: boolean): Promise<Agency> {
  if (!isAdmin) throw forbidden('只有单位管理员可以修改单位设置');
  if (input.reviewChain) checkReviewChain(input.reviewChain);
  return db.transaction(async (tx) => {
    const before = await repo.findById(tx, id);
    if (!before) throw notFound('单位');
    const after = await repo.update(tx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.settings !== undefined ? { settings: input.settings } : {}),
      ...(input.reviewChain !== undefined ? { reviewChain: input.reviewChain } : {}),
    });
    await recordAudit(tx, by, {
      agencyId: id,
      action: 'agency.update',
      entityType: 'agency',
      entityId: id,
      before: { name: before.name, settings: before.settings, reviewChain: before.reviewChain },
      after: input,
    });
    return after!;
  });
}
