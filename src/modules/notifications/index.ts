/** The notifications module's public face: notify inside a transaction, the user's list, the mail outbox job. */
import type { Job } from '../../jobs/scheduler.ts';
import { sendOutbox } from './mailer.ts';

export { notify, mailText, type NotifyInput } from './notifications.service.ts';
export { sendOutbox, type OutboxResult } from './mailer.ts';
export { registerNotificationsRoutes } from './notifications.routes.ts';

/** Sends queued e-mail every minute (retries with backoff; skipped without GONGKAI_SMTP_URL). */
export const mailOutboxJob: Job = {
  id: 'notifications.sendMail',
  everyMs: 60_000,
  run: (ctx) => sendOutbox(ctx),
};
