/**
 * Privacy scan throughput on plain text (not a test; never gates CI on time):
 *   node bin/run-ts.mjs bench/privacy-scan.bench.ts [MB]
 * Builds MB megabytes (UTF-8, default 8) of realistic text — the negative corpus (reports,
 * budgets, tables, 文号) with generated 公示 documents full of IDs, phones and cards mixed in —
 * and prints MB/s for scanText on 1 MB chunks and on the whole text at once, next to a single
 * precompiled regular-expression pass over the same text (the floor the issue asks to compare with),
 * and for 1 MB of ordinary government text alone. One core; best of 5 runs after a warm-up.
 */
import fc from 'fast-check';
import { scanText } from '../src/modules/privacy/index.ts';
import { labelledDoc } from '../src/modules/privacy/testing/generators.ts';
import { negativeCorpus } from '../src/modules/privacy/testing/negative-corpus.ts';

const targetMb = Number(process.argv[2] ?? 8);
const MB = 1024 * 1024;
const now = new Date('2026-03-01T00:00:00Z');

function buildText(bytes: number): string {
  const positives = fc.sample(labelledDoc, { seed: 7, numRuns: 400 }).map((d) => d.text);
  const negatives = negativeCorpus.map((d) => d.text);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    // About one personal document per four ordinary ones.
    const part = i % 5 === 4 ? positives[i % positives.length]! : negatives[i % negatives.length]!;
    parts.push(part, '\n');
    size += Buffer.byteLength(part) + 1;
  }
  return parts.join('');
}

/** Splits text into pieces of about `bytes` UTF-8 bytes, at line ends. */
function chunks(text: string, bytes: number): string[] {
  const out: string[] = [];
  let start = 0;
  const approxChars = Math.floor((text.length * bytes) / Buffer.byteLength(text));
  while (start < text.length) {
    let end = Math.min(text.length, start + approxChars);
    const nl = text.indexOf('\n', end);
    end = nl === -1 ? text.length : nl + 1;
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

/**
 * Runs `fn` `runs` times after a warm-up and prints MB/s from the best run, by wall time and by
 * this process's CPU time (the CPU figure stays meaningful on a busy machine).
 */
function time(label: string, bytes: number, fn: () => number, runs = 5): void {
  for (let i = 0; i < 3; i++) fn(); // let the JIT settle
  let bestWall = Infinity;
  let bestCpu = Infinity;
  let count = 0;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    count = fn();
    bestWall = Math.min(bestWall, Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    bestCpu = Math.min(bestCpu, (c.user + c.system) / 1000);
  }
  const mbps = (ms: number): string => (bytes / MB / (ms / 1000)).toFixed(1).padStart(7);
  console.log(`${label.padEnd(44)} ${mbps(bestWall)} MB/s wall ${mbps(bestCpu)} MB/s cpu  (${bestWall.toFixed(0)} ms, ${count} hits)`);
}

const text = buildText(targetMb * MB);
const bytes = Buffer.byteLength(text);
const pieces = chunks(text, MB);
console.log(`privacy scan: ${(bytes / MB).toFixed(1)} MB UTF-8 (${text.length.toLocaleString()} UTF-16 units), ${pieces.length} chunks of ~1 MB, Node ${process.version}`);

const floor = /(?<![0-9])1[3-9]\d{9}(?![0-9])|(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])|(?<![0-9])62\d{14,17}(?![0-9])/g;
time('floor: one precompiled regex pass', bytes, () => {
  let n = 0;
  for (const p of pieces) {
    floor.lastIndex = 0;
    while (floor.exec(p)) n++;
  }
  return n;
});
time('scanText, 1 MB chunks', bytes, () => pieces.reduce((n, p) => n + scanText(p, { now }).length, 0));
time('scanText, whole text in one call', bytes, () => scanText(text, { now }).length);
const ordinary = negativeCorpus.map((d) => d.text).join('\n');
const plain = ordinary.repeat(Math.ceil(MB / Buffer.byteLength(ordinary)));
time('scanText, 1 MB of ordinary text (no findings)', Buffer.byteLength(plain), () => scanText(plain, { now }).length);
