import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createMaskPolicy, defaultMaskPolicy, maskText, maskValue, type MaskPolicy, type MaskRule } from './masking.ts';
import { scanText } from './scan.ts';
import { labelledDoc } from './testing/generators.ts';
import type { Finding, FindingType } from './types.ts';

const now = new Date('2026-03-01T04:00:00Z');
const mask = (type: FindingType, text: string, policy: MaskPolicy = defaultMaskPolicy): string => maskValue({ type, text, normalized: text }, policy);

describe('default policy (government practice, DOMAIN.md §4.3)', () => {
  it.each([
    ['idCard', '350102198803012123', '35*************123'],
    ['idCard', '11010519491231002X', '11*************02X'],
    ['idCard', '110105 19491231 002X', '11**** ******** *02X'],
    ['idCard15', '110101491001001', '11**********001'],
    ['mobile', '13812341234', '138****1234'],
    ['mobile', '138 1234 1234', '138 **** 1234'],
    ['mobile', '１３８１２３４１２３４', '１３８****１２３４'],
    ['mobile', '+86 13812341234', '+86 138****1234'],
    ['mobile', '008613812341234', '0086138****1234'],
    ['landline', '023-57681234', '023-5*****34'],
    ['bankCard', '6222021234567890128', '***************0128'],
    ['bankCard', '6222 0212 3456 7890 128', '**** **** **** ***0 128'],
    ['email', 'zhangsan@163.com', 'z*******@163.com'],
    ['passport', 'E12345678', 'E******78'],
    ['taiwanPermit', '12345678', '1*****78'],
    ['plate', '渝A12345', '渝A1***5'],
    ['address', '柳坪村3组12号', '柳坪村*****'],
    ['address', '阳光社区5栋2单元301室', '阳光社区*********'],
    ['name', '张三', '张*'],
    ['name', '张三丰', '张**'],
    ['name', '欧阳娜娜', '欧阳**'],
    ['name', '阿依古丽·买买提', '阿***·***'],
    ['uscc', '91350100M000100Y43', '91350100M000100Y43'],
  ] as const)('%s %s → %s', (type, text, masked) => {
    expect(mask(type, text)).toBe(masked);
  });

  it('keeps the length of every value it masks (tables stay aligned)', () => {
    for (const [type, text] of [['idCard', '11010519491231002X'], ['mobile', '138 1234 1234'], ['address', '滨江路12号3单元501室']] as const) {
      expect(mask(type, text)).toHaveLength(text.length);
    }
  });
});

describe('createMaskPolicy', () => {
  it('applies overrides per type', () => {
    const policy = createMaskPolicy({
      maskChar: '×',
      rules: {
        idCard: { kind: 'partial', keepFirst: 6, keepLast: 4 },
        bankCard: { kind: 'remove', replacement: '（已删除）' },
        address: { kind: 'address', keep: 'township' },
        mobile: { kind: 'partial', keepFirst: 3, keepLast: 4, maskChar: '#' },
      },
    });
    expect(mask('idCard', '350102198803012123', policy)).toBe('350102××××××××2123');
    expect(mask('bankCard', '6222021234567890128', policy)).toBe('（已删除）');
    expect(mask('address', '柳坪村3组12号', policy)).toBe('××××××××');
    expect(mask('mobile', '13812341234', policy)).toBe('138####1234');
    expect(mask('name', '张三', policy)).toBe('张×');
  });

  it('always masks at least a third of a value, whatever the keep counts', () => {
    const policy = createMaskPolicy({ rules: { mobile: { kind: 'partial', keepFirst: 8, keepLast: 8 } } });
    expect(mask('mobile', '13812341234', policy)).toBe('13*******34');
  });

  it.each([
    [{ maskChar: '1' }],
    [{ maskChar: 'x' }],
    [{ maskChar: '' }],
    [{ maskChar: '**' }],
    [{ maskChar: ' ' }],
    [{ maskChar: '-' }],
    [{ maskChar: '村' }],
    [{ rules: { mobile: { kind: 'partial', keepFirst: 9, keepLast: 0 } as MaskRule } }],
    [{ rules: { mobile: { kind: 'partial', keepFirst: 1.5, keepLast: 0 } as MaskRule } }],
    [{ rules: { idCard: { kind: 'remove', replacement: '第1项' } as MaskRule } }],
  ])('refuses %j', (overrides) => {
    expect(() => createMaskPolicy(overrides)).toThrow(RangeError);
  });
});

