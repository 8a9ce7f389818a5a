/**
 * zod input schemas of the requests module (Chinese messages). The application fields are
 * shared by the staff registration (JSON) and the portal form (form-encoded strings): empty
 * strings count as absent, text is trimmed.
 */
import { z } from 'zod';
import { isIsoDate } from '../calendar/index.ts';
import { isValidIdCard18, isValidUscc } from '../privacy/index.ts';
import { applicantKinds, channels, deliveries, idTypes, orgKinds, provisionForms, replyOutcomes, requestStates } from './model.ts';

const blankToUndefined = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v);
const text = (min: number, max: number, required: string) =>
  z.preprocess(blankToUndefined, z.string({ error: required }).min(min, `至少 ${min} 个字`).max(max, `最多 ${max} 个字`));
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().max(max, `最多 ${max} 个字`).optional());
const choice = <T extends readonly [string, ...string[]]>(values: T, required: string) => z.preprocess(blankToUndefined, z.enum(values, { error: required }));
const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) => z.preprocess(blankToUndefined, z.enum(values, { error: '取值不在允许范围内' }).optional());
const isoDate = (required: string) =>
  z.preprocess(blankToUndefined, z.string({ error: required }).refine((s) => isIsoDate(s), '日期格式应为 YYYY-MM-DD'));

const mobileOrLandline = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$/;
const email = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,190}\.[A-Za-z]{2,}$/;

/** Today as the number yyyymmdd (ID birth dates must not be in the future). */
export function dayNumber(isoDate: string): number {
  return Number(isoDate.replaceAll('-', ''));
}

/** The fields of an application (条例第29条第2款); the cross-field rules are in {@link checkApplication}. */
export function applicationShape() {
  return {
    /** person (自然人) | organization (法人或其他组织). */
    applicantKind: choice(applicantKinds, '请选择申请人类型'),
    /** 姓名 or 名称. */
    name: text(1, 100, '请填写姓名或名称'),
    /** 证件类型 (自然人). */
    idType: optionalChoice(idTypes),
    /** 证件号码 (自然人). */
    idNumber: optionalText(40),
    /** The org kind: the annual report's column (法人或其他组织). */
    orgKind: optionalChoice(orgKinds),
    /** 统一社会信用代码 (法人或其他组织). */
    uscc: optionalText(18),
    /** 法定代表人或负责人. */
    legalRepresentative: optionalText(50),
    /** 联系人. */
    contactPerson: optionalText(50),
    /** 联系电话. */
    phone: text(1, 30, '请填写联系电话'),
    /** 通信地址. */
    address: optionalText(200),
    /** 邮政编码. */
    postcode: optionalText(6),
    /** 电子邮箱. */
    email: optionalText(200),
    /** 所需政府信息的名称或特征描述. */
    description: text(4, 2000, '请填写所需政府信息的名称或内容描述'),
    /** 文号 (if known). */
    docNo: optionalText(100),
    /** 获取信息的形式. */
    provisionForm: choice(provisionForms, '请选择获取信息的形式'),
    /** 获取信息的方式. */
    delivery: choice(deliveries, '请选择获取信息的方式'),
  };
}

type ApplicationLike = {
  applicantKind: string;
  idType?: string | undefined;
  idNumber?: string | undefined;
  orgKind?: string | undefined;
  uscc?: string | undefined;
  legalRepresentative?: string | undefined;
  contactPerson?: string | undefined;
  phone: string;
  address?: string | undefined;
  postcode?: string | undefined;
  email?: string | undefined;
  provisionForm: string;
  delivery: string;
};

/** Cross-field rules; `today` is yyyymmdd. */
export function checkApplication(v: ApplicationLike, today: number, ctx: z.RefinementCtx): void {
  const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (v.applicantKind === 'person') {
    if (!v.idType) problem('idType', '请选择证件类型');
    if (!v.idNumber) problem('idNumber', '请填写证件号码');
    else if (v.idType === 'resident_id' && !isValidIdCard18(v.idNumber.toUpperCase(), today)) {
      problem('idNumber', '居民身份证号码不正确（应为18位，末位校验码须符合 GB 11643）');
    } else if (v.idType !== 'resident_id' && !/^[A-Za-z0-9()（）-]{5,30}$/.test(v.idNumber)) problem('idNumber', '证件号码格式不正确');
  } else {
    if (!v.orgKind) problem('orgKind', '请选择法人或其他组织的类型');
    if (!v.uscc) problem('uscc', '请填写统一社会信用代码');
    else if (!isValidUscc(v.uscc.toUpperCase())) problem('uscc', '统一社会信用代码不正确（18位，末位校验码须符合 GB 32100）');
    if (!v.legalRepresentative) problem('legalRepresentative', '请填写法定代表人或负责人');
    if (!v.contactPerson) problem('contactPerson', '请填写联系人');
  }
  if (!mobileOrLandline.test(v.phone.replace(/\s/g, ''))) problem('phone', '联系电话格式不正确（手机号11位，或区号-座机号）');
  if (v.email !== undefined && !email.test(v.email)) problem('email', '电子邮箱格式不正确');
  if (v.postcode !== undefined && !/^\d{6}$/.test(v.postcode)) problem('postcode', '邮政编码应为6位数字');
  if ((v.delivery === 'email' || v.provisionForm === 'email') && !v.email) problem('email', '选择电子邮件方式的，请填写电子邮箱');
  if (v.delivery === 'mail' && !v.address) problem('address', '选择邮寄的，请填写通信地址');
}

