import { describe, expect, it } from 'vitest';
import { splitLandline } from './landline.ts';
import { scanText } from './scan.ts';

const now = new Date('2026-03-01T04:00:00Z');
const scan = (text: string) => scanText(text, { now }).map((f) => ({ type: f.type, text: f.text, confidence: f.confidence, reason: f.reason }));

describe('splitLandline', () => {
  it.each([
    ['01062345678', { area: '010', local: '62345678' }],
    ['02357681234', { area: '023', local: '57681234' }],
    ['075582345678', { area: '0755', local: '82345678' }],
    ['05715768123', { area: '0571', local: '5768123' }],
    ['0235768123', null], // 02x needs 8 local digits
    ['01162345678', null], // 011 is no area code
    ['02312345678', null], // local numbers start 2–8
    ['4001234567', null],
  ])('%s → %j', (digits, expected) => {
    expect(splitLandline(digits)).toEqual(expected);
  });
});

describe('scanText: landlines (always medium, the reviewer decides)', () => {
  it.each([
    ['电话023-57681234', '023-57681234'],
    ['电话(023)57681234', '(023)57681234'],
    ['电话（023）5768 1234', '（023）5768 1234'],
    ['电话023 57681234', '023 57681234'],
    ['电话023-5768 1234', '023-5768 1234'],
    ['电话0755-82345678', '0755-82345678'],
    ['电话010-62345678', '010-62345678'],
    ['电话0571-88886666转123', '0571-88886666'],
    ['联系电话：02357681234', '02357681234'],
    ['张三 023-5768-1234', '023-5768-1234'],
  ])('%s', (text, found) => {
    expect(scan(text)).toMatchObject([{ type: 'landline', text: found, confidence: 'medium' }]);
  });

  it('says when the number sits next to an institutional phone word', () => {
    expect(scan('咨询电话：023-57681234')[0]!.reason).toContain('机构');
    expect(scan('监督电话（023）57681234')[0]!.reason).toContain('机构');
    expect(scan('户主电话023-57681234')[0]!.reason).not.toContain('机构');
  });

  it.each([
    ['an unseparated run without a phone word', '编号02357681234'],
    ['an invoice code', '发票代码：044031900111'],
    ['a 400 number', '服务热线400-123-4567'],
    ['a 95 number', '客服95588'],
    ['a date range', '2020-2025'],
  ])('finds none in %s', (_what, text) => {
    expect(scan(text).filter((f) => f.type === 'landline')).toEqual([]);
  });
});
