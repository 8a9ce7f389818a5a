/**
 * Template + the facts of a request → the content of a letter (paragraphs, 附件清单, signature).
 * Pure: the DOCX and PDF writers lay this content out; tests read it directly.
 */
import { deliveryNames, outcomeInfo, type Delivery, type Outcome } from '../model.ts';
import { articleOf, type LetterTemplate, type Placeholder, type TemplateKind } from './templates.ts';

/** What a letter says about one request (no template text). */
export interface LetterFacts {
  agencyName: string;
  applicantName: string;
  trackingNo: string;
  /** ISO dates. */
  receivedOn: string;
  description: string;
  /** The date of the letter (the event's date), ISO. */
  letterOn: string;
  outcome?: Outcome | null;
  /** Reasons of a reply, or of an extension. */
  reason?: string | null;
  correctionItems?: string | null;
  correctionPeriodDays?: number | null;
  correctionDeadline?: string | null;
  extensionDays?: number | null;
  extendedDueOn?: string | null;
  feeAmount?: number | null;
  feeMethod?: 'per_item' | 'per_page' | null;
  feeDeadline?: string | null;
  delivery?: string | null;
  /** 行政复议机关 and 管辖法院 of the agency (letter settings). */
  reviewOrgan: string;
  court: string;
  /** File names of the disclosed files (附件清单). */
  attachments: string[];
}

/** A rendered letter. */
export interface LetterContent {
  title: string;
  /** 受理编号 line under the title. */
  reference: string;
  salutation: string;
  paragraphs: string[];
  /** 附件清单 (empty when nothing is attached). */
  attachments: string[];
  signature: string;
  /** Chinese date, e.g. 2025年10月30日. */
  date: string;
}

/** 2025-10-30 → 2025年10月30日. */
export function chineseDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : '';
}

/**
 * The remedies paragraph (条例第51条; 行政复议法第20条 60日; 行政诉讼法第46条 6个月). The organ
 * and the court are the agency's settings.
 */
export function remediesParagraph(reviewOrgan: string, court: string): string {
  return `你（单位）如对本告知不服，可以自收到本告知书之日起60日内向${reviewOrgan}申请行政复议，或者自收到本告知书之日起6个月内向${court}提起行政诉讼。`;
}

/** The value of every placeholder for the facts. */
export function placeholderValues(kind: TemplateKind, f: LetterFacts): Record<Placeholder, string> {
  const article = articleOf(kind);
  const outcome = f.outcome ?? (kind.startsWith('reply.') ? (kind.slice(6) as Outcome) : null);
  return {
    机关名称: f.agencyName,
    申请人: f.applicantName,
    受理编号: f.trackingNo,
    收到日期: chineseDate(f.receivedOn),
    申请内容: f.description,
    答复日期: chineseDate(f.letterOn),
    处理结果: outcome ? outcomeInfo[outcome].name : '',
    依据条款: article && article !== '—' ? `《中华人民共和国政府信息公开条例》${article}` : '有关规定',
    理由: f.reason?.trim() ?? '',
    补正事项: f.correctionItems?.trim() ?? '',
    补正期限: f.correctionPeriodDays ? `${f.correctionPeriodDays}个工作日` : '',
    补正截止日期: chineseDate(f.correctionDeadline),
    延长天数: f.extensionDays ? String(f.extensionDays) : '',
    延长后期限: chineseDate(f.extendedDueOn),
    费用金额: f.feeAmount != null ? String(f.feeAmount) : '',
    收费方式: f.feeMethod === 'per_page' ? '按量计收' : f.feeMethod === 'per_item' ? '按件计收' : '',
    缴费期限: chineseDate(f.feeDeadline),
    获取方式: f.delivery ? (deliveryNames[f.delivery as Delivery] ?? f.delivery) : '',
    救济途径: remediesParagraph(f.reviewOrgan, f.court),
  };
}

/** Replaces every {占位符} (unknown ones are kept as written: templates are checked on save). */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{([^{}]*)\}/g, (whole, name: string) => (name in values ? values[name]! : whole));
}

/**
 * Renders a letter. A paragraph that only held placeholders with no value (e.g. {理由} when no
 * reason was given) is left out rather than printed empty.
 */
export function renderLetter(kind: TemplateKind, template: LetterTemplate, facts: LetterFacts): LetterContent {
  const values = placeholderValues(kind, facts);
  const paragraphs = template.body
    .split(/\r?\n/)
    .map((line) => fill(line.trim(), values).trim())
    .filter((text) => text !== '');
  return {
    title: fill(template.title, values).trim(),
    reference: `受理编号：${facts.trackingNo}`,
    salutation: `${facts.applicantName}：`,
    paragraphs,
    attachments: facts.attachments.map((name, i) => `${i + 1}. ${name}`),
    signature: facts.agencyName,
    date: chineseDate(facts.letterOn),
  };
}

/** The whole letter as plain text (tests, search, the audit's hash). */
export function letterText(c: LetterContent): string {
  return [c.title, c.reference, c.salutation, ...c.paragraphs, ...(c.attachments.length ? ['附件：', ...c.attachments] : []), c.signature, c.date].join('\n');
}
