/**
 * E-mail addresses (DOMAIN.md §4.4.1): ASCII (IDN as punycode), bounded by ASCII lookarounds so
 * adjacent Chinese text is never absorbed (`邮箱zhangsan@163.com联系` → `zhangsan@163.com`).
 * Reported at medium: offices publish their own mailboxes; the reviewer decides.
 * Pure code, no I/O.
 */
import type { Candidate, ScanInput } from './detector-kit.ts';

const localChar = /[A-Za-z0-9._%+-]/;
const domainShape = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}$/;

/** Whether `s` is an e-mail address as this scanner understands it. */
export function isEmailAddress(s: string): boolean {
  const at = s.indexOf('@');
  if (at <= 0 || at !== s.lastIndexOf('@')) return false;
  const local = s.slice(0, at);
  return local.length <= 64 && /^[A-Za-z0-9_%+-](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-])?$/.test(local) && !local.includes('..') && domainShape.test(s.slice(at + 1));
}

/** Finds e-mail addresses around every `@`. */
export function detectEmails(input: ScanInput, out: Candidate[]): void {
  const { text } = input;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let s = at;
    while (s > 0 && at - s < 64 && localChar.test(text[s - 1]!)) s--;
    while (s < at && (text[s] === '.' || text[s] === '-')) s++;
    let e = at + 1;
    while (e < text.length && e - at < 256 && /[A-Za-z0-9.-]/.test(text[e]!)) e++;
    while (e > at + 1 && (text[e - 1] === '.' || text[e - 1] === '-')) e--;
    const value = text.slice(s, e);
    if (s < at && isEmailAddress(value)) {
      out.push({ type: 'email', start: s, end: e, normalized: value.toLowerCase(), confidence: 'medium', reason: '电子邮箱地址' });
    }
  }
}
