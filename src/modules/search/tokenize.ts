/**
 * Chinese-aware tokens for PostgreSQL's 'simple' text search configuration (STACK.md: no
 * zhparser or pg_bigm here). A document is indexed as jieba search-mode words plus every CJK
 * unigram and bigram, so 1- and 2-character queries (税, 预算, 低保) match whatever jieba did
 * with the surrounding text. Pure code, no I/O.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const cjkRun = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
const wordToken = /^[\p{L}\p{N}]+$/u;

/** NFKC (full-width digits, radical code points from PDFs) and lower case. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Text beyond this many characters is not indexed (a tsvector is limited to 1 MB). */
export const maxIndexedChars = 200_000;

/** Space-separated lexemes of `text` for `to_tsvector('simple', …)`. */
export function documentTokens(text: string): string {
  const t = normalizeText(text.length > maxIndexedChars ? text.slice(0, maxIndexedChars) : text);
  const out: string[] = [];
  for (const w of segmenter().cutForSearch(t, true)) if (wordToken.test(w)) out.push(w);
  for (const m of t.matchAll(cjkRun)) {
    const run = m[0];
    for (let i = 0; i < run.length; i++) {
      out.push(run[i]!);
      if (i + 1 < run.length) out.push(run.slice(i, i + 2));
    }
  }
  return out.join(' ');
}

/** Escapes a lexeme for to_tsquery. */
function lexeme(w: string): string {
  return `'${w.replace(/['\\]/g, '')}'`;
}

/**
 * A to_tsquery('simple', …) expression for a user's query, or null when nothing searchable
 * remains. Each CJK run matches by its jieba words OR by all its bigrams (so segmentation
 * differences between query and document never lose a hit); other words must all match.
 */
export function queryExpression(query: string): string | null {
  const q = normalizeText(query).slice(0, 100);
  const clauses: string[] = [];
  for (const part of q.split(/[^\p{L}\p{N}]+/u).filter(Boolean)) {
    // Split a part into CJK runs and the rest (e.g. "2025年预算" → "2025", "年预算").
    const pieces = part.match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu) ?? [];
    for (const piece of pieces) {
      if (!cjkRun.test(piece)) {
        cjkRun.lastIndex = 0;
        clauses.push(lexeme(piece));
        continue;
      }
      cjkRun.lastIndex = 0;
      if (piece.length <= 2) {
        clauses.push(lexeme(piece));
        continue;
      }
      const words = segmenter().cut(piece, true).filter((w) => wordToken.test(w));
      const bigrams: string[] = [];
      for (let i = 0; i + 1 < piece.length; i++) bigrams.push(piece.slice(i, i + 2));
      clauses.push(`((${words.map(lexeme).join(' & ')}) | (${bigrams.map(lexeme).join(' & ')}))`);
    }
  }
  return clauses.length ? clauses.join(' & ') : null;
}

/** Words to highlight in snippets: the query's CJK runs and words, longest first. */
export function highlightTerms(query: string): string[] {
  const q = normalizeText(query).slice(0, 100);
  const terms = new Set<string>();
  for (const part of q.split(/[^\p{L}\p{N}]+/u).filter(Boolean)) {
    terms.add(part);
    if (part.length > 2 && /[\u4e00-\u9fff]/u.test(part)) for (const w of segmenter().cut(part, true)) if (w.length >= 2) terms.add(w);
  }
  return [...terms].sort((a, b) => b.length - a.length);
}
