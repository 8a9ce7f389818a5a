/**
 * 公示期 (notice period) of a 主动公开 item: the days a notice — a subsidy list, a 征地 or
 * 拟任 notice — is to stay posted, shown on the portal and printed on the bulletin-board notice
 * (its last day is the 张贴期限). Pure rules; dates are YYYY-MM-DD strings (China calendar days).
 */
import type { Disclosure } from './metadata.ts';

/** The fields the 公示期 rules look at. */
export interface NoticePeriodFields {
  disclosure: Disclosure;
  noticeStartsOn: string | null;
  noticeEndsOn: string | null;
}

/** Cross-field rules of the 公示期: field → Chinese message; empty when consistent. */
export function checkNoticePeriod(f: NoticePeriodFields): Record<string, string> {
  const { noticeStartsOn: start, noticeEndsOn: end } = f;
  if (!start && !end) return {};
  if (f.disclosure !== 'proactive') return { noticeStartsOn: '只有主动公开的信息可以设置公示期' };
  if (!start) return { noticeStartsOn: '请填写公示期的开始日期（公示期须同时填写开始和结束日期）' };
  if (!end) return { noticeEndsOn: '请填写公示期的结束日期（公示期须同时填写开始和结束日期）' };
  if (end < start) return { noticeEndsOn: '公示期结束日期不能早于开始日期' };
  return {};
}
