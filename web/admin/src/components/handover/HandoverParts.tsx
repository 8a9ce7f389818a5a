/**
 * Pieces of the two-signature handover (交接) shared by 交接待办 (/handovers) and the 交接 tab of
 * AB岗与交接: the checklist (items added after signing marked 新增), the state tag, the 待办 list
 * where the successor signs and the approver approves with their own password, and the history.
 */
import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Empty, Form, Input, List, Modal, Space, Table, Tag, Typography } from 'antd';
import { ApiError, get, post } from '../../lib/api.ts';
import { showError, showSuccess } from '../../lib/feedback.ts';
import { useLoad } from '../../lib/hooks.ts';
import { roleLabels } from '../../lib/labels.ts';
import { useSession } from '../../lib/session.tsx';
import { beijingTime, handoverStatusLabels, type HandoverDetail, type HandoverHistoryRow, type HandoverSummary, type MarkedChecklist } from '../../lib/handover.ts';
import type { HandoverChecklist } from '../../lib/staff.ts';

export function HandoverStatusTag({ status }: { status: HandoverSummary['status'] }) {
  const s = handoverStatusLabels[status];
  return (
    <Tag color={s.color} data-testid="handover-status" data-status={status}>
      {s.text}
    </Tag>
  );
}

const NewTag = ({ added }: { added?: boolean | undefined }) =>
  added ? (
    <Tag color="magenta" data-testid="handover-new" style={{ marginLeft: 6 }}>
      新增
    </Tag>
  ) : null;

/** The checklist, item by item (memberships, drafts, review steps, requests, AB duties). */
export function ChecklistView({ c, title, testId = 'handover-checklist' }: { c: MarkedChecklist | HandoverChecklist; title: string; testId?: string }) {
  const { agencies, agency } = useSession();
  const agencyName = (id: string) => agencies.find((a) => a.id === id)?.name ?? id;
  const stepName = (key: string) => agency?.reviewChain.find((s) => s.key === key)?.name ?? key;
  const m = c as MarkedChecklist;
  return (
    <Card size="small" title={title} data-testid={testId}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="单位角色">
          {m.memberships.length === 0
            ? '无'
            : m.memberships.map((x) => (
                <div key={x.agencyId} data-testid="handover-membership">
                  {agencyName(x.agencyId)}：{x.roles.map((r) => roleLabels[r as keyof typeof roleLabels] ?? r).join('、') || '无角色'}
                  {x.steps.length > 0 && `；审核步骤 ${x.steps.map(stepName).join('、')}`}
                  <NewTag added={x.added} />
                </div>
              ))}
        </Descriptions.Item>
        <Descriptions.Item label={`未完成稿件（${String(m.openDocuments.length)}）`}>
          {m.openDocuments.length === 0 ? (
            '无'
          ) : (
            <List
              size="small"
              data-testid="handover-documents"
              dataSource={m.openDocuments}
              renderItem={(d) => (
                <List.Item data-testid="handover-document" data-added={d.added ? 'true' : 'false'}>
                  <span>
                    {d.title} <Typography.Text type="secondary">{d.indexNo}</Typography.Text>
                    <NewTag added={d.added} />
                  </span>
                </List.Item>
              )}
            />
          )}
        </Descriptions.Item>
        <Descriptions.Item label="审核步骤">
          {m.reviewSteps.length === 0
            ? '无'
            : m.reviewSteps.map((s) => (
                <div key={`${s.agencyId}-${s.step}`} data-testid="handover-step">
                  {stepName(s.step)}：{s.soleHolder ? <Tag color="error">唯一审核人，交接后由接手人承担</Tag> : <span>另有 {s.otherHolders.join('、')}</span>}
                  <NewTag added={s.added} />
                </div>
              ))}
        </Descriptions.Item>
        <Descriptions.Item label={`依申请公开承办（${String(m.requests.length)}）`}>
          {m.requests.length === 0
            ? '无'
            : m.requests.map((r) => (
                <div key={`${r.id}-${r.role}`} data-testid="handover-request">
                  申请 {r.trackingNo} · {r.stateName} · {r.role === 'handler' ? '承办人' : 'B角承办人'}
                  <NewTag added={r.added} />
                </div>
              ))}
        </Descriptions.Item>
        <Descriptions.Item label={`留言办理（${String(m.feedback?.length ?? 0)}）`}>
          {!m.feedback?.length
            ? '无'
            : m.feedback.map((f) => (
                <div key={f.id} data-testid="handover-feedback">
                  {f.receivedOn} 收到的{f.kindName} · 答复期限 {f.dueOn}
                  <NewTag added={f.added} />
                </div>
              ))}
        </Descriptions.Item>
        <Descriptions.Item label="AB岗">
          {m.duties.length === 0
            ? '无'
            : m.duties.map((d) => (
                <Tag key={`${d.id}-${d.post}`} data-testid="handover-duty">
                  {d.kindName}（{d.post}岗）
                  {d.added ? ' 新增' : ''}
                </Tag>
              ))}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        依申请公开的截止提醒随承办人转移；站内通知无需交接。交接完成后将停用交出人账号 {c.account.username}（{c.account.displayName}）。
      </Typography.Paragraph>
    </Card>
  );
}

