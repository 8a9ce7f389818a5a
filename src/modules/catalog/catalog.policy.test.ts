import { describe, expect, it } from 'vitest';
import type { Actor } from '../accounts/index.ts';
import { canCatalog } from './catalog.policy.ts';

const A = 'agency-a';
const actor = (roles: string[], globalRole: Actor['globalRole'] = null, agencyId = A): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  globalRole,
  mustChangePassword: false,
  memberships: roles.length ? [{ agencyId, roles: roles as Actor['memberships'][0]['roles'], steps: [] }] : [],
});

describe('canCatalog', () => {
  it.each<[string, Actor, boolean, boolean]>([
    ['admin', actor(['admin']), true, true],
    ['drafter', actor(['drafter']), true, false],
    ['reviewer', actor(['reviewer']), true, false],
    ['auditor', actor(['auditor']), true, false],
    ['sysadmin', actor([], 'sysadmin'), true, true],
    ['supervisor', actor([], 'supervisor'), true, false],
    ['admin of another agency', actor(['admin'], null, 'agency-b'), false, false],
    ['nobody', actor([]), false, false],
  ])('%s', (_name, a, read, edit) => {
    expect(canCatalog(a, 'read', A)).toBe(read);
    expect(canCatalog(a, 'edit', A)).toBe(edit);
  });
});
