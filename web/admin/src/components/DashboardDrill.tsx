/**
 * The drill-down drawer of 数据看板: the records behind a chart segment or a count, from
 * GET /api/dashboard/drill (as many rows as the figure shows). Each row leads to its record:
 * an item to the document in the console, a ledger entry to its document (and the drawer to the
 * 更新提醒台账), a request to its page (依申请公开 staff only), a 留言 to 留言管理. The applicant's
 * name is there only when the server sends it (the requests module's rule).
 */
import type { HTMLAttributes } from 'react';
import { Alert, Drawer, Space, Table, Tag, Typography } from 'antd';
import { errorMessage, get } from '../lib/api.ts';
import { formatDate } from '../lib/dates.ts';
import type { Drill, DrillDocument, DrillFeedback, DrillLedgerEntry, DrillRef, DrillRequest } from '../lib/dashboard.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link } from '../lib/router.tsx';

const statusColors: Record<string, string> = { on_time: 'success', late: 'warning', overdue: 'error', due: 'processing' };

function DocumentsTable({ rows }: { rows: DrillDocument[] }) {
  return (
    <Table<DrillDocument>
      rowKey="documentId"
      size="small"
      dataSource={rows}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      onRow={(r) => ({ 'data-testid': 'drill-row', 'data-id': r.documentId }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: '标题', dataIndex: 'title', render: (v: string, r) => <Link to={`/documents/${r.documentId}`}>{v}</Link> },
        { title: '索引号', dataIndex: 'indexNo', width: 180 },
        { title: '目录领域', dataIndex: 'areaName', width: 150 },
        { title: '发布日期', dataIndex: 'publishedOn', width: 110, render: formatDate },
      ]}
    />
  );
}

function LedgerTable({ rows }: { rows: DrillLedgerEntry[] }) {
  return (
    <Table<DrillLedgerEntry>
      rowKey={(r) => `${r.itemId}|${r.kind}|${r.period ?? ''}|${r.documentId ?? ''}|${r.dueDate}`}
      size="small"
      dataSource={rows}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      onRow={(r) => ({ 'data-testid': 'drill-row', 'data-status': r.status }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: '公开领域', dataIndex: 'areaName', width: 120 },
        { title: '事项', dataIndex: 'level2', render: (v: string, r) => `${r.level1} / ${v}` },
        { title: '信息', dataIndex: 'title', render: (v: string | null, r) => (r.documentId && v ? <Link to={`/documents/${r.documentId}`}>{v}</Link> : (v ?? r.period ?? '—')) },
        { title: '应公开日期', dataIndex: 'dueDate', width: 110, render: formatDate },
        { title: '实际公开', dataIndex: 'publishedOn', width: 110, render: (v: string | null) => (v ? formatDate(v) : '—') },
        { title: '状态', dataIndex: 'statusName', width: 100, render: (v: string, r) => <Tag color={statusColors[r.status]}>{v}</Tag> },
      ]}
    />
  );
}

function RequestsTable({ rows, mayHandle }: { rows: DrillRequest[]; mayHandle: boolean }) {
  const withName = rows.some((r) => r.applicantName !== undefined);
  return (
    <Table<DrillRequest>
      rowKey="id"
      size="small"
      dataSource={rows}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      onRow={(r) => ({ 'data-testid': 'drill-row', 'data-id': r.id }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: '受理编号', dataIndex: 'trackingNo', render: (v: string, r) => (mayHandle ? <Link to={`/requests/${r.id}`}>{v}</Link> : v) },
        ...(withName ? [{ title: '申请人', dataIndex: 'applicantName' }] : []),
        { title: '渠道', dataIndex: 'channelName', width: 90 },
        { title: '状态', dataIndex: 'stateName' },
        { title: '办理结果', dataIndex: 'outcomeName', render: (v: string | null) => v ?? '—' },
        { title: '收到日期', dataIndex: 'receivedOn', width: 110, render: formatDate },
        { title: '答复期限', dataIndex: 'dueOn', width: 110, render: (v: string | null) => (v ? formatDate(v) : '—') },
      ]}
    />
  );
}

function FeedbackTable({ rows }: { rows: DrillFeedback[] }) {
  return (
    <Table<DrillFeedback>
      rowKey="id"
      size="small"
      dataSource={rows}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      onRow={(r) => ({ 'data-testid': 'drill-row', 'data-id': r.id }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: '类型', dataIndex: 'kindName', width: 100 },
        { title: '内容', dataIndex: 'excerpt', ellipsis: true, render: (v: string, r) => <Link to={`/feedback?id=${r.id}`}>{v}</Link> },
        { title: '来源', dataIndex: 'sourceName', width: 90 },
        { title: '状态', dataIndex: 'statusName', width: 90 },
        { title: '评分', dataIndex: 'rating', width: 60, render: (v: number | null) => v ?? '—' },
        { title: '收到日期', dataIndex: 'receivedOn', width: 110, render: formatDate },
        { title: '答复期限', dataIndex: 'dueOn', width: 110, render: formatDate },
      ]}
    />
  );
}

/** Where the full screen of a drill's records is (shown as a link above the list). */
function moreLink(d: Drill, mayHandle: boolean) {
  if (d.kind === 'ledger') return <Link to="/catalog/ledger">打开更新提醒台账</Link>;
  if (d.kind === 'requests' && mayHandle) return <Link to="/requests">打开依申请公开列表</Link>;
  if (d.kind === 'feedback') return <Link to="/feedback">打开留言管理</Link>;
  if (d.kind === 'documents') return <Link to="/documents">打开信息列表</Link>;
  return null;
}

export function DashboardDrill({ agencyId, year, drill, mayHandle, onClose }: { agencyId: string; year: number; drill: DrillRef | null; mayHandle: boolean; onClose(): void }) {
  const data = useLoad(
    (signal) => (drill ? get<Drill>('/api/dashboard/drill', { agencyId, year, metric: drill.metric, key: drill.key }, signal) : Promise.resolve(null)),
    [agencyId, year, drill?.metric, drill?.key],
  );
  const d = data.data && drill && data.data.metric === drill.metric && (data.data.key ?? undefined) === (drill.key || undefined) && data.data.agencyId === agencyId ? data.data : null;
  return (
    <Drawer open={drill !== null} onClose={onClose} size={960} title={d ? `${d.title}（${String(d.count)}）` : '加载中…'} destroyOnHidden data-testid="dashboard-drill" loading={!d && !data.error}>
      {data.error ? <Alert type="error" showIcon title={errorMessage(data.error)} /> : null}
      {d && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="drill-content" data-count={d.count}>
          <Space>
            <Typography.Text type="secondary">
              {d.agencyName} · 共 {d.count} 条
            </Typography.Text>
            {moreLink(d, mayHandle)}
          </Space>
          {d.kind === 'documents' && <DocumentsTable rows={d.rows} />}
          {d.kind === 'ledger' && <LedgerTable rows={d.rows} />}
          {d.kind === 'requests' && <RequestsTable rows={d.rows} mayHandle={mayHandle} />}
          {d.kind === 'feedback' && <FeedbackTable rows={d.rows} />}
        </Space>
      )}
    </Drawer>
  );
}
