/**
 * Use cases of the working copy: create and edit a draft, read one, list, and the review
 * inbox. Guards first (visibility, lockVersion, policy, field rules), then one transaction that
 * also writes the audit row.
 */
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { chinaYear, now } from '../../lib/clock.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { sha256 } from '../../lib/ids.ts';
import { auditActor, canReadAgency, readableAgencies, type Actor } from '../accounts/index.ts';
import { getAgency, listColumns } from '../agencies/index.ts';
import { recordAudit } from '../audit/index.ts';
import { defaultCatalogItemForColumn, findCatalogItem } from '../catalog/index.ts';
import { sanitizeBody } from './body-html.ts';
import { checkDocumentFields, formatIndexNo, type Disclosure, type DocType } from './metadata.ts';
import { checkNoticePeriod } from './notice-period.ts';
import { invalidFields, staleDocument } from './publishing.errors.ts';
import { allowedActions, authorize, canCreateIn, type PolicyDocument } from './publishing.policy.ts';
import {
  presentAttachment,
  presentDocument,
  presentDocumentSummary,
  presentReviewAction,
  presentVersionSummary,
} from './publishing.presenter.ts';
import type { CreateDocumentInput, ListQuery, UpdateDocumentInput } from './publishing.schemas.ts';
import * as repo from './publishing.repository.ts';
import type { DocumentAction, DocumentStatus } from './workflow.ts';

/** The policy's view of a row. */
export function toPolicyDocument(d: repo.DocumentRow): PolicyDocument {
  return {
    agencyId: d.agencyId,
    createdBy: d.createdBy,
    status: d.status as DocumentStatus,
    currentStep: d.currentStep,
    chain: d.chain,
    liveVersion: d.liveVersion,
  };
}

/** A document the actor may read, or a 404 (other agencies' documents do not exist for them). */
export async function loadVisible(db: Executor, actor: Actor, id: string): Promise<repo.DocumentRow> {
  const doc = await repo.findDocument(db, id);
  if (!doc || !canReadAgency(actor, doc.agencyId)) throw notFound('稿件');
  return doc;
}

/**
 * A document about to change: 404 when invisible, 409 when the client's lockVersion is stale,
 * then the policy (409 state, 422 self-approval, 403 role).
 */
export async function loadForChange(db: Executor, actor: Actor, id: string, action: DocumentAction, lockVersion: number): Promise<repo.DocumentRow> {
  const doc = await loadVisible(db, actor, id);
  if (doc.lockVersion !== lockVersion) throw staleDocument();
  authorize(actor, action, toPolicyDocument(doc));
  return doc;
}

/** Refuses a column that is not a leaf column of the agency (400). */
export async function checkColumn(db: Executor, agencyId: string, columnId: string): Promise<void> {
  const columns = await listColumns(db, agencyId);
  const column = columns.find((c) => c.id === columnId);
  if (!column) throw invalidFields({ columnId: '所选栏目不属于该单位' });
  if (columns.some((c) => c.parentId === column.id)) {
    throw invalidFields({ columnId: `栏目「${column.name}」下设子栏目，请选择具体的子栏目` });
  }
}

/** Refuses a catalog item that is not one of the agency's (400). */
export async function checkCatalogItem(db: Executor, agencyId: string, catalogItemId: string | null | undefined): Promise<void> {
  if (!catalogItemId) return;
  if (!(await findCatalogItem(db, agencyId, catalogItemId))) throw invalidFields({ catalogItemId: '所选目录事项不属于该单位' });
}

/** The default catalog item of a column of the agency (null when none applies). */
async function columnDefaultItem(db: Executor, agencyId: string, columnId: string): Promise<string | null> {
  const column = (await listColumns(db, agencyId)).find((c) => c.id === columnId);
  return column ? defaultCatalogItemForColumn(db, agencyId, column.slug) : null;
}

/**
 * Refuses an interpretation target that is not a live published item, is the document itself,
 * or is itself an interpretation (400): 解读 point at policies, never at other 解读.
 */
export async function checkInterprets(db: Executor, interpretsId: string | null | undefined, selfId: string | null): Promise<void> {
  if (!interpretsId) return;
  if (interpretsId === selfId) throw invalidFields({ interpretsId: '不能解读本文件自身' });
  const target = await repo.findDocument(db, interpretsId);
  if (!target || target.liveVersion === null || target.status === 'withdrawn') throw invalidFields({ interpretsId: '所解读的文件不存在或尚未发布' });
  if (target.interpretsId) throw invalidFields({ interpretsId: '所选文件本身是政策解读，请选择被解读的政策文件' });
}

/** What the audit log keeps of a field value: the body only as length and hash. */
function auditValue(field: string, value: unknown): unknown {
  if (field === 'bodyHtml' && typeof value === 'string') return { length: value.length, sha256: sha256(value) };
  return value;
}

