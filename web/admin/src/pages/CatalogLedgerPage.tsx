/**
 * 更新台账: for a year, every proactive catalog item with what it owed (one entry per document
 * formed, or per period, plus 更正, 政策解读 and 公示 entries), due dates, status tags (incl.
 * 解读缺失, 公示期不足, 公示中), and the on-time rate per area and for the agency; XLSX export of
 * the same ledger; the agency's 时限设置 (解读 limit, A→B escalation), edited by administrators.
 */
import { useEffect, useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Progress, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiError, apiUrl, get, request } from '../lib/api.ts';
import { showError, showSuccess } from '../lib/feedback.ts';
import { applyFieldErrors } from '../lib/forms.ts';
import { dayjs } from '../lib/dates.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link, navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { entryStatusLabels, formatRate, type EntryStatus, type Ledger, type LedgerEntry, type LedgerRow } from '../lib/staff.ts';

/** An entry as the API sends it: also 公示 entries (kind notice) with the withdrawal date. */
type Entry = Omit<LedgerEntry, 'kind'> & {
  kind: LedgerEntry['kind'] | 'notice';
  withdrawnOn?: string | null;
  /** 公示 entries: the announced 公示期 was shorter than the rule requires (ledger.ts). */
  noticeShort?: boolean;
  announcedFrom?: string | null;
  announcedTo?: string | null;
  noticeRequired?: string | null;
};
/** A row with the item's 是否需要解读 flag (null = by document type). */
type ItemRow = Omit<LedgerRow, 'entries'> & { entries: Entry[]; needsInterpretation?: boolean | null };

/** Entry kinds as in the ledger XLSX. */
const entryKindLabels: Record<Entry['kind'], string> = { publication: '公开', correction: '更正（变更）', interpretation: '政策解读', notice: '公示' };

/** The agency's timeliness settings (GET/PUT /api/catalog/settings). */
interface CatalogSettings {
  interpretationDays: number;
  escalationWorkingDays: number;
  isDefault: boolean;
  updatedAt: string | null;
}

/** The Chinese name of an entry's status, as the ledger XLSX writes it (ledger.ts entryStatusName). */
function entryStatusText(e: Entry): { text: string; color: string } {
  if (e.kind === 'interpretation' && e.status === 'overdue') return { text: '解读缺失（已逾期）', color: 'error' };
  if (e.kind === 'interpretation' && e.status === 'late') return { text: '解读逾期', color: 'warning' };
  if (e.kind === 'notice') {
    if (e.status === 'late') return { text: e.noticeShort && !e.withdrawnOn ? '公示期短于规定' : '公示期不足', color: 'error' };
    if (e.status === 'due') return { text: `公示中（至${e.dueDate}）`, color: 'processing' };
    return { text: '公示期满', color: 'success' };
  }
  return entryStatusLabels[e.status];
}

function EntryTag({ status }: { status: EntryStatus | 'none' }) {
  const l = entryStatusLabels[status];
  return (
    <Tag color={l.color} data-testid="ledger-status" data-status={status}>
      {l.text}
    </Tag>
  );
}

const interpretationFlagLabel = (v: boolean | null | undefined) => (v === true ? '需要解读' : v === false ? '无需解读' : null);

export default function CatalogLedgerPage() {
  const { agency } = useSession();
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const [status, setStatus] = useState<EntryStatus | 'none' | undefined>(undefined);
  const [q, setQ] = useState('');
  const loaded = useLoad(
    (signal) => (agency ? get<{ ledger: Ledger }>('/api/catalog/ledger', { agencyId: agency.id, year }, signal) : Promise.resolve(null)),
    [agency?.id, year],
  );
  const ledger = loaded.data?.ledger;
  const rows = ((ledger?.rows ?? []) as ItemRow[]).filter((r) => (!status || r.status === status) && (!q || `${r.areaName}${r.level1}${r.level2}`.includes(q)));
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

      {agency && <SettingsCard agencyId={agency.id} onSaved={loaded.reload} />}

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
          <Space wrap>
            <Input.Search allowClear placeholder="搜索事项" onSearch={setQ} style={{ width: 200 }} data-testid="ledger-search" />
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
          </Space>
        }
      >
        <Table<ItemRow>
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
            {
              title: '事项',
              key: 'item',
              render: (_: unknown, r) => (
                <Space size={4} wrap>
                  {`${r.level1} / ${r.level2}`}
                  {interpretationFlagLabel(r.needsInterpretation) && (
                    <Tag data-testid="ledger-interpretation-flag" color={r.needsInterpretation ? 'blue' : 'default'}>
                      {interpretationFlagLabel(r.needsInterpretation)}
                    </Tag>
                  )}
                </Space>
              ),
            },
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

