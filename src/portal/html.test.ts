import { describe, expect, it } from 'vitest';
import { escapeHtml, html, join, raw } from './html.ts';

describe('html template', () => {
  it('escapes every interpolated string', () => {
    const evil = `<script>alert("x")</script>'&`;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;</p>',
    );
  });

  it('keeps nested templates and raw HTML, renders lists and drops null/undefined/false', () => {
    const inner = html`<b>${'a<b'}</b>`;
    expect(html`${inner}${raw('<i>ok</i>')}${[1, '<', html`<br>`]}${null}${undefined}${false}`.value).toBe('<b>a&lt;b</b><i>ok</i>1&lt;<br>');
  });

  it('joins with an escaped separator', () => {
    expect(join(['a', html`<br>`, '<'], ' & ').value).toBe('a &amp; <br> &amp; &lt;');
  });

  it('escapes the five HTML-significant characters only', () => {
    expect(escapeHtml('中文〔2025〕1号 & "q" \'s\' <x>')).toBe('中文〔2025〕1号 &amp; &quot;q&quot; &#39;s&#39; &lt;x&gt;');
  });
});
