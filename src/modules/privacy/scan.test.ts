import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Candidate } from './detector-kit.ts';
import { maskText, createMaskPolicy } from './masking.ts';
import { idCardCheckChar } from './id-card.ts';
import { resolveOverlaps, scanText } from './scan.ts';
import { labelledDoc } from './testing/generators.ts';

const now = new Date('2026-03-01T04:00:00Z');

const notice = `曲尺乡2025年农村低保对象公示
序号\t户主姓名\t身份证号\t联系电话\t家庭住址\t保障人数\t月保障金（元）
1\t张三\t500237198806154411\t138 0013 8000\t曲尺乡柳坪村3组12号\t3\t1200
2\t欧阳娜娜\t11010519491231002x\t(023)5768 1234\t曲尺乡月明村五组\t1\t680
公示期：2025年3月12日至3月18日。监督电话：023-57681234。
补助资金通过“一卡通”发放至户主账户（卡号：6222 0212 3456 7890 128）。`;

describe('scanText on a 公示 list', () => {
  const findings = scanText(notice, { now });

  it('finds every identifier with its type, confidence and original text', () => {
    expect(findings.map((f) => [f.type, f.text, f.confidence])).toEqual([
      ['name', '张三', 'low'],
      ['idCard', '500237198806154411', 'high'],
      ['mobile', '138 0013 8000', 'high'],
      ['address', '柳坪村3组12号', 'high'],
      ['name', '欧阳娜娜', 'low'],
      ['idCard', '11010519491231002x', 'high'],
      ['landline', '(023)5768 1234', 'medium'],
      ['address', '月明村五组', 'medium'],
      ['landline', '023-57681234', 'medium'],
      ['bankCard', '6222 0212 3456 7890 128', 'high'],
    ]);
  });

  it('masks the whole list in place', () => {
    expect(maskText(notice, findings)).toBe(`曲尺乡2025年农村低保对象公示
序号\t户主姓名\t身份证号\t联系电话\t家庭住址\t保障人数\t月保障金（元）
1\t张*\t50*************411\t138 **** 8000\t曲尺乡柳坪村*****\t3\t1200
2\t欧阳**\t11*************02x\t(023)5*** **34\t曲尺乡月明村**\t1\t680
公示期：2025年3月12日至3月18日。监督电话：023-5*****34。
补助资金通过“一卡通”发放至户主账户（卡号：**** **** **** ***0 128）。`);
  });

  it('filters by confidence and masks with the given policy', () => {
    expect(scanText(notice, { now, minConfidence: 'high' }).map((f) => f.type)).toEqual(['idCard', 'mobile', 'address', 'idCard', 'bankCard']);
    expect(scanText(notice, { now, minConfidence: 'medium' })).toHaveLength(8);
    const policy = createMaskPolicy({ rules: { idCard: { kind: 'remove', replacement: '' } } });
    expect(scanText(notice, { now, policy })[1]!.masked).toBe('');
  });

  it('marks only USCCs as not personal', () => {
    const f = scanText('供应商91350100M000100Y43，联系人手机13800138000', { now });
    expect(f.map((x) => [x.type, x.personal])).toEqual([
      ['uscc', false],
      ['mobile', true],
    ]);
  });

  it('leaves a location field for the extractors', () => {
    expect(findings.every((f) => f.location === undefined)).toBe(true);
  });
});

describe('resolveOverlaps', () => {
  const c = (type: Candidate['type'], start: number, end: number, confidence: Candidate['confidence']): Candidate => ({ type, start, end, confidence, reason: '', normalized: '' });

  it.each([
    ['the more confident one', [c('idCard', 0, 18, 'medium'), c('bankCard', 0, 18, 'high')], ['bankCard']],
    ['the longer of two equally confident ones', [c('mobile', 3, 14, 'high'), c('bankCard', 0, 19, 'high')], ['bankCard']],
    ['the type priority on a tie (ID → USCC → card → phone)', [c('mobile', 0, 11, 'high'), c('idCard', 0, 11, 'high'), c('bankCard', 0, 11, 'high')], ['idCard']],
    ['both when they do not overlap', [c('mobile', 12, 23, 'high'), c('idCard', 0, 11, 'high')], ['idCard', 'mobile']],
  ])('keeps %s', (_what, candidates, types) => {
    expect(resolveOverlaps(candidates).map((x) => x.type)).toEqual(types);
  });

  it('lets an e-mail address take the confidence of the phone number inside it', () => {
    const kept = resolveOverlaps([c('email', 0, 18, 'medium'), c('mobile', 0, 11, 'high')]);
    expect(kept.map((x) => [x.type, x.confidence])).toEqual([['email', 'high']]);
  });
});

