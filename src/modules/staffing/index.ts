/** The staffing module's public face: AB posts, leave, handover and the disabled-account invariant. */
export { currentHolder, dutyProblems, isOnLeave, dutyKinds, dutyKindNames, type CurrentHolder, type DutyHolders, type LeavePeriod, type DutyKind } from './posts.ts';
export { listPosts, setDuty, createLeave, loadAgencyPosts } from './posts.service.ts';
export { buildChecklist, startHandover, signHandover, approveHandover, rejectHandover, cancelHandover, getHandover, listOpenHandovers, previewHandover, checkAssignments, checkAssignmentsFor, listHandovers, type AssignmentProblem } from './handover.service.ts';
export { registerStaffingRoutes } from './staffing.routes.ts';
export { handoverRemindersJob, remindHandovers } from './handover-reminders.job.ts';