/** The public portal form: the application plus the anti-abuse fields. */
export function onlineApplicationSchema(today: number) {
  return z
    .object({
      ...applicationShape(),
      /** Signed form token (CSRF for anonymous forms). */
      formToken: z.string({ error: '表单已失效，请刷新页面后重新填写' }).max(300),
      /** Honeypot: people leave it empty. */
      website: z.string().max(500).optional(),
      /** 申请人承诺 (checkbox, value 1). */
      confirm: z.string().max(10).optional(),
    })
    .superRefine((v, ctx) => {
      checkApplication(v, today, ctx);
      if (v.confirm !== '1') ctx.addIssue({ code: 'custom', path: ['confirm'], message: '请确认所填信息真实有效' });
    });
}
export type OnlineApplicationInput = z.infer<ReturnType<typeof onlineApplicationSchema>>;

/** Staff registration of an application that arrived on paper, in person, by fax or e-mail (POST /api/requests). */
export function registerRequestSchema(today: number) {
  return z
    .object({
      ...applicationShape(),
      /** Agency the application is addressed to. */
      agencyId: z.string().uuid('单位编号格式不正确'),
      /** How it arrived (not `online`: online applications come through the portal). */
      channel: choice(channels, '请选择申请渠道').refine((c) => c !== 'online', '在线申请由申请人通过门户提交'),
      /** 收到申请之日 under 条例第31条 (signed for, confirmed …). */
      receivedOn: isoDate('请填写收到申请之日'),
      /** 承办人 (a handler of the agency). */
      handlerId: z.string().uuid('承办人编号格式不正确').nullish(),
      /** B角承办人. */
      backupHandlerId: z.string().uuid('承办人编号格式不正确').nullish(),
    })
    .strict()
    .superRefine((v, ctx) => {
      checkApplication(v, today, ctx);
      const t = `${String(today).slice(0, 4)}-${String(today).slice(4, 6)}-${String(today).slice(6, 8)}`;
      if (v.receivedOn > t) ctx.addIssue({ code: 'custom', path: ['receivedOn'], message: '收到申请之日不能晚于今天' });
      if (v.handlerId && v.handlerId === v.backupHandlerId) ctx.addIssue({ code: 'custom', path: ['backupHandlerId'], message: 'B角承办人不能与承办人相同' });
    });
}
export type RegisterRequestInput = z.infer<ReturnType<typeof registerRequestSchema>>;