/**
 * 待办: handovers waiting for the signed-in user's signature (接手人) or approval (审批人). Each
 * opens the checklist; the user ticks that they checked every item, re-enters their password and
 * signs / approves, or refuses with a reason.
 */
export function HandoverTasks({ onChange, emptyText }: { onChange?: () => void; emptyText?: string }) {
  const tasks = useLoad((signal) => get<{ handovers: HandoverSummary[] }>('/api/handovers', { mine: '1' }, signal).then((r) => r.handovers), []);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = tasks.data ?? [];
  if (!tasks.loading && list.length === 0 && !emptyText) return null;
  return (
    <Card size="small" title="交接待办（待我签收 / 待我审批）" data-testid="handover-tasks">
      {list.length === 0 ? (
        <Empty description={emptyText} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {list.map((h) => (
            <Card
              key={h.id}
              size="small"
              data-testid="handover-task"
              data-from={h.from.displayName}
              title={
                <Space>
                  {h.actions.includes('sign') ? '待我签收' : '待我审批'}：{h.from.displayName} 离岗交接
                  <HandoverStatusTag status={h.status} />
                </Space>
              }
              extra={
                openId !== h.id && (
                  <Button type="primary" data-testid="handover-open" onClick={() => setOpenId(h.id)}>
                    {h.actions.includes('sign') ? '核对并签收' : '核对并审批'}
                  </Button>
                )
              }
            >
              <Typography.Text type="secondary">
                发起人 {h.createdBy.displayName} · {beijingTime(h.createdAt)} · 接手人 {h.to.displayName}
                {h.signedAt ? `（${beijingTime(h.signedAt)} 已签收）` : ''} · 审批人 {h.approver.displayName}
              </Typography.Text>
              {openId === h.id && (
                <SignPanel
                  id={h.id}
                  onDone={() => {
                    setOpenId(null);
                    tasks.reload();
                    onChange?.();
                  }}
                />
              )}
            </Card>
          ))}
        </Space>
      )}
    </Card>
  );
}

