/**
 * 统一社会信用代码 (GB 32100-2015; DOMAIN.md §4.4.1): 18 characters from a 31-symbol alphabet
 * (no I O S V Z) with a MOD 31 check character. It identifies an organisation and is public
 * registration data, so it is reported as `personal: false`: the scanner needs it to stop an
 * all-digit code from being reported as an ID or bank number. Pure code, no I/O.
 */
import type { Verdict } from './detector-kit.ts';

/** The GB 32100 alphabet; a character's index is its value. */
export const usccAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights 3^(i−1) mod 31. */
export const usccWeights: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const shape = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character for the first 17 characters, or null when one is outside the alphabet. */
export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = usccAlphabet.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * usccWeights[i]!;
  }
  // 31 − (S mod 31), where 31 maps to 0 (the case stdnum 1.12.0 gets wrong).
  return usccAlphabet[(31 - (sum % 31)) % 31]!;
}

/** Whether `value` is an 18-character USCC with a correct check character. */
export function isValidUscc(value: string): boolean {
  return shape.test(value) && usccCheckChar(value) === value[17];
}

/** Whether a 9-character 组织机构代码 (GB 11714, positions 9–17 of a USCC) has a valid check. */
export function isValidOrgCode(code: string): boolean {
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(code)) return false;
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = code.charCodeAt(i);
    sum += (ch <= 57 ? ch - 48 : ch - 55) * w[i]!;
  }
  const c = 11 - (sum % 11);
  return code[8] === (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

/** Verdict on an 18-character token: always `high` when the check holds (it is not personal). */
export function classifyUscc(value: string): Verdict | null {
  if (!isValidUscc(value)) return null;
  return { confidence: 'high', reason: '统一社会信用代码校验通过（机构代码，非个人信息）' };
}
