import { describe, expect, it } from 'vitest';
import { buildSnippet, containsTerm, highlightHtml } from './snippet.ts';

describe('highlightHtml', () => {
  it('escapes text and marks every term, case-insensitively', () => {
    expect(highlightHtml('<b>低保</b> 资金 ABC 低保', ['低保', 'abc'])).toBe('&lt;b&gt;<mark>低保</mark>&lt;/b&gt; 资金 <mark>ABC</mark> <mark>低保</mark>');
  });

  it('treats regex characters in terms literally and prefers the longest term', () => {
    expect(highlightHtml('a.b 预算执行 预算', ['预算', '预算执行', 'a.b'])).toBe('<mark>a.b</mark> <mark>预算执行</mark> <mark>预算</mark>');
    expect(highlightHtml('axb', ['a.b'])).toBe('axb');
  });

  it('never marks inside an entity: terms are matched before escaping', () => {
    expect(highlightHtml('a & b', ['amp'])).toBe('a &amp; b');
  });

  it('normalises full-width characters and white space', () => {
    expect(highlightHtml('２０２５年\n\n预算', ['2025'])).toBe('<mark>2025</mark>年 预算');
  });
});

describe('buildSnippet', () => {
  const long = `${'前'.repeat(200)}低保资金${'后'.repeat(200)}`;

  it('cuts about 120 characters around the first hit with ellipses', () => {
    const s = buildSnippet(long, ['低保']);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('<mark>低保</mark>资金');
    expect(s.replace(/<\/?mark>|…/g, '').length).toBe(120);
  });

  it('starts at the beginning when the hit is early or absent', () => {
    expect(buildSnippet('低保资金发放', ['低保'])).toBe('<mark>低保</mark>资金发放');
    expect(buildSnippet(`${'字'.repeat(130)}`, ['无'])).toBe(`${'字'.repeat(120)}…`);
  });

  it('honours excerpt clipping flags', () => {
    expect(buildSnippet('低保', ['低保'], { clippedStart: true, clippedEnd: true })).toBe('…<mark>低保</mark>…');
  });

  it('never splits a surrogate pair', () => {
    const s = buildSnippet(`${'𠀀'.repeat(100)}低保${'𠀀'.repeat(100)}`, ['低保']);
    expect(s).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/u);
  });

  it('containsTerm', () => {
    expect(containsTerm('关于低保', ['低保'])).toBe(true);
    expect(containsTerm('关于', ['低保'])).toBe(false);
  });
});
