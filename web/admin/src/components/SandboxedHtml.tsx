/**
 * Shows (server-sanitized) body HTML inside a sandboxed iframe: no scripts can run in it
 * (no allow-scripts, and the page's CSP is inherited by srcdoc), its styles cannot leak
 * into the console, and links cannot navigate the console. allow-same-origin only lets
 * the console measure the content height.
 */
import { useRef, useState } from 'react';

const frameCss = `
body{margin:0;padding:12px 16px;font:15px/1.8 "PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;color:#222;word-break:break-word}
table{border-collapse:collapse;max-width:100%}td,th{border:1px solid #bbb;padding:4px 8px}
img{max-width:100%}h2,h3,h4{margin:.8em 0 .4em}blockquote{margin:0;padding-left:1em;border-left:3px solid #ddd;color:#555}
`;

function escapeText(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

interface Props {
  html: string;
  /** Accessible title of the frame. */
  title: string;
  minHeight?: number;
  maxHeight?: number;
}

export function SandboxedHtml({ html, title, minHeight = 120, maxHeight = 800 }: Props) {
  const ref = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(minHeight);
  const doc = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><base target="_blank"><title>${escapeText(title)}</title><style>${frameCss}</style></head><body>${html || '<p style="color:#999">（正文为空）</p>'}</body></html>`;

  const measure = () => {
    try {
      const h = ref.current?.contentDocument?.documentElement.scrollHeight;
      if (h) setHeight(Math.min(Math.max(h + 4, minHeight), maxHeight));
    } catch {
      // Not measurable: keep the minimum height with a scroll bar.
    }
  };

  return (
    <iframe
      ref={ref}
      title={title}
      sandbox="allow-same-origin"
      srcDoc={doc}
      onLoad={measure}
      data-testid="body-preview"
      style={{ width: '100%', height, border: '1px solid #e5e5e5', borderRadius: 4, background: '#fff' }}
    />
  );
}
