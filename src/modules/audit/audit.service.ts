/** Writing and verifying the audit log. Every state change calls `recordAudit` in its own transaction. */
import type { Executor } from '../../db/client.ts';
import { now } from '../../lib/clock.ts';
import { hashAuditRow, verifyChain, type ChainProblem } from './audit-chain.ts';
import * as repo from './audit.repository.ts';

/** Who did it, as far as the audit log cares. */
export interface AuditActor {
  userId: string | null;
  username: string;
  ip?: string | null | undefined;
}

/** One state change. `before`/`after` hold the changed fields (never password hashes). */
export interface AuditEntry {
  agencyId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one audit row inside the caller's transaction. */
export async function recordAudit(tx: Executor, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await repo.lockChain(tx);
  const last = await repo.findLast(tx);
  // Ids are taken under the chain lock, not from the sequence: a rolled-back transaction
  // would leave a sequence gap that looks like a deleted row.
  const id = (last?.id ?? 0) + 1;
  const content = {
    id,
    at: now(),
    actorId: actor.userId,
    actorName: actor.username,
    agencyId: entry.agencyId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    // jsonb drops undefined; normalise through JSON so the stored value hashes the same.
    before: entry.before === undefined ? null : JSON.parse(JSON.stringify(entry.before)),
    after: entry.after === undefined ? null : JSON.parse(JSON.stringify(entry.after)),
    ip: actor.ip ?? null,
  };
  const prevHash = last?.hash ?? '';
  await repo.insertRow(tx, { ...content, prevHash, hash: hashAuditRow(prevHash, content) });
}

/** Result of a full verification. */
export interface VerifyResult {
  ok: boolean;
  rows: number;
  problems: ChainProblem[];
}

/** Verifies the whole chain in batches. */
export async function verifyAuditLog(db: Executor): Promise<VerifyResult> {
  let last: { id: number; hash: string } | null = null;
  let afterId = 0;
  let count = 0;
  const problems: ChainProblem[] = [];
  for (;;) {
    const batch = await repo.findBatch(db, afterId, 2000);
    if (batch.length === 0) break;
    const r = verifyChain(batch, last);
    problems.push(...r.problems);
    last = r.last;
    afterId = batch.at(-1)!.id;
    count += batch.length;
  }
  return { ok: problems.length === 0, rows: count, problems };
}

export { findPage as listAuditRows, type AuditQuery } from './audit.repository.ts';
