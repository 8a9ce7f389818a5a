import { describe, expect, it } from 'vitest';
import { extractName } from './person-name.ts';
import { scanText } from './scan.ts';
import { surnameLength } from './surnames.ts';

const now = new Date('2026-03-01T04:00:00Z');
const scan = (text: string) => scanText(text, { now }).map((f) => ({ type: f.type, text: f.text, confidence: f.confidence, masked: f.masked }));

describe('surnameLength', () => {
  it.each([
    ['张三', 1],
    ['欧阳娜娜', 2],
    ['司马光', 2],
    ['本人', 0],
    ['办公室', 0],
  ])('%s → %i', (name, n) => {
    expect(surnameLength(name)).toBe(n);
  });
});

describe('extractName', () => {
  it.each([
    ['张三，联系电话', '张三'],
    ['张三丰', '张三丰'],
    ['欧阳娜娜', '欧阳娜娜'],
    ['张三性别：男', '张三'],
    ['李四男汉族', '李四'],
    ['王五等5人', '王五'],
    ['阿依古丽·买买提，', '阿依古丽·买买提'],
    ['李主任', null],
    ['王女士', null],
    ['张某某', null],
    ['本人', null],
    ['同上', null],
    ['欧阳', null],
    ['办公室', null],
    ['曲尺乡人民政府办公室', null],
    ['张', null],
  ])('%s → %s', (s, name) => {
    expect(extractName(s)).toBe(name);
  });
});

describe('scanText: names in personal contexts (always low)', () => {
  it.each([
    ['姓名：张三', '张三', '张*'],
    ['户主：王五，', '王五', '王*'],
    ['申请人：欧阳娜娜', '欧阳娜娜', '欧阳**'],
    ['联系人：李明 ', '李明', '李*'],
    ['收款人:赵六', '赵六', '赵*'],
    ['监护人 刘七', '刘七', '刘*'],
    ['户主姓名：陈八', '陈八', '陈*'],
  ])('%s', (text, found, masked) => {
    expect(scan(text)).toEqual([{ type: 'name', text: found, confidence: 'low', masked }]);
  });

  it('finds names in a 姓名 column but not the header itself', () => {
    expect(scan('序号\t姓名\t金额（元）\n1\t张三\t1200\n2\t欧阳娜娜\t800\n')).toEqual([
      { type: 'name', text: '张三', confidence: 'low', masked: '张*' },
      { type: 'name', text: '欧阳娜娜', confidence: 'low', masked: '欧阳**' },
    ]);
  });

  it.each(['联系人：乡党政办', '申请人：本人', '申请人提出的申请', '户主：张某某', '乡长李明主持会议', '姓名\t身份证号\t联系电话'])('finds none in %s', (text) => {
    expect(scan(text)).toEqual([]);
  });
});
