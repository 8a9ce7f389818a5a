/**
 * 依申请公开 ledger: the agency's requests with state, statutory due date (overdue and
 * due-within-3-working-days badges) and handler; filters by state, 即将到期/已逾期 and my own
 * (承办人 or B岗), and exports the filtered 台账 as XLSX. The list never
 * shows the applicant's personal data, only the kind (annual-report column).
 */
import { useState, type HTMLAttributes } from 'react';
import { Button, Card, Segmented, Select, Space, Switch, Table, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { apiUrl, get } from '../lib/api.ts';
import { useLoad } from '../lib/hooks.ts';
import { requestStateLabels, type RequestPage, type RequestState, type RequestView } from '../lib/requests.ts';
import { Link, navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { DueCell, RequestStateTag } from '../components/RequestStateTag.tsx';

export default function RequestsPage() {
  const { agency, can, actor } = useSession();
  const [state, setState] = useState<RequestState | undefined>(undefined);
  /** Quick filter: 全部, 即将到期 (within 3 working days), 已逾期. */
  const [due, setDue] = useState<'all' | 'soon' | 'overdue'>('all');
  const overdue = due === 'overdue';
  const [mine, setMine] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  // The same filters drive the list and the 台账 export.
  const filters = { agencyId: agency?.id, state, overdue: overdue ? 'true' : undefined, dueSoon: due === 'soon' ? 'true' : undefined, handlerId: mine ? actor.userId : undefined };
  const list = useLoad(
    (signal) => get<RequestPage>('/api/requests', { ...filters, page, pageSize }, signal),
    [agency?.id, state, due, mine, page, pageSize],
  );
  const canRegister = can.canAdmin || can.roles.includes('handler');

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>依申请公开</Typography.Title>}
      extra={
        canRegister && (
          <Space>
            <Button icon={<DownloadOutlined />} href={apiUrl('/api/requests/ledger.xlsx', filters)} download data-testid="ledger-export">
              导出台账
            </Button>
            <Button onClick={() => navigate('/requests/letter-templates')} data-testid="letter-templates-link">
              告知书模板
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/requests/new')} data-testid="new-request">
              登记申请
            </Button>
          </Space>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 180 }}
          data-testid="request-state-filter"
          aria-label="状态"
          value={state}
          onChange={(v?: RequestState) => {
            setState(v);
            setPage(1);
          }}
          options={Object.entries(requestStateLabels).map(([value, l]) => ({ value, label: l.text }))}
        />
        <Segmented
          data-testid="request-due-filter"
          aria-label="期限"
          value={due}
          onChange={(v) => {
            setDue(v as typeof due);
            setPage(1);
          }}
          options={[
            { value: 'all', label: '全部' },
            { value: 'soon', label: <span data-testid="request-due-soon-filter">即将到期</span> },
            { value: 'overdue', label: <span data-testid="request-overdue-filter">已逾期</span> },
          ]}
        />
        <Space>
          <Switch
            data-testid="request-mine-filter"
            checked={mine}
            onChange={(v) => {
              setMine(v);
              setPage(1);
            }}
            aria-label="只看我承办的"
          />
          <span>只看我承办的</span>
        </Space>
        <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label="刷新" />
      </Space>
      <Table<RequestView>
        data-testid="requests-table"
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ 'data-testid': `request-row-${r.id}`, 'data-tracking-no': r.trackingNo }) as HTMLAttributes<HTMLElement>}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showTotal: (t) => `共 ${String(t)} 件`,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        scroll={{ x: 900 }}
        columns={[
          {
            title: '受理编号',
            dataIndex: 'trackingNo',
            render: (v: string, r) => (
              <Link to={`/requests/${r.id}`} data-testid="request-link">
                {v}
              </Link>
            ),
          },
          { title: '收到日期', dataIndex: 'receivedOn', width: 120 },
          { title: '申请人类型', dataIndex: 'reportColumn', width: 120 },
          { title: '渠道', dataIndex: 'channelName', width: 130 },
          { title: '状态', dataIndex: 'state', width: 150, render: (_: unknown, r) => <RequestStateTag state={r.state} name={r.stateName} /> },
          { title: '答复期限', dataIndex: 'dueOn', width: 210, render: (_: unknown, r) => <DueCell r={r} /> },
          { title: '承办人', dataIndex: 'handler', width: 140, render: (_: unknown, r) => r.handler?.displayName ?? <Typography.Text type="secondary">未指定</Typography.Text> },
        ]}
      />
    </Card>
  );
}
