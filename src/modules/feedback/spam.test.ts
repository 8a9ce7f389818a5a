import { describe, expect, it } from 'vitest';
import { scoreSpam, spamThreshold } from './spam.ts';

describe('scoreSpam', () => {
  it.each([
    ['村口路灯坏了三盏，晚上出行不便，请尽快维修。', false],
    ['政策原文见 https://www.gov.cn/zhengce 请参考。', false],
    ['好好好好好好', false],
    ['点击 http://a.xyz 和 http://b.top 领取', true],
    ['专业代开发票，价格优惠', true],
    ['代 开 发 票', true],
    ['ｈｔｔｐ://ａ.ｃｏｍ ｈｔｔｐ://ｂ.ｃｏｍ', true],
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', true],
    ['buy cheap watches online today best price', false],
  ])('%s → spam %s', (text, spam) => {
    expect(scoreSpam(text).isSpam).toBe(spam);
  });

  it('counts the agency’s own banned words', () => {
    expect(scoreSpam('我要举报某某小卖部').isSpam).toBe(false);
    expect(scoreSpam('我要举报某某小卖部', ['小卖部']).isSpam).toBe(true);
  });

  it('explains its score', () => {
    const s = scoreSpam('www.a.com www.b.com 博彩');
    expect(s.score).toBeGreaterThanOrEqual(spamThreshold);
    expect(s.signals.map((x) => x.reason).sort()).toEqual(['banned', 'links']);
  });
});
