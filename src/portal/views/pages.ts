/**
 * The portal pages as pure functions of typed view models: home, an agency's 政府信息公开
 * section, a column list, an item's detail (and historical version, print view), the
 * withdrawal notice, search, and error pages. Every value is escaped by `html`; only the
 * sanitized body and the search module's snippets go in as SafeHtml.
 */
import { html, raw, type SafeHtml } from '../html.ts';
import { columnUrl, fileUrl, homeUrl, itemUrl, noticePdfUrl, printUrl, qrUrl, searchUrl, sectionUrl, versionUrl } from '../urls.ts';
import { columnNav, itemList, notice, pagination, selectField, type ColumnView, type ItemView } from './components.ts';
import { chineseDate, docTypeName, fileTypeName, formatDate, formatDateTime, formatSize, isoChina, validityName } from './format.ts';
import { renderPage, renderPrintPage, type FooterInfo, type NavLink, type SiteInfo } from './layout.ts';

/** What every page gets from the request. */
export interface PageBase {
  site: SiteInfo;
  footer: FooterInfo;
  elder: boolean;
  /** Path and query of the page. */
  path: string;
}

/** An agency as the portal shows it. */
export interface AgencyView {
  id: string;
  slug: string;
  name: string;
  kind: string;
  parentId: string | null;
  /** Public contacts (办公地址, 办公时间, 联系电话 …). */
  settings: Record<string, string | undefined>;
}

function platformNav(current: 'home' | 'search' | null, platform: AgencyView | null): NavLink[] {
  return [
    { label: '首页', href: homeUrl, current: current === 'home' },
    ...(platform ? [{ label: '政府信息公开', href: sectionUrl(platform.slug) }] : []),
    { label: '信息检索', href: searchUrl(), current: current === 'search' },
  ];
}

function agencyNav(agency: AgencyView, columns: readonly ColumnView[], current: { section?: boolean; rootId?: string | null }): NavLink[] {
  return [
    { label: '首页', href: homeUrl },
    { label: '公开专栏', href: sectionUrl(agency.slug), current: !!current.section },
    ...columns.filter((c) => c.parentId === null).map((c) => ({ label: c.name, href: columnUrl(agency.slug, c.slug), current: c.id === current.rootId })),
    { label: '信息检索', href: searchUrl({ agency: agency.slug }) },
  ];
}

function searchForm(opts: { q: string; id: string; agencySlug?: string | undefined; big?: boolean }): SafeHtml {
  return html`<form class="search-form${opts.big ? ' search-form-big' : ''}" role="search" action="${searchUrl()}" method="get">
<label for="${opts.id}">搜索政府信息</label>
<div class="search-row">
<input id="${opts.id}" name="q" type="search" maxlength="100" value="${opts.q}" placeholder="输入标题、正文、文号或索引号中的词语">
${opts.agencySlug ? html`<input type="hidden" name="agency" value="${opts.agencySlug}">` : ''}
<button type="submit">搜索</button>
</div>
</form>`;
}

// ---------------------------------------------------------------- home

/** Data of the home page. */
export interface HomeView extends PageBase {
  /** The county (platform) agency, shown first. */
  platform: AgencyView | null;
  agencies: AgencyView[];
  latest: ItemView[];
}

const kindOrder: Record<string, number> = { county: 0, department: 1, township: 2 };

/** Agencies as a tree: top-level ones (county first), each with its children grouped by kind. */
export function agencyTree(agencies: readonly AgencyView[]): { agency: AgencyView; children: AgencyView[] }[] {
  const ids = new Set(agencies.map((a) => a.id));
  const roots = agencies.filter((a) => a.parentId === null || !ids.has(a.parentId));
  roots.sort((a, b) => (kindOrder[a.kind] ?? 9) - (kindOrder[b.kind] ?? 9));
  return roots.map((agency) => ({
    agency,
    children: agencies.filter((a) => a.parentId === agency.id).sort((a, b) => (kindOrder[a.kind] ?? 9) - (kindOrder[b.kind] ?? 9)),
  }));
}

