/** Pieces shared by portal pages: item lists, pagination, the column tree, select boxes. Pure. */
import { html, type HtmlValue, type SafeHtml } from '../html.ts';
import { columnUrl, itemUrl } from '../urls.ts';
import { formatDate, isoChina } from './format.ts';

/** A column as the portal needs it. */
export interface ColumnView {
  id: string;
  parentId: string | null;
  slug: string;
  name: string;
  basis: string | null;
}

/** An item in a list. */
export interface ItemView {
  documentId: string;
  title: string;
  docNo: string | null;
  publishedAt: Date;
  agencyName?: string;
  agencySlug?: string;
  columnName?: string;
  columnSlug?: string;
}

/** A list of items, newest first, with date and (optionally) agency and column. */
export function itemList(items: readonly ItemView[], opts: { showAgency?: boolean; showColumn?: boolean; empty?: string } = {}): SafeHtml {
  if (!items.length) return html`<p class="empty">${opts.empty ?? '暂无信息'}</p>`;
  return html`<ul class="item-list">
${items.map(
  (i) => html`<li>
<a class="item-title" href="${itemUrl(i.documentId)}">${i.title}</a>
<span class="item-meta"><time datetime="${isoChina(i.publishedAt)}">${formatDate(i.publishedAt)}</time>${i.docNo ? html`<span class="doc-no">${i.docNo}</span>` : ''}${
    opts.showAgency && i.agencyName ? html`<span>${i.agencyName}</span>` : ''
  }${opts.showColumn && i.columnName && i.agencySlug && i.columnSlug ? html`<a href="${columnUrl(i.agencySlug, i.columnSlug)}">${i.columnName}</a>` : ''}</span>
</li>`,
)}
</ul>`;
}

/** Page numbers to show: first, last and a window around the current page; null marks a gap. */
export function pageWindow(page: number, pages: number, radius = 2): (number | null)[] {
  const out: (number | null)[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= radius) out.push(p);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

/** Pagination links (上一页, numbers, 下一页) with aria-current on the current page. */
export function pagination(page: number, pages: number, hrefFor: (p: number) => string): SafeHtml | '' {
  if (pages <= 1) return '';
  return html`<nav class="pagination" aria-label="分页">
<p class="page-status">第 ${page} 页，共 ${pages} 页</p>
<ul>
${page > 1 ? html`<li><a href="${hrefFor(page - 1)}" rel="prev">上一页</a></li>` : ''}
${pageWindow(page, pages).map((p) =>
  p === null
    ? html`<li class="gap" aria-hidden="true">…</li>`
    : p === page
      ? html`<li><a href="${hrefFor(p)}" aria-current="page"><span class="visually-hidden">第</span>${p}<span class="visually-hidden">页</span></a></li>`
      : html`<li><a href="${hrefFor(p)}"><span class="visually-hidden">第</span>${p}<span class="visually-hidden">页</span></a></li>`,
)}
${page < pages ? html`<li><a href="${hrefFor(page + 1)}" rel="next">下一页</a></li>` : ''}
</ul>
</nav>`;
}

/** The column tree of an agency's section, current column marked. */
export function columnNav(agencySlug: string, columns: readonly ColumnView[], currentId: string | null): SafeHtml {
  const roots = columns.filter((c) => c.parentId === null);
  const link = (c: ColumnView) => html`<a href="${columnUrl(agencySlug, c.slug)}"${c.id === currentId ? html` aria-current="page"` : ''}>${c.name}</a>`;
  return html`<nav class="column-nav" aria-label="政府信息公开栏目">
<h2 class="nav-title">政府信息公开</h2>
<ul>
${roots.map((r) => {
  const children = columns.filter((c) => c.parentId === r.id);
  return html`<li>${link(r)}${children.length ? html`<ul>${children.map((c) => html`<li>${link(c)}</li>`)}</ul>` : ''}</li>`;
})}
</ul>
</nav>`;
}

/** A labelled <select>. */
export function selectField(opts: { id: string; name: string; label: string; value: string | undefined; options: readonly { value: string; label: string }[] }): SafeHtml {
  return html`<div class="field">
<label for="${opts.id}">${opts.label}</label>
<select id="${opts.id}" name="${opts.name}">
${opts.options.map((o) => html`<option value="${o.value}"${o.value === (opts.value ?? '') ? html` selected` : ''}>${o.label}</option>`)}
</select>
</div>`;
}

/** A notice box (role=status for information, role=alert is not used: nothing changes dynamically). */
export function notice(kind: 'info' | 'warning', content: HtmlValue): SafeHtml {
  return html`<div class="notice notice-${kind}">${content}</div>`;
}
