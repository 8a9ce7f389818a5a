/** The append-only, hash-chained audit log. */
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    /** Username at the time, kept even if the account is renamed. */
    actorName: text('actor_name').notNull(),
    agencyId: uuid('agency_id'),
    /** Verb in dotted form: `document.approve`, `user.create`, `auth.login`. */
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    /** Hash of the previous row ('' for the first). */
    prevHash: text('prev_hash').notNull(),
    /** SHA-256 over prevHash and this row's canonical content. */
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_agency_idx').on(t.agencyId, t.id), index('audit_entity_idx').on(t.entityType, t.entityId)],
);
