/**
 * A tiny HTML template with auto-escaping: every value interpolated into `html\`…\`` is escaped
 * unless it is already SafeHtml (another template, or `raw()` around HTML we trust: the
 * sanitized body, a search snippet built by the search module). Pure code, no I/O.
 */

/** HTML that is safe to insert as is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated: text (escaped), numbers, safe HTML, lists of those; null/undefined/false render nothing. */
export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and (quoted) attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => entities[c]!);
}

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return (v as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(v));
}

/** Tagged template: `html\`<p>${text}</p>\`` escapes `text`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Marks trusted HTML (never user input that was not sanitized). */
export function raw(s: string): SafeHtml {
  return new SafeHtml(s);
}

/** Joins fragments with a separator (both escaped unless SafeHtml). */
export function join(parts: readonly HtmlValue[], sep: HtmlValue = ''): SafeHtml {
  return new SafeHtml(parts.map(render).join(render(sep)));
}

/** Escapes text for XML (Atom, sitemaps): the same five entities. */
export const escapeXml = escapeHtml;
