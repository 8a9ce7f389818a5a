/** Input schemas of the calendar routes. */
import { z } from 'zod';
import { isIsoDate } from './dates.ts';

/** One listed day of a schedule as entered. */
export const calendarDaySchema = z
  .object({
    /** 'YYYY-MM-DD'. */
    date: z.string().refine(isIsoDate, '日期应为有效的 YYYY-MM-DD'),
    /** true: 调休上班 (a make-up Saturday or Sunday); false: a holiday rest day. */
    working: z.boolean(),
    /** Holiday name, required for a rest day (元旦, 春节 …); defaults to 调休上班 for a working day. */
    name: z.string().trim().max(30).optional(),
  })
  .strict();

/** A new year's schedule from a State Council notice. */
export const addCalendarYearSchema = z
  .object({
    /** The year in the notice's title. */
    year: z.number().int().min(2000).max(2100),
    /** Citation of the notice: title, 文号, date (e.g. 国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）). */
    notice: z.string().trim().min(4).max(300),
    /** Every rest day and every 调休上班 day the notice lists (ordinary weekends are not listed). */
    days: z.array(calendarDaySchema).min(1).max(200),
  })
  .strict();

/** A year in a URL. */
export const yearParam = z.coerce.number().int('年份应为整数').min(1900, '年份应在 1900–2200 之间').max(2200, '年份应在 1900–2200 之间');
