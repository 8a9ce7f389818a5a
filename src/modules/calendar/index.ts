/** The calendar module's public face: working days, holidays and 调休 (pure + data) and the administrator-entered years. */
export { isIsoDate, addDays, daysBetween, weekday, isWeekend, type IsoDate } from './dates.ts';
export { buildCalendar, isKnownYear, shippedCalendar, shippedSchedules, type Calendar, type ListedDay, type ScheduleDay, type YearSchedule } from './calendar.ts';
export {
  addWorkingDays,
  countWorkingDays,
  dayInfo,
  explainDeadline,
  isWorkingDay,
  unknownYearsWarning,
  yearDays,
  type DayInfo,
  type DeadlineExplanation,
  type DeadlineStep,
  type SkippedHoliday,
  type WorkingDayCount,
  type WorkingDayResult,
} from './working-days.ts';
export { checkYearSchedule, type YearScheduleInput } from './year-schedule.ts';
export {
  addCalendarYear,
  getCalendarYear,
  listCalendarYears,
  loadCalendar,
  type CalendarYearDetail,
  type CalendarYearSummary,
} from './calendar.service.ts';
export { canEditCalendar } from './calendar.policy.ts';
export { registerCalendarRoutes } from './calendar.routes.ts';
