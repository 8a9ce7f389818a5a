/**
 * AB posts (AB岗: an A holder and a B holder per duty), leave records and handovers (交接).
 * See docs/modules/catalog.md.
 */
import { sql } from 'drizzle-orm';
import { date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.ts';
import { users } from './accounts.ts';
import { catalogItems } from './catalog.ts';

/** A duty of an agency and who holds it (A) and backs it up (B). */
export const postDuties = pgTable(
  'post_duties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    /** catalogItem | requests (依申请公开办理) | site (网站维护) | annualReport (年度报告). */
    kind: text('kind').notNull(),
    /** The catalog item, for kind catalogItem. */
    catalogItemId: uuid('catalog_item_id').references(() => catalogItems.id),
    holderA: uuid('holder_a').references(() => users.id),
    holderB: uuid('holder_b').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    uniqueIndex('post_duties_item_uq').on(t.catalogItemId).where(sql`${t.catalogItemId} is not null`),
    uniqueIndex('post_duties_kind_uq').on(t.agencyId, t.kind).where(sql`${t.catalogItemId} is null`),
  ],
);

/** A period a staffer is away (请假、出差、培训): their A duties fall to B. */
export const leaveRecords = pgTable(
  'leave_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    /** First day away (inclusive). */
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    /** Last day away (inclusive). */
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    reason: text('reason').notNull().default(''),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index('leave_records_user_idx').on(t.userId, t.startsOn)],
);

/**
 * A handover (交接) from its start to its end. Started by an agency administrator
 * (`awaitingSuccessor`), signed by the successor in their own session (`awaitingApproval`),
 * approved by the department head in theirs, which executes it (`completed`); or `rejected`
 * (by either signer, with a reason) or `cancelled` (by the initiator). Rows written before the
 * two-signature flow are `completed` with no signature times (the administrator attested them).
 */
export const handovers = pgTable(
  'handovers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fromUserId: uuid('from_user_id').notNull().references(() => users.id),
    toUserId: uuid('to_user_id').notNull().references(() => users.id),
    /** 接手人签收: the successor who signs (always `toUserId`); signed when `signedAt` is set. */
    signedBy: uuid('signed_by').notNull().references(() => users.id),
    /** 部门负责人审批: the designated approver; approved when `approvedAt` is set. */
    approvedBy: uuid('approved_by').notNull().references(() => users.id),
    /** The checklist at the start; once completed, the checklist as reassigned with counts and notes. */
    checklist: jsonb('checklist').notNull(),
    /** The initiator. */
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
    /** awaitingSuccessor | awaitingApproval | completed | rejected | cancelled. */
    status: text('status').notNull().default('completed'),
    /** When the successor signed (re-entered their password). */
    signedAt: timestamp('signed_at', { withTimezone: true }),
    /** The checklist exactly as the successor reviewed and signed it. */
    signedChecklist: jsonb('signed_checklist'),
    /** Fingerprint of the signed checklist's items (sha256 of the sorted item keys). */
    signedFingerprint: text('signed_fingerprint'),
    /** When the approver approved (re-entered their password); the handover executed then. */
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    rejectedBy: uuid('rejected_by').references(() => users.id),
    rejectedAt: timestamp('rejected_at', { withTimezone: true }),
    rejectReason: text('reject_reason'),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    /** One open handover per leaver. */
    uniqueIndex('handovers_open_uq').on(t.fromUserId).where(sql`${t.status} in ('awaitingSuccessor', 'awaitingApproval')`),
    index('handovers_to_idx').on(t.toUserId, t.status),
  ],
);
