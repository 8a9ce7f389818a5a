/**
 * `npm run eval:privacy [-- --docs N --seed S --formats txt,docx,xlsx,pdf]`: generates the labelled
 * corpus (N documents, default 120, each rendered as TXT, DOCX, XLSX and PDF, in memory; seed
 * fixed), runs the real file scanner on every file and prints per-type precision, recall and F2
 * (span match: IoU ≥ 0.9 in the extracted text; see src/modules/privacy/testing/corpus-eval.ts),
 * recall per trap, the negative-corpus figures and the targets. Exit code 1 when a target
 * is missed. An evaluation, not a test: the CI guard is src/modules/privacy/evaluation.test.ts.
 */
import { parseArgs } from 'node:util';
import { generateCorpusDocs } from '../src/modules/privacy/testing/documents.ts';
import { buildLabelledFile, corpusFormats, type CorpusFormat, type LabelledFile } from '../src/modules/privacy/testing/corpus-files.ts';
import { corpusTargets, evaluateCorpus, formatCorpusReport } from '../src/modules/privacy/testing/corpus-eval.ts';

const { values } = parseArgs({
  options: { docs: { type: 'string', default: '120' }, seed: { type: 'string', default: '20250312' }, formats: { type: 'string', default: corpusFormats.join(',') } },
});
const count = Number(values.docs);
const seed = Number(values.seed);
const formats = values.formats.split(',').filter((f): f is CorpusFormat => (corpusFormats as readonly string[]).includes(f));
const now = new Date('2026-03-01T00:00:00Z');

const t0 = performance.now();
const docs = generateCorpusDocs(seed, count);
const files: LabelledFile[] = [];
for (const format of formats) {
  for (const [i, doc] of docs.entries()) files.push(await buildLabelledFile(doc, format, seed + i));
}
const built = performance.now() - t0;
const ev = await evaluateCorpus(files, now);
const labels = files.reduce((n, f) => n + f.labels.length, 0);
console.log(
  `privacy evaluation: seed ${seed}, ${count} documents × ${formats.join('/')} = ${files.length} files (${docs.filter((d) => !d.personal).length * formats.length} without personal data), ${labels} labels; corpus built in ${(built / 1000).toFixed(1)} s, Node ${process.version}`,
);
console.log(Object.entries(ev.byFormat).map(([f, s]) => `${f}: ${s.files} files, ${(s.bytes / 1024 / s.files).toFixed(0)} KB avg, scanned ${(s.ms / s.files).toFixed(1)} ms/file`).join('; '));
console.log('');
console.log(formatCorpusReport(ev));
if (ev.examples.missedHigh.length) console.log(`\nmissed at high confidence (first ${ev.examples.missedHigh.length}):\n  ${ev.examples.missedHigh.join('\n  ')}`);
if (ev.examples.falseBlocking.length) console.log(`\nfalse blocking findings (first ${ev.examples.falseBlocking.length}):\n  ${ev.examples.falseBlocking.join('\n  ')}`);
const missed = corpusTargets(ev).filter((t) => !t.met);
if (missed.length) {
  console.log(`\n${missed.length} target(s) missed: ${missed.map((t) => t.name).join('; ')}`);
  process.exitCode = 1;
}
