/**
 * 手机号 (DOMAIN.md §4.4.1): 11 digits `1[3-9]…`, optionally after +86 / 0086 / 86. The allocated
 * prefix table raises confidence; it never rejects (allocations change, and numbers port between
 * carriers). Pure code, no I/O.
 */
import type { Verdict } from './detector-kit.ts';

/** Prefixes allocated to public mobile service (工信部 网号分配, 2023). */
const allocatedPrefix = /^1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])/;

/** Whether an 11-digit string has the shape of a mainland mobile number. */
export function isMobileShape(digits: string): boolean {
  return /^1[3-9]\d{9}$/.test(digits);
}

/** Whether the first three digits are an allocated mobile prefix. */
export function hasAllocatedPrefix(digits: string): boolean {
  return allocatedPrefix.test(digits);
}

/**
 * The national 11-digit number of a digit run written with or without a country code
 * (13800138000, 8613800138000, 008613800138000), or null.
 */
export function nationalMobile(digits: string): string | null {
  if (digits.length === 11) return isMobileShape(digits) ? digits : null;
  if (digits.length === 13 && digits.startsWith('86')) return isMobileShape(digits.slice(2)) ? digits.slice(2) : null;
  if (digits.length === 15 && digits.startsWith('0086')) return isMobileShape(digits.slice(4)) ? digits.slice(4) : null;
  return null;
}

/** Verdict on a national 11-digit number: high for allocated prefixes, medium otherwise. */
export function classifyMobile(national: string): Verdict | null {
  if (!isMobileShape(national)) return null;
  // 15000000000 is an amount (150亿) written out, not a subscriber number.
  if (/^\d{3}0{8}$/.test(national)) return null;
  return hasAllocatedPrefix(national)
    ? { confidence: 'high', reason: '手机号（号段已分配）' }
    : { confidence: 'medium', reason: '手机号格式，号段未分配或未知' };
}