describe('scanText properties', () => {
  const messy = fc
    .tuple(fc.array(fc.constantFrom('\u200b', '　', '𝟏', '１', '—', '\r\n', '⼾主：', '(', '）'), { maxLength: 10 }), labelledDoc)
    .map(([bits, doc]) => {
      // Sprinkle odd characters between lines of a generated document.
      const lines = doc.text.split('\n');
      return lines.map((l, i) => l + (bits[i % Math.max(1, bits.length)] ?? '')).join('\n');
    });

  it('reports sorted, non-overlapping findings whose text is the original at their offsets', () => {
    fc.assert(
      fc.property(messy, (text) => {
        const findings = scanText(text, { now });
        let prevEnd = 0;
        for (const f of findings) {
          expect(f.start).toBeGreaterThanOrEqual(prevEnd);
          expect(f.end).toBeGreaterThan(f.start);
          expect(text.slice(f.start, f.end)).toBe(f.text);
          expect(f.personal).toBe(f.type !== 'uscc');
          prevEnd = f.end;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const findings = scanText(text, { now });
        expect(() => maskText(text, findings)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('scans an empty text', () => {
    expect(scanText('', { now })).toEqual([]);
  });
});

describe('scanText: traps found by the file-level corpus evaluation', () => {
  const kinds = (text: string) => scanText(text, { now }).map((f) => [f.type, f.text, f.confidence]);

  it('finds an ID or card whose cell line break became a space (DOCX / XLSX extractors)', () => {
    const id = '50023519990501850' + idCardCheckChar('50023519990501850');
    expect(kinds(`序号\t姓名\t身份证号\n1\t张三\t${id.slice(0, 10)} ${id.slice(10)}`)).toEqual([
      ['name', '张三', 'low'],
      ['idCard', `${id.slice(0, 10)} ${id.slice(10)}`, 'high'],
    ]);
    expect(kinds('姓名\t一卡通账号\n李四\t622202473912 4201178')).toContainEqual(['bankCard', '622202473912 4201178', 'high']);
  });

  it('reports a mobile wrapped inside a 联系电话 cell at high, elsewhere at medium', () => {
    expect(kinds('序号\t姓名\t联系电话\n1\t张三\t1880112\n2603\n2\t李四\t13800138000')).toEqual([
      ['name', '张三', 'low'],
      ['mobile', '1880112\n2603', 'high'],
      ['name', '李四', 'low'],
      ['mobile', '13800138000', 'high'],
    ]);
    expect(kinds('号码 1880112\n2603 已核')).toEqual([['mobile', '1880112\n2603', 'medium']]);
  });

  it('takes no 11-digit figure of a statistics row for a mobile (PDF rows without tabs)', () => {
    expect(kinds('一般公共预算支出 元 15713682183 18635924054 13473604978 17046964678')).toEqual([]);
    expect(kinds('指标\t单位\t2023年\t2024年\n一般公共预算支出\t元\t15713682183\t18635924054')).toEqual([]);
    // A 公示 row of a PDF keeps its phone: its neighbours are an ID and a card, not figures.
    expect(kinds('1 张三 500237198806154411 13800138000 6222021234567890128 1200.00')).toContainEqual(['mobile', '13800138000', 'high']);
    // The fraction of the amount before it is not a +86 country code.
    expect(kinds('7 29.3 3291.86 15518082909')).toEqual([['mobile', '15518082909', 'high']]);
    expect(kinds('电话 86 15518082909')).toEqual([['mobile', '86 15518082909', 'high']]);
    // So do two phones after a label.
    expect(kinds('联系电话：13800138000 13912345678 13512345678')).toHaveLength(3);
  });
});
