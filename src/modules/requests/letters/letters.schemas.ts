/** zod input schemas of the letters routes (Chinese messages). */
import { z } from 'zod';
import { letterKinds, templateKinds } from './templates.ts';
import { outcomes } from '../model.ts';

const agencyId = z.string({ error: '请选择单位' }).uuid('单位编号格式不正确');

/** `reply.pdf` → letter and format. */
export const letterFileParam = z
  .string()
  .regex(new RegExp(`^(${letterKinds.join('|')})\\.(docx|pdf)$`), '告知书应为 reply、correction、extension 或 fee，格式为 .docx 或 .pdf')
  .transform((s) => {
    const [letter, format] = s.split('.') as [(typeof letterKinds)[number], 'docx' | 'pdf'];
    return { letter, format };
  });

/** Preview of a reply not yet sent. */
export const letterPreviewQuery = z
  .object({
    outcome: z.enum(outcomes as unknown as [string, ...string[]], { error: '处理结果不在年度报告表三的栏目中' }).optional(),
    note: z.string().trim().max(4000, '理由最多 4000 个字').optional(),
  })
  .strict();

export const templateKindParam = z.enum(templateKinds as unknown as [string, ...string[]], { error: '没有这种告知书模板' });

export const agencyQuery = z.object({ agencyId }).strict();

export const saveTemplateSchema = z
  .object({
    agencyId,
    title: z.string({ error: '请填写标题' }).trim().min(1, '请填写标题').max(60, '标题最多 60 个字'),
    body: z.string({ error: '请填写正文' }).max(8000, '正文最多 8000 个字'),
  })
  .strict();

export const saveSettingsSchema = z
  .object({
    agencyId,
    /** 行政复议机关. */
    reviewOrgan: z.string({ error: '请填写行政复议机关' }).trim().min(2, '请填写行政复议机关').max(100, '最多 100 个字'),
    /** 管辖法院. */
    court: z.string({ error: '请填写管辖的人民法院' }).trim().min(2, '请填写管辖的人民法院').max(100, '最多 100 个字'),
  })
  .strict();

export const lockVersionQuery = z.object({ lockVersion: z.coerce.number({ error: '缺少版本号 lockVersion，请刷新后重试' }).int().min(0) });

export const proposePublicationSchema = z
  .object({
    lockVersion: z.number({ error: '缺少版本号 lockVersion，请刷新后重试' }).int().min(0),
    /** 栏目 of the draft (a leaf column of the agency). */
    columnId: z.string({ error: '请选择栏目' }).uuid('栏目编号格式不正确'),
    title: z.string({ error: '请填写标题' }).trim().min(1, '请填写标题').max(200, '标题最多 200 个字符'),
    bodyHtml: z.string().max(1_000_000).optional(),
  })
  .strict();
