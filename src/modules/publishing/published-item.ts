/**
 * `createPublishedItem`: creates a 主动公开 item and publishes it at once, without the review
 * workflow (demo data, tests, benchmarks, imports). Audited under the given user; attachments
 * go through the same content checks and text extraction as uploads.
 */
import type { AppContext } from '../../context.ts';
import { chinaYear, now } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { auditActor, loadActor } from '../accounts/index.ts';
import { getAgency, listColumns } from '../agencies/index.ts';
import { recordAudit } from '../audit/index.ts';
import { prepareAttachment, type PreparedAttachment } from './attachments.service.ts';
import { sanitizeBody } from './body-html.ts';
import { checkDocumentFields, formatIndexNo, type DocType, type Validity } from './metadata.ts';
import { invalidFields } from './publishing.errors.ts';
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
  /** Recorded in the audit row (e.g. 演示数据). */
  source?: string;
  /** 公开目录事项 of the agency (checked). */
  catalogItemId?: string | null;
  /** 政策解读: the published item this one interprets (checked). */
  interpretsId?: string | null;
  /** false skips the onPublicChange hooks (bulk loads call them once at the end). */
  notify?: boolean;
}

/** Creates and publishes an item directly; returns its id and 索引号. */
export async function createPublishedItem(ctx: AppContext, input: PublishedItemInput): Promise<{ documentId: string; indexNo: string }> {
  const agency = await getAgency(ctx.db, input.agencyId);
  const columns = await listColumns(ctx.db, agency.id);
  const column = columns.find((c) => c.slug === input.columnSlug);
  if (!column) throw invalidFields({ columnSlug: `单位「${agency.name}」没有栏目 ${input.columnSlug}` });
  if (columns.some((c) => c.parentId === column.id)) throw invalidFields({ columnSlug: `栏目「${column.name}」下设子栏目，请选择具体的子栏目` });
  const actor = await loadActor(ctx.db, input.createdBy);
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
    catalogItemId: input.catalogItemId ?? null,
    disclosure: 'proactive' as const,
    disclosureGround: null,
    docType: input.docType ?? 'other',
    validity: input.validity ?? null,
    effectiveOn: input.effectiveOn ?? null,
    invalidOn: input.invalidOn ?? null,
    interpretsId: input.interpretsId ?? null,
    bodyHtml: sanitizeBody(input.bodyHtml),
    keywords: input.keywords ?? [],
  };
  const problems = checkDocumentFields(fields);
  if (Object.keys(problems).length) throw invalidFields(problems);
  await checkCatalogItem(ctx.db, agency.id, fields.catalogItemId);
  await checkInterprets(ctx.db, fields.interpretsId, null);
  // Files are checked, parsed and stored before any row exists.
  const files: PreparedAttachment[] = [];
  for (const a of input.attachments ?? []) files.push(await prepareAttachment(ctx, a.filename, a.data));
  const at = input.publishedAt ?? now();
  const by = auditActor(actor, null);
  const chain = agency.reviewChain;
  const result = await ctx.db.transaction(async (tx) => {
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
  if (input.notify !== false) notifyPublicChange(ctx);
  return result;
}
