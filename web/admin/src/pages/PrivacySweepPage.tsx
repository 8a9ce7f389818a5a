/**
 * 隐私回头看: start a sweep of everything the agency has published (attachments included), follow
 * its progress, read the report (filters; masked forms and locations only), download it as XLSX,
 * and act on an item: 撤回 (with the reason the portal shows) or 更正脱敏 (opens a correction
 * draft, where the drafter masks and the review chain's 隐私信息专项审查 runs again). The agency
 * admin also sets how often the scheduled sweep runs.
 */
import { useEffect, useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Descriptions, Input, InputNumber, Modal, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { apiUrl, get, post, request } from '../lib/api.ts';
import { formatDate, formatTime } from '../lib/dates.ts';
import { showError, showSuccess } from '../lib/feedback.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link, navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';

type RunStatus = 'running' | 'finished' | 'failed' | 'interrupted';

/** GET /api/privacy/sweeps/:id → run (mirrors privacy-sweep.presenter.ts). */
interface SweepRun {
  id: string;
  agencyId: string | null;
  trigger: 'schedule' | 'cli' | 'manual';
  triggerName: string;
  status: RunStatus;
  statusName: string;
  startedAt: string;
  finishedAt: string | null;
  total: number;
  done: number;
  itemsWithFindings: number;
  findingsCount: number;
  error: string | null;
}

interface SweepFinding {
  id: string;
  source: 'body' | 'attachment';
  filename?: string;
  type: string;
  typeLabel: string;
  masked: string;
  confidence: 'high' | 'medium' | 'low';
  reason: string;
  place: string;
}

type ItemState = 'published' | 'withdrawn' | 'correcting' | 'corrected' | 'gone';

interface SweepItem {
  id: string;
  documentId: string;
  title: string;
  indexNo: string;
  publishedAt: string | null;
  findings: SweepFinding[];
  state: ItemState;
  stateName: string;
  document: { status: string; statusName: string; lockVersion: number; liveVersion: number | null } | null;
}

interface Report {
  run: SweepRun;
  items: SweepItem[];
  total: number;
  page: number;
  pageSize: number;
}

const statusColor: Record<RunStatus, string> = { running: 'processing', finished: 'success', failed: 'error', interrupted: 'warning' };
const stateColor: Record<ItemState, string> = { published: 'red', withdrawn: 'default', correcting: 'orange', corrected: 'green', gone: 'default' };
const confidenceTag: Record<SweepFinding['confidence'], [string, string]> = { high: ['red', '高'], medium: ['orange', '中'], low: ['default', '低'] };
const typeOptions = [
  ['idCard', '居民身份证号'],
  ['mobile', '手机号'],
  ['landline', '固定电话'],
  ['bankCard', '银行卡号/账号'],
  ['address', '家庭住址'],
  ['email', '电子邮箱'],
  ['passport', '护照号'],
  ['plate', '车牌号'],
  ['manualReview', '须人工核对'],
].map(([value, label]) => ({ value: value!, label: label! }));
const defaultWithdrawReason = '经隐私信息回头看检查，该信息含有个人隐私信息，已撤回。';

export default function PrivacySweepPage() {
  const { agency, can } = useSession();
  const agencyId = agency?.id;
  const [runId, setRunId] = useState<string | null>(null);
  const [filter, setFilter] = useState<{ type?: string; confidence?: string; q?: string }>({});
  const [page, setPage] = useState(1);
  const [tick, setTick] = useState(0);
  const [starting, setStarting] = useState(false);

  const runs = useLoad((signal) => (agencyId ? get<{ runs: SweepRun[] }>('/api/privacy/sweeps', { agencyId }, signal) : Promise.resolve({ runs: [] })), [agencyId, tick]);
  const selected = runId ?? runs.data?.runs[0]?.id ?? null;
  const report = useLoad(
    (signal) => (selected ? get<Report>(`/api/privacy/sweeps/${selected}`, { agencyId, page, pageSize: 20, ...filter }, signal) : Promise.resolve(null)),
    [selected, page, filter, tick],
  );
  // The previous run's report stays in `report.data` while another one loads: show only the selected one.
  const shown = report.data && report.data.run.id === selected ? report.data : undefined;
  const run = shown?.run;
  const running = run?.status === 'running';

  // Poll while the run is under way.
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => setTick((t) => t + 1), 1500);
    return () => clearTimeout(timer);
  }, [running, shown]);

  const start = async () => {
    if (!agencyId) return;
    setStarting(true);
    try {
      const r = await post<{ run: SweepRun; alreadyRunning: boolean }>('/api/privacy/sweeps', { agencyId });
      showSuccess(r.alreadyRunning ? '已有一次回头看正在进行，显示其进度' : '回头看已开始');
      setRunId(r.run.id);
      setPage(1);
      setTick((t) => t + 1);
    } catch (e) {
      showError(e);
    } finally {
      setStarting(false);
    }
  };

  const percent = run && run.total ? Math.floor((run.done / run.total) * 100) : run?.status === 'finished' ? 100 : 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="privacy-sweep-page">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            隐私回头看
          </Typography.Title>
        }
        extra={
          <Space wrap>
            {can.canAdmin && (
              <Button type="primary" icon={<PlayCircleOutlined />} loading={starting} disabled={running} onClick={() => void start()} data-testid="sweep-start">
                开始检查
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={() => setTick((t) => t + 1)} aria-label="刷新" />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          重新检查本单位已公开的全部信息（含附件）中的身份证号、手机号、银行卡号、住址等个人信息。报告只显示脱敏后的内容和位置；发现问题可直接撤回，或更正脱敏后重新发布。
        </Typography.Paragraph>
        {agencyId && <ScheduleEditor agencyId={agencyId} editable={can.canAdmin} />}
      </Card>

      {run ? (
        <Card
          size="small"
          title="检查进度"
          data-testid="sweep-progress"
          data-status={run.status}
          data-run-id={run.id}
          extra={
            <Button icon={<DownloadOutlined />} href={apiUrl(`/api/privacy/sweeps/${run.id}/export.xlsx`, { agencyId, ...filter })} download disabled={running} data-testid="sweep-export">
              导出 XLSX
            </Button>
          }
        >
          <Progress percent={percent} status={run.status === 'failed' || run.status === 'interrupted' ? 'exception' : running ? 'active' : 'success'} data-testid="sweep-progress-bar" />
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 8 }}>
            <Descriptions.Item label="状态">
              <Tag color={statusColor[run.status]} data-testid="sweep-status">
                {run.statusName}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label="发起方式">{run.triggerName}</Descriptions.Item>
            <Descriptions.Item label="开始时间">{formatTime(run.startedAt)}</Descriptions.Item>
            <Descriptions.Item label="已检查">
              <span data-testid="sweep-done">
                {run.done} / {run.total} 条
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="发现个人信息">
              <Typography.Text type={run.itemsWithFindings ? 'danger' : undefined} data-testid="sweep-found">
                {run.itemsWithFindings} 条信息，共 {run.findingsCount} 处
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="结束时间">{run.finishedAt ? formatTime(run.finishedAt) : '—'}</Descriptions.Item>
          </Descriptions>
          {run.error && <Alert type="error" showIcon title={`检查失败：${run.error}`} />}
        </Card>
      ) : (
        !runs.loading && <Alert type="info" showIcon title="还没有回头看记录。" />
      )}

      {run && (
        <Card
          size="small"
          title="检查报告"
          extra={
            <Space wrap>
              <Select allowClear placeholder="全部类型" style={{ width: 150 }} options={typeOptions} value={filter.type} onChange={(v?: string) => (setFilter({ ...filter, type: v }), setPage(1))} aria-label="类型" data-testid="sweep-filter-type" />
              <Select
                allowClear
                placeholder="全部置信度"
                style={{ width: 120 }}
                options={[
                  { value: 'high', label: '高' },
                  { value: 'medium', label: '中' },
                ]}
                value={filter.confidence}
                onChange={(v?: string) => (setFilter({ ...filter, confidence: v }), setPage(1))}
                aria-label="置信度"
              />
              <Input.Search allowClear placeholder="标题或索引号" style={{ width: 200 }} onSearch={(v) => (setFilter({ ...filter, q: v.trim() || undefined }), setPage(1))} aria-label="搜索" />
            </Space>
          }
        >
          <Table<SweepItem>
            rowKey="id"
            size="small"
            loading={report.loading && !shown}
            dataSource={shown?.items ?? []}
            data-testid="sweep-items"
            onRow={(i) => ({ 'data-testid': 'sweep-item', 'data-state': i.state, 'data-title': i.title }) as HTMLAttributes<HTMLElement>}
            pagination={{ current: page, pageSize: 20, total: shown?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showSizeChanger: false }}
            expandable={{ expandedRowRender: (i) => <Findings findings={i.findings} /> }}
            locale={{ emptyText: running ? '检查中…' : '未发现个人信息' }}
            scroll={{ x: 900 }}
            columns={[
              { title: '索引号', dataIndex: 'indexNo', width: 170 },
              { title: '标题', dataIndex: 'title', render: (v: string, i) => <Link to={`/documents/${i.documentId}`}>{v}</Link> },
              { title: '发布日期', dataIndex: 'publishedAt', width: 110, render: (v: string | null) => formatDate(v) },
              {
                title: '发现',
                key: 'found',
                render: (_: unknown, i) => (
                  <Space size={[4, 4]} wrap>
                    {Object.entries(countByType(i.findings)).map(([label, n]) => (
                      <Tag key={label} color="red">
                        {label} {n}
                      </Tag>
                    ))}
                  </Space>
                ),
              },
              { title: '处理情况', dataIndex: 'stateName', width: 100, render: (v: string, i) => <Tag color={stateColor[i.state]}>{v}</Tag> },
              { title: '操作', key: 'actions', width: 200, render: (_: unknown, i) => <ItemActions runId={run.id} item={i} onDone={() => setTick((t) => t + 1)} /> },
            ]}
          />
        </Card>
      )}

      <Card size="small" title="检查记录">
        <Table<SweepRun>
          rowKey="id"
          size="small"
          loading={runs.loading && !runs.data}
          dataSource={runs.data?.runs ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          rowClassName={(r) => (r.id === selected ? 'ant-table-row-selected' : '')}
          onRow={(r) => ({ onClick: () => (setRunId(r.id), setPage(1)), style: { cursor: 'pointer' }, 'data-testid': 'sweep-run' }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: '开始时间', dataIndex: 'startedAt', render: (v: string) => formatTime(v) },
            { title: '范围', dataIndex: 'agencyId', render: (v: string | null) => (v ? '本单位' : '全部单位') },
            { title: '发起方式', dataIndex: 'triggerName' },
            { title: '状态', dataIndex: 'status', render: (s: RunStatus, r) => <Tag color={statusColor[s]}>{r.statusName}</Tag> },
            { title: '检查', render: (_: unknown, r) => `${r.done} / ${r.total}` },
            { title: '发现', render: (_: unknown, r) => `${r.itemsWithFindings} 条 / ${r.findingsCount} 处` },
          ]}
        />
      </Card>
    </Space>
  );
}

