import { describe, expect, it } from 'vitest';
import { classifyHeaderCell, findTableColumns } from './table-columns.ts';

describe('classifyHeaderCell', () => {
  it.each([
    ['姓名', 'name'],
    ['户主', 'name'],
    ['户主姓名', 'name'],
    ['身份证号码', 'idCard'],
    ['证件号', 'idCard'],
    ['联系电话', 'phone'],
    ['手机号', 'phone'],
    ['银行卡号', 'bank'],
    ['一卡通账号', 'bank'],
    ['家庭住址', 'address'],
    ['补助金额（元）', 'quantity'],
    ['户数', 'quantity'],
    ['2024年', 'quantity'],
    ['2025年1-6月', 'quantity'],
    ['上年同期', 'quantity'],
    ['序号', undefined],
    ['村名', undefined],
    ['', undefined],
  ])('%s → %s', (cell, kind) => {
    expect(classifyHeaderCell(cell)).toBe(kind);
  });
});

describe('findTableColumns', () => {
  it('classifies the cells under a tab-separated header until the table ends', () => {
    const text = '序号\t姓名\t联系电话\n1\t张三\t13800138000\n2\t李四\t13900139000\n\n张五 13800138000';
    const index = findTableColumns(text);
    expect(index.kindAt(text.indexOf('张三'))).toBe('name');
    expect(index.kindAt(text.indexOf('13900139000'))).toBe('phone');
    expect(index.kindAt(text.indexOf('张五'))).toBeUndefined();
    expect(index.kindAt(0)).toBeUndefined();
  });

  it('answers kindAt the same in any order of offsets (the lookup keeps a hint)', () => {
    const text = '序号\t姓名\t联系电话\t家庭住址\n1\t张三\t13800138000\t柳坪村3组\n2\t李四\t13900139000\t柳坪村4组\n\n说明\n序号\t户主\n1\t王五\n';
    const index = findTableColumns(text);
    const plain = (offset: number) => index.cells.find((c) => c.start <= offset && offset < c.end)?.kind;
    const offsets = [...text].map((_, i) => i);
    for (const order of [offsets, [...offsets].reverse(), offsets.map((_, i) => (i * 7) % offsets.length)]) {
      for (const o of order) expect(index.kindAt(o)).toBe(plain(o));
    }
    expect(index.cells.map((c) => c.kind)).toEqual(['name', 'phone', 'address', 'name', 'phone', 'address', 'name']);
  });

  it('reads pipe tables and comma tables with two personal headers', () => {
    expect(findTableColumns('| 姓名 | 住址 |\n| 张三 | 柳坪村3组 |').cells.map((c) => c.kind)).toEqual(['name', 'address']);
    expect(findTableColumns('姓名,联系电话\n张三,13800138000').cells).toHaveLength(2);
  });

  it('does not take prose with commas for a table', () => {
    const prose = '全年累计主动公开政府信息61条,补助金额1,234.56元,人数12人\n申请人张三,联系电话13800138000';
    expect(findTableColumns(prose).cells).toHaveLength(0);
  });
});

describe('findTableColumns: statistics tables and wrapped cells (corpus evaluation traps)', () => {
  it('takes year headers as quantity columns, so 11-digit amounts under them are figures', () => {
    const text = '指标\t单位\t2023年\t2024年\n一般公共预算支出\t元\t15713682183\t18635924054';
    const index = findTableColumns(text);
    expect(index.kindAt(text.indexOf('15713682183'))).toBe('quantity');
    expect(index.kindAt(text.indexOf('18635924054'))).toBe('quantity');
  });

  it('keeps the columns when a line break inside a cell cuts a row in two', () => {
    const text = '序号\t姓名\t身份证号\t住址\t联系电话\n1\t张三\t5002351999\n05018505\t柳坪村3组\t1880112\n2603\n2\t李四\t500237198806154411\t月明村1组\t13800138000';
    const index = findTableColumns(text);
    expect(index.kindAt(text.indexOf('5002351999'))).toBe('idCard');
    expect(index.kindAt(text.indexOf('05018505'))).toBe('idCard');
    expect(index.kindAt(text.indexOf('柳坪村'))).toBe('address');
    expect(index.kindAt(text.indexOf('1880112'))).toBe('phone');
    expect(index.kindAt(text.indexOf('2603'))).toBe('phone');
    // The table goes on after the cut rows.
    expect(index.kindAt(text.indexOf('李四'))).toBe('name');
    expect(index.kindAt(text.indexOf('13800138000'))).toBe('phone');
  });

  it('still ends the table at a line of prose', () => {
    const text = '序号\t姓名\t联系电话\n1\t张三\t13800138000\n以上公示7天\n2\t李四\t13900139000';
    expect(findTableColumns(text).kindAt(text.indexOf('李四'))).toBeUndefined();
  });
});
