/** Small helpers about documents shared by the pages. */
import type { DocumentDetail, ReviewActionView } from './types.ts';

/** The latest `return` (the reason the drafter must read), or null. */
export function lastReturn(d: DocumentDetail): ReviewActionView | null {
  let latest: ReviewActionView | null = null;
  for (const a of d.reviewActions) if (a.action === 'return' && (!latest || a.at > latest.at)) latest = a;
  return latest;
}

/** true when the document's current step is the last of its chain. */
export function isFinalStep(d: DocumentDetail['document']): boolean {
  return !!d.currentStep && !!d.chain && d.currentStep.index === d.chain.length - 1;
}
