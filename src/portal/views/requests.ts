/**
 * The portal's 依申请公开 pages: the application form (no account, no JavaScript), the receipt
 * with the tracking number and the query code (shown once), and the status lookup. Pure views;
 * the status page shows the procedure only — never the applicant's personal data.
 */
import { html, type HtmlValue, type SafeHtml } from '../html.ts';
import { homeUrl, sectionUrl } from '../urls.ts';
import { renderPage, type NavLink } from './layout.ts';
import { notice } from './components.ts';
import type { AgencyView, PageBase } from './pages.ts';

/** URL of the application form. */
export const applyUrl = (agencySlug: string) => `/gk/${encodeURIComponent(agencySlug)}/ysqgk/apply`;
/** URL of the status lookup. */
export const statusUrl = (agencySlug: string) => `/gk/${encodeURIComponent(agencySlug)}/ysqgk/status`;

type Options = ReadonlyArray<{ value: string; label: string }>;

/** Data of the application form. */
export interface ApplyFormView extends PageBase {
  agency: AgencyView;
  formToken: string;
  /** What the applicant typed (strings only). */
  values: Record<string, string>;
  /** Field → Chinese message. */
  errors: Record<string, string>;
  /** A message above the form (expired token, refused submission). */
  message?: string | undefined;
  options: { applicantKind: Options; idType: Options; orgKind: Options; provisionForm: Options; delivery: Options };
}

function nav(agency: AgencyView, current: 'apply' | 'status'): NavLink[] {
  return [
    { label: '首页', href: homeUrl },
    { label: '公开专栏', href: sectionUrl(agency.slug) },
    { label: '申请公开', href: applyUrl(agency.slug), current: current === 'apply' },
    { label: '查询办理进度', href: statusUrl(agency.slug), current: current === 'status' },
  ];
}

function page(v: PageBase & { agency: AgencyView }, title: string, current: 'apply' | 'status', main: SafeHtml): string {
  return renderPage({
    title,
    site: v.site,
    footer: v.footer,
    elder: v.elder,
    path: v.path,
    nav: nav(v.agency, current),
    breadcrumbs: [{ label: '首页', href: homeUrl }, { label: v.agency.name, href: sectionUrl(v.agency.slug) }, { label: title }],
    robots: 'noindex',
    main,
  });
}

function fieldError(errors: Record<string, string>, name: string): SafeHtml | '' {
  const e = errors[name];
  return e ? html`<span class="field-error" id="${name}-error">${e}</span>` : '';
}

function input(v: ApplyFormView, name: string, label: string, opts: { type?: string; required?: boolean; max?: number; hint?: string; autocomplete?: string } = {}): SafeHtml {
  const err = v.errors[name];
  return html`<div class="field">
<label for="f-${name}">${label}${opts.required ? html`<span aria-hidden="true"> *</span>` : ''}</label>
${opts.hint ? html`<span class="hint">${opts.hint}</span>` : ''}
<input id="f-${name}" name="${name}" type="${opts.type ?? 'text'}" value="${v.values[name] ?? ''}"${opts.max ? html` maxlength="${opts.max}"` : ''}${opts.required ? html` required` : ''}${opts.autocomplete ? html` autocomplete="${opts.autocomplete}"` : ''}${err ? html` aria-invalid="true" aria-describedby="${name}-error"` : ''}>
${fieldError(v.errors, name)}
</div>`;
}

function select(v: ApplyFormView, name: string, label: string, options: Options, required = false): SafeHtml {
  const err = v.errors[name];
  const current = v.values[name] ?? '';
  return html`<div class="field">
<label for="f-${name}">${label}${required ? html`<span aria-hidden="true"> *</span>` : ''}</label>
<select id="f-${name}" name="${name}"${err ? html` aria-invalid="true" aria-describedby="${name}-error"` : ''}>
<option value="">请选择</option>
${options.map((o) => html`<option value="${o.value}"${o.value === current ? html` selected` : ''}>${o.label}</option>`)}
</select>
${fieldError(v.errors, name)}
</div>`;
}

