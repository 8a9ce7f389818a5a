/**
 * Rows → API shapes, fields chosen one by one. The applicant's personal data has its own
 * presenter and is only attached by the service for an actor `canSeeApplicant` allows; the
 * public status view carries no personal data and no description of the information wanted.
 */
import type { ApplicantJson } from '../../db/schema/index.ts';
import type { RequestClock } from './clock.ts';
import {
  channelInfo,
  deliveryNames,
  eventNames,
  idTypeNames,
  outcomeInfo,
  provisionFormNames,
  reportColumnOf,
  stateNames,
  type ApplicantKind,
  type Channel,
  type Delivery,
  type EventKind,
  type IdType,
  type OrgKind,
  type Outcome,
  type ProvisionForm,
  type RequestState,
} from './model.ts';
import type { EventRow, RequestRow } from './requests.repository.ts';

/** The derived clock as the API shows it. */
export function presentClock(c: RequestClock) {
  return {
    phase: c.phase,
    dueOn: c.dueOn,
    start: c.start,
    startKind: c.startKind,
    workingDays: c.workingDays,
    extensionDays: c.extensionDays,
    overdue: c.overdue,
    workingDaysLeft: c.workingDaysLeft,
    correctionNoticeDueOn: c.correctionNoticeDueOn,
    correctionDeadline: c.correctionDeadline,
    correctionExpired: c.correctionExpired,
    feeDeadline: c.feeDeadline,
    feeExpired: c.feeExpired,
    pauses: c.pauses,
    skipped: c.skipped,
    unknownYears: c.unknownYears,
    warnings: c.warnings,
    explanation: c.explanation,
    lines: c.lines,
  };
}

/** A request for staff (no personal data of the applicant). */
export function presentRequest(r: RequestRow, names: Map<string, string>, clock: RequestClock) {
  const person = (id: string | null) => (id ? { id, displayName: names.get(id) ?? '' } : null);
  const outcome = r.outcome as Outcome | null;
  return {
    id: r.id,
    agencyId: r.agencyId,
    trackingNo: r.trackingNo,
    channel: r.channel,
    channelName: channelInfo[r.channel as Channel]?.name ?? r.channel,
    submittedAt: r.submittedAt.toISOString(),
    receivedOn: r.receivedOn,
    applicantKind: r.applicantKind,
    orgKind: r.orgKind,
    reportColumn: reportColumnOf(r.applicantKind as ApplicantKind, r.orgKind as OrgKind | null),
    description: r.description,
    docNo: r.docNo,
    provisionForm: r.provisionForm,
    provisionFormName: provisionFormNames[r.provisionForm as ProvisionForm] ?? r.provisionForm,
    delivery: r.delivery,
    deliveryName: deliveryNames[r.delivery as Delivery] ?? r.delivery,
    handler: person(r.handlerId),
    backupHandler: person(r.backupHandlerId),
    state: r.state,
    stateName: stateNames[r.state as RequestState] ?? r.state,
    outcome,
    outcomeName: outcome ? outcomeInfo[outcome].name : null,
    outcomeArticle: outcome ? outcomeInfo[outcome].article : null,
    outcomeNote: r.outcomeNote,
    dueOn: clock.dueOn,
    overdue: clock.overdue,
    workingDaysLeft: clock.workingDaysLeft,
    clockPhase: clock.phase,
    unknownYears: clock.unknownYears,
    lockVersion: r.lockVersion,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The applicant's personal data, for the handling agency's request staff only. */
export function presentApplicant(a: ApplicantJson) {
  return {
    name: a.name,
    idType: a.idType ?? null,
    idTypeName: a.idType ? (idTypeNames[a.idType as IdType] ?? a.idType) : null,
    idNumber: a.idNumber ?? null,
    uscc: a.uscc ?? null,
    legalRepresentative: a.legalRepresentative ?? null,
    contactPerson: a.contactPerson ?? null,
    phone: a.phone,
    address: a.address ?? null,
    postcode: a.postcode ?? null,
    email: a.email ?? null,
  };
}

/** One event of the timeline. */
export function presentEvent(e: EventRow & { actorName?: string | null }) {
  return {
    id: e.id,
    kind: e.kind,
    kindName: eventNames[e.kind as EventKind] ?? e.kind,
    on: e.on,
    data: e.data,
    actor: e.actorId ? { id: e.actorId, displayName: e.actorName ?? '' } : null,
    at: e.at.toISOString(),
  };
}

/** What the public status page may show: procedure only, never personal data or the request's content. */
export function presentPublicStatus(r: RequestRow, clock: RequestClock) {
  const outcome = r.outcome as Outcome | null;
  return {
    trackingNo: r.trackingNo,
    receivedOn: r.receivedOn,
    state: r.state,
    stateName: stateNames[r.state as RequestState] ?? r.state,
    outcomeName: outcome ? outcomeInfo[outcome].name : null,
    dueOn: clock.dueOn,
    overdue: clock.overdue,
    phase: clock.phase,
    correctionDeadline: clock.phase === 'awaiting_correction' ? clock.correctionDeadline : null,
    lines: clock.lines,
    warnings: clock.warnings,
  };
}
