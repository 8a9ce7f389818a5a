/** 信息处理费 at every threshold of 国办函〔2020〕109号 (DOMAIN.md §1.5). */
import { describe, expect, it } from 'vitest';
import { computeFee, itemRate, monthOf, pageRate, perItemFee, perPageFee } from './fees.ts';

describe('按件 (Art 4): per applicant and natural month', () => {
  it.each([
    // [n-th 件, price]
    [1, 0],
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [40, 200],
    [41, 300],
    [50, 300],
    [51, 400],
    [61, 500],
  ])('the %i-th 件 costs %i元', (n, rate) => {
    expect(itemRate(n)).toBe(rate);
  });

  it.each([
    // [earlier 件 this month, 件 of this application, amount]
    [0, 1, 0],
    [9, 1, 0],
    [10, 1, 100],
    [9, 2, 100],
    [29, 1, 100],
    [30, 1, 200],
    [29, 2, 300],
    [39, 1, 200],
    [40, 1, 300],
    [0, 30, 2000],
    [0, 31, 2200],
    [0, 50, 7000],
  ])('after %i 件, %i more cost %i元', (prior, items, amount) => {
    expect(perItemFee(prior, items).amount).toBe(amount);
  });

  it('shows the arithmetic band by band', () => {
    const q = perItemFee(8, 24);
    expect(q.lines).toEqual([
      '同一申请人本月此前已申请 8件，本申请计 24件',
      '本月第9–10件：2件，免费',
      '本月第11–30件：20件 × 100元 = 2000元',
      '本月第31–32件：2件 × 200元 = 400元',
      '合计 2400元',
    ]);
    expect(q.amount).toBe(2400);
    expect(q.basis).toContain('第四条');
  });

  it('refuses nonsense counts', () => {
    expect(() => perItemFee(-1, 1)).toThrow(RangeError);
    expect(() => perItemFee(0, 0)).toThrow(RangeError);
  });
});

describe('按量 (Art 5): per application', () => {
  it.each([
    [30, 0, 0],
    [31, 31, 10],
    [100, 100, 10],
    [101, 101, 20],
    [200, 200, 20],
    [201, 201, 40],
  ])('page %i costs %i → rate %i', (p, _p, rate) => {
    expect(pageRate(p)).toBe(rate);
  });

  it.each([
    [1, 0],
    [30, 0],
    [31, 10],
    [60, 300],
    [100, 700],
    [101, 720],
    [200, 2700],
    [201, 2740],
    [250, 4700],
  ])('%i pages cost %i元', (pages, amount) => {
    expect(perPageFee(pages).amount).toBe(amount);
  });

  it('shows the arithmetic', () => {
    expect(perPageFee(150).lines).toEqual(['本申请共 150页', '第1–30页：30页，免费', '第31–100页：70页 × 10元 = 700元', '第101–150页：50页 × 20元 = 1000元', '合计 1700元']);
    expect(computeFee({ method: 'per_page', pages: 31 }).lines.at(-2)).toBe('第31页：1页 × 10元 = 10元');
  });
});

describe('monthOf', () => {
  it.each([
    ['2025-09-26', '2025-09-01', '2025-09-30'],
    ['2024-02-10', '2024-02-01', '2024-02-29'],
    ['2025-12-31', '2025-12-01', '2025-12-31'],
  ])('%s → %s … %s', (d, first, last) => {
    expect(monthOf(d)).toEqual({ first, last });
  });
});
