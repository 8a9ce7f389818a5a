/**
 * Reading the yearly figures from a file and the cell ids of the drill-down (pure parts).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildPng, buildXlsx } from '../../../test/fixtures.ts';
import { allCellIds, cellLabel, cellName, parseCellId } from './cells.ts';
import { countyState } from './county.service.ts';
import { FiguresFileError, buildFiguresTemplate, parseFiguresFile } from './figures-file.ts';
import { encodeGbk } from './fixtures/render.ts';
import { listCells, emptyReportNumbers } from './model.ts';

describe('parseFiguresFile', () => {
  it('reads the template it writes, filled in', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildFiguresTemplate('测试', { licensing: 1, penalties: 2, enforcement: 0, feesWan: 0.5 })) as unknown as ArrayBuffer);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await parseFiguresFile(data)).toEqual({ values: { licensing: 1, penalties: 2, enforcement: 0, feesWan: 0.5 }, errors: [] });
  });

  it('reads rows in any order, with units and thousands separators, from UTF-8 (BOM) and GBK CSV', async () => {
    const text = '项目,数值\r\n行政事业性收费（万元）,"1,234.5万元"\r\n行政处罚,21件\r\n行政许可, 3 \r\n行政强制,0\r\n';
    const expected = { licensing: 3, penalties: 21, enforcement: 0, feesWan: 1234.5 };
    expect((await parseFiguresFile(Buffer.from(`\ufeff${text}`))).values).toEqual(expected);
    expect((await parseFiguresFile(Buffer.from(encodeGbk(text)))).values).toEqual(expected);
  });

  it('reads one header row and one value row', async () => {
    const xlsx = await buildXlsx({ 数据: [['行政许可', '行政处罚', '行政强制', '行政事业性收费'], [1, 2, 3, 4]] });
    expect((await parseFiguresFile(xlsx)).values).toEqual({ licensing: 1, penalties: 2, enforcement: 3, feesWan: 4 });
    const extra = await parseFiguresFile(Buffer.from('行政许可,行政处罚,行政强制,行政事业性收费\n1,2,3,4\n5,6,7,8\n'));
    expect(extra.errors).toEqual(['第3行：只能有一行数值（表头下一行）']);
    const blank = await parseFiguresFile(Buffer.from('行政许可,行政处罚,行政强制,行政事业性收费\n1,,3,4\n'));
    expect(blank.errors).toEqual(['第2行 B2 单元格：「行政处罚（本年处理决定数量）」没有填写数值（没有发生请填 0）']);
  });

  it('names every problem with its row and cell', async () => {
    const r = await parseFiguresFile(Buffer.from('项目,数值\n行政许可,-1\n行政许可,2\n行政强制,1.5\n收费,0.00001\n'));
    expect(r.values).toBeNull();
    expect(r.errors).toEqual([
      '第2行 B2 单元格：「-1」不是数字（行政许可（本年处理决定数量））',
      '第3行 A3 单元格：「行政许可（本年处理决定数量）」重复出现',
      '第4行 B4 单元格：「1.5」须为整数件数（行政强制（本年处理决定数量））',
      '第5行 B5 单元格：收费金额「0.00001」最多 4 位小数、以万元为单位',
      '缺少项目「行政处罚（本年处理决定数量）」',
    ]);
  });

  it('refuses other file types by content and an empty file', async () => {
    await expect(parseFiguresFile(buildPng())).rejects.toThrow(FiguresFileError);
    await expect(parseFiguresFile(buildPng())).rejects.toMatchObject({ unsupported: true });
    await expect(parseFiguresFile(Buffer.alloc(0))).rejects.toMatchObject({ unsupported: false });
    await expect(parseFiguresFile(Buffer.from('PK\u0003\u0004broken'))).rejects.toMatchObject({ message: expect.stringContaining('XLSX') });
  });
});

describe('cell ids', () => {
  it('cover every cell of the report exactly once, with the names the rules use', () => {
    const names = allCellIds().map((id) => cellName(parseCellId(id)!));
    expect(names).toEqual(listCells(emptyReportNumbers()).map((c) => c.cell));
  });

  it('give labels for people and refuse anything else', () => {
    expect(cellLabel(parseCellId('s2.regulations.issued')!)).toBe('规章 · 本年制发件数');
    expect(cellLabel(parseCellId('s2.feesWan')!)).toBe('行政事业性收费 · 本年收费金额（万元）');
    expect(cellLabel(parseCellId('s3.granted.6')!)).toBe('三、本年度办理结果 （一）予以公开 · 总计');
    expect(cellLabel(parseCellId('s4.litigationDirect.0')!)).toBe('行政诉讼（未经复议直接起诉） · 结果维持');
    for (const bad of ['', 's2', 's2.licensing.1', 's3.total.7', 's3.total.-1', 's3.total.1.2', 's4.reconsideration.5', 's5.x.0', 's3.__proto__.0']) {
      expect(parseCellId(bad), bad).toBeNull();
    }
  });
});

describe('countyState', () => {
  const deadline = '2026-01-31';
  it('judges publication against the deadline', () => {
    expect(countyState({ firstPublishedOn: '2026-01-31', deadline, today: '2026-03-01', started: true })).toBe('published');
    expect(countyState({ firstPublishedOn: '2026-02-01', deadline, today: '2026-02-01', started: true })).toBe('late');
    expect(countyState({ firstPublishedOn: null, deadline, today: '2026-02-01', started: true })).toBe('late');
    expect(countyState({ firstPublishedOn: null, deadline, today: '2026-01-31', started: true })).toBe('draft');
    expect(countyState({ firstPublishedOn: null, deadline, today: '2026-01-31', started: false })).toBe('missing');
  });
});
