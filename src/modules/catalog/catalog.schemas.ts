/** Input schemas of the catalog routes (messages in Chinese; types inferred). */
import { z } from 'zod';
import { audiences, channelKeys, levels, modes } from './channels.ts';

const uuid = (label: string) => z.string({ error: `请选择${label}` }).uuid(`${label}编号格式不正确`);

/** 公开时限 as a rule. */
export const timeRuleSchema = z.discriminatedUnion('kind', [
  z
    .object({
      /** Event-driven: from the information's formation or change. */
      kind: z.literal('event'),
      /** workingDays (工作日) or hours (小时). */
      unit: z.enum(['workingDays', 'hours'], { error: '时限单位须为工作日或小时' }),
      /** N working days or hours. */
      limit: z.number().int('时限须为整数').min(1, '时限至少为 1').max(720, '时限过长'),
      /** 公示期: the information must stay public this long after its first publication (optional). */
      noticeDays: z.number({ error: '公示期须为整数' }).int('公示期须为整数').min(1, '公示期至少为 1 天').max(365, '公示期不能超过 365 天').optional(),
      /** Unit of the 公示期: days (自然日, default) or workingDays (工作日). */
      noticeUnit: z.enum(['days', 'workingDays'], { error: '公示期单位须为天或工作日' }).optional(),
    })
    .strict(),
  z
    .object({
      /** Periodic: once per month, quarter or year. */
      kind: z.literal('periodic'),
      period: z.enum(['monthly', 'quarterly', 'yearly'], { error: '周期须为每月、每季度或每年' }),
      /** Day of the following period's first month (or of dueMonth) by which to publish. */
      dueDay: z.number().int().min(1, '截止日须为 1–31').max(31, '截止日须为 1–31'),
      /** Month of the following year, for yearly rules. */
      dueMonth: z.number().int().min(1, '截止月份须为 1–12').max(12, '截止月份须为 1–12').optional(),
    })
    .strict(),
]);

const itemFields = {
  /** 所属领域. */
  areaId: uuid('领域'),
  /** 一级事项. */
  level1: z.string({ error: '请填写一级事项' }).trim().min(1, '请填写一级事项').max(100, '一级事项最多 100 个字符'),
  /** 二级事项. */
  level2: z.string({ error: '请填写二级事项' }).trim().min(1, '请填写二级事项').max(100, '二级事项最多 100 个字符'),
  /** 公开内容（要素）. */
  content: z.string().trim().max(2000, '公开内容最多 2000 个字符'),
  /** 公开依据. */
  basis: z.string().trim().max(1000, '公开依据最多 1000 个字符'),
  /** 公开时限. */
  timeRule: timeRuleSchema,
  /** 公开主体. */
  subject: z.string().trim().max(100, '公开主体最多 100 个字符'),
  /** 公开渠道和载体 (checkbox keys). */
  channels: z.array(z.enum(channelKeys, { error: '公开渠道取值不正确' })).max(channelKeys.length),
  /** 公开对象. */
  audience: z.enum(audiences, { error: '公开对象须为全社会或特定群众' }),
  /** 公开方式. */
  mode: z.enum(modes, { error: '公开方式须为主动或依申请' }),
  /** 公开层级. */
  level: z.enum(levels, { error: '公开层级须为县级或乡级' }),
  /** Order within the area. */
  sort: z.number().int().min(0).max(100_000),
  /** 是否需要解读: null = by document type (规章/行政规范性文件), true = every publication, false = none. */
  needsInterpretation: z.boolean({ error: '是否需要解读须为是、否或空' }).nullable(),
};

export const createItemSchema = z
  .object({
    /** Agency whose catalog gets the item. */
    agencyId: uuid('单位'),
    ...itemFields,
    content: itemFields.content.default(''),
    basis: itemFields.basis.default(''),
    timeRule: itemFields.timeRule.default({ kind: 'event', unit: 'workingDays', limit: 20 }),
    subject: itemFields.subject.default(''),
    channels: itemFields.channels.default(['website']),
    audience: itemFields.audience.default('public'),
    mode: itemFields.mode.default('proactive'),
    level: itemFields.level.default('township'),
    sort: itemFields.sort.default(0),
    needsInterpretation: itemFields.needsInterpretation.default(null),
  })
  .strict();
export type CreateItemInput = z.infer<typeof createItemSchema>;

export const updateItemSchema = z
  .object({
    /** Optimistic lock: the item's lockVersion the client last read. */
    lockVersion: z.number({ error: '缺少版本号 lockVersion，请刷新后重试' }).int().min(0),
    ...itemFields,
  })
  .partial()
  .required({ lockVersion: true })
  .strict();
export type UpdateItemInput = z.infer<typeof updateItemSchema>;

export const createAreaSchema = z
  .object({
    /** Agency whose catalog gets the area. */
    agencyId: uuid('单位'),
    /** 领域名称. */
    name: z.string({ error: '请填写领域名称' }).trim().min(1, '请填写领域名称').max(50, '领域名称最多 50 个字符'),
    /** Order among areas. */
    sort: z.number().int().min(0).max(100_000).default(0),
  })
  .strict();
export type CreateAreaInput = z.infer<typeof createAreaSchema>;

export const updateAreaSchema = createAreaSchema.omit({ agencyId: true }).partial().strict();
export type UpdateAreaInput = z.infer<typeof updateAreaSchema>;

/** ?agencyId= */
export const agencyQuerySchema = z.object({ agencyId: uuid('单位') }).strict();

/** ?agencyId=&year= for the ledger. */
export const ledgerQuerySchema = z
  .object({
    agencyId: uuid('单位'),
    /** Calendar year (defaults to the current year in China). */
    year: z.coerce.number().int('年份须为整数').min(2000, '年份不能早于 2000').max(2100, '年份不能晚于 2100').optional(),
  })
  .strict();

/** Bounds of the timeliness settings. */
export const interpretationDaysMax = 30;
export const escalationWorkingDaysMax = 20;

/** PUT /api/catalog/settings?agencyId: both values, working days. */
export const catalogSettingsSchema = z
  .object({
    /** 政策解读 limit in working days after the policy's first publication; 0 = 同步 (the same day). */
    interpretationDays: z
      .number({ error: '请填写政策解读时限（工作日）' })
      .int('政策解读时限须为整数')
      .min(0, '政策解读时限不能为负数（0 表示与政策同步发布）')
      .max(interpretationDaysMax, `政策解读时限最多为 ${interpretationDaysMax} 个工作日`),
    /** A→B escalation: working days after the due date. */
    escalationWorkingDays: z
      .number({ error: '请填写升级提醒B岗的工作日数' })
      .int('升级提醒天数须为整数')
      .min(1, '升级提醒至少在逾期 1 个工作日后')
      .max(escalationWorkingDaysMax, `升级提醒最多在逾期 ${escalationWorkingDaysMax} 个工作日后`),
  })
  .strict();
export type CatalogSettingsInput = z.infer<typeof catalogSettingsSchema>;
