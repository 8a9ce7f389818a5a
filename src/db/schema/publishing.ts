/**
 * Proactive disclosure (主动公开): columns (栏目), working copies of government information
 * items under review, their published versions (what the portal shows and search indexes),
 * attachments and the review trail.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agencies, type ReviewStep } from './agencies.ts';
import { users } from './accounts.ts';
import { catalogItems } from './catalog.ts';

const tsvector = customType<{ data: string }>({
  dataType() {
    return 'tsvector';
  },
});

/** A column (栏目) of an agency's 政府信息公开 section; two levels deep. */
export const columns = pgTable(
  'columns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    parentId: uuid('parent_id'),
    /** URL segment, unique within the agency. */
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    /** Legal basis shown on the column page, e.g. 条例第二十条第（一）项. */
    basis: text('basis'),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [uniqueIndex('columns_agency_slug_uq').on(t.agencyId, t.slug)],
);

/** Per-agency, per-year counter behind 索引号 (code/YYYY-NNNNN). */
export const indexSequences = pgTable(
  'index_sequences',
  {
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    year: integer('year').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.year] })],
);

/** One attachment value inside a version snapshot. */
export interface AttachmentRef {
  id: string;
  filename: string;
  mime: string;
  size: number;
}

/** The working copy of a government information item and its workflow state. */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    /** 索引号, generated at creation: agency code/year-sequence. */
    indexNo: text('index_no').notNull(),
    title: text('title').notNull(),
    /** 文号, e.g. 曲尺府发〔2025〕12号. */
    docNo: text('doc_no'),
    /** 发布机构. */
    publisher: text('publisher').notNull(),
    /** 成文日期. */
    writtenOn: date('written_on', { mode: 'string' }),
    /** 主题分类. */
    topic: text('topic'),
    columnId: uuid('column_id').notNull().references(() => columns.id),
    /** 公开目录事项 the item belongs to (nullable until every item is linked; see docs/modules/catalog.md). */
    catalogItemId: uuid('catalog_item_id').references(() => catalogItems.id),
    /** 公开属性: proactive (主动公开) | request (依申请公开) | none (不予公开). */
    disclosure: text('disclosure').notNull(),
    /** Legal ground when not proactive (条例第十四、十五、十六条 …). */
    disclosureGround: text('disclosure_ground'),
    /** regulation (规章) | normative (行政规范性文件) | other. */
    docType: text('doc_type').notNull().default('other'),
    /** 有效性 for regulation and normative: valid (有效) | repealed (废止) | expired (失效). */
    validity: text('validity'),
    /** Date the document takes effect. */
    effectiveOn: date('effective_on', { mode: 'string' }),
    /** Date it was repealed or expired. */
    invalidOn: date('invalid_on', { mode: 'string' }),
    /** 政策解读: the published item (policy) this item interprets; null for every other item. */
    interpretsId: uuid('interprets_id').references((): AnyPgColumn => documents.id),
    /** Sanitized rich text. */
    bodyHtml: text('body_html').notNull().default(''),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    /** draft | in_review | returned | scheduled | published | withdrawn (a correction under way is draft/in_review/returned/scheduled with liveVersion set) */
    status: text('status').notNull(),
    /** Review chain frozen at submission, so a later change of the agency's chain cannot strand it. */
    chain: jsonb('chain').$type<ReviewStep[]>(),
    /** Index into `chain` of the step now awaiting a decision. */
    currentStep: integer('current_step').notNull().default(0),
    /** Submission round: incremented at every (re)submission. */
    round: integer('round').notNull().default(0),
    /** Publication time requested by the final reviewer (null = at once). */
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    /** Published version the portal shows (null before the first publication). */
    liveVersion: integer('live_version'),
    /** Optimistic lock: every update bumps it and checks the value it read. */
    lockVersion: integer('lock_version').notNull().default(0),
    /** 更正说明 of a correction under way: becomes the next version's changeNote at publication. */
    changeNote: text('change_note'),
    /**
     * The correction under way was started for personal data (the sweep's 更正脱敏): its
     * publication hides the superseded versions from the public. Cleared at publication.
     */
    correctionForPrivacy: boolean('correction_for_privacy').notNull().default(false),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawReason: text('withdraw_reason'),
    /** 公示期 first day (a 主动公开 notice posted for a period, e.g. a subsidy list); null when none. */
    noticeStartsOn: date('notice_starts_on', { mode: 'string' }),
    /** 公示期 last day (≥ noticeStartsOn); also the 张贴期限 of the printed notice. */
    noticeEndsOn: date('notice_ends_on', { mode: 'string' }),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    uniqueIndex('documents_index_no_uq').on(t.indexNo),
    index('documents_agency_status_idx').on(t.agencyId, t.status),
    index('documents_scheduled_idx').on(t.scheduledAt),
  ],
);

