/**
 * 信息处理费 under 国办函〔2020〕109号《政府信息公开信息处理费管理办法》 (DOMAIN.md §1.5). Pure.
 *
 * - Art 3: charged 按件 or 按量, both 超额累进; one method per application, never both.
 * - Art 4 按件: for the same applicant within one natural month, the 1st–10th 件 are free, the
 *   11th–30th cost 100元/件, and from the 31st "以10件为一档，每增加一档，收费标准提高100元/件"
 *   (31st–40th 200元, 41st–50th 300元 …).
 * - Art 5 按量 (纸质件、电子邮件、复制电子数据), per application: ≤30 pages free; pages 31–100
 *   10元/页; 101–200 20元/页; 201+ 40元/页.
 *
 * The result is the most an agency may charge; staff may ask for less (a waiver), never more.
 */

export const feeMethods = ['per_item', 'per_page'] as const;
export type FeeMethod = (typeof feeMethods)[number];

export const feeMethodNames: Record<FeeMethod, string> = { per_item: '按件计收', per_page: '按量计收' };

/** 按件: 件 free per applicant and natural month (Art 4). */
export const FREE_ITEMS_PER_MONTH = 10;
/** 按量: pages free per application (Art 5). */
export const FREE_PAGES = 30;

/** The price of the `n`-th 件 of an applicant in a natural month (1-based), in yuan (Art 4). */
export function itemRate(n: number): number {
  if (n <= FREE_ITEMS_PER_MONTH) return 0;
  if (n <= 30) return 100;
  // 31–40 → 200, 41–50 → 300, …: one more 100元 per band of 10 件.
  return 100 * (2 + Math.floor((n - 31) / 10));
}

/** The price of the `p`-th page of an application (1-based), in yuan (Art 5). */
export function pageRate(p: number): number {
  if (p <= FREE_PAGES) return 0;
  if (p <= 100) return 10;
  if (p <= 200) return 20;
  return 40;
}

/** A computed fee with its arithmetic, line by line (shown to staff and recorded in the event). */
export interface FeeQuote {
  method: FeeMethod;
  /** The most that may be charged, in yuan. */
  amount: number;
  /** 按件: the applicant's earlier 件 in the month; 按量: 0. */
  priorItems: number;
  /** 按件: 件 of this application; 按量: pages. */
  quantity: number;
  /** e.g. ['本月第11–12件：2件 × 100元 = 200元', '合计 200元']. */
  lines: string[];
  /** The rule applied, with its article. */
  basis: string;
}

interface Band {
  from: number;
  to: number;
  rate: number;
}

/** Groups the units from..to (inclusive) into runs of equal rate. */
function bands(from: number, to: number, rate: (n: number) => number): Band[] {
  const out: Band[] = [];
  for (let n = from; n <= to; n++) {
    const r = rate(n);
    const last = out.at(-1);
    if (last && last.rate === r) last.to = n;
    else out.push({ from: n, to: n, rate: r });
  }
  return out;
}

function range(b: Band): string {
  return b.from === b.to ? `${b.from}` : `${b.from}–${b.to}`;
}

function describe(list: Band[], unit: '件' | '页', prefix: string): { amount: number; lines: string[] } {
  let amount = 0;
  const lines = list.map((b) => {
    const n = b.to - b.from + 1;
    const sum = n * b.rate;
    amount += sum;
    return b.rate === 0 ? `${prefix}${range(b)}${unit}：${n}${unit}，免费` : `${prefix}${range(b)}${unit}：${n}${unit} × ${b.rate}元 = ${sum}元`;
  });
  lines.push(`合计 ${amount}元`);
  return { amount, lines };
}

/**
 * 按件 (Art 4): this application counts `items` 件 (一事一申请; usually 1), after `priorItems` 件
 * of the same applicant earlier in the same natural month.
 */
export function perItemFee(priorItems: number, items: number): FeeQuote {
  if (!Number.isInteger(priorItems) || priorItems < 0) throw new RangeError('priorItems must be a non-negative integer');
  if (!Number.isInteger(items) || items < 1) throw new RangeError('items must be a positive integer');
  const { amount, lines } = describe(bands(priorItems + 1, priorItems + items, itemRate), '件', '本月第');
  return {
    method: 'per_item',
    amount,
    priorItems,
    quantity: items,
    lines: [`同一申请人本月此前已申请 ${priorItems}件，本申请计 ${items}件`, ...lines],
    basis: '国办函〔2020〕109号第四条：同一申请人一个自然月内10件以下免费，第11–30件每件100元，第31件起每10件为一档，每档每件加收100元',
  };
}

/** 按量 (Art 5): `pages` pages of this application. */
export function perPageFee(pages: number): FeeQuote {
  if (!Number.isInteger(pages) || pages < 1) throw new RangeError('pages must be a positive integer');
  const { amount, lines } = describe(bands(1, pages, pageRate), '页', '第');
  return {
    method: 'per_page',
    amount,
    priorItems: 0,
    quantity: pages,
    lines: [`本申请共 ${pages}页`, ...lines],
    basis: '国办函〔2020〕109号第五条：30页以下免费，第31–100页每页10元，第101–200页每页20元，第201页起每页40元',
  };
}

/** The quote of either method. */
export function computeFee(input: { method: 'per_item'; priorItems: number; items: number } | { method: 'per_page'; pages: number }): FeeQuote {
  return input.method === 'per_item' ? perItemFee(input.priorItems, input.items) : perPageFee(input.pages);
}

/** The first and last day of the natural month of an ISO date. */
export function monthOf(isoDate: string): { first: string; last: string } {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { first: `${y}-${mm}-01`, last: `${y}-${mm}-${String(days).padStart(2, '0')}` };
}
