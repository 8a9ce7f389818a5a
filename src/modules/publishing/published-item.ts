/**
 * `createPublishedItem`: creates a 主动公开 item and publishes it at once, without the review
 * workflow (demo data, tests, benchmarks, imports). Audited under the given user; attachments
 * go through the same content checks and text extraction as uploads.
 */
import type { AppContext } from '../../context.ts';
import type { Executor, Tx } from '../../db/client.ts';
import { chinaYear, now } from '../../lib/clock.ts';
import { AppError, conflict, notFound } from '../../lib/errors.ts';
import { auditActor, loadActor } from '../accounts/index.ts';
import { getAgency, listColumns } from '../agencies/index.ts';
import { defaultCatalogItemForColumn } from '../catalog/index.ts';
import { recordAudit } from '../audit/index.ts';
import { prepareAttachment, type PreparedAttachment } from './attachments.service.ts';
import { sanitizeBody } from './body-html.ts';
import { checkDocumentFields, formatIndexNo, type DocType, type Validity } from './metadata.ts';
import { checkNoticePeriod } from './notice-period.ts';
import { catalogItemRequired, invalidFields } from './publishing.errors.ts';
import { notifyPublicChange, publishVersion } from './publish.ts';
import { checkCatalogItem, checkInterprets } from './documents.service.ts';
import * as repo from './publishing.repository.ts';

/** Input of {@link createPublishedItem}. */
export interface PublishedItemInput {
  agencyId: string;
  /** Slug of a leaf column of the agency, e.g. `shjz` (社会救助). */
  columnSlug: string;
  title: string;
  /** Body HTML (sanitized here). */
  bodyHtml: string;
  /** 文号. */
  docNo?: string | null;
  /** 成文日期 YYYY-MM-DD. */
  writtenOn?: string | null;
  /** Publication time (default now); the 索引号 year follows it. */
  publishedAt?: Date;
  attachments?: Array<{ filename: string; data: Buffer }>;
  /** User the item is created and published by (audited under this account). */
  createdBy: string;
  /** 发布机构 (default the agency's name). */
  publisher?: string;
  /** 主题分类. */
  topic?: string | null;
  keywords?: string[];
  /** 规章 / 行政规范性文件 (with validity and effectiveOn) or other (default). */
  docType?: DocType;
  validity?: Validity | null;
  effectiveOn?: string | null;
  invalidOn?: string | null;
  /** 公示期 YYYY-MM-DD (both or neither; end ≥ start). */
  noticeStartsOn?: string | null;
  noticeEndsOn?: string | null;
  /** Recorded in the audit row (e.g. 演示数据). */
  source?: string;
  /** 公开目录事项 of the agency (checked); default: the column's (catalog.md §Enforcement), 422 when none. */
  catalogItemId?: string | null;
  /** 政策解读: the published item this one interprets (checked). */
  interpretsId?: string | null;
  /** false skips the onPublicChange hooks (bulk loads call them once at the end). */
  notify?: boolean;
}

/**
 * Creates and publishes an item directly; returns its id and 索引号. With `inTx` everything runs
 * inside the caller's transaction (e.g. the annual report's publication record is written in the
 * same one) and the caller calls `notifyPublicChange` after commit.
 */
