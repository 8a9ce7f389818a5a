/**
 * File-level evaluation of the privacy scanner on the labelled corpus (`documents.ts` rendered by
 * `corpus-files.ts`): every file goes through the real `scanFile` (the module's public entry),
 * each finding is placed in the file's extracted text (its segment, or its cell for a damaged
 * spreadsheet number), and findings are matched to labels.
 *
 * Span match: a finding matches a label of the same type when their character IoU in the
 * extracted text is ≥ 0.9 (presidio-research's rule, `span-eval.ts`); `idCard15` counts as
 * `idCard` (one report type, `id_card`). Scores are given at three thresholds: every finding
 * (low+), those that block approval (medium+), those that block publication (high).
 *
 * Targets (issue 3): high-confidence recall ≥ 99.5 % for ID numbers, bank cards and mobiles;
 * precision ≥ 99 % for blocking (medium+) personal findings over the whole corpus and ≥ 99 % of
 * the documents without personal data free of any blocking finding; no valid USCC ever reported
 * as a personal ID. Test-only.
 */
import { confidenceRank, reportTypeNames, type Confidence, type Finding, type FindingType } from '../types.ts';
import { scanFile } from '../index.ts';
import type { ExtractedText, LabelledFile } from './corpus-files.ts';
import { iou, metrics, type TypeScore } from './span-eval.ts';

/** A finding placed in the extracted text of its file. */
export interface PlacedFinding {
  type: FindingType;
  start: number;
  end: number;
  confidence: Confidence;
  personal: boolean;
  text: string;
}

const canonical = (t: FindingType): FindingType => (t === 'idCard15' ? 'idCard' : t);

function locationFits(want: object | undefined, have: object | undefined): boolean {
  if (!want) return true;
  return Object.entries(want).every(([k, v]) => k === 'line' || (have as Record<string, unknown> | undefined)?.[k] === v);
}

/**
 * The offset of a file finding in the joined extracted text: the segment whose location it
 * carries and whose text holds it at its offsets, else a piece (a spreadsheet cell) that does.
 */
export function placeFinding(f: Finding, extracted: ExtractedText): number | null {
  for (const seg of extracted.segments) {
    if (locationFits(seg.location, f.location) && seg.text.slice(f.start, f.end) === f.text) return seg.start + f.start;
  }
  for (const seg of extracted.segments) {
    if (!locationFits(seg.location, f.location)) continue;
    for (const p of seg.pieces) {
      if (p.location && locationFits(p.location, f.location) && locationFits(f.location, p.location) && p.text.slice(f.start, f.end) === f.text) return seg.start + p.start + f.start;
    }
  }
  return null;
}

const thresholds = ['low', 'medium', 'high'] as const;
type Threshold = (typeof thresholds)[number];

/** Everything the evaluation counts. */
export interface CorpusEvaluation {
  files: number;
  byFormat: Record<string, { files: number; ms: number; bytes: number }>;
  /** Per threshold, per canonical type. */
  scores: Record<Threshold, Map<FindingType, TypeScore>>;
  /** High-confidence recall for ID / card / mobile labels that must be high. */
  high: Map<FindingType, { expected: number; found: number }>;
  /** Recall per trap form (ID, card, mobile labels; any confidence / high). */
  forms: Map<string, { labels: number; found: number; high: number }>;
  negativeDocs: number;
  /** Negative files with a blocking (medium+) personal finding. */
  negativeFlagged: number;
  /** Personal findings in negative files by confidence. */
  negativeFindings: Record<Confidence, number>;
  /** Blocking personal findings over the whole corpus. */
  blocking: { tp: number; fp: number };
  usccLabels: number;
  usccAsPersonalId: number;
  usccAsPersonal: number;
  lostLabels: number;
  unplaced: number;
  examples: { missedHigh: string[]; falseBlocking: string[] };
}

const idCardMobile: readonly FindingType[] = ['idCard', 'bankCard', 'mobile'];

function score(map: Map<FindingType, TypeScore>, t: FindingType): TypeScore {
  let s = map.get(t);
  if (!s) map.set(t, (s = { tp: 0, fp: 0, fn: 0 }));
  return s;
}

