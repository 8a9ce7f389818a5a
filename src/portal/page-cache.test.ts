import { describe, expect, it } from 'vitest';
import { PageCache, cachedResponse, matchesEtag } from './page-cache.ts';

const body = (s: string) => cachedResponse(200, 'text/html', s);

describe('PageCache', () => {
  it('expires entries after the TTL', () => {
    let t = 0;
    const c = new PageCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 1000, now: () => t });
    c.set('a', body('A'));
    expect(c.get('a')?.body.toString()).toBe('A');
    t = 1000;
    expect(c.get('a')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('evicts the least recently used entry by count and by bytes', () => {
    const c = new PageCache({ maxEntries: 2, maxBytes: 1e6, ttlMs: 1e9 });
    c.set('a', body('A'));
    c.set('b', body('B'));
    c.get('a');
    c.set('c', body('C'));
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBeDefined();
    const small = new PageCache({ maxEntries: 100, maxBytes: 400, ttlMs: 1e9 });
    for (const k of ['k1', 'k2', 'k3', 'k4', 'k5']) small.set(k, body('x'.repeat(98)));
    expect(small.byteSize).toBeLessThanOrEqual(400);
    expect(small.get('k1')).toBeUndefined();
    expect(small.get('k5')).toBeDefined();
    small.set('huge', body('x'.repeat(200)));
    expect(small.get('huge')).toBeUndefined();
  });

  it('shares one render between concurrent misses and drops renders that started before a clear()', async () => {
    const c = new PageCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 1e9 });
    let renders = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const render = async () => {
      renders++;
      await gate;
      return body('page');
    };
    const p1 = c.getOrRender('k', render, () => true);
    const p2 = c.getOrRender('k', render, () => true);
    c.clear();
    release();
    const [r1, r2] = await Promise.all([p1, p2]);
    expect(renders).toBe(1);
    expect(r1.body.toString()).toBe('page');
    expect(r2).toBe(r1);
    expect(c.get('k')).toBeUndefined();
    await c.getOrRender('k', render, () => true);
    expect(c.get('k')).toBeDefined();
    await c.getOrRender('k', render, () => true);
    expect(renders).toBe(2);
  });

  it('does not keep what is not cacheable', async () => {
    const c = new PageCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 1e9 });
    await c.getOrRender('k', async () => cachedResponse(404, 'text/html', 'nf'), (r) => r.status === 200);
    expect(c.get('k')).toBeUndefined();
  });
});

describe('matchesEtag', () => {
  it('matches exact, weak, listed and * values', () => {
    const e = '"abc"';
    expect(matchesEtag('"abc"', e)).toBe(true);
    expect(matchesEtag('W/"abc"', e)).toBe(true);
    expect(matchesEtag('"x", "abc"', e)).toBe(true);
    expect(matchesEtag('*', e)).toBe(true);
    expect(matchesEtag('"abd"', e)).toBe(false);
    expect(matchesEtag(undefined, e)).toBe(false);
  });
});
