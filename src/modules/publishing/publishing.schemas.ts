/** Input schemas of the publishing routes (messages in Chinese; types inferred). */
import { z } from 'zod';
import { disclosureGrounds, disclosures, docTypes, validities } from './metadata.ts';
import { documentStatuses } from './workflow.ts';

/** '' from a form means "not given". */
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

const text = (max: number, label: string) =>
  z.preprocess(blankToNull, z.string().trim().max(max, `${label}最多 ${max} 个字符`).nullable().optional());

/** A calendar date YYYY-MM-DD that exists. */
const dateString = (label: string) =>
  z.preprocess(
    blankToNull,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
      .refine((s) => {
        const d = new Date(`${s}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '1949-10-01' && s <= '2100-12-31';
      }, `${label}不是有效的日期`)
      .nullable()
      .optional(),
  );

const uuid = (label: string) => z.string({ error: `请选择${label}` }).uuid(`${label}编号格式不正确`);

/** Optimistic lock: the lockVersion the client last read. */
const lockVersion = z
  .number({ error: '缺少稿件版本号 lockVersion，请刷新后重试' })
  .int('稿件版本号须为整数')
  .min(0, '稿件版本号不能为负数');

const keywords = z
  .array(z.string().trim().min(1, '关键词不能为空').max(20, '每个关键词最多 20 个字符'))
  .max(10, '关键词最多 10 个')
  .refine((k) => new Set(k).size === k.length, '关键词不能重复');

const metadataFields = {
  /** 标题. */
  title: z.string({ error: '请填写标题' }).trim().min(1, '请填写标题').max(200, '标题最多 200 个字符'),
  /** 文号, e.g. 曲尺府发〔2025〕12号. */
  docNo: text(100, '文号'),
  /** 发布机构 (defaults to the agency's name). */
  publisher: text(100, '发布机构'),
  /** 成文日期. */
  writtenOn: dateString('成文日期'),
  /** 主题分类. */
  topic: text(40, '主题分类'),
  /** 栏目: a leaf column of the agency. */
  columnId: uuid('栏目'),
  /** 公开目录事项 (a catalog item of the agency), optional. */
  catalogItemId: z.preprocess(blankToNull, z.string().uuid('目录事项编号格式不正确').nullable().optional()),
  /** 政策解读: the published item this item interprets (optional). */
  interpretsId: z.preprocess(blankToNull, z.string().uuid('所解读文件的编号格式不正确').nullable().optional()),
  /** 公开属性. */
  disclosure: z.enum(disclosures, { error: '公开属性须为主动公开、依申请公开或不予公开' }),
  /** Legal ground when not 主动公开 (art14, art15, art16_1, art16_2). */
  disclosureGround: z.preprocess(
    blankToNull,
    z.enum(disclosureGrounds, { error: '不予主动公开的依据须为条例第十四条、第十五条或第十六条' }).nullable().optional(),
  ),
  /** regulation (规章) | normative (行政规范性文件) | other. */
  docType: z.enum(docTypes, { error: '文件类型须为规章、行政规范性文件或其他' }),
  /** 有效性 of a 规章 or 规范性文件. */
  validity: z.preprocess(blankToNull, z.enum(validities, { error: '有效性须为有效、废止或失效' }).nullable().optional()),
  /** 施行日期. */
  effectiveOn: dateString('施行日期'),
  /** 废止或失效日期. */
  invalidOn: dateString('废止或失效日期'),
  /** 公示期 first day (主动公开 only; with noticeEndsOn). */
  noticeStartsOn: dateString('公示期开始日期'),
  /** 公示期 last day (≥ noticeStartsOn): the 张贴期限 of the printed notice. */
  noticeEndsOn: dateString('公示期结束日期'),
  /** Body as HTML (sanitized on the server). */
  bodyHtml: z.string().max(1_000_000, '正文过长（最多 100 万个字符）'),
  /** Up to 10 keywords. */
  keywords,
};

export const createDocumentSchema = z
  .object({
    /** Agency the item belongs to. */
    agencyId: uuid('单位'),
    ...metadataFields,
    docType: metadataFields.docType.default('other'),
    bodyHtml: metadataFields.bodyHtml.default(''),
    keywords: keywords.default([]),
  })
  .strict();
export type CreateDocumentInput = z.infer<typeof createDocumentSchema>;

export const updateDocumentSchema = z
  .object({
    lockVersion,
    ...metadataFields,
    /** 更正说明 of a correction under way. */
    changeNote: text(500, '更正说明'),
  })
  .partial()
  .required({ lockVersion: true })
  .strict();
export type UpdateDocumentInput = z.infer<typeof updateDocumentSchema>;

export const submitSchema = z
  .object({
    lockVersion,
    /** 更正说明: required when correcting a published item (may also be set by PATCH). */
    changeNote: text(500, '更正说明'),
  })
  .strict();

export const approveSchema = z
  .object({
    lockVersion,
    /** Checklist items ticked; every item of the step's checklist is required. */
    checklist: z.array(z.string().trim().max(40)).max(30).default([]),
    /** Optional comment. */
    comment: text(1000, '审核意见'),
    /** Final step only: publish at this time (ISO 8601 with offset, in the future) instead of now. */
    scheduledAt: z.preprocess(
      blankToNull,
      z.iso.datetime({ offset: true, error: '定时发布时间格式不正确（ISO 8601，含时区）' }).nullable().optional(),
    ),
  })
  .strict();

export const returnSchema = z
  .object({
    lockVersion,
    /** Why the draft goes back to the drafter (required). */
    comment: z.string({ error: '请填写退回理由' }).trim().min(2, '请填写退回理由（至少 2 个字）').max(1000, '退回理由最多 1000 个字符'),
  })
  .strict();

export const withdrawSchema = z
  .object({
    lockVersion,
    /** 撤回理由, shown on the portal's notice (required). */
    reason: z.string({ error: '请填写撤回理由' }).trim().min(2, '请填写撤回理由（至少 2 个字）').max(500, '撤回理由最多 500 个字符'),
  })
  .strict();

/** Hiding a superseded version (personal data): the reason is audited. */
export const hideVersionSchema = z
  .object({
    reason: z.string({ error: '请填写隐藏理由' }).trim().min(2, '请填写隐藏理由（至少 2 个字）').max(500, '隐藏理由最多 500 个字符'),
  })
  .strict();

/** A version number in the path. */
export const versionParam = z.coerce.number({ error: '版本号无效' }).int('版本号无效').min(1, '版本号无效').max(1_000_000, '版本号无效');

export const correctSchema = z
  .object({
    lockVersion,
    /** Why a correction is started (optional, kept in the history). */
    comment: text(500, '说明'),
    /** Started because of personal data: its publication hides the superseded versions. */
    forPrivacy: z.boolean({ error: 'forPrivacy 须为布尔值' }).optional(),
  })
  .strict();

/** lockVersion in the query string (uploads and DELETE). */
export const lockVersionQuery = z.object({
  lockVersion: z.coerce.number({ error: '缺少稿件版本号 lockVersion，请刷新后重试' }).int().min(0),
});

const booleanQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const listQuerySchema = z
  .object({
    /** Only this agency. */
    agencyId: z.string().uuid('单位编号格式不正确').optional(),
    /** Only this state. */
    status: z.enum(documentStatuses, { error: '状态取值不正确' }).optional(),
    /** Only documents I created. */
    mine: booleanQuery.optional(),
    /** Substring of title, 文号 or 索引号. */
    q: z.string().trim().max(100, '搜索词最多 100 个字符').optional(),
    /** Page number from 1. */
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    /** Items per page. */
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListQuery = z.infer<typeof listQuerySchema>;
