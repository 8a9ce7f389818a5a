/**
 * 正文 editor: HTML source in a textarea with a small toolbar that inserts the tags the
 * server keeps (p, h2–h4, strong, em, u, ul/ol/li, blockquote, table, a, hr), and a
 * sandboxed preview. No contentEditable, no script: the server sanitizes anyway.
 */
import { useRef, useState } from 'react';
import { Button, Input, Segmented, Space, Tooltip, type GetRef } from 'antd';
import { SandboxedHtml } from './SandboxedHtml.tsx';

type TextAreaRef = GetRef<typeof Input.TextArea>;

interface Props {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  'aria-invalid'?: boolean;
}

interface Tool {
  label: string;
  tip: string;
  /** Wraps the selection in before…after; `placeholder` fills an empty selection. */
  before: string;
  after: string;
  placeholder: string;
}

const tools: Tool[] = [
  { label: '段落', tip: '段落 <p>', before: '<p>', after: '</p>\n', placeholder: '段落文字' },
  { label: '标题', tip: '小标题 <h3>', before: '<h3>', after: '</h3>\n', placeholder: '小标题' },
  { label: '加粗', tip: '加粗 <strong>', before: '<strong>', after: '</strong>', placeholder: '加粗文字' },
  { label: '斜体', tip: '斜体 <em>', before: '<em>', after: '</em>', placeholder: '斜体文字' },
  { label: '列表', tip: '无序列表', before: '<ul>\n  <li>', after: '</li>\n  <li>第二项</li>\n</ul>\n', placeholder: '第一项' },
  { label: '编号', tip: '有序列表', before: '<ol>\n  <li>', after: '</li>\n  <li>第二项</li>\n</ol>\n', placeholder: '第一项' },
  { label: '引用', tip: '引用 <blockquote>', before: '<blockquote>', after: '</blockquote>\n', placeholder: '引用文字' },
  { label: '链接', tip: '链接（仅 http/https/mailto）', before: '<a href="https://">', after: '</a>', placeholder: '链接文字' },
  {
    label: '表格',
    tip: '插入 2×2 表格',
    before: '<table>\n  <tr><th>',
    after: '</th><th>列二</th></tr>\n  <tr><td>内容</td><td>内容</td></tr>\n</table>\n',
    placeholder: '列一',
  },
  { label: '分隔线', tip: '水平线 <hr>', before: '<hr>\n', after: '', placeholder: '' },
];

export function BodyEditor({ value = '', onChange, id, ...rest }: Props) {
  const ref = useRef<TextAreaRef>(null);
  const [mode, setMode] = useState<'edit' | 'preview'>('edit');

  const apply = (t: Tool) => {
    const el = ref.current?.resizableTextArea?.textArea;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const selected = value.slice(start, end) || t.placeholder;
    const next = value.slice(0, start) + t.before + selected + t.after + value.slice(end);
    onChange?.(next);
    // Select the inserted text so typing replaces the placeholder.
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      el.setSelectionRange(start + t.before.length, start + t.before.length + selected.length);
    });
  };

  return (
    <div className="gk-body-editor">
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented
          aria-label="编辑或预览"
          value={mode}
          onChange={(v) => setMode(v as 'edit' | 'preview')}
          options={[
            { value: 'edit', label: '编辑' },
            { value: 'preview', label: '预览' },
          ]}
        />
        {mode === 'edit' &&
          tools.map((t) => (
            <Tooltip key={t.label} title={t.tip}>
              <Button size="small" onClick={() => apply(t)} aria-label={`插入${t.label}`}>
                {t.label}
              </Button>
            </Tooltip>
          ))}
      </Space>
      {mode === 'edit' ? (
        <Input.TextArea
          ref={ref}
          id={id}
          aria-label="正文（HTML）"
          aria-invalid={rest['aria-invalid']}
          value={value}
          onChange={(e) => onChange?.(e.target.value)}
          autoSize={{ minRows: 12, maxRows: 30 }}
          style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 13 }}
          placeholder="<p>正文内容……</p>（可直接输入文字，每段用工具栏的“段落”包起来）"
          data-testid="doc-body"
        />
      ) : (
        <SandboxedHtml html={value} title="正文预览" />
      )}
    </div>
  );
}
