/** Accounts, agency memberships with roles, and database-backed sessions. */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid, uniqueIndex } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.ts';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    /** Optional address for e-mailed reminders (notifications module). */
    email: text('email'),
    /** Argon2id PHC string. */
    passwordHash: text('password_hash').notNull(),
    /** Platform-wide role: `sysadmin` manages everything, `supervisor` (县级监督) reads every agency. */
    globalRole: text('global_role'),
    disabled: boolean('disabled').notNull().default(false),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().default(sql`now()`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username)],
);

/**
 * What a user may do in one agency. `roles` holds `admin`, `drafter`, `reviewer`, `auditor`;
 * `steps` the review-chain step keys a reviewer may act on.
 */
export const memberships = pgTable(
  'memberships',
  {
    userId: uuid('user_id').notNull().references(() => users.id),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    steps: text('steps').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [primaryKey({ columns: [t.userId, t.agencyId] }), index('memberships_agency_idx').on(t.agencyId)],
);

/** Sessions live in the database so several app processes behind a load balancer share them. */
export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a leaked table does not yield usable cookies. */
    id: text('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    /** Synchronizer token that every state-changing request must echo in `x-csrf-token`. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().default(sql`now()`),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_last_seen_idx').on(t.lastSeenAt)],
);
