/**
 * The portal's feedback pages (留言 / 建议 / 满意度评价, no account, no JavaScript), the public
 * list of answered feedback (never the author's contact), and the sections the detail page
 * shows below an item: its 政策解读 links and a compact feedback form. Pure views.
 */
import { html, type SafeHtml } from '../html.ts';
import { homeUrl, itemUrl, queryString, sectionUrl } from '../urls.ts';
import { notice } from './components.ts';
import { formatDate } from './format.ts';
import { renderPage, type NavLink } from './layout.ts';
import type { AgencyView, PageBase } from './pages.ts';

/** URL of the site-wide feedback form. */
export const feedbackUrl = (agencySlug: string) => `/gk/${encodeURIComponent(agencySlug)}/feedback`;
/** URL of the answered-feedback list. */
export const answeredUrl = (agencySlug: string, page?: number) => `/gk/${encodeURIComponent(agencySlug)}/feedback/answered${queryString({ page: page && page > 1 ? page : undefined })}`;

const kindOptions = [
  { value: 'message', label: '留言' },
  { value: 'suggestion', label: '建议' },
  { value: 'rating', label: '满意度评价' },
];
const ratingOptions = [
  { value: '5', label: '5 分：非常满意' },
  { value: '4', label: '4 分：满意' },
  { value: '3', label: '3 分：基本满意' },
  { value: '2', label: '2 分：不满意' },
  { value: '1', label: '1 分：非常不满意' },
];

/** What the form needs. */
export interface FeedbackFormData {
  agencySlug: string;
  formToken: string;
  /** Hidden: the item the feedback is about. */
  documentId?: string | undefined;
  values: Record<string, string>;
  errors: Record<string, string>;
  /** Prefix of element ids (two forms never share a page, but the detail page's form keeps its own). */
  idPrefix?: string;
}

const err = (errors: Record<string, string>, name: string, p: string): SafeHtml | '' =>
  errors[name] ? html`<span class="field-error" id="${p}${name}-error">${errors[name]}</span>` : '';
const invalid = (errors: Record<string, string>, name: string, p: string): SafeHtml | '' =>
  errors[name] ? html` aria-invalid="true" aria-describedby="${p}${name}-error"` : '';

/** The form itself (site-wide page and detail page). */
export function feedbackForm(d: FeedbackFormData): SafeHtml {
  const p = d.idPrefix ?? 'fb-';
  const select = (name: string, label: string, options: { value: string; label: string }[], hint?: string) => html`<div class="field">
<label for="${p}${name}">${label}</label>${hint ? html`<span class="hint">${hint}</span>` : ''}
<select id="${p}${name}" name="${name}"${invalid(d.errors, name, p)}>
<option value="">请选择</option>
${options.map((o) => html`<option value="${o.value}"${o.value === (d.values[name] ?? '') ? html` selected` : ''}>${o.label}</option>`)}
</select>
${err(d.errors, name, p)}
</div>`;
  return html`<form method="post" action="${feedbackUrl(d.agencySlug)}" class="request-form feedback-form" novalidate>
<input type="hidden" name="formToken" value="${d.formToken}">
${d.documentId ? html`<input type="hidden" name="documentId" value="${d.documentId}">` : ''}
<div class="hp-field" aria-hidden="true"><label for="${p}website">网址（请勿填写）</label><input id="${p}website" name="website" type="text" tabindex="-1" autocomplete="off" value=""></div>
${select('kind', '类型 *', kindOptions)}
${select('rating', '满意度（仅满意度评价填写）', ratingOptions)}
<div class="field">
<label for="${p}text">内容 *</label>
<textarea id="${p}text" name="text" rows="5" maxlength="1000" required${invalid(d.errors, 'text', p)}>${d.values.text ?? ''}</textarea>
${err(d.errors, 'text', p)}
</div>
<div class="field">
<label for="${p}contact">联系方式（选填，电话或电子邮箱，仅用于答复，不会公开）</label>
<input id="${p}contact" name="contact" maxlength="100" autocomplete="tel" value="${d.values.contact ?? ''}"${invalid(d.errors, 'contact', p)}>
${err(d.errors, 'contact', p)}
</div>
<div class="field"><label><input type="checkbox" name="consent" value="1"${d.values.consent === '1' ? html` checked` : ''}> 同意在网站上公开我的留言内容和答复（不公开联系方式）</label></div>
<p><button type="submit">提交</button></p>
</form>`;
}

