/** 审核待办: items awaiting a decision at a step the reviewer holds, grouped by step. */
import { useMemo, useState } from 'react';
import { Button, Card, Empty, Table, Tabs, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { get } from '../lib/api.ts';
import { formatTime } from '../lib/dates.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import type { DocumentSummary } from '../lib/types.ts';
import { StatusTag } from '../components/StatusTag.tsx';
import { HelpLink } from '../components/HelpLink.tsx';

function stepKeyOf(i: DocumentSummary): string {
  return i.currentStep?.key ?? '';
}

function stepNameOf(i: DocumentSummary): string {
  return i.currentStep?.name ?? '审核';
}

export default function ReviewInboxPage() {
  const { agencies } = useSession();
  const inbox = useLoad((signal) => get<{ items: DocumentSummary[] }>('/api/reviews/inbox', undefined, signal), []);
  const items = useMemo(() => inbox.data?.items ?? [], [inbox.data]);
  const [tab, setTab] = useState<string>('all');
  const agencyName = (id: string) => agencies.find((a) => a.id === id)?.name ?? '';
  const multiAgency = new Set(items.map((i) => i.agencyId)).size > 1;

  const steps = useMemo(() => {
    const m = new Map<string, { name: string; count: number }>();
    for (const i of items) {
      const k = stepKeyOf(i);
      const e = m.get(k) ?? { name: stepNameOf(i), count: 0 };
      e.count++;
      m.set(k, e);
    }
    return [...m.entries()];
  }, [items]);

  const shown = tab === 'all' ? items : items.filter((i) => stepKeyOf(i) === tab);

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>审核待办</Typography.Title>}
      extra={
        <>
          <HelpLink screen="review.inbox" />
          <Button icon={<ReloadOutlined />} onClick={inbox.reload}>
            刷新
          </Button>
        </>
      }
    >
      <Tabs
        activeKey={steps.some(([k]) => k === tab) ? tab : 'all'}
        onChange={setTab}
        items={[
          { key: 'all', label: `全部（${String(items.length)}）` },
          ...steps.map(([key, s]) => ({ key, label: <span data-testid={`inbox-tab-${key}`}>{`${s.name}（${String(s.count)}）`}</span> })),
        ]}
      />
      <Table<DocumentSummary>
        rowKey="id"
        loading={inbox.loading}
        dataSource={shown}
        data-testid="inbox-table"
        locale={{ emptyText: <Empty description="暂无待审核的稿件" /> }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: '标题',
            dataIndex: 'title',
            render: (t: string, r) => (
              <Link to={`/reviews/${r.id}`} data-testid="inbox-link" data-title={t}>
                {t}
              </Link>
            ),
          },
          ...(multiAgency ? [{ title: '单位', key: 'agency', render: (_: unknown, r: DocumentSummary) => agencyName(r.agencyId) }] : []),
          { title: '索引号', dataIndex: 'indexNo', width: 200 },
          { title: '待审步骤', key: 'step', width: 160, render: (_, r) => stepNameOf(r) },
          { title: '状态', dataIndex: 'status', width: 110, render: (s: DocumentSummary['status']) => <StatusTag status={s} /> },
          { title: '起草人', key: 'creator', width: 120, render: (_, r) => r.createdBy.displayName ?? '' },
          { title: '更新时间', key: 'at', width: 160, render: (_, r) => formatTime(r.updatedAt) },
          {
            title: '操作',
            key: 'ops',
            width: 90,
            render: (_, r) => (
              <Link to={`/reviews/${r.id}`} data-testid="inbox-review">
                审核
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}
