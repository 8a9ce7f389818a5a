/** Types and labels of the two-signature handover (交接): /api/handovers and /api/handover/history. */
import type { HandoverChecklist } from './staff.ts';

export type HandoverStatus = 'awaitingSuccessor' | 'awaitingApproval' | 'completed' | 'rejected' | 'cancelled';
export type HandoverAction = 'sign' | 'approve' | 'reject' | 'cancel';

export const handoverStatusLabels: Record<HandoverStatus, { text: string; color: string }> = {
  awaitingSuccessor: { text: '待接手人签收', color: 'processing' },
  awaitingApproval: { text: '待负责人审批', color: 'warning' },
  completed: { text: '已完成', color: 'success' },
  rejected: { text: '已拒绝', color: 'error' },
  cancelled: { text: '已撤销', color: 'default' },
};

interface Person {
  id: string;
  displayName: string;
}

/** A handover as GET /api/handovers lists it. */
export interface HandoverSummary {
  id: string;
  status: HandoverStatus;
  from: Person;
  to: Person;
  approver: Person;
  createdBy: Person;
  createdAt: string;
  signedAt: string | null;
  approvedAt: string | null;
  rejectedBy: Person | null;
  rejectedAt: string | null;
  rejectReason: string | null;
  cancelledBy: Person | null;
  cancelledAt: string | null;
  completedAt: string | null;
  agencyIds: string[];
  actions: HandoverAction[];
}

type Marked<T> = T & { added?: boolean };

/** Unanswered public feedback the leaver handles (承办人). */
export interface HandoverFeedbackItem {
  id: string;
  agencyId: string;
  receivedOn: string;
  dueOn: string;
  kindName: string;
}

/** The checklist, with `added` on items that appeared after the successor signed (审批 view). */
export interface MarkedChecklist {
  account: HandoverChecklist['account'];
  memberships: Marked<HandoverChecklist['memberships'][number]>[];
  openDocuments: Marked<HandoverChecklist['openDocuments'][number]>[];
  reviewSteps: Marked<HandoverChecklist['reviewSteps'][number]>[];
  requests: Marked<HandoverChecklist['requests'][number]>[];
  feedback?: Marked<HandoverFeedbackItem>[];
  duties: Marked<HandoverChecklist['duties'][number]>[];
}

/** GET /api/handovers/:id. */
export interface HandoverDetail extends HandoverSummary {
  checklist: MarkedChecklist;
  /** What a signature covers (sent back with sign / approve). */
  fingerprint?: string;
  signedChecklist?: HandoverChecklist | null;
  /** Items that appeared since signing (审批). */
  added?: number;
  /** Signed items no longer there (审批). */
  removed?: string[];
  reassigned?: { documents: number; memberships: number; duties: number; requests: number; feedback?: number } | null;
  notes?: string[];
}

/** One row of GET /api/handover/history. */
export interface HandoverHistoryRow extends HandoverSummary {
  signedBy: Person;
  approvedBy: Person;
  counts: { documents: number; memberships: number; duties: number; requests: number; feedback?: number };
  addedAfterSigning: number;
  notes: string[];
}

/** `2025-06-01T02:03:04Z` → Beijing time. */
export function beijingTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';
}
