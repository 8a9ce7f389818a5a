/**
 * The page shell every portal page shares: government page meta tags (SiteName, SiteIDCode,
 * ColumnName, ArticleTitle, PubDate, ContentSource, Keywords, Description …), a skip link,
 * landmarks, the 适老化 switch, breadcrumbs and the footer with the site identifiers.
 * Works without JavaScript; no inline script (CSP).
 */
import { html, type HtmlValue, type SafeHtml } from '../html.ts';
import { elderToggleUrl, homeUrl, searchUrl, shareIconPath } from '../urls.ts';

/** The site identifiers shown in the footer (from agency settings). */
export interface FooterInfo {
  /** 主办单位. */
  sponsor?: string | undefined;
  /** 联系电话. */
  phone?: string | undefined;
  /** 地址. */
  address?: string | undefined;
  /** 网站标识码. */
  siteCode?: string | undefined;
  /** ICP备案号. */
  icp?: string | undefined;
  /** 公安机关备案号. */
  psb?: string | undefined;
}

/** Site-wide facts of one request. */
export interface SiteInfo {
  /** The portal's name (the platform agency, e.g. 巫山县人民政府). */
  siteName: string;
  /** Validated Host header, or null. */
  host: string | null;
  /** `https://host` for absolute links, or null when the host was not valid. */
  origin: string | null;
  /** Version tag of the stylesheet (cache busting of the long-cached asset). */
  assetVersion: string;
}

/** A link in a navigation list. */
export interface NavLink {
  label: string;
  href: string;
  current?: boolean;
}

/**
 * What a phone shows when the page is shared (WeChat, messaging apps): Open Graph tags and the
 * schema.org itemprop name/description/image WeChat's in-app browser reads.
 */
export interface ShareMeta {
  title: string;
  description: string;
  /** article for an item, website for lists and the home page. */
  type: 'article' | 'website';
  /** Absolute URL of the page (og:url), left out when the host is unknown. */
  url?: string | null | undefined;
}

/** Everything the shell needs around a page's main content. */
export interface PageShell {
  /** Page title (before " - siteName"). */
  title: string;
  site: SiteInfo;
  footer: FooterInfo;
  /** Government meta tags by name (ColumnName, ArticleTitle, PubDate …); empty values are left out. */
  meta?: Record<string, string | undefined>;
  /** Main navigation. */
  nav: NavLink[];
  /** Breadcrumb trail; the last entry is the current page. */
  breadcrumbs?: { label: string; href?: string | undefined }[];
  /** 适老化 mode is on. */
  elder: boolean;
  /** Path and query of this page (the 适老化 switch returns here). */
  path: string;
  /** rel=prev/next and other <link>s. */
  links?: { rel: string; href: string; type?: string; title?: string }[];
  /** e.g. noindex for historical versions. */
  robots?: string;
  /** Hide the header search box (the page has its own). */
  hideHeaderSearch?: boolean;
  /** Open Graph / itemprop tags for sharing on phones; none when absent. */
  share?: ShareMeta;
  main: SafeHtml;
}

function metaTags(site: SiteInfo, footer: FooterInfo, meta: Record<string, string | undefined>): HtmlValue[] {
  const all: Record<string, string | undefined> = {
    SiteName: site.siteName,
    SiteDomain: site.host ?? undefined,
    SiteIDCode: footer.siteCode,
    ...meta,
  };
  return Object.entries(all)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => html`<meta name="${k}" content="${v}">\n`);
}

/**
 * og:* and itemprop tags. The image is the site's square PNG icon, absolute (crawlers do not
 * resolve relative URLs), so it and og:url appear only when the host is known.
 */
export function shareTags(site: SiteInfo, s: ShareMeta): SafeHtml {
  const image = site.origin ? `${site.origin}${shareIconPath}` : null;
  const description = s.description.replace(/\s+/gu, ' ').trim().slice(0, 120) || s.title;
  return html`<meta property="og:type" content="${s.type}">
<meta property="og:title" content="${s.title}">
<meta property="og:description" content="${description}">
<meta property="og:site_name" content="${site.siteName}">
<meta property="og:locale" content="zh_CN">
${s.url ? html`<meta property="og:url" content="${s.url}">
` : ''}${
    image
      ? html`<meta property="og:image" content="${image}">
<meta property="og:image:type" content="image/png">
<meta property="og:image:width" content="300">
<meta property="og:image:height" content="300">
<meta property="og:image:alt" content="${site.siteName}">
`
      : ''
  }<meta itemprop="name" content="${s.title}">
<meta itemprop="description" content="${description}">
${image ? html`<meta itemprop="image" content="${image}">
` : ''}`;
}

