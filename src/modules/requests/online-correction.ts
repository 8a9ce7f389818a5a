/**
 * The applicant's online 补正 (条例第30条) through the portal, with the tracking number and the
 * query code: while the request waits for the correction, the status page shows the items and
 * the deadline and takes the correction (text and up to 5 files). It is recorded exactly like
 * the staff's 收到补正 (recordAction 'receiveCorrection', the applicant as actor null, source
 * 'online', received on the day it is submitted), so the state moves to reviewing and the
 * 20 working days restart from that day (clock.ts). After the deadline it is refused.
 */
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import type { PreparedAttachment } from '../publishing/index.ts';
import { loadCalendar } from '../calendar/index.ts';
import { insertIntakeFiles, MAX_CORRECTION_FILES, PORTAL_FILE_MAX_BYTES, prepareIntakeFile } from './intake-files.ts';
import { findByCode } from './letters/letters.service.ts';
import * as repo from './requests.repository.ts';
import { clockOf, recordAction, today, type UploadedFile } from './requests.service.ts';

/** What the status page shows about a pending correction. */
export interface PendingCorrection {
  items: string;
  noticeOn: string;
  deadline: string | null;
  expired: boolean;
}

async function pendingOf(db: Executor, r: repo.RequestRow): Promise<PendingCorrection | null> {
  if (r.state !== 'correction_pending') return null;
  const [events, calendar] = await Promise.all([repo.findEvents(db, r.id), loadCalendar(db)]);
  const notice = events.findLast((e) => e.kind === 'correction_requested');
  const clock = clockOf(r, events, calendar);
  return { items: String(notice?.data.items ?? ''), noticeOn: notice?.on ?? '', deadline: clock.correctionDeadline, expired: clock.correctionExpired };
}

/** The pending correction of a request found by its tracking number and query code (null otherwise, the same for a wrong code). */
export async function findPendingCorrection(db: Executor, agencyId: string, trackingNo: string, queryCode: string): Promise<PendingCorrection | null> {
  const r = await findByCode(db, agencyId, trackingNo, queryCode);
  return r ? pendingOf(db, r) : null;
}

/** The answer to an online correction. */
export type CorrectionResult = { ok: true; receivedOn: string; dueOn: string | null } | { ok: false; reason: 'not_found' | 'not_pending' | 'expired'; deadline?: string | null };

/**
 * Records the applicant's online correction. A wrong code and an unknown number give the same
 * `not_found`; a file refused by content or size throws 415/413/422 and nothing is stored.
 */
export async function submitOnlineCorrection(
  ctx: AppContext,
  agencyId: string,
  input: { trackingNo: string; queryCode: string; text: string; files: readonly UploadedFile[] },
  ip: string | null,
): Promise<CorrectionResult> {
  const r = await findByCode(ctx.db, agencyId, input.trackingNo, input.queryCode);
  if (!r) return { ok: false, reason: 'not_found' };
  const pending = await pendingOf(ctx.db, r);
  if (!pending) return { ok: false, reason: 'not_pending' };
  // 条例第30条: 无正当理由逾期不补正的，视为放弃申请 — staff decide on late corrections, the portal does not take them.
  if (pending.expired) return { ok: false, reason: 'expired', deadline: pending.deadline };
  if (input.files.length > MAX_CORRECTION_FILES) {
    throw new AppError('VALIDATION', { message: `最多上传 ${MAX_CORRECTION_FILES} 个文件`, details: { fields: { files: `最多上传 ${MAX_CORRECTION_FILES} 个文件` } } });
  }
  const prepared: PreparedAttachment[] = [];
  for (const f of input.files) prepared.push(await prepareIntakeFile(ctx, f.filename, f.data, PORTAL_FILE_MAX_BYTES));
  const on = today();
  const row = await recordAction(
    ctx,
    r,
    'receiveCorrection',
    { lockVersion: r.lockVersion, on },
    { actor: null, ip },
    {
      data: { source: 'online', text: input.text },
      write: async (tx) => {
        const rows = await insertIntakeFiles(tx, r.id, 'correction', prepared, null);
        return { files: rows.map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size })) };
      },
    },
  );
  return { ok: true, receivedOn: on, dueOn: row.dueOn };
}
