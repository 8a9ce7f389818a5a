/**
 * 更新台账: for a year, every proactive catalog item with what it owed (one entry per document
 * formed, or per period), due dates, on-time / late / overdue / due tags, and the on-time rate
 * per area and for the agency; XLSX export of the same ledger.
 */
import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Col, Progress, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { apiUrl, get } from '../lib/api.ts';
import { dayjs } from '../lib/dates.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link, navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { entryStatusLabels, formatRate, type EntryStatus, type Ledger, type LedgerEntry, type LedgerRow } from '../lib/staff.ts';

/** Entry kinds as in the ledger XLSX. */
const entryKindLabels: Record<LedgerEntry['kind'], string> = { publication: '公开', correction: '更正（变更）', interpretation: '政策解读' };

function EntryTag({ status }: { status: EntryStatus | 'none' }) {
  const l = entryStatusLabels[status];
  return (
    <Tag color={l.color} data-testid="ledger-status" data-status={status}>
      {l.text}
    </Tag>
  );
}

export default function CatalogLedgerPage() {
  const { agency } = useSession();
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const [status, setStatus] = useState<EntryStatus | 'none' | undefined>(undefined);
  const loaded = useLoad(
    (signal) => (agency ? get<{ ledger: Ledger }>('/api/catalog/ledger', { agencyId: agency.id, year }, signal) : Promise.resolve(null)),
    [agency?.id, year],
  );
  const ledger = loaded.data?.ledger;
  const rows = (ledger?.rows ?? []).filter((r) => !status || r.status === status);
  const total = ledger?.total;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/catalog')} aria-label="返回公开目录" />
            <Typography.Title level={4} style={{ margin: 0 }}>
              更新台账
            </Typography.Title>
          </Space>
        }
        extra={
          <Space wrap>
            <Select
              value={year}
              onChange={setYear}
              style={{ width: 110 }}
              data-testid="ledger-year"
              aria-label="年度"
              options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: `${String(y)}年` }))}
            />
            <Button icon={<ReloadOutlined />} onClick={loaded.reload} aria-label="刷新" />
            <Button icon={<DownloadOutlined />} href={agency ? apiUrl('/api/catalog/ledger.xlsx', { agencyId: agency.id, year }) : undefined} download data-testid="ledger-export">
              导出 XLSX
            </Button>
          </Space>
        }
      >
        {ledger && ledger.unknownYears.length > 0 && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`${ledger.unknownYears.join('、')}年的节假日安排尚未录入，期限按普通周末计算，可能不准确。`} />
        )}
        <Row gutter={16} data-testid="ledger-total">
          <Col xs={12} md={6}>
            <Statistic title="按时公开率" value={formatRate(total?.onTimeRate ?? null)} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title="按时公开" value={total?.counts.onTime ?? 0} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title="逾期公开" value={total?.counts.late ?? 0} styles={{ content: { color: (total?.counts.late ?? 0) > 0 ? '#d48806' : undefined } }} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title="已逾期未公开" value={total?.counts.overdue ?? 0} styles={{ content: { color: (total?.counts.overdue ?? 0) > 0 ? '#cf1322' : undefined } }} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title="待公开" value={total?.counts.due ?? 0} />
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          按时公开率 = 按时 ÷（按时 + 逾期公开 + 已逾期未公开）；待公开（未到期限）不计入。统计截至 {ledger?.today ?? '—'}，仅含主动公开事项及关联到目录事项的信息。
        </Typography.Paragraph>
      </Card>

      <Card title="各领域按时公开率" size="small">
        <Table
          data-testid="ledger-areas"
          rowKey="areaId"
          size="small"
          loading={loaded.loading}
          pagination={false}
          dataSource={ledger?.areas ?? []}
          onRow={(a) => ({ 'data-testid': 'ledger-area-row', 'data-area': a.areaName }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: '公开领域', dataIndex: 'areaName' },
            {
              title: '按时公开率',
              key: 'rate',
              width: 260,
              render: (_: unknown, a) =>
                a.onTimeRate === null ? (
                  <Typography.Text type="secondary" data-testid="area-rate">
                    —
                  </Typography.Text>
                ) : (
                  <Space data-testid="area-rate">
                    <Progress percent={Math.round(a.onTimeRate * 1000) / 10} size="small" style={{ width: 140 }} status={a.onTimeRate < 1 ? 'exception' : 'success'} showInfo={false} />
                    {formatRate(a.onTimeRate)}
                  </Space>
                ),
            },
            { title: '按时', width: 70, render: (_: unknown, a) => a.counts.onTime },
            { title: '逾期公开', width: 90, render: (_: unknown, a) => a.counts.late },
            { title: '已逾期', width: 80, render: (_: unknown, a) => (a.counts.overdue ? <Typography.Text type="danger">{a.counts.overdue}</Typography.Text> : 0) },
            { title: '待公开', width: 80, render: (_: unknown, a) => a.counts.due },
          ]}
        />
      </Card>

      <Card
        title="事项台账"
        size="small"
        extra={
          <Select
            allowClear
            placeholder="全部状态"
            style={{ width: 160 }}
            value={status}
            onChange={setStatus}
            data-testid="ledger-status-filter"
            aria-label="状态"
            options={Object.entries(entryStatusLabels).map(([value, l]) => ({ value, label: l.text }))}
          />
        }
      >
        <Table<LedgerRow>
          data-testid="ledger-table"
          rowKey="itemId"
          size="small"
          loading={loaded.loading}
          dataSource={rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          onRow={(r) => ({ 'data-testid': 'ledger-row', 'data-item-id': r.itemId, 'data-status': r.status }) as HTMLAttributes<HTMLElement>}
          expandable={{
            rowExpandable: (r) => r.entries.length > 0,
            expandedRowRender: (r) => <Entries entries={r.entries} />,
          }}
          scroll={{ x: 900 }}
          columns={[
            { title: '公开领域', dataIndex: 'areaName', width: 150 },
            { title: '事项', key: 'item', render: (_: unknown, r) => `${r.level1} / ${r.level2}` },
            { title: '公开时限', dataIndex: 'timeLimit', width: 230 },
            { title: '状态', dataIndex: 'status', width: 130, render: (s: EntryStatus | 'none') => <EntryTag status={s} /> },
            {
              title: '按时 / 逾期公开 / 已逾期 / 待公开',
              key: 'counts',
              width: 220,
              render: (_: unknown, r) => `${String(r.counts.onTime)} / ${String(r.counts.late)} / ${String(r.counts.overdue)} / ${String(r.counts.due)}`,
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function Entries({ entries }: { entries: LedgerEntry[] }) {
  return (
    <Table<LedgerEntry>
      rowKey={(e) => `${e.kind}-${e.period ?? ''}-${e.documentId ?? ''}-${e.from}`}
      size="small"
      pagination={false}
      dataSource={entries}
      data-testid="ledger-entries"
      columns={[
        { title: '周期', dataIndex: 'period', width: 100, render: (v: string | null) => v ?? '—' },
        { title: '类别', dataIndex: 'kind', width: 100, render: (k: LedgerEntry['kind']) => entryKindLabels[k] },
        {
          title: '信息',
          dataIndex: 'title',
          render: (v: string | null, e) => (e.documentId ? <Link to={`/documents/${e.documentId}`}>{v}</Link> : (v ?? <Typography.Text type="secondary">尚无信息</Typography.Text>)),
        },
        { title: '形成 / 起算', dataIndex: 'from', width: 110 },
        { title: '公开期限', dataIndex: 'dueDate', width: 110 },
        { title: '公开日期', dataIndex: 'publishedOn', width: 110, render: (v: string | null) => v ?? '—' },
        {
          title: '状态',
          dataIndex: 'status',
          width: 170,
          render: (s: EntryStatus, e) => (
            <Space size={4}>
              <EntryTag status={s} />
              {e.kind === 'interpretation' && s === 'overdue' && <Tag color="red">解读缺失</Tag>}
              {s === 'due' && e.workingDaysLeft !== null && <Typography.Text type="secondary">剩{e.workingDaysLeft}个工作日</Typography.Text>}
            </Space>
          ),
        },
      ]}
    />
  );
}