/** `/`: agencies, latest items, search box. */
export function homePage(v: HomeView): string {
  const tree = agencyTree(v.agencies);
  const main = html`<h1 class="page-title">${v.site.siteName}政府信息公开平台</h1>
${searchForm({ q: '', id: 'home-q', big: true })}
<div class="home-grid">
<section class="panel" aria-labelledby="latest-title">
<h2 id="latest-title">最新公开信息</h2>
${itemList(v.latest, { showAgency: true })}
<p class="more"><a href="/feed.xml">订阅最新信息（Atom）</a></p>
</section>
<section class="panel" aria-labelledby="agencies-title">
<h2 id="agencies-title">各单位政府信息公开专栏</h2>
${
  tree.length
    ? html`<ul class="agency-tree">
${tree.map(
  (t) => html`<li><a href="${sectionUrl(t.agency.slug)}">${t.agency.name}</a>${
    t.children.length
      ? html`
${(['department', 'township'] as const).map((kind) => {
  const group = t.children.filter((c) => c.kind === kind);
  if (!group.length) return '';
  return html`<h3 class="group-title">${kind === 'department' ? '县政府部门' : '乡镇（街道）'}</h3><ul class="agency-children">${group.map((c) => html`<li><a href="${sectionUrl(c.slug)}">${c.name}</a></li>`)}</ul>`;
})}${(() => {
          const other = t.children.filter((c) => c.kind !== 'department' && c.kind !== 'township');
          return other.length ? html`<ul class="agency-children">${other.map((c) => html`<li><a href="${sectionUrl(c.slug)}">${c.name}</a></li>`)}</ul>` : '';
        })()}`
      : ''
  }</li>`,
)}
</ul>`
    : html`<p class="empty">暂无单位</p>`
}
</section>
</div>`;
  return renderPage({
    title: '首页',
    site: v.site,
    footer: v.footer,
    elder: v.elder,
    path: v.path,
    nav: platformNav('home', v.platform),
    meta: { ColumnName: '首页', ColumnType: '首页', Description: `${v.site.siteName}政府信息公开平台：政府信息公开指南、制度、法定主动公开内容和年度报告`, Keywords: '政府信息公开,政务公开' },
    share: { type: 'website', title: `${v.site.siteName}政府信息公开平台`, description: `${v.site.siteName}政府信息公开平台：政府信息公开指南、制度、法定主动公开内容和年度报告`, url: v.site.origin ? `${v.site.origin}/` : null },
    hideHeaderSearch: true,
    main,
  });
}

// ---------------------------------------------------------------- section

/** Data of an agency's 政府信息公开 section. */
export interface SectionView extends PageBase {
  agency: AgencyView;
  columns: ColumnView[];
  /** Each first-level column with its newest items (children included). */
  blocks: { column: ColumnView; items: ItemView[] }[];
}

function contacts(s: Record<string, string | undefined>): SafeHtml | '' {
  const rows = (
    [
      ['办公地址', s.address],
      ['办公时间', s.officeHours],
      ['联系电话', s.phone],
      ['传真', s.fax],
      ['电子邮箱', s.email],
    ] as const
  ).filter(([, v]) => v);
  if (!rows.length) return '';
  return html`<section class="panel contacts" aria-labelledby="contacts-title">
<h2 id="contacts-title">政府信息公开工作机构</h2>
<dl>${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
</section>`;
}

/** `/gk/:agency/`: the four first-level columns with their newest items. */
export function sectionPage(v: SectionView): string {
  const main = html`<h1 class="page-title">${v.agency.name} · 政府信息公开</h1>
<div class="with-sidebar">
<div class="sidebar">
${columnNav(v.agency.slug, v.columns, null)}
${contacts(v.agency.settings)}
</div>
<div class="content">
${searchForm({ q: '', id: 'section-q', agencySlug: v.agency.slug })}
${v.blocks.map((b) => {
  const children = v.columns.filter((c) => c.parentId === b.column.id);
  return html`<section class="panel" aria-labelledby="col-${b.column.slug}">
<h2 id="col-${b.column.slug}"><a href="${columnUrl(v.agency.slug, b.column.slug)}">${b.column.name}</a></h2>
${b.column.basis ? html`<p class="basis">公开依据：${b.column.basis}</p>` : ''}
${children.length ? html`<ul class="sub-columns" aria-label="${b.column.name}子栏目">${children.map((c) => html`<li><a href="${columnUrl(v.agency.slug, c.slug)}">${c.name}</a></li>`)}</ul>` : ''}
${itemList(b.items)}
<p class="more"><a href="${columnUrl(v.agency.slug, b.column.slug)}">更多${b.column.name}<span class="visually-hidden">信息</span> »</a></p>
</section>`;
})}
</div>
</div>`;
  return renderPage({
    title: `${v.agency.name}政府信息公开`,
    site: v.site,
    footer: v.footer,
    elder: v.elder,
    path: v.path,
    nav: agencyNav(v.agency, v.columns, { section: true }),
    breadcrumbs: [{ label: '首页', href: homeUrl }, { label: `${v.agency.name}政府信息公开` }],
    meta: { ColumnName: '政府信息公开', ColumnType: '政府信息公开', ColumnDescription: `${v.agency.name}政府信息公开专栏`, Description: `${v.agency.name}政府信息公开专栏`, Keywords: `${v.agency.name},政府信息公开` },
    links: [{ rel: 'alternate', type: 'application/atom+xml', title: `${v.agency.name}最新公开信息`, href: `/feed.xml?agency=${encodeURIComponent(v.agency.slug)}` }],
    share: { type: 'website', title: `${v.agency.name}政府信息公开`, description: `${v.agency.name}政府信息公开专栏`, url: v.site.origin ? `${v.site.origin}${sectionUrl(v.agency.slug)}` : null },
    main,
  });
}