function countByType(findings: SweepFinding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.typeLabel] = (out[f.typeLabel] ?? 0) + 1;
  return out;
}

function Findings({ findings }: { findings: SweepFinding[] }) {
  return (
    <Table<SweepFinding>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={findings}
      data-testid="sweep-findings"
      columns={[
        { title: '位置', dataIndex: 'place' },
        { title: '类型', dataIndex: 'typeLabel', width: 130 },
        { title: '脱敏显示', dataIndex: 'masked', width: 200, render: (m: string, f) => (f.type === 'manualReview' ? f.reason : <Typography.Text code>{m}</Typography.Text>) },
        { title: '置信度', dataIndex: 'confidence', width: 80, render: (c: SweepFinding['confidence']) => <Tag color={confidenceTag[c][0]}>{confidenceTag[c][1]}</Tag> },
      ]}
    />
  );
}

/** 撤回 / 更正脱敏 for one item (the server decides who may: agency admin or final-step reviewer). */
function ItemActions({ runId, item, onDone }: { runId: string; item: SweepItem; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState(defaultWithdrawReason);
  const [busy, setBusy] = useState(false);
  if (!item.document || item.state === 'withdrawn' || item.state === 'gone') return null;
  const lockVersion = item.document.lockVersion;

  const withdraw = async () => {
    setBusy(true);
    try {
      await post(`/api/privacy/sweeps/${runId}/items/${item.id}/withdraw`, { lockVersion, reason: reason.trim() });
      showSuccess(`「${item.title}」已撤回`);
      setOpen(false);
      onDone();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const correct = async () => {
    setBusy(true);
    try {
      const r = await post<{ documentId: string; started: boolean }>(`/api/privacy/sweeps/${runId}/items/${item.id}/correct`, { lockVersion });
      showSuccess(r.started ? '已生成更正稿，请起草人脱敏后重新提交审核' : '该信息已在更正中');
      navigate(`/documents/${r.documentId}`);
    } catch (e) {
      showError(e);
      setBusy(false);
    }
  };

  return (
    <Space size={4}>
      <Button size="small" onClick={() => void correct()} loading={busy} data-testid="sweep-correct">
        {item.state === 'correcting' ? '打开更正稿' : '更正脱敏'}
      </Button>
      <Button size="small" danger onClick={() => setOpen(true)} data-testid="sweep-withdraw">
        撤回
      </Button>
      <Modal
        open={open}
        title={`撤回「${item.title}」`}
        okText="撤回"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: busy, 'data-testid': 'sweep-withdraw-ok' }}
        onCancel={() => setOpen(false)}
        onOk={() => void withdraw()}
      >
        <Typography.Paragraph>撤回后门户网站不再显示该信息，改为显示撤回说明（以下理由将公开显示）。</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} aria-label="撤回理由" data-testid="sweep-withdraw-reason" />
      </Modal>
    </Space>
  );
}

