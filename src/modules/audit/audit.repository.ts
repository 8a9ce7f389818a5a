/** Database access of the audit log. */
import { and, desc, eq, gt, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';
import type { StoredAuditRow } from './audit-chain.ts';

/** Serialises audit appends so the chain stays linear across connections and processes. */
export async function lockChain(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7210002)`);
}

/** The newest row's id and hash, or null for an empty log. */
export async function findLast(tx: Executor): Promise<{ id: number; hash: string } | null> {
  const rows = await tx.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return rows[0] ?? null;
}

/** Appends one row. */
export async function insertRow(tx: Executor, row: StoredAuditRow): Promise<void> {
  await tx.insert(auditLog).values(row);
}

/** Rows after `afterId`, in id order, in batches. */
export async function findBatch(tx: Executor, afterId: number, limit: number): Promise<StoredAuditRow[]> {
  return tx.select().from(auditLog).where(gt(auditLog.id, afterId)).orderBy(auditLog.id).limit(limit);
}

/** Filters of the audit log view. */
export interface AuditQuery {
  agencyIds: string[] | 'all';
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  beforeId?: number | undefined;
  limit: number;
}

/** Newest-first page of the audit log. */
export async function findPage(tx: Executor, q: AuditQuery): Promise<StoredAuditRow[]> {
  const where: SQL[] = [];
  if (q.agencyIds !== 'all') {
    if (q.agencyIds.length === 0) return [];
    where.push(sql`${auditLog.agencyId} in ${q.agencyIds}`);
  }
  if (q.entityType) where.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.beforeId) where.push(lt(auditLog.id, q.beforeId));
  return tx
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(q.limit);
}
