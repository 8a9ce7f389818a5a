/** Who may change the working-day calendar. */
import type { Actor } from '../accounts/index.ts';

/** Only a platform administrator enters a year's holiday schedule: it moves every statutory deadline of every agency. */
export function canEditCalendar(actor: Actor): boolean {
  return actor.globalRole === 'sysadmin';
}