/** How often the scheduled sweep runs for the agency (days). */
export function ScheduleEditor({ agencyId, editable }: { agencyId: string; editable: boolean }) {
  const loaded = useLoad((signal) => get<{ schedule: { intervalDays: number; isDefault: boolean } }>('/api/privacy/sweep-schedule', { agencyId }, signal), [agencyId]);
  const [days, setDays] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const current = loaded.data?.schedule.intervalDays;
  const value = days ?? current ?? 1;

  const save = async () => {
    setBusy(true);
    try {
      await request('PUT', '/api/privacy/sweep-schedule', { body: { agencyId, intervalDays: value } });
      showSuccess('回头看周期已保存');
      setDays(null);
      loaded.reload();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space wrap data-testid="sweep-schedule">
      <Typography.Text>自动检查周期：每</Typography.Text>
      <InputNumber min={1} max={365} precision={0} value={value} disabled={!editable} onChange={(v) => setDays(v)} style={{ width: 90 }} aria-label="检查周期（天）" />
      <Typography.Text>天一次{loaded.data?.schedule.isDefault ? '（默认）' : ''}</Typography.Text>
      {editable && (
        <Button size="small" onClick={() => void save()} loading={busy} disabled={days === null || days === current}>
          保存
        </Button>
      )}
    </Space>
  );
}
