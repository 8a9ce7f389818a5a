/**
 * A saved web page (or mammoth's HTML of a DOCX) → tokens. A small tolerant parser: real
 * pages leave `<td>`, `<tr>` and `<p>` unclosed, nest the report in layout tables, spell
 * spaces as &nbsp; and wrap every cell's text in <p><span>. Tables without nested tables are
 * data tables: each cell becomes one token, row by row; the grid (rowspan/colspan) is
 * computed so that every cell knows its position. Tables that hold other tables are layout:
 * their cells are read as ordinary content.
 */
import { decodeBytes } from './decode.ts';
import { normalizeText, tidyText } from './normalize.ts';
import type { SourceDocument, Token } from './tokens.ts';

interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = Element | string;

const VOID = new Set(['br', 'img', 'hr', 'meta', 'link', 'input', 'col', 'wbr', 'area', 'base', 'source', 'embed', 'param', 'track']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'select', 'button', 'textarea']);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'nav', 'aside', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'form', 'fieldset', 'address', 'figure', 'figcaption',
  'table', 'caption', 'center', 'title', 'body', 'html',
]);

const NAMED: Record<string, string> = {
  nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’',
  mdash: '—', ndash: '–', hellip: '…', middot: '·', emsp: '\u2003', ensp: '\u2002', thinsp: '\u2009', times: '×',
  divide: '÷', yen: '¥', copy: '©', reg: '®', deg: '°', plusmn: '±', bull: '•', laquo: '«', raquo: '»', zwj: '',
  zwnj: '', shy: '', ideographicspace: '\u3000', minus: '−', frac12: '½', sect: '§', permil: '‰',
};

/** Decodes character references (&nbsp; &#65296; &#xFF10; …). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);?/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    const named = NAMED[ref.toLowerCase()];
    return named ?? m;
  });
}

function parseAttrs(s: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of s.matchAll(/([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const name = (m[1] ?? '').toLowerCase();
    attrs[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/** Parses HTML into a tree, closing what real pages leave open. */
function parseTree(html: string): Element {
  const root: Element = { tag: '#root', attrs: {}, children: [] };
  const stack: Element[] = [root];
  const top = () => stack[stack.length - 1] ?? root;
  const closeUntil = (tags: string[], stopAt: string[]) => {
    for (let i = stack.length - 1; i > 0; i--) {
      const tag = stack[i]?.tag ?? '';
      if (stopAt.includes(tag)) return;
      if (tags.includes(tag)) {
        stack.length = i;
        return;
      }
    }
  };
  const re = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\?[^>]*>|<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    if (m.index > last) top().children.push(decodeEntities(html.slice(last, m.index)));
    last = re.lastIndex;
    const tag = (m[2] ?? '').toLowerCase();
    if (!tag) continue;
    const closing = m[1] === '/';
    if (!closing && SKIP.has(tag)) {
      // Skip the raw content up to the matching end tag.
      const end = html.toLowerCase().indexOf(`</${tag}`, last);
      const stop = end < 0 ? html.length : end;
      const close = html.indexOf('>', stop);
      last = close < 0 ? html.length : close + 1;
      re.lastIndex = last;
      continue;
    }
    if (closing) {
      if (tag === 'br') top().children.push({ tag: 'br', attrs: {}, children: [] });
      const stopAt = tag === 'td' || tag === 'th' || tag === 'tr' ? ['table'] : [];
      closeUntil([tag], stopAt);
      continue;
    }
    // Implied end tags.
    if (tag === 'td' || tag === 'th') closeUntil(['td', 'th'], ['tr', 'table']);
    else if (tag === 'tr') closeUntil(['tr'], ['table', 'tbody', 'thead', 'tfoot']);
    else if (tag === 'tbody' || tag === 'thead' || tag === 'tfoot') closeUntil(['tbody', 'thead', 'tfoot'], ['table']);
    else if (tag === 'p') closeUntil(['p'], ['td', 'th', 'table', 'div', 'li']);
    else if (tag === 'li') closeUntil(['li'], ['ul', 'ol', 'table']);
    const el: Element = { tag, attrs: parseAttrs(m[3] ?? ''), children: [] };
    top().children.push(el);
    const selfClosing = /\/\s*$/.test(m[3] ?? '');
    if (!VOID.has(tag) && !selfClosing) stack.push(el);
  }
  if (last < html.length) top().children.push(decodeEntities(html.slice(last)));
  return root;
}