/** GET/POST /gk/:agency/ysqgk/apply: the form, re-rendered with the errors and the input. */
export function applyFormPage(v: ApplyFormView): string {
  const errs = Object.entries(v.errors);
  const main = html`<h1 class="page-title">政府信息公开申请</h1>
<p>向 <strong>${v.agency.name}</strong> 申请获取政府信息（《中华人民共和国政府信息公开条例》第二十七条至第二十九条）。带 * 的为必填项。您提交的个人信息仅用于办理本申请，不会在网站上公开。</p>
${v.message ? notice('warning', html`<p>${v.message}</p>`) : ''}
${
  errs.length
    ? notice(
        'warning',
        html`<p>请修改以下 ${errs.length} 处后重新提交：</p><ul>${errs.map(([k, m]) => html`<li><a href="#f-${k}">${m}</a></li>`)}</ul>`,
      )
    : ''
}
<form method="post" action="${applyUrl(v.agency.slug)}" class="request-form" enctype="multipart/form-data" novalidate>
<input type="hidden" name="formToken" value="${v.formToken}">
<div class="hp-field" aria-hidden="true"><label for="f-website">网址（请勿填写）</label><input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off" value=""></div>
<fieldset><legend>申请人信息</legend>
${select(v, 'applicantKind', '申请人类型', v.options.applicantKind, true)}
${input(v, 'name', '姓名 / 名称', { required: true, max: 100, autocomplete: 'name' })}
<p class="hint">自然人请填写：</p>
${select(v, 'idType', '证件类型', v.options.idType)}
${input(v, 'idNumber', '证件号码', { max: 40 })}
<p class="hint">法人或其他组织请填写：</p>
${select(v, 'orgKind', '组织类型', v.options.orgKind)}
${input(v, 'uscc', '统一社会信用代码', { max: 18 })}
${input(v, 'legalRepresentative', '法定代表人或负责人', { max: 50 })}
${input(v, 'contactPerson', '联系人', { max: 50 })}
${input(v, 'phone', '联系电话', { required: true, max: 30, type: 'tel', autocomplete: 'tel' })}
${input(v, 'email', '电子邮箱', { max: 200, type: 'email', autocomplete: 'email' })}
${input(v, 'address', '通信地址', { max: 200, autocomplete: 'street-address' })}
${input(v, 'postcode', '邮政编码', { max: 6, autocomplete: 'postal-code' })}
<div class="field">
<label for="f-identity">身份证明（选填）</label>
<span class="hint" id="identity-hint">身份证件或营业执照的照片或扫描件，JPEG、PNG 或 PDF，不超过 5 MB。仅供办理机关工作人员核对身份，不会公开。</span>
<input id="f-identity" name="identity" type="file" accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf" aria-describedby="identity-hint${v.errors.identity ? ' identity-error' : ''}"${v.errors.identity ? html` aria-invalid="true"` : ''}>
${fieldError(v.errors, 'identity')}
</div>
</fieldset>
<fieldset><legend>所需政府信息</legend>
<div class="field">
<label for="f-description">所需政府信息的名称或内容描述<span aria-hidden="true"> *</span></label>
<textarea id="f-description" name="description" rows="5" maxlength="2000" required${v.errors.description ? html` aria-invalid="true" aria-describedby="description-error"` : ''}>${v.values.description ?? ''}</textarea>
${fieldError(v.errors, 'description')}
</div>
${input(v, 'docNo', '文号（如知道）', { max: 100 })}
${select(v, 'provisionForm', '获取信息的形式', v.options.provisionForm, true)}
${select(v, 'delivery', '获取信息的方式', v.options.delivery, true)}
</fieldset>
<div class="field"><label><input type="checkbox" name="confirm" value="1"${v.values.confirm === '1' ? html` checked` : ''}> 本人承诺所填信息真实有效 *</label>${fieldError(v.errors, 'confirm')}</div>
<p><button type="submit">提交申请</button></p>
</form>
<p><a href="${statusUrl(v.agency.slug)}">已提交过申请？查询办理进度</a></p>`;
  return page(v, '政府信息公开申请', 'apply', main);
}

