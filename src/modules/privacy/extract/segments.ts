/**
 * The common shape every extractor produces: segments of text built from pieces. A piece is
 * either an editable text node of the file (a DOCX `<w:t>`, an XLSX cell, an HTML text node) or
 * a separator the extractor inserted (tab between cells, line break between rows). Scanning a
 * whole segment keeps what the detectors need (a DOCX paragraph whose number is split across
 * runs, a table's header row for column context); masking maps the masked segment back onto
 * the nodes, so the file is edited in place. Pure code, no I/O.
 */
import { scanText, type ScanOptions } from '../scan.ts';
import { defaultMaskPolicy, maskValue, type MaskPolicy } from '../masking.ts';
import type { Finding, FindingLocation } from '../types.ts';

/** One piece of a segment's text. */
export interface Piece {
  text: string;
  /** Index of the editable node the text comes from; absent for separators the extractor inserted. */
  node?: number;
  /** Where this piece is, more precisely than the segment (a table cell). */
  location?: FindingLocation;
}

/** A run of text scanned in one go (a paragraph, a table, a sheet, a page). */
export interface Segment {
  location: FindingLocation;
  pieces: Piece[];
}

/** Something the scanner cannot read and a person must look at (a scanned page, an image). */
export interface ManualReviewItem {
  location: FindingLocation;
  /** Why, in Chinese, for the reviewer. */
  reason: string;
}

/** The text of a segment. */
export function segmentText(seg: Segment): string {
  return seg.pieces.map((p) => p.text).join('');
}

/** Start offset of every piece in the segment text. */
function pieceStarts(seg: Segment): number[] {
  const starts: number[] = [];
  let pos = 0;
  for (const p of seg.pieces) {
    starts.push(pos);
    pos += p.text.length;
  }
  return starts;
}

/** Index of the piece containing `offset` (binary search over the starts). */
function pieceAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A finding whose offsets are relative to its segment text, tied to that segment. */
export interface SegmentFinding {
  segment: number;
  finding: Finding;
}

/**
 * Scans every segment. Each finding's `start`/`end` are offsets in its segment's text and its
 * `location` is the segment's, refined by the piece where the finding starts (the cell).
 */
export function scanSegments(segments: readonly Segment[], options: ScanOptions): SegmentFinding[] {
  const out: SegmentFinding[] = [];
  segments.forEach((seg, i) => {
    const text = segmentText(seg);
    if (!text.trim()) return;
    const starts = pieceStarts(seg);
    // Newlines are counted once over the segment (findings come in text order), not from the
    // start for each finding: a large text file with many findings stays linear.
    let counted = 0;
    let lines = 0;
    for (const f of scanText(text, options)) {
      const piece = seg.pieces[pieceAt(starts, f.start)]!;
      const location = { ...seg.location, ...piece.location };
      if (seg.location.line !== undefined) {
        // Line-based segments (HTML, text): the line of the finding within the segment.
        if (f.start < counted) [counted, lines] = [0, 0];
        lines += countNewlines(text, counted, f.start);
        counted = f.start;
        location.line = seg.location.line + lines;
      }
      out.push({ segment: i, finding: { ...f, location } });
    }
  });
  return out;
}

function countNewlines(text: string, from: number, end: number): number {
  let n = 0;
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * The new text of every node touched by `findings` (offsets in the segment's text), masked
 * under `policy`. A mask that keeps the value's length is spread character by character over
 * the nodes the value spans (a number split across DOCX runs stays split); a `remove` rule
 * puts its replacement in the first node of the value and empties the rest.
 */
export function maskSegmentNodes(seg: Segment, findings: readonly Finding[], policy: MaskPolicy = defaultMaskPolicy): Map<number, string> {
  const text = segmentText(seg);
  // UTF-16 units: masks replace one unit for one (Chinese text is in the BMP).
  const chars: string[] = text.split('');
  const starts = pieceStarts(seg);
  const nodeOf = (offset: number): number | undefined => seg.pieces[pieceAt(starts, offset)]!.node;
  const touched = new Set<number>();
  for (const f of findings) {
    if (text.slice(f.start, f.end) !== f.text) throw new RangeError(`脱敏失败：发现项与文本不一致（${f.start}–${f.end}），请重新扫描`);
    const masked = maskValue(f, policy);
    if (masked === f.text) continue;
    for (let i = f.start; i < f.end; i++) {
      const n = nodeOf(i);
      if (n !== undefined) touched.add(n);
    }
    if (masked.length === f.text.length) {
      for (let i = f.start; i < f.end; i++) chars[i] = masked[i - f.start]!;
    } else {
      let first = -1;
      for (let i = f.start; i < f.end; i++) {
        if (first < 0 && nodeOf(i) !== undefined) {
          first = i;
          chars[i] = masked;
        } else if (nodeOf(i) !== undefined) chars[i] = '';
      }
    }
  }
  const out = new Map<number, string>();
  seg.pieces.forEach((p, k) => {
    if (p.node === undefined || !touched.has(p.node)) return;
    const s = starts[k]!;
    out.set(p.node, (out.get(p.node) ?? '') + chars.slice(s, s + p.text.length).join(''));
  });
  return out;
}

/** Groups segment findings by segment index. */
export function bySegment(found: readonly SegmentFinding[]): Map<number, Finding[]> {
  const m = new Map<number, Finding[]>();
  for (const { segment, finding } of found) {
    const list = m.get(segment) ?? [];
    list.push(finding);
    m.set(segment, list);
  }
  return m;
}
