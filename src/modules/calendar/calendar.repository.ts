/** Database access of administrator-entered holiday schedules. */
import { asc } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { calendarYears } from '../../db/schema/index.ts';

export type CalendarYearRow = typeof calendarYears.$inferSelect;

/** Every entered year, ascending. */
export async function findAll(tx: Executor): Promise<CalendarYearRow[]> {
  return tx.select().from(calendarYears).orderBy(asc(calendarYears.year));
}

/** Inserts a year; undefined when the year exists already (a concurrent insert won). */
export async function insertIfAbsent(tx: Executor, values: typeof calendarYears.$inferInsert): Promise<CalendarYearRow | undefined> {
  return (await tx.insert(calendarYears).values(values).onConflictDoNothing({ target: calendarYears.year }).returning())[0];
}
