/**
 * Intake documents of a request: the applicant's identity document (portal form), scans of an
 * application received by letter, in person, by fax or e-mail (staff), and the files sent with
 * an online 补正. They carry personal data: only staff who may see the applicant list and
 * download them (canSeeApplicant), every download is audited, and no public page links them.
 * Checked by content (publishing's prepareAttachment) and restricted to JPEG, PNG and PDF.
 */
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { now } from '../../lib/clock.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { auditActor, canReadAgency, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { prepareAttachment, type PreparedAttachment } from '../publishing/index.ts';
import { isOpen, type RequestState } from './model.ts';
import { invalidState, staleRequest } from './requests.errors.ts';
import { authorize, canSeeApplicant } from './requests.policy.ts';
import * as requestsRepo from './requests.repository.ts';
import * as repo from './letters/letters.repository.ts';

/** Kinds of request_files rows; every kind but `disclosed` is an intake document with personal data. */
export const requestFileKinds = ['disclosed', 'identity', 'scan', 'correction'] as const;
export type RequestFileKind = (typeof requestFileKinds)[number];
export const intakeFileKinds = ['identity', 'scan', 'correction'] as const satisfies readonly RequestFileKind[];
export type IntakeFileKind = (typeof intakeFileKinds)[number];

export const intakeKindNames: Record<IntakeFileKind, string> = { identity: '身份证明', scan: '申请材料扫描件', correction: '补正材料' };

/** Largest identity document or correction file from the portal (the applicant's upload). */
export const PORTAL_FILE_MAX_BYTES = 5 * 1024 * 1024;
/** Most scans at registration, most files with one online correction. */
export const MAX_SCANS = 10;
export const MAX_CORRECTION_FILES = 5;

const acceptedText = 'JPEG、PNG 图片或 PDF 文件';

/** JPEG, PNG or PDF by the first bytes (prepareAttachment then checks the whole file). */
function looksAccepted(data: Buffer): boolean {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return true;
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return true;
  return data.subarray(0, 1024).includes(Buffer.from('%PDF-'));
}

/**
 * Checks an intake file (size 413, type 415 by content, damaged 422) and stores its bytes.
 * Nothing is stored for a refused file.
 */
export async function prepareIntakeFile(ctx: AppContext, filename: string, data: Buffer, maxBytes: number): Promise<PreparedAttachment> {
  if (data.length > maxBytes) {
    throw new AppError('TOO_LARGE', { message: `文件「${filename}」超过 ${Math.round(maxBytes / 1024 / 1024)} MB`, reason: 'ATTACHMENT_TOO_LARGE' });
  }
  if (!looksAccepted(data)) {
    throw new AppError('UNSUPPORTED_MEDIA', { message: `文件「${filename}」不是${acceptedText}（按文件内容判断），请重新选择`, reason: 'ATTACHMENT_TYPE' });
  }
  const file = await prepareAttachment(ctx, filename, data);
  if (!['image/jpeg', 'image/png', 'application/pdf'].includes(file.mime)) {
    throw new AppError('UNSUPPORTED_MEDIA', { message: `文件「${filename}」不是${acceptedText}`, reason: 'ATTACHMENT_TYPE' });
  }
  return file;
}

/** Writes the rows of checked intake files (inside the caller's transaction). */
export async function insertIntakeFiles(tx: Executor, requestId: string, kind: IntakeFileKind, files: readonly PreparedAttachment[], createdBy: string | null) {
  const rows = [];
  // One millisecond apart: the list is ordered by created_at, and now() is one instant per transaction.
  const base = now().getTime();
  for (const [i, f] of files.entries()) {
    rows.push(await repo.insertFile(tx, { requestId, kind, filename: f.filename, mime: f.mime, size: f.size, sha256: f.sha256, storageKey: f.storageKey, createdBy, createdAt: new Date(base + i) }));
  }
  return rows;
}

