import { describe, expect, it } from 'vitest';
import { isEmailAddress } from './email.ts';
import { scanText } from './scan.ts';

const now = new Date('2026-03-01T04:00:00Z');
const scan = (text: string) => scanText(text, { now }).map((f) => ({ type: f.type, text: f.text, confidence: f.confidence, masked: f.masked }));

describe('isEmailAddress', () => {
  it.each([
    ['zhangsan@163.com', true],
    ['a.b-c+d@sub.example.com.cn', true],
    ['wsxqcx_2025@qq.com', true],
    ['xn--fiq228c@xn--fiqs8s.cn', true],
    ['a@b', false],
    ['@example.com', false],
    ['a..b@example.com', false],
    ['.a@example.com', false],
    ['a@example.c', false],
    ['a@@example.com', false],
  ])('%s → %s', (s, ok) => {
    expect(isEmailAddress(s)).toBe(ok);
  });
});

describe('scanText: e-mail addresses', () => {
  it.each([
    ['邮箱zhangsan@163.com联系', 'zhangsan@163.com', 'z*******@163.com'],
    ['邮箱：ZhangSan@163.com。', 'ZhangSan@163.com', 'Z*******@163.com'],
    ['发送至 a.b@example.gov.cn.', 'a.b@example.gov.cn', 'a**@example.gov.cn'],
    ['邮箱：ｚｈａｎｇ＠１６３．ｃｏｍ', 'ｚｈａｎｇ＠１６３．ｃｏｍ', 'ｚ****＠１６３．ｃｏｍ'],
  ])('%s', (text, found, masked) => {
    expect(scan(text)).toEqual([{ type: 'email', text: found, confidence: 'medium', masked }]);
  });

  it('takes the confidence of a phone number used as the local part, and masks it whole', () => {
    expect(scan('邮箱13800138000@qq.com')).toEqual([{ type: 'email', text: '13800138000@qq.com', confidence: 'high', masked: '1**********@qq.com' }]);
  });

  it.each(['用户名@某单位', '微博@曲尺乡人民政府', 'a@b', '2025@'])('finds none in %s', (text) => {
    expect(scan(text)).toEqual([]);
  });
});
