/**
 * The public entry of the detectors: normalise → numeric pass (IDs, USCCs, cards, phones,
 * passports, plates) → keyword passes (e-mail, addresses, names) → wrapped numbers → overlap
 * resolution → map back to original offsets → mask. Pure code, no I/O: `now` is passed in.
 *
 * Overlap resolution (DOMAIN.md §4.4.3): candidates are taken most confident first, then
 * longest, then in type priority (ID → USCC → bank card → phone → others); a candidate that
 * overlaps one already taken is dropped. An e-mail address takes the confidence of a phone or ID
 * number inside it (13800138000@qq.com is masked as one value).
 */
import { detectAddresses } from './address.ts';
import type { Candidate } from './detector-kit.ts';
import { detectEmails } from './email.ts';
import { chinaToday } from './id-card.ts';
import { detectParenthesizedLandlines } from './landline.ts';
import { defaultMaskPolicy, maskValue, type MaskPolicy } from './masking.ts';
import { changesLength, findCellSplitDigits, findLineWrappedDigits, normalizeForScan, SpanMapper } from './normalize.ts';
import { detectNumbers, detectWrappedNumbers, type NumberScanInput } from './number-runs.ts';
import { detectNames } from './person-name.ts';
import { findTableColumns } from './table-columns.ts';
import { confidenceRank, findingTypes, type Confidence, type Finding, type FindingType } from './types.ts';

/** Options of {@link scanText}. */
export interface ScanOptions {
  /** The current time: birth dates after today (China time) are impossible. */
  now: Date;
  /** Drop findings below this confidence (default: report everything, `low` included). */
  minConfidence?: Confidence;
  /** Policy for each finding's `masked` form (default {@link defaultMaskPolicy}). */
  policy?: MaskPolicy;
}

const typePriority = new Map<FindingType, number>(findingTypes.map((t, i) => [t, i]));

/** Picks non-overlapping candidates (see the module comment). */
export function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  for (const c of candidates) {
    if (c.type !== 'email') continue;
    // Few e-mail addresses per text: a linear look for what they contain is cheap.
    for (const inner of candidates) {
      if (inner !== c && inner.start >= c.start && inner.end <= c.end && confidenceRank[inner.confidence] > confidenceRank[c.confidence]) {
        c.confidence = inner.confidence;
        c.reason = `电子邮箱地址（含${inner.type === 'mobile' ? '手机号' : '证件号码'}）`;
      }
    }
  }
  const byRank = (a: Candidate, b: Candidate): number =>
    confidenceRank[b.confidence] - confidenceRank[a.confidence] ||
    b.end - b.start - (a.end - a.start) ||
    typePriority.get(a.type)! - typePriority.get(b.type)! ||
    a.start - b.start;
  // Overlaps are rare and local: resolve each cluster of overlapping candidates on its own.
  const sorted = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const taken: Candidate[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    let clusterEnd = sorted[i]!.end;
    while (j < sorted.length && sorted[j]!.start < clusterEnd) clusterEnd = Math.max(clusterEnd, sorted[j++]!.end);
    if (j === i + 1) {
      taken.push(sorted[i]!);
    } else {
      const kept: Candidate[] = [];
      for (const c of sorted.slice(i, j).sort(byRank)) {
        if (!kept.some((k) => k.start < c.end && c.start < k.end)) kept.push(c);
      }
      taken.push(...kept.sort((a, b) => a.start - b.start));
    }
    i = j;
  }
  return taken;
}

/**
 * Finds personal information (and USCCs, as non-personal) in `text`. Findings are sorted by
 * start and never overlap; offsets are in the original string.
 */
export function scanText(text: string, options: ScanOptions): Finding[] {
  const policy = options.policy ?? defaultMaskPolicy;
  const norm = normalizeForScan(text);
  const n = norm.text;
  const columns = findTableColumns(n);
  const separators = new SpanMapper(norm);
  const input: NumberScanInput = {
    text: n,
    today: chinaToday(options.now),
    columnAt: (offset) => columns.kindAt(offset),
    hasSeparators: (start, end) => {
      if (norm.edits.length === 0 || end <= start) return false;
      if (end > n.length) return changesLength(norm, start, end);
      // Asked in text order by the numeric pass: a forward walk, not a search per value.
      separators.map(start, end);
      return separators.end - separators.start !== end - start;
    },
  };
  const candidates: Candidate[] = [];
  detectNumbers(input, candidates);
  detectParenthesizedLandlines(input, candidates);
  detectWrappedNumbers(input, findLineWrappedDigits(n), candidates);
  detectWrappedNumbers(input, findCellSplitDigits(n), candidates);
  detectEmails(input, candidates);
  detectAddresses(input, candidates);
  detectNames(input, candidates, columns.cells.filter((c) => c.kind === 'name'));

  const min = confidenceRank[options.minConfidence ?? 'low'];
  const findings: Finding[] = [];
  const span = new SpanMapper(norm);
  for (const c of resolveOverlaps(candidates)) {
    if (confidenceRank[c.confidence] < min) continue;
    span.map(c.start, c.end);
    const original = text.slice(span.start, span.end);
    const finding: Finding = {
      type: c.type,
      start: span.start,
      end: span.end,
      text: original,
      normalized: c.normalized,
      masked: '',
      confidence: c.confidence,
      reason: c.reason,
      personal: c.type !== 'uscc',
    };
    finding.masked = maskValue(finding, policy);
    findings.push(finding);
  }
  return findings;
}
