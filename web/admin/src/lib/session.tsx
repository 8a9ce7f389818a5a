/**
 * The signed-in session as pages see it: the actor, the agencies they can see, the agency
 * chosen in the header, and what the actor may do there.
 */
import { createContext, useContext } from 'react';
import type { Actor, Agency, AgencyRole } from './types.ts';

/** What the actor may do in the current agency. */
export interface Permissions {
  isSysadmin: boolean;
  isSupervisor: boolean;
  /** Platform-wide role (sysadmin or supervisor). */
  isPlatform: boolean;
  roles: AgencyRole[];
  /** Review-chain step keys the actor decides in this agency. */
  steps: string[];
  canDraft: boolean;
  canReview: boolean;
  /** Manage users and agency settings. */
  canAdmin: boolean;
  canReadAudit: boolean;
  canVerifyAudit: boolean;
}

/** Computes {@link Permissions} of `actor` in agency `agencyId`. */
export function permissionsOf(actor: Actor, agencyId: string | null): Permissions {
  const m = actor.memberships.find((x) => x.agencyId === agencyId);
  const roles = m?.roles ?? [];
  const isSysadmin = actor.globalRole === 'sysadmin';
  const isSupervisor = actor.globalRole === 'supervisor';
  const canAdmin = isSysadmin || roles.includes('admin');
  return {
    isSysadmin,
    isSupervisor,
    isPlatform: isSysadmin || isSupervisor,
    roles,
    steps: m?.steps ?? [],
    canDraft: roles.includes('drafter'),
    canReview: roles.includes('reviewer'),
    canAdmin,
    canReadAudit: canAdmin || roles.includes('auditor') || isSupervisor,
    canVerifyAudit: isSysadmin || isSupervisor,
  };
}

export interface SessionValue {
  actor: Actor;
  /** Agencies the actor may read (GET /api/agencies). */
  agencies: Agency[];
  /** The agency chosen in the header. */
  agency: Agency | null;
  setAgencyId(id: string): void;
  /** Fetches the agency list again (after creating or renaming one). */
  reloadAgencies(): void;
  /** Fetches the session again (after a password change). */
  refreshSession(): Promise<void>;
  logout(): Promise<void>;
  can: Permissions;
}

export const SessionContext = createContext<SessionValue | null>(null);

/** The session; only used below the signed-in shell. */
export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the signed-in shell');
  return s;
}