function SignPanel({ id, onDone }: { id: string; onDone: () => void }) {
  const d = useLoad((signal) => get<{ handover: HandoverDetail }>(`/api/handovers/${id}`, undefined, signal).then((r) => r.handover), [id]);
  const [checked, setChecked] = useState(false);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const h = d.data;
  if (!h) return <Typography.Paragraph type="secondary">正在载入交接清单…</Typography.Paragraph>;
  const isSign = h.actions.includes('sign');
  const act = isSign ? 'sign' : 'approve';

  const submit = async () => {
    setBusy(true);
    setPasswordError(null);
    try {
      const r = await post<{ handover: HandoverDetail }>(`/api/handovers/${id}/${act}`, { password, fingerprint: h.fingerprint });
      showSuccess(isSign ? '已签收，等待部门负责人审批' : `交接已完成：移交稿件 ${String(r.handover.reassigned?.documents ?? 0)} 件，${h.from.displayName} 的账号已停用`);
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.fields.password) setPasswordError(e.fields.password);
      else if (e instanceof ApiError && e.status === 409) {
        showError(e);
        setChecked(false);
        d.reload();
      } else showError(e);
    } finally {
      setBusy(false);
    }
  };

  const reject = async () => {
    try {
      await post(`/api/handovers/${id}/reject`, { reason });
      showSuccess(isSign ? '已拒绝签收' : '已驳回');
      setRejecting(false);
      onDone();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', marginTop: 12 }} data-testid="handover-sign-panel">
      {!isSign && h.signedChecklist && <ChecklistView c={h.signedChecklist} title={`接手人签收的清单（${beijingTime(h.signedAt)}）`} testId="handover-signed-checklist" />}
      {!isSign && (h.added ?? 0) > 0 && <Alert type="warning" showIcon data-testid="handover-added" title={`签收后新增 ${String(h.added)} 项（标记为「新增」），审批后一并移交`} />}
      {!isSign && (h.removed ?? []).length > 0 && <Alert type="info" showIcon title={`签收后已不在清单：${(h.removed ?? []).join('；')}`} />}
      <ChecklistView c={h.checklist} title={isSign ? `交接清单：${h.from.displayName}（${h.checklist.account.username}）` : '当前交接清单（审批后按此执行）'} />
      <Form layout="vertical" style={{ maxWidth: 520 }}>
        <Form.Item>
          <Checkbox data-testid="handover-reviewed" checked={checked} onChange={(e) => setChecked(e.target.checked)}>
            {isSign ? '本人已逐项核对交接清单，同意签收' : '本人已核对交接清单（含签收后新增事项），同意交接'}
          </Checkbox>
        </Form.Item>
        <Form.Item label="登录密码（电子签名）" required validateStatus={passwordError ? 'error' : undefined} help={passwordError ?? '请输入您本人的登录密码确认签名'}>
          <Input.Password data-testid="handover-password" autoComplete="current-password" value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              setPasswordError(null);
            }}
          />
        </Form.Item>
        <Space>
          <Button type="primary" danger={!isSign} disabled={!checked || !password} loading={busy} onClick={() => void submit()} data-testid={isSign ? 'handover-sign' : 'handover-approve'}>
            {isSign ? '签收' : '审批并执行交接'}
          </Button>
          <Button onClick={() => setRejecting(true)} data-testid="handover-reject">
            {isSign ? '拒绝签收' : '驳回'}
          </Button>
        </Space>
      </Form>
      <Modal open={rejecting} title={isSign ? '拒绝签收' : '驳回交接'} okText="确定" cancelText="取消" onOk={() => void reject()} onCancel={() => setRejecting(false)} okButtonProps={{ disabled: !reason.trim(), 'data-testid': 'handover-reject-ok' } as never} destroyOnHidden>
        <Input.TextArea data-testid="handover-reject-reason" rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="请填写理由" />
      </Modal>
    </Space>
  );
}

/** Handovers of the agency in every state: who left, the successor and when they signed, the approver and when they approved. */
export function HandoverHistory({ rows, loading }: { rows: HandoverHistoryRow[]; loading: boolean }) {
  return (
    <Card size="small" title="交接记录" data-testid="handover-history">
      <Table<HandoverHistoryRow>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无交接记录' }}
        onRow={(r) => ({ 'data-testid': 'handover-history-row', 'data-from': r.from.displayName, 'data-status': r.status }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: '交出人', render: (_, r) => r.from.displayName },
          { title: '状态', render: (_, r) => <HandoverStatusTag status={r.status} /> },
          { title: '发起', render: (_, r) => `${r.createdBy.displayName} ${beijingTime(r.createdAt)}` },
          { title: '接手人签收', render: (_, r) => `${r.signedBy.displayName}${r.signedAt ? ` ${beijingTime(r.signedAt)}` : r.status === 'completed' ? '（管理员代为确认）' : '（未签收）'}` },
          { title: '负责人审批', render: (_, r) => `${r.approvedBy.displayName}${r.approvedAt ? ` ${beijingTime(r.approvedAt)}` : r.status === 'completed' ? '（管理员代为确认）' : '（未审批）'}` },
          {
            title: '移交内容',
            render: (_, r) =>
              r.status === 'completed'
                ? `稿件 ${String(r.counts.documents)}、角色 ${String(r.counts.memberships)}、依申请公开 ${String(r.counts.requests)}、留言 ${String(r.counts.feedback ?? 0)}、AB岗 ${String(r.counts.duties)}${r.addedAfterSigning ? `（签收后新增 ${String(r.addedAfterSigning)} 项）` : ''}`
                : '—',
          },
          {
            title: '备注',
            render: (_, r) =>
              [
                r.rejectedBy ? `${r.rejectedBy.displayName}于${beijingTime(r.rejectedAt)}拒绝：${r.rejectReason ?? ''}` : null,
                r.cancelledBy ? `${r.cancelledBy.displayName}于${beijingTime(r.cancelledAt)}撤销` : null,
                ...r.notes,
              ]
                .filter(Boolean)
                .join('；') || '—',
          },
        ]}
      />
    </Card>
  );
}
