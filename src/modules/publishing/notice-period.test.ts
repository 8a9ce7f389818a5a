import { describe, expect, it } from 'vitest';
import { checkNoticePeriod } from './notice-period.ts';

describe('checkNoticePeriod', () => {
  const p = (noticeStartsOn: string | null, noticeEndsOn: string | null, disclosure: 'proactive' | 'request' = 'proactive') => checkNoticePeriod({ disclosure, noticeStartsOn, noticeEndsOn });

  it('accepts none, a one-day and a longer period', () => {
    expect(p(null, null)).toEqual({});
    expect(p(null, null, 'request')).toEqual({});
    expect(p('2026-11-20', '2026-11-20')).toEqual({});
    expect(p('2026-11-20', '2026-12-01')).toEqual({});
  });

  it('refuses an end before the start, one end only and a non-主动公开 item', () => {
    expect(p('2026-11-20', '2026-11-19')).toEqual({ noticeEndsOn: '公示期结束日期不能早于开始日期' });
    expect(p('2026-11-20', null).noticeEndsOn).toContain('结束日期');
    expect(p(null, '2026-11-20').noticeStartsOn).toContain('开始日期');
    expect(p('2026-11-20', '2026-11-27', 'request')).toEqual({ noticeStartsOn: '只有主动公开的信息可以设置公示期' });
  });
});
