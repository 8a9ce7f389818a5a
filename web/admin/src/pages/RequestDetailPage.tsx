/**
 * One 依申请公开 request: state, the statutory clock explained (due date, pauses, articles),
 * the event timeline, the applicant's data when the server returns it (handlers and admins of
 * the agency), and one button per allowedActions entry, each opening a small modal with the
 * fields of its body schema. A 409 shows the conflict dialog and reloads.
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Modal, Radio, Result, Row, Select, Space, Spin, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiError, get, post } from '../lib/api.ts';
import { dayjs, formatTime, fromDayjs, type Dayjs } from '../lib/dates.ts';
import { showError, showSuccess } from '../lib/feedback.ts';
import { applyFieldErrors } from '../lib/forms.ts';
import { useLoad } from '../lib/hooks.ts';
import {
  deliveryLabels,
  eventDataLabels,
  loadMemberOptions,
  outcomeLabels,
  replyOutcomeLabels,
  requestChannelLabels,
  requestActionLabels,
  requestActionOrder,
  requestActionPath,
  type FeeQuote,
  type RequestAction,
  type RequestDetail,
  type RequestEventView,
  type RequestView,
} from '../lib/requests.ts';
import { Link, navigate } from '../lib/router.tsx';
import { showConflict } from '../lib/staff.ts';
import { DueCell, RequestStateTag } from '../components/RequestStateTag.tsx';
import { RequestLetters } from '../components/RequestLetters.tsx';
import { RequestIntakeFiles } from '../components/RequestIntakeFiles.tsx';
import { HelpLink } from '../components/HelpLink.tsx';

const phaseLabels: Record<string, string> = { awaiting_correction: '等待补正（答复期限暂不计算）', running: '计时中', paused: '暂停计时（期限为预计）', closed: '已结束' };

export default function RequestDetailPage({ id }: { id: string }) {
  const loaded = useLoad((signal) => get<RequestDetail>(`/api/requests/${id}`, undefined, signal), [id]);
  const [action, setAction] = useState<RequestAction | null>(null);
  const [assigning, setAssigning] = useState(false);
  const d = loaded.data;

  if (loaded.error instanceof ApiError && !d) {
    return <Result status={loaded.error.status === 404 ? '404' : 'error'} title={loaded.error.message} extra={<Link to="/requests">返回列表</Link>} />;
  }
  if (!d) return <Spin style={{ display: 'block', margin: 48 }} />;
  const r = d.request;
  const actions = requestActionOrder.filter((a) => d.allowedActions.includes(a));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="request-detail" data-state={r.state}>
      <Card
        title={
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/requests')} aria-label="返回" />
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="request-tracking-no">
              {r.trackingNo}
            </Typography.Title>
            <RequestStateTag state={r.state} name={r.stateName} />
            <HelpLink screen="requests.detail" />
          </Space>
        }
        extra={<Button icon={<ReloadOutlined />} onClick={loaded.reload} aria-label="刷新" />}
      >
        <Space wrap data-testid="request-actions" style={{ marginBottom: actions.length ? 16 : 0 }}>
          {actions.map((a) => (
            <Button
              key={a}
              type={a === 'accept' || a === 'reply' || a === 'deliver' ? 'primary' : 'default'}
              danger={a === 'withdraw' || a === 'deemWithdrawn'}
              onClick={() => setAction(a)}
              data-testid={`request-action-${a}`}
            >
              {requestActionLabels[a]}
            </Button>
          ))}
          {d.canAssign && (
            <Button onClick={() => setAssigning(true)} data-testid="request-assign">
              调整承办人
            </Button>
          )}
        </Space>
        {d.pendingApproval && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="request-pending-approval"
            title={`待审批：${replyOutcomeLabels[d.pendingApproval.outcome ?? ''] ?? d.pendingApproval.outcome ?? ''}（${d.pendingApproval.on} 提交）`}
            description={d.pendingApproval.note ?? undefined}
          />
        )}
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="request-metadata">
          <Descriptions.Item label="收到申请之日">{r.receivedOn}</Descriptions.Item>
          <Descriptions.Item label="申请渠道">{r.channelName}</Descriptions.Item>
          <Descriptions.Item label="申请人类型">{r.reportColumn}</Descriptions.Item>
          <Descriptions.Item label="答复期限">
            <DueCell r={r} />
          </Descriptions.Item>
          <Descriptions.Item label="所需信息" span={2}>
            <div className="gk-comment">{r.description}</div>
          </Descriptions.Item>
          {r.docNo && <Descriptions.Item label="文号">{r.docNo}</Descriptions.Item>}
          <Descriptions.Item label="获取形式 / 方式">
            {r.provisionFormName} / {r.deliveryName}
          </Descriptions.Item>
          <Descriptions.Item label="承办人">{r.handler?.displayName ?? '未指定'}</Descriptions.Item>
          <Descriptions.Item label="B角承办人">{r.backupHandler?.displayName ?? '未指定'}</Descriptions.Item>
          {r.outcomeName && (
            <Descriptions.Item label="处理结果" span={2}>
              <span data-testid="request-outcome" data-outcome={r.outcome}>
                {r.outcomeName}
              </span>
              {r.outcomeArticle && r.outcomeArticle !== '—' && <Typography.Text type="secondary">（条例{r.outcomeArticle}）</Typography.Text>}
              {r.outcomeNote && <div className="gk-comment">{r.outcomeNote}</div>}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title="答复期限计算" size="small" data-testid="request-clock" data-phase={d.clock.phase}>
            {d.clock.warnings.map((w) => (
              <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />
            ))}
            <Typography.Paragraph>
              <Typography.Text strong>{phaseLabels[d.clock.phase] ?? d.clock.phase}</Typography.Text>
              {d.clock.dueOn && <> · 答复期限 {d.clock.dueOn}</>}
              {d.clock.extensionDays > 0 && <> · 已延期 {d.clock.extensionDays} 个工作日</>}
              {d.clock.correctionDeadline && <> · 补正期限 {d.clock.correctionDeadline}</>}
              {d.clock.feeDeadline && <> · 缴费期限 {d.clock.feeDeadline}</>}
            </Typography.Paragraph>
            {d.clock.explanation && (
              <div className="gk-json" style={{ fontSize: 13 }} data-testid="clock-explanation">
                {d.clock.explanation}
              </div>
            )}
            <ul style={{ paddingLeft: 20, marginTop: 12, marginBottom: 0 }} data-testid="clock-lines">
              {d.clock.lines.map((l, i) => (
                <li key={i} style={{ marginBottom: 4 }}>
                  {l}
                </li>
              ))}
            </ul>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="办理过程" size="small" data-testid="request-events">
            {d.events.length === 0 ? (
              <Empty />
            ) : (
              <Timeline items={d.events.map((e) => ({ key: e.id, content: <EventItem e={e} /> }))} />
            )}
          </Card>
        </Col>
      </Row>

      <RequestLetters detail={d} onChanged={loaded.reload} />

      {d.applicant && (
        <Card title="申请人信息" size="small" data-testid="request-applicant" extra={<Typography.Text type="secondary">个人信息，仅限承办人和单位管理员查看，不得对外提供</Typography.Text>}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={r.applicantKind === 'person' ? '姓名' : '名称'}>{d.applicant.name}</Descriptions.Item>
            {d.applicant.idTypeName && (
              <Descriptions.Item label={d.applicant.idTypeName}>{d.applicant.idNumber}</Descriptions.Item>
            )}
            {d.applicant.uscc && <Descriptions.Item label="统一社会信用代码">{d.applicant.uscc}</Descriptions.Item>}
            {d.applicant.legalRepresentative && <Descriptions.Item label="法定代表人或负责人">{d.applicant.legalRepresentative}</Descriptions.Item>}
            {d.applicant.contactPerson && <Descriptions.Item label="联系人">{d.applicant.contactPerson}</Descriptions.Item>}
            <Descriptions.Item label="联系电话">{d.applicant.phone}</Descriptions.Item>
            {d.applicant.email && <Descriptions.Item label="电子邮箱">{d.applicant.email}</Descriptions.Item>}
            {d.applicant.address && <Descriptions.Item label="通信地址">{d.applicant.address}</Descriptions.Item>}
            {d.applicant.postcode && <Descriptions.Item label="邮政编码">{d.applicant.postcode}</Descriptions.Item>}
          </Descriptions>
        </Card>
      )}

      <RequestIntakeFiles detail={d} onChanged={loaded.reload} />

      {assigning && (
        <AssignModal
          request={r}
          onClose={() => setAssigning(false)}
          onDone={() => {
            setAssigning(false);
            loaded.reload();
          }}
        />
      )}

      {action && (
        <ActionModal
          action={action}
          request={r}
          onClose={() => setAction(null)}
          onDone={(fresh) => {
            setAction(null);
            if (fresh) loaded.reload();
          }}
          onConflict={() => {
            setAction(null);
            loaded.reload();
          }}
        />
      )}
    </Space>
  );
}

function dataValue(key: string, v: unknown): string {
  if (key === 'outcome' && typeof v === 'string') return outcomeLabels[v] ?? v;
  if (key === 'method' && typeof v === 'string') return deliveryLabels[v] ?? ({ per_item: '按件计收', per_page: '按量计收' } as Record<string, string>)[v] ?? v;
  if (key === 'channel' && typeof v === 'string') return requestChannelLabels[v] ?? v;
  if (key === 'party' && typeof v === 'string') return v === 'third_party' ? '第三方（第32条）' : '其他机关（第34条）';
  if (key === 'calculation' && v && typeof v === 'object' && Array.isArray((v as { lines?: unknown }).lines)) return ((v as { lines: string[] }).lines).join('；');
  if (key === 'names' && v && typeof v === 'object') return `承办人 ${(v as { handler?: string }).handler ?? ''}，B角 ${(v as { backupHandler?: string }).backupHandler ?? ''}`;
  if (key === 'source' && v === 'online') return '申请人在门户在线提交';
  if (key === 'files' && Array.isArray(v)) return v.map((f) => (f && typeof f === 'object' ? String((f as { filename?: string }).filename ?? '') : String(f))).join('、') || '无';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function EventItem({ e }: { e: RequestEventView }) {
  // Ids (reassignment from/to, approver ids) are shown through the names beside them.
  const hidden = new Set(['from', 'to', 'approvedById', 'requestedBy', 'letter']); // letter: shown in the 告知书 card
  const entries = Object.entries(e.data ?? {}).filter(([k, v]) => v !== null && v !== undefined && v !== '' && !hidden.has(k));
  return (
    <div data-testid="request-event" data-kind={e.kind}>
      <Typography.Text strong>{e.kindName}</Typography.Text> <Typography.Text>{e.on}</Typography.Text>
      {entries.map(([k, v]) => (
        <div key={k} className="gk-comment">
          <Typography.Text type="secondary">{eventDataLabels[k] ?? k}：</Typography.Text>
          {dataValue(k, v)}
        </div>
      ))}
      <div className="gk-history-meta">
        {e.actor?.displayName ? `${e.actor.displayName} · ` : ''}
        {formatTime(e.at)}
      </div>
    </div>
  );
}

interface ActionValues {
  on: Dayjs;
  noticeOn?: Dayjs;
  [key: string]: unknown;
}

/** Staff who may approve (审批人 and admins of the agency) as Select options. */
function useApprovers(agencyId: string) {
  return useLoad(async (signal) => {
    const [a, b] = await Promise.all([loadMemberOptions(agencyId, 'approver', signal), loadMemberOptions(agencyId, 'admin', signal)]);
    return [...a, ...b.filter((x) => !a.some((y) => y.value === x.value))];
  }, [agencyId]);
}

