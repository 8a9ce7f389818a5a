/**
 * Who may do what with an agency's catalog and ledger. Members of the agency, supervisors and
 * sysadmins read; the agency's administrator (a sysadmin counts) edits and imports.
 */
import { canReadAgency, hasRole, type Actor } from '../accounts/index.ts';

export type CatalogAction = 'read' | 'edit';

/** true when `actor` may do `action` with the catalog of `agencyId`. */
export function canCatalog(actor: Actor, action: CatalogAction, agencyId: string): boolean {
  switch (action) {
    case 'read':
      return canReadAgency(actor, agencyId);
    case 'edit':
      return hasRole(actor, agencyId, 'admin');
  }
}