// ---------------------------------------------------------------- column list

/** Data of a column list page. */
export interface ColumnPageView extends PageBase {
  agency: AgencyView;
  columns: ColumnView[];
  column: ColumnView;
  items: ItemView[];
  total: number;
  page: number;
  pageSize: number;
  year: number | undefined;
  topic: string | undefined;
  /** Years offered in the filter, newest first. */
  years: number[];
  /** 主题分类 values offered in the filter. */
  topics: string[];
  /** 法定主动公开内容: navigation by the agency's 公开目录. */
  catalog?: CatalogNavView;
}

/** The 公开目录 navigation of 法定主动公开内容 (areas and items with published items). */
export interface CatalogNavView {
  areas: Array<{ name: string; items: Array<{ id: string; label: string; count: number }> }>;
  /** Catalog items without any published item (not listed). */
  emptyItems: number;
  /** The item chosen with ?ml=. */
  current: { id: string; label: string; content: string; timeLimit: string } | undefined;
}

function catalogNavBlock(v: ColumnPageView, nav: CatalogNavView): SafeHtml {
  const href = (id: string) => columnUrl(v.agency.slug, v.column.slug, { ml: id });
  return html`<nav class="catalog-nav" aria-label="按公开目录浏览">
<h2>按公开目录浏览</h2>
${
  nav.areas.length
    ? html`<dl>${nav.areas.map(
        (a) => html`<dt>${a.name}</dt>${a.items.map((i) => html`<dd><a href="${href(i.id)}"${nav.current?.id === i.id ? html` aria-current="page"` : ''}>${i.label}</a>（${i.count}）</dd>`)}`,
      )}</dl>`
    : html`<p>公开目录中的事项暂无已公开信息。</p>`
}
${nav.emptyItems > 0 ? html`<p class="note">公开目录中另有 ${nav.emptyItems} 个事项暂无已公开信息。</p>` : ''}
${nav.current ? html`<p class="catalog-current">目录事项：<strong>${nav.current.label}</strong>${nav.current.content ? html`；公开内容：${nav.current.content}` : ''}；公开时限：${nav.current.timeLimit}。<a href="${columnUrl(v.agency.slug, v.column.slug)}">查看全部</a></p>` : ''}
</nav>`;
}

