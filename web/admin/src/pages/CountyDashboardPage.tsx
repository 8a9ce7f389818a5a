/**
 * 县级数据看板: one row of key figures per agency the actor may see (supervisors and sysadmins:
 * every agency; an agency administrator: the agency and its children), with a chart comparing
 * publications and the on-time rates. A row's name opens that agency's own dashboard; each of
 * its counts opens that dashboard on the drill-down listing the records behind the count.
 * 导出 Excel downloads /api/dashboard/county.xlsx.
 */
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Button, Card, Select, Space, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { apiUrl, get } from '../lib/api.ts';
import { dashboardYears, drillPath, percent, type CountyDashboard, type CountyDashboardRow, type DrillRef } from '../lib/dashboard.ts';
import { useLoad } from '../lib/hooks.ts';
import { navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { EChart, type ChartOption } from '../components/EChart.tsx';

export default function CountyDashboardPage() {
  const { setAgencyId } = useSession();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const view = useLoad((signal) => get<CountyDashboard>('/api/dashboard/county', { year }, signal), [year]);
  const data = view.data?.year === year ? view.data : undefined;
  const rows = data?.agencies ?? [];
  const total = (k: 'published' | 'requests' | 'requestsOverdue' | 'feedback' | 'feedbackOverdue') => rows.reduce((s, r) => s + r[k], 0);

  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 56, top: 36, bottom: 72 },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, width: 120, overflow: 'truncate' } },
      yAxis: [
        { type: 'value', name: '条数', minInterval: 1 },
        { type: 'value', name: '比率', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { type: 'bar', name: '发布信息', data: rows.map((r) => r.published), barMaxWidth: 28 },
        { type: 'bar', name: '收到留言', data: rows.map((r) => r.feedback), barMaxWidth: 28 },
        { type: 'line', name: '按时公开率', yAxisIndex: 1, data: rows.map((r) => (r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10)), connectNulls: false },
      ],
    }),
    [rows],
  );

  const open = (r: CountyDashboardRow, drill?: DrillRef) => {
    setAgencyId(r.agencyId);
    navigate(drill ? drillPath(year, drill) : `/dashboard?year=${String(year)}`);
  };
  /** A count that opens the agency's dashboard on its drill-down. */
  const count = (field: keyof CountyDashboardRow, drill: DrillRef, red = false) => (n: number, r: CountyDashboardRow) =>
    n > 0 ? (
      <Button type="link" size="small" danger={red} style={{ padding: 0 }} onClick={() => open(r, drill)} data-testid={`county-drill-${field}`}>
        {n}
      </Button>
    ) : (
      n
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="county-dashboard-page">
      <Card
        title={<Typography.Title level={4} style={{ margin: 0 }}>县级数据看板</Typography.Title>}
        extra={
          <Space wrap>
            <Select aria-label="年度" data-testid="county-dashboard-year" style={{ width: 120 }} value={year} onChange={setYear} options={dashboardYears().map((y) => ({ value: y, label: `${String(y)}年` }))} />
            <Button icon={<DownloadOutlined />} href={apiUrl('/api/dashboard/county.xlsx', { year })} download data-testid="county-dashboard-export">
              导出 Excel
            </Button>
            <Button icon={<ReloadOutlined />} onClick={view.reload} aria-label="刷新" />
          </Space>
        }
      >
        <Space size="large" wrap style={{ marginBottom: 16 }}>
          <Statistic title="单位数" value={rows.length} />
          <Statistic title="发布信息" value={total('published')} suffix="条" />
          <Statistic title="依申请公开收件" value={total('requests')} suffix="件" />
          <Statistic title="逾期未答复申请" value={total('requestsOverdue')} suffix="件" styles={total('requestsOverdue') ? { content: { color: '#cf1322' } } : {}} />
          <Statistic title="收到留言" value={total('feedback')} suffix="条" />
          <Statistic title="逾期未答复留言" value={total('feedbackOverdue')} suffix="条" styles={total('feedbackOverdue') ? { content: { color: '#cf1322' } } : {}} />
        </Space>
        {rows.length > 0 && <EChart
            option={option}
            height={320}
            label="各单位发布信息、留言与按时公开率对比图"
            testId="chart-county"
            onClick={(p) => {
              const r = rows[p.dataIndex];
              if (r) open(r, { metric: (['published', 'feedback', 'ontime'] as const)[p.seriesIndex] ?? 'published' });
            }}
          />}
      </Card>
      <Card size="small" title="各单位关键指标">
        <Table<CountyDashboardRow>
          rowKey="agencyId"
          size="middle"
          data-testid="county-dashboard-table"
          loading={view.loading}
          dataSource={rows}
          scroll={{ x: 960 }}
          bordered
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          onRow={(r) => ({ 'data-testid': 'county-dashboard-row', 'data-agency-id': r.agencyId, 'data-feedback': r.feedback, 'data-answered': r.feedbackAnswered }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: '单位',
              dataIndex: 'name',
              fixed: 'left',
              width: 200,
              render: (v: string, r) => (
                <Button type="link" style={{ padding: 0 }} onClick={() => open(r)}>
                  {v}
                </Button>
              ),
            },
            {
              title: '主动公开',
              children: [
                { title: '发布', dataIndex: 'published', align: 'right', sorter: (a, b) => a.published - b.published, render: count('published', { metric: 'published' }) },
                { title: '按时率', dataIndex: 'onTimeRate', align: 'right', render: (v: number | null, r) => (v === null ? percent(v) : <Button type="link" size="small" style={{ padding: 0 }} onClick={() => open(r, { metric: 'ontime' })}>{percent(v)}</Button>), sorter: (a, b) => (a.onTimeRate ?? -1) - (b.onTimeRate ?? -1) },
                { title: '逾期未公开', dataIndex: 'publicationsOverdue', align: 'right', render: count('publicationsOverdue', { metric: 'ontime', key: 'overdue' }, true) },
              ],
            },
            {
              title: '依申请公开',
              children: [
                { title: '收件', dataIndex: 'requests', align: 'right', render: count('requests', { metric: 'requests' }) },
                { title: '办理中', dataIndex: 'requestsOpen', align: 'right', render: count('requestsOpen', { metric: 'requests-open' }) },
                { title: '逾期', dataIndex: 'requestsOverdue', align: 'right', render: count('requestsOverdue', { metric: 'requests-overdue' }, true) },
              ],
            },
            {
              title: '留言',
              children: [
                { title: '收到', dataIndex: 'feedback', align: 'right', render: count('feedback', { metric: 'feedback' }) },
                { title: '已答复', dataIndex: 'feedbackAnswered', align: 'right', render: count('feedbackAnswered', { metric: 'feedback-answered' }) },
                { title: '按期率', dataIndex: 'feedbackOnTimeRate', align: 'right', render: percent },
                { title: '逾期', dataIndex: 'feedbackOverdue', align: 'right', render: count('feedbackOverdue', { metric: 'feedback-overdue' }, true) },
                { title: '满意度', dataIndex: 'averageRating', align: 'right', render: (v: number | null, r) => (v === null ? '—' : <Button type="link" size="small" style={{ padding: 0 }} onClick={() => open(r, { metric: 'feedback-rated' })}>{v}</Button>) },
              ],
            },
          ]}
        />
      </Card>
    </Space>
  );
}
