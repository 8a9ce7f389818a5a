/**
 * The mail outbox sender: nodemailer over the SMTP server of GONGKAI_SMTP_URL. Each pending
 * mail is claimed (attempts + 1, next attempt pushed out by the backoff) before it is sent, so
 * two processes never send the same mail and a crash retries later. Without GONGKAI_SMTP_URL
 * pending mails are marked `skipped`: e-mail is off and nothing piles up to burst out later.
 */
import nodemailer from 'nodemailer';
import type { AppContext } from '../../context.ts';
import { now } from '../../lib/clock.ts';
import { givesUp, retryDelayMs } from './outbox-policy.ts';
import * as repo from './notifications.repository.ts';

/** Mails sent per run at most (the job runs every minute). */
const BATCH = 50;

export interface OutboxResult {
  sent: number;
  failed: number;
  skipped: number;
}

/** Sends the due mails of the outbox once. */
export async function sendOutbox(ctx: AppContext): Promise<OutboxResult> {
  const url = ctx.config.GONGKAI_SMTP_URL;
  if (!url) return { sent: 0, failed: 0, skipped: await repo.skipPendingMails(ctx.db, '未配置邮件服务器（GONGKAI_SMTP_URL）') };
  const due = await repo.findDueMails(ctx.db, now(), BATCH);
  if (!due.length) return { sent: 0, failed: 0, skipped: 0 };
  const transport = nodemailer.createTransport(url);
  const result: OutboxResult = { sent: 0, failed: 0, skipped: 0 };
  try {
    for (const mail of due) {
      const retryAt = new Date(now().getTime() + retryDelayMs(mail.attempts));
      if (!(await repo.claimMail(ctx.db, mail.id, mail.attempts, retryAt))) continue;
      try {
        await transport.sendMail({ from: ctx.config.GONGKAI_MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
        await repo.markMailSent(ctx.db, mail.id, now());
        result.sent++;
      } catch (err) {
        const giveUp = givesUp(mail.attempts + 1);
        await repo.markMailFailed(ctx.db, mail.id, String((err as Error).message ?? err), giveUp);
        ctx.log.warn({ err, mailId: mail.id, attempts: mail.attempts + 1, giveUp }, 'mail not sent');
        result.failed++;
      }
    }
  } finally {
    transport.close();
  }
  return result;
}