/** `/gk/:agency/:column/`: items newest first, year and topic filters, pagination. */
export function columnPage(v: ColumnPageView): string {
  const parent = v.column.parentId ? v.columns.find((c) => c.id === v.column.parentId) : undefined;
  const children = v.columns.filter((c) => c.parentId === v.column.id);
  const pages = Math.max(1, Math.ceil(v.total / v.pageSize));
  const ml = v.catalog?.current?.id;
  const hrefFor = (p: number) => columnUrl(v.agency.slug, v.column.slug, { ml, year: v.year, topic: v.topic, page: p > 1 ? p : undefined });
  const filtered = v.year !== undefined || v.topic !== undefined;
  const main = html`<div class="with-sidebar">
<div class="sidebar">${columnNav(v.agency.slug, v.columns, v.column.id)}</div>
<div class="content">
<h1 class="page-title">${v.column.name}</h1>
${v.column.basis ? html`<p class="basis">公开依据：《中华人民共和国政府信息公开条例》${v.column.basis.replace(/^条例/, '')}</p>` : ''}
${children.length ? html`<nav aria-label="子栏目"><ul class="sub-columns">${children.map((c) => html`<li><a href="${columnUrl(v.agency.slug, c.slug)}">${c.name}</a></li>`)}</ul></nav>` : ''}
${v.catalog ? catalogNavBlock(v, v.catalog) : ''}
<form class="filters" action="${columnUrl(v.agency.slug, v.column.slug)}" method="get" aria-label="筛选">
${ml ? html`<input type="hidden" name="ml" value="${ml}">` : ''}
${selectField({ id: 'f-year', name: 'year', label: '发布年份', value: v.year !== undefined ? String(v.year) : '', options: [{ value: '', label: '全部年份' }, ...v.years.map((y) => ({ value: String(y), label: `${y}年` }))] })}
${
  v.topics.length
    ? selectField({ id: 'f-topic', name: 'topic', label: '主题分类', value: v.topic ?? '', options: [{ value: '', label: '全部主题' }, ...v.topics.map((t) => ({ value: t, label: t }))] })
    : ''
}
<button type="submit">筛选</button>${filtered ? html` <a class="reset" href="${columnUrl(v.agency.slug, v.column.slug, { ml })}">清除筛选</a>` : ''}
</form>
<p class="count">${filtered ? '符合条件的' : '本栏目'}信息共 <strong>${v.total}</strong> 条</p>
${itemList(v.items, { showColumn: children.length > 0, empty: filtered ? '没有符合条件的信息，请调整筛选条件' : '本栏目暂无信息' })}
${pagination(v.page, pages, hrefFor)}
</div>
</div>`;
  const links: { rel: string; href: string }[] = [];
  if (v.page > 1) links.push({ rel: 'prev', href: hrefFor(v.page - 1) });
  if (v.page < pages) links.push({ rel: 'next', href: hrefFor(v.page + 1) });
  return renderPage({
    title: `${v.column.name}${v.page > 1 ? `（第${v.page}页）` : ''} - ${v.agency.name}`,
    site: v.site,
    footer: v.footer,
    elder: v.elder,
    path: v.path,
    nav: agencyNav(v.agency, v.columns, { rootId: parent?.id ?? v.column.id }),
    breadcrumbs: [
      { label: '首页', href: homeUrl },
      { label: `${v.agency.name}政府信息公开`, href: sectionUrl(v.agency.slug) },
      ...(parent ? [{ label: parent.name, href: columnUrl(v.agency.slug, parent.slug) }] : []),
      { label: v.column.name },
    ],
    meta: {
      ColumnName: v.column.name,
      ColumnType: '政府信息公开',
      ColumnDescription: v.column.basis ? `${v.column.name}（${v.column.basis}）` : v.column.name,
      ColumnKeywords: v.column.name,
      Description: `${v.agency.name}${v.column.name}`,
      Keywords: `${v.column.name},${v.agency.name}`,
    },
    share: {
      type: 'website',
      title: `${v.column.name} - ${v.agency.name}`,
      description: v.column.basis ? `${v.agency.name}${v.column.name}（${v.column.basis}）` : `${v.agency.name}${v.column.name}`,
      url: v.site.origin ? `${v.site.origin}${columnUrl(v.agency.slug, v.column.slug, { ml: v.catalog?.current?.id })}` : null,
    },
    links,
    main,
  });
}

// ---------------------------------------------------------------- detail

/** An attachment as listed on the detail page. */
export interface AttachmentView {
  id: string;
  filename: string;
  mime: string;
  size: number;
}

/** Data of a detail page (live or historical version). */
export interface DetailView extends PageBase {
  agency: AgencyView;
  columns: ColumnView[];
  item: {
    documentId: string;
    version: number;
    indexNo: string;
    title: string;
    docNo: string | null;
    publisher: string;
    writtenOn: string | null;
    publishedAt: Date;
    topic: string | null;
    docType: string;
    validity: string | null;
    effectiveOn: string | null;
    invalidOn: string | null;
    keywords: string[];
    description: string;
    columnId: string;
    changeNote: string | null;
    isCurrent: boolean;
    /** 公示期 (YYYY-MM-DD), null when none. */
    noticeStartsOn?: string | null;
    noticeEndsOn?: string | null;
  };
  /** Body HTML, already sanitized. */
  bodyHtml: string;
  attachments: AttachmentView[];
  history: { version: number; publishedAt: Date; changeNote: string | null; isCurrent: boolean }[];
  /** Absolute URL of the page (QR code, print view), or null when the host was not valid. */
  absoluteUrl: string | null;
  /** Further sections below the item (政策解读 links, the feedback form), already rendered. */
  extraSections?: ReadonlyArray<SafeHtml | ''>;
}