/** The receipt after a successful application: the query code is shown only here. */
export function applyDonePage(v: PageBase & { agency: AgencyView; trackingNo: string; queryCode: string; receivedOn: string; dueOn: string | null; lines: string[] }): string {
  const main = html`<h1 class="page-title">申请已提交</h1>
${notice('info', html`<p>受理编号：<strong class="tracking-no">${v.trackingNo}</strong></p><p>查询码：<strong class="query-code">${v.queryCode}</strong></p><p>请记下受理编号和查询码（查询码只显示这一次），凭它们查询办理进度和答复结果。</p>`)}
<p>收到申请之日：${v.receivedOn}。${v.dueOn ? html`答复期限（条例第三十三条，20个工作日）：<strong>${v.dueOn}</strong>。` : ''}如需补正或延期，我们会另行告知。</p>
<details><summary>期限是怎么算的</summary><ul>${v.lines.map((l) => html`<li>${l}</li>`)}</ul></details>
<p><a href="${statusUrl(v.agency.slug)}">查询办理进度</a></p>`;
  return page(v, '申请已提交', 'apply', main);
}

/** The public status of one request: procedure only. */
export interface PublicStatusView {
  trackingNo: string;
  receivedOn: string;
  stateName: string;
  outcomeName: string | null;
  dueOn: string | null;
  overdue: boolean;
  correctionDeadline: string | null;
  lines: string[];
  warnings: string[];
}

/** URL of the applicant's online 补正 (POST, multipart). */
export const correctionUrl = (agencySlug: string) => `/gk/${encodeURIComponent(agencySlug)}/ysqgk/correction`;

/** A correction the applicant is asked for (条例第30条), shown after a successful lookup. */
export interface PublicCorrectionView {
  items: string;
  noticeOn: string;
  deadline: string | null;
  expired: boolean;
  formToken: string;
  /** The text typed before a refused submission, and the error. */
  text?: string | undefined;
  error?: string | undefined;
}

/**
 * The 补正 block: the items and deadline, and the form (text + files) carrying the tracking
 * number and query code the applicant just entered (the page is no-store).
 */
function correctionBlock(v: { agency: AgencyView; trackingNo: string; queryCode?: string | undefined; correction?: PublicCorrectionView | undefined }): HtmlValue {
  const c = v.correction;
  if (!c || !v.queryCode) return '';
  const head = html`<h2>需要补正</h2>
<p>本机关于 ${c.noticeOn} 告知您补正申请（《中华人民共和国政府信息公开条例》第三十条）。需要补正的事项：</p>
<blockquote class="correction-items">${c.items}</blockquote>
<p>补正期限：<strong>${c.deadline ?? '—'}</strong>。</p>`;
  if (c.expired) {
    return html`${head}${notice('warning', html`<p>补正期限已过，不能在线提交补正。无正当理由逾期不补正的，视为放弃申请；如有正当理由，请与本机关联系。</p>`)}`;
  }
  return html`${head}
<form method="post" action="${correctionUrl(v.agency.slug)}" class="request-form" enctype="multipart/form-data" novalidate>
<input type="hidden" name="formToken" value="${c.formToken}"><input type="hidden" name="trackingNo" value="${v.trackingNo}"><input type="hidden" name="queryCode" value="${v.queryCode}">
<div class="hp-field" aria-hidden="true"><label for="f-website">网址（请勿填写）</label><input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off" value=""></div>
${c.error ? html`<p class="field-error" id="correction-error">${c.error}</p>` : ''}
<div class="field"><label for="f-correction">补正内容<span aria-hidden="true"> *</span></label>
<textarea id="f-correction" name="text" rows="5" maxlength="2000" required>${c.text ?? ''}</textarea></div>
<div class="field"><label for="f-correction-files">补正材料（选填）</label>
<span class="hint" id="correction-files-hint">最多 5 个文件，JPEG、PNG 或 PDF，每个不超过 5 MB。</span>
<input id="f-correction-files" name="files" type="file" multiple accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf" aria-describedby="correction-files-hint"></div>
<p><button type="submit">提交补正</button></p>
</form>`;
}

