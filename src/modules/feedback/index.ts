/** The feedback module's public face: 留言 / 建议 / 满意度评价, answers, statistics. */
export * from './model.ts';
export { portalFeedbackSchema, type PortalFeedbackInput } from './feedback.schemas.ts';
export { submitOnlineFeedback, listPublicAnswered, listPublicAnsweredForDocument, getFeedbackSettings } from './feedback.service.ts';
export type { PublicAnsweredFeedback } from './feedback.presenter.ts';
export { scoreSpam, spamThreshold, builtInBannedWords, type SpamScore } from './spam.ts';
export { computeStats } from './stats.ts';
export { registerFeedbackRoutes } from './feedback.routes.ts';
export { feedbackRemindersJob, remindFeedbackDeadlines } from './reminders.job.ts';
export { reassignFeedbackOnHandover, findFeedbackHeldByDisabled, findFeedbackHeldBy } from './feedback.service.ts';
