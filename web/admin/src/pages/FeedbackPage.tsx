/**
 * 留言管理: the agency's public feedback (留言 / 建议 / 满意度评价) — list with filters (state,
 * kind, item, overdue), moderation in a drawer (答复 = approve: the answer goes public when the
 * author consented; 标记垃圾信息 / 不予处理 = set aside with a reason, still answerable later),
 * recording feedback that came by the hotline or in person, and the monthly statistics.
 * Admins and drafters act; every reader of the agency reads (the server decides). Each item has a
 * 承办人 (the feedback AB post's holder at intake, reassigned by admins: 改派); an answered item on
 * the portal can be taken off (撤下公开) and put back (恢复公开) with a reason; 处理记录 lists its history.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Drawer, Form, Input, Modal, Radio, Rate, Select, Space, Statistic, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { get, post } from '../lib/api.ts';
import { dayjs, formatDate, formatTime, fromDayjs, type Dayjs } from '../lib/dates.ts';
import { showError, showSuccess } from '../lib/feedback.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { feedbackKindLabels, feedbackSourceLabels, feedbackStatusLabels, spamReason, type FeedbackItem as BaseItem, type FeedbackKind, type FeedbackStats, type FeedbackStatus } from '../lib/feedback-admin.ts';
import type { AgencyMember } from '../lib/requests.ts';

/** A feedback item with its 承办人 and portal state (GET /api/feedback…). */
interface FeedbackItem extends BaseItem {
  assignee: { id: string; displayName: string | null; disabled: boolean } | null;
  /** A | B | manual | handover. */
  assignedVia: string | null;
  /** Shown on the portal now. */
  public: boolean;
  hidden: { at: string; by: { id: string; displayName: string | null } | null; reason: string | null } | null;
}
interface Page {
  items: FeedbackItem[];
  total: number;
  page: number;
  pageSize: number;
}
interface HistoryItem {
  at: string;
  action: string;
  actionName: string;
  actor: string;
  reason: string | null;
  assignee: { id: string; displayName: string | null } | null;
}

const viaLabels: Record<string, string> = { A: 'A岗', B: 'B岗顶岗', manual: '管理员指定', handover: '交接转入' };

function AssigneeText({ f }: { f: FeedbackItem }) {
  if (!f.assignee) return <Typography.Text type="secondary">未指定</Typography.Text>;
  return (
    <Space size={4} wrap>
      <span>{f.assignee.displayName ?? '—'}</span>
      {f.assignedVia && <Tag>{viaLabels[f.assignedVia] ?? f.assignedVia}</Tag>}
      {f.assignee.disabled && <Tag color="error">账号已停用</Tag>}
    </Space>
  );
}

const kindOptions = Object.entries(feedbackKindLabels).map(([value, label]) => ({ value, label }));

function StatusTag({ f }: { f: FeedbackItem }) {
  const l = feedbackStatusLabels[f.status];
  return (
    <Space size={4}>
      <Tag color={l.color}>{l.text}</Tag>
      {f.overdue && <Tag color="error">已逾期</Tag>}
      {f.public && <Tag color="green">网站公开中</Tag>}
      {f.hidden && <Tag color="orange">已撤下公开</Tag>}
    </Space>
  );
}