/** Scans every file with `scanFile` and scores the findings against the labels. */
export async function evaluateCorpus(files: readonly LabelledFile[], now: Date): Promise<CorpusEvaluation> {
  const ev: CorpusEvaluation = {
    files: files.length,
    byFormat: {},
    scores: { low: new Map(), medium: new Map(), high: new Map() },
    high: new Map(idCardMobile.map((t) => [t, { expected: 0, found: 0 }])),
    forms: new Map(),
    negativeDocs: 0,
    negativeFlagged: 0,
    negativeFindings: { low: 0, medium: 0, high: 0 },
    blocking: { tp: 0, fp: 0 },
    usccLabels: 0,
    usccAsPersonalId: 0,
    usccAsPersonal: 0,
    lostLabels: 0,
    unplaced: 0,
    examples: { missedHigh: [], falseBlocking: [] },
  };
  for (const file of files) {
    const t0 = performance.now();
    const scan = await scanFile(file.filename, file.bytes, { now });
    const fmt = (ev.byFormat[file.format] ??= { files: 0, ms: 0, bytes: 0 });
    fmt.files++;
    fmt.ms += performance.now() - t0;
    fmt.bytes += file.bytes.length;
    const text = file.extracted.text;
    const found: PlacedFinding[] = [];
    for (const f of scan.findings) {
      const at = placeFinding(f, file.extracted);
      if (at === null) {
        ev.unplaced++;
        continue;
      }
      found.push({ type: canonical(f.type), start: at, end: at + f.text.length, confidence: f.confidence, personal: f.personal, text: f.text });
    }
    const labels = file.labels.map((l) => ({ ...l, type: canonical(l.type) }));
    ev.lostLabels += labels.filter((l) => l.lost).length;
    const ctx = (s: { start: number; end: number }) => `${file.filename}: …${JSON.stringify(text.slice(Math.max(0, s.start - 12), s.end + 8))}`;

    for (const th of thresholds) {
      const preds = found.filter((f) => confidenceRank[f.confidence] >= confidenceRank[th]);
      const matched = new Set<number>();
      for (const p of preds) {
        const i = labels.findIndex((l) => !l.lost && l.type === p.type && iou(l, p) >= 0.9);
        if (i === -1) score(ev.scores[th], p.type).fp++;
        else if (!matched.has(i)) {
          matched.add(i);
          score(ev.scores[th], p.type).tp++;
        }
      }
      labels.forEach((l, i) => matched.has(i) || score(ev.scores[th], l.type).fn++);
    }

    for (const l of labels) {
      const hit = (f: PlacedFinding) => !l.lost && f.type === l.type && iou(l, f) >= 0.9;
      if (idCardMobile.includes(l.type)) {
        const form = `${reportTypeNames[l.type]}: ${l.form}`;
        const fs = ev.forms.get(form) ?? { labels: 0, found: 0, high: 0 };
        fs.labels++;
        if (found.some(hit)) fs.found++;
        if (found.some((f) => hit(f) && f.confidence === 'high')) fs.high++;
        ev.forms.set(form, fs);
        if (l.expectHigh) {
          const h = ev.high.get(l.type)!;
          h.expected++;
          if (found.some((f) => hit(f) && f.confidence === 'high')) h.found++;
          else if (ev.examples.missedHigh.length < 30) ev.examples.missedHigh.push(`${l.type} [${l.form}] ${ctx(l)} → ${found.filter((f) => iou(l, f) > 0).map((f) => `${f.type}/${f.confidence} ${JSON.stringify(f.text)}`).join(', ') || 'nothing'}`);
        }
      }
      if (l.type === 'uscc') {
        ev.usccLabels++;
        const over = found.filter((f) => f.personal && !l.lost && iou(l, f) > 0);
        if (over.length) ev.usccAsPersonal++;
        if (over.some((f) => f.type === 'idCard')) ev.usccAsPersonalId++;
      }
    }

    const blocking = found.filter((f) => f.personal && confidenceRank[f.confidence] >= confidenceRank.medium);
    for (const f of blocking) {
      if (labels.some((l) => !l.lost && l.type !== 'uscc' && iou(l, f) >= 0.9)) ev.blocking.tp++;
      else {
        ev.blocking.fp++;
        if (ev.examples.falseBlocking.length < 30) ev.examples.falseBlocking.push(`${f.type}/${f.confidence} ${JSON.stringify(f.text)} in ${ctx(f)}`);
      }
    }
    if (!file.doc.personal) {
      ev.negativeDocs++;
      if (blocking.length) ev.negativeFlagged++;
      for (const f of found) if (f.personal) ev.negativeFindings[f.confidence]++;
    }
  }
  return ev;
}