function nav(agency: AgencyView, current: 'form' | 'answered'): NavLink[] {
  return [
    { label: '首页', href: homeUrl },
    { label: '公开专栏', href: sectionUrl(agency.slug) },
    { label: '我要留言', href: feedbackUrl(agency.slug), current: current === 'form' },
    { label: '留言答复', href: answeredUrl(agency.slug), current: current === 'answered' },
  ];
}

function page(v: PageBase & { agency: AgencyView }, title: string, current: 'form' | 'answered', main: SafeHtml, robots?: string): string {
  return renderPage({
    title,
    site: v.site,
    footer: v.footer,
    elder: v.elder,
    path: v.path,
    nav: nav(v.agency, current),
    breadcrumbs: [{ label: '首页', href: homeUrl }, { label: v.agency.name, href: sectionUrl(v.agency.slug) }, { label: title }],
    ...(robots ? { robots } : {}),
    main,
  });
}

/** GET/POST /gk/:agency/feedback: the form, re-rendered with the errors and the input. */
export function feedbackFormPage(v: PageBase & { agency: AgencyView; form: FeedbackFormData; message?: string | undefined; documentTitle?: string | undefined }): string {
  const errs = Object.entries(v.form.errors);
  const main = html`<h1 class="page-title">留言与建议</h1>
<p>欢迎对 <strong>${v.agency.name}</strong> 的政务公开工作提出留言、建议或满意度评价。我们一般在收到后 5 个工作日内答复。请勿填写身份证号等个人隐私信息。</p>
${v.documentTitle ? html`<p>针对信息：<a href="${itemUrl(v.form.documentId ?? '')}">${v.documentTitle}</a></p>` : ''}
${v.message ? notice('warning', html`<p>${v.message}</p>`) : ''}
${errs.length ? notice('warning', html`<p>请修改以下 ${errs.length} 处后重新提交：</p><ul>${errs.map(([k, m]) => html`<li><a href="#fb-${k}">${m}</a></li>`)}</ul>`) : ''}
${feedbackForm(v.form)}
<p><a href="${answeredUrl(v.agency.slug)}">查看已公开的留言答复</a></p>`;
  return page(v, '留言与建议', 'form', main, 'noindex');
}

/** After a successful submission. */
export function feedbackDonePage(v: PageBase & { agency: AgencyView; dueOn: string; documentId?: string | undefined }): string {
  const main = html`<h1 class="page-title">留言已提交</h1>
${notice('info', html`<p>感谢您的留言。我们将在 ${v.dueOn} 前答复（如您留下了联系方式）。</p><p>您同意公开的留言及答复，将在答复后显示在“留言答复”栏目中。</p>`)}
<p>${v.documentId ? html`<a href="${itemUrl(v.documentId)}">返回信息页</a> · ` : ''}<a href="${answeredUrl(v.agency.slug)}">查看留言答复</a></p>`;
  return page(v, '留言已提交', 'form', main, 'noindex');
}

/** 429 page of the form. */
export function feedbackTooManyPage(v: PageBase & { agency: AgencyView }): string {
  return page(v, '提交过于频繁', 'form', html`<h1 class="page-title">提交过于频繁</h1><p>您的提交过于频繁，请稍后再试。</p>`, 'noindex');
}

/** One answered feedback as the public sees it. */
export interface AnsweredView {
  id: string;
  kindName: string;
  rating: number | null;
  text: string;
  documentId: string | null;
  receivedOn: string;
  answer: string;
  answeredOn: string;
}

