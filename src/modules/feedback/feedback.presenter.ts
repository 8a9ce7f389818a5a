/** Rows → API and portal shapes. The author's contact leaves only for those who answer. */
import { kindNames, sourceNames, statusNames, type FeedbackKind, type FeedbackSource, type FeedbackStatus } from './model.ts';
import type { FeedbackRow } from './feedback.repository.ts';
import { maskPublicText } from './answer-privacy.ts';

/** Names and account state of the users a row refers to (answeredBy, assignee, hiddenBy). */
export type UserStates = Map<string, { name: string; disabled: boolean }>;

/** The user ids a row refers to, for {@link UserStates}. */
export const referencedUsers = (r: FeedbackRow): string[] => [r.answeredBy, r.assigneeId, r.hiddenBy].filter((x): x is string => !!x);

/** Whether the portal shows the item: answered, the author consented, not taken off. */
export const isPublic = (r: Pick<FeedbackRow, 'status' | 'consentToPublish' | 'hiddenAt'>): boolean => r.status === 'answered' && r.consentToPublish && !r.hiddenAt;

/** Feedback as staff see it; `contact` is null unless `withContact`. */
export function presentFeedback(r: FeedbackRow, users: UserStates, opts: { withContact: boolean; today: string }) {
  const person = (id: string | null) => (id ? { id, displayName: users.get(id)?.name ?? null } : null);
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
    answeredBy: person(r.answeredBy),
    /** 承办人 (AB岗 holder at intake, or reassigned); `disabled` flags a leaver still holding it. */
    assignee: r.assigneeId ? { id: r.assigneeId, displayName: users.get(r.assigneeId)?.name ?? null, disabled: users.get(r.assigneeId)?.disabled ?? false } : null,
    /** A | B | manual | handover. */
    assignedVia: r.assignedVia,
    /** Shown on the portal now (answered, consented, not taken off). */
    public: isPublic(r),
    /** 撤下公开: when, by whom and why; null while not taken off. */
    hidden: r.hiddenAt ? { at: r.hiddenAt.toISOString(), by: person(r.hiddenBy), reason: r.hiddenReason } : null,
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

/** `now` dates the privacy scan that masks identifiers the author left in the text. */
export function presentPublicFeedback(r: FeedbackRow, now: Date): PublicAnsweredFeedback {
  return {
    id: r.id,
    kindName: kindNames[r.kind as FeedbackKind] ?? r.kind,
    rating: r.rating,
    text: maskPublicText(r.text, now),
    documentId: r.documentId,
    receivedOn: r.receivedOn,
    answer: r.answer ?? '',
    answeredOn: r.answeredOn ?? '',
  };
}
