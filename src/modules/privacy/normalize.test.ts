import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findCellSplitDigits, findLineWrappedDigits, foldCodePoint, normalizeForScan, SpanMapper, toOriginalSpan } from './normalize.ts';

describe('foldCodePoint', () => {
  it.each([
    ['１', '1'],
    ['９', '9'],
    ['Ａ', 'A'],
    ['ｘ', 'x'],
    ['：', ':'],
    ['（', '('],
    ['，', ','],
    ['＠', '@'],
    ['\u3000', ' '],
    ['\u00a0', ' '],
    ['\u200b', ''],
    ['\ufeff', ''],
    ['\u00ad', ''],
    ['—', '-'],
    ['－', '-'],
    ['\u2212', '-'],
    ['⼾', '户'], // Kangxi radical from a PDF text layer
    ['⼭', '山'],
    ['𝟏', '1'], // mathematical bold digit
    ['￥', '¥'],
  ])('%s → %j', (input, expected) => {
    expect(foldCodePoint(input.codePointAt(0)!)).toBe(expected);
  });

  it.each(['中', '乡', '①', '⑴', '㈠', '²', '㎡', '、', '。', '〔', '〕', 'a', '7'])('leaves %s alone', (c) => {
    expect(foldCodePoint(c.codePointAt(0)!)).toBeNull();
  });
});

describe('normalizeForScan', () => {
  it.each([
    ['１３８００１３８０００', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['138　0013　8000', '13800138000'],
    ['1380 0138 000', '13800138000'],
    ['6222 0212 3456 7890 128', '6222021234567890128'],
    ['6222-0212-3456-7890', '6222021234567890'],
    ['110105 19491231 002X', '11010519491231002X'],
    ['110105 1949 1231 002x', '11010519491231002x'],
    ['023-5768 1234', '02357681234'],
    ['0755 8234 5678', '075582345678'],
    ['010-62345678', '01062345678'],
    ['电话：138 0013 8000。', '电话:13800138000。'],
    ['+86 138 0013 8000', '+86 13800138000'],
  ])('joins %j into %j', (input, expected) => {
    expect(normalizeForScan(input).text).toBe(expected);
  });

  it.each([
    ['2025-03-12', '2025-03-12'],
    ['2020-2025年', '2020-2025年'],
    ['15 23 45 12 8 90', '15 23 45 12 8 90'],
    ['GB 11643-1999', 'GB 11643-1999'],
    ['404700 023-5768 1234', '404700 02357681234'],
    ['ISBN 978-7-5097-1234-5', 'ISBN 978-7-5097-1234-5'],
    ['第1-3页', '第1-3页'],
    ['2025 0312 1430', '2025 0312 1430'],
    ['曲尺乡①②㈠²㎡', '曲尺乡①②㈠²㎡'],
  ])('leaves %j as %j', (input, expected) => {
    expect(normalizeForScan(input).text).toBe(expected);
  });

  it('maps spans back to the original text', () => {
    const original = '电话：１３８ ００１３ ８０００，卡号6222\u200b0212 3456 7890 128';
    const norm = normalizeForScan(original);
    const at = norm.text.indexOf('13800138000');
    expect(toOriginalSpan(norm, at, at + 11)).toEqual({ start: 3, end: 16 });
    const card = norm.text.indexOf('6222');
    const span = toOriginalSpan(norm, card, norm.text.length);
    expect(original.slice(span.start, span.end)).toBe('6222\u200b0212 3456 7890 128');
  });

  it('maps astral characters to both of their units', () => {
    const original = '𝟏𝟑𝟖00138000';
    const norm = normalizeForScan(original);
    expect(norm.text).toBe('13800138000');
    expect(toOriginalSpan(norm, 0, 11)).toEqual({ start: 0, end: original.length });
    expect(toOriginalSpan(norm, 1, 2)).toEqual({ start: 2, end: 4 });
  });

  it('keeps every normalised unit tied to an original character that folds to it (property)', () => {
    const alphabet = fc.constantFrom(...'0123456789０１２３４５６７８９ -－—　\u200b乡村号组XxＸ，：'.split(''), '𝟏', '⼾');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')), (original) => {
        const norm = normalizeForScan(original);
        let prevEnd = 0;
        for (let i = 0; i < norm.text.length; i++) {
          const { start, end } = toOriginalSpan(norm, i, i + 1);
          expect(start).toBeGreaterThanOrEqual(prevEnd - 2);
          expect(end).toBeGreaterThan(start);
          const source = original.slice(start, end);
          const folded = foldCodePoint(source.codePointAt(0)!) ?? source;
          expect(folded).toContain(norm.text[i]);
          prevEnd = end;
        }
        expect(toOriginalSpan(norm, norm.text.length, norm.text.length)).toEqual({ start: original.length, end: original.length });
      }),
    );
  });
});

