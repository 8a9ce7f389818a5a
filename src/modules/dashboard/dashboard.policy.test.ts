import { describe, expect, it } from 'vitest';
import type { Actor } from '../accounts/index.ts';
import { canViewDashboard, countyAgencies } from './dashboard.policy.ts';

const county = { id: 'c', parentId: null };
const town = { id: 't', parentId: 'c' };
const other = { id: 'o', parentId: null };
const all = [county, town, other];
const actor = (globalRole: Actor['globalRole'], memberships: Actor['memberships'] = []): Actor => ({ userId: 'u', username: 'u', displayName: 'u', globalRole, memberships, mustChangePassword: false });
const member = (agencyId: string, roles: Actor['memberships'][number]['roles']) => actor(null, [{ agencyId, roles, steps: [] }]);

describe('dashboard policy', () => {
  it('lets readers of the agency and admins of its parent see its dashboard', () => {
    expect(canViewDashboard(member('t', ['handler']), town)).toBe(true);
    expect(canViewDashboard(member('c', ['admin']), town)).toBe(true);
    expect(canViewDashboard(member('c', ['drafter']), town)).toBe(false);
    expect(canViewDashboard(member('t', ['admin']), county)).toBe(false);
    expect(canViewDashboard(actor('supervisor'), other)).toBe(true);
    expect(canViewDashboard(member('o', ['admin']), town)).toBe(false);
  });

  it('gives the county view to platform roles (all), admins (own + children), nobody else', () => {
    expect(countyAgencies(actor('supervisor'), all)?.map((a) => a.id)).toEqual(['c', 't', 'o']);
    expect(countyAgencies(actor('sysadmin'), all)?.map((a) => a.id)).toEqual(['c', 't', 'o']);
    expect(countyAgencies(member('c', ['admin']), all)?.map((a) => a.id)).toEqual(['c', 't']);
    expect(countyAgencies(member('t', ['admin']), all)?.map((a) => a.id)).toEqual(['t']);
    expect(countyAgencies(member('c', ['drafter', 'reviewer']), all)).toBeNull();
  });
});
