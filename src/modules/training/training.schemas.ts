/** Input shapes of /api/training (zod; Chinese messages via parseInput). */
import { z } from 'zod';
import { uuidParam } from '../../lib/validation.ts';
import { courseRoles } from './questions.ts';

export const agencyQuerySchema = z.object({ agencyId: uuidParam.optional() });
export const requiredAgencyQuerySchema = z.object({ agencyId: uuidParam });
export const topicParamSchema = z.object({ topic: z.string().regex(/^[a-z0-9-]{1,40}$/, '主题不存在') });
export const roleParamSchema = z.object({ role: z.enum(courseRoles, { error: '没有该岗位的培训课程' }) });
export const attemptParamSchema = z.object({ id: uuidParam });

export const putSectionSchema = z.object({
  agencyId: uuidParam,
  title: z.string().trim().min(1, '标题不能为空').max(100, '标题不能超过100个字'),
  body: z.string().trim().min(1, '正文不能为空').max(20_000, '正文不能超过20000个字'),
});

export const startAttemptSchema = z.object({ agencyId: uuidParam.optional() }).optional();

export const submitAttemptSchema = z.object({
  answers: z.record(z.string().max(60), z.array(z.number().int('选项不正确').min(0, '选项不正确').max(20, '选项不正确')).max(20)),
});

export const settingsSchema = z.object({ agencyId: uuidParam, requireTraining: z.boolean({ error: '请选择是否开启岗前培训' }) });
