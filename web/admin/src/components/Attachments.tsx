/**
 * Attachments of a document: a list with download links, and for editable drafts an upload
 * (multipart field `file`, CSRF header through api.ts) and delete. Each change bumps the
 * document's lockVersion, so uploads of several files run one after another, each with the
 * lockVersion the previous one returned. The server checks type and size by content; its
 * Chinese refusal (e.g. 文件内容与扩展名不符) is shown as is.
 */
import { useEffect, useRef, useState } from 'react';
import { Button, List, Popconfirm, Space, Tag, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError, del, errorMessage, upload } from '../lib/api.ts';
import { showError, showSuccess } from '../lib/feedback.ts';
import { formatSize } from '../lib/labels.ts';
import type { AttachmentView } from '../lib/types.ts';

interface Props {
  documentId: string;
  attachments: AttachmentView[];
  /** Upload and delete allowed (then lockVersion is required). */
  editable?: boolean;
  /** The document's lockVersion as last read. */
  lockVersion?: number;
  /** Called after a change (or a conflict) so the page refreshes the document. */
  onChanged?: () => void;
}

/** Accepted kinds (the server decides by content). */
const accept = '.docx,.xlsx,.xls,.pdf,.jpg,.jpeg,.png,.gif,.webp';

export function Attachments({ documentId, attachments, editable, lockVersion, onChanged }: Props) {
  const [pending, setPending] = useState(0);
  const [lastError, setLastError] = useState<string | null>(null);
  const lock = useRef(lockVersion ?? 0);
  const queue = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    if (lockVersion !== undefined) lock.current = lockVersion;
  }, [lockVersion]);

  const failed = (e: unknown, what: string) => {
    const msg = `${what}：${errorMessage(e)}`;
    setLastError(msg);
    showError(e);
    if (e instanceof ApiError && e.isConflict) onChanged?.();
  };

  const remove = async (a: AttachmentView) => {
    try {
      const r = await del<{ lockVersion: number }>(`/api/documents/${documentId}/attachments/${a.id}`, { lockVersion: lock.current });
      lock.current = r.lockVersion;
      showSuccess(`已删除 ${a.filename}`);
      onChanged?.();
    } catch (e) {
      failed(e, a.filename);
    }
  };

  return (
    <div data-testid="attachments">
      {editable && (
        <Space orientation="vertical" style={{ marginBottom: 12 }}>
          <Upload
            accept={accept}
            multiple
            showUploadList={false}
            customRequest={({ file, onSuccess, onError }) => {
              const f = file as File;
              setPending((n) => n + 1);
              setLastError(null);
              queue.current = queue.current.then(async () => {
                try {
                  const r = await upload<{ attachment: AttachmentView; lockVersion: number }>(`/api/documents/${documentId}/attachments`, f, f.name, {
                    lockVersion: lock.current,
                  });
                  lock.current = r.lockVersion;
                  showSuccess(`已上传 ${f.name}`);
                  onSuccess?.(r);
                  onChanged?.();
                } catch (e) {
                  failed(e, f.name);
                  onError?.(e instanceof Error ? e : new Error(errorMessage(e)));
                } finally {
                  setPending((n) => n - 1);
                }
              });
            }}
          >
            <Button icon={<UploadOutlined />} loading={pending > 0} data-testid="attachment-upload">
              上传附件
            </Button>
          </Upload>
          <Typography.Text type="secondary">支持 DOCX、XLSX、XLS、PDF 和图片，按文件内容校验类型和大小。</Typography.Text>
          {lastError && (
            <Typography.Text type="danger" role="alert" data-testid="attachment-error">
              {lastError}
            </Typography.Text>
          )}
        </Space>
      )}
      <List
        size="small"
        bordered
        locale={{ emptyText: '暂无附件' }}
        dataSource={attachments}
        renderItem={(a) => (
          <List.Item
            data-testid="attachment-item"
            data-filename={a.filename}
            actions={
              editable
                ? [
                    <Popconfirm key="del" title={`删除附件“${a.filename}”？`} okText="删除" cancelText="取消" onConfirm={() => remove(a)}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除 ${a.filename}`} />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space wrap>
              <PaperClipOutlined />
              <a href={`/api/documents/${documentId}/attachments/${a.id}`} download={a.filename}>
                {a.filename}
              </a>
              <Typography.Text type="secondary">{formatSize(a.size)}</Typography.Text>
              {a.textLength > 0 && <Tag bordered={false}>已提取 {a.textLength} 字用于检索</Tag>}
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}