function metadataTable(v: DetailView): SafeHtml {
  const it = v.item;
  const column = v.columns.find((c) => c.id === it.columnId);
  const typeName = docTypeName(it.docType);
  const rows: [string, string | SafeHtml][] = [
    ['索引号', it.indexNo],
    ['发布机构', it.publisher],
    ['成文日期', formatDate(it.writtenOn)],
    ['发布日期', formatDate(it.publishedAt)],
    ['文号', it.docNo ?? '无'],
    ['主题分类', it.topic ?? ''],
  ];
  if (typeName) {
    rows.push(['文件类型', typeName]);
    const dates = [it.effectiveOn ? `${formatDate(it.effectiveOn)}起施行` : '', it.invalidOn ? `${formatDate(it.invalidOn)}${it.validity === 'repealed' ? '废止' : '失效'}` : '']
      .filter(Boolean)
      .join('，');
    rows.push(['有效性', `${validityName(it.validity) || '有效'}${dates ? `（${dates}）` : ''}`]);
  }
  if (it.noticeStartsOn && it.noticeEndsOn) rows.push(['公示期', `${chineseDate(it.noticeStartsOn)}至${chineseDate(it.noticeEndsOn)}`]);
  if (column) rows.push(['栏目', html`<a href="${columnUrl(v.agency.slug, column.slug)}">${column.name}</a>`]);
  if (it.keywords.length) rows.push(['关键词', it.keywords.join('、')]);
  return html`<table class="meta-table">
<caption class="visually-hidden">信息属性</caption>
<tbody>
${rows.map(([k, val]) => html`<tr><th scope="row">${k}</th><td>${val}</td></tr>`)}
</tbody>
</table>`;
}

function attachmentList(atts: readonly AttachmentView[]): SafeHtml | '' {
  if (!atts.length) return '';
  return html`<section class="attachments" aria-labelledby="att-title">
<h2 id="att-title">附件</h2>
<ul>
${atts.map((a) => html`<li><a href="${fileUrl(a.id, a.filename)}" download>${a.filename}</a> <span class="file-meta">（${fileTypeName(a.mime, a.filename)}，${formatSize(a.size)}）</span></li>`)}
</ul>
</section>`;
}

function historyList(v: DetailView): SafeHtml | '' {
  if (v.history.length < 2) return '';
  const newer = (n: number) => v.history.find((h) => h.version === n + 1);
  return html`<section class="history" aria-labelledby="history-title">
<h2 id="history-title">历史版本</h2>
<ol reversed>
${v.history.map((h) => {
  const label = html`第 ${h.version} 版，${formatDate(h.publishedAt)} 发布`;
  const replacedBy = newer(h.version);
  const state = h.isCurrent ? html`<span class="badge">现行版本</span>` : html`<span class="badge badge-old">已被第 ${replacedBy?.version ?? h.version + 1} 版替代</span>`;
  const note = replacedBy?.changeNote ? html`<span class="change-note">更正说明：${replacedBy.changeNote}</span>` : '';
  const isThis = h.version === v.item.version;
  const href = h.isCurrent ? itemUrl(v.item.documentId) : versionUrl(v.item.documentId, h.version);
  return html`<li>${isThis ? html`<span aria-current="page">${label}</span>` : html`<a href="${href}">${label}</a>`} ${state} ${note}</li>`;
})}
</ol>
</section>`;
}

function detailMeta(v: DetailView, column: ColumnView | undefined): Record<string, string | undefined> {
  return {
    ColumnName: column?.name,
    ColumnType: '政府信息公开',
    ArticleTitle: v.item.title,
    PubDate: formatDateTime(v.item.publishedAt),
    ContentSource: v.item.publisher,
    Keywords: v.item.keywords.join(',') || undefined,
    Description: v.item.description.replace(/\s+/gu, ' ').trim().slice(0, 120) || v.item.title,
    Url: v.absoluteUrl ?? undefined,
  };
}