export default function FeedbackPage() {
  const { agency, can } = useSession();
  const { query } = useLocation();
  const mayAct = can.canAdmin || can.canDraft;
  const [status, setStatus] = useState<FeedbackStatus | undefined>('new');
  const [kind, setKind] = useState<FeedbackKind | undefined>(undefined);
  const [overdue, setOverdue] = useState(false);
  const [mine, setMine] = useState(false);
  const [hiddenOnly, setHiddenOnly] = useState(false);
  const documentId = query.get('documentId') ?? undefined;
  const [page, setPage] = useState(1);
  const [tick, setTick] = useState(0);
  const [openId, setOpenId] = useState<string | null>(query.get('id'));
  const [recording, setRecording] = useState(false);

  useEffect(() => setPage(1), [status, kind, overdue, mine, hiddenOnly, documentId, agency?.id]);
  useEffect(() => {
    const id = query.get('id');
    if (id) setOpenId(id);
  }, [query]);

  const list = useLoad(
    (signal) =>
      get<Page>(
        '/api/feedback',
        { agencyId: agency!.id, status, kind, documentId, overdue: overdue ? 'true' : undefined, assignee: mine ? 'me' : undefined, hidden: hiddenOnly ? 'true' : undefined, page, pageSize: 20 },
        signal,
      ),
    [agency?.id, status, kind, documentId, overdue, mine, hiddenOnly, page, tick],
  );
  const reload = () => setTick((t) => t + 1);

  const listTab = (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="全部状态"
          aria-label="状态"
          data-testid="feedback-status-filter"
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={Object.entries(feedbackStatusLabels).map(([value, l]) => ({ value, label: l.text }))}
        />
        <Select allowClear placeholder="全部类型" aria-label="类型" data-testid="feedback-kind-filter" style={{ width: 140 }} value={kind} onChange={setKind} options={kindOptions} />
        <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)} data-testid="feedback-overdue-filter">
          只看已逾期
        </Checkbox>
        <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)} data-testid="feedback-mine-filter">
          只看我承办的
        </Checkbox>
        <Checkbox
          checked={hiddenOnly}
          onChange={(e) => {
            setHiddenOnly(e.target.checked);
            if (e.target.checked) setStatus('answered');
          }}
          data-testid="feedback-hidden-filter"
        >
          只看已撤下公开
        </Checkbox>
        {documentId && (
          <Tag closable onClose={() => navigate('/feedback')} color="blue" data-testid="feedback-document-filter">
            仅看所选信息的留言
          </Tag>
        )}
      </Space>
      <Table<FeedbackItem>
        rowKey="id"
        size="middle"
        data-testid="feedback-table"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '没有符合条件的留言' }}
        onRow={(f) => ({ 'data-testid': 'feedback-row', 'data-id': f.id, 'data-status': f.status }) as React.HTMLAttributes<HTMLElement>}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showTotal: (n) => `共 ${String(n)} 条` }}
        columns={[
          { title: '收到日期', dataIndex: 'receivedOn', width: 112, render: formatDate },
          {
            title: '类型',
            dataIndex: 'kindName',
            width: 120,
            render: (v: string, f) => (
              <Space size={4} orientation="vertical">
                <span>{v}</span>
                {f.rating !== null && <Rate disabled value={f.rating} style={{ fontSize: 12 }} />}
              </Space>
            ),
          },
          { title: '来源', dataIndex: 'sourceName', width: 96 },
          {
            title: '内容',
            dataIndex: 'text',
            ellipsis: true,
            render: (v: string, f) => (
              <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setOpenId(f.id)} data-testid="feedback-open">
                {v.length > 60 ? `${v.slice(0, 60)}…` : v}
              </Button>
            ),
          },
          {
            title: '相关信息',
            dataIndex: 'documentId',
            width: 120,
            render: (id: string | null) =>
              id ? (
                <Space size={0} orientation="vertical">
                  <Link to={`/documents/${id}`}>查看信息</Link>
                  <Link to={`/feedback?documentId=${id}`}>只看此信息</Link>
                </Space>
              ) : (
                <Typography.Text type="secondary">网站留言</Typography.Text>
              ),
          },
          { title: '状态', key: 'status', width: 150, render: (_: unknown, f) => <StatusTag f={f} /> },
          { title: '承办人', key: 'assignee', width: 140, render: (_: unknown, f) => <AssigneeText f={f} /> },
          { title: '答复期限', dataIndex: 'dueOn', width: 112, render: formatDate },
          { title: '同意公开', dataIndex: 'consentToPublish', width: 90, render: (v: boolean) => (v ? '是' : '否') },
        ]}
      />
    </>
  );

  return (
    <Card
      data-testid="feedback-page"
      title={<Typography.Title level={4} style={{ margin: 0 }}>留言管理</Typography.Title>}
      extra={
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label="刷新" />
          {mayAct && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="feedback-record">
              登记热线/现场留言
            </Button>
          )}
        </Space>
      }
    >
      <Tabs
        items={[
          { key: 'list', label: '留言列表', children: listTab },
          { key: 'stats', label: '月度统计', children: <StatsTab agencyId={agency!.id} /> },
        ]}
      />
      {openId && (
        <FeedbackDrawer
          id={openId}
          mayAct={mayAct}
          mayAssign={can.canAdmin}
          onClose={() => {
            setOpenId(null);
            if (query.get('id')) navigate('/feedback', { replace: true });
          }}
          onChanged={reload}
        />
      )}
      {recording && (
        <RecordModal
          agencyId={agency!.id}
          documentId={documentId}
          onClose={() => setRecording(false)}
          onSaved={() => {
            setRecording(false);
            setStatus('new');
            reload();
          }}
        />
      )}
    </Card>
  );
}

