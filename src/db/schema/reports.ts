/**
 * The annual report generator (政府信息公开工作年度报告, issue 5): the yearly figures that come
 * from other systems, the 行政复议 / 行政诉讼 cases, the narrative sections and the record of
 * publication. The tables themselves are computed, never stored, until publication freezes
 * them in `report_publications`. See docs/modules/reports.md.
 */
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.ts';
import { users } from './accounts.ts';
import { documents } from './publishing.ts';
import { requests } from './requests.ts';

/** Table 四 entered as figures: three groups of five (维持, 纠正, 其他, 尚未审结, 总计). */
export interface Section4Figures {
  reconsideration: number[];
  litigationDirect: number[];
  litigationAfterReconsideration: number[];
}

/** Yearly figures of table 二 that other systems hold (行政许可, 行政处罚, 行政强制, 行政事业性收费). */
export const reportFigures = pgTable(
  'report_figures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    /** The year reported on. */
    year: integer('year').notNull(),
    /** 第二十条第（五）项 行政许可: 本年处理决定数量. */
    licensing: integer('licensing').notNull().default(0),
    /** 第二十条第（六）项 行政处罚: 本年处理决定数量. */
    penalties: integer('penalties').notNull().default(0),
    /** 第二十条第（六）项 行政强制: 本年处理决定数量. */
    enforcement: integer('enforcement').notNull().default(0),
    /** 第二十条第（八）项 行政事业性收费 in 万元 (up to four decimals). */
    feesWan: numeric('fees_wan', { precision: 14, scale: 4, mode: 'number' }).notNull().default(0),
    /** Table 四 entered directly (agencies whose cases are not recorded here); null = computed from report_cases. */
    section4: jsonb('section4').$type<Section4Figures>(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [uniqueIndex('report_figures_agency_year_uq').on(t.agencyId, t.year)],
);

/** One 政府信息公开 行政复议 or 行政诉讼 case counted in table 四 of a year. */
export const reportCases = pgTable(
  'report_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    /** The report year it is counted in. */
    year: integer('year').notNull(),
    /** reconsideration (行政复议) | litigation_direct (未经复议直接起诉) | litigation_after_reconsideration (复议后起诉). */
    kind: text('kind').notNull(),
    /** upheld (结果维持) | corrected (结果纠正) | other (其他结果) | pending (尚未审结). */
    result: text('result').notNull(),
    /** 案号 or the decision's reference. */
    caseNo: text('case_no'),
    /** Short description. */
    summary: text('summary').notNull().default(''),
    /** Date the case was filed (申请 / 起诉). */
    filedOn: date('filed_on', { mode: 'string' }),
    /** The 依申请公开 request the case is about (same agency), when known. */
    requestId: uuid('request_id').references(() => requests.id),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
  },
  (t) => [index('report_cases_agency_year_idx').on(t.agencyId, t.year)],
);

/** The narrative sections 一、五、六 of an agency's report for a year (edited in the admin UI). */
export const reportDrafts = pgTable(
  'report_drafts',
  {
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    year: integer('year').notNull(),
    /** 一、总体情况 (without its heading); paragraphs separated by blank lines. */
    overview: text('overview').notNull(),
    /** 五、存在的主要问题及改进情况. */
    problems: text('problems').notNull(),
    /** 六、其他需要报告的事项. */
    other: text('other').notNull(),
    lockVersion: integer('lock_version').notNull().default(0),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [uniqueIndex('report_drafts_agency_year_uq').on(t.agencyId, t.year)],
);

/**
 * A published annual report: the frozen numbers (the JSON contract) and the portal document.
 * Revision 1 is the publication; each re-publication (更正) adds the next revision, so the
 * history stays and the latest revision is the one served.
 */
export const reportPublications = pgTable(
  'report_publications',
  {
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    year: integer('year').notNull(),
    /** The 主动公开 item in the agency's 政府信息公开年报 column. */
    documentId: uuid('document_id').notNull().references(() => documents.id),
    /** 1 for the publication, 2… for each correction. */
    revision: integer('revision').notNull().default(1),
    /** Why it was re-published (更正说明); null for revision 1. */
    note: text('note'),
    /** The JSON contract (docs/modules/reports.md) as published. */
    report: jsonb('report').$type<Record<string, unknown>>().notNull(),
    /**
     * Sections 一、五、六 as published ({overview, problems, other}), so that the public PDF and
     * DOCX render the text as it was published even after the draft is edited again.
     */
    narrative: jsonb('narrative').$type<{ overview: string; problems: string; other: string }>(),
    publishedBy: uuid('published_by').notNull().references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [uniqueIndex('report_publications_agency_year_revision_uq').on(t.agencyId, t.year, t.revision)],
);
