/** Holiday schedules an administrator entered (years after the ones shipped with the software). */
import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/** One listed day: `working: true` is a 调休上班 day, `false` a holiday rest day. */
export interface CalendarDayJson {
  date: string;
  working: boolean;
  name: string;
}

export const calendarYears = pgTable('calendar_years', {
  /** Year in the notice's title, e.g. 2027. */
  year: integer('year').primaryKey(),
  /** Citation of the State Council notice: title, 文号, date. */
  notice: text('notice').notNull(),
  /** Listed days of the year (may include the previous December). */
  days: jsonb('days').$type<CalendarDayJson[]>().notNull(),
  /** Who entered it; null when the system did. */
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
});
