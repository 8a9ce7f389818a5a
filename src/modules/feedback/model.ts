/** Kinds, sources and states of public feedback, with their Chinese names. Pure. */

/** 留言 | 建议 | 满意度评价. */
export const feedbackKinds = ['message', 'suggestion', 'rating'] as const;
export type FeedbackKind = (typeof feedbackKinds)[number];
export const kindNames: Record<FeedbackKind, string> = { message: '留言', suggestion: '建议', rating: '满意度评价' };

/** online (the portal form) | hotline (热线电话) | in_person (现场), the last two entered by staff. */
export const feedbackSources = ['online', 'hotline', 'in_person'] as const;
export type FeedbackSource = (typeof feedbackSources)[number];
export const sourceNames: Record<FeedbackSource, string> = { online: '网上留言', hotline: '热线电话', in_person: '现场反映' };

/** new → answered | rejected (spam, abuse). */
export const feedbackStatuses = ['new', 'answered', 'rejected'] as const;
export type FeedbackStatus = (typeof feedbackStatuses)[number];
export const statusNames: Record<FeedbackStatus, string> = { new: '待答复', answered: '已答复', rejected: '不予处理' };

/** Default working days to answer (an agency may change it). */
export const DEFAULT_ANSWER_WORKING_DAYS = 5;
