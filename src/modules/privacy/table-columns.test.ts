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

  it('reads pipe tables and comma tables with two personal headers', () => {
    expect(findTableColumns('| 姓名 | 住址 |\n| 张三 | 柳坪村3组 |').cells.map((c) => c.kind)).toEqual(['name', 'address']);
    expect(findTableColumns('姓名,联系电话\n张三,13800138000').cells).toHaveLength(2);
  });

  it('does not take prose with commas for a table', () => {
    const prose = '全年累计主动公开政府信息61条,补助金额1,234.56元,人数12人\n申请人张三,联系电话13800138000';
    expect(findTableColumns(prose).cells).toHaveLength(0);
  });
});
