/**
 * 审计日志: newest first, paged by beforeId; each row expands to its before/after JSON.
 * Platform roles can verify the whole hash chain (GET /api/audit/verify).
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, List, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { get } from '../lib/api.ts';
import { formatTime } from '../lib/dates.ts';
import { feedback, showError } from '../lib/feedback.ts';
import { useLoad } from '../lib/hooks.ts';
import { auditActionLabels, entityTypeLabels, labelOf } from '../lib/labels.ts';
import { useSession } from '../lib/session.tsx';
import type { AuditEntry, AuditVerifyResult } from '../lib/types.ts';
import { SearchBox } from '../components/SearchBox.tsx';

const pageSize = 50;

function Json({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <Col xs={24} lg={12}>
      <Typography.Text strong>{label}</Typography.Text>
      <pre className="gk-json">{JSON.stringify(value, null, 2)}</pre>
    </Col>
  );
}

export default function AuditPage() {
  const { agency, agencies, can } = useSession();
  const [scope, setScope] = useState<'agency' | 'all'>('agency');
  const [action, setAction] = useState('');
  const [entityType, setEntityType] = useState('');
  const [entityId, setEntityId] = useState('');
  /** beforeId of each page visited; the last one is the current page. */
  const [pages, setPages] = useState<(number | undefined)[]>([undefined]);
  const beforeId = pages[pages.length - 1];
  const [verifying, setVerifying] = useState(false);

  const agencyId = scope === 'agency' ? agency?.id : undefined;
  const log = useLoad(
    (signal) => get<{ entries: AuditEntry[] }>('/api/audit', { agencyId, action, entityType, entityId, beforeId, limit: pageSize }, signal),
    [agencyId, action, entityType, entityId, beforeId],
  );
  const entries = log.data?.entries ?? [];
  const resetPaging = () => setPages([undefined]);
  const agencyName = (id: string | null) => (id ? (agencies.find((a) => a.id === id)?.name ?? id.slice(0, 8)) : '平台');

  const verify = async () => {
    setVerifying(true);
    try {
      const r = await get<AuditVerifyResult>('/api/audit/verify');
      const config = {
        title: r.ok ? '审计哈希链完整' : '审计哈希链校验失败',
        width: 560,
        content: r.ok ? (
          <p data-testid="audit-verify-result">已校验全部 {r.rows} 条记录，未发现篡改或删除。</p>
        ) : (
          <div data-testid="audit-verify-result">
            <p>共 {r.rows} 条记录，发现 {r.problems.length} 处问题：</p>
            <List size="small" dataSource={r.problems.slice(0, 50)} renderItem={(p) => <List.Item>{p.message}</List.Item>} />
          </div>
        ),
      };
      if (r.ok) void feedback.modal?.success(config);
      else void feedback.modal?.error(config);
    } catch (e) {
      showError(e);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>审计日志</Typography.Title>}
      extra={
        can.canVerifyAudit && (
          <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()} data-testid="audit-verify">
            校验哈希链
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        {can.isPlatform && (
          <Select
            aria-label="范围"
            value={scope}
            style={{ width: 200 }}
            onChange={(v) => {
              setScope(v);
              resetPaging();
            }}
            options={[
              { value: 'agency', label: `当前单位` },
              { value: 'all', label: '全部单位（含平台）' },
            ]}
          />
        )}
        <Select
          aria-label="操作"
          style={{ width: 180 }}
          value={action}
          showSearch={{ optionFilterProp: 'label' }}
          onChange={(v) => {
            setAction(v);
            resetPaging();
          }}
          options={[{ value: '', label: '全部操作' }, ...Object.entries(auditActionLabels).map(([value, label]) => ({ value, label }))]}
        />
        <Select
          aria-label="对象类型"
          style={{ width: 140 }}
          value={entityType}
          onChange={(v) => {
            setEntityType(v);
            resetPaging();
          }}
          options={[{ value: '', label: '全部对象' }, ...Object.entries(entityTypeLabels).map(([value, label]) => ({ value, label }))]}
        />
        <SearchBox
          label="对象编号"
          width={300}
          testid="audit-entity-id"
          onSearch={(v) => {
            setEntityId(v);
            resetPaging();
          }}
        />
        <Button icon={<ReloadOutlined />} onClick={log.reload}>
          刷新
        </Button>
      </Space>
      {scope === 'agency' && !can.isPlatform && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`显示“${agency?.name ?? ''}”的记录。登录、修改密码等个人操作不属于任何单位，由平台管理员查看。`} />
      )}
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={log.loading}
        dataSource={entries}
        pagination={false}
        data-testid="audit-table"
        expandable={{
          rowExpandable: (r) => r.before != null || r.after != null,
          expandedRowRender: (r) => (
            <Row gutter={16}>
              <Json label="变更前" value={r.before} />
              <Json label="变更后" value={r.after} />
            </Row>
          ),
        }}
        columns={[
          { title: '编号', dataIndex: 'id', width: 80 },
          { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => formatTime(v) },
          { title: '操作人', dataIndex: 'actorName', width: 120 },
          ...(scope === 'all' ? [{ title: '单位', dataIndex: 'agencyId', width: 200, render: (v: string | null) => agencyName(v) }] : []),
          {
            title: '操作',
            dataIndex: 'action',
            width: 170,
            render: (v: string) => (
              <Space size={4}>
                <span>{labelOf(auditActionLabels, v)}</span>
                {!auditActionLabels[v] && <Tag>{v}</Tag>}
              </Space>
            ),
          },
          {
            title: '对象',
            key: 'entity',
            render: (_, r) => (
              <span>
                {labelOf(entityTypeLabels, r.entityType)}{' '}
                {r.entityId && (
                  <Typography.Text type="secondary" copyable={{ text: r.entityId }} style={{ fontSize: 12 }}>
                    {r.entityId.slice(0, 8)}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '' },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Button disabled={pages.length <= 1} onClick={() => setPages((p) => p.slice(0, -1))} data-testid="audit-prev">
          上一页
        </Button>
        <Button
          disabled={entries.length < pageSize}
          onClick={() => {
            const last = entries[entries.length - 1];
            if (last) setPages((p) => [...p, last.id]);
          }}
          data-testid="audit-next"
        >
          下一页
        </Button>
        <Typography.Text type="secondary">第 {pages.length} 页</Typography.Text>
      </Space>
    </Card>
  );
}
