import { describe, expect, it } from 'vitest';
import { bodyToText, sanitizeBody } from './body-html.ts';

describe('sanitizeBody: stored XSS comes out inert', () => {
  it.each([
    ['<script>alert(1)</script><p>正文</p>', '<p>正文</p>'],
    ['<p onclick="alert(1)" style="color:red">正文</p>', '<p>正文</p>'],
    ['<img src=x onerror=alert(1)>', ''],
    ['<img src="https://evil.example/t.gif">', ''],
    ['<img src="data:image/png;base64,AAAA">', ''],
    ['<img src="/files/../admin">', ''],
    ['<a href="javascript:alert(1)">点</a>', '<a>点</a>'],
    ['<a href=" JaVaScRiPt:alert(1)">点</a>', '<a>点</a>'],
    ['<a href="//evil.example/">点</a>', '<a>点</a>'],
    ['<a href="data:text/html,<script>alert(1)</script>">点</a>', '<a>点</a>'],
    ['<iframe src="https://evil.example"></iframe>正文', '正文'],
    ['<svg onload=alert(1)><circle/></svg>', ''],
    ['<style>body{display:none}</style><p>正文</p>', '<p>正文</p>'],
    ['<form action="/x"><input name="a"></form>', ''],
    ['<object data="x.swf"></object><embed src="x.swf">', ''],
    ['<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['<td onmouseover="x">格</td>', '<td>格</td>'],
    ['<img src="/files/a/b.png?x=1" onerror="x">', ''],
  ])('%s', (input, output) => {
    expect(sanitizeBody(input)).toBe(output);
  });

  it('keeps the allowed structure', () => {
    const html =
      '<h2>一、总体情况</h2><p><strong>粗</strong><em>斜</em><u>下划线</u><br>换行</p><ul><li>甲</li></ul><ol><li>乙</li></ol>' +
      '<table><thead><tr><th colspan="2">表头</th></tr></thead><tbody><tr><td rowspan="2">1</td><td>2</td></tr></tbody></table>' +
      '<p><img src="/files/0b6f0b7e-1c1b-4a52-9f3d-6a4a2f1f8b11/图.png" alt="图"></p>';
    const out = sanitizeBody(html);
    for (const part of ['<h2>', '<strong>粗</strong>', '<em>斜</em>', '<u>下划线</u>', '<br />', '<ul><li>甲</li></ul>', '<th colspan="2">', '<td rowspan="2">', '<img src="/files/']) {
      expect(out).toContain(part);
    }
  });

  it('keeps safe links and makes external ones noopener', () => {
    expect(sanitizeBody('<a href="https://www.gov.cn/" target="_self" rel="opener">国务院</a>')).toBe(
      '<a href="https://www.gov.cn/" rel="noopener noreferrer" target="_blank">国务院</a>',
    );
    expect(sanitizeBody('<a href="mailto:gk@example.cn">邮件</a>')).toBe('<a href="mailto:gk@example.cn">邮件</a>');
  });

  it('drops non-numeric spans and maps h1 and div to allowed tags', () => {
    expect(sanitizeBody('<table><tr><td colspan="2 onclick=x" rowspan="3">x</td></tr></table>')).toBe('<table><tr><td rowspan="3">x</td></tr></table>');
    expect(sanitizeBody('<h1>标题</h1><div>段</div>')).toBe('<h2>标题</h2><p>段</p>');
  });
});

describe('bodyToText', () => {
  it('turns blocks into lines and decodes entities', () => {
    expect(bodyToText('<h2>一、说明</h2><p>甲&amp;乙&nbsp;丙</p><p>第二段<br>换行</p><table><tr><td>1</td><td>2</td></tr></table>')).toBe(
      '一、说明\n甲&乙 丙\n第二段\n换行\n1 2',
    );
  });

  it('never returns markup', () => {
    expect(bodyToText('<p>&lt;b&gt;不是标签&lt;/b&gt;</p>')).toBe('<b>不是标签</b>');
    expect(bodyToText('')).toBe('');
  });
});