/** `/info/:id` and `/info/:id/v/:n`: metadata, body, attachments, 历史版本, QR code, print link. */
export function detailPage(v: DetailView): string {
  const it = v.item;
  const column = v.columns.find((c) => c.id === it.columnId);
  const parent = column?.parentId ? v.columns.find((c) => c.id === column.parentId) : undefined;
  const superseding = v.history.find((h) => h.version === it.version + 1);
  const main = html`<article class="article" aria-labelledby="article-title">
<h1 id="article-title" class="article-title">${it.title}</h1>
${
  it.isCurrent
    ? ''
    : notice(
        'warning',
        html`<p><strong>此为历史版本（第 ${it.version} 版），已被更新版本替代。</strong>${superseding?.changeNote ? html`更正说明：${superseding.changeNote}。` : ''}<a href="${itemUrl(it.documentId)}">查看现行版本</a></p>`,
      )
}
${metadataTable(v)}
${it.isCurrent && it.changeNote ? notice('info', html`<p>本信息已更正（第 ${it.version} 版）。更正说明：${it.changeNote}</p>`) : ''}
<div class="article-body">
${raw(v.bodyHtml)}
</div>
${attachmentList(v.attachments)}
${historyList(v)}
${v.extraSections ?? []}
<aside class="article-tools" aria-label="本页工具">
${it.isCurrent ? html`<figure class="qr"><img src="${qrUrl(it.documentId)}" width="132" height="132" alt="本页二维码：用手机扫描即可打开本页"><figcaption>手机扫码阅读</figcaption></figure>` : ''}
<ul class="tool-links">
<li><a href="${it.isCurrent ? printUrl(it.documentId) : `${printUrl(it.documentId)}?v=${it.version}`}">打印本页</a></li>
${it.isCurrent ? html`<li><a href="${noticePdfUrl(it.documentId)}" type="application/pdf">打印公告（A4）</a><span class="tool-hint">供公开栏张贴，PDF</span></li>` : ''}
${column ? html`<li><a href="${columnUrl(v.agency.slug, column.slug)}">返回${column.name}</a></li>` : ''}
</ul>
</aside>
</article>`;
  return renderPage({
    title: it.isCurrent ? it.title : `${it.title}（第${it.version}版，历史版本）`,
    site: v.site,
    footer: v.footer,
    elder: v.elder,
    path: v.path,
    nav: agencyNav(v.agency, v.columns, { rootId: parent?.id ?? column?.id ?? null }),
    breadcrumbs: [
      { label: '首页', href: homeUrl },
      { label: `${v.agency.name}政府信息公开`, href: sectionUrl(v.agency.slug) },
      ...(parent ? [{ label: parent.name, href: columnUrl(v.agency.slug, parent.slug) }] : []),
      ...(column ? [{ label: column.name, href: columnUrl(v.agency.slug, column.slug) }] : []),
      { label: it.isCurrent ? '正文' : `第${it.version}版` },
    ],
    meta: detailMeta(v, column),
    share: { type: 'article', title: it.title, description: detailMeta(v, column).Description ?? it.title, url: v.absoluteUrl },
    ...(it.isCurrent ? {} : { robots: 'noindex' }),
    ...(it.isCurrent && v.absoluteUrl ? { links: [{ rel: 'canonical', href: v.absoluteUrl }] } : {}),
    main,
  });
}

/** `/info/:id/print`: metadata and body only, print stylesheet rules. */
export function printPage(v: DetailView): string {
  const it = v.item;
  const column = v.columns.find((c) => c.id === it.columnId);
  const main = html`<article class="article">
<h1 class="article-title">${it.title}</h1>
${it.isCurrent ? '' : html`<p class="print-note">历史版本（第 ${it.version} 版），已被更新版本替代</p>`}
${metadataTable(v)}
<div class="article-body">
${raw(v.bodyHtml)}
</div>
${
  v.attachments.length
    ? html`<section class="attachments"><h2>附件</h2><ol>${v.attachments.map((a) => html`<li>${a.filename}（${fileTypeName(a.mime, a.filename)}，${formatSize(a.size)}）</li>`)}</ol></section>`
    : ''
}
<p class="print-source">来源：${v.site.siteName}政府信息公开平台${v.absoluteUrl ? html` · ${v.absoluteUrl}` : ''}</p>
<p class="screen-only"><a href="${it.isCurrent ? itemUrl(it.documentId) : versionUrl(it.documentId, it.version)}">返回正文页</a>（使用浏览器的“打印”功能打印本页）</p>
</article>`;
  return renderPrintPage({ title: it.title, site: v.site, footer: v.footer, elder: v.elder, meta: detailMeta(v, column), main });
}

// ---------------------------------------------------------------- hidden version

/** Data of the notice of a version hidden because it holds personal data. */
export interface HiddenVersionView extends PageBase {
  agency: AgencyView | null;
  columns: ColumnView[];
  notice: { documentId: string; version: number; hiddenAt: Date; hasLive: boolean; columnSlug: string; columnName: string; agencySlug: string; agencyName: string };
}