describe('maskText', () => {
  it('masks at the original offsets and leaves everything else alone', () => {
    const text = '户主：张三，身份证号：１１０１０５１９４９１２３１００２Ｘ，电话：138 0013 8000。统一社会信用代码91350100M000100Y43';
    const findings = scanText(text, { now });
    expect(maskText(text, findings)).toBe('户主：张*，身份证号：１１*************０２Ｘ，电话：138 **** 8000。统一社会信用代码91350100M000100Y43');
  });

  it('accepts findings in any order and masks overlaps once', () => {
    const text = '号码13800138000';
    const a: Finding = { type: 'mobile', start: 2, end: 13, text: '13800138000', normalized: '13800138000', masked: '', confidence: 'high', reason: '', personal: true };
    const b: Finding = { ...a, type: 'bankCard', start: 4, end: 13, text: '800138000' };
    expect(maskText(text, [b, a])).toBe('号码138****8000');
  });

  it('applies remove rules (the text gets shorter)', () => {
    const policy = createMaskPolicy({ rules: { idCard: { kind: 'remove', replacement: '（略）' } } });
    const text = '身份证号11010519491231002X，手机13800138000';
    expect(maskText(text, scanText(text, { now }), policy)).toBe('身份证号（略），手机138****8000');
  });

  it('refuses findings that do not belong to the text (fail closed)', () => {
    const findings = scanText('手机13800138000', { now });
    expect(() => maskText('手机 13800138000', findings)).toThrow(RangeError);
  });
});

/** Random noise around the generated documents: digits, separators, labels, full-width forms. */
const noise = fc
  .array(fc.constantFrom('1', '3', '8', '0', '6', '2', 'X', ' ', '-', '\n', '，', '：', '１', '３', '身份证号', '电话', '卡号', '住址', '姓名：', '村', '组', '号', '张', '@', '.', 'a', '渝', 'A'), { maxLength: 30 })
  .map((a) => a.join(''));
const documents = fc.tuple(noise, labelledDoc, noise).map(([a, d, b]) => a + d.text + b);

const randomPolicy: fc.Arbitrary<MaskPolicy> = fc
  .record({
    maskChar: fc.constantFrom('*', '×', '●', '＊'),
    id: fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 })),
    mobile: fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 })),
    card: fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 })),
    keep: fc.constantFrom('village' as const, 'township' as const),
    remove: fc.boolean(),
  })
  .map((r) =>
    createMaskPolicy({
      maskChar: r.maskChar,
      rules: {
        idCard: r.remove ? { kind: 'remove', replacement: '（已删除）' } : { kind: 'partial', keepFirst: r.id[0], keepLast: r.id[1] },
        mobile: { kind: 'partial', keepFirst: r.mobile[0], keepLast: r.mobile[1] },
        bankCard: { kind: 'partial', keepFirst: r.card[0], keepLast: r.card[1] },
        address: { kind: 'address', keep: r.keep },
      },
    }),
  );

describe('masking properties', () => {
  it('fail closed: masking the output and scanning again finds no high or medium personal finding', () => {
    fc.assert(
      fc.property(documents, (text) => {
        const masked = maskText(text, scanText(text, { now }));
        const left = scanText(masked, { now }).filter((f) => f.personal && f.confidence !== 'low');
        expect(left.map((f) => `${f.type} ${f.text}`)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('fail closed under any valid policy', () => {
    fc.assert(
      fc.property(documents, randomPolicy, (text, policy) => {
        const masked = maskText(text, scanText(text, { now }), policy);
        const left = scanText(masked, { now }).filter((f) => f.personal && f.confidence !== 'low');
        expect(left.map((f) => `${f.type} ${f.text}`)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent: masking masked text changes nothing', () => {
    fc.assert(
      fc.property(documents, (text) => {
        const once = maskText(text, scanText(text, { now }));
        expect(maskText(once, scanText(once, { now }))).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('changes nothing outside the findings (and keeps the length)', () => {
    fc.assert(
      fc.property(documents, (text) => {
        const findings = scanText(text, { now });
        const masked = maskText(text, findings);
        expect(masked).toHaveLength(text.length);
        const covered = new Uint8Array(text.length);
        for (const f of findings) covered.fill(1, f.start, f.end);
        for (let i = 0; i < text.length; i++) if (!covered[i]) expect(masked[i]).toBe(text[i]);
      }),
      { numRuns: 300 },
    );
  });
});
