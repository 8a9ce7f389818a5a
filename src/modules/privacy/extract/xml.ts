/**
 * A small, tolerant tag scanner for the XML parts of Office files and for sanitized HTML: it
 * reports tags and text with their offsets in the source so that text nodes can be rewritten in
 * place (styles, attributes and every other byte of the part stay as they were). Pure code.
 */

/** One tag of the source. */
export interface Tag {
  /** Qualified name as written (`w:t`, `td`). */
  name: string;
  /** true for `</x>`. */
  closing: boolean;
  /** true for `<x/>`. */
  selfClosing: boolean;
  /** Raw attribute text. */
  attrs: string;
  /** Offset of `<`. */
  start: number;
  /** Offset after `>`. */
  end: number;
}

const tagPattern = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

/** Calls `onTag` for every element tag in order (comments, CDATA, declarations skipped). */
export function forEachTag(source: string, onTag: (tag: Tag) => void): void {
  tagPattern.lastIndex = 0;
  for (let m = tagPattern.exec(source); m; m = tagPattern.exec(source)) {
    if (m[2] === undefined) continue;
    onTag({ name: m[2], closing: m[1] === '/', selfClosing: m[4] === '/', attrs: m[3] ?? '', start: m.index, end: m.index + m[0].length });
  }
}

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes XML / HTML character references. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (all, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return named[ref] ?? all;
  });
}

/** Escapes text for an XML / HTML text node. */
export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The value of attribute `name` in raw attribute text, decoded, or undefined. */
export function attr(attrs: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|\\s)${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*("([^"]*)"|'([^']*)')`);
  const m = re.exec(attrs);
  return m ? decodeEntities(m[2] ?? m[3] ?? '') : undefined;
}

/** A range of the source to replace. */
export interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** `source` with the (non-overlapping) replacements applied. */
export function applyReplacements(source: string, replacements: readonly Replacement[]): string {
  const sorted = [...replacements].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let pos = 0;
  for (const r of sorted) {
    if (r.start < pos) throw new RangeError('overlapping replacements');
    parts.push(source.slice(pos, r.start), r.text);
    pos = r.end;
  }
  parts.push(source.slice(pos));
  return parts.join('');
}
