/**
 * 机动车号牌 (GA 36-2018; DOMAIN.md §4.4.1): province abbreviation + issuing-authority letter +
 * a 5-character serial (no I / O, at most two letters), or a 6-character new-energy serial
 * (small: D/F + letter or digit + 4 digits; large: 5 digits + D/F), or 4 characters + 挂 学 警
 * 港 澳 领 使. Reported at medium: a plate identifies a vehicle's owner only with other data.
 * Pure code, no I/O.
 */
import type { Verdict } from './detector-kit.ts';

/** Province abbreviations that start a plate. */
export const plateProvinces = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const suffixes = '挂学警港澳领使';

/**
 * Verdict on a plate: `province` is the character before the ASCII token, `token` the token
 * (letter + serial), `next` the character after it (for the 挂/学/警 suffix).
 */
export function classifyPlate(province: string, token: string, next: string | undefined): Verdict | null {
  if (!plateProvinces.includes(province)) return null;
  const m = /^([A-HJ-NP-Z])([A-HJ-NP-Z0-9]+)$/.exec(token);
  if (!m) return null;
  const serial = m[2]!;
  const digits = serial.replace(/\D/g, '').length;
  if (serial.length === 5 && digits >= 3) return { confidence: 'medium', reason: '机动车号牌格式' };
  if (serial.length === 6 && (/^[DF][A-HJ-NP-Z0-9]\d{4}$/.test(serial) || /^\d{5}[DF]$/.test(serial))) {
    return { confidence: 'medium', reason: '新能源汽车号牌格式' };
  }
  if (serial.length === 4 && digits >= 3 && next !== undefined && suffixes.includes(next)) {
    return { confidence: 'medium', reason: '机动车号牌格式（特殊号牌）' };
  }
  return null;
}
