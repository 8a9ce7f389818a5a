/** Retry policy of the mail outbox (pure). */

/** Attempts before a mail is given up (status `failed`). */
export const MAX_MAIL_ATTEMPTS = 8;

/**
 * Delay before attempt `attempts + 1` after `attempts` failed ones: 1, 2, 4 … minutes, at most
 * 6 hours, so a mail server down for a night is caught up in the morning without hammering it.
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts) * 60_000, 6 * 3600_000);
}

/** Whether a mail that failed its `attempts`-th attempt is given up. */
export function givesUp(attempts: number): boolean {
  return attempts >= MAX_MAIL_ATTEMPTS;
}