function hasTable(el: Element): boolean {
  return el.children.some((c) => typeof c !== 'string' && (c.tag === 'table' || hasTable(c)));
}

/** Rows of a table (through thead/tbody/tfoot, not into nested tables). */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  const walk = (el: Element) => {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      if (c.tag === 'tr') rows.push(c);
      else if (c.tag === 'thead' || c.tag === 'tbody' || c.tag === 'tfoot') walk(c);
    }
  };
  walk(table);
  return rows;
}

function rowCells(tr: Element): Element[] {
  return tr.children.filter((c): c is Element => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th'));
}

/** Text of an element; line breaks between blocks become spaces (a cell's label may wrap). */
function textOf(node: Node): string {
  if (typeof node === 'string') return node;
  if (node.tag === 'br') return ' ';
  if (SKIP.has(node.tag)) return '';
  const inner = node.children.map(textOf).join('');
  return BLOCK.has(node.tag) ? ` ${inner} ` : inner;
}

function span(attr: string | undefined): number {
  const n = Number.parseInt(attr ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1;
}

/** One cell of a table grid. */
export interface GridCell {
  /** The cell's text, whitespace tidied. */
  text: string;
  /** Top-left position in the grid. */
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
}

/** Places the cells of a table on a grid, honouring rowspan and colspan. */
export function layoutGrid(rows: Array<Array<{ text: string; rowspan?: number; colspan?: number }>>): GridCell[] {
  const taken = new Set<string>();
  const cells: GridCell[] = [];
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken.has(`${r},${c}`)) c++;
      const rowspan = cell.rowspan ?? 1;
      const colspan = cell.colspan ?? 1;
      for (let dr = 0; dr < rowspan; dr++) for (let dc = 0; dc < colspan; dc++) taken.add(`${r + dr},${c + dc}`);
      cells.push({ text: cell.text, row: r, col: c, rowspan, colspan });
      c += colspan;
    }
  });
  return cells;
}

/** The data tables of a page as grids (for tests and diagnostics). */
export function htmlTables(html: string): GridCell[][] {
  const out: GridCell[][] = [];
  const walk = (el: Element) => {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      if (c.tag === 'table' && !hasTable(c)) {
        out.push(
          layoutGrid(
            tableRows(c).map((tr) =>
              rowCells(tr).map((td) => ({ text: tidyText(textOf(td)), rowspan: span(td.attrs.rowspan), colspan: span(td.attrs.colspan) })),
            ),
          ),
        );
      } else walk(c);
    }
  };
  walk(parseTree(html));
  return out;
}

/** Tokens of an HTML document (already decoded). */
export function readHtmlString(html: string, format: 'html' | 'docx' = 'html'): SourceDocument {
  const tree = parseTree(html);
  const tokens: Token[] = [];
  let titleHint: string | undefined;
  let line = '';
  const flush = () => {
    const t = tidyText(line);
    if (t) tokens.push({ text: normalizeText(t), raw: t, kind: 'text' });
    line = '';
  };
  const walk = (node: Node) => {
    if (typeof node === 'string') {
      line += node;
      return;
    }
    if (SKIP.has(node.tag)) return;
    if (node.tag === 'title') {
      titleHint ??= tidyText(textOf(node));
      return;
    }
    if (node.tag === 'head') {
      node.children.forEach((c) => typeof c !== 'string' && c.tag === 'title' && walk(c));
      return;
    }
    if (node.tag === 'br') {
      flush();
      return;
    }
    if (node.tag === 'table' && !hasTable(node)) {
      flush();
      const grid = layoutGrid(
        tableRows(node).map((tr) =>
          rowCells(tr).map((td) => ({ text: tidyText(textOf(td)), rowspan: span(td.attrs.rowspan), colspan: span(td.attrs.colspan) })),
        ),
      );
      for (const cell of grid) {
        tokens.push({ text: normalizeText(cell.text), raw: cell.text, kind: 'cell', rowspan: cell.rowspan });
      }
      return;
    }
    const block = BLOCK.has(node.tag) || node.tag === 'td' || node.tag === 'th' || node.tag === 'tr';
    if (block) flush();
    node.children.forEach(walk);
    if (block) flush();
  };
  walk(tree);
  flush();
  return { format, tokens, ...(titleHint ? { titleHint } : {}) };
}

/** Tokens of an HTML file: the charset comes from the BOM, a <meta> declaration, or a guess. */
export function readHtmlDocument(bytes: Uint8Array): SourceDocument {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1];
  return readHtmlString(decodeBytes(bytes, declared));
}
