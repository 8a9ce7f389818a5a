/**
 * Use cases of the working-day calendar: load the calendar (shipped years plus the years an
 * administrator entered), list and show years, add a year from a new State Council notice.
 */
import type { Db, Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAudit, type AuditActor } from '../audit/index.ts';
import { buildCalendar, shippedSchedules, type Calendar, type YearSchedule } from './calendar.ts';
import { yearDays, type DayInfo } from './working-days.ts';
import { checkYearSchedule, toYearSchedule, type YearScheduleInput } from './year-schedule.ts';
import * as repo from './calendar.repository.ts';

/** A year's schedule as the API lists it. */
export interface CalendarYearSummary {
  year: number;
  notice: string;
  /** `shipped` with the software, `admin` entered by an administrator. */
  source: 'shipped' | 'admin';
  /** gov.cn pages of the notice, when known. */
  papers: string[];
  /** Rest days the notice lists. */
  offDays: number;
  /** 调休上班 days the notice lists. */
  makeUpDays: number;
  /** When an administrator entered it (null for shipped years). */
  createdAt: string | null;
  /** Who entered it (user id; null for shipped years or the system). */
  createdBy: string | null;
}

/** Every day of one year with the schedule it rests on. */
export interface CalendarYearDetail {
  year: number;
  /** false when no schedule exists: days follow plain weekends. */
  known: boolean;
  notice: string | null;
  source: 'shipped' | 'admin' | null;
  /** Working days in the year. */
  workingDays: number;
  days: DayInfo[];
  /** [year] when the year has no schedule. */
  unknownYears: number[];
}

function rowToSchedule(row: repo.CalendarYearRow): YearSchedule {
  return { year: row.year, notice: row.notice, papers: [], days: row.days, source: 'admin' };
}

/** The calendar: shipped schedules plus the years an administrator entered (an entered year replaces a shipped one of the same year). */
export async function loadCalendar(db: Executor): Promise<Calendar> {
  const rows = await repo.findAll(db);
  return buildCalendar([...shippedSchedules, ...rows.map(rowToSchedule)]);
}

function summarize(s: YearSchedule, row?: repo.CalendarYearRow): CalendarYearSummary {
  return {
    year: s.year,
    notice: s.notice,
    source: s.source,
    papers: s.papers,
    offDays: s.days.filter((d) => !d.working).length,
    makeUpDays: s.days.filter((d) => d.working).length,
    createdAt: row ? new Date(row.createdAt).toISOString() : null,
    createdBy: row?.createdBy ?? null,
  };
}

/** Every year with a schedule, ascending. */
export async function listCalendarYears(db: Executor): Promise<CalendarYearSummary[]> {
  const rows = await repo.findAll(db);
  const byYear = new Map(rows.map((r) => [r.year, r]));
  const calendar = buildCalendar([...shippedSchedules, ...rows.map(rowToSchedule)]);
  return calendar.schedules.map((s) => summarize(s, byYear.get(s.year)));
}

/** Every day of `year` (plain weekends and `known: false` when the year has no schedule). */
export async function getCalendarYear(db: Executor, year: number): Promise<CalendarYearDetail> {
  const calendar = await loadCalendar(db);
  const schedule = calendar.schedules.find((s) => s.year === year);
  const { known, days, unknownYears } = yearDays(year, calendar);
  return {
    year,
    known,
    notice: schedule?.notice ?? null,
    source: schedule?.source ?? null,
    workingDays: days.filter((d) => d.working).length,
    days,
    unknownYears,
  };
}

/**
 * Enters a year's schedule from a new State Council notice. Refuses a year that is already
 * known (shipped or entered) and a schedule that breaks the rules of `checkYearSchedule`;
 * writes the audit row in the same transaction.
 */
export async function addCalendarYear(db: Db, actor: AuditActor, input: YearScheduleInput): Promise<CalendarYearSummary> {
  return db.transaction(async (tx) => {
    const calendar = await loadCalendar(tx);
    const existing = calendar.schedules.find((s) => s.year === input.year);
    if (existing) {
      const message = existing.source === 'shipped' ? `${input.year} 年放假安排已随系统提供，无需录入` : `${input.year} 年放假安排已录入（${existing.notice}）`;
      throw new AppError('CONFLICT', { message, reason: 'CALENDAR_YEAR_EXISTS', details: { fields: { year: '已存在' } } });
    }
    const problems = checkYearSchedule(input, calendar);
    const first = Object.values(problems)[0];
    if (first) throw new AppError('VALIDATION', { message: `放假安排有误：${first}`, reason: 'CALENDAR_INVALID', details: { fields: problems } });
    const schedule = toYearSchedule(input);
    const row = await repo.insertIfAbsent(tx, { year: schedule.year, notice: schedule.notice, days: schedule.days, createdBy: actor.userId });
    if (!row) throw new AppError('CONFLICT', { message: `${input.year} 年放假安排已由他人同时录入，请刷新后查看`, reason: 'CALENDAR_YEAR_EXISTS', details: { fields: { year: '已存在' } } });
    await recordAudit(tx, actor, {
      agencyId: null,
      action: 'calendar.addYear',
      entityType: 'calendarYear',
      entityId: String(schedule.year),
      after: { year: schedule.year, notice: schedule.notice, days: schedule.days },
    });
    return summarize(schedule, row);
  });
}
