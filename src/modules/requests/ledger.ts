/**
 * The 台账 (ledger): the filters shared by GET /api/requests and its XLSX export, and the
 * export's rows. 即将到期 = open and due between today and 3 working days from today (the same
 * window as the reminders, reminders.ts); 已逾期 = open and due before today. Filters read the
 * cached `due_on`; every row's clock is derived afresh from its events and the calendar.
 */
import type { Executor } from '../../db/client.ts';
import { forbidden } from '../../lib/errors.ts';
import { canReadAgency, readableAgencies, type Actor } from '../accounts/index.ts';
import { getAgency } from '../agencies/index.ts';
import { addWorkingDays, loadCalendar, type Calendar, type IsoDate } from '../calendar/index.ts';
import { deliveryNames, openStates, type Delivery } from './model.ts';
import { REMINDER_WORKING_DAYS } from './reminders.ts';
import { canSeeApplicant } from './requests.policy.ts';
import { presentApplicant, presentRequest } from './requests.presenter.ts';
import type { ListQuery } from './requests.schemas.ts';
import * as repo from './requests.repository.ts';
import { clockOf, today } from './requests.service.ts';
import { buildRequestLedgerWorkbook, type LedgerSheetRow } from './ledger-xlsx.ts';

export type LedgerFilters = Omit<ListQuery, 'page' | 'pageSize'>;

/** Most rows one export holds (a county's year is far below it). */
export const MAX_EXPORT_ROWS = 10_000;

const earlier = (a: IsoDate | undefined, b: IsoDate | undefined) => (a && b ? (a < b ? a : b) : (a ?? b));

/** The repository query of the ledger filters for this actor (403 for an agency they may not read). */
export function ledgerQuery(actor: Actor, q: LedgerFilters, day: IsoDate, calendar: Calendar, page: { limit: number; offset: number }): repo.LedgerQuery {
  let agencyIds = readableAgencies(actor);
  if (q.agencyId) {
    if (!canReadAgency(actor, q.agencyId)) throw forbidden('无权查看该单位的依申请公开台账');
    agencyIds = [q.agencyId];
  }
  const soon = q.dueSoon === 'true';
  return {
    agencyIds,
    state: q.state,
    openStates,
    dueBefore: q.overdue === 'true' ? day : undefined,
    dueOnOrBefore: soon ? earlier(q.dueBefore, addWorkingDays(day, REMINDER_WORKING_DAYS, calendar).date) : q.dueBefore,
    dueOnOrAfter: soon ? day : undefined,
    handlerId: q.handlerId,
    receivedFrom: q.receivedFrom,
    receivedTo: q.receivedTo,
    ...page,
  };
}

/** The ledger as an XLSX file; applicant columns only filled for rows whose agency lets the actor see applicants. */
export async function exportLedger(db: Executor, actor: Actor, q: LedgerFilters): Promise<{ filename: string; data: Buffer }> {
  const day = today();
  const calendar = await loadCalendar(db);
  const { rows } = await repo.findPage(db, ledgerQuery(actor, q, day, calendar, { limit: MAX_EXPORT_ROWS, offset: 0 }));
  const ids = rows.map((r) => r.id);
  const events = await repo.findEventsOf(db, ids);
  const names = await repo.findUserNames(db, [...new Set(rows.flatMap((r) => [r.handlerId, r.backupHandlerId]).filter((x): x is string => !!x))]);
  const applicants = await repo.findApplicantsOf(db, rows.filter((r) => canSeeApplicant(actor, r.agencyId)).map((r) => r.id));
  const withApplicant = rows.some((r) => canSeeApplicant(actor, r.agencyId));
  const sheet: LedgerSheetRow[] = rows.map((r) => {
    const list = events.get(r.id) ?? [];
    const clock = clockOf(r, list, calendar, day);
    const p = presentRequest(r, names, clock);
    const replied = list.find((e) => e.kind === 'replied');
    const delivered = list.find((e) => e.kind === 'delivered');
    const method = delivered ? (delivered.data as { method?: string }).method : undefined;
    const a = applicants.get(r.id);
    const applicant = a ? presentApplicant(a) : null;
    return {
      trackingNo: r.trackingNo,
      receivedOn: r.receivedOn,
      channel: p.channelName,
      applicantKind: p.reportColumn,
      applicant: applicant ? { name: applicant.name, phone: applicant.phone, idNumber: applicant.idNumber ?? applicant.uscc ?? '' } : null,
      description: r.description,
      handler: p.handler?.displayName ?? '',
      backupHandler: p.backupHandler?.displayName ?? '',
      state: p.stateName,
      dueOn: clock.dueOn ?? (clock.phase === 'awaiting_correction' ? `待补正（补正期限 ${clock.correctionDeadline ?? ''}）` : ''),
      extensionDays: clock.extensionDays,
      pausedDays: clock.pauses.reduce((n, x) => n + x.workingDays, 0),
      repliedOn: replied?.on ?? '',
      outcome: p.outcomeName ?? '',
      overdue: clock.overdue ? '是（已超期未答复）' : clock.repliedLate ? '是（逾期答复）' : '否',
      delivery: delivered ? `${deliveryNames[method as Delivery] ?? method ?? ''} ${delivered.on}`.trim() : '',
    };
  });
  const agencyName = q.agencyId ? (await getAgency(db, q.agencyId)).name : '';
  const title = `${agencyName}政府信息依申请公开台账`;
  const data = await buildRequestLedgerWorkbook(`${title}（导出日期 ${day}）`, sheet, withApplicant);
  return { filename: `${title}-${day}.xlsx`, data };
}
