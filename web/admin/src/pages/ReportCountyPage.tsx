/**
 * 县级汇总 (supervisors and sysadmins: every agency; an agency administrator: the agency and its child agencies): for one year, every agency's annual report — published,
 * being written, late or not started — with its consistency and failed rules, the statutory
 * deadline (条例第五十条: 每年1月31日前), and the XLSX summary. A row opens that agency's report.
 */
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Button, Card, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { apiUrl, get } from '../lib/api.ts';
import { formatDate, formatTime } from '../lib/dates.ts';
import { useLoad } from '../lib/hooks.ts';
import { navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { countyStateLabels, defaultReportYear, reportYears, type CountyAgency, type CountyState, type CountyView } from '../lib/reports.ts';

export default function ReportCountyPage({ year: yearParam }: { year?: string }) {
  const { setAgencyId } = useSession();
  const parsed = Number(yearParam);
  const year = Number.isInteger(parsed) && parsed >= 2008 && parsed <= 2100 ? parsed : defaultReportYear();
  const county = useLoad((signal) => get<CountyView>(`/api/reports/county/${String(year)}`, undefined, signal), [year]);
  const [state, setState] = useState<CountyState | undefined>(undefined);
  const data = county.data?.year === year ? county.data : undefined;
  const rows = useMemo(() => (data?.agencies ?? []).filter((a) => !state || a.state === state), [data, state]);
  const count = (s: CountyState) => data?.agencies.filter((a) => a.state === s).length ?? 0;

  const open = (a: CountyAgency) => {
    setAgencyId(a.agencyId);
    navigate(`/reports/${String(year)}`);
  };

  return (
    <Card
      data-testid="county-page"
      title={<Typography.Title level={4} style={{ margin: 0 }}>年度报告县级汇总</Typography.Title>}
      extra={
        <Space wrap>
          <Select
            aria-label="报告年度"
            data-testid="county-year"
            style={{ width: 120 }}
            value={year}
            onChange={(y: number) => navigate(`/reports/county/${String(y)}`)}
            options={reportYears().map((y) => ({ value: y, label: `${String(y)}年度` }))}
          />
          <Button icon={<ReloadOutlined />} onClick={county.reload} aria-label="刷新" />
          <Button icon={<DownloadOutlined />} href={apiUrl(`/api/reports/county/${String(year)}/summary.xlsx`)} download data-testid="county-xlsx">
            导出 XLSX
          </Button>
        </Space>
      }
    >
      <Space size="large" wrap style={{ marginBottom: 16 }}>
        <Statistic title="单位数" value={data?.agencies.length ?? 0} />
        <Statistic title="已发布" value={count('published')} />
        <Statistic title="草稿" value={count('draft')} />
        <Statistic title="逾期" value={count('late')} styles={{ content: count('late') ? { color: '#cf1322' } : {} }} />
        <Statistic title="未开始" value={count('missing')} />
        <Statistic title="发布截止日期" value={data ? formatDate(data.deadline) : '—'} />
      </Space>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          placeholder="全部状态"
          aria-label="状态"
          style={{ width: 160 }}
          value={state}
          onChange={setState}
          data-testid="county-state-filter"
          options={Object.entries(countyStateLabels).map(([value, l]) => ({ value, label: l.text }))}
        />
      </Space>
      <Table<CountyAgency>
        rowKey="agencyId"
        size="middle"
        data-testid="county-table"
        loading={county.loading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(a) => ({ 'data-testid': 'county-row', 'data-agency-id': a.agencyId, 'data-state': a.state }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: '单位',
            dataIndex: 'name',
            render: (v: string, a) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => open(a)} data-testid="county-open">
                {v}
              </Button>
            ),
          },
          {
            title: '状态',
            dataIndex: 'state',
            width: 160,
            render: (s: CountyState, a) => {
              const l = countyStateLabels[s] ?? { text: s, color: 'default' };
              const text = s === 'late' ? (a.publishedAt ? '逾期发布' : '逾期未发布') : l.text;
              return <Tag color={l.color}>{text}</Tag>;
            },
          },
          { title: '发布时间', dataIndex: 'publishedAt', width: 170, render: (v?: string | null) => (v ? formatTime(v) : '—') },
          { title: '最近更正', dataIndex: 'correctedAt', width: 170, render: (v?: string | null) => (v ? formatTime(v) : '—') },
          {
            title: '勾稽检查',
            dataIndex: 'consistent',
            width: 120,
            render: (ok: boolean, a) => (a.state === 'missing' ? '—' : ok ? <Tag color="success">一致</Tag> : <Tag color="error">不一致</Tag>),
          },
          {
            title: '未通过的规则',
            key: 'rules',
            render: (_: unknown, a) => {
              const v = [...a.failedRules, ...(a.warnings ?? [])];
              return v.length ? (
                <Space size={[0, 4]} wrap>
                  {v.map((r) => (
                    <Tag key={r} color={r.startsWith('G') ? 'error' : 'warning'}>
                      {r}
                    </Tag>
                  ))}
                </Space>
              ) : (
                '—'
              );
            },
          },
        ]}
      />
    </Card>
  );
}