const metadataKeys = [
  'title',
  'docNo',
  'publisher',
  'writtenOn',
  'topic',
  'columnId',
  'catalogItemId',
  'disclosure',
  'disclosureGround',
  'docType',
  'validity',
  'effectiveOn',
  'invalidOn',
  'noticeStartsOn',
  'noticeEndsOn',
  'interpretsId',
  'bodyHtml',
  'keywords',
  'changeNote',
] as const;
type MetadataKey = (typeof metadataKeys)[number];

/** Creates a draft with a fresh 索引号 (drafters of the agency only). */
export async function createDocument(ctx: AppContext, actor: Actor, input: CreateDocumentInput, ip: string | null) {
  if (!canCreateIn(actor, input.agencyId)) {
    if (!canReadAgency(actor, input.agencyId)) throw notFound('单位');
    throw forbidden('只有本单位的起草人可以新建稿件');
  }
  const agency = await getAgency(ctx.db, input.agencyId);
  await checkColumn(ctx.db, agency.id, input.columnId);
  await checkCatalogItem(ctx.db, agency.id, input.catalogItemId);
  await checkInterprets(ctx.db, input.interpretsId, null);
  // Omitted (not null): a 主动公开 draft starts with its column's default catalog item, which
  // the drafter sees and may change; submission requires one (catalog.md §Enforcement).
  const catalogItemId = input.catalogItemId !== undefined || input.disclosure !== 'proactive' ? (input.catalogItemId ?? null) : await columnDefaultItem(ctx.db, agency.id, input.columnId);
  const fields = {
    title: input.title,
    docNo: input.docNo ?? null,
    publisher: input.publisher ?? agency.name,
    writtenOn: input.writtenOn ?? null,
    topic: input.topic ?? null,
    columnId: input.columnId,
    catalogItemId,
    disclosure: input.disclosure,
    disclosureGround: input.disclosureGround ?? null,
    docType: input.docType,
    validity: input.validity ?? null,
    effectiveOn: input.effectiveOn ?? null,
    invalidOn: input.invalidOn ?? null,
    noticeStartsOn: input.noticeStartsOn ?? null,
    noticeEndsOn: input.noticeEndsOn ?? null,
    interpretsId: input.interpretsId ?? null,
    bodyHtml: sanitizeBody(input.bodyHtml),
    keywords: input.keywords,
  };
  const problems = { ...checkDocumentFields(fields), ...checkNoticePeriod(fields) };
  if (Object.keys(problems).length) throw invalidFields(problems);
  const at = now();
  const doc = await ctx.db.transaction(async (tx) => {
    const year = chinaYear(at);
    const seq = await repo.nextIndexSequence(tx, agency.id, year);
    const row = await repo.insertDocument(tx, {
      ...fields,
      agencyId: agency.id,
      indexNo: formatIndexNo(agency.code, year, seq),
      status: 'draft',
      createdBy: actor.userId,
      createdAt: at,
      updatedAt: at,
    });
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: agency.id,
      action: 'document.create',
      entityType: 'document',
      entityId: row.id,
      after: { indexNo: row.indexNo, status: 'draft', ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, auditValue(k, v)])) },
    });
    return row;
  });
  return presentDocument(doc, new Map([[actor.userId, actor.displayName]]));
}