/** A target of issue 3 and whether it is met. */
export interface TargetResult {
  name: string;
  value: string;
  met: boolean;
}

export function corpusTargets(ev: CorpusEvaluation): TargetResult[] {
  const out: TargetResult[] = [];
  for (const [t, h] of ev.high) {
    const r = h.expected ? h.found / h.expected : 1;
    out.push({ name: `high-confidence recall ${reportTypeNames[t]} ≥ 99.5 %`, value: `${pct(r)} (${h.found}/${h.expected})`, met: r >= 0.995 });
  }
  const p = ev.blocking.tp + ev.blocking.fp ? ev.blocking.tp / (ev.blocking.tp + ev.blocking.fp) : 1;
  out.push({ name: 'precision of blocking (medium+) personal findings ≥ 99 %', value: `${pct(p)} (${ev.blocking.fp} false of ${ev.blocking.tp + ev.blocking.fp})`, met: p >= 0.99 });
  const clean = ev.negativeDocs ? 1 - ev.negativeFlagged / ev.negativeDocs : 1;
  out.push({ name: 'negative documents with no blocking finding ≥ 99 %', value: `${pct(clean)} (${ev.negativeFlagged} of ${ev.negativeDocs} flagged)`, met: clean >= 0.99 });
  out.push({ name: 'valid USCCs reported as personal ID = 0', value: `${ev.usccAsPersonalId} of ${ev.usccLabels}`, met: ev.usccAsPersonalId === 0 });
  return out;
}

const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;
const f4 = (x: number): string => x.toFixed(4);

/** The report printed by `npm run eval:privacy` (Markdown tables). */
export function formatCorpusReport(ev: CorpusEvaluation): string {
  const lines: string[] = [];
  const types = [...new Set([...ev.scores.low.keys()])].sort();
  lines.push('| type | labels | P (all) | R (all) | F2 (all) | P (≥ medium) | R (≥ medium) | F2 (≥ medium) | P (high) | R (high) | F2 (high) |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const t of types) {
    const cols = thresholds.map((th) => {
      const s = ev.scores[th].get(t) ?? { tp: 0, fp: 0, fn: 0 };
      const m = metrics(s);
      return `${f4(m.precision)} | ${f4(m.recall)} | ${f4(m.f2)}`;
    });
    const s = ev.scores.low.get(t)!;
    lines.push(`| ${reportTypeNames[t]}${t === 'name' || t === 'address' ? ' (low by design)' : ''} | ${s.tp + s.fn} | ${cols.join(' | ')} |`);
  }
  lines.push('', '| trap (ID, card, mobile labels) | labels | found | found at high |', '|---|---:|---:|---:|');
  for (const [form, s] of [...ev.forms].sort()) lines.push(`| ${form} | ${s.labels} | ${s.found} | ${s.high} |`);
  lines.push(
    '',
    `negative documents: ${ev.negativeDocs}; flagged with a blocking finding: ${ev.negativeFlagged}; personal findings in them: high ${ev.negativeFindings.high}, medium ${ev.negativeFindings.medium}, low ${ev.negativeFindings.low}`,
    `USCC labels: ${ev.usccLabels}; reported as personal: ${ev.usccAsPersonal} (as an ID number: ${ev.usccAsPersonalId})`,
    `labels the extractor lost: ${ev.lostLabels}; findings not placeable in the extracted text: ${ev.unplaced}`,
    '',
    '| target | value | met |',
    '|---|---|---|',
    ...corpusTargets(ev).map((t) => `| ${t.name} | ${t.value} | ${t.met ? 'yes' : '**NO**'} |`),
  );
  return lines.join('\n');
}
