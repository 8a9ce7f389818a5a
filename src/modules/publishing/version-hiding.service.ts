/**
 * Hiding a superseded published version from the public (personal data found in it after it was
 * replaced). The portal answers 410 for a hidden version and leaves it out of the 历史版本 list;
 * lists, feeds, search and the public API only ever show current versions. The live version is
 * never hidden here: correct it (更正脱敏) or withdraw it. A privacy correction's publication
 * hides the superseded versions on its own (publish.ts).
 */
import type { AppContext } from '../../context.ts';
import { now } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { auditActor, hasRole, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { loadVisible } from './documents.service.ts';
import { notifyPublicChange } from './publish.ts';
import * as repo from './publishing.repository.ts';

/** An agency admin (a sysadmin counts) hides superseded version `version` of a document, with a reason. Audited. */
export async function hideVersion(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  version: number,
  input: { reason: string },
  ip: string | null,
): Promise<void> {
  const doc = await loadVisible(ctx.db, actor, documentId);
  if (!hasRole(actor, doc.agencyId, 'admin')) throw new AppError('FORBIDDEN', { message: '只有平台管理员或本单位管理员可以隐藏历史版本' });
  await ctx.db.transaction(async (tx) => {
    const versions = await repo.findVersions(tx, doc.id);
    const v = versions.find((x) => x.version === version);
    if (!v) throw new AppError('NOT_FOUND', { message: `该信息没有第 ${version} 版` });
    if (v.isCurrent) {
      throw new AppError('UNPROCESSABLE', { message: '当前公开的版本不能隐藏，请更正脱敏或撤回该信息', reason: 'VERSION_IS_CURRENT' });
    }
    if (v.hiddenAt) throw new AppError('CONFLICT', { message: `第 ${version} 版已隐藏`, reason: 'VERSION_ALREADY_HIDDEN' });
    const hidden = await repo.hideVersions(tx, doc.id, { at: now(), reason: input.reason, by: actor.userId }, [version]);
    // A concurrent publication or hiding changed the row between the read and the update.
    if (hidden.length !== 1) throw new AppError('CONFLICT', { message: '该版本已被他人处理，请刷新后重试', reason: 'DOCUMENT_CONFLICT' });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: doc.agencyId,
      action: 'document.hideVersion',
      entityType: 'document',
      entityId: doc.id,
      before: { version, hidden: false },
      after: { version, hidden: true, reason: input.reason },
    });
  });
  notifyPublicChange(ctx);
}
