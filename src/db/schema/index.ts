/** The whole Drizzle schema: the source of truth from which drizzle-kit writes migrations. */
export * from './agencies.ts';
export * from './accounts.ts';
export * from './audit.ts';
export * from './publishing.ts';
export * from './system.ts';
export * from './calendar.ts';
export * from './requests.ts';
export * from './catalog.ts';
export * from './staffing.ts';
export * from './privacy.ts';
export * from './feedback.ts';
export * from './reports.ts';
export * from './notifications.ts';
export * from './training.ts';
