/**
 * Span-level evaluation after microsoft/presidio-research (`span_evaluator.py`; DOMAIN.md
 * §4.4.5): a prediction matches an annotation of the same type when their character IoU reaches
 * the threshold (0.9); a matching prediction of another type is an FP for its type and leaves the
 * annotation an FN; several predictions on one annotation count once. Test-only.
 */
import type { FindingType } from '../types.ts';

/** A typed span (annotation or prediction). */
export interface TypedSpan {
  type: FindingType;
  start: number;
  end: number;
}

/** Counts for one type. */
export interface TypeScore {
  tp: number;
  fp: number;
  fn: number;
}

/** Character intersection over union of two spans. */
export function iou(a: TypedSpan, b: TypedSpan): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union === 0 ? 0 : inter / union;
}

/** Adds one document's matches to `scores`. */
export function scoreDocument(annotations: readonly TypedSpan[], predictions: readonly TypedSpan[], scores: Map<FindingType, TypeScore>, threshold = 0.9): void {
  const get = (t: FindingType): TypeScore => {
    let s = scores.get(t);
    if (!s) scores.set(t, (s = { tp: 0, fp: 0, fn: 0 }));
    return s;
  };
  const matched = new Set<number>();
  for (const p of predictions) {
    const i = annotations.findIndex((a) => a.type === p.type && iou(a, p) >= threshold);
    if (i === -1) {
      get(p.type).fp++;
    } else if (!matched.has(i)) {
      matched.add(i);
      get(p.type).tp++;
    }
  }
  annotations.forEach((a, i) => {
    if (!matched.has(i)) get(a.type).fn++;
  });
}

/** Precision, recall and F2 (β = 2: recall counts more for personal data). */
export function metrics(s: TypeScore): { precision: number; recall: number; f2: number } {
  const precision = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
  const recall = s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
  const f2 = precision + recall === 0 ? 0 : (5 * precision * recall) / (4 * precision + recall);
  return { precision, recall, f2 };
}
