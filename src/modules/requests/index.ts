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
export { countRequestsForReport, type RequestReportCounts, type ReportRequestItem } from './report-counts.ts';
