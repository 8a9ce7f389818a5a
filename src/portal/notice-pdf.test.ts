import { describe, expect, it } from 'vitest';
import { noticePeriodText, postingDeadlineText } from './notice-pdf.ts';
import { chineseDate } from './views/format.ts';

describe('notice texts', () => {
  it('writes dates the Chinese way without leading zeros', () => {
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
    expect(chineseDate('2026-11-20')).toBe('2026年11月20日');
  });

  it('gives the 公示期 only when both ends are set', () => {
    expect(noticePeriodText('2026-11-20', '2026-11-27')).toBe('公示期：2026年11月20日至2026年11月27日');
    expect(noticePeriodText('2026-11-20', null)).toBeNull();
    expect(noticePeriodText(null, null)).toBeNull();
  });

  it('takes the 张贴期限 from the 公示期 end, else leaves a line to fill in', () => {
    expect(postingDeadlineText('2026-11-27')).toBe('张贴期限：2026年11月27日止');
    expect(postingDeadlineText(null)).toBe('张贴期限：______年____月____日止');
  });
});
