/** 我的稿件 (mode mine: the drafter's own items) and 信息管理 (mode all: every item of the agency). */
import { useState, type HTMLAttributes } from 'react';
import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { get } from '../lib/api.ts';
import { columnPath, useAgencyDetail } from '../lib/agency-cache.ts';
import { formatTime } from '../lib/dates.ts';
import { useLoad } from '../lib/hooks.ts';
import { statusLabels } from '../lib/labels.ts';
import { Link, navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import type { DocumentPage, DocumentStatus, DocumentSummary } from '../lib/types.ts';
import { StatusTag } from '../components/StatusTag.tsx';
import { SearchBox } from '../components/SearchBox.tsx';

interface Props {
  mode: 'mine' | 'all';
}

const editable = new Set<DocumentStatus>(['draft', 'returned']);

export default function DocumentsPage({ mode }: Props) {
  const { agency, can } = useSession();
  const detail = useAgencyDetail(agency?.id);
  const [status, setStatus] = useState<DocumentStatus | ''>('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);

  const list = useLoad(
    (signal) =>
      get<DocumentPage>(
        '/api/documents',
        { agencyId: agency?.id, status, q, page, pageSize, mine: mode === 'mine' ? 1 : undefined },
        signal,
      ),
    [agency?.id, status, q, page, pageSize, mode],
  );

  const title = mode === 'mine' ? '我的稿件' : '信息管理';
  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{title}</Typography.Title>}
      extra={
        can.canDraft && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/documents/new')} data-testid="new-document">
            新建稿件
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="状态"
          style={{ width: 200 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={[{ value: '', label: '全部状态' }, ...Object.entries(statusLabels).map(([value, l]) => ({ value, label: l.text }))]}
          data-testid="status-filter"
        />
        <SearchBox
          label="搜索标题、文号或索引号"
          placeholder="标题、文号或索引号"
          width={340}
          testid="document-search"
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
        />
        <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label="刷新">
          刷新
        </Button>
      </Space>
      <Table<DocumentSummary>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="documents-table"
        onRow={(r) => ({ 'data-testid': `document-row-${r.id}`, 'data-title': r.title }) as HTMLAttributes<HTMLElement>}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${String(t)} 条`,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          {
            title: '标题',
            dataIndex: 'title',
            minWidth: 260,
            render: (t: string, r) => (
              <Link to={`/documents/${r.id}`} data-testid="document-link">
                {t || '（无标题）'}
              </Link>
            ),
          },
          { title: '索引号', dataIndex: 'indexNo', width: 180 },
          { title: '文号', dataIndex: 'docNo', render: (v: string | null) => v ?? '' },
          { title: '栏目', dataIndex: 'columnId', render: (id: string) => (detail ? columnPath(detail.columns, id) : '') },
          {
            title: '状态',
            dataIndex: 'status',
            width: 150,
            render: (s: DocumentStatus, r: DocumentSummary) => (
              <Space size={2} orientation="vertical">
                <StatusTag status={s} />
                {r.currentStep && <Typography.Text type="secondary">{r.currentStep.name}</Typography.Text>}
                {r.correcting && <Tag color="gold">更正中</Tag>}
              </Space>
            ),
          },
          { title: '更新时间', dataIndex: 'updatedAt', width: 140, render: (v: string) => formatTime(v) },
          {
            title: '操作',
            key: 'ops',
            width: 100,
            render: (_, r) => (
              <Space size="small">
                <Link to={`/documents/${r.id}`}>查看</Link>
                {mode === 'mine' && editable.has(r.status) && <Link to={`/documents/${r.id}/edit`}>编辑</Link>}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