/** Ledger filters (GET /api/requests). */
export const listQuerySchema = z
  .object({
    /** Restrict to one agency. */
    agencyId: z.string().uuid().optional(),
    /** Restrict to one state. */
    state: z.enum(requestStates).optional(),
    /** true: open and past the due date. */
    overdue: z.enum(['true', 'false']).optional(),
    /** Open requests due on or before this date. */
    dueBefore: isoDate('日期格式应为 YYYY-MM-DD').optional(),
    /** true: open, running, due today or within 3 working days (即将到期; ledger.ts). */
    dueSoon: z.enum(['true', 'false']).optional(),
    /** Handled by this user (as 承办人 or B岗). */
    handlerId: z.string().uuid('编号格式不正确').optional(),
    /** Received on or after / on or before (收到日期). */
    receivedFrom: isoDate('日期格式应为 YYYY-MM-DD').optional(),
    receivedTo: isoDate('日期格式应为 YYYY-MM-DD').optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListQuery = z.infer<typeof listQuerySchema>;

const lockVersion = z.number({ error: '必填' }).int().min(0);
const on = isoDate('请填写日期');
const note = z.string().trim().max(2000).optional();

/** Bodies of the action routes (POST /api/requests/:id/<action>). */
export const actionSchemas = {
  accept: z.object({ lockVersion, on, note }).strict(),
  askCorrection: z
    .object({
      lockVersion,
      on,
      /** 需要补正的事项. */
      items: z.string().trim().min(2, '请写明需要补正的事项').max(2000),
      /** 合理的补正期限 in working days (第30条). */
      periodDays: z.number().int().min(1, '补正期限至少1个工作日').max(60, '补正期限最长60个工作日'),
    })
    .strict(),
  receiveCorrection: z.object({ lockVersion, on, note }).strict(),
  extend: z
    .object({
      lockVersion,
      on,
      /** Working days, at most 20 in total (第33条第2款). */
      days: z.number().int().min(1).max(20, '延期最长20个工作日'),
      /** The head of the disclosure office who approved it: a user of the agency who may approve (审批人 or 管理员). */
      approvedBy: z.string({ error: '请选择批准延期的负责人' }).uuid('请选择批准延期的负责人'),
      /** The day the applicant was notified. */
      noticeOn: on,
      reason: z.string().trim().min(2, '请填写延期理由').max(1000),
    })
    .strict(),
  startConsultation: z
    .object({
      lockVersion,
      on,
      /** third_party (第32条) | organ (第34条). */
      party: z.enum(['third_party', 'organ']),
      /** Who is consulted. */
      consulted: z.string().trim().min(2, '请填写征求意见的对象').max(200),
    })
    .strict(),
  endConsultation: z.object({ lockVersion, on, note }).strict(),
  feeNotice: z
    .object({
      lockVersion,
      on,
      /** 信息处理费 in yuan: at most the amount computed under 109号 (fees.ts), less is a waiver. */
      amount: z.number().int().min(1).max(1_000_000),
      /** per_item (按件) | per_page (按量), 国办函〔2020〕109号第3条. */
      method: z.enum(['per_item', 'per_page']),
      /** 按件: how many 件 this application counts (一事一申请, default 1). */
      items: z.number().int().min(1).max(1000).optional(),
      /** 按量: pages provided (required for per_page). */
      pages: z.number().int().min(1).max(1_000_000).optional(),
      periodDays: z.number().int().min(1).max(60).default(20),
    })
    .strict()
    .superRefine((v, ctx) => {
      if (v.method === 'per_page' && v.pages === undefined) ctx.addIssue({ code: 'custom', path: ['pages'], message: '按量计收须填写页数' });
      if (v.method === 'per_item' && v.pages !== undefined) ctx.addIssue({ code: 'custom', path: ['pages'], message: '按件计收不填页数（同一申请只能选一种方式）' });
      if (v.method === 'per_page' && v.items !== undefined) ctx.addIssue({ code: 'custom', path: ['items'], message: '按量计收不填件数（同一申请只能选一种方式）' });
    }),
  feePaid: z.object({ lockVersion, on, note }).strict(),
  reply: z
    .object({
      lockVersion,
      on,
      /** The annual-report row of the result. */
      outcome: z.enum(replyOutcomes as unknown as [string, ...string[]]),
      /** Reasons shown in the reply letter. */
      note: z.string().trim().max(4000).optional(),
    })
    .strict(),
  submitForApproval: z
    .object({
      lockVersion,
      on,
      /** The proposed outcome (the annual-report row); the reply letter preview uses it. */
      outcome: z.enum(replyOutcomes as unknown as [string, ...string[]]),
      /** The proposed reasons (shown in the reply letter). */
      note: z.string().trim().max(4000).optional(),
    })
    .strict(),
  approve: z
    .object({
      lockVersion,
      /** The day of 审批 and of the reply it sends. */
      on,
      /** The approver's remarks (not in the letter). */
      comment: z.string().trim().max(2000).optional(),
    })
    .strict(),
  returnForRevision: z.object({ lockVersion, on, reason: z.string().trim().min(2, '请填写退回理由').max(2000) }).strict(),
  deliver: z
    .object({
      lockVersion,
      on,
      /** 送达方式: mail | email | pickup | online. */
      method: z.enum(deliveries),
      note,
    })
    .strict(),
  archive: z.object({ lockVersion, on, note }).strict(),
  withdraw: z.object({ lockVersion, on, reason: z.string().trim().min(2, '请填写撤回情况').max(1000) }).strict(),
  deemWithdrawn: z.object({ lockVersion, on, note }).strict(),
} as const;

/** Public status lookup (portal). */
export const statusLookupSchema = z.object({
  trackingNo: z.preprocess(blankToUndefined, z.string({ error: '请填写受理编号' }).max(20)),
  queryCode: z.preprocess(blankToUndefined, z.string({ error: '请填写查询码' }).max(40)),
});

/** POST /api/requests/:id/assign: the agency admin names the handler and the backup (AB岗). */
export const assignSchema = z
  .object({
    lockVersion,
    handlerId: z.string({ error: '请选择承办人' }).uuid('请选择承办人'),
    backupHandlerId: z.string({ error: '请选择B角承办人' }).uuid('请选择B角承办人'),
    reason: z.string({ error: '请填写调整理由' }).trim().min(2, '请填写调整理由').max(500),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.handlerId === v.backupHandlerId) ctx.addIssue({ code: 'custom', path: ['backupHandlerId'], message: 'B角承办人不能与承办人相同' });
  });
export type AssignInput = z.infer<typeof assignSchema>;

/** GET /api/requests/:id/fee-quote: the 109号 computation for the fee-notice form. */
export const feeQuoteSchema = z
  .object({
    method: z.enum(['per_item', 'per_page'], { error: '请选择计收方式' }),
    items: z.coerce.number().int().min(1).max(1000).optional(),
    pages: z.coerce.number().int().min(1).max(1_000_000).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.method === 'per_page' && v.pages === undefined) ctx.addIssue({ code: 'custom', path: ['pages'], message: '按量计收须填写页数' });
  });

/** GET/PUT /api/requests/settings. */
export const settingsQuerySchema = z.object({ agencyId: z.string().uuid('单位编号格式不正确') }).strict();
export const settingsSchema = z.object({ agencyId: z.string().uuid('单位编号格式不正确'), approvalRequired: z.boolean({ error: '请选择是否需要审批' }) }).strict();