/** A stored file belonging to a document's working copy (and to the versions that list it). */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id').notNull().references(() => documents.id),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    filename: text('filename').notNull(),
    /** MIME type detected from the content, never taken from the client. */
    mime: text('mime').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    /** Key in the file storage. */
    storageKey: text('storage_key').notNull(),
    /** Extracted text for search (and later for the privacy scanner). */
    text: text('text').notNull().default(''),
    /** false once removed from the working copy; old versions may still list it. */
    current: boolean('current').notNull().default(true),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index('attachments_document_idx').on(t.documentId)],
);

/** A published version: the immutable snapshot the portal shows, searches and lists in 历史版本. */
export const documentVersions = pgTable(
  'document_versions',
  {
    documentId: uuid('document_id').notNull().references(() => documents.id),
    version: integer('version').notNull(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    columnId: uuid('column_id').notNull().references(() => columns.id),
    /** 公开目录事项 at publication (snapshot of documents.catalogItemId). */
    catalogItemId: uuid('catalog_item_id').references(() => catalogItems.id),
    indexNo: text('index_no').notNull(),
    title: text('title').notNull(),
    docNo: text('doc_no'),
    publisher: text('publisher').notNull(),
    writtenOn: date('written_on', { mode: 'string' }),
    topic: text('topic'),
    docType: text('doc_type').notNull(),
    validity: text('validity'),
    effectiveOn: date('effective_on', { mode: 'string' }),
    invalidOn: date('invalid_on', { mode: 'string' }),
    /** 政策解读: snapshot of documents.interpretsId. */
    interpretsId: uuid('interprets_id'),
    bodyHtml: text('body_html').notNull(),
    /** Plain text of the body, for snippets. */
    bodyText: text('body_text').notNull(),
    keywords: text('keywords').array().notNull(),
    attachments: jsonb('attachments').$type<AttachmentRef[]>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    /** Why this version replaced the previous one (更正说明); null for the first. */
    changeNote: text('change_note'),
    /** true for the version the portal shows; old versions stay for 历史版本. */
    isCurrent: boolean('is_current').notNull(),
    /**
     * Set when a superseded version is no longer public because it holds personal data (a
     * privacy correction's publication, or an agency admin): the portal answers 410 for it and
     * leaves it out of the history. Never set on the current version.
     */
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenReason: text('hidden_reason'),
    hiddenBy: uuid('hidden_by').references(() => users.id),
    /** Normalised 文号 for exact lookup (spaces and bracket variants folded). */
    docNoKey: text('doc_no_key'),
    /** 公示期 at publication (snapshot of documents.noticeStartsOn / noticeEndsOn). */
    noticeStartsOn: date('notice_starts_on', { mode: 'string' }),
    noticeEndsOn: date('notice_ends_on', { mode: 'string' }),
    /** jieba tokens plus CJK unigrams and bigrams of title, body, 文号, 索引号 and attachment text. */
    search: tsvector('search').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.version] }),
    index('versions_list_idx').on(t.agencyId, t.columnId, t.publishedAt).where(sql`${t.isCurrent}`),
    // Portal list pages of a first-level column (the agency's column and its children, newest first):
    // read backwards in the list's order and stopped after offset + page size (docs/BENCHMARKS.md).
    index('versions_agency_recent_idx').on(t.agencyId, t.publishedAt, t.documentId).where(sql`${t.isCurrent}`),
    index('versions_recent_idx').on(t.publishedAt).where(sql`${t.isCurrent}`),
    // Column pages and the column filter of search across all agencies.
    index('versions_column_idx').on(t.columnId, t.publishedAt).where(sql`${t.isCurrent}`),
    index('versions_search_idx').using('gin', t.search).where(sql`${t.isCurrent}`),
    index('versions_doc_no_idx').on(t.docNoKey).where(sql`${t.isCurrent}`),
    index('versions_index_no_idx').on(t.indexNo).where(sql`${t.isCurrent}`),
    index('versions_interprets_idx').on(t.interpretsId).where(sql`${t.isCurrent} and ${t.interpretsId} is not null`),
  ],
);

/** Every workflow event of a document: submit, approve, return, publish, withdraw, correct. */
export const reviewActions = pgTable(
  'review_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order: several actions share one transaction's time (approve + publish). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    documentId: uuid('document_id').notNull().references(() => documents.id),
    round: integer('round').notNull(),
    /** Step key for approve/return; null for other actions. */
    stepKey: text('step_key'),
    action: text('action').notNull(),
    /** null when the system acted (scheduled publication). */
    actorId: uuid('actor_id').references(() => users.id),
    comment: text('comment'),
    /** Checklist items the reviewer ticked. */
    checklist: text('checklist').array().notNull().default(sql`'{}'::text[]`),
    at: timestamp('at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index('review_actions_document_idx').on(t.documentId, t.seq)],
);
