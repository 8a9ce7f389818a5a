/**
 * Search result snippets: a window of text around the first hit, HTML-escaped, with <mark>
 * around every highlight term. Pure code, no I/O.
 */

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

function termPattern(terms: string[]): RegExp | null {
  const usable = [...new Set(terms.map((t) => t.normalize('NFKC')).filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  if (!usable.length) return null;
  return new RegExp(usable.map((t) => t.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|'), 'giu');
}

/** Text for display: NFKC (full-width digits, PDF radicals) with runs of white space folded. */
function clean(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/** `text` escaped, with <mark>…</mark> around every occurrence of a term (case-insensitive). */
export function highlightHtml(text: string, terms: string[]): string {
  const t = clean(text);
  const re = termPattern(terms);
  if (!re) return escapeHtml(t);
  let out = '';
  let last = 0;
  for (const m of t.matchAll(re)) {
    const i = m.index;
    out += `${escapeHtml(t.slice(last, i))}<mark>${escapeHtml(m[0])}</mark>`;
    last = i + m[0].length;
  }
  return out + escapeHtml(t.slice(last));
}

/** Does `text` contain a term? */
export function containsTerm(text: string, terms: string[]): boolean {
  const re = termPattern(terms);
  return !!re && re.test(clean(text));
}

/** Options of {@link buildSnippet}. */
export interface SnippetOptions {
  /** Characters in the window (default 120). */
  width?: number;
  /** Characters shown before the first hit (default 30). */
  before?: number;
  /** The text is an excerpt that starts after the beginning of the source (show a leading …). */
  clippedStart?: boolean;
  /** The text is an excerpt that stops before the end of the source (show a trailing …). */
  clippedEnd?: boolean;
}

/**
 * About `width` characters of `text` around its first hit, escaped, terms marked; the start
 * of the text when nothing matches.
 */
export function buildSnippet(text: string, terms: string[], opts: SnippetOptions = {}): string {
  const width = opts.width ?? 120;
  const before = opts.before ?? 30;
  const chars = Array.from(clean(text)); // by code point: never split a surrogate pair
  const joined = chars.join('');
  const re = termPattern(terms);
  let hitAt = 0;
  if (re) {
    const m = re.exec(joined);
    if (m) hitAt = Array.from(joined.slice(0, m.index)).length;
  }
  let start = Math.max(0, hitAt - before);
  const end = Math.min(chars.length, start + width);
  start = Math.max(0, Math.min(start, end - width));
  const window = chars.slice(start, end).join('');
  const lead = start > 0 || opts.clippedStart ? '…' : '';
  const tail = end < chars.length || opts.clippedEnd ? '…' : '';
  return `${lead}${highlightHtml(window, terms)}${tail}`;
}
