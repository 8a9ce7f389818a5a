/**
 * Work manual and pre-post training (岗前培训，考核合格后方可上岗 — seed report 五、3).
 * Manual sections and question banks live in code (src/modules/training); the database keeps
 * per-agency manual overrides, the agency's gating switch and every test attempt.
 */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.ts';
import { users } from './accounts.ts';

/** Whether an agency requires a passed test before drafter/reviewer/handler rights apply. No row = off. */
export const trainingSettings = pgTable('training_settings', {
  agencyId: uuid('agency_id').primaryKey().references(() => agencies.id),
  requireTraining: boolean('require_training').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
});

/** An agency's own text for one manual section (replaces the built-in text until reset). */
export const manualOverrides = pgTable(
  'manual_overrides',
  {
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    topic: text('topic').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.topic] })],
);

/** One test attempt: the questions drawn at start, the answers and score at submission. */
export const trainingAttempts = pgTable(
  'training_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    /** drafter | reviewer | handler | admin */
    role: text('role').notNull(),
    questionIds: jsonb('question_ids').$type<string[]>().notNull(),
    /** Chosen option indexes per question id; null until submitted. */
    answers: jsonb('answers').$type<Record<string, number[]>>(),
    /** Percent correct (0–100); null until submitted. */
    score: integer('score'),
    passed: boolean('passed'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().default(sql`now()`),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [index('training_attempts_user_idx').on(t.userId, t.agencyId, t.role)],
);
