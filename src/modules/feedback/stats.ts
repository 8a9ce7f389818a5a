/** Monthly feedback statistics of one agency and year. Pure. */
import { feedbackKinds, type FeedbackKind } from './model.ts';

/** The facts of one feedback row the statistics need. */
export interface StatRow {
  kind: string;
  rating: number | null;
  status: string;
  receivedOn: string;
  dueOn: string;
  answeredOn: string | null;
}

/** Counts by kind and month, the average rating and the on-time answer rate. */
export function computeStats(year: number, rows: readonly StatRow[]) {
  const months = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, total: 0, byKind: Object.fromEntries(feedbackKinds.map((k) => [k, 0])) as Record<FeedbackKind, number>, answered: 0, rejected: 0 }));
  const byKind = Object.fromEntries(feedbackKinds.map((k) => [k, 0])) as Record<FeedbackKind, number>;
  let ratingSum = 0;
  let ratings = 0;
  let answered = 0;
  let onTime = 0;
  let rejected = 0;
  for (const r of rows) {
    const m = months[Number(r.receivedOn.slice(5, 7)) - 1];
    if (!m || Number(r.receivedOn.slice(0, 4)) !== year) continue;
    m.total++;
    if ((feedbackKinds as readonly string[]).includes(r.kind)) {
      m.byKind[r.kind as FeedbackKind]++;
      byKind[r.kind as FeedbackKind]++;
    }
    if (r.status === 'rejected') {
      m.rejected++;
      rejected++;
      continue;
    }
    if (r.kind === 'rating' && r.rating !== null) {
      ratingSum += r.rating;
      ratings++;
    }
    if (r.status === 'answered' && r.answeredOn) {
      m.answered++;
      answered++;
      if (r.answeredOn <= r.dueOn) onTime++;
    }
  }
  return {
    year,
    total: months.reduce((s, m) => s + m.total, 0),
    byKind,
    rejected,
    answered,
    answeredOnTime: onTime,
    /** Share of answered feedback answered by its due date (null when nothing was answered). */
    onTimeRate: answered ? Math.round((onTime / answered) * 1000) / 1000 : null,
    /** Average of the 1–5 ratings (rejected ones left out), or null. */
    averageRating: ratings ? Math.round((ratingSum / ratings) * 100) / 100 : null,
    ratings,
    months,
  };
}
