/** Query schemas of the dashboard routes (messages in Chinese). */
import { z } from 'zod';

const year = z.coerce.number({ error: '年份不正确' }).int('年份不正确').min(2000, '年份不正确').max(2100, '年份不正确').optional();

/** GET /api/dashboard. */
export const dashboardQuerySchema = z
  .object({
    /** The agency. */
    agencyId: z.string({ error: '请选择单位' }).uuid('单位编号格式不正确'),
    /** Calendar year (China dates); default this year. */
    year,
  })
  .strict();

/** GET /api/dashboard/county. */
export const countyQuerySchema = z.object({ year }).strict();

/** The figures a drill-down can open (docs/modules/dashboard.md §Drill-down says what `key` each takes). */
export const drillMetrics = [
  'published',
  'published-area',
  'ontime',
  'requests',
  'requests-state',
  'requests-outcome',
  'requests-open',
  'requests-overdue',
  'feedback',
  'feedback-kind',
  'feedback-status',
  'feedback-answered',
  'feedback-answered-on-time',
  'feedback-rated',
  'feedback-overdue',
] as const;
export type DrillMetric = (typeof drillMetrics)[number];

/** GET /api/dashboard/drill. */
export const drillQuerySchema = z
  .object({
    agencyId: z.string({ error: '请选择单位' }).uuid('单位编号格式不正确'),
    year,
    metric: z.enum(drillMetrics, { error: '统计项不正确' }),
    /** Month 1–12, area id or `none`, state, outcome, kind, status, `[areaId:]ledgerStatus` — or nothing for the whole figure. */
    key: z.string().max(80, '分组不正确').optional(),
  })
  .strict();
