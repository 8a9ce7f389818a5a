/**
 * The BIFF8 reader on workbooks written by testing/xls-writer.ts (every record kind it reads,
 * shared strings split over CONTINUE records, hidden sheets, an embedded chart), the same text
 * as the XLSX extractor gives for the same cells, and hostile input: truncated, mutated,
 * encrypted, BIFF5, a compound file that is not a workbook — only XlsUnreadableError escapes.
 */
import CFB from 'cfb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildXlsx } from '../../../../test/fixtures.ts';
import { buildXls, encodeRk, type XlsSheetSpec } from '../testing/xls-writer.ts';
import { segmentText } from './segments.ts';
import { compoundFileKind, decodeRk, readXls, XlsUnreadableError, xlsLimits } from './xls.ts';
import { readXlsx } from './xlsx.ts';

const id = '11010519491231002X';
const longLatin = `${'Remark '.repeat(1300)}tel 13900139000`;
const longChinese = `${'备注说明'.repeat(1100)}身份证号：${id}`;

const sheets: XlsSheetSpec[] = [
  {
    name: '公示名单',
    rows: [
      ['姓名', '身份证号', '联系电话', '补助金额（元）', '一', '二', '三'],
      ['张三', id, { label: '13800138000' }, 12000, 1, 2, 3],
      ['李四', { number: Number('110101199003078035') }, { formula: '13912345678' }, 8000.5, { formula: 42.25 }, { bool: true }, { formula: true }],
      [longChinese, { rich: '户主：王五' }, null, -7, { number: 0.1 }],
    ],
    chart: '图表标题 13700137000',
  },
  { name: '原始数据', hidden: true, rows: [['户主', '银行卡号'], ['王五', '6222021234567890128'], [longLatin]] },
  { name: '备用', hidden: 'very', rows: [['联系人：赵六 13600136000']] },
];

function cellTexts(m: { segments: Array<Parameters<typeof segmentText>[0]> }): string[] {
  return m.segments.map(segmentText);
}

describe('readXls', () => {
  it('reads every record kind into the same grid with sheet and cell', () => {
    const m = readXls(buildXls(sheets));
    expect(m.sheets).toEqual([
      { name: '公示名单', hidden: false },
      { name: '原始数据', hidden: true },
      { name: '备用', hidden: true },
    ]);
    const at = (sheet: string, ref: string) => m.cells.find((c) => c.sheet === sheet && c.ref === ref)?.text;
    expect(at('公示名单', 'B2')).toBe(id); // LABELSST
    expect(at('公示名单', 'C2')).toBe('13800138000'); // LABEL
    expect(at('公示名单', 'D2')).toBe('12000'); // RK
    expect(['E2', 'F2', 'G2'].map((r) => at('公示名单', r))).toEqual(['1', '2', '3']); // MULRK
    expect(at('公示名单', 'B3')).toBe('1.10101E+17'); // NUMBER ≥ 1e17, as Excel shows it
    expect(at('公示名单', 'C3')).toBe('13912345678'); // FORMULA + STRING
    expect(at('公示名单', 'D3')).toBe('8000.5'); // NUMBER (not exact as RK)
    expect(at('公示名单', 'E3')).toBe('42.25'); // FORMULA, cached number
    expect(at('公示名单', 'F3')).toBeUndefined(); // BOOLERR: not scanned, like XLSX t="b"
    expect(at('公示名单', 'G3')).toBeUndefined(); // boolean formula result
    expect(at('公示名单', 'A4')).toBe(longChinese); // SST string split over CONTINUE records (UTF-16)
    expect(at('公示名单', 'B4')).toBe('户主：王五'); // rich string: runs and phonetic block skipped
    expect(at('公示名单', 'D4')).toBe('-7');
    expect(at('公示名单', 'E4')).toBe('0.1');
    expect(at('原始数据', 'A3')).toBe(longLatin); // one byte per character, split
    expect(at('备用', 'A1')).toBe('联系人：赵六 13600136000');
    // The chart substream inside the sheet is not read as cells.
    expect(m.cells.some((c) => c.text.includes('13700137000'))).toBe(false);
    expect(cellTexts(m)[0]!.split('\n')[0]).toBe('姓名\t身份证号\t联系电话\t补助金额（元）\t一\t二\t三');
    expect(m.damaged).toEqual([{ segment: 0, node: expect.any(Number), finding: expect.objectContaining({ type: 'idCard', text: '1.10101E+17', confidence: 'high', location: { sheet: '公示名单', cell: 'B3' } }) }]);
  });

  it('a continued string may switch from one byte to two per character at the split', () => {
    const m = readXls(buildXls(sheets, { widenContinuations: true, maxRecordData: 300 }));
    expect(m.cells.find((c) => c.ref === 'A3' && c.sheet === '原始数据')?.text).toBe(longLatin);
    expect(m.cells.find((c) => c.ref === 'A4' && c.sheet === '公示名单')?.text).toBe(longChinese);
  });

  it('splits anywhere: the same cells for every record size', () => {
    const expected = cellTexts(readXls(buildXls(sheets)));
    for (const max of [16, 17, 31, 64, 255, 1000]) expect(cellTexts(readXls(buildXls(sheets, { maxRecordData: max })))).toEqual(expected);
  });

  it('gives the same text as the XLSX extractor for the same cells', async () => {
    const rows = [
      ['姓名', '身份证号', '联系电话', '金额'],
      ['张三', id, '13800138000', 12000],
      ['李四', Number('110101199003078035'), '13912345678', 8000.5],
      ['', '', '', 0.1],
    ];
    const xls = readXls(buildXls([{ name: '名单', rows }, { name: '第二页', rows: [['合计', 20000.5]] }]));
    const xlsx = await readXlsx(await buildXlsx({ 名单: rows, 第二页: [['合计', 20000.5]] }));
    // Two grids, then the sheet names (the XLSX also has exceljs's document properties).
    expect(cellTexts(xls)).toEqual(cellTexts(xlsx).slice(0, 3));
    expect(xls.damaged.map((d) => d.finding)).toEqual(xlsx.damaged.map((d) => d.finding));
  });

  it('RK numbers decode as written', () => {
    for (const v of [0, 1, -1, 12000, 536870911, -536870912, 12.34, 0.5, 1.5, 1e300]) {
      const rk = encodeRk(v);
      if (rk !== null) expect(decodeRk(rk)).toBe(v);
    }
    expect(encodeRk(12.34)).not.toBeNull();
    expect(encodeRk(1e300)).toBeNull();
  });
});

