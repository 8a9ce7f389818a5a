import { describe, expect, it } from 'vitest';
import { addressKeepLength } from './address.ts';
import { scanText } from './scan.ts';

const now = new Date('2026-03-01T04:00:00Z');
const scan = (text: string) => scanText(text, { now }).map((f) => ({ type: f.type, text: f.text, confidence: f.confidence, masked: f.masked }));

describe('scanText: addresses below 乡镇', () => {
  it.each([
    ['巫山县曲尺乡柳坪村3组12号', '柳坪村3组12号', 'medium', '柳坪村*****'],
    ['曲尺乡柳坪村十一组5号', '柳坪村十一组5号', 'medium', '柳坪村*****'],
    ['曲尺乡柳坪村12号', '柳坪村12号', 'medium', '柳坪村***'],
    ['家庭住址：巫山县曲尺乡柳坪村3组12号', '柳坪村3组12号', 'high', '柳坪村*****'],
    ['住址：曲尺乡柳坪村三组', '柳坪村三组', 'medium', '柳坪村**'],
    ['阳光社区5栋2单元301室', '阳光社区5栋2单元301室', 'medium', '阳光社区*********'],
    ['幸福小区5幢2单元301号', '幸福小区5幢2单元301号', 'medium', '*************'],
    ['锦绣花园12栋1203室', '锦绣花园12栋1203室', 'medium', '************'],
    ['巫山县滨江路12号3单元501室', '滨江路12号3单元501室', 'medium', '*************'],
    ['家住广东中路123号', '广东中路123号', 'medium', '********'],
    ['广东中路123号', '广东中路123号', 'low', '********'],
  ])('%s', (text, found, confidence, masked) => {
    expect(scan(text)).toEqual([{ type: 'address', text: found, confidence, masked }]);
  });

  it('masks the village name too when the policy cuts to 乡镇', () => {
    expect(addressKeepLength('柳坪村3组12号', 'township')).toBe(0);
    expect(addressKeepLength('柳坪村3组12号', 'village')).toBe(3);
    expect(addressKeepLength('阳光社区5栋', 'village')).toBe(4);
    expect(addressKeepLength('滨江路12号', 'village')).toBe(0);
  });

  it.each([
    ['a village group without a home-address word', '柳坪村3组至5组公路硬化工程'],
    ['a project location', '项目地点：曲尺乡柳坪村3组'],
    ['an office address', '办公地址：巫山县广东中路123号'],
    ['a metro line', '轨道交通1号线'],
    ['a document number', '文号渝府发〔2025〕12号'],
    ['a count of households', '全村126户468人'],
    ['a count of villages', '全乡8个村、1个社区、68个村民小组'],
    ['a floor of an office block', '社区二楼会议室'],
    ['乡村振兴', '推进乡村振兴2025年工作'],
  ])('finds none in %s', (_what, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('takes an 住址 column as a home-address context', () => {
    expect(scan('姓名\t住址\n张三\t柳坪村3组\n')).toEqual([
      { type: 'name', text: '张三', confidence: 'low', masked: '张*' },
      { type: 'address', text: '柳坪村3组', confidence: 'medium', masked: '柳坪村**' },
    ]);
  });
});

describe('labels', () => {
  it('hold for a value in the next cell or line, not across a clause', () => {
    expect(scan('家庭住址：\n柳坪村三组')).toMatchObject([{ type: 'address', confidence: 'medium' }]);
    expect(scan('家庭住址\t柳坪村三组')).toMatchObject([{ type: 'address', confidence: 'medium' }]);
    expect(scan('住址不详，柳坪村三组')).toEqual([]);
  });
});
