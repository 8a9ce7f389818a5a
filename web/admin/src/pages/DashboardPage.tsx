/**
 * 数据看板 of the agency chosen in the header, for one year: key figures, publications per month
 * and per catalog area, the catalog ledger's on-time rate, requests by state and outcome,
 * feedback by kind and state, and the two overdue lists (requests: tracking number and due date
 * only, never the applicant; feedback: a short excerpt, never the contact). Charts are ECharts
 * (components/EChart.tsx), loaded with this page only.
 *
 * Drill-down: every bar, slice and count opens the records behind it in a drawer
 * (components/DashboardDrill.tsx); the figure opened is kept in the URL (`?year&metric&key`), so
 * the county view links straight to an agency's drill-down. 导出 Excel downloads /api/dashboard.xlsx.
 */
import { useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Button, Card, Col, Empty, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { apiUrl, get } from '../lib/api.ts';
import { formatDate } from '../lib/dates.ts';
import { dashboardYears, percent, type Dashboard, type DrillMetric, type DrillRef } from '../lib/dashboard.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { EChart, type ChartOption } from '../components/EChart.tsx';
import { DashboardDrill } from '../components/DashboardDrill.tsx';

const danger = { content: { color: '#cf1322' } };

function barOption(names: string[], values: number[], opts: { horizontal?: boolean; name: string }): ChartOption {
  const category = { type: 'category' as const, data: names, axisTick: { alignWithLabel: true }, axisLabel: { interval: 0, width: 110, overflow: 'truncate' as const } };
  const value = { type: 'value' as const, minInterval: 1 };
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: opts.horizontal ? 120 : 40, right: 24, top: 16, bottom: 28 },
    xAxis: opts.horizontal ? value : category,
    yAxis: opts.horizontal ? { ...category, inverse: true } : value,
    series: [{ type: 'bar', name: opts.name, data: values, barMaxWidth: 28, label: { show: true, position: opts.horizontal ? 'right' : 'top' } }],
  };
}

function pieOption(data: Array<{ name: string; value: number; itemStyle?: { color: string } }>, name: string): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0, type: 'scroll' },
    series: [{ type: 'pie', name, radius: ['40%', '68%'], center: ['50%', '44%'], data: data.filter((d) => d.value > 0), label: { formatter: '{b}\n{c}' } }],
  };
}

function ChartCard({ title, empty, children }: { title: string; empty: boolean; children: React.ReactNode }) {
  return (
    <Card size="small" title={title} style={{ height: '100%' }}>
      {empty ? <Empty description="本年暂无数据" image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ padding: '72px 0' }} /> : children}
    </Card>
  );
}

/** A figure that opens its drill-down on click or Enter. */
function Drillable({ onOpen, testId, children }: { onOpen(): void; testId: string; children: ReactNode }) {
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen();
    }
  };
  return (
    <div role="button" tabIndex={0} className="gk-drillable" style={{ cursor: 'pointer' }} onClick={onOpen} onKeyDown={onKey} data-testid={testId} title="点击查看明细">
      {children}
    </div>
  );
}

/** A count in a table cell that opens its drill-down. */
function CountLink({ n, onOpen, danger: red }: { n: number; onOpen(): void; danger?: boolean }) {
  if (n === 0) return <>0</>;
  return (
    <Button type="link" size="small" danger={red} style={{ padding: 0 }} onClick={onOpen}>
      {n}
    </Button>
  );
}

const ledgerSlices = [
  // Fixed colours: green on time, orange late, red overdue, blue not yet due.
  { key: 'on_time', field: 'onTime', name: '按时公开', color: '#52c41a' },
  { key: 'late', field: 'late', name: '逾期公开', color: '#faad14' },
  { key: 'overdue', field: 'overdue', name: '已逾期未公开', color: '#ff4d4f' },
  { key: 'due', field: 'due', name: '待公开', color: '#1677ff' },
] as const;