/** The page of a superseded version that is no longer public (HTTP 410): nothing of its content. */
export function hiddenVersionPage(v: HiddenVersionView): string {
  const n = v.notice;
  const main = html`<article class="article withdrawn" aria-labelledby="hidden-title">
<h1 id="hidden-title" class="article-title">此版本因涉及个人信息已不再公开</h1>
${notice('warning', html`<p>本条政府信息的第 ${String(n.version)} 版因涉及个人信息，已由发布机关更正，原版本不再公开。</p>`)}
<table class="meta-table">
<caption class="visually-hidden">版本说明</caption>
<tbody>
<tr><th scope="row">发布机构</th><td>${n.agencyName}</td></tr>
<tr><th scope="row">停止公开日期</th><td>${formatDate(n.hiddenAt)}</td></tr>
</tbody>
</table>
<p>${n.hasLive ? html`<a href="${itemUrl(n.documentId)}">查看现行版本</a> · ` : ''}<a href="${columnUrl(n.agencySlug, n.columnSlug)}">返回${n.columnName}</a> · <a href="${homeUrl}">返回首页</a></p>
</article>`;
  return renderPage({
    title: '此版本已不再公开',
    site: v.site,
    footer: v.footer,
    elder: v.elder,
    path: v.path,
    nav: v.agency ? agencyNav(v.agency, v.columns, {}) : platformNav(null, null),
    breadcrumbs: [{ label: '首页', href: homeUrl }, { label: `${n.agencyName}政府信息公开`, href: sectionUrl(n.agencySlug) }, { label: '此版本已不再公开' }],
    meta: { ColumnName: n.columnName, ContentSource: n.agencyName, Description: '此版本因涉及个人信息已不再公开' },
    robots: 'noindex',
    main,
  });
}

// ---------------------------------------------------------------- withdrawn

/** Data of a withdrawal notice. */
export interface WithdrawnView extends PageBase {
  agency: AgencyView | null;
  columns: ColumnView[];
  notice: { title: string; indexNo: string; withdrawnAt: Date | null; reason: string | null; columnSlug: string; columnName: string; agencySlug: string; agencyName: string };
}

/** The page of a withdrawn item (HTTP 410). */
export function withdrawnPage(v: WithdrawnView): string {
  const n = v.notice;
  const main = html`<article class="article withdrawn" aria-labelledby="withdrawn-title">
<h1 id="withdrawn-title" class="article-title">该信息已撤回</h1>
${notice('warning', html`<p>本条政府信息已由发布机关撤回，不再公开。</p>`)}
<table class="meta-table">
<caption class="visually-hidden">撤回公告</caption>
<tbody>
<tr><th scope="row">信息名称</th><td>${n.title}</td></tr>
<tr><th scope="row">索引号</th><td>${n.indexNo}</td></tr>
<tr><th scope="row">发布机构</th><td>${n.agencyName}</td></tr>
<tr><th scope="row">撤回日期</th><td>${n.withdrawnAt ? formatDate(n.withdrawnAt) : '—'}</td></tr>
<tr><th scope="row">撤回原因</th><td>${n.reason ?? '—'}</td></tr>
</tbody>
</table>
<p><a href="${columnUrl(n.agencySlug, n.columnSlug)}">返回${n.columnName}</a> · <a href="${homeUrl}">返回首页</a></p>
</article>`;
  return renderPage({
    title: `已撤回：${n.title}`,
    site: v.site,
    footer: v.footer,
    elder: v.elder,
    path: v.path,
    nav: v.agency ? agencyNav(v.agency, v.columns, {}) : platformNav(null, null),
    breadcrumbs: [{ label: '首页', href: homeUrl }, { label: `${n.agencyName}政府信息公开`, href: sectionUrl(n.agencySlug) }, { label: '已撤回' }],
    meta: { ColumnName: n.columnName, ArticleTitle: n.title, ContentSource: n.agencyName, Description: `该信息已撤回：${n.reason ?? ''}` },
    robots: 'noindex',
    main,
  });
}

// ---------------------------------------------------------------- search

/** One search hit as shown. */
export interface SearchHitView {
  documentId: string;
  titleHtml: string;
  docNo: string | null;
  indexNo: string;
  publishedAt: Date;
  agencyName: string;
  columnName: string;
  snippetHtml: string;
  snippetFromAttachment: boolean;
  exact: boolean;
}

/** Data of the search page. */
export interface SearchView extends PageBase {
  platform: AgencyView | null;
  q: string;
  /** A friendly message instead of results (empty or too long query). */
  message: string | null;
  agencies: AgencyView[];
  agency: string;
  /** Column choices: slug → name. */
  columnOptions: { value: string; label: string }[];
  column: string;
  years: number[];
  year: string;
  result: { total: number; more: boolean; items: SearchHitView[] } | null;
  page: number;
  pageSize: number;
}

