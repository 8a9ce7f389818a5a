/**
 * Who sees which dashboard. Pure. An agency's dashboard: every reader of the agency (members,
 * supervisors, sysadmins) and the administrators of its parent agency (the county government
 * looks after its townships, agencies.parentId). The county view: supervisors and sysadmins see
 * every agency; an agency administrator sees that agency and its children (the rule of the
 * annual reports' county view); anyone else is refused.
 */
import { canReadAgency, hasRole, type Actor } from '../accounts/index.ts';

interface AgencyRef {
  id: string;
  parentId: string | null;
}

/** true when the actor may see the agency's dashboard. */
export function canViewDashboard(actor: Actor, agency: AgencyRef): boolean {
  return canReadAgency(actor, agency.id) || (agency.parentId !== null && hasRole(actor, agency.parentId, 'admin'));
}

/** The agencies of the county view for the actor, or null when the actor may not see it at all. */
export function countyAgencies<A extends AgencyRef>(actor: Actor, all: A[]): A[] | null {
  if (actor.globalRole) return all;
  const admin = new Set(all.filter((a) => hasRole(actor, a.id, 'admin')).map((a) => a.id));
  if (admin.size === 0) return null;
  return all.filter((a) => admin.has(a.id) || (a.parentId !== null && admin.has(a.parentId)));
}
