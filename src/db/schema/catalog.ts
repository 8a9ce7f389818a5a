/**
 * The disclosure catalog (政务公开事项标准目录, 国办发〔2019〕54号) of each agency: areas
 * (领域, the 26 pilot areas preloaded) and items with their columns as in real 基层 catalogs
 * (DOMAIN.md §3.1), each with a structured time rule (公开时限). See docs/modules/catalog.md.
 */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.ts';

/**
 * 公开时限 as data. `event`: within `limit` working days or hours of the information being
 * formed or changed (条例第26条: 20 个工作日 by default). `periodic`: once per month, quarter or
 * year, due on `dueDay` (of `dueMonth` for yearly) of the period that follows.
 * An event rule may carry a 公示期 (`noticeDays`): the published information must stay public
 * that long from its first publication — calendar days unless `noticeUnit` is `workingDays`.
 */
export type TimeRule =
  | { kind: 'event'; unit: 'workingDays' | 'hours'; limit: number; noticeDays?: number | undefined; noticeUnit?: 'days' | 'workingDays' | undefined }
  | { kind: 'periodic'; period: 'monthly' | 'quarterly' | 'yearly'; dueDay: number; dueMonth?: number | undefined };

/** Marks that an agency's catalog was created from the shipped standard (once; deleting items never re-seeds). */
export const catalogStates = pgTable('catalog_states', {
  agencyId: uuid('agency_id').primaryKey().references(() => agencies.id),
  /** Version tag of the shipped standard catalog the agency started from. */
  standardVersion: text('standard_version').notNull(),
  seededAt: timestamp('seeded_at', { withTimezone: true }).notNull().default(sql`now()`),
});

/** A 领域 (area) of an agency's catalog, e.g. 社会救助. */
export const catalogAreas = pgTable(
  'catalog_areas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [uniqueIndex('catalog_areas_agency_name_uq').on(t.agencyId, t.name)],
);

/** One 公开事项 of an agency's catalog. */
export const catalogItems = pgTable(
  'catalog_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    areaId: uuid('area_id').notNull().references(() => catalogAreas.id),
    /** 一级事项. */
    level1: text('level1').notNull(),
    /** 二级事项. */
    level2: text('level2').notNull(),
    /** 公开内容（要素）. */
    content: text('content').notNull().default(''),
    /** 公开依据. */
    basis: text('basis').notNull().default(''),
    /** 公开时限 as a rule the ledger computes with. */
    timeRule: jsonb('time_rule').$type<TimeRule>().notNull(),
    /** 公开主体. */
    subject: text('subject').notNull().default(''),
    /** 公开渠道和载体: keys of the checkbox set (website, newMedia, …). */
    channels: text('channels').array().notNull().default(sql`'{}'::text[]`),
    /** 公开对象: public (全社会) | specific (特定群众). */
    audience: text('audience').notNull().default('public'),
    /** 公开方式: proactive (主动) | request (依申请). */
    mode: text('mode').notNull().default('proactive'),
    /** 公开层级: county (县级) | township (乡级). */
    level: text('level').notNull().default('township'),
    sort: integer('sort').notNull().default(0),
    /** 是否需要解读: null = by document type (规章/行政规范性文件), true = every linked publication, false = none. */
    needsInterpretation: boolean('needs_interpretation'),
    lockVersion: integer('lock_version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    uniqueIndex('catalog_items_area_names_uq').on(t.areaId, t.level1, t.level2),
    index('catalog_items_agency_idx').on(t.agencyId),
  ],
);

/** Per-agency timeliness settings of the ledger and its reminders (defaults apply while no row exists). */
export const catalogSettings = pgTable('catalog_settings', {
  agencyId: uuid('agency_id').primaryKey().references(() => agencies.id),
  /** 政策解读 limit in working days after the policy's first publication; 0 = 同步 (the same day). */
  interpretationDays: integer('interpretation_days').notNull().default(5),
  /** Working days after the due date before an overdue entry is escalated from A to B. */
  escalationWorkingDays: integer('escalation_working_days').notNull().default(2),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
  /** Who last changed them (null for none). */
  updatedBy: uuid('updated_by'),
});