/** GET /gk/:agency/feedback/answered. */
export function answeredPage(v: PageBase & { agency: AgencyView; items: AnsweredView[]; total: number; page: number; pageSize: number }): string {
  const pages = Math.max(1, Math.ceil(v.total / v.pageSize));
  const main = html`<h1 class="page-title">留言答复</h1>
<p>以下为留言人同意公开的留言及答复（共 ${v.total} 条）。留言人的联系方式不予公开。<a href="${feedbackUrl(v.agency.slug)}">我要留言</a></p>
${
  v.items.length
    ? html`<ol class="answered-list">${v.items.map(
        (i) => html`<li class="answered-item">
<p class="answered-meta"><span class="badge">${i.kindName}</span>${i.rating ? html` <span>评分：${i.rating} 分</span>` : ''} <span>留言日期：${formatDate(i.receivedOn)}</span>${i.documentId ? html` · <a href="${itemUrl(i.documentId)}">相关信息</a>` : ''}</p>
<blockquote class="answered-text"><p>${i.text}</p></blockquote>
<div class="answered-answer"><p><strong>答复（${formatDate(i.answeredOn)}）：</strong>${i.answer}</p></div>
</li>`,
      )}</ol>`
    : html`<p class="empty">暂无公开的留言答复</p>`
}
${
  pages > 1
    ? html`<nav class="pagination" aria-label="分页"><ul>${v.page > 1 ? html`<li><a href="${answeredUrl(v.agency.slug, v.page - 1)}" rel="prev">上一页</a></li>` : ''}<li><span aria-current="page">第 ${v.page} / ${pages} 页</span></li>${v.page < pages ? html`<li><a href="${answeredUrl(v.agency.slug, v.page + 1)}" rel="next">下一页</a></li>` : ''}</ul></nav>`
    : ''
}`;
  return page(v, '留言答复', 'answered', main);
}

/** A linked item in the 政策解读 section. */
export interface LinkedItemView {
  documentId: string;
  title: string;
  publishedAt: Date;
}

/** Detail-page section: the policy this item interprets, and the interpretations of this item. */
export function interpretationSection(links: { interprets: LinkedItemView | null; interpretations: LinkedItemView[] }): SafeHtml | '' {
  if (!links.interprets && !links.interpretations.length) return '';
  const item = (i: LinkedItemView) => html`<li><a href="${itemUrl(i.documentId)}">${i.title}</a> <span class="item-meta">${formatDate(i.publishedAt)}</span></li>`;
  return html`<section class="interpretations" aria-labelledby="interp-title">
<h2 id="interp-title">${links.interprets ? '解读的政策文件' : '政策解读'}</h2>
${links.interprets ? html`<ul class="interprets">${item(links.interprets)}</ul>` : ''}
${links.interpretations.length ? html`${links.interprets ? html`<h3>其他解读</h3>` : ''}<ul class="interpretation-list">${links.interpretations.map(item)}</ul>` : ''}
</section>`;
}

/** Detail-page section: answered feedback about this item (authors consented); nothing when there is none. */
export function detailAnsweredSection(items: AnsweredView[]): SafeHtml | '' {
  if (!items.length) return '';
  return html`<section class="item-answered" aria-labelledby="answered-title">
<h2 id="answered-title">留言答复</h2>
<ol class="answered-list">${items.map(
    (i) => html`<li class="answered-item">
<p class="answered-meta"><span class="badge">${i.kindName}</span>${i.rating ? html` <span>评分：${i.rating} 分</span>` : ''} <span>留言日期：${formatDate(i.receivedOn)}</span></p>
<blockquote class="answered-text"><p>${i.text}</p></blockquote>
<div class="answered-answer"><p><strong>答复（${formatDate(i.answeredOn)}）：</strong>${i.answer}</p></div>
</li>`,
  )}</ol>
</section>`;
}

/** Detail-page section: the feedback form about this item. */
export function detailFeedbackSection(d: FeedbackFormData): SafeHtml {
  return html`<section class="item-feedback" aria-labelledby="feedback-title">
<h2 id="feedback-title">对本信息留言或评价</h2>
${feedbackForm({ ...d, idPrefix: 'fb-' })}
<p><a href="${answeredUrl(d.agencySlug)}">查看留言答复</a></p>
</section>`;
}
