import { describe, expect, it } from 'vitest';
import type { Actor, AgencyRole, GlobalRole } from '../accounts/index.ts';
import { canAnswerFeedback, canConfigureFeedback, canReadFeedback, canSeeContact } from './feedback.policy.ts';

const A = 'agency-a';
const actor = (roles: AgencyRole[], globalRole: GlobalRole | null = null): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  globalRole,
  memberships: roles.length ? [{ agencyId: A, roles, steps: [] }] : [],
  mustChangePassword: false,
});

describe('feedback policy', () => {
  it.each([
    ['admin', actor(['admin']), true, true, true, true],
    ['drafter', actor(['drafter']), true, true, true, false],
    ['reviewer', actor(['reviewer']), true, false, false, false],
    ['auditor', actor(['auditor']), true, false, false, false],
    ['handler', actor(['handler']), true, false, false, false],
    ['supervisor', actor([], 'supervisor'), true, false, false, false],
    ['sysadmin', actor([], 'sysadmin'), true, true, false, true],
    ['outsider', actor([]), false, false, false, false],
  ])('%s: read %s answer %s contact %s configure %s', (_n, a, read, answer, contact, configure) => {
    expect(canReadFeedback(a, A)).toBe(read);
    expect(canAnswerFeedback(a, A)).toBe(answer);
    expect(canSeeContact(a, A)).toBe(contact);
    expect(canConfigureFeedback(a, A)).toBe(configure);
  });
});
