/** The requests module's public face: 依申请公开 intake, statutory clock, outcomes and the ledger. */
export { computeClock, REPLY_WORKING_DAYS, CORRECTION_NOTICE_WORKING_DAYS, MAX_EXTENSION_WORKING_DAYS, CONSULTATION_WORKING_DAYS, type ClockEvent, type ClockPause, type RequestClock } from './clock.ts';
export * from './model.ts';
export { onlineApplicationSchema, statusLookupSchema, dayNumber, type OnlineApplicationInput } from './requests.schemas.ts';
export {
  issueFormToken,
  lookupPublicStatus,
  recomputeDueDates,
  submitOnlineRequest,
  today,
  verifyFormToken,
} from './requests.service.ts';
export { canSeeApplicant } from './requests.policy.ts';
export { registerRequestsRoutes, actionPath } from './requests.routes.ts';
export { countRequestsForReport, describeRequestsForReport, findRequestOfAgency, type RequestReportCounts, type ReportRequestItem, type ReportRequestRecord } from './report-counts.ts';
export { listPublicLetters, getPublicLetter } from './letters/letters.service.ts';
export { findPendingCorrection, submitOnlineCorrection, type PendingCorrection, type CorrectionResult } from './online-correction.ts';
export { PORTAL_FILE_MAX_BYTES, MAX_CORRECTION_FILES, intakeFileKinds, intakeKindNames, type IntakeFileKind } from './intake-files.ts';
export type { UploadedFile } from './requests.service.ts';
export { readUploads, type UploadedPart } from './uploads.ts';
export { letterKinds, letterNames, type LetterKind } from './letters/templates.ts';
export { selectReminders, REMINDER_WORKING_DAYS, reminderKinds, type Reminder, type ReminderKind } from './reminders.ts';
export { remindDeadlines, requestRemindersJob } from './reminders.job.ts';
export { findRequestsHeldBy, reassignRequestsOnHandover, findRequestsHeldByDisabled, type HeldRequest } from './handover.ts';
export { getSettings as getRequestSettings } from './procedure.ts';
