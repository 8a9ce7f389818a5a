import { describe, expect, it } from 'vitest';
import { givesUp, MAX_MAIL_ATTEMPTS, retryDelayMs } from './outbox-policy.ts';

describe('mail outbox retry policy', () => {
  it('backs off exponentially from one minute and caps at six hours', () => {
    expect([0, 1, 2, 3].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(20)).toBe(6 * 3600_000);
  });
  it('gives up after the last attempt only', () => {
    expect(givesUp(MAX_MAIL_ATTEMPTS - 1)).toBe(false);
    expect(givesUp(MAX_MAIL_ATTEMPTS)).toBe(true);
  });
});
