/**
 * Privacy guard (隐私信息专项审查): scans of documents' working copies, reviewers' written
 * justifications, masked files linked to their originals, the site-wide mask policy and the
 * sweep (回头看) of what is already public. Findings are stored with their MASKED form only:
 * the scan tables never hold the personal data they report.
 */
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.ts';
import { users } from './accounts.ts';
import { attachments, documents } from './publishing.ts';

/** Counts of findings by confidence (personal findings only) and needing manual review. */
export interface PrivacyCounts {
  high: number;
  medium: number;
  low: number;
  manual: number;
}

/** One stored finding of a document scan or sweep (no original text, only the masked form). */
export interface StoredFinding {
  /** Stable id within the document: hash of source, type and value (justifications refer to it). */
  id: string;
  /** body, or attachment. */
  source: 'body' | 'attachment';
  attachmentId?: string;
  filename?: string;
  /** A detector type (idCard, mobile …) or `manualReview` (scanned page, image, unreadable file). */
  type: string;
  /** Chinese label of the type. */
  typeLabel: string;
  masked: string;
  confidence: 'high' | 'medium' | 'low';
  reason: string;
  personal: boolean;
  location: Record<string, string | number>;
}

/** The latest scans of documents' working copies (one row per scan; the newest counts). */
export const privacyScans = pgTable(
  'privacy_scans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id').notNull().references(() => documents.id),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    /** Hash of the body, the current attachments and the policy: a scan is reused while it matches. */
    contentKey: text('content_key').notNull(),
    findings: jsonb('findings').$type<StoredFinding[]>().notNull(),
    counts: jsonb('counts').$type<PrivacyCounts>().notNull(),
    scannedAt: timestamp('scanned_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index('privacy_scans_document_idx').on(t.documentId, t.scannedAt)],
);

/** A reviewer's written decision that a finding is meant to be public (已确认为公开信息). */
export const privacyJustifications = pgTable(
  'privacy_justifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id').notNull().references(() => documents.id),
    /** StoredFinding.id */
    findingId: text('finding_id').notNull(),
    type: text('type').notNull(),
    masked: text('masked').notNull(),
    reason: text('reason').notNull(),
    actorId: uuid('actor_id').notNull().references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [uniqueIndex('privacy_justifications_uq').on(t.documentId, t.findingId)],
);

/** A masked copy that replaced an attachment; the original stays private, linked here for the audit. */
export const privacyMaskedFiles = pgTable('privacy_masked_files', {
  id: uuid('id').primaryKey().defaultRandom(),
  documentId: uuid('document_id').notNull().references(() => documents.id),
  originalAttachmentId: uuid('original_attachment_id').notNull().references(() => attachments.id),
  maskedAttachmentId: uuid('masked_attachment_id').notNull().references(() => attachments.id),
  /** Findings masked. */
  masked: integer('masked').notNull(),
  actorId: uuid('actor_id').notNull().references(() => users.id),
  at: timestamp('at', { withTimezone: true }).notNull().default(sql`now()`),
});

/** Site-wide privacy settings (key `maskPolicy`). */
export const privacySettings = pgTable('privacy_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
});

/** One run of the sweep (回头看) over published items: all agencies (null) or one. */
export const privacySweeps = pgTable(
  'privacy_sweeps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').references(() => agencies.id),
    /** schedule (the job) | cli (`gongkai privacy sweep`) | manual (a user in the console) */
    trigger: text('trigger').notNull(),
    requestedBy: uuid('requested_by').references(() => users.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().default(sql`now()`),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Items done so far (progress, written once per batch). */
    itemsScanned: integer('items_scanned').notNull().default(0),
    itemsWithFindings: integer('items_with_findings').notNull().default(0),
    /** Current published items to scan, counted at the start. */
    itemsTotal: integer('items_total').notNull().default(0),
    /** Findings stored in the run's items. */
    findingsCount: integer('findings_count').notNull().default(0),
    /** Last progress write: a run without a finish whose heartbeat is old was interrupted. */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().default(sql`now()`),
    /** Why the run failed (finished with an error), else null. */
    error: text('error'),
  },
  (t) => [index('privacy_sweeps_started_idx').on(t.startedAt)],
);

/** What the sweep found in one published item (only items with findings or errors are stored). */
export const privacySweepItems = pgTable(
  'privacy_sweep_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sweepId: uuid('sweep_id').notNull().references(() => privacySweeps.id),
    documentId: uuid('document_id').notNull().references(() => documents.id),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    indexNo: text('index_no').notNull(),
    /** Publication time of the version scanned (发布日期 in the report). */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    findings: jsonb('findings').$type<StoredFinding[]>().notNull(),
    counts: jsonb('counts').$type<PrivacyCounts>().notNull(),
  },
  (t) => [index('privacy_sweep_items_sweep_idx').on(t.sweepId, t.agencyId)],
);

/** How often the scheduled sweep (回头看) runs for an agency; an agency without a row: daily. */
export const privacySweepSchedules = pgTable('privacy_sweep_schedules', {
  agencyId: uuid('agency_id')
    .primaryKey()
    .references(() => agencies.id),
  /** Days between two scheduled sweeps of the agency (1–365). */
  intervalDays: integer('interval_days').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
});
