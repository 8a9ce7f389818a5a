/** The training module's public face: work manual, pre-post courses and tests, the role gate. */
export { gateMemberships } from './gate.ts';
export { upsertSetting as setRequireTraining } from './training.repository.ts';
export { manualSections, manualScreens, builtinSection, type ManualSection, type ManualScreen } from './manual.ts';
export { courseRoles, gatedRoles, type CourseRole } from './questions.ts';
export { registerTrainingRoutes } from './training.routes.ts';
export { getSettings as getTrainingSettings } from './training.service.ts';