/** One piece of feedback: details, answer, set aside. */
function FeedbackDrawer({ id, mayAct: mayModerate, mayAssign, onClose, onChanged }: { id: string; mayAct: boolean; mayAssign: boolean; onClose(): void; onChanged(): void }) {
  const { actor } = useSession();
  const [tick, setTick] = useState(0);
  const item = useLoad((signal) => get<FeedbackItem>(`/api/feedback/${id}`, undefined, signal), [id, tick]);
  const history = useLoad((signal) => get<{ items: HistoryItem[] }>(`/api/feedback/${id}/history`, undefined, signal), [id, tick]);
  const f = item.data?.id === id ? item.data : undefined;
  // The 承办人 answers their own item even without the drafter role (the server decides).
  const mayAct = mayModerate || (!!f && f.assignee?.id === actor.userId);
  const [visibility, setVisibility] = useState<'hide' | 'unhide' | null>(null);
  const [visReason, setVisReason] = useState('');
  const [assigning, setAssigning] = useState(false);
  const [assignee, setAssignee] = useState<string | undefined>(undefined);
  const members = useLoad(
    (signal) => (assigning && f ? get<{ members: AgencyMember[] }>(`/api/agencies/${f.agencyId}/members`, undefined, signal) : Promise.resolve({ members: [] })),
    [assigning, f?.agencyId],
  );
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');

  const act = async (path: string, body: Record<string, unknown>, done: string) => {
    if (!f) return;
    setBusy(true);
    try {
      await post(`/api/feedback/${f.id}/${path}`, { lockVersion: f.lockVersion, ...body });
      showSuccess(done);
      setRejecting(false);
      setVisibility(null);
      setVisReason('');
      setAssigning(false);
      setTick((t) => t + 1);
      onChanged();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer open onClose={onClose} size={640} title="留言详情" destroyOnHidden data-testid="feedback-drawer" loading={!f}>
      {f && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="状态">
              <StatusTag f={f} />
            </Descriptions.Item>
            <Descriptions.Item label="类型">
              {f.kindName}
              {f.rating !== null && <Rate disabled value={f.rating} style={{ fontSize: 14, marginLeft: 8 }} />}
            </Descriptions.Item>
            <Descriptions.Item label="来源">{f.sourceName}</Descriptions.Item>
            <Descriptions.Item label="收到日期">{formatDate(f.receivedOn)}</Descriptions.Item>
            <Descriptions.Item label="答复期限">{formatDate(f.dueOn)}</Descriptions.Item>
            <Descriptions.Item label="承办人">
              <Space wrap>
                <span data-testid="feedback-assignee">
                  <AssigneeText f={f} />
                </span>
                {mayAssign && f.status === 'new' && (
                  <Button size="small" onClick={() => setAssigning(true)} data-testid="feedback-assign">
                    改派…
                  </Button>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label="相关信息">{f.documentId ? <Link to={`/documents/${f.documentId}`}>查看信息</Link> : '网站留言'}</Descriptions.Item>
            <Descriptions.Item label="联系方式">{f.contact ?? (f.hasContact ? '（仅答复人员可见）' : '未留')}</Descriptions.Item>
            <Descriptions.Item label="同意公开">{f.consentToPublish ? '是（答复后留言与答复在网站公开，不含联系方式）' : '否（仅内部留存）'}</Descriptions.Item>
            {f.spamScore > 0 && <Descriptions.Item label="垃圾信息评分">{f.spamScore}</Descriptions.Item>}
          </Descriptions>
          <Card size="small" title="留言内容">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="feedback-text">
              {f.text}
            </Typography.Paragraph>
          </Card>
          {f.status === 'rejected' && <Alert type="warning" showIcon title="已不予处理" description={`理由：${f.rejectReason ?? '—'}。如属误判，可直接答复。`} />}
          {f.status === 'answered' ? (
            <Card size="small" title={`答复（${formatDate(f.answeredOn)}，${f.answeredBy?.displayName ?? ''}）`}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="feedback-answer-text">
                {f.answer}
              </Typography.Paragraph>
              <Typography.Text type="secondary">答复时间：{formatTime(f.answeredAt)}</Typography.Text>
              <div style={{ marginTop: 8 }} data-testid="feedback-public-state">
                {f.public ? (
                  <Alert type="success" showIcon title="留言与答复正在网站公开" />
                ) : f.hidden ? (
                  <Alert type="warning" showIcon title="已撤下公开" description={`${formatTime(f.hidden.at)}，${f.hidden.by?.displayName ?? ''}：${f.hidden.reason ?? ''}`} />
                ) : (
                  <Alert type="info" showIcon title="未在网站公开（留言人未同意公开）" />
                )}
              </div>
              {mayModerate && (
                <Space style={{ marginTop: 8 }}>
                  {f.public && (
                    <Button danger onClick={() => setVisibility('hide')} data-testid="feedback-hide">
                      撤下公开…
                    </Button>
                  )}
                  {f.hidden && f.consentToPublish && (
                    <Button onClick={() => setVisibility('unhide')} data-testid="feedback-unhide">
                      恢复公开…
                    </Button>
                  )}
                </Space>
              )}
            </Card>
          ) : mayAct ? (
            <Card size="small" title="答复">
              <Form layout="vertical" onFinish={() => void act('answer', { answer }, f.consentToPublish ? '已答复，答复已在网站公开' : '已答复')}>
                <Form.Item label="答复内容" required extra={f.consentToPublish ? '留言人同意公开：答复后留言与答复将在网站公开（不含联系方式）。' : '留言人未同意公开：答复仅内部留存，请通过联系方式告知留言人。'}>
                  <Input.TextArea rows={5} maxLength={2000} showCount value={answer} onChange={(e) => setAnswer(e.target.value)} data-testid="feedback-answer" />
                </Form.Item>
                <Space wrap>
                  <Button type="primary" htmlType="submit" loading={busy} disabled={answer.trim().length < 2} data-testid="feedback-answer-submit">
                    {f.consentToPublish ? '答复并公开' : '答复'}
                  </Button>
                  {f.status === 'new' && (
                    <>
                      <Button danger loading={busy} onClick={() => void act('reject', { reason: spamReason }, '已标记为垃圾信息')} data-testid="feedback-spam">
                        标记垃圾信息
                      </Button>
                      <Button onClick={() => setRejecting(true)} data-testid="feedback-reject">
                        不予处理…
                      </Button>
                    </>
                  )}
                </Space>
              </Form>
            </Card>
          ) : null}
          <Modal
            open={rejecting}
            title="不予处理"
            okText="确定"
            cancelText="取消"
            onCancel={() => setRejecting(false)}
            onOk={() => void act('reject', { reason }, '已设为不予处理')}
            okButtonProps={{ loading: busy, disabled: reason.trim().length < 2, 'data-testid': 'feedback-reject-ok' } as never}
            destroyOnHidden
          >
            <Typography.Paragraph type="secondary">不予处理的留言不在网站公开，理由仅内部可见。</Typography.Paragraph>
            <Input.TextArea rows={3} maxLength={500} placeholder="理由，如：重复留言、与本单位职责无关、含辱骂内容" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="feedback-reject-reason" />
          </Modal>
          <Modal
            open={visibility !== null}
            title={visibility === 'hide' ? '撤下公开' : '恢复公开'}
            okText="确定"
            cancelText="取消"
            onCancel={() => setVisibility(null)}
            onOk={() => void act(visibility!, { reason: visReason }, visibility === 'hide' ? '已从网站撤下' : '已恢复在网站公开')}
            okButtonProps={{ loading: busy, disabled: visReason.trim().length < 2, 'data-testid': 'feedback-visibility-ok' } as never}
            destroyOnHidden
          >
            <Typography.Paragraph type="secondary">
              {visibility === 'hide' ? '撤下后网站立即不再显示该留言及答复；理由记入处理记录。' : '恢复后网站立即重新显示该留言及答复（须留言人同意公开）；理由记入处理记录。'}
            </Typography.Paragraph>
            <Input.TextArea
              rows={3}
              maxLength={500}
              placeholder={visibility === 'hide' ? '理由，如：留言人撤回公开同意、答复涉及他人个人信息' : '理由，如：留言人重新同意公开'}
              value={visReason}
              onChange={(e) => setVisReason(e.target.value)}
              data-testid="feedback-visibility-reason"
            />
          </Modal>
          <Modal
            open={assigning}
            title="改派承办人"
            okText="改派"
            cancelText="取消"
            onCancel={() => setAssigning(false)}
            onOk={() => void act('assign', { assigneeId: assignee }, '已改派')}
            okButtonProps={{ loading: busy, disabled: !assignee, 'data-testid': 'feedback-assign-ok' } as never}
            destroyOnHidden
          >
            <Select
              style={{ width: '100%' }}
              placeholder="选择本单位人员"
              loading={members.loading}
              value={assignee}
              onChange={setAssignee}
              data-testid="feedback-assign-select"
              options={(members.data?.members ?? []).map((m) => ({ value: m.id, label: `${m.displayName}（${m.username}）` }))}
            />
          </Modal>
          <Card size="small" title="处理记录">
            <Timeline
              data-testid="feedback-history"
              items={(history.data?.items ?? []).map((h, i) => ({
                key: i,
                color: h.action === 'feedback.hide' ? 'orange' : h.action === 'feedback.unhide' || h.action === 'feedback.answer' ? 'green' : 'gray',
                content: (
                  <div data-testid="feedback-history-item" data-action={h.action}>
                    <Typography.Text strong>{h.actionName}</Typography.Text>
                    <span className="gk-history-meta" style={{ marginLeft: 8 }}>
                      {formatTime(h.at)} · {h.actor}
                    </span>
                    {h.assignee && <div>承办人：{h.assignee.displayName ?? '—'}</div>}
                    {h.reason && <div>理由：{h.reason}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Space>
      )}
    </Drawer>
  );
}

interface RecordValues {
  source: 'hotline' | 'in_person';
  kind: FeedbackKind;
  rating?: number;
  text: string;
  contact?: string;
  consentToPublish: boolean;
  receivedOn: Dayjs;
}

/** Staff enter feedback that came by the hotline or in person. */
function RecordModal({ agencyId, documentId, onClose, onSaved }: { agencyId: string; documentId: string | undefined; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<RecordValues>();
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form);

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await post('/api/feedback', {
        agencyId,
        source: v.source,
        kind: v.kind,
        ...(v.kind === 'rating' ? { rating: v.rating } : {}),
        text: v.text,
        contact: v.contact?.trim() || null,
        consentToPublish: v.consentToPublish,
        receivedOn: fromDayjs(v.receivedOn) ?? undefined,
        ...(documentId ? { documentId } : {}),
      });
      showSuccess('已登记');
      onSaved();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title="登记热线/现场留言" okText="登记" cancelText="取消" width={560} onOk={() => void save()} onCancel={onClose} okButtonProps={{ loading: busy, 'data-testid': 'record-save' } as never} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ source: 'hotline', kind: 'message', consentToPublish: false, receivedOn: dayjs() }}>
        {documentId && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="将登记为对所选信息的留言" />}
        <Form.Item name="source" label="来源" rules={[{ required: true }]}>
          <Radio.Group options={[{ value: 'hotline', label: feedbackSourceLabels.hotline }, { value: 'in_person', label: feedbackSourceLabels.in_person }]} />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Radio.Group options={kindOptions} />
        </Form.Item>
        {kind === 'rating' && (
          <Form.Item name="rating" label="满意度" rules={[{ required: true, message: '请选择 1–5 分' }]}>
            <Rate />
          </Form.Item>
        )}
        <Form.Item name="text" label="内容" rules={[{ required: true, min: 2, message: '请填写内容（至少 2 个字）' }]}>
          <Input.TextArea rows={4} maxLength={1000} showCount data-testid="record-text" />
        </Form.Item>
        <Form.Item name="contact" label="联系方式" extra="仅答复人员可见，不会公开">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="receivedOn" label="收到日期" rules={[{ required: true, message: '请选择收到日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="consentToPublish" valuePropName="checked">
          <Checkbox>反映人同意公开留言及答复（不含联系方式）</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 月度统计: per month received by kind, answered and set aside, for one year. */
function StatsTab({ agencyId }: { agencyId: string }) {
  const [year, setYear] = useState(() => new Date().getFullYear());
  const stats = useLoad((signal) => get<FeedbackStats>('/api/feedback/stats', { agencyId, year }, signal), [agencyId, year]);
  const s = stats.data;
  const rows = s ? [...s.months.map((m) => ({ key: String(m.month), label: `${String(m.month)}月`, ...m })), { key: 'total', label: '合计', month: 0, total: s.total, byKind: s.byKind, answered: s.answered, rejected: s.rejected }] : [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap size="large">
        <Select aria-label="统计年度" style={{ width: 120 }} value={year} onChange={setYear} options={[0, 1, 2, 3, 4].map((i) => ({ value: new Date().getFullYear() - i, label: `${String(new Date().getFullYear() - i)}年` }))} />
        <Statistic title="收到" value={s?.total ?? 0} suffix="条" />
        <Statistic title="已答复" value={s?.answered ?? 0} suffix="条" />
        <Statistic title="按期答复率" value={s?.onTimeRate === null || s?.onTimeRate === undefined ? '—' : `${(s.onTimeRate * 100).toFixed(1)}%`} />
        <Statistic title="平均满意度" value={s?.averageRating ?? '—'} suffix={s?.ratings ? `（${String(s.ratings)}人评价）` : ''} />
      </Space>
      <Table
        rowKey="key"
        size="small"
        data-testid="feedback-stats-table"
        loading={stats.loading}
        dataSource={rows}
        pagination={false}
        rowClassName={(r) => (r.key === 'total' ? 'gk-total-row' : '')}
        columns={[
          { title: '月份', dataIndex: 'label', render: (v: string, r) => (r.key === 'total' ? <strong>{v}</strong> : v) },
          { title: '收到', dataIndex: 'total', align: 'right' },
          ...(['message', 'suggestion', 'rating'] as const).map((k) => ({ title: feedbackKindLabels[k], key: k, align: 'right' as const, render: (_: unknown, r: (typeof rows)[number]) => r.byKind[k] })),
          { title: '已答复', dataIndex: 'answered', align: 'right' },
          { title: '不予处理', dataIndex: 'rejected', align: 'right' },
        ]}
      />
    </Space>
  );
}
