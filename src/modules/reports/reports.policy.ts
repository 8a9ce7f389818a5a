/**
 * Who may do what with an agency's annual report: members of the agency, supervisors and
 * sysadmins read (tables, drill-down, DOCX); the agency's administrator (a sysadmin counts)
 * enters figures and cases, edits the narrative and publishes.
 */
import { canReadAgency, hasRole, type Actor } from '../accounts/index.ts';

export type ReportAction = 'read' | 'edit' | 'publish';

/** true when `actor` may do `action` with the annual report of `agencyId`. */
export function canReport(actor: Actor, action: ReportAction, agencyId: string): boolean {
  switch (action) {
    case 'read':
      return canReadAgency(actor, agencyId);
    case 'edit':
    case 'publish':
      return hasRole(actor, agencyId, 'admin');
  }
}