/** What audit rows and answers say about a file (no content). */
export function presentIntakeFile(f: repo.FileRow) {
  return { id: f.id, kind: f.kind, kindName: intakeKindNames[f.kind as IntakeFileKind] ?? f.kind, filename: f.filename, mime: f.mime, size: f.size, sha256: f.sha256, createdAt: f.createdAt.toISOString() };
}

/** The intake documents of a request, or null for staff who may not see the applicant. */
export async function listIntakeFiles(db: Executor, actor: Actor, r: { id: string; agencyId: string }) {
  if (!canSeeApplicant(actor, r.agencyId)) return null;
  return (await repo.findCurrentFiles(db, r.id, intakeFileKinds)).map(presentIntakeFile);
}

/**
 * Staff add scans after registration (POST /api/requests/:id/files with kind=scan): whoever may
 * act on the open request and see the applicant. One transaction; audited.
 */
export async function addScans(ctx: AppContext, actor: Actor, id: string, input: { lockVersion: number; files: Array<{ filename: string; data: Buffer }> }, ip: string | null) {
  const r = await requestsRepo.findRequest(ctx.db, id);
  if (!r || !canReadAgency(actor, r.agencyId)) throw notFound('申请');
  if (r.lockVersion !== input.lockVersion) throw staleRequest();
  if (!canSeeApplicant(actor, r.agencyId)) throw forbidden('申请材料载有申请人个人信息，只有本单位依申请公开承办人或管理员可以上传');
  // Same rule as any handling action on an open request (withdraw applies in every open state).
  if (!isOpen(r.state as RequestState)) throw invalidState('申请已办结，不能再补充扫描件');
  authorize(actor, 'withdraw', { agencyId: r.agencyId, state: r.state as RequestState, handlerId: r.handlerId, backupHandlerId: r.backupHandlerId });
  const existing = (await repo.findCurrentFiles(ctx.db, r.id, ['scan'])).length;
  if (existing + input.files.length > MAX_SCANS * 3) throw new AppError('UNPROCESSABLE', { message: `每件申请最多 ${MAX_SCANS * 3} 个扫描件`, reason: 'TOO_MANY_FILES' });
  const prepared: PreparedAttachment[] = [];
  for (const f of input.files) prepared.push(await prepareIntakeFile(ctx, f.filename, f.data, ctx.config.GONGKAI_MAX_UPLOAD_MB * 1024 * 1024));
  return ctx.db.transaction(async (tx) => {
    const row = await requestsRepo.updateGuarded(tx, r.id, { lockVersion: r.lockVersion, state: r.state }, {});
    if (!row) throw staleRequest();
    const files = await insertIntakeFiles(tx, r.id, 'scan', prepared, actor.userId);
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: r.agencyId,
      action: 'request.addScan',
      entityType: 'request',
      entityId: r.id,
      after: { trackingNo: r.trackingNo, files: files.map((f) => ({ fileId: f.id, kind: f.kind, mime: f.mime, size: f.size, sha256: f.sha256 })) },
    });
    return { files: files.map(presentIntakeFile), lockVersion: row.lockVersion };
  });
}

/**
 * Download check for a file of a request: disclosed files for every reader of the request;
 * intake documents only for staff who may see the applicant (403), each download audited.
 */
export async function checkFileDownload(db: Executor, actor: Actor, r: { id: string; agencyId: string; trackingNo: string }, f: repo.FileRow, ip: string | null): Promise<void> {
  if (f.kind === 'disclosed') return;
  if (!canSeeApplicant(actor, r.agencyId)) throw forbidden('该文件载有申请人个人信息，只有本单位依申请公开承办人或管理员可以下载');
  await recordAudit(db, auditActor(actor, ip), {
    agencyId: r.agencyId,
    action: 'request.downloadFile',
    entityType: 'request',
    entityId: r.id,
    after: { trackingNo: r.trackingNo, fileId: f.id, kind: f.kind, sha256: f.sha256 },
  });
}
