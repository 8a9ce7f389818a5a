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
