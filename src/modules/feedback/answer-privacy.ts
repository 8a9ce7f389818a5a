/**
 * The privacy check of a public answer, pure: an answer that will be shown on the portal must
 * not carry high-confidence personal identifiers (居民身份证号, 手机号, 银行卡号) — 条例第15条
 * (personal privacy is not disclosed; DOMAIN.md §4.4). The privacy module's detectors do the
 * finding; this file only picks what blocks and words the refusal.
 */
import { findingTypeLabels, maskText, scanText, type Finding, type FindingType } from '../privacy/index.ts';

/** The identifiers that block an answer from being shown (high confidence only). */
export const blockingAnswerTypes: ReadonlySet<FindingType> = new Set(['idCard', 'idCard15', 'mobile', 'bankCard']);

/** High-confidence personal identifiers of the blocking kinds in `text` (empty when clean). */
export function answerPrivacyFindings(text: string, now: Date): Finding[] {
  return scanText(text, { now, minConfidence: 'high' }).filter((f) => f.personal && f.confidence === 'high' && blockingAnswerTypes.has(f.type));
}

/** The Chinese refusal naming what was found (masked values, never the values themselves). */
export function answerPrivacyMessage(findings: readonly Finding[]): string {
  const what = findings.map((f) => `${findingTypeLabels[f.type]} ${f.masked}`).join('、');
  return `答复含有个人信息（${what}），不能在网站公开，请删除后再提交`;
}

/**
 * The author's text as the portal shows it: high-confidence identifiers of the blocking kinds
 * masked (a citizen often leaves a phone number in the text itself; staff cannot edit it).
 */
export function maskPublicText(text: string, now: Date): string {
  const findings = answerPrivacyFindings(text, now);
  return findings.length ? maskText(text, findings) : text;
}
