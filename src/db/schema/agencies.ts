/** Agencies (行政机关): a county platform hosts the county government, its departments and townships. */
import { sql } from 'drizzle-orm';
import { jsonb, pgTable, text, timestamp, uuid, integer, uniqueIndex } from 'drizzle-orm/pg-core';

/** One review step of an agency's 三审三校 chain. */
export interface ReviewStep {
  /** Stable key, referenced by reviewer roles (`first`, `privacy`, `second`, `final`). */
  key: string;
  /** Name shown to people, e.g. 科室负责人初审. */
  name: string;
  /** Proofreading checklist the reviewer must tick (文字、数据、格式、政治把关、时效). */
  checklist: string[];
  /** Marks the 隐私信息专项审查 step where the privacy scanner plugs in. */
  privacy?: boolean;
}

/** Public-facing settings of an agency (portal footer, 指南 contacts). */
export interface AgencySettings {
  /** 主办单位 shown in the footer. */
  sponsor?: string;
  /** 网站标识码 (10 characters). */
  siteCode?: string;
  /** ICP备案号. */
  icp?: string;
  /** 公安机关备案号. */
  psb?: string;
  /** 办公地址. */
  address?: string;
  /** 办公时间. */
  officeHours?: string;
  /** 联系电话. */
  phone?: string;
  /** 传真. */
  fax?: string;
  /** 电子邮箱. */
  email?: string;
}

export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Organisation code, the prefix of 索引号: usually the 9-character 组织机构代码 (DOMAIN.md §6). */
    code: text('code').notNull(),
    /** URL segment of the agency's portal section, e.g. `quchi`. */
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    /** county | department | township */
    kind: text('kind').notNull(),
    parentId: uuid('parent_id'),
    settings: jsonb('settings').$type<AgencySettings>().notNull().default({}),
    reviewChain: jsonb('review_chain').$type<ReviewStep[]>().notNull(),
    sort: integer('sort').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [uniqueIndex('agencies_code_uq').on(t.code), uniqueIndex('agencies_slug_uq').on(t.slug)],
);
