/** Text normalization shared by every reader. Pure. */

/**
 * NFKC (full-width digits and brackets → ASCII; Kangxi radicals that Chromium PDFs extract,
 * e.g. ⼭ → 山), no zero-width characters, no whitespace at all (cells and labels wrap at
 * arbitrary places), one kind of minus sign.
 */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/\s+/g, '')
    .replace(/[\u2212\u2010\u2011]/g, '-');
}

/** Like {@link normalizeText} but keeps single spaces between words (for titles and messages). */
export function tidyText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What a table cell holds. */
export type CellValue = { kind: 'number'; value: number } | { kind: 'blank' } | { kind: 'text'; text: string };

/**
 * Reads a table cell. Empty, "/", "—", "-" or "无" is blank (read as 0, reported by S5);
 * "1,234", "１２", "-1" and "0.035" are numbers; anything else is text.
 */
export function parseCellValue(raw: string): CellValue {
  const t = normalizeText(raw).replace(/^\|+|\|+$/g, '');
  if (t === '' || /^[-—–―~/\\]+$/.test(t) || t === '无' || t === '空') return { kind: 'blank' };
  const plain = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:件|个|次|宗|起)?$/.exec(t);
  if (plain) {
    const value = Number(`${plain[1] ?? ''}${(plain[2] ?? '').replace(/,/g, '')}${plain[3] ?? ''}`);
    return { kind: 'number', value: Object.is(value, -0) ? 0 : value };
  }
  const chinese = chineseNumeral(t);
  if (chinese !== null) return { kind: 'number', value: chinese };
  return { kind: 'text', text: t };
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十二 → 12, 一百零五 → 105; null when not a plain Chinese numeral below 1000. */
export function chineseNumeral(s: string): number | null {
  if (!s || !/^[零〇一二两三四五六七八九十百]+$/.test(s)) return null;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else {
      current = current * 10 + (DIGITS[ch] ?? 0);
    }
  }
  return total + current;
}

/** Rewrites Chinese counts before a measure word (一件, 两起) as digits; leaves 一件事 alone. */
export function chineseNumeralsToDigits(s: string): string {
  return s.replace(/([零〇一二两三四五六七八九十百]+)(?=(?:件(?!事)|起|宗))/g, (m) => {
    const n = chineseNumeral(m);
    return n === null ? m : String(n);
  });
}
