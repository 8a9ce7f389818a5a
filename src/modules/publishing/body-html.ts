/**
 * The body of a government information item: rich text sanitized to a fixed set of tags so
 * that stored HTML is inert wherever it is shown (portal, admin console), and its plain text
 * for snippets and search. Pure, no I/O.
 */
import sanitizeHtml from 'sanitize-html';

const allowedTags = [
  'p', 'br', 'strong', 'b', 'em', 'i', 'u', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'a', 'img', 'span', 'sub', 'sup', 'hr',
];

/** Relative links to stored attachments are the only images allowed (no remote tracking pixels, no data:). */
const localFile = /^\/files\/[^\s"'<>\\?#]+$/u;

/** Links go to the web (http/https), to mail, or to an attachment of this site. */
const linkTarget = /^(https?:\/\/[^\s]+|mailto:[^\s]+|\/files\/[^\s]*)$/i;

const options: sanitizeHtml.IOptions = {
  allowedTags,
  allowedAttributes: {
    // rel/target are set by transformTags below, never taken from the input.
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'width', 'height'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  // Dropped together with their content: their text is never meant to be read.
  nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math'],
  disallowedTagsMode: 'discard',
  transformTags: {
    // Headings start at h2 (the page has its own h1); generic blocks become paragraphs.
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    div: 'p',
    section: 'p',
    article: 'p',
    a: (tagName, attribs) => {
      const { rel: _rel, target: _target, ...rest } = attribs;
      const href = rest.href?.trim() ?? '';
      if (!linkTarget.test(href) || href.includes('..')) delete rest.href;
      const external = /^https?:/i.test(href);
      return { tagName, attribs: external && rest.href ? { ...rest, rel: 'noopener noreferrer', target: '_blank' } : rest };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && (!localFile.test(frame.attribs.src ?? '') || (frame.attribs.src ?? '').includes('..')),
};

/** Numeric attributes of table cells and images must be small integers. */
function cleanNumbers(html: string): string {
  return html.replace(/\s(colspan|rowspan|width|height)="([^"]*)"/g, (m, name: string, value: string) =>
    /^\d{1,4}$/.test(value) ? m : '',
  );
}

/** Sanitized body HTML: allowed tags only, links http/https/mailto, images only `/files/…`, no styles or handlers. */
export function sanitizeBody(html: string): string {
  return cleanNumbers(sanitizeHtml(html, options)).trim();
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
    }
    return entities[e.toLowerCase()] ?? m;
  });
}

/** Plain text of (sanitized) body HTML: block elements become line breaks, whitespace is folded. */
export function bodyToText(html: string): string {
  const withBreaks = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|h[1-6]|li|tr|blockquote|table|caption)>/gi, '\n')
    .replace(/<\/(td|th)>/gi, ' ');
  const text = decodeEntities(sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {}, nonTextTags: ['style', 'script', 'textarea', 'noscript'] }));
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0\u3000]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
