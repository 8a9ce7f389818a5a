/**
 * The requests side of a staff handover (staffing module): which unfinished requests a departing
 * staffer handles or backs up, moving them to the successor inside the caller's transaction
 * (request_events are append-only: each move is a new `reassigned` event, as POST
 * /api/requests/:id/assign records), and the invariant check for `gongkai doctor`.
 */
import type { Executor } from '../../db/client.ts';
import { chinaDate, now } from '../../lib/clock.ts';
import { loadActor } from '../accounts/index.ts';
import { stateNames, type RequestState } from './model.ts';
import { staleRequest } from './requests.errors.ts';
import * as repo from './requests.repository.ts';

export interface HeldRequest {
  id: string;
  agencyId: string;
  trackingNo: string;
  state: string;
  stateName: string;
  /** Which post the user holds on it: 承办人 (handler) or B角承办人 (backup). */
  role: 'handler' | 'backup';
}

const present = (r: repo.RequestRow, userId: string): HeldRequest => ({
  id: r.id,
  agencyId: r.agencyId,
  trackingNo: r.trackingNo,
  state: r.state,
  stateName: stateNames[r.state as RequestState] ?? r.state,
  role: r.handlerId === userId ? 'handler' : 'backup',
});

/** Unfinished requests (not archived, withdrawn or deemed withdrawn) the user handles or backs up. */
export async function findRequestsHeldBy(db: Executor, userId: string): Promise<HeldRequest[]> {
  return (await repo.findUnfinishedHeldBy(db, userId)).map((r) => present(r, userId));
}

/**
 * Moves every unfinished request of `fromUserId` to `toUserId` in `tx`. When the successor
 * already was the other post of a request, they become 承办人 and the B角 is left empty (to be
 * named anew; a note says so). Returns the count and the notes. The caller audits the handover.
 */
export async function reassignRequestsOnHandover(
  tx: Executor,
  input: { fromUserId: string; toUserId: string; toName: string; actorId: string | null; reason: string },
): Promise<{ count: number; notes: string[] }> {
  const rows = await repo.findUnfinishedHeldBy(tx, input.fromUserId);
  const notes: string[] = [];
  const today = chinaDate(now());
  const names = new Map<string, string>([[input.toUserId, input.toName]]);
  const nameOf = async (id: string | null) => {
    if (!id) return '';
    if (!names.has(id)) names.set(id, (await loadActor(tx, id))?.displayName ?? '');
    return names.get(id)!;
  };
  for (const r of rows) {
    let handlerId = r.handlerId === input.fromUserId ? input.toUserId : r.handlerId;
    let backupHandlerId = r.backupHandlerId === input.fromUserId ? input.toUserId : r.backupHandlerId;
    if (handlerId && handlerId === backupHandlerId) {
      backupHandlerId = null;
      notes.push(`申请 ${r.trackingNo}：接手人原为另一承办岗位，B角承办人待重新指定`);
    }
    if (!handlerId && backupHandlerId) [handlerId, backupHandlerId] = [backupHandlerId, null];
    const row = await repo.updateGuarded(tx, r.id, { lockVersion: r.lockVersion, state: r.state }, { handlerId, backupHandlerId });
    // Someone acted on the request between our read and write: the whole handover rolls back.
    if (!row) throw staleRequest();
    const data = {
      from: { handlerId: r.handlerId, backupHandlerId: r.backupHandlerId },
      to: { handlerId, backupHandlerId },
      names: { handler: await nameOf(handlerId), backupHandler: await nameOf(backupHandlerId) },
      reason: input.reason,
      handover: true,
    };
    await repo.insertEvent(tx, { requestId: r.id, kind: 'reassigned', on: today < r.receivedOn ? r.receivedOn : today, data, actorId: input.actorId });
  }
  return { count: rows.length, notes };
}

/** Unfinished requests still handled or backed up by a disabled account (empty when clean). */
export function findRequestsHeldByDisabled(db: Executor) {
  return repo.findUnfinishedHeldByDisabled(db);
}