/** GET/POST /gk/:agency/ysqgk/status. */
/** URL of the applicant's letter download (POST with the tracking number and the query code). */
export const letterUrl = (agencySlug: string) => `/gk/${encodeURIComponent(agencySlug)}/ysqgk/letter`;

/** A sent letter the applicant may download (告知书 PDF). */
export interface PublicLetterView {
  letter: string;
  name: string;
  on: string;
}

/**
 * The letters block of the status page: one small form per letter carrying the tracking number
 * and the query code the applicant just entered (the page is no-store), so the download works
 * without JavaScript and without a link that would reveal anything.
 */
function lettersBlock(v: { agency: AgencyView; formToken: string; trackingNo: string; queryCode?: string | undefined; letters?: PublicLetterView[] | undefined }): HtmlValue {
  if (!v.letters?.length || !v.queryCode) return '';
  return html`<h2>告知书</h2><ul class="letter-list">${v.letters.map(
    (l) => html`<li><form method="post" action="${letterUrl(v.agency.slug)}">
<input type="hidden" name="formToken" value="${v.formToken}"><input type="hidden" name="trackingNo" value="${v.trackingNo}"><input type="hidden" name="queryCode" value="${v.queryCode}"><input type="hidden" name="letter" value="${l.letter}">
<button type="submit">下载《${l.name}》（PDF，${l.on}）</button></form></li>`,
  )}</ul>`;
}

export function statusPage(
  v: PageBase & {
    agency: AgencyView;
    formToken: string;
    trackingNo: string;
    message?: string | undefined;
    /** A confirmation (e.g. the correction was received). */
    success?: string | undefined;
    status: PublicStatusView | null;
    queryCode?: string | undefined;
    letters?: PublicLetterView[] | undefined;
    correction?: PublicCorrectionView | undefined;
  },
): string {
  const s = v.status;
  const row = (label: string, value: HtmlValue) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
  const main = html`<h1 class="page-title">查询申请办理进度</h1>
${v.message ? notice('warning', html`<p>${v.message}</p>`) : ''}
${v.success ? notice('info', html`<p>${v.success}</p>`) : ''}
${
  s
    ? html`<table class="meta-table"><tbody>
${row('受理编号', s.trackingNo)}
${row('收到申请之日', s.receivedOn)}
${row('办理状态', s.stateName)}
${s.outcomeName ? row('处理结果', s.outcomeName) : ''}
${s.dueOn ? row('答复期限', html`${s.dueOn}${s.overdue ? '（已超期）' : ''}`) : ''}
${s.correctionDeadline ? row('补正期限', s.correctionDeadline) : ''}
</tbody></table>
${s.warnings.map((w) => notice('warning', html`<p>${w}</p>`))}
${correctionBlock(v)}
${lettersBlock(v)}
<h2>期限计算</h2><ul class="clock-lines">${s.lines.map((l) => html`<li>${l}</li>`)}</ul>`
    : ''
}
<form method="post" action="${statusUrl(v.agency.slug)}" class="request-form">
<input type="hidden" name="formToken" value="${v.formToken}">
<div class="field"><label for="f-trackingNo">受理编号</label><input id="f-trackingNo" name="trackingNo" maxlength="20" value="${v.trackingNo}" required></div>
<div class="field"><label for="f-queryCode">查询码</label><input id="f-queryCode" name="queryCode" maxlength="40" autocomplete="off" required></div>
<p><button type="submit">查询</button></p>
</form>
<p><a href="${applyUrl(v.agency.slug)}">提交新的申请</a></p>`;
  return page(v, '查询申请办理进度', 'status', main);
}

/** 429 page for the form routes. */
export function tooManyPage(v: PageBase & { agency: AgencyView }): string {
  return page(v, '提交过于频繁', 'apply', html`<h1 class="page-title">提交过于频繁</h1><p>您的提交过于频繁，请稍后再试。</p>`);
}