/** `/search`: form, result count, hits with highlighted snippets, filters, pagination. */
export function searchPage(v: SearchView): string {
  const r = v.result;
  const pages = r ? Math.max(1, Math.ceil(r.total / v.pageSize)) : 1;
  const hrefFor = (p: number) => searchUrl({ q: v.q, agency: v.agency, column: v.column, year: v.year, page: p > 1 ? p : undefined });
  const main = html`<h1 class="page-title">信息检索</h1>
<form class="search-form search-form-big" role="search" action="${searchUrl()}" method="get">
<div class="field field-q">
<label for="search-q">关键词</label>
<input id="search-q" name="q" type="search" maxlength="100" value="${v.q}" placeholder="标题、正文、附件中的词语，或文号、索引号" aria-describedby="search-hint">
<p id="search-hint" class="hint">可输入一个或多个词语（如“低保”“预算”），也可输入完整文号或索引号精确查找。</p>
</div>
<div class="filter-row">
${selectField({ id: 's-agency', name: 'agency', label: '发布单位', value: v.agency, options: [{ value: '', label: '全部单位' }, ...v.agencies.map((a) => ({ value: a.slug, label: a.name }))] })}
${selectField({ id: 's-column', name: 'column', label: '栏目', value: v.column, options: [{ value: '', label: '全部栏目' }, ...v.columnOptions] })}
${selectField({ id: 's-year', name: 'year', label: '发布年份', value: v.year, options: [{ value: '', label: '全部年份' }, ...v.years.map((y) => ({ value: String(y), label: `${y}年` }))] })}
</div>
<button type="submit">搜索</button>
</form>
${v.message ? notice('info', html`<p>${v.message}</p>`) : ''}
${
  r
    ? html`<section aria-labelledby="results-title">
<h2 id="results-title" class="count">${r.total === 0 ? html`没有找到与“${v.q}”相关的信息` : html`找到 <strong>${r.more ? `${r.total} 条以上` : `${r.total} 条`}</strong>与“${v.q}”相关的信息${r.more ? html`，以下按相关程度列出其中最新的 ${r.total} 条` : ''}`}</h2>
${r.total === 0 ? html`<p class="empty">建议：检查输入的字词，换用更简短或更常用的词语，或去掉筛选条件。</p>` : ''}
<ol class="results" start="${(v.page - 1) * v.pageSize + 1}">
${r.items.map(
  (h) => html`<li>
<h3 class="result-title"><a href="${itemUrl(h.documentId)}">${raw(h.titleHtml)}</a>${h.exact ? html` <span class="badge">文号/索引号匹配</span>` : ''}</h3>
${h.snippetHtml ? html`<p class="snippet">${h.snippetFromAttachment ? html`<span class="badge">附件</span> ` : ''}${raw(h.snippetHtml)}</p>` : ''}
<p class="item-meta"><span>${h.agencyName}</span><span>${h.columnName}</span><time datetime="${isoChina(h.publishedAt)}">${formatDate(h.publishedAt)}</time>${h.docNo ? html`<span class="doc-no">${h.docNo}</span>` : ''}</p>
</li>`,
)}
</ol>
${pagination(v.page, pages, hrefFor)}
</section>`
    : ''
}`;
  return renderPage({
    title: v.q ? `“${v.q}”的检索结果` : '信息检索',
    site: v.site,
    footer: v.footer,
    elder: v.elder,
    path: v.path,
    nav: platformNav('search', v.platform),
    breadcrumbs: [{ label: '首页', href: homeUrl }, { label: '信息检索' }],
    meta: { ColumnName: '信息检索', ColumnType: '检索' },
    robots: 'noindex',
    hideHeaderSearch: true,
    main,
  });
}

// ---------------------------------------------------------------- errors

/** 404 (and other error) page in the portal's look. */
export function errorPage(v: PageBase & { status: number; title: string; message: string; platform: AgencyView | null }): string {
  const main = html`<h1 class="page-title">${v.title}</h1>
<p>${v.message}</p>
<p><a href="${homeUrl}">返回首页</a> · <a href="${searchUrl()}">信息检索</a></p>`;
  return renderPage({
    title: v.title,
    site: v.site,
    footer: v.footer,
    elder: v.elder,
    path: v.path,
    nav: platformNav(null, v.platform),
    robots: 'noindex',
    main,
  });
}
