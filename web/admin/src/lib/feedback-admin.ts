/** Shapes of /api/feedback (public feedback, 留言) and their labels, for the feedback screens. */

export type FeedbackKind = 'message' | 'suggestion' | 'rating';
export type FeedbackStatus = 'new' | 'answered' | 'rejected';

export const feedbackKindLabels: Record<FeedbackKind, string> = { message: '留言', suggestion: '建议', rating: '满意度评价' };
export const feedbackStatusLabels: Record<FeedbackStatus, { text: string; color: string }> = {
  new: { text: '待答复', color: 'processing' },
  answered: { text: '已答复', color: 'success' },
  rejected: { text: '不予处理', color: 'default' },
};
export const feedbackSourceLabels: Record<string, string> = { online: '网上留言', hotline: '热线电话', in_person: '现场反映' };

/** The reason stored when staff mark feedback as spam (moderation shortcut). */
export const spamReason = '垃圾信息（广告、无关内容）';

export interface FeedbackItem {
  id: string;
  agencyId: string;
  documentId: string | null;
  kind: FeedbackKind;
  kindName: string;
  rating: number | null;
  text: string;
  contact: string | null;
  hasContact: boolean;
  consentToPublish: boolean;
  source: string;
  sourceName: string;
  status: FeedbackStatus;
  statusName: string;
  spamScore: number;
  receivedOn: string;
  dueOn: string;
  overdue: boolean;
  answer: string | null;
  answeredBy: { id: string; displayName: string | null } | null;
  answeredAt: string | null;
  answeredOn: string | null;
  rejectReason: string | null;
  lockVersion: number;
  createdAt: string;
}

export interface FeedbackPage {
  items: FeedbackItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface FeedbackStats {
  total: number;
  byKind: Record<FeedbackKind, number>;
  rejected: number;
  answered: number;
  answeredOnTime: number;
  onTimeRate: number | null;
  averageRating: number | null;
  ratings: number;
  months: Array<{ month: number; total: number; byKind: Record<FeedbackKind, number>; answered: number; rejected: number }>;
}
