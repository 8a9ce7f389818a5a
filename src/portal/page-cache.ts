/**
 * In-memory LRU of rendered responses, bounded by entry count and bytes, with a short TTL so
 * that several app processes converge, and cleared at once on every public change (publish,
 * withdraw, agency settings) through ctx.onPublicChange. Each entry carries a strong ETag.
 * Concurrent misses of one key share one render.
 */
import { createHash } from 'node:crypto';

/** One cached response. */
export interface CachedResponse {
  status: number;
  contentType: string;
  body: Buffer;
  etag: string;
  /** Extra headers (e.g. Content-Disposition). */
  headers?: Record<string, string>;
}

interface Entry {
  value: CachedResponse;
  expires: number;
  /** Cache generation the entry was rendered in (a clear() bumps it). */
  generation: number;
}

/** Limits of a {@link PageCache}. */
export interface PageCacheOptions {
  maxEntries: number;
  maxBytes: number;
  ttlMs: number;
  /** Clock (tests). */
  now?: () => number;
}

/** A strong ETag of a body. */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Builds a response value from a rendered body. */
export function cachedResponse(status: number, contentType: string, body: string | Buffer, headers?: Record<string, string>): CachedResponse {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return { status, contentType, body: buf, etag: etagOf(buf), ...(headers ? { headers } : {}) };
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<CachedResponse>>();
  private bytes = 0;
  private generation = 0;
  private readonly now: () => number;
  /** Hits and misses since start (diagnostics). */
  readonly stats = { hits: 0, misses: 0 };

  constructor(private readonly options: PageCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Number of entries. */
  get size(): number {
    return this.entries.size;
  }

  /** Bytes held. */
  get byteSize(): number {
    return this.bytes;
  }

  /** A fresh entry, or undefined (and an expired one is dropped). */
  get(key: string): CachedResponse | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.delete(key);
      return undefined;
    }
    // Move to the most recently used end.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  /** Stores `value` unless it is larger than a quarter of the byte budget; evicts the least recently used. */
  set(key: string, value: CachedResponse, generation = this.generation): void {
    if (generation !== this.generation) return; // rendered before a clear(): stale
    const size = value.body.length + key.length;
    if (size > this.options.maxBytes / 4) return;
    this.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.options.ttlMs, generation });
    this.bytes += size;
    while (this.entries.size > this.options.maxEntries || this.bytes > this.options.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }

  /** Drops one key. */
  delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.bytes -= e.value.body.length + key.length;
    this.entries.delete(key);
  }

  /** Drops everything (and makes renders still in flight uncacheable). */
  clear(): void {
    this.entries.clear();
    this.inflight.clear();
    this.bytes = 0;
    this.generation++;
  }

  /**
   * The cached value of `key`, or renders it once (concurrent callers share the render) and
   * stores it when `cacheable(value)`.
   */
  async getOrRender(key: string, render: () => Promise<CachedResponse>, cacheable: (v: CachedResponse) => boolean): Promise<CachedResponse> {
    const hit = this.get(key);
    if (hit) {
      this.stats.hits++;
      return hit;
    }
    this.stats.misses++;
    const running = this.inflight.get(key);
    if (running) return running;
    const generation = this.generation;
    const p = render().then(
      (v) => {
        if (this.inflight.get(key) === p) this.inflight.delete(key);
        if (cacheable(v)) this.set(key, v, generation);
        return v;
      },
      (e: unknown) => {
        if (this.inflight.get(key) === p) this.inflight.delete(key);
        throw e;
      },
    );
    this.inflight.set(key, p);
    return p;
  }
}

/** true when an If-None-Match header names `etag` (or is `*`). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  for (const part of ifNoneMatch.split(',')) {
    const t = part.trim();
    if (t === '*' || t === etag || t === `W/${etag}`) return true;
  }
  return false;
}
