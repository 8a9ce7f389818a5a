/** Input schemas of the agencies routes. */
import { z } from 'zod';

const reviewStepSchema = z.object({
  /** Stable key referenced by reviewer roles. */
  key: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, '步骤标识为小写字母开头的字母数字'),
  /** Name shown to people. */
  name: z.string().trim().min(1).max(40),
  /** Checklist the reviewer ticks. */
  checklist: z.array(z.string().trim().min(1).max(40)).max(20),
  /** Marks the privacy review step. */
  privacy: z.boolean().optional(),
});

const settingsSchema = z
  .object({
    /** 主办单位. */
    sponsor: z.string().max(100).optional(),
    /** 网站标识码. */
    siteCode: z.string().regex(/^[A-Za-z0-9]{10}$/, '网站标识码为 10 位字母或数字').or(z.literal('')).optional(),
    /** ICP备案号. */
    icp: z.string().max(60).optional(),
    /** 公安备案号. */
    psb: z.string().max(60).optional(),
    /** 办公地址. */
    address: z.string().max(200).optional(),
    /** 办公时间. */
    officeHours: z.string().max(200).optional(),
    /** 联系电话. */
    phone: z.string().max(60).optional(),
    /** 传真. */
    fax: z.string().max(60).optional(),
    /** 电子邮箱. */
    email: z.string().max(100).optional(),
  })
  .strict();

export const createAgencySchema = z
  .object({
    /** Organisation code (prefix of 索引号), usually the 统一社会信用代码. */
    code: z.string().trim().regex(/^[0-9A-Z]{6,18}$/, '机构代码为 6–18 位数字或大写字母'),
    /** URL segment. */
    slug: z.string().trim().regex(/^[a-z][a-z0-9-]{1,31}$/, '网址标识为 2–32 位小写字母、数字或连字符'),
    /** Full name, e.g. 巫山县曲尺乡人民政府. */
    name: z.string().trim().min(2).max(60),
    /** county | department | township. */
    kind: z.enum(['county', 'department', 'township']),
    /** Parent agency. */
    parentId: z.string().uuid().nullable().optional(),
    /** Public settings. */
    settings: settingsSchema.optional(),
    /** Review chain (default 初审 → 隐私信息专项审查 → 复审 → 终审). */
    reviewChain: z.array(reviewStepSchema).optional(),
    /** 岗前培训考核合格后方可上岗 (training module): on by default for agencies created here. */
    requireTraining: z.boolean({ error: '请选择是否开启岗前培训' }).default(true),
  })
  .strict();

export const updateAgencySchema = z
  .object({
    /** Full name. */
    name: z.string().trim().min(2).max(60).optional(),
    /** Public settings. */
    settings: settingsSchema.optional(),
    /** Review chain. */
    reviewChain: z.array(reviewStepSchema).optional(),
  })
  .strict();
