/**
 * Pure hash-chain arithmetic of the audit log: each row's hash covers the previous row's
 * hash and the row's own canonical content, so an edited row breaks its own hash and a
 * deleted row breaks the next row's link.
 */
import { createHash } from 'node:crypto';

/** The content of an audit row that its hash covers. */
export interface AuditContent {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string;
  agencyId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/** JSON with object keys sorted at every depth, so jsonb round trips hash the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Hash of a row given the previous row's hash. */
export function hashAuditRow(prevHash: string, row: AuditContent): string {
  // Fields picked one by one: a stored row also carries its own hash and link.
  const content = canonicalJson({
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    agencyId: row.agencyId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    ip: row.ip,
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/** A stored row: content plus its links. */
export interface StoredAuditRow extends AuditContent {
  prevHash: string;
  hash: string;
}

/** One break found by {@link verifyChain}. */
export interface ChainProblem {
  /** Row id at which the chain breaks. */
  id: number;
  /** edited: the row's content no longer matches its hash; deleted: rows are missing before it; relinked: its prevHash is not the previous row's hash. */
  kind: 'edited' | 'deleted' | 'relinked';
  message: string;
}

/**
 * Walks rows in id order, continuing from `start` (the last verified row of an earlier
 * batch, or none). Returns the problems found and the state to continue with.
 */
export function verifyChain(
  rows: StoredAuditRow[],
  start: { id: number; hash: string } | null,
): { problems: ChainProblem[]; last: { id: number; hash: string } | null } {
  const problems: ChainProblem[] = [];
  let prev = start;
  for (const row of rows) {
    const expectedPrev = prev ? prev.hash : '';
    if (prev && row.id !== prev.id + 1) {
      problems.push({ id: row.id, kind: 'deleted', message: `第 ${prev.id + 1}–${row.id - 1} 条审计记录缺失（被删除）` });
    } else if (!prev && row.id !== 1) {
      problems.push({ id: row.id, kind: 'deleted', message: `第 1–${row.id - 1} 条审计记录缺失（被删除）` });
    }
    if (row.prevHash !== expectedPrev && !(problems.at(-1)?.id === row.id)) {
      problems.push({ id: row.id, kind: 'relinked', message: `第 ${row.id} 条审计记录的前序哈希与上一条不符` });
    }
    if (hashAuditRow(row.prevHash, row) !== row.hash) {
      problems.push({ id: row.id, kind: 'edited', message: `第 ${row.id} 条审计记录内容被修改（哈希不符）` });
    }
    prev = { id: row.id, hash: row.hash };
  }
  return { problems, last: prev };
}
