/**
 * Evaluation on a generated labelled corpus (DOMAIN.md §4.4.5): per-type precision, recall and
 * F2 by span matching (IoU ≥ 0.9), printed as a table (the figures in docs/modules/privacy.md
 * come from this run), plus the negative corpus, which must give no personal finding at all.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scanText } from './scan.ts';
import { findingTypes, type FindingType } from './types.ts';
import { labelledDoc } from './testing/generators.ts';
import { negativeCorpus } from './testing/negative-corpus.ts';
import { metrics, scoreDocument, iou, type TypeScore } from './testing/span-eval.ts';
import { generateCorpusDocs } from './testing/documents.ts';
import { buildLabelledFile, corpusFormats, type LabelledFile } from './testing/corpus-files.ts';
import { corpusTargets, evaluateCorpus, formatCorpusReport, type CorpusEvaluation } from './testing/corpus-eval.ts';

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

/**
 * The file-level corpus (`npm run eval:privacy` runs the same with 120 documents): whole 公示
 * lists, notices and statistics tables rendered as TXT, DOCX, XLSX and PDF, scanned by scanFile,
 * scored in the extracted text. Guards the targets in CI.
 */
describe('evaluation on labelled files (TXT, DOCX, XLSX, PDF)', () => {
  const files: LabelledFile[] = [];
  let ev: CorpusEvaluation;
  beforeAll(async () => {
    const docs = generateCorpusDocs(20250312, 15);
    for (const format of corpusFormats) for (const [i, doc] of docs.entries()) files.push(await buildLabelledFile(doc, format, 20250312 + i));
    ev = await evaluateCorpus(files, now);
    console.log(formatCorpusReport(ev));
  }, 180_000);

  it('generates the same corpus from the same seed, with every trap in it', () => {
    const again = generateCorpusDocs(20250312, 15);
    expect(JSON.stringify(again)).toBe(JSON.stringify(files.slice(0, 15).map((f) => f.doc)));
    const forms = new Set(files.flatMap((f) => f.labels.map((l) => `${f.format} ${l.form}`)));
    for (const form of ['damaged 1.10101E+17', 'line break inside cell', 'full-width digits', 'spaces inside', '15-digit ID', 'x check digit', 'X check digit', '+86', '0086', 'USCC']) {
      expect([...forms].some((f) => f.endsWith(form)), form).toBe(true);
    }
    expect(forms.has('xlsx damaged 1.10101E+17')).toBe(true);
    expect(files.some((f) => !f.doc.personal)).toBe(true);
  });

  it('places every label and every finding in the extracted text', () => {
    expect(ev.lostLabels).toBe(0);
    expect(ev.unplaced).toBe(0);
  });

  it('meets the targets: high-confidence recall ≥ 99.5 %, precision ≥ 99 %, no USCC as an ID', () => {
    const targets = corpusTargets(ev);
    expect(targets.filter((t) => !t.met).map((t) => `${t.name}: ${t.value}`)).toEqual([]);
    expect(ev.usccLabels).toBeGreaterThan(0);
    for (const h of ev.high.values()) expect(h.expected).toBeGreaterThan(50);
  });
});