/** 信息处理费: method, 件 or pages, the 109号 ceiling with its arithmetic; the amount defaults to it. */
function FeeFields({ request }: { request: RequestView }) {
  const form = Form.useFormInstance();
  const method = Form.useWatch('method', form) as 'per_item' | 'per_page' | undefined;
  const items = Form.useWatch('items', form) as number | undefined;
  const pages = Form.useWatch('pages', form) as number | undefined;
  const quote = useLoad(async (signal) => {
    if (!method || (method === 'per_page' && !pages)) return null;
    const q = await get<FeeQuote>(`/api/requests/${request.id}/fee-quote`, method === 'per_item' ? { method, items: items ?? 1 } : { method, pages: pages ?? 1 }, signal);
    form.setFieldValue('amount', q.amount || undefined);
    return q;
  }, [request.id, method, items, pages]);
  const q = quote.data;
  return (
    <>
      <Form.Item name="method" label="计收方式（国办函〔2020〕109号第三条，只能选一种）" rules={[{ required: true }]}>
        <Radio.Group data-testid="action-method">
          <Radio value="per_item">按件计收</Radio>
          <Radio value="per_page">按量计收</Radio>
        </Radio.Group>
      </Form.Item>
      {method === 'per_page' ? (
        <Form.Item name="pages" label="页数" rules={[{ required: true, message: '请填写页数' }]}>
          <InputNumber min={1} max={1_000_000} precision={0} data-testid="action-pages" />
        </Form.Item>
      ) : (
        <Form.Item name="items" label="本申请计件数（一事一申请，通常为1）">
          <InputNumber min={1} max={1000} precision={0} data-testid="action-fee-items" />
        </Form.Item>
      )}
      {q && (
        <Alert
          type={q.amount > 0 ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="fee-quote"
          data-amount={q.amount}
          title={q.amount > 0 ? `按规定最多收取 ${q.amount}元（可少收或免收，不得多收）` : '本申请在免费范围内，不收取信息处理费'}
          description={
            <>
              {q.lines.map((l) => (
                <div key={l}>{l}</div>
              ))}
              <Typography.Text type="secondary">{q.basis}</Typography.Text>
            </>
          }
        />
      )}
      <Form.Item name="amount" label="信息处理费（元）" rules={[{ required: true, message: '请填写金额' }]}>
        <InputNumber min={1} max={q?.amount || 1_000_000} precision={0} data-testid="action-amount" />
      </Form.Item>
      <Form.Item name="periodDays" label="缴费期限（工作日）">
        <InputNumber min={1} max={60} data-testid="action-period-days" />
      </Form.Item>
    </>
  );
}

/** The extra fields of each action (besides lockVersion and the date `on`). */
function ActionFields({ action, request }: { action: RequestAction; request: RequestView }) {
  const approvers = useApprovers(request.agencyId);
  const note = (label = '备注', max = 2000) => (
    <Form.Item name="note" label={label} rules={[{ max }]}>
      <Input.TextArea rows={3} data-testid="action-note" />
    </Form.Item>
  );
  switch (action) {
    case 'askCorrection':
      return (
        <>
          <Form.Item name="items" label="需要补正的事项（一次性告知）" rules={[{ required: true, min: 2, message: '请写明需要补正的事项' }, { max: 2000 }]}>
            <Input.TextArea rows={4} data-testid="action-items" />
          </Form.Item>
          <Form.Item name="periodDays" label="补正期限（工作日）" rules={[{ required: true, message: '请填写补正期限' }]}>
            <InputNumber min={1} max={60} data-testid="action-period-days" />
          </Form.Item>
        </>
      );
    case 'extend':
      return (
        <>
          <Form.Item name="days" label="延长（工作日，最长20）" rules={[{ required: true, message: '请填写延长天数' }]}>
            <InputNumber min={1} max={20} data-testid="action-days" />
          </Form.Item>
          <Form.Item name="approvedBy" label="批准延期的负责人（政府信息公开工作机构负责人）" rules={[{ required: true, message: '请选择批准延期的负责人' }]} extra="本单位的依申请公开审批人或管理员，承办人本人不能批准">
            <Select data-testid="action-approved-by" loading={approvers.loading} options={approvers.data ?? []} />
          </Form.Item>
          <Form.Item name="noticeOn" label="告知申请人之日" rules={[{ required: true, message: '请填写告知日期' }]}>
            <DatePicker data-testid="action-notice-on" disabledDate={(x) => x.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="reason" label="延期理由" rules={[{ required: true, min: 2, message: '请填写延期理由' }, { max: 1000 }]}>
            <Input.TextArea rows={3} data-testid="action-reason" />
          </Form.Item>
        </>
      );
    case 'startConsultation':
      return (
        <>
          <Form.Item name="party" label="征求意见对象" rules={[{ required: true }]} extra="征求意见期间不计入答复期限（条例第33条第3款）">
            <Radio.Group data-testid="action-party">
              <Radio value="third_party">第三方（第32条）</Radio>
              <Radio value="organ">其他机关（第34条）</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="consulted" label="征求意见的对象名称" rules={[{ required: true, min: 2, message: '请填写征求意见的对象' }, { max: 200 }]}>
            <Input data-testid="action-consulted" />
          </Form.Item>
        </>
      );
    case 'feeNotice':
      return <FeeFields request={request} />;
    case 'approve':
      return (
        <Form.Item name="comment" label="审批意见（不写入答复书）" rules={[{ max: 2000 }]} extra="审批通过即以提交的处理结果和理由答复申请人，并生成答复告知书">
          <Input.TextArea rows={3} data-testid="action-comment" />
        </Form.Item>
      );
    case 'returnForRevision':
      return (
        <Form.Item name="reason" label="退回理由" rules={[{ required: true, min: 2, message: '请填写退回理由' }, { max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="action-reason" />
        </Form.Item>
      );
    case 'submitForApproval':
    case 'reply':
      return (
        <>
          <Form.Item name="outcome" label="处理结果（年度报告表三）" rules={[{ required: true, message: '请选择处理结果' }]}>
            <Select data-testid="action-outcome" showSearch={{ optionFilterProp: 'label' }} options={Object.entries(replyOutcomeLabels).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          {note('理由（写入答复书）', 4000)}
        </>
      );
    case 'deliver':
      return (
        <>
          <Form.Item name="method" label="送达方式" rules={[{ required: true }]}>
            <Select data-testid="action-method" options={Object.entries(deliveryLabels).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          {note()}
        </>
      );
    case 'withdraw':
      return (
        <Form.Item name="reason" label="撤回情况" rules={[{ required: true, min: 2, message: '请填写撤回情况' }, { max: 1000 }]}>
          <Input.TextArea rows={3} data-testid="action-reason" />
        </Form.Item>
      );
    default:
      return note();
  }
}

const onLabel: Partial<Record<RequestAction, string>> = {
  accept: '受理日期',
  askCorrection: '告知补正日期',
  receiveCorrection: '收到补正之日',
  extend: '决定延期日期',
  startConsultation: '发出征求意见日期',
  endConsultation: '收到意见（或结束）日期',
  feeNotice: '发出收费通知日期',
  feePaid: '缴费日期',
  reply: '答复日期',
  submitForApproval: '提交审批日期',
  approve: '审批及答复日期',
  returnForRevision: '退回日期',
  deliver: '送达日期',
  archive: '归档日期',
  withdraw: '撤回日期',
  deemWithdrawn: '决定日期',
};

function ActionModal({
  action,
  request,
  onClose,
  onDone,
  onConflict,
}: {
  action: RequestAction;
  request: RequestView;
  onClose(): void;
  onDone(fresh: RequestDetail | null): void;
  onConflict(): void;
}) {
  const [form] = Form.useForm<ActionValues>();
  const [busy, setBusy] = useState(false);
  const initial: Record<string, unknown> = { on: dayjs() };
  if (action === 'askCorrection') initial.periodDays = 15;
  if (action === 'extend') Object.assign(initial, { days: 20, noticeOn: dayjs() });
  if (action === 'startConsultation') initial.party = 'third_party';
  if (action === 'feeNotice') Object.assign(initial, { method: 'per_item', periodDays: 20 });
  if (action === 'deliver') initial.method = request.delivery;

  const submit = async () => {
    let v: ActionValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body: Record<string, unknown> = { lockVersion: request.lockVersion };
    for (const [k, val] of Object.entries(v)) {
      if (val === undefined || val === null || val === '') continue;
      body[k] = dayjs.isDayjs(val) ? fromDayjs(val) : typeof val === 'string' ? val.trim() : val;
    }
    setBusy(true);
    try {
      const fresh = await post<RequestDetail>(`/api/requests/${request.id}/${requestActionPath(action)}`, body);
      showSuccess(`已${requestActionLabels[action]}`);
      onDone(fresh);
    } catch (e) {
      if (e instanceof ApiError && e.isConflict) {
        showConflict('其他人已先处理了该申请', e);
        onConflict();
        return;
      }
      if (e instanceof ApiError) applyFieldErrors(form, e);
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={requestActionLabels[action]}
      okText="确定"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ loading: busy, 'data-testid': 'action-ok' } as never}
      destroyOnHidden
      data-testid="action-modal"
    >
      <Form form={form} layout="vertical" initialValues={initial} data-testid={`action-form-${action}`}>
        <Form.Item name="on" label={onLabel[action] ?? '日期'} rules={[{ required: true, message: '请填写日期' }]}>
          <DatePicker data-testid="action-on" disabledDate={(x) => x.isAfter(dayjs(), 'day') || x.isBefore(dayjs(request.receivedOn), 'day')} />
        </Form.Item>
        <ActionFields action={action} request={request} />
      </Form>
    </Modal>
  );
}

/** 调整承办人: the agency admin names handler and backup (both 依申请公开承办人, different people), with a reason. */
function AssignModal({ request, onClose, onDone }: { request: RequestView; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ handlerId: string; backupHandlerId: string; reason: string }>();
  const [busy, setBusy] = useState(false);
  const handlers = useLoad((signal) => loadMemberOptions(request.agencyId, 'handler', signal), [request.agencyId]);
  const submit = async () => {
    let v: { handlerId: string; backupHandlerId: string; reason: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      await post(`/api/requests/${request.id}/assign`, { lockVersion: request.lockVersion, ...v, reason: v.reason.trim() });
      showSuccess('已调整承办人');
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.isConflict) {
        showConflict('其他人已先处理了该申请', e);
        onDone();
        return;
      }
      if (e instanceof ApiError) applyFieldErrors(form, e);
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="调整承办人" okText="确定" cancelText="取消" onOk={() => void submit()} onCancel={onClose} okButtonProps={{ loading: busy, 'data-testid': 'assign-ok' } as never} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ handlerId: request.handler?.id, backupHandlerId: request.backupHandler?.id }} data-testid="assign-form">
        <Form.Item name="handlerId" label="承办人（A角）" rules={[{ required: true, message: '请选择承办人' }]}>
          <Select data-testid="assign-handler" loading={handlers.loading} options={handlers.data ?? []} />
        </Form.Item>
        <Form.Item
          name="backupHandlerId"
          label="B角承办人"
          dependencies={['handlerId']}
          rules={[
            { required: true, message: '请选择B角承办人' },
            ({ getFieldValue }) => ({
              validator: (_, v?: string) => (v && v === getFieldValue('handlerId') ? Promise.reject(new Error('B角承办人不能与承办人相同')) : Promise.resolve()),
            }),
          ]}
        >
          <Select data-testid="assign-backup-handler" loading={handlers.loading} options={handlers.data ?? []} />
        </Form.Item>
        <Form.Item name="reason" label="调整理由" rules={[{ required: true, min: 2, message: '请填写调整理由' }, { max: 500 }]}>
          <Input.TextArea rows={2} data-testid="assign-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
