/**
 * Portal URLs and the checks on URL-like input: the 适老化 toggle's `back` target (local paths
 * only: no open redirect) and the Host header (used for absolute links only when it is a
 * syntactically valid host). Pure code, no I/O.
 */

/** Home page. */
export const homeUrl = '/';
/** An agency's 政府信息公开 section. */
export const sectionUrl = (agencySlug: string): string => `/gk/${encodeURIComponent(agencySlug)}/`;
/** A column list page, with optional query parameters. */
export function columnUrl(agencySlug: string, columnSlug: string, query: Record<string, string | number | undefined> = {}): string {
  return `/gk/${encodeURIComponent(agencySlug)}/${encodeURIComponent(columnSlug)}/${queryString(query)}`;
}
/** Detail page of an item. */
export const itemUrl = (documentId: string): string => `/info/${documentId}`;
/** A historical version. */
export const versionUrl = (documentId: string, version: number): string => `/info/${documentId}/v/${version}`;
/** Print view. */
export const printUrl = (documentId: string): string => `/info/${documentId}/print`;
/** The item's 公告 for a bulletin board, as an A4 PDF. */
export const noticePdfUrl = (documentId: string): string => `/info/${documentId}/notice.pdf`;
/** Square PNG icon shared pages show as their picture (WeChat wants PNG/JPEG, at least 300×300). */
export const shareIconPath = '/assets/share-icon.png';
/** QR code image. */
export const qrUrl = (documentId: string): string => `/info/${documentId}/qr.svg`;
/** Public download of an attachment. */
export const fileUrl = (attachmentId: string, filename: string): string => `/files/${attachmentId}/${encodeURIComponent(filename)}`;
/** Download of an agency's published annual report (年度报告) of a year as PDF or Word. */
export const reportFileUrl = (agencySlug: string, year: number, format: 'pdf' | 'docx'): string => `/gk/${encodeURIComponent(agencySlug)}/ndbg/${year}.${format}`;
/** The bulletin-board notice (村(居)公开栏) of an agency as an A4 PDF, with the board's query parameters. */
export function boardPdfUrl(agencySlug: string, query: Record<string, string | number | undefined> = {}): string {
  return `/gk/${encodeURIComponent(agencySlug)}/board.pdf${queryString(query)}`;
}
/** Search page. */
export function searchUrl(query: Record<string, string | number | undefined> = {}): string {
  return `/search${queryString(query)}`;
}
/** The 适老化 switch, returning to `back`. */
export function elderToggleUrl(on: boolean, back: string): string {
  return `/elder${queryString({ on: on ? 1 : 0, back })}`;
}

/** `?a=1&b=2` from the defined, non-empty values (or ''). */
export function queryString(query: Record<string, string | number | undefined>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === '') continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/**
 * `back` when it is a path on this site, else '/'. Refuses absolute and protocol-relative URLs
 * (`//evil`, `/\evil`, `https:`), control characters and anything that resolves elsewhere.
 */
export function safeLocalPath(back: unknown): string {
  if (typeof back !== 'string' || back.length === 0 || back.length > 2000) return '/';
  if (!back.startsWith('/') || back.startsWith('//')) return '/';
  // Browsers treat "\" like "/" and drop tabs and newlines: refuse them outright.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\\\u0000-\u001f\u007f]/u.test(back)) return '/';
  try {
    const base = 'http://portal.invalid';
    const u = new URL(back, base);
    if (u.origin !== base) return '/';
    const out = `${u.pathname}${u.search}`;
    // Dot segments can collapse into a protocol-relative path: "/.//evil" → "//evil".
    return out.startsWith('//') ? '/' : out;
  } catch {
    return '/';
  }
}

const hostPattern = /^(?:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?))*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i;

/** The Host header when it is a syntactically valid host[:port], lower-cased; otherwise null. */
export function validHost(host: string | undefined): string | null {
  if (!host || host.length > 255) return null;
  const m = hostPattern.exec(host);
  if (!m) return null;
  if (m[1] !== undefined && Number(m[1]) > 65535) return null;
  return host.toLowerCase();
}

/** Parses a positive integer query parameter (page numbers, years); undefined when absent or invalid. */
export function positiveInt(v: unknown, max: number): number | undefined {
  if (typeof v !== 'string' || !/^\d{1,9}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= 1 && n <= max ? n : undefined;
}
