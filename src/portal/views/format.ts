/** Formatting for the portal: China-time dates, file sizes and types, 有效性. Pure code. */
import { chinaDate } from '../../lib/clock.ts';

/** YYYY-MM-DD in China time. */
export function formatDate(d: Date | string | null | undefined): string {
  if (!d) return '';
  if (typeof d === 'string') return d.slice(0, 10);
  return chinaDate(d);
}

/** YYYY-MM-DD HH:mm in China time. */
export function formatDateTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** RFC 3339 with the +08:00 offset (feeds, sitemaps, <time datetime>). */
export function isoChina(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

/** 1.2 MB, 35 KB, 812 B. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${bytes} B`;
}

const typeNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/msword': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.ms-excel': 'Excel',
  'image/png': 'PNG 图片',
  'image/jpeg': 'JPEG 图片',
  'image/gif': 'GIF 图片',
  'image/webp': 'WebP 图片',
};

/** A person-readable file type (PDF, Word, Excel, 图片 …). */
export function fileTypeName(mime: string, filename: string): string {
  const known = typeNames[mime];
  if (known) return known;
  const ext = /\.([a-z0-9]{1,8})$/i.exec(filename)?.[1];
  return ext ? ext.toUpperCase() : '文件';
}

const validityNames: Record<string, string> = { valid: '有效', repealed: '废止', expired: '失效' };

/** 有效 / 废止 / 失效. */
export function validityName(v: string | null): string {
  return v ? (validityNames[v] ?? v) : '';
}

const docTypeNames: Record<string, string> = { regulation: '规章', normative: '行政规范性文件' };

/** 规章 / 行政规范性文件, or null for other documents. */
export function docTypeName(t: string): string | null {
  return docTypeNames[t] ?? null;
}

/** 2026-11-20 → 2026年11月20日 (公示期 and notices). */
export function chineseDate(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/u.exec(ymd);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : ymd;
}
