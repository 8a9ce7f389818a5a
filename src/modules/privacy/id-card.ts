/**
 * 居民身份证号码 (GB 11643-1999; DOMAIN.md §4.4.1): 6-digit address code + YYYYMMDD + 3-digit
 * sequence + ISO 7064 MOD 11-2 check character, and the 15-digit legacy form (YYMMDD, 19YY, no
 * check). The province code and birth date are validated; county codes never are (they change).
 * Pure code, no I/O: "today" is passed in.
 */
import type { Verdict } from './detector-kit.ts';

/** MOD 11-2 weights 2^(18−i) mod 11 for the first 17 digits. */
export const idCardWeights: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCardCheckChars = '10X98765432';

/** Province-level codes (GB/T 2260), plus 71 Taiwan and 81/82/83 for 港澳台居民居住证 numbers. */
const provinceCodes = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** The check character (0-9 or X) for the first 17 digits of an 18-digit ID number. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * idCardWeights[i]!;
  return idCardCheckChars[sum % 11]!;
}

/** Province codes as numbers 0–99, for a lookup without a string hash (every 18-digit run is checked). */
const provinceTable = new Uint8Array(100);
for (const code of provinceCodes) provinceTable[Number(code)] = 1;

/** Whether the first two digits are a province-level code. */
export function isProvinceCode(two: string): boolean {
  if (two.length !== 2) return false;
  const a = two.charCodeAt(0) - 48;
  const b = two.charCodeAt(1) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9) return false;
  return provinceTable[a * 10 + b] === 1;
}

/** Days of each month in a common year. */
const monthDays: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether y-m-d is a real calendar date (Gregorian leap years). */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  if (m === 2) return d <= ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28);
  return d <= monthDays[m - 1]!;
}

/** Today's date in China (UTC+8, no daylight saving) as a yyyymmdd number. */
export function chinaToday(now: Date): number {
  const t = new Date(now.getTime() + 8 * 3600_000);
  return t.getUTCFullYear() * 10000 + (t.getUTCMonth() + 1) * 100 + t.getUTCDate();
}

/** Whether yyyymmdd is a possible birth date: a real date, year ≥ 1900, not after today. */
export function isBirthDate(yyyymmdd: string, today: number): boolean {
  if (yyyymmdd.length === 8) {
    // The usual case (8 digits inside an ID number): read the digits without slicing.
    let v = 0;
    for (let i = 0; i < 8; i++) {
      const d = yyyymmdd.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return isBirthDateSliced(yyyymmdd, today);
      v = v * 10 + d;
    }
    return birthDateValue(v, today);
  }
  return isBirthDateSliced(yyyymmdd, today);
}

/** {@link isBirthDate} for 8 digits read as the number yyyymmdd. */
function birthDateValue(v: number, today: number): boolean {
  const y = Math.floor(v / 10000);
  const m = Math.floor(v / 100) % 100;
  const d = v % 100;
  return y >= 1900 && isCalendarDate(y, m, d) && v <= today;
}

function isBirthDateSliced(yyyymmdd: string, today: number): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  return y >= 1900 && isCalendarDate(y, m, d) && y * 10000 + m * 100 + d <= today;
}

/** The three checks on an 18-character ID number. */
export interface IdCardChecks {
  /** The 18th character is the MOD 11-2 check character. */
  checksum: boolean;
  /** Characters 7–14 are a possible birth date. */
  birthDate: boolean;
  /** The first two digits are a province-level code. */
  province: boolean;
}

/** Checks an 18-character value (17 digits + digit/X/x); null when it does not have that shape. */
export function checkIdCard18(value: string, today: number): IdCardChecks | null {
  if (value.length !== 18) return null;
  // One walk: shape (^[1-9]\d{16}[\dXx]$), the MOD 11-2 sum and the birth date, no slices.
  let sum = 0;
  let birth = 0;
  for (let i = 0; i < 17; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9 || (i === 0 && d === 0)) return null;
    sum += d * idCardWeights[i]!;
    if (i >= 6 && i < 14) birth = birth * 10 + d;
  }
  const last = value.charCodeAt(17);
  if (!((last >= 48 && last <= 57) || last === 88 || last === 120)) return null;
  return {
    checksum: idCardCheckChars.charCodeAt(sum % 11) === (last === 120 ? 88 : last),
    birthDate: birthDateValue(birth, today),
    province: provinceTable[(value.charCodeAt(0) - 48) * 10 + value.charCodeAt(1) - 48] === 1,
  };
}

/** Whether `value` is a fully valid 18-digit ID number (checksum, birth date, province). */
export function isValidIdCard18(value: string, today: number): boolean {
  const c = checkIdCard18(value, today);
  return !!c && c.checksum && c.birthDate && c.province;
}

/** The 18-digit form of a 15-digit legacy number: insert 19 after the address code, append the check. */
export function upgradeIdCard15(value: string): string {
  const first17 = `${value.slice(0, 6)}19${value.slice(6)}`;
  return first17 + idCardCheckChar(first17);
}

/** Context a classifier is given. */
export interface IdCardContext {
  /** 身份证 / 证件号 just before, or the cell is under a 身份证号 header. */
  idContext: boolean;
}

/**
 * Verdict on an 18-character run: high when checksum, birth date and province all hold; medium
 * when the birth date holds but the checksum does not (Excel-rounded or mistyped numbers still
 * leak the area and birth date), or when only the context says it is an ID number.
 */
export function classifyIdCard18(value: string, today: number, ctx: IdCardContext): Verdict | null {
  const c = checkIdCard18(value, today);
  if (!c) return null;
  if (c.checksum && c.birthDate && c.province) return { confidence: 'high', reason: '校验位正确，出生日期有效' };
  if (c.checksum && c.birthDate) return { confidence: 'medium', reason: '校验位正确，但地址码的省级代码不常见' };
  if (c.birthDate && c.province) return { confidence: 'medium', reason: '校验位不符，疑似身份证号' };
  if (ctx.idContext) return { confidence: 'medium', reason: '位于身份证号字段，但号码校验未通过' };
  return null;
}

/** Verdict on a 15-digit run: the legacy form has no check digit, so medium unless the context says ID. */
export function classifyIdCard15(value: string, today: number, ctx: IdCardContext): Verdict | null {
  if (!/^[1-9]\d{14}$/.test(value)) return null;
  if (!isProvinceCode(value.slice(0, 2)) || !isBirthDate(`19${value.slice(6, 12)}`, today)) return null;
  return ctx.idContext
    ? { confidence: 'high', reason: '15位旧身份证号（出生日期有效），位于身份证号字段' }
    : { confidence: 'medium', reason: '15位旧身份证号格式（出生日期有效，无校验位）' };
}
