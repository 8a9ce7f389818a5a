/**
 * Plain text copied from a web page. Four table shapes occur:
 *  - one cell per line ending in `|`, a bare `|` line starting each row, trailing `||…`
 *    padding (the seed report); a cell left empty is a line of whitespace and `|`;
 *  - tab-separated rows (copying a table from a browser into an editor);
 *  - Markdown rows `| a | b |`;
 *  - a label followed by space-separated numbers, or numbers alone (copied from a PDF).
 * Other lines are paragraphs.
 */
import { decodeBytes } from './decode.ts';
import { normalizeText, tidyText } from './normalize.ts';
import type { SourceDocument, Token } from './tokens.ts';

function cell(raw: string): Token {
  const t = tidyText(raw);
  return { text: normalizeText(t), raw: t, kind: 'cell' };
}

/**
 * Splits "label 1 0 0" (or "0 0 0") into the label and the numbers. Only when the numbers are
 * separated from the label and from each other by whitespace, and the label does not end in a
 * measure word or year (a sentence such as "…申请 1 件" is not a row).
 */
function labelAndNumbers(line: string): [string, string[]] | null {
  const m = /^(.*?)((?:\s+|^)-?\d+(?:\.\d+)?(?:\s+-?\d+(?:\.\d+)?)*)\s*$/.exec(line);
  if (!m) return null;
  const label = (m[1] ?? '').trim();
  const numbers = (m[2] ?? '').trim().split(/\s+/);
  if (label && !/\s$/.test(m[1] ?? '') && !/^\s/.test(m[2] ?? '')) return null;
  if (/[年月日号第]$/.test(label)) return null;
  return [label, numbers];
}

/** Tokens of a copied-text report. */
export function readTextDocument(bytes: Uint8Array): SourceDocument {
  const lines = decodeBytes(bytes).split(/\r\n|\r|\n/);
  const tokens: Token[] = [];
  for (const line of lines) {
    if (/^\|[\s|]*$/.test(line)) {
      tokens.push({ text: '', raw: '', kind: 'sep' });
    } else if (/^\s+\|[\s|]*$/.test(line)) {
      tokens.push(cell(''));
    } else if (/^\s*\|.*\|\s*$/.test(line) && line.split('|').length > 3) {
      // Markdown row; a separator row |---|---| carries no cells.
      const parts = line.trim().slice(1, -1).split('|');
      if (parts.every((p) => /^\s*:?-{2,}:?\s*$/.test(p))) continue;
      tokens.push({ text: '', raw: '', kind: 'sep' });
      for (const p of parts) tokens.push(cell(p));
    } else if (/\|[\s|]*$/.test(line)) {
      tokens.push(cell(line.replace(/\s*\|[\s|]*$/, '')));
    } else if (line.includes('\t')) {
      tokens.push({ text: '', raw: '', kind: 'sep' });
      for (const p of line.split('\t')) tokens.push(cell(p));
    } else if (labelAndNumbers(line)) {
      // A row copied from a PDF or a text rendering: "一、本年新收… 1 0 0 0 0 0 1".
      const [label, numbers] = labelAndNumbers(line) ?? ['', []];
      tokens.push({ text: '', raw: '', kind: 'sep' });
      if (label) tokens.push(cell(label));
      for (const n of numbers) tokens.push(cell(n));
    } else if (line.trim()) {
      const t = tidyText(line);
      tokens.push({ text: normalizeText(t), raw: t, kind: 'text' });
    }
  }
  return { format: 'text', tokens };
}