export async function createPublishedItem(ctx: AppContext, input: PublishedItemInput, inTx?: Tx): Promise<{ documentId: string; indexNo: string }> {
  const db: Executor = inTx ?? ctx.db;
  const agency = await getAgency(db, input.agencyId);
  const columns = await listColumns(db, agency.id);
  const column = columns.find((c) => c.slug === input.columnSlug);
  if (!column) throw invalidFields({ columnSlug: `单位「${agency.name}」没有栏目 ${input.columnSlug}` });
  if (columns.some((c) => c.parentId === column.id)) throw invalidFields({ columnSlug: `栏目「${column.name}」下设子栏目，请选择具体的子栏目` });
  const actor = await loadActor(db, input.createdBy);
  if (!actor) throw new AppError('UNPROCESSABLE', { message: '发布人账号不存在或已停用', reason: 'UNKNOWN_USER' });
  const title = input.title.trim();
  if (!title || title.length > 200) throw invalidFields({ title: '标题须为 1–200 个字符' });
  const fields = {
    title,
    docNo: input.docNo?.trim() || null,
    publisher: input.publisher ?? agency.name,
    writtenOn: input.writtenOn ?? null,
    topic: input.topic ?? null,
    columnId: column.id,
    // Every published item belongs to a catalog item: the column's default unless given.
    catalogItemId: input.catalogItemId ?? (await defaultCatalogItemForColumn(db, agency.id, column.slug)),
    disclosure: 'proactive' as const,
    disclosureGround: null,
    docType: input.docType ?? 'other',
    validity: input.validity ?? null,
    effectiveOn: input.effectiveOn ?? null,
    invalidOn: input.invalidOn ?? null,
    noticeStartsOn: input.noticeStartsOn ?? null,
    noticeEndsOn: input.noticeEndsOn ?? null,
    interpretsId: input.interpretsId ?? null,
    bodyHtml: sanitizeBody(input.bodyHtml),
    keywords: input.keywords ?? [],
  };
  const problems = { ...checkDocumentFields(fields), ...checkNoticePeriod(fields) };
  if (Object.keys(problems).length) throw invalidFields(problems);
  if (!fields.catalogItemId) throw catalogItemRequired();
  await checkCatalogItem(db, agency.id, fields.catalogItemId);
  await checkInterprets(db, fields.interpretsId, null);
  // Files are checked, parsed and stored before any row exists.
  const files: PreparedAttachment[] = [];
  for (const a of input.attachments ?? []) files.push(await prepareAttachment(ctx, a.filename, a.data));
  const at = input.publishedAt ?? now();
  const by = auditActor(actor, null);
  const chain = agency.reviewChain;
  const run = <T>(fn: (tx: Executor) => Promise<T>): Promise<T> => (inTx ? fn(inTx) : ctx.db.transaction(fn));
  const result = await run(async (tx) => {
    const year = chinaYear(at);
    const seq = await repo.nextIndexSequence(tx, agency.id, year);
    const doc = await repo.insertDocument(tx, {
      ...fields,
      agencyId: agency.id,
      indexNo: formatIndexNo(agency.code, year, seq),
      // Published directly: the chain is recorded as passed so withdrawal rules (final step) apply.
      status: 'published',
      chain,
      currentStep: Math.max(0, chain.length - 1),
      round: 1,
      createdBy: actor.userId,
    });
    // Distinct creation times keep the attachments in the order given.
    const base = Date.now();
    for (const [i, f] of files.entries()) {
      await repo.insertAttachment(tx, { ...f, documentId: doc.id, agencyId: agency.id, createdBy: actor.userId, createdAt: new Date(base + i) });
    }
    await recordAudit(tx, by, {
      agencyId: agency.id,
      action: 'document.create',
      entityType: 'document',
      entityId: doc.id,
      after: { indexNo: doc.indexNo, title: doc.title, docNo: doc.docNo, columnId: doc.columnId, status: 'published', direct: true, ...(input.source ? { source: input.source } : {}) },
    });
    await publishVersion(tx, doc, { at, by, storage: ctx.storage, ...(input.source ? { source: input.source } : {}) });
    return { documentId: doc.id, indexNo: doc.indexNo };
  });
  if (input.notify !== false && !inTx) notifyPublicChange(ctx);
  return result;
}

/** Input of {@link publishDirectCorrection}. */
export interface DirectCorrectionInput {
  documentId: string;
  /** The corrected title and body (sanitized here). */
  title: string;
  bodyHtml: string;
  /** 更正说明, kept with the new version. */
  changeNote: string;
  /** User the correction is made by (audited under this account). */
  by: string;
  /** Recorded in the audit row. */
  source?: string;
  /** Publication time of the new version (default now). */
  at?: Date;
  /** The correction masks personal data: the superseded versions are hidden from the public. */
  forPrivacy?: boolean;
}

/**
 * Publishes a corrected version of a published item at once, inside the caller's transaction,
 * without the review workflow (generated content such as the annual report, whose own rules
 * were checked by its module). The earlier versions stay in the history. 409 when the item is
 * not plainly published (withdrawn, or a correction under way in the workflow).
 */
export async function publishDirectCorrection(ctx: AppContext, tx: Tx, input: DirectCorrectionInput): Promise<{ documentId: string; version: number }> {
  const doc = await repo.findDocument(tx, input.documentId);
  if (!doc) throw notFound('信息');
  if (doc.status !== 'published') throw conflict('该信息当前不是已发布状态（已撤回或正在更正流程中），不能直接更正');
  const actor = await loadActor(tx, input.by);
  if (!actor) throw new AppError('UNPROCESSABLE', { message: '发布人账号不存在或已停用', reason: 'UNKNOWN_USER' });
  const by = auditActor(actor, null);
  const row = await repo.updateDocumentGuarded(
    tx,
    doc.id,
    { lockVersion: doc.lockVersion, status: 'published' },
    { title: input.title.trim(), bodyHtml: sanitizeBody(input.bodyHtml), changeNote: input.changeNote },
  );
  if (!row) throw conflict();
  await recordAudit(tx, by, {
    agencyId: doc.agencyId,
    action: 'document.correctDirect',
    entityType: 'document',
    entityId: doc.id,
    before: { liveVersion: doc.liveVersion },
    after: { changeNote: input.changeNote, ...(input.source ? { source: input.source } : {}) },
  });
  const published = await publishVersion(tx, row, { at: input.at ?? now(), by, storage: ctx.storage,
    ...(input.source ? { source: input.source } : {}),
    ...(input.forPrivacy ? { hideSuperseded: true } : {}),
  });
  return { documentId: doc.id, version: published.liveVersion ?? 0 };
}
