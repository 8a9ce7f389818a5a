/**
 * Public feedback (留言 / 建议 / 满意度评价) on published items and on an agency's site, the
 * staff's answers, and the per-agency settings (answer deadline, extra banned words). See
 * docs/modules/feedback.md.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.ts';
import { users } from './accounts.ts';
import { documents } from './publishing.ts';

/** One piece of feedback and its answer. */
export const feedback = pgTable(
  'feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** The published item it is about; null for site-wide feedback. */
    documentId: uuid('document_id').references(() => documents.id),
    /** message (留言) | suggestion (建议) | rating (满意度评价). */
    kind: text('kind').notNull(),
    /** 1–5 for a rating, else null. */
    rating: smallint('rating'),
    text: text('text').notNull(),
    /** How to reach the author (phone or e-mail); private: staff who answer only, never public. */
    contact: text('contact'),
    /** The author agreed that the text and the answer are shown on the portal. */
    consentToPublish: boolean('consent_to_publish').notNull().default(false),
    /** online | hotline | in_person (the last two entered by staff). */
    source: text('source').notNull(),
    /** new | answered | rejected. */
    status: text('status').notNull(),
    /** Local spam score at intake (links, repeated characters, banned words). */
    spamScore: integer('spam_score').notNull().default(0),
    /** China date it arrived; day 0 of the answer deadline. */
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    /** Answer deadline: receivedOn + the agency's answer working days at intake (a later settings change does not move it). */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** China date of the answer (on-time rate). */
    answeredOn: date('answered_on', { mode: 'string' }),
    /** Why it was rejected (spam, abuse …). */
    rejectReason: text('reject_reason'),
    /** 承办人: the current holder of the agency's feedback duty at intake (AB岗), or whom an admin reassigned it to; null when nobody held the duty. */
    assigneeId: uuid('assignee_id').references(() => users.id),
    /** How the 承办人 was chosen: A | B (the duty's post at intake) | manual (reassigned by hand) | handover. */
    assignedVia: text('assigned_via'),
    /** 撤下公开: when staff took the answered item off the portal (null = shown, if consented and answered). */
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenBy: uuid('hidden_by').references(() => users.id),
    /** Why it was taken off the portal (required; e.g. the author withdrew consent). */
    hiddenReason: text('hidden_reason'),
    lockVersion: integer('lock_version').notNull().default(0),
    /** Staff member who entered it; null for the online form. */
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    index('feedback_agency_status_idx').on(t.agencyId, t.status, t.dueOn),
    index('feedback_document_idx').on(t.documentId),
    index('feedback_agency_received_idx').on(t.agencyId, t.receivedOn),
    index('feedback_assignee_idx').on(t.assigneeId),
  ],
);

/** Per-agency feedback settings (a missing row means the defaults). */
export const feedbackSettings = pgTable('feedback_settings', {
  agencyId: uuid('agency_id')
    .primaryKey()
    .references(() => agencies.id),
  /** Working days to answer (default 5). */
  answerWorkingDays: integer('answer_working_days').notNull().default(5),
  /** Extra banned words of the spam score, besides the built-in list. */
  bannedWords: text('banned_words').array().notNull().default(sql`'{}'::text[]`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
});
