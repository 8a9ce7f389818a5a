/** Input schemas of the AB-post, leave and handover routes (messages in Chinese). */
import { z } from 'zod';
import { dutyKinds } from './posts.ts';

const uuid = (label: string) => z.string({ error: `请选择${label}` }).uuid(`${label}编号格式不正确`);
const date = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, `${label}不是有效的日期`);

/** ?agencyId=&date= */
export const postsQuerySchema = z
  .object({
    agencyId: uuid('单位'),
    /** Day for which the current holder is computed (default today in China). */
    date: date('日期').optional(),
  })
  .strict();

export const setDutySchema = z
  .object({
    /** Agency of the duty. */
    agencyId: uuid('单位'),
    /** catalogItem | requests | site | annualReport. */
    kind: z.enum(dutyKinds, { error: '职责类型取值不正确' }),
    /** The catalog item, required for kind catalogItem. */
    catalogItemId: uuid('目录事项').nullable().optional(),
    /** A岗 (primary). */
    holderA: uuid('A岗人员').nullable(),
    /** B岗 (backup). */
    holderB: uuid('B岗人员').nullable(),
  })
  .strict()
  .refine((v) => v.kind !== 'catalogItem' || !!v.catalogItemId, { message: '公开目录事项职责须指定目录事项', path: ['catalogItemId'] })
  .refine((v) => v.kind === 'catalogItem' || !v.catalogItemId, { message: '只有公开目录事项职责可以指定目录事项', path: ['catalogItemId'] })
  .refine((v) => !v.holderA || v.holderA !== v.holderB, { message: 'A岗与B岗不能为同一人', path: ['holderB'] });
export type SetDutyInput = z.infer<typeof setDutySchema>;

export const createLeaveSchema = z
  .object({
    agencyId: uuid('单位'),
    /** Who is away. */
    userId: uuid('人员'),
    /** First day away. */
    startsOn: date('开始日期'),
    /** Last day away. */
    endsOn: date('结束日期'),
    /** 事由. */
    reason: z.string().trim().max(200, '事由最多 200 个字符').default(''),
  })
  .strict()
  .refine((v) => v.startsOn <= v.endsOn, { message: '结束日期不能早于开始日期', path: ['endsOn'] });
export type CreateLeaveInput = z.infer<typeof createLeaveSchema>;

/** ?agencyId= (optional) */
export const handoverHistorySchema = z.object({ agencyId: uuid('单位').optional() }).strict();

/** ?userId= */
export const handoverPreviewSchema = z.object({ userId: uuid('交出人') }).strict();

/** POST /api/handovers (发起). */
export const startHandoverSchema = z
  .object({
    /** 交出人: the account to hand over and, on approval, disable. */
    fromUserId: uuid('交出人'),
    /** 接手人: signs the checklist and receives everything. */
    toUserId: uuid('接手人'),
    /** 审批人: the department head (an agency administrator, not one of the two parties). */
    approverId: uuid('审批人'),
  })
  .strict();
export type StartHandoverInput = z.infer<typeof startHandoverSchema>;

/** POST /api/handovers/:id/sign and /approve: the signer's password and the checklist they reviewed. */
export const signHandoverSchema = z
  .object({
    /** The signer's own login password (re-authentication = the electronic signature). */
    password: z.string({ error: '请输入登录密码' }).min(1, '请输入登录密码').max(200, '密码过长'),
    /** Fingerprint of the checklist as shown (GET /api/handovers/:id → fingerprint). */
    fingerprint: z.string({ error: '缺少交接清单指纹' }).regex(/^[0-9a-f]{64}$/, '交接清单指纹格式不正确'),
  })
  .strict();
export type SignHandoverInput = z.infer<typeof signHandoverSchema>;

/** POST /api/handovers/:id/reject. */
export const rejectHandoverSchema = z
  .object({ reason: z.string({ error: '请填写理由' }).trim().min(1, '请填写理由').max(500, '理由最多 500 个字符') })
  .strict();
export type RejectHandoverInput = z.infer<typeof rejectHandoverSchema>;

/** GET /api/handovers?mine=1 */
export const listHandoversSchema = z.object({ mine: z.enum(['0', '1'], { error: 'mine 取值应为 0 或 1' }).optional() }).strict();
