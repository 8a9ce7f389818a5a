import { describe, expect, it } from 'vitest';
import { answerPrivacyFindings, answerPrivacyMessage, maskPublicText } from './answer-privacy.ts';

const now = new Date('2025-11-13T02:00:00Z');

describe('answer privacy check', () => {
  it('finds mobile, ID and bank card numbers and names them masked', () => {
    const found = answerPrivacyFindings('经办人电话13812345678，申请人11010519491231002X，账号6222600260001072444。', now);
    expect(found.map((f) => f.type).sort()).toEqual(['bankCard', 'idCard', 'mobile']);
    const msg = answerPrivacyMessage(found);
    expect(msg).toContain('手机号');
    expect(msg).toContain('居民身份证号');
    expect(msg).not.toContain('13812345678');
  });

  it('lets ordinary answers, office landlines and organisation codes pass', () => {
    expect(answerPrivacyFindings('请到镇便民服务中心民政窗口办理，办公电话0571-88886666。', now)).toEqual([]);
    expect(answerPrivacyFindings('统一社会信用代码91330106MA27XY1234。', now)).toEqual([]);
  });

  it('masks the author’s own number in a public text', () => {
    const out = maskPublicText('我的电话13987654321，请回电', now);
    expect(out).not.toContain('13987654321');
    expect(out).toContain('请回电');
  });
});