function footerView(footer: FooterInfo): SafeHtml {
  const row = (label: string, value: string | undefined, href?: string) =>
    value ? html`<li><span class="label">${label}：</span>${href ? html`<a href="${href}" rel="noopener">${value}</a>` : value}</li>` : '';
  return html`<footer class="site-footer" role="contentinfo">
<div class="wrap">
<ul class="footer-info">
${row('主办单位', footer.sponsor)}
${row('联系电话', footer.phone)}
${row('地址', footer.address)}
${row('网站标识码', footer.siteCode)}
${row('ICP备案号', footer.icp, footer.icp ? 'https://beian.miit.gov.cn/' : undefined)}
${row('公安备案号', footer.psb, footer.psb ? 'https://beian.mps.gov.cn/' : undefined)}
</ul>
<p class="footer-links"><a href="/feed.xml">订阅更新（Atom）</a> · <a href="/sitemap.xml">网站地图（XML）</a> · <a href="/api/public/items">开放数据接口</a></p>
</div>
</footer>`;
}

/** The complete HTML document. */
export function renderPage(p: PageShell): string {
  const meta = p.meta ?? {};
  const crumbs = p.breadcrumbs ?? [];
  return html`<!doctype html>
<html lang="zh-CN"${p.elder ? html` class="elder"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} - ${p.site.siteName}</title>
${metaTags(p.site, p.footer, meta)}${p.robots ? html`<meta name="robots" content="${p.robots}">\n` : ''}${p.share ? shareTags(p.site, p.share) : ''}<link rel="stylesheet" href="/assets/portal.css?v=${p.site.assetVersion}">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="apple-touch-icon" href="${shareIconPath}">
<link rel="alternate" type="application/atom+xml" title="最新公开信息" href="/feed.xml">
${(p.links ?? []).map((l) => html`<link rel="${l.rel}" href="${l.href}"${l.type ? html` type="${l.type}"` : ''}${l.title ? html` title="${l.title}"` : ''}>\n`)}</head>
<body>
<a class="skip-link" href="#main">跳到主要内容</a>
<header class="site-header" role="banner">
<div class="wrap header-inner">
<p class="site-name"><a href="${homeUrl}">${p.site.siteName}</a><span class="site-sub">政务公开平台</span></p>
<ul class="toolbar" aria-label="辅助功能">
<li>${
    p.elder
      ? html`<a href="${elderToggleUrl(false, p.path)}">退出适老化模式</a>`
      : html`<a href="${elderToggleUrl(true, p.path)}">适老化模式（大字体）</a>`
  }</li>
</ul>
${
  p.hideHeaderSearch
    ? ''
    : html`<form class="header-search" role="search" action="${searchUrl()}" method="get">
<label for="header-q" class="visually-hidden">搜索公开信息</label>
<input id="header-q" name="q" type="search" maxlength="100" placeholder="搜索公开信息">
<button type="submit">搜索</button>
</form>`
}
</div>
<nav class="main-nav" aria-label="主导航">
<ul class="wrap">
${p.nav.map((n) => html`<li><a href="${n.href}"${n.current ? html` aria-current="page"` : ''}>${n.label}</a></li>`)}
</ul>
</nav>
</header>
${
  crumbs.length
    ? html`<nav class="breadcrumbs wrap" aria-label="当前位置">
<ol>
${crumbs.map((c, i) =>
  i === crumbs.length - 1 ? html`<li><span aria-current="page">${c.label}</span></li>` : c.href ? html`<li><a href="${c.href}">${c.label}</a></li>` : html`<li>${c.label}</li>`,
)}
</ol>
</nav>`
    : ''
}
<main id="main" class="wrap" tabindex="-1">
${p.main}
</main>
${footerView(p.footer)}
</body>
</html>
`.value;
}

/** The minimal shell of the print view: no navigation, print stylesheet rules. */
export function renderPrintPage(p: { title: string; site: SiteInfo; footer: FooterInfo; elder: boolean; meta?: Record<string, string | undefined>; main: SafeHtml }): string {
  return html`<!doctype html>
<html lang="zh-CN" class="print-view${p.elder ? ' elder' : ''}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} - ${p.site.siteName}</title>
${metaTags(p.site, p.footer, p.meta ?? {})}<meta name="robots" content="noindex">
<link rel="stylesheet" href="/assets/portal.css?v=${p.site.assetVersion}">
</head>
<body>
<main id="main" class="wrap print-main">
${p.main}
</main>
</body>
</html>
`.value;
}
