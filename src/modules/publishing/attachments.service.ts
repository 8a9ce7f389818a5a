/**
 * Attachments of a document's working copy. An upload is checked by content, parsed for its
 * text and stored before its row is written: a refused or broken file leaves no row behind
 * (the content-addressed blob of a file that passed every check but lost a race is harmless).
 */
import type { MultipartFile } from '@fastify/multipart';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { sha256, isUuid } from '../../lib/ids.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { auditActor, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { cleanFilename, inspectAttachment } from './attachment-content.ts';
import { checkAttachmentCount, loadForChange, loadVisible } from './documents.service.ts';
import { attachmentTooLarge, staleDocument } from './publishing.errors.ts';
import { presentAttachment } from './publishing.presenter.ts';
import * as repo from './publishing.repository.ts';

/** Most attachments one document may carry. */
export const maxAttachmentsPerDocument = 30;

/** A checked, parsed and stored file, ready to become an attachments row. */
export interface PreparedAttachment {
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  storageKey: string;
  text: string;
}

/**
 * Checks size and content, extracts the text and stores the bytes (in that order).
 * Throws 400 (no name), 413 (too large), 415 (type) or 422 (damaged).
 */
export async function prepareAttachment(ctx: AppContext, rawFilename: string, data: Buffer): Promise<PreparedAttachment> {
  const filename = cleanFilename(rawFilename);
  if (!filename) throw new AppError('VALIDATION', { message: '附件须有文件名', details: { fields: { file: '缺少文件名' } } });
  const maxMb = ctx.config.GONGKAI_MAX_UPLOAD_MB;
  if (data.length > maxMb * 1024 * 1024) throw attachmentTooLarge(maxMb);
  const inspected = await inspectAttachment(filename, data);
  const hash = sha256(data);
  await ctx.storage.put(hash, data);
  return { filename, mime: inspected.mime, size: data.length, sha256: hash, storageKey: hash, text: inspected.text };
}

/** Reads an uploaded multipart file into memory; the plugin's size error becomes 413 附件超过 N MB. */
export async function readUploadedFile(part: MultipartFile, maxMb: number): Promise<Buffer> {
  let data: Buffer;
  try {
    data = await part.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw attachmentTooLarge(maxMb);
    throw err;
  }
  if (part.file.truncated) throw attachmentTooLarge(maxMb);
  return data;
}

/**
 * Adds an attachment to a draft or returned document (its drafter only). `data` is the file or
 * a function reading it: an upload is only read once the actor is known to be allowed.
 */
export async function addAttachment(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  input: { lockVersion: number; filename: string; data: Buffer | (() => Promise<Buffer>) },
  ip: string | null,
) {
  const doc = await loadForChange(ctx.db, actor, documentId, 'addAttachment', input.lockVersion);
  checkAttachmentCount((await repo.findAttachments(ctx.db, doc.id)).length, maxAttachmentsPerDocument);
  const data = typeof input.data === 'function' ? await input.data() : input.data;
  const file = await prepareAttachment(ctx, input.filename, data);
  const { row, lockVersion } = await ctx.db.transaction(async (tx) => {
    const updated = await repo.updateDocumentGuarded(tx, doc.id, { lockVersion: doc.lockVersion, status: doc.status }, {});
    if (!updated) throw staleDocument();
    const row = await repo.insertAttachment(tx, { ...file, documentId: doc.id, agencyId: doc.agencyId, createdBy: actor.userId });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: doc.agencyId,
      action: 'document.addAttachment',
      entityType: 'document',
      entityId: doc.id,
      after: { attachmentId: row.id, filename: row.filename, mime: row.mime, size: row.size, sha256: row.sha256 },
    });
    return { row, lockVersion: updated.lockVersion };
  });
  return { attachment: presentAttachment(row), lockVersion };
}

/** Removes an attachment from a draft or returned document (its drafter only). */
export async function removeAttachment(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  attachmentId: string,
  lockVersion: number,
  ip: string | null,
) {
  const doc = await loadForChange(ctx.db, actor, documentId, 'removeAttachment', lockVersion);
  const att = await repo.findAttachment(ctx.db, doc.id, attachmentId);
  if (!att || !att.current) throw notFound('附件');
  const updated = await ctx.db.transaction(async (tx) => {
    const row = await repo.updateDocumentGuarded(tx, doc.id, { lockVersion: doc.lockVersion, status: doc.status }, {});
    if (!row) throw staleDocument();
    await repo.markAttachmentRemoved(tx, att.id);
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: doc.agencyId,
      action: 'document.removeAttachment',
      entityType: 'document',
      entityId: doc.id,
      before: { attachmentId: att.id, filename: att.filename, current: true },
      after: { attachmentId: att.id, current: false },
    });
    return row;
  });
  return { lockVersion: updated.lockVersion };
}

/** An attachment of a document the actor may read (staff download), with its bytes' storage key. */
export async function findAttachmentForDownload(db: Executor, actor: Actor, documentId: string, attachmentId: string) {
  const doc = await loadVisible(db, actor, documentId);
  const att = await repo.findAttachment(db, doc.id, attachmentId);
  if (!att) throw notFound('附件');
  return { filename: att.filename, mime: att.mime, size: att.size, storageKey: att.storageKey };
}

/** What the portal needs to serve a public download. */
export interface PublicAttachment {
  storageKey: string;
  filename: string;
  mime: string;
  size: number;
}

/**
 * The attachment when the current published version of a non-withdrawn document lists it,
 * else null (drafts, removed files, withdrawn items and unknown ids all give null).
 */
export async function getPublicAttachment(db: Executor, attachmentId: string): Promise<PublicAttachment | null> {
  if (!isUuid(attachmentId)) return null;
  const row = await repo.findPublicAttachment(db, attachmentId);
  return row ? { storageKey: row.storageKey, filename: row.filename, mime: row.mime, size: Number(row.size) } : null;
}

/** Content-Disposition for a download: an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(filename: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
