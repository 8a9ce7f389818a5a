import { describe, expect, it } from 'vitest';
import type { Actor, AgencyRole, GlobalRole } from '../accounts/index.ts';
import { canAnswerFeedback, canAssignFeedback, canConfigureFeedback, canHandleFeedback, canHideFeedback, canReadFeedback, canSeeContact, canSeeContactOf } from './feedback.policy.ts';

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

describe('承办人, assignment and 撤下公开', () => {
  it('the 承办人 handles their item and sees its contact, not others; only admins reassign; moderators hide', () => {
    const rev = actor(['reviewer']);
    expect(canHandleFeedback(rev, A, 'u')).toBe(true);
    expect(canSeeContactOf(rev, A, 'u')).toBe(true);
    expect(canHandleFeedback(rev, A, 'someone-else')).toBe(false);
    expect(canHandleFeedback(rev, A, null)).toBe(false);
    expect(canHandleFeedback(actor([]), A, 'u')).toBe(false); // not a member (any more)
    expect(canAssignFeedback(actor(['admin']), A)).toBe(true);
    expect(canAssignFeedback(actor(['drafter']), A)).toBe(false);
    expect(canHideFeedback(actor(['drafter']), A)).toBe(true);
    expect(canHideFeedback(rev, A)).toBe(false);
    expect(canHideFeedback(actor(['auditor']), A)).toBe(false);
  });
});
