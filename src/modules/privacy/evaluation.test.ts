/**
 * Evaluation on a generated labelled corpus (DOMAIN.md §4.4.5): per-type precision, recall and
 * F2 by span matching (IoU ≥ 0.9), printed as a table (the figures in docs/modules/privacy.md
 * come from this run), plus the negative corpus, which must give no personal finding at all.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scanText } from './scan.ts';
import { findingTypes, type FindingType } from './types.ts';
import { labelledDoc } from './testing/generators.ts';
import { negativeCorpus } from './testing/negative-corpus.ts';
import { metrics, scoreDocument, iou, type TypeScore } from './testing/span-eval.ts';

const now = new Date('2026-03-01T00:00:00Z');

describe('evaluation on the generated labelled corpus', () => {
  const docs = fc.sample(labelledDoc, { seed: 20250312, numRuns: 2000 });
  const scores = new Map<FindingType, TypeScore>();
  const any: TypeScore = { tp: 0, fp: 0, fn: 0 };
  let expectedHigh = 0;
  let foundHigh = 0;
  const missedHigh: string[] = [];
  let usccAsPersonal = 0;
  let chars = 0;
  for (const doc of docs) {
    chars += doc.text.length;
    const findings = scanText(doc.text, { now });
    scoreDocument(doc.spans, findings, scores);
    // "Any PII": a personal annotation is found when any personal finding covers it (IoU ≥ 0.9).
    const personalSpans = doc.spans.filter((s) => s.type !== 'uscc');
    const personalFindings = findings.filter((f) => f.personal);
    for (const s of personalSpans) {
      if (personalFindings.some((f) => iou(f, s) >= 0.9)) any.tp++;
      else any.fn++;
    }
    any.fp += personalFindings.filter((f) => !personalSpans.some((s) => iou(f, s) >= 0.9)).length;
    for (const s of doc.spans) {
      if (s.type === 'uscc') {
        if (findings.some((f) => f.personal && iou(f, s) > 0)) usccAsPersonal++;
        continue;
      }
      if (!s.expectHigh) continue;
      expectedHigh++;
      if (findings.some((f) => f.type === s.type && f.confidence === 'high' && iou(f, s) >= 0.9)) foundHigh++;
      else missedHigh.push(`${s.type} ${JSON.stringify(doc.text.slice(s.start, s.end))} in ${JSON.stringify(doc.text.slice(Math.max(0, s.start - 20), s.end + 10))}`);
    }
  }

  it('prints per-type precision, recall and F2', () => {
    const rows = findingTypes.filter((t) => scores.has(t)).map((t) => {
      const s = scores.get(t)!;
      const m = metrics(s);
      return `| ${t} | ${s.tp + s.fn} | ${s.tp} | ${s.fp} | ${s.fn} | ${m.precision.toFixed(4)} | ${m.recall.toFixed(4)} | ${m.f2.toFixed(4)} |`;
    });
    const a = metrics(any);
    console.log(
      [
        `${docs.length} documents, ${chars} characters; high-confidence recall ${foundHigh}/${expectedHigh}`,
        '| type | annotated | TP | FP | FN | precision | recall | F2 |',
        '|---|---|---|---|---|---|---|---|',
        ...rows,
        `| any PII | ${any.tp + any.fn} | ${any.tp} | ${any.fp} | ${any.fn} | ${a.precision.toFixed(4)} | ${a.recall.toFixed(4)} | ${a.f2.toFixed(4)} |`,
      ].join('\n'),
    );
    expect(rows.length).toBeGreaterThan(0);
  });

  it('finds every valid ID number, mobile number and bank card (recall = 1, precision ≥ 0.99)', () => {
    for (const t of ['idCard', 'mobile', 'bankCard'] as const) {
      const s = scores.get(t)!;
      expect({ type: t, fn: s.fn }).toEqual({ type: t, fn: 0 });
      expect(metrics(s).precision).toBeGreaterThanOrEqual(0.99);
    }
  });

  it('reports every unambiguous ID, mobile and card at high confidence', () => {
    expect(missedHigh).toEqual([]);
    expect(foundHigh).toBe(expectedHigh);
  });

  it('never reports a USCC as personal data', () => {
    expect(usccAsPersonal).toBe(0);
    expect(scores.get('uscc')!.fn).toBe(0);
  });

  it('finds names and addresses in personal fields', () => {
    expect(metrics(scores.get('address')!).recall).toBe(1);
    expect(metrics(scores.get('name')!).precision).toBe(1);
  });
});

describe('negative corpus (ordinary government text)', () => {
  it.each(negativeCorpus.map((d) => [d.title, d.text] as const))('%s: no personal finding', (_title, text) => {
    const personal = scanText(text, { now }).filter((f) => f.personal);
    expect(personal.map((f) => `${f.type} ${f.text}`)).toEqual([]);
  });

  it('reports the valid USCCs in it as non-personal', () => {
    const all = negativeCorpus.flatMap((d) => scanText(d.text, { now }));
    expect(all.every((f) => f.type === 'uscc' && !f.personal)).toBe(true);
    expect(all.map((f) => f.text)).toEqual(['11500237MB1584773N', '12500237MB1584773K']);
  });
});
