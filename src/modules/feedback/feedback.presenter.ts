/** Rows → API and portal shapes. The author's contact leaves only for those who answer. */
import { kindNames, sourceNames, statusNames, type FeedbackKind, type FeedbackSource, type FeedbackStatus } from './model.ts';
import type { FeedbackRow } from './feedback.repository.ts';

/** Feedback as staff see it; `contact` is null unless `withContact`. */
export function presentFeedback(r: FeedbackRow, names: Map<string, string>, opts: { withContact: boolean; today: string }) {
  return {
    id: r.id,
    agencyId: r.agencyId,
    documentId: r.documentId,
    kind: r.kind,
    kindName: kindNames[r.kind as FeedbackKind] ?? r.kind,
    rating: r.rating,
    text: r.text,
    contact: opts.withContact ? r.contact : null,
    hasContact: r.contact !== null,
    consentToPublish: r.consentToPublish,
    source: r.source,
    sourceName: sourceNames[r.source as FeedbackSource] ?? r.source,
    status: r.status,
    statusName: statusNames[r.status as FeedbackStatus] ?? r.status,
    spamScore: r.spamScore,
    receivedOn: r.receivedOn,
    dueOn: r.dueOn,
    /** Unanswered and past its due date. */
    overdue: r.status === 'new' && r.dueOn < opts.today,
    answer: r.answer,
    answeredBy: r.answeredBy ? { id: r.answeredBy, displayName: names.get(r.answeredBy) ?? null } : null,
    answeredAt: r.answeredAt ? r.answeredAt.toISOString() : null,
    answeredOn: r.answeredOn,
    rejectReason: r.rejectReason,
    lockVersion: r.lockVersion,
    createdAt: r.createdAt.toISOString(),
  };
}

/** What the portal shows of answered feedback: kind, text, dates, answer. Never the contact nor who answered. */
export interface PublicAnsweredFeedback {
  id: string;
  kindName: string;
  rating: number | null;
  text: string;
  documentId: string | null;
  receivedOn: string;
  answer: string;
  answeredOn: string;
}

export function presentPublicFeedback(r: FeedbackRow): PublicAnsweredFeedback {
  return {
    id: r.id,
    kindName: kindNames[r.kind as FeedbackKind] ?? r.kind,
    rating: r.rating,
    text: r.text,
    documentId: r.documentId,
    receivedOn: r.receivedOn,
    answer: r.answer ?? '',
    answeredOn: r.answeredOn ?? '',
  };
}
