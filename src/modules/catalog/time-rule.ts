/**
 * 公开时限 as data and as the Chinese text of real catalogs, both ways (pure).
 *
 * - event-driven: 条例第26条 "自该政府信息形成或者变更之日起20个工作日内及时公开" is the default;
 *   动态类 24 小时 is the seed report's local rule (DOMAIN.md §1.2, §6);
 * - periodic: monthly / quarterly / yearly, due on a day of the period that follows.
 *
 * An event rule may carry a 公示期 (`noticeDays`, calendar days; `noticeUnit: 'workingDays'` when
 * the wording says 工作日): "7个工作日内公示，公示期不少于5个工作日", "公示期7天". Text form:
 * `信息形成或者变更之日起7个工作日内，公示期不少于5个工作日` / `…，公示期不少于7天`.
 */
import type { TimeRule } from '../../db/schema/index.ts';

export type { TimeRule };

/** 条例第26条: 20 个工作日. */
export const defaultEventRule: TimeRule = { kind: 'event', unit: 'workingDays', limit: 20 };
/** 动态类信息 24 小时 (local working rule of the seed report, not national). */
export const dynamicRule: TimeRule = { kind: 'event', unit: 'hours', limit: 24 };

const periodNames = { monthly: '每月', quarterly: '每季度', yearly: '每年' } as const;

/** The rule as a catalog's 公开时限 cell; {@link parseTimeRule} reads it back. */
export function formatTimeRule(rule: TimeRule): string {
  if (rule.kind === 'event') {
    const notice = rule.noticeDays ? `，${formatNotice(rule.noticeDays, rule.noticeUnit)}` : '';
    return `信息形成或者变更之日起${rule.limit}${rule.unit === 'hours' ? '小时' : '个工作日'}内${notice}`;
  }
  switch (rule.period) {
    case 'monthly':
      return `每月公开，次月${rule.dueDay}日前`;
    case 'quarterly':
      return `每季度公开，季度结束后次月${rule.dueDay}日前`;
    case 'yearly':
      return `每年公开，次年${rule.dueMonth ?? 1}月${rule.dueDay}日前`;
  }
}

/** The stored form of a rule: calendar-day 公示期 without `noticeUnit`, no unit without days. */
export function normalizeTimeRule(rule: TimeRule): TimeRule {
  if (rule.kind !== 'event') return rule;
  const { noticeDays, noticeUnit, ...rest } = rule;
  if (noticeDays === undefined || noticeDays === null) return rest;
  return noticeUnit === 'workingDays' ? { ...rest, noticeDays, noticeUnit } : { ...rest, noticeDays };
}

/** 公示期 as text: 公示期不少于7天 / 公示期不少于5个工作日. */
export function formatNotice(days: number, unit: 'days' | 'workingDays' | undefined): string {
  return `公示期不少于${days}${unit === 'workingDays' ? '个工作日' : '天'}`;
}

/** Longest 公示期 accepted: a year of calendar days, or 250 working days. */
export const maxNoticeDays = 365;
export const maxNoticeWorkingDays = 250;

/** Checks the numbers of a rule; returns a Chinese problem or null. */
export function checkTimeRule(rule: TimeRule): string | null {
  if (rule.kind === 'event') {
    if (!Number.isInteger(rule.limit) || rule.limit < 1) return '公开时限须为正整数';
    if (rule.noticeDays !== undefined) {
      const max = rule.noticeUnit === 'workingDays' ? maxNoticeWorkingDays : maxNoticeDays;
      if (!Number.isInteger(rule.noticeDays) || rule.noticeDays < 1) return '公示期须为正整数';
      if (rule.noticeDays > max) return `公示期不能超过 ${max} ${rule.noticeUnit === 'workingDays' ? '个工作日' : '天'}`;
    } else if (rule.noticeUnit !== undefined) return '设置了公示期单位但未填写公示期';
    if (rule.unit === 'workingDays' && rule.limit > 60) return '公开时限不能超过 60 个工作日（条例第26条为 20 个工作日）';
    if (rule.unit === 'hours' && rule.limit > 720) return '公开时限不能超过 720 小时';
    return null;
  }
  if (!Number.isInteger(rule.dueDay) || rule.dueDay < 1 || rule.dueDay > 31) return '截止日须为 1–31';
  if (rule.period === 'yearly') {
    const m = rule.dueMonth ?? 1;
    if (!Number.isInteger(m) || m < 1 || m > 12) return '截止月份须为 1–12';
  }
  return null;
}

const toHalfWidth = (s: string) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');

/**
 * Reads a 公开时限 cell: our own format, and the common wordings of real catalogs
 * ("20个工作日内", "24小时内", "每月10日前", "每季度…15日前", "每年3月31日前"). Empty → 20 个工作日.
 * Returns null when the text cannot be understood.
 */
export function parseTimeRule(text: string): TimeRule | null {
  const all = toHalfWidth(text);
  if (all === '') return defaultEventRule;
  // The 公示期 clause first ("公示期不少于5个工作日", "公示期为7天", "公示时间7日"), so its number is not read as the limit.
  const n = /公示(?:期|时间)?(?:为|是)?(?:不少于|不得少于|不短于|至少)?(\d+)(个工作日|工作日|个自然日|自然日|天|日)/.exec(all);
  const s = n ? all.slice(0, n.index) + all.slice(n.index + n[0].length) : all;
  const notice = n ? { noticeDays: Number(n[1]), ...(/工作日/.test(n[2]!) ? { noticeUnit: 'workingDays' as const } : {}) } : {};
  const rule = parseMainRule(s);
  if (!rule || !n) return rule;
  // A 公示期 belongs to event rules only (periodic 公示 with a 公示期 is not modelled).
  if (rule.kind !== 'event') return null;
  return { ...rule, ...notice };
}

function parseMainRule(s: string): TimeRule | null {
  if (/^[，,；;。、\s]*$/.test(s)) return defaultEventRule;
  let m = /(\d+)个?工作日/.exec(s);
  if (m && !/每(月|季度?|年)/.test(s)) return { kind: 'event', unit: 'workingDays', limit: Number(m[1]) };
  m = /(\d+)(个)?小时/.exec(s);
  if (m) return { kind: 'event', unit: 'hours', limit: Number(m[1]) };
  if (/每年|年度/.test(s)) {
    m = /(\d{1,2})月(\d{1,2})日/.exec(s);
    if (m) return { kind: 'periodic', period: 'yearly', dueMonth: Number(m[1]), dueDay: Number(m[2]) };
    return null;
  }
  if (/每季|季度/.test(s)) {
    m = /(\d{1,2})日/.exec(s);
    if (m) return { kind: 'periodic', period: 'quarterly', dueDay: Number(m[1]) };
    return null;
  }
  if (/每月|月度/.test(s)) {
    m = /(\d{1,2})日/.exec(s);
    if (m) return { kind: 'periodic', period: 'monthly', dueDay: Number(m[1]) };
    return null;
  }
  return null;
}

/** A short Chinese label of the rule's kind, for tags in lists. */
export function timeRuleLabel(rule: TimeRule): string {
  if (rule.kind === 'event') return `${rule.unit === 'hours' ? `${rule.limit}小时` : `${rule.limit}个工作日`}${rule.noticeDays ? `，公示${rule.noticeDays}${rule.noticeUnit === 'workingDays' ? '个工作日' : '天'}` : ''}`;
  return periodNames[rule.period];
}
