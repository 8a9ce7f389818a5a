/**
 * 隐私信息专项审查 on the document page: the scanner's findings (type, masked preview,
 * confidence, reason, location) with 一键脱敏正文, 脱敏附件 and 确认为公开信息 (with a reason).
 * Talks to /api/documents/:id/privacy*; calls onChanged after any change (new lockVersion).
 */
import { useState } from 'react';
import { Alert, Button, Card, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { get, post } from '../lib/api.ts';
import { showError, showSuccess } from '../lib/feedback.ts';
import { useLoad } from '../lib/hooks.ts';

interface Finding {
  id: string;
  source: 'body' | 'attachment';
  attachmentId?: string;
  filename?: string;
  type: string;
  typeLabel: string;
  masked: string;
  confidence: 'high' | 'medium' | 'low';
  reason: string;
  personal: boolean;
  location: Record<string, string | number>;
  justification: { reason: string; at: string } | null;
  blocking: boolean;
}

interface PrivacyView {
  scannedAt: string;
  counts: { high: number; medium: number; low: number; manual: number };
  findings: Finding[];
  unresolved: number;
  message: string | null;
  atPrivacyStep: boolean;
  can: { maskBody: boolean; maskAttachment: boolean; justify: boolean };
  lockVersion: number;
}

const confidenceTag: Record<Finding['confidence'], [string, string]> = { high: ['red', '高'], medium: ['orange', '中'], low: ['default', '低'] };

function where(l: Record<string, string | number>): string {
  const parts: string[] = [];
  if (l.page !== undefined) parts.push(`第${l.page}页`);
  if (l.sheet !== undefined) parts.push(`工作表「${l.sheet}」`);
  if (l.cell !== undefined) parts.push(`${l.cell}`);
  if (typeof l.part === 'string' && l.part !== 'body') parts.push(l.part.startsWith('header') ? '页眉' : l.part.startsWith('footer') ? '页脚' : l.part === 'comments' ? '批注' : l.part);
  if (l.table !== undefined) parts.push(`表格${l.table} 第${l.row}行第${l.column}列`);
  else if (l.paragraph !== undefined) parts.push(`第${l.paragraph}段`);
  if (l.line !== undefined) parts.push(`第${l.line}行`);
  return parts.join(' ');
}

export function PrivacyFindings({ documentId, onChanged }: { documentId: string; onChanged: () => void }) {
  const loaded = useLoad((signal) => get<PrivacyView>(`/api/documents/${documentId}/privacy`, undefined, signal), [documentId]);
  const [selected, setSelected] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [justifying, setJustifying] = useState(false);
  const [busy, setBusy] = useState(false);
  const v = loaded.data;

  const run = async (done: string, path: string, body: Record<string, unknown> = {}) => {
    if (!v) return;
    setBusy(true);
    try {
      await post(`/api/documents/${documentId}/privacy/${path}`, { lockVersion: v.lockVersion, ...body });
      showSuccess(done);
      setSelected([]);
      loaded.reload();
      onChanged();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!v) return <Card title="隐私信息检查" size="small" loading={loaded.loading} style={{ marginBottom: 16 }} />;
  const attachmentsWithFindings = [...new Map(v.findings.filter((f) => f.source === 'attachment' && f.blocking).map((f) => [f.attachmentId!, f.filename!])).entries()];
  return (
    <Card title="隐私信息检查" size="small" style={{ marginBottom: 16 }} data-testid="privacy-findings" extra={<Typography.Text type="secondary">扫描于 {new Date(v.scannedAt).toLocaleString('zh-CN')}</Typography.Text>}>
      {v.message ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={v.message} /> : <Alert type="success" showIcon style={{ marginBottom: 12 }} title="未发现须处理的个人信息" />}
      <Space wrap style={{ marginBottom: 12 }}>
        {v.can.maskBody && v.findings.some((f) => f.source === 'body' && f.blocking) && (
          <Button type="primary" loading={busy} onClick={() => void run('正文已脱敏', 'mask-body')} data-testid="mask-body">
            一键脱敏正文
          </Button>
        )}
        {v.can.maskAttachment &&
          attachmentsWithFindings.map(([aid, name]) => (
            <Button key={aid} loading={busy} onClick={() => void run(`附件「${name}」已脱敏`, `mask-attachment/${aid}`)}>
              脱敏附件「{name}」
            </Button>
          ))}
        {v.can.justify && (
          <Button disabled={!selected.length} onClick={() => setJustifying(true)} data-testid="justify">
            确认为公开信息（{selected.length}）
          </Button>
        )}
      </Space>
      <Table<Finding>
        size="small"
        rowKey="id"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={v.findings.filter((f) => f.personal)}
        rowSelection={v.can.justify ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), getCheckboxProps: (f) => ({ disabled: !!f.justification }) } : undefined}
        columns={[
          { title: '来源', render: (_, f) => (f.source === 'body' ? '正文' : f.filename) },
          { title: '类型', dataIndex: 'typeLabel' },
          { title: '脱敏预览', dataIndex: 'masked', render: (m: string) => <Typography.Text code>{m || '—'}</Typography.Text> },
          { title: '可信度', dataIndex: 'confidence', render: (c: Finding['confidence']) => <Tag color={confidenceTag[c][0]}>{confidenceTag[c][1]}</Tag> },
          { title: '原因', dataIndex: 'reason' },
          { title: '位置', render: (_, f) => where(f.location) },
          { title: '状态', render: (_, f) => (f.justification ? <Tag color="blue" title={f.justification.reason}>已确认为公开信息</Tag> : f.blocking ? <Tag color="red">待处理</Tag> : <Tag>请审核人判断</Tag>) },
        ]}
      />
      <Modal
        open={justifying}
        title="确认为公开信息"
        okText="确认"
        okButtonProps={{ disabled: reason.trim().length < 2, loading: busy }}
        onCancel={() => setJustifying(false)}
        onOk={() => void run(`已确认 ${selected.length} 项为公开信息`, 'justify', { findingIds: selected, reason: reason.trim() }).then(() => setJustifying(false))}
      >
        <Typography.Paragraph>所选 {selected.length} 项将按原样公开，理由记入审计日志。</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="例如：公示须公开户主姓名（依据…）" />
      </Modal>
    </Card>
  );
}