describe('readXls on hostile input', () => {
  const expectUnreadable = (data: Buffer, reason?: string) => {
    let err: unknown;
    try {
      readXls(data);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(XlsUnreadableError);
    if (reason) expect((err as XlsUnreadableError).reason).toBe(reason);
    return err as XlsUnreadableError;
  };

  it('encrypted (FILEPASS) → unreadable with a clear message', () => {
    const err = expectUnreadable(buildXls(sheets, { encrypted: true }), 'encrypted');
    expect(err.message).toContain('已加密');
  });

  it('BIFF5, a DOC-like compound file, an encrypted OOXML file, not a compound file', () => {
    expectUnreadable(buildXls(sheets, { version: 0x0500 }), 'biff5');
    const doc = CFB.utils.cfb_new();
    CFB.utils.cfb_add(doc, 'WordDocument', Buffer.alloc(600, 1));
    const docBytes = Buffer.from(CFB.write(doc, { type: 'buffer' }) as Uint8Array);
    expectUnreadable(docBytes, 'not-xls');
    expect(compoundFileKind(docBytes)).toBe('other');
    const enc = CFB.utils.cfb_new();
    CFB.utils.cfb_add(enc, 'EncryptionInfo', Buffer.alloc(100, 1));
    CFB.utils.cfb_add(enc, 'EncryptedPackage', Buffer.alloc(600, 2));
    const encBytes = Buffer.from(CFB.write(enc, { type: 'buffer' }) as Uint8Array);
    expect(compoundFileKind(encBytes)).toBe('encrypted-ooxml');
    expectUnreadable(encBytes, 'encrypted');
    expectUnreadable(Buffer.from('PK\x03\x04 not a compound file'.padEnd(600, ' ')), 'not-xls');
    expect(compoundFileKind(buildXls(sheets))).toBe('xls');
  });

  it('truncated at every eighth of its length', () => {
    const data = buildXls(sheets);
    for (let k = 1; k < 8; k++) expectUnreadable(data.subarray(0, Math.floor((data.length * k) / 8)));
  });

  it('a string claiming more characters than its record holds; a record running past the stream', () => {
    const stream = (m: Buffer) => {
      const c = CFB.read(m, { type: 'buffer' });
      return Buffer.from(CFB.find(c, 'Workbook')!.content as Uint8Array);
    };
    const wrap = (s: Buffer) => {
      const c = CFB.utils.cfb_new();
      CFB.utils.cfb_add(c, 'Workbook', s);
      return Buffer.from(CFB.write(c, { type: 'buffer' }) as Uint8Array);
    };
    const s = stream(buildXls([{ name: 'A', rows: [['abc']] }]));
    // The SST's only string: cch at offset 8 of its data.
    const sst = s.indexOf(Buffer.from([0xfc, 0x00]));
    const bad = Buffer.from(s);
    bad.writeUInt16LE(0xffff, sst + 4 + 8);
    expectUnreadable(wrap(bad), 'damaged');
    const past = Buffer.from(s);
    past.writeUInt16LE(0xfff0, sst + 2);
    expectUnreadable(wrap(past), 'damaged');
  });

  it('caps the number of cells', () => {
    const saved = xlsLimits.cells;
    xlsLimits.cells = 5;
    try {
      expectUnreadable(buildXls(sheets), 'too-large');
    } finally {
      xlsLimits.cells = saved;
    }
  });

  it('random byte changes never throw anything but XlsUnreadableError', () => {
    const data = buildXls(sheets, { maxRecordData: 200 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(data.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }), (changes) => {
        const copy = Buffer.from(data);
        for (const [at, v] of changes) copy[at] = v;
        try {
          readXls(copy);
        } catch (err) {
          if (!(err instanceof XlsUnreadableError)) throw err;
        }
      }),
      { numRuns: 300 },
    );
  });
});
