/**
 * Request-based disclosure (依申请公开, 条例第27–45条): the requests, the applicant's personal
 * data (a separate table, read only for the handling agency's request staff), the append-only
 * clock history, the per-agency tracking-number counter and the secret behind the portal's
 * anonymous form tokens. See docs/modules/requests.md.
 */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.ts';
import { users } from './accounts.ts';

/** The applicant's personal data; never shown on public pages. */
export interface ApplicantJson {
  /** 姓名 (自然人) or 名称 (法人或其他组织). */
  name: string;
  /** 证件类型 of a person: resident_id | passport | hk_macao_permit | taiwan_permit | foreign_permanent | other. */
  idType?: string | undefined;
  /** 证件号码. */
  idNumber?: string | undefined;
  /** 统一社会信用代码 of an organisation. */
  uscc?: string | undefined;
  /** 法定代表人 / 负责人. */
  legalRepresentative?: string | undefined;
  /** 联系人 of an organisation. */
  contactPerson?: string | undefined;
  /** 联系电话. */
  phone: string;
  /** 通信地址. */
  address?: string | undefined;
  /** 电子邮箱. */
  email?: string | undefined;
  /** 邮政编码. */
  postcode?: string | undefined;
}

/** One government information request and its current state. */
export const requests = pgTable(
  'requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    /** 受理编号 `YYYY-NNNN`, unique within the agency (year = China year of registration). */
    trackingNo: text('tracking_no').notNull(),
    /** SHA-256 hex of the query code (查询码) given to the applicant once; the code itself is never stored. */
    queryCodeHash: text('query_code_hash').notNull(),
    /** online | in_person | registered_mail | ordinary_mail | fax | email | oral (条例第29、31条). */
    channel: text('channel').notNull(),
    /** When the application arrived or was entered. */
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    /** 收到申请之日 (China date) under 条例第31条; day 0 of the statutory clock. */
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    /** person (自然人) | organization (法人或其他组织). */
    applicantKind: text('applicant_kind').notNull(),
    /** For organisations: business | research | nonprofit | legal | other (the annual report's columns). */
    orgKind: text('org_kind'),
    /** 所需政府信息的名称或特征描述. */
    description: text('description').notNull(),
    /** 文号 of the wanted information, if known. */
    docNo: text('doc_no'),
    /** 获取信息的形式: paper | email | disc | onsite … */
    provisionForm: text('provision_form').notNull(),
    /** 获取信息的方式: mail | email | pickup | online. */
    delivery: text('delivery').notNull(),
    /** 承办人 and the backup (AB岗). */
    handlerId: uuid('handler_id').references(() => users.id),
    backupHandlerId: uuid('backup_handler_id').references(() => users.id),
    /** registered | reviewing | correction_pending | handling | approving | replied | delivered | archived | withdrawn | deemed_withdrawn */
    state: text('state').notNull(),
    /** The result row of annual-report table 三 (a leaf key of reports/model.ts), once decided. */
    outcome: text('outcome'),
    /** Reasons / remarks of the outcome (shown in the reply letter). */
    outcomeNote: text('outcome_note'),
    /**
     * Cache of the derived reply deadline (clock.ts) for ledger queries. Recomputed from the events
     * and the calendar on every event; screens always show the freshly derived date and its explanation.
     */
    dueOn: date('due_on', { mode: 'string' }),
    lockVersion: integer('lock_version').notNull().default(0),
    /** Staff member who registered it; null for an online application. */
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    uniqueIndex('requests_agency_tracking_uq').on(t.agencyId, t.trackingNo),
    index('requests_agency_state_idx').on(t.agencyId, t.state),
    index('requests_due_idx').on(t.dueOn),
  ],
);

/** The applicant's personal data, one row per request (kept apart so no list query can leak it). */
export const requestApplicants = pgTable('request_applicants', {
  requestId: uuid('request_id')
    .primaryKey()
    .references(() => requests.id),
  data: jsonb('data').$type<ApplicantJson>().notNull(),
});

/** The append-only history of a request: every legal event that moves its clock or its state. */
export const requestEvents = pgTable(
  'request_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    /** received | accepted | correction_requested | correction_received | extension | consultation_started | consultation_ended | fee_notice | fee_paid | replied | delivered | archived | withdrawn | deemed_withdrawn */
    kind: text('kind').notNull(),
    /** The legal date of the event (China date), which the clock counts from. */
    on: date('on', { mode: 'string' }).notNull(),
    /** Event details (period, approvedBy, party, outcome …). */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** Who recorded it; null for the applicant (online form). */
    actorId: uuid('actor_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index('request_events_request_idx').on(t.requestId, t.id)],
);

/** Per-agency, per-year counter behind 受理编号. */
export const requestSequences = pgTable(
  'request_sequences',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.year] })],
);

/** Installation secrets of the requests module (the HMAC key of the portal's form tokens), created on first use. */
export const requestSecrets = pgTable('request_secrets', {
  name: text('name').primaryKey(),
  /** base64url random bytes. */
  secret: text('secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
});

/**
 * Per-agency overrides of the letter templates (告知书): one row per agency and letter kind
 * (`reply.<outcome>`, `correction`, `extension`, `fee`). No row = the default in
 * modules/requests/letters/templates.ts.
 */
export const requestLetterTemplates = pgTable(
  'request_letter_templates',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** Paragraphs separated by line breaks, with {占位符}. */
    body: text('body').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.kind] })],
);

/** Per-agency facts of the letters' remedies paragraph (行政复议机关, 管辖法院). No row = derived defaults. */
export const requestLetterSettings = pgTable('request_letter_settings', {
  agencyId: uuid('agency_id')
    .primaryKey()
    .references(() => agencies.id),
  /** 行政复议机关, e.g. 巫山县人民政府. */
  reviewOrgan: text('review_organ').notNull(),
  /** 管辖法院, e.g. 巫山县人民法院. */
  court: text('court').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
});

/** Files of a request (disclosed with the reply, or intake documents: see kind); bytes in file storage, checked by content on upload. */
export const requestFiles = pgTable(
  'request_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    /**
     * disclosed = sent with the reply; identity = the applicant's identity document (portal);
     * scan = a paper/fax/e-mail application scanned in by staff; correction = sent with the
     * applicant's online 补正. All but disclosed carry personal data (canSeeApplicant only).
     */
    kind: text('kind').notNull().default('disclosed'),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
    /** Set when removed before the reply (rows are kept: a sent reply names them). */
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [index('request_files_request_idx').on(t.requestId)],
);

/**
 * Per-agency procedure settings of 依申请公开. `approvalRequired`: every reply passes through
 * 审批 (submit-for-approval → approve by an approver who is not the handler). No row = off
 * (installations from before it keep replying directly); an agency turns it on once it has an approver.
 */
export const requestSettings = pgTable('request_settings', {
  agencyId: uuid('agency_id')
    .primaryKey()
    .references(() => agencies.id),
  approvalRequired: boolean('approval_required').notNull().default(false),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
});
