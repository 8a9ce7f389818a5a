import { describe, expect, it } from 'vitest';
import { classifyPlate } from './plate.ts';
import { scanText } from './scan.ts';

const now = new Date('2026-03-01T04:00:00Z');
const scan = (text: string) => scanText(text, { now }).map((f) => ({ type: f.type, text: f.text, masked: f.masked }));

describe('classifyPlate', () => {
  it.each([
    ['渝', 'A12345', undefined, true],
    ['渝', 'AB1234', undefined, true],
    ['渝', 'ABC123', undefined, true], // serial BC123: two letters
    ['渝', 'ABCD12', undefined, false], // three letters in the serial
    ['渝', 'AI2345', undefined, false], // I is never used
    ['渝', 'AD12345', undefined, true], // small new-energy
    ['渝', 'A12345D', undefined, true], // large new-energy
    ['渝', 'A1234', '挂', true],
    ['京', 'A1234', '学', true],
    ['渝', 'A1234', '号', false],
    ['中', 'A12345', undefined, false],
  ])('%s%s%s → %s', (province, token, next, ok) => {
    expect(!!classifyPlate(province, token, next)).toBe(ok);
  });
});

describe('scanText: plates', () => {
  it.each([
    ['车牌号渝A12345。', '渝A12345', '渝A1***5'],
    ['车辆渝AD12345停放', '渝AD12345', '渝AD****5'],
    ['挂车渝A1234挂', '渝A1234', '渝A1**4'],
  ])('%s', (text, found, masked) => {
    expect(scan(text)).toEqual([{ type: 'plate', text: found, masked }]);
  });

  it.each(['重庆A级景区', '京ICP备05070218号', '川A', '渝北区A1栋'])('finds none in %s', (text) => {
    expect(scan(text)).toEqual([]);
  });
});
