/**
 * Offline channels: the A4 notice for a village bulletin board (村(居)公开栏), printed from the
 * browser, with a QR code per item; and the electronic-screen page (电子信息屏): large type,
 * high contrast, one item at a time, rotated by a meta refresh to the next `offset` (no
 * JavaScript; the CSP has no script at all). Pure views with their own minimal shell.
 */
import { html, type SafeHtml } from '../html.ts';
import { itemUrl, qrUrl } from '../urls.ts';
import { formatDate } from './format.ts';
import type { SiteInfo } from './layout.ts';

/** An item on a board or screen. */
export interface ChannelItem {
  documentId: string;
  title: string;
  docNo: string | null;
  publishedAt: Date;
  columnName: string;
  /** The first characters of the body text. */
  description: string;
}

function shell(p: { title: string; site: SiteInfo; cssVersion: string; bodyClass: string; head?: SafeHtml; main: SafeHtml }): string {
  return html`<!doctype html>
<html lang="zh-CN" class="${p.bodyClass}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} - ${p.site.siteName}</title>
<meta name="robots" content="noindex">
${p.head ?? ''}<link rel="stylesheet" href="/assets/channels.css?v=${p.cssVersion}">
</head>
<body>
${p.main}
</body>
</html>
`.value;
}

/** Data of the bulletin-board notice. */
export interface BoardView {
  site: SiteInfo;
  cssVersion: string;
  agencyName: string;
  /** Column names shown in the heading ('' = all columns). */
  columnNames: string[];
  items: ChannelItem[];
  /** China date of printing. */
  printedOn: string;
  /** The same notice as an A4 PDF (board.pdf). */
  pdfUrl: string;
}

/** GET /gk/:agency/board: an A4 page listing the latest items with QR codes to their detail pages. */
export function boardPage(v: BoardView): string {
  const absolute = (id: string) => (v.site.origin ? `${v.site.origin}${itemUrl(id)}` : itemUrl(id));
  const main = html`<main class="board">
<header class="board-head">
<h1>${v.agencyName}政务公开栏</h1>
<p class="board-sub">${v.columnNames.length ? v.columnNames.join('、') : '最新公开信息'} · ${v.printedOn} 更新</p>
</header>
${
  v.items.length
    ? html`<ol class="board-items">${v.items.map(
        (i) => html`<li class="board-item">
<div class="board-text">
<h2>${i.title}</h2>
<p class="board-meta">${i.columnName} · ${formatDate(i.publishedAt)}${i.docNo ? html` · ${i.docNo}` : ''}</p>
<p class="board-desc">${i.description.slice(0, 120)}${i.description.length > 120 ? '…' : ''}</p>
<p class="board-url">全文：${absolute(i.documentId)}</p>
</div>
<figure class="board-qr"><img src="${qrUrl(i.documentId)}" width="96" height="96" alt="二维码：${i.title}"><figcaption>扫码看全文</figcaption></figure>
</li>`,
      )}</ol>`
    : html`<p class="board-empty">暂无公开信息</p>`
}
<footer class="board-foot"><p>来源：${v.site.siteName}政务公开平台${v.site.origin ? html` ${v.site.origin}` : ''}。如有疑问，请向${v.agencyName}咨询。</p><p class="screen-only">打印：<a href="${v.pdfUrl}">下载 PDF（A4，含全文）</a>，或使用浏览器的“打印”功能打印本页（A4 纵向）。</p></footer>
</main>`;
  return shell({ title: `${v.agencyName}政务公开栏`, site: v.site, cssVersion: v.cssVersion, bodyClass: 'board-view', main });
}

/** Data of the electronic-screen page. */
export interface ScreenView {
  site: SiteInfo;
  cssVersion: string;
  agencyName: string;
  /** The item shown (null when nothing is published). */
  item: ChannelItem | null;
  /** Position (0-based) and count of the rotation. */
  offset: number;
  count: number;
  /** Seconds each item stays. */
  seconds: number;
  /** URL of the next page of the rotation (meta refresh). */
  nextUrl: string;
}

/** GET /gk/:agency/screen?offset=N: one item in large type; a meta refresh moves to the next. */
export function screenPage(v: ScreenView): string {
  const i = v.item;
  const main = html`<main class="screen">
<header class="screen-head"><p>${v.agencyName} · 政务公开</p>${v.count ? html`<p class="screen-pos">${v.offset + 1} / ${v.count}</p>` : ''}</header>
${
  i
    ? html`<article class="screen-item">
<h1>${i.title}</h1>
<p class="screen-meta">${i.columnName} · ${formatDate(i.publishedAt)}${i.docNo ? html` · ${i.docNo}` : ''}</p>
<p class="screen-desc">${i.description.slice(0, 160)}${i.description.length > 160 ? '…' : ''}</p>
<figure class="screen-qr"><img src="${qrUrl(i.documentId)}" width="200" height="200" alt="二维码：扫码阅读全文"><figcaption>扫码阅读全文</figcaption></figure>
</article>`
    : html`<article class="screen-item"><h1>暂无公开信息</h1></article>`
}
</main>`;
  return shell({
    title: `${v.agencyName}电子信息屏`,
    site: v.site,
    cssVersion: v.cssVersion,
    bodyClass: 'screen-view',
    head: html`<meta http-equiv="refresh" content="${String(v.seconds)};url=${v.nextUrl}">\n`,
    main,
  });
}