/** Edits a draft or returned document (its drafter only); audits the changed fields. */
export async function updateDocument(ctx: AppContext, actor: Actor, id: string, input: UpdateDocumentInput, ip: string | null) {
  const doc = await loadForChange(ctx.db, actor, id, 'update', input.lockVersion);
  const given = (k: MetadataKey) => Object.prototype.hasOwnProperty.call(input, k) && input[k] !== undefined;
  const next: Record<MetadataKey, unknown> = Object.fromEntries(metadataKeys.map((k) => [k, doc[k]])) as Record<MetadataKey, unknown>;
  for (const k of metadataKeys) if (given(k)) next[k] = input[k] ?? null;
  if (given('bodyHtml')) next.bodyHtml = sanitizeBody(String(input.bodyHtml ?? ''));
  if (given('publisher') && !next.publisher) next.publisher = (await getAgency(ctx.db, doc.agencyId)).name;
  // Switching to 其他 clears 有效性 unless the same request sets it (which the rules then refuse).
  if (next.docType === 'other' && doc.docType !== 'other') {
    for (const k of ['validity', 'effectiveOn', 'invalidOn'] as const) if (!given(k)) next[k] = null;
  }
  // Likewise leaving 主动公开 clears the 公示期 (only a public notice has one).
  if (next.disclosure !== 'proactive' && doc.disclosure === 'proactive') {
    for (const k of ['noticeStartsOn', 'noticeEndsOn'] as const) if (!given(k)) next[k] = null;
  }
  if (given('changeNote') && doc.liveVersion === null && next.changeNote) {
    throw invalidFields({ changeNote: '只有更正已发布的信息时才需要填写更正说明' });
  }
  if (doc.liveVersion !== null && next.disclosure !== 'proactive') {
    throw invalidFields({ disclosure: '已发布的信息不能改为非主动公开；如需停止公开，请撤回该信息' });
  }
  const problems = checkDocumentFields({
    disclosure: next.disclosure as Disclosure,
    disclosureGround: next.disclosureGround as string | null,
    docType: next.docType as DocType,
    validity: next.validity as string | null,
    effectiveOn: next.effectiveOn as string | null,
    invalidOn: next.invalidOn as string | null,
  });
  Object.assign(problems, checkNoticePeriod({ disclosure: next.disclosure as Disclosure, noticeStartsOn: next.noticeStartsOn as string | null, noticeEndsOn: next.noticeEndsOn as string | null }));
  if (Object.keys(problems).length) throw invalidFields(problems);
  if (next.columnId !== doc.columnId) await checkColumn(ctx.db, doc.agencyId, String(next.columnId));
  if (next.catalogItemId !== doc.catalogItemId) await checkCatalogItem(ctx.db, doc.agencyId, next.catalogItemId as string | null);
  if (next.interpretsId !== doc.interpretsId) await checkInterprets(ctx.db, next.interpretsId as string | null, doc.id);

  const changed = metadataKeys.filter((k) => JSON.stringify(next[k]) !== JSON.stringify(doc[k]));
  const names = await repo.findUserNames(ctx.db, [doc.createdBy]);
  if (changed.length === 0) return presentDocument(doc, names);
  const values = Object.fromEntries(changed.map((k) => [k, next[k]])) as Partial<repo.NewDocument>;
  const updated = await ctx.db.transaction(async (tx) => {
    const row = await repo.updateDocumentGuarded(tx, doc.id, { lockVersion: doc.lockVersion, status: doc.status }, values);
    if (!row) throw staleDocument();
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: doc.agencyId,
      action: 'document.update',
      entityType: 'document',
      entityId: doc.id,
      before: Object.fromEntries(changed.map((k) => [k, auditValue(k, doc[k])])),
      after: Object.fromEntries(changed.map((k) => [k, auditValue(k, next[k])])),
    });
    return row;
  });
  return presentDocument(updated, names);
}

/** A page of documents the actor may read. */
export async function listDocuments(db: Executor, actor: Actor, q: ListQuery) {
  let scope = readableAgencies(actor);
  if (q.agencyId) {
    if (!canReadAgency(actor, q.agencyId)) throw forbidden('无权查看该单位的稿件');
    scope = [q.agencyId];
  }
  const { rows, total } = await repo.findDocuments(db, {
    agencyIds: scope,
    status: q.status,
    createdBy: q.mine ? actor.userId : undefined,
    q: q.q,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const names = await repo.findUserNames(db, rows.map((r) => r.createdBy));
  return { items: rows.map((r) => presentDocumentSummary(r, names)), total, page: q.page, pageSize: q.pageSize };
}

/** One document with its attachments, review trail, versions and the actions the actor may take. */
export async function getDocumentDetail(db: Executor, actor: Actor, id: string) {
  const doc = await loadVisible(db, actor, id);
  const [attachments, actions, versions, names] = await Promise.all([
    repo.findAttachments(db, doc.id, true),
    repo.findReviewActions(db, doc.id),
    repo.findVersions(db, doc.id),
    repo.findUserNames(db, [doc.createdBy]),
  ]);
  return {
    document: presentDocument(doc, names),
    attachments: attachments.filter((a) => a.current).map(presentAttachment),
    /** Attachments removed from the working copy that a published version still lists. */
    previousAttachments: attachments.filter((a) => !a.current && versions.some((v) => v.attachments.some((r) => r.id === a.id))).map(presentAttachment),
    reviewActions: actions.map((a) => presentReviewAction(a, doc.chain)),
    versions: versions.map(presentVersionSummary),
    allowedActions: allowedActions(actor, toPolicyDocument(doc)),
  };
}

/** Documents in review whose current step the actor decides, across their agencies (never their own). */
export async function listInbox(db: Executor, actor: Actor) {
  const scopes = actor.memberships.filter((m) => m.roles.includes('reviewer')).map((m) => ({ agencyId: m.agencyId, steps: m.steps }));
  const rows = await repo.findInbox(db, scopes, actor.userId);
  const names = await repo.findUserNames(db, rows.map((r) => r.createdBy));
  return { items: rows.map((r) => presentDocumentSummary(r, names)), total: rows.length };
}

/** Throws unless `n` attachments plus one more stay within the limit. */
export function checkAttachmentCount(n: number, max: number): void {
  if (n >= max) throw new AppError('UNPROCESSABLE', { message: `每篇稿件最多 ${max} 个附件`, reason: 'TOO_MANY_ATTACHMENTS' });
}
