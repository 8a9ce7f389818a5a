/** zod inputs of the annual report generator's routes. */
import { z } from 'zod';
import { CASE_KINDS, CASE_RESULTS } from './compute.ts';

/** Route parameters `:agencyId/:year`. */
export const reportParams = z.object({
  /** The agency reported on. */
  agencyId: z.string().uuid('编号格式不正确'),
  /** The year reported on (条例 in force since 2008). */
  year: z.coerce.number().int().min(2008).max(2100),
});

const count = z.number().int('须为整数').min(0);
const row5 = z.array(count).length(5, '须为 5 个数：维持、纠正、其他、尚未审结、总计');

/** PUT …/figures: table 二 (五)(六)(八), and table 四 when entered directly. */
export const figuresSchema = z.strictObject({
  /** 行政许可 本年处理决定数量. */
  licensing: count,
  /** 行政处罚 本年处理决定数量. */
  penalties: count,
  /** 行政强制 本年处理决定数量. */
  enforcement: count,
  /** 行政事业性收费 本年收费金额（万元）, up to four decimals. */
  feesWan: z
    .number()
    .min(0)
    .max(1e9)
    .refine((v) => Math.abs(v * 10000 - Math.round(v * 10000)) < 1e-6, '最多 4 位小数'),
  /** Table 四 entered directly (five numbers per group, 总计 as entered), or null to count the recorded cases. */
  section4: z
    .strictObject({
      /** 行政复议. */
      reconsideration: row5,
      /** 行政诉讼 未经复议直接起诉. */
      litigationDirect: row5,
      /** 行政诉讼 复议后起诉. */
      litigationAfterReconsideration: row5,
    })
    .nullable()
    .default(null),
});
export type FiguresInput = z.infer<typeof figuresSchema>;

/** POST …/cases: one 行政复议 / 行政诉讼 case. */
export const caseSchema = z.strictObject({
  /** reconsideration | litigation_direct | litigation_after_reconsideration. */
  kind: z.enum(CASE_KINDS),
  /** upheld (维持) | corrected (纠正) | other (其他) | pending (尚未审结). */
  result: z.enum(CASE_RESULTS),
  /** 案号. */
  caseNo: z.string().trim().max(100).optional(),
  /** Short description. */
  summary: z.string().trim().max(500).default(''),
  /** Filing date YYYY-MM-DD. */
  filedOn: z.iso.date().optional(),
  /** The 依申请公开 request (of the same agency) the case is about. */
  requestId: z.string().uuid('编号格式不正确').nullable().optional(),
});
export type CaseInput = z.infer<typeof caseSchema>;

/** PUT …/narrative: sections 一、五、六 (paragraphs separated by line breaks, headings not included). */
export const narrativeSchema = z.strictObject({
  /** 一、总体情况. */
  overview: z.string().trim().min(1).max(50_000),
  /** 五、存在的主要问题及改进情况. */
  problems: z.string().trim().min(1).max(20_000),
  /** 六、其他需要报告的事项. */
  other: z.string().trim().min(1).max(20_000),
  /** lockVersion of the stored draft as read (0 when none was stored yet). */
  lockVersion: z.number().int().min(0),
});
export type NarrativeInput = z.infer<typeof narrativeSchema>;

/** GET /api/public/reports/:agencySlug/:year. */
export const publicReportParams = z.object({
  /** The agency's portal slug. */
  agencySlug: z.string().min(1).max(64),
  /** The year. */
  year: z.coerce.number().int().min(2008).max(2100),
});

/** `…/cases/:caseId`. */
export const caseParams = reportParams.extend({
  /** The case. */
  caseId: z.string().uuid('编号格式不正确'),
});

/** POST …/publish: empty the first time; `note` (更正说明) to re-publish a published report as a correction. */
export const publishSchema = z
  .strictObject({
    /** 更正说明, shown in the line 本报告于…更正. */
    note: z.string().trim().min(1, '请填写更正说明').max(500).optional(),
  })
  .default({});
export type PublishInput = z.infer<typeof publishSchema>;