function Entries({ entries }: { entries: Entry[] }) {
  return (
    <Table<Entry>
      rowKey={(e) => `${e.kind}-${e.period ?? ''}-${e.documentId ?? ''}-${e.from}`}
      size="small"
      pagination={false}
      dataSource={entries}
      data-testid="ledger-entries"
      columns={[
        { title: '周期', dataIndex: 'period', width: 100, render: (v: string | null) => v ?? '—' },
        {
          title: '类别',
          dataIndex: 'kind',
          width: 110,
          render: (k: Entry['kind']) => (
            <span data-testid="ledger-entry-kind" data-kind={k}>
              {entryKindLabels[k]}
            </span>
          ),
        },
        {
          title: '信息',
          dataIndex: 'title',
          render: (v: string | null, e) => (e.documentId ? <Link to={`/documents/${e.documentId}`}>{v}</Link> : (v ?? <Typography.Text type="secondary">尚无信息</Typography.Text>)),
        },
        { title: '形成 / 起算', dataIndex: 'from', width: 110 },
        { title: '公开期限 / 公示截止', dataIndex: 'dueDate', width: 130 },
        { title: '公开日期', dataIndex: 'publishedOn', width: 110, render: (v: string | null) => v ?? '—' },
        {
          title: '状态',
          dataIndex: 'status',
          width: 220,
          render: (s: EntryStatus, e) => {
            const l = entryStatusText(e);
            return (
              <Space size={4} wrap>
                <Tag color={l.color} data-testid="ledger-entry-status" data-status={s} data-kind={e.kind}>
                  {l.text}
                </Tag>
                {e.kind === 'notice' && s === 'late' && e.withdrawnOn && (
                  <Typography.Text type="secondary">
                    {e.withdrawnOn}撤下，应公示至{e.dueDate}
                  </Typography.Text>
                )}
                {e.kind === 'notice' && e.noticeShort && (
                  <Typography.Text type="secondary">
                    公示期短于规定（公示{e.announcedFrom ?? ''}至{e.announcedTo ?? ''}，规定不少于{e.noticeRequired ?? ''}）
                  </Typography.Text>
                )}
                {s === 'due' && e.workingDaysLeft !== null && <Typography.Text type="secondary">剩{e.workingDaysLeft}个工作日</Typography.Text>}
              </Space>
            );
          },
        },
      ]}
    />
  );
}

/** 时限设置: the agency's 政策解读 limit and A→B escalation delay; administrators edit, others read. */
function SettingsCard({ agencyId, onSaved }: { agencyId: string; onSaved(): void }) {
  const { can } = useSession();
  const [form] = Form.useForm<{ interpretationDays: number; escalationWorkingDays: number }>();
  const [busy, setBusy] = useState(false);
  const loaded = useLoad((signal) => get<{ settings: CatalogSettings }>('/api/catalog/settings', { agencyId }, signal), [agencyId]);
  const settings = loaded.data?.settings;
  useEffect(() => {
    if (settings) form.setFieldsValue({ interpretationDays: settings.interpretationDays, escalationWorkingDays: settings.escalationWorkingDays });
  }, [settings, form]);

  const save = async () => {
    let v: { interpretationDays: number; escalationWorkingDays: number };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      await request('PUT', '/api/catalog/settings', { query: { agencyId }, body: v });
      showSuccess('时限设置已保存');
      loaded.reload();
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) applyFieldErrors(form, e);
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="时限设置" size="small" data-testid="catalog-settings" loading={loaded.loading && !settings}>
      <Form form={form} layout="inline" disabled={!can.canAdmin} data-testid="catalog-settings-form">
        <Form.Item
          name="interpretationDays"
          label="政策解读时限"
          tooltip="规章、行政规范性文件（或标记为需要解读的事项）首次发布后应在多少个工作日内发布解读；0 表示与政策同步发布（当日）"
          rules={[{ required: true, message: '请填写政策解读时限' }]}
        >
          <InputNumber min={0} max={30} precision={0} suffix="个工作日" data-testid="settings-interpretation-days" style={{ width: 150 }} />
        </Form.Item>
        <Form.Item
          name="escalationWorkingDays"
          label="逾期升级提醒B岗"
          tooltip="逾期未公开满多少个工作日后提醒B岗（B岗已顶岗时提醒本单位管理员）"
          rules={[{ required: true, message: '请填写升级提醒天数' }]}
        >
          <InputNumber min={1} max={20} precision={0} suffix="个工作日后" data-testid="settings-escalation-days" style={{ width: 160 }} />
        </Form.Item>
        {can.canAdmin && (
          <Form.Item>
            <Button type="primary" loading={busy} onClick={() => void save()} data-testid="save-catalog-settings">
              保存
            </Button>
          </Form.Item>
        )}
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {settings?.isDefault ? '当前为默认设置：' : '当前设置：'}政策解读 {settings?.interpretationDays ?? 5} 个工作日内{settings?.interpretationDays === 0 ? '（同步发布）' : ''}；逾期 {settings?.escalationWorkingDays ?? 2} 个工作日后提醒B岗。台账与更新提醒均按此计算。
      </Typography.Paragraph>
    </Card>
  );
}