describe('normalizeForScan on long texts (few folds are spliced in, many patched in a buffer)', () => {
  it('folds the same way whatever the density of full-width characters', () => {
    const prose = '本机关依法公开政府信息说明'.repeat(2000);
    for (const value of ['电话：１３８００１３８０００，', '（注）：ＡＢ，'.repeat(3000)]) {
      // A lone surrogate takes the decoder path, which reads it as U+FFFD (one unit for one).
      for (const lone of ['', '\ud800']) {
        const text = prose + value + prose + lone + value;
        const folded = [...text].map((c) => foldCodePoint(c.codePointAt(0)!) ?? c).join('');
        expect(normalizeForScan(text).text).toBe(folded.replace('\ud800', '\ufffd'));
      }
    }
    const plain = prose + '，１３８００１３８０００：' + prose;
    expect(normalizeForScan(plain).text).toBe(prose + ',13800138000:' + prose);
  });
});

describe('SpanMapper', () => {
  it('maps every span like toOriginalSpan, in text order and out of it (property)', () => {
    const alphabet = fc.constantFrom(...'0123456789０１２３４５６７８９ -－—　\u200b乡村号组XxＸ，：'.split(''), '𝟏', '⼾');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')),
        fc.array(fc.tuple(fc.nat(70), fc.nat(20)), { maxLength: 12 }),
        fc.boolean(),
        (original, raw, sorted) => {
          const norm = normalizeForScan(original);
          const spans = raw.map(([s, l]) => [s, s + l] as const);
          if (sorted) spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          const mapper = new SpanMapper(norm);
          for (const [s, e] of spans) {
            mapper.map(s, e);
            expect({ start: mapper.start, end: mapper.end }).toEqual(toOriginalSpan(norm, s, e));
          }
        },
      ),
    );
  });
});

describe('findLineWrappedDigits', () => {
  it('pairs a run that ends a line with the run that starts the next', () => {
    const text = '身份证号 | 5002371988\n06154411 |';
    expect(findLineWrappedDigits(text)).toEqual([{ leftStart: 7, leftEnd: 17, rightStart: 18, rightEnd: 26 }]);
  });

  it('takes the X of an ID and skips runs glued to letters', () => {
    expect(findLineWrappedDigits('11010519491231 \r\n 002X')).toHaveLength(1);
    expect(findLineWrappedDigits('1101051949\n1231002Xa')).toEqual([]);
    expect(findLineWrappedDigits('合计\n123')).toEqual([]);
  });
});

describe('findCellSplitDigits', () => {
  it('pairs the two digit runs of a cell whose line break the extractor turned into a space', () => {
    const text = '张三\t5002351999 05018505\t柳坪村';
    expect(findCellSplitDigits(text)).toEqual([{ leftStart: 3, leftEnd: 13, rightStart: 14, rightEnd: 22 }]);
    expect(findCellSplitDigits('1\t500238195102 19805X\n')).toHaveLength(1);
  });

  it('ignores spaces that are not a whole cell of two runs (statistics rows, prose, no table)', () => {
    expect(findCellSplitDigits('户数\t15 23 45\t12')).toEqual([]);
    expect(findCellSplitDigits('合计\t共 12 户 30 人')).toEqual([]);
    expect(findCellSplitDigits('5002351999 05018505')).toEqual([]);
  });
});

describe('normalizeForScan: decimals are not digit groups', () => {
  it('joins a grouped card before a decimal figure without taking the figure', () => {
    const n = normalizeForScan('13800002130 6225 6678 4769 9644 1.1 123.21');
    expect(n.text).toBe('13800002130 6225667847699644 1.1 123.21');
  });
});
