/**
 * The publication gate's rules as pure functions: stored findings (masked form only, with a
 * stable id reviewers' justifications refer to), counts, what is still unresolved, and the
 * Chinese refusal message. No I/O.
 *
 * - Approving the 隐私信息专项审查 step needs every personal finding of high or medium
 *   confidence (and every "needs manual review" item) masked or justified.
 * - Publication re-scans and refuses while a high-confidence personal finding is unjustified.
 */
import { createHash } from 'node:crypto';
import type { PrivacyCounts, StoredFinding } from '../../db/schema/index.ts';
import type { ManualReviewItem } from './extract/segments.ts';
import { confidenceRank, findingTypeLabels, type Confidence, type Finding } from './types.ts';

export type { PrivacyCounts, StoredFinding };

/** Where findings came from: the body or one attachment. */
export type FindingSource = { source: 'body' } | { source: 'attachment'; attachmentId: string; filename: string };

function findingId(src: FindingSource, parts: string[]): string {
  const key = [src.source === 'body' ? 'body' : src.attachmentId, ...parts].join('|');
  return createHash('sha256').update(key).digest('hex').slice(0, 20);
}

function cleanLocation(loc: object | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(loc ?? {})) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return out;
}

/** Findings of one source in their stored form (the original text is dropped). */
export function toStoredFindings(src: FindingSource, findings: readonly Finding[], manual: readonly ManualReviewItem[] = []): StoredFinding[] {
  const extra = src.source === 'attachment' ? { attachmentId: src.attachmentId, filename: src.filename } : {};
  const out: StoredFinding[] = findings.map((f) => {
    const location = cleanLocation(f.location);
    return {
      id: findingId(src, [f.type, f.normalized, JSON.stringify(location)]),
      source: src.source,
      ...extra,
      type: f.type,
      typeLabel: findingTypeLabels[f.type],
      masked: f.masked,
      confidence: f.confidence,
      reason: f.reason,
      personal: f.personal,
      location,
    };
  });
  for (const m of manual) {
    const location = cleanLocation(m.location);
    out.push({
      id: findingId(src, ['manualReview', JSON.stringify(location)]),
      source: src.source,
      ...extra,
      type: 'manualReview',
      typeLabel: '须人工核对',
      masked: '',
      confidence: 'medium',
      reason: m.reason,
      personal: true,
      location,
    });
  }
  return out;
}

/** Counts personal findings by confidence; manual-review items apart. */
export function countFindings(findings: readonly StoredFinding[]): PrivacyCounts {
  const counts: PrivacyCounts = { high: 0, medium: 0, low: 0, manual: 0 };
  for (const f of findings) {
    if (!f.personal) continue;
    if (f.type === 'manualReview') counts.manual++;
    else counts[f.confidence]++;
  }
  return counts;
}

/** Personal findings at or above `min` (manual-review items count as medium) not in `justified`. */
export function unresolvedFindings(findings: readonly StoredFinding[], justified: ReadonlySet<string>, min: Confidence): StoredFinding[] {
  return findings.filter((f) => f.personal && confidenceRank[f.confidence] >= confidenceRank[min] && !justified.has(f.id));
}

/** 身份证号 2 处、手机号 3 处 … */
export function countsByType(findings: readonly StoredFinding[]): string {
  const m = new Map<string, number>();
  for (const f of findings) m.set(f.typeLabel, (m.get(f.typeLabel) ?? 0) + 1);
  return [...m].map(([label, n]) => `${label} ${n} 处`).join('、');
}

/** The refusal message of the gate. */
export function gateMessage(unresolved: readonly StoredFinding[], phase: 'approve' | 'publish'): string {
  const n = unresolved.length;
  const message =
    phase === 'approve'
      ? `隐私信息专项审查不能通过：仍有 ${n} 处个人信息未脱敏（${countsByType(unresolved)}）。请一键脱敏正文、脱敏附件，或对确需公开的逐项“确认为公开信息”并填写理由`
      : `发布已拒绝：发布前复查发现 ${n} 处未处理的高可信度个人信息（${countsByType(unresolved)}），请退回脱敏后再发布`;
  return message + xlsHint(unresolved);
}

/** Legacy XLS attachments cannot be masked in place (see file-scan.ts): say what to do. */
function xlsHint(unresolved: readonly StoredFinding[]): string {
  // The upload checked that an attachment's extension matches its content, so .xls is an XLS.
  const names = [...new Set(unresolved.flatMap((f) => (f.filename && /\.xls$/i.test(f.filename) ? [f.filename] : [])))];
  return names.length ? `。附件${names.map((x) => `「${x}」`).join('、')}为旧版 Excel（XLS）格式，无法自动脱敏，请将文件另存为 XLSX 后重新上传` : '';
}
