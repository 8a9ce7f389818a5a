/** Input schemas of the feedback routes and the portal form (messages in Chinese; types inferred). */
import { z } from 'zod';
import { feedbackKinds, feedbackStatuses } from './model.ts';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const uuid = (label: string) => z.string({ error: `请选择${label}` }).uuid(`${label}编号格式不正确`);
const booleanQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** The fields a citizen gives (the portal form and staff entry share them). */
const contentFields = {
  /** 留言 | 建议 | 满意度评价. */
  kind: z.enum(feedbackKinds, { error: '请选择留言类型' }),
  /** 1–5, required for 满意度评价 only. */
  rating: z.preprocess(blankToUndefined, z.coerce.number({ error: '请选择满意度' }).int().min(1, '满意度为 1–5 分').max(5, '满意度为 1–5 分').optional()),
  /** The text (2–1000 characters). */
  text: z.string({ error: '请填写内容' }).trim().min(2, '请填写内容（至少 2 个字）').max(1000, '内容最多 1000 个字'),
  /** Phone or e-mail for the answer; private. */
  contact: z.preprocess(blankToUndefined, z.string().trim().max(100, '联系方式最多 100 个字符').optional()),
};

const ratingRule = (v: { kind: string; rating?: number | undefined }, ctx: z.RefinementCtx) => {
  if (v.kind === 'rating' && v.rating === undefined) ctx.addIssue({ code: 'custom', path: ['rating'], message: '满意度评价请选择 1–5 分' });
  if (v.kind !== 'rating' && v.rating !== undefined) ctx.addIssue({ code: 'custom', path: ['rating'], message: '只有满意度评价需要打分' });
};

/** The portal form (strings from an urlencoded body). */
export const portalFeedbackSchema = z
  .object({
    ...contentFields,
    /** The item the feedback is about (hidden field of the detail page's form). */
    documentId: z.preprocess(blankToUndefined, z.string().uuid('信息编号格式不正确').optional()),
    /** Checkbox: "1" when the author agrees to publication. */
    consent: z.preprocess(blankToUndefined, z.literal('1').optional()),
  })
  .superRefine(ratingRule);
export type PortalFeedbackInput = z.infer<typeof portalFeedbackSchema>;

/** POST /api/feedback: staff record feedback that came by the hotline or in person. */
export const recordFeedbackSchema = z
  .object({
    /** Agency it is addressed to. */
    agencyId: uuid('单位'),
    /** The published item it is about, if any. */
    documentId: z.string().uuid('信息编号格式不正确').nullable().optional(),
    ...contentFields,
    rating: z.number().int().min(1, '满意度为 1–5 分').max(5, '满意度为 1–5 分').optional(),
    contact: z.string().trim().max(100, '联系方式最多 100 个字符').nullable().optional(),
    /** hotline | in_person. */
    source: z.enum(['hotline', 'in_person'], { error: '来源须为热线电话或现场反映' }),
    /** The author agreed to publication (staff asked). */
    consentToPublish: z.boolean().default(false),
    /** China date it came in (default today); not in the future. */
    receivedOn: isoDate.optional(),
  })
  .strict()
  .superRefine(ratingRule);
export type RecordFeedbackInput = z.infer<typeof recordFeedbackSchema>;

/** POST /api/feedback/:id/answer. */
export const answerSchema = z
  .object({
    lockVersion: z.number({ error: '缺少版本号 lockVersion，请刷新后重试' }).int().min(0),
    /** The answer (shown publicly when the author consented). */
    answer: z.string({ error: '请填写答复内容' }).trim().min(2, '请填写答复内容（至少 2 个字）').max(2000, '答复最多 2000 个字'),
  })
  .strict();

/** POST /api/feedback/:id/reject. */
export const rejectSchema = z
  .object({
    lockVersion: z.number({ error: '缺少版本号 lockVersion，请刷新后重试' }).int().min(0),
    /** Why (spam, abuse, duplicate …); internal. */
    reason: z.string({ error: '请填写不予处理的理由' }).trim().min(2, '请填写不予处理的理由').max(500, '理由最多 500 个字'),
  })
  .strict();

/** GET /api/feedback. */
export const listQuerySchema = z
  .object({
    /** Only this agency. */
    agencyId: z.string().uuid('单位编号格式不正确').optional(),
    /** Only this state. */
    status: z.enum(feedbackStatuses, { error: '状态取值不正确' }).optional(),
    /** Only this kind. */
    kind: z.enum(feedbackKinds, { error: '类型取值不正确' }).optional(),
    /** Only feedback about this published item. */
    documentId: z.string().uuid('信息编号格式不正确').optional(),
    /** Only unanswered feedback past its due date. */
    overdue: booleanQuery.optional(),
    /** Only feedback whose 承办人 is this user ("me" = the caller). */
    assignee: z.union([z.literal('me'), z.string().uuid('承办人编号格式不正确')]).optional(),
    /** Only answered feedback taken off the portal (撤下公开). */
    hidden: booleanQuery.optional(),
    /** Page number from 1. */
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    /** Items per page. */
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListQuery = z.infer<typeof listQuerySchema>;

/** GET /api/feedback/stats. */
export const statsQuerySchema = z
  .object({
    /** The agency. */
    agencyId: uuid('单位'),
    /** Calendar year (China dates of receipt). */
    year: z.coerce.number({ error: '请填写年份' }).int().min(2000, '年份不正确').max(2100, '年份不正确'),
  })
  .strict();

/** PUT /api/feedback/settings. */
export const settingsSchema = z
  .object({
    /** The agency. */
    agencyId: uuid('单位'),
    /** Working days to answer (1–30). */
    answerWorkingDays: z.number().int().min(1, '答复期限至少 1 个工作日').max(30, '答复期限最多 30 个工作日'),
    /** Extra banned words of the spam filter. */
    bannedWords: z.array(z.string().trim().min(1).max(20)).max(200).default([]),
  })
  .strict();

const lockVersion = z.number({ error: '缺少版本号 lockVersion，请刷新后重试' }).int().min(0);

/** POST /api/feedback/:id/assign: reassign the 承办人 by hand. */
export const assignSchema = z
  .object({
    lockVersion,
    /** An active member of the agency. */
    assigneeId: uuid('承办人'),
  })
  .strict();

/** POST /api/feedback/:id/hide and /unhide: take an answered item off the portal, or put it back. */
export const visibilitySchema = z
  .object({
    lockVersion,
    /** Why (e.g. the author withdrew consent; the answer named a person); recorded and shown in the history. */
    reason: z.string({ error: '请填写理由' }).trim().min(2, '请填写理由（至少 2 个字）').max(500, '理由最多 500 个字'),
  })
  .strict();