export default function DashboardPage() {
  const { agency, can } = useSession();
  const { query } = useLocation();
  const [year, setYear] = useState(() => Number(query.get('year')) || new Date().getFullYear());
  const urlMetric = query.get('metric') as DrillMetric | null;
  const [drill, setDrill] = useState<DrillRef | null>(() => (urlMetric ? { metric: urlMetric, key: query.get('key') ?? undefined } : null));
  const open = (metric: DrillMetric, key?: string) => setDrill({ metric, key });
  const closeDrill = () => {
    setDrill(null);
    if (urlMetric) navigate('/dashboard', { replace: true });
  };
  const dash = useLoad((signal) => get<Dashboard>('/api/dashboard', { agencyId: agency!.id, year }, signal), [agency?.id, year]);
  const d = dash.data?.agencyId === agency?.id && dash.data?.year === year ? dash.data : undefined;
  const mayHandle = can.canAdmin || can.roles.includes('handler');

  const charts = useMemo(() => {
    if (!d) return null;
    return {
      months: barOption(d.published.months.map((m) => `${String(m.month)}月`), d.published.months.map((m) => m.count), { name: '发布条数' }),
      areas: barOption(d.published.areas.map((a) => a.areaName), d.published.areas.map((a) => a.count), { horizontal: true, name: '发布条数' }),
      onTime: pieOption(
        ledgerSlices.map((x) => ({ name: x.name, value: d.onTime[x.field], itemStyle: { color: x.color } })),
        '更新时限',
      ),
      states: pieOption(d.requests.byState.map((s) => ({ name: s.name, value: s.count })), '办理状态'),
      outcomes: barOption(d.requests.byOutcome.map((o) => o.name), d.requests.byOutcome.map((o) => o.count), { horizontal: true, name: '件数' }),
      feedback: pieOption(d.feedback.byKind.map((k) => ({ name: k.name, value: k.count })), '留言类型'),
    };
  }, [d]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard-page">
      <Card
        title={<Typography.Title level={4} style={{ margin: 0 }}>数据看板 · {agency?.name}</Typography.Title>}
        extra={
          <Space wrap>
            <Select aria-label="年度" data-testid="dashboard-year" style={{ width: 120 }} value={year} onChange={setYear} options={dashboardYears().map((y) => ({ value: y, label: `${String(y)}年` }))} />
            <Button icon={<DownloadOutlined />} href={agency ? apiUrl('/api/dashboard.xlsx', { agencyId: agency.id, year }) : undefined} download data-testid="dashboard-export">
              导出 Excel
            </Button>
            <Button icon={<ReloadOutlined />} onClick={dash.reload} aria-label="刷新" />
          </Space>
        }
        loading={!d && dash.loading}
      >
        {d && (
          <Row gutter={[24, 16]}>
            <Col xs={12} md={6} xl={3}><Drillable testId="stat-published" onOpen={() => open('published')}><Statistic title="本年发布信息" value={d.published.total} suffix="条" /></Drillable></Col>
            <Col xs={12} md={6} xl={3}><Drillable testId="stat-ontime" onOpen={() => open('ontime')}><Statistic title="按时公开率" value={percent(d.onTime.rate)} /></Drillable></Col>
            <Col xs={12} md={6} xl={3}><Drillable testId="stat-ledger-overdue" onOpen={() => open('ontime', 'overdue')}><Statistic title="已逾期未公开" value={d.onTime.overdue} suffix="项" styles={d.onTime.overdue ? danger : {}} /></Drillable></Col>
            <Col xs={12} md={6} xl={3}><Drillable testId="stat-requests" onOpen={() => open('requests')}><Statistic title="依申请公开收件" value={d.requests.total} suffix="件" /></Drillable></Col>
            <Col xs={12} md={6} xl={3}><Drillable testId="stat-requests-overdue" onOpen={() => open('requests-overdue')}><Statistic title="逾期未答复申请" value={d.requests.overdueCount} suffix="件" styles={d.requests.overdueCount ? danger : {}} /></Drillable></Col>
            <Col xs={12} md={6} xl={3}><Drillable testId="stat-feedback" onOpen={() => open('feedback')}><Statistic title="收到留言" value={d.feedback.total} suffix="条" data-testid="dashboard-feedback-total" /></Drillable></Col>
            <Col xs={12} md={6} xl={3}><Drillable testId="stat-feedback-answered" onOpen={() => open('feedback-answered')}><Statistic title="留言按期答复率" value={percent(d.feedback.onTimeRate)} /></Drillable></Col>
            <Col xs={12} md={6} xl={3}><Drillable testId="stat-feedback-rated" onOpen={() => open('feedback-rated')}><Statistic title="满意度（5分制）" value={d.feedback.averageRating ?? '—'} suffix={d.feedback.ratings ? `${String(d.feedback.ratings)}人评价` : ''} /></Drillable></Col>
          </Row>
        )}
      </Card>
      {d && charts && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <ChartCard title="每月发布信息数" empty={d.published.total === 0}>
                <EChart option={charts.months} label="每月发布信息数柱状图" testId="chart-months" onClick={(p) => open('published', String(p.dataIndex + 1))} />
              </ChartCard>
            </Col>
            <Col xs={24} xl={10}>
              <ChartCard title={`目录更新时限（按时公开率 ${percent(d.onTime.rate)}）`} empty={d.onTime.onTime + d.onTime.late + d.onTime.overdue + d.onTime.due === 0}>
                <EChart option={charts.onTime} label="目录更新时限饼图" testId="chart-ontime" onClick={(p) => open('ontime', ledgerSlices.find((x) => x.name === p.name)?.key)} />
              </ChartCard>
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title="按目录领域发布信息数" empty={d.published.areas.length === 0}>
                <EChart option={charts.areas} label="按目录领域发布信息数条形图" height={Math.max(200, d.published.areas.length * 34 + 40)} testId="chart-areas" onClick={(p) => open('published-area', d.published.areas[p.dataIndex]?.areaId ?? 'none')} />
              </ChartCard>
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title="留言类型" empty={d.feedback.total === 0}>
                <EChart option={charts.feedback} label="留言类型饼图" testId="chart-feedback" onClick={(p) => open('feedback-kind', d.feedback.byKind.find((k) => k.name === p.name)?.kind)} />
                <Space wrap style={{ marginTop: 8 }} data-testid="dashboard-feedback-status">
                  {d.feedback.byStatus.map((s) => (
                    <Tag key={s.status} color={s.status === 'answered' ? 'success' : s.status === 'new' ? 'processing' : 'default'} data-status={s.status} data-count={s.count} style={{ cursor: 'pointer' }} onClick={() => open('feedback-status', s.status)}>
                      {s.name} {s.count}
                    </Tag>
                  ))}
                </Space>
              </ChartCard>
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title="依申请公开办理状态" empty={d.requests.total === 0}>
                <EChart option={charts.states} label="依申请公开办理状态饼图" testId="chart-states" onClick={(p) => open('requests-state', d.requests.byState.find((x) => x.name === p.name)?.state)} />
              </ChartCard>
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title="依申请公开办理结果" empty={d.requests.byOutcome.length === 0}>
                <EChart option={charts.outcomes} label="依申请公开办理结果条形图" height={Math.max(200, d.requests.byOutcome.length * 34 + 40)} testId="chart-outcomes" onClick={(p) => open('requests-outcome', d.requests.byOutcome[p.dataIndex]?.outcome)} />
              </ChartCard>
            </Col>
          </Row>
          <Card size="small" title="目录更新时限（按公开领域）" extra={<Link to="/catalog/ledger">更新提醒台账</Link>}>
            <Table
              rowKey="areaId"
              size="small"
              data-testid="dashboard-ontime-areas"
              dataSource={d.onTime.areas.filter((a) => a.onTime + a.late + a.overdue + a.due > 0)}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: '本年没有应公开的目录事项' }}
              columns={[
                {
                  title: '公开领域',
                  dataIndex: 'areaName',
                  render: (v: string, a) => (
                    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => open('ontime', a.areaId)}>
                      {v}
                    </Button>
                  ),
                },
                ...ledgerSlices.map((x) => ({
                  title: x.name,
                  key: x.key,
                  align: 'right' as const,
                  width: 110,
                  render: (_: unknown, a: Dashboard['onTime']['areas'][number]) => <CountLink n={a[x.field]} danger={x.key === 'overdue'} onOpen={() => open('ontime', `${a.areaId}:${x.key}`)} />,
                })),
                { title: '按时公开率', dataIndex: 'rate', align: 'right' as const, width: 110, render: percent },
              ]}
            />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card
                size="small"
                title={`逾期未答复的依申请公开（${String(d.requests.overdueCount)}）`}
                extra={d.requests.overdueCount > d.requests.overdue.length ? <Button type="link" size="small" onClick={() => open('requests-overdue')}>查看全部</Button> : null}
              >
                <Table
                  rowKey="id"
                  size="small"
                  data-testid="dashboard-overdue-requests"
                  dataSource={d.requests.overdue}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  locale={{ emptyText: '没有逾期的申请' }}
                  columns={[
                    { title: '受理编号', dataIndex: 'trackingNo', render: (v: string, r) => (mayHandle ? <Link to={`/requests/${r.id}`}>{v}</Link> : v) },
                    { title: '状态', dataIndex: 'stateName' },
                    { title: '收到日期', dataIndex: 'receivedOn', render: formatDate },
                    { title: '答复期限', dataIndex: 'dueOn', render: (v: string) => <Typography.Text type="danger">{formatDate(v)}</Typography.Text> },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card
                size="small"
                title={`逾期未答复的留言（${String(d.feedback.overdueCount)}）`}
                extra={d.feedback.overdueCount > d.feedback.overdue.length ? <Button type="link" size="small" onClick={() => open('feedback-overdue')}>查看全部</Button> : null}
              >
                <Table
                  rowKey="id"
                  size="small"
                  data-testid="dashboard-overdue-feedback"
                  dataSource={d.feedback.overdue}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  locale={{ emptyText: '没有逾期的留言' }}
                  columns={[
                    { title: '类型', dataIndex: 'kindName', width: 96 },
                    { title: '内容', dataIndex: 'excerpt', ellipsis: true, render: (v: string, r) => <Link to={`/feedback?id=${r.id}`}>{v}</Link> },
                    { title: '答复期限', dataIndex: 'dueOn', width: 120, render: (v: string) => <Typography.Text type="danger">{formatDate(v)}</Typography.Text> },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
      {agency && <DashboardDrill agencyId={agency.id} year={year} drill={drill} mayHandle={mayHandle} onClose={closeDrill} />}
    </Space>
  );
}
