/**
 * AB岗与交接 (administrators): the agency's duties with their A and B holders (incomplete ones
 * flagged) and who is on duty today; leave entry; and 交接: pick a leaving user → checklist
 * preview → start; the successor signs and the department head approves in their own sessions
 * (交接待办, also shown here); the open handovers and the history.
 */
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Button, Card, DatePicker, Empty, Form, Input, List, Modal, Select, Space, Steps, Table, Tabs, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { ApiError, get, post, request } from '../lib/api.ts';
import { fromDayjs, type Dayjs } from '../lib/dates.ts';
import { feedback, showError, showSuccess } from '../lib/feedback.ts';
import { applyFieldErrors } from '../lib/forms.ts';
import { useLoad } from '../lib/hooks.ts';
import { useLocation, navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { loadAgencyUsers, type CatalogArea, type DutyPerson, type DutyView, type HandoverChecklist, type PostsAnswer } from '../lib/staff.ts';
import { ChecklistView, HandoverHistory, HandoverStatusTag, HandoverTasks } from '../components/handover/HandoverParts.tsx';
import { beijingTime, type HandoverHistoryRow, type HandoverSummary } from '../lib/handover.ts';
import type { UserView } from '../lib/types.ts';

export default function PostsPage() {
  const { query } = useLocation();
  const tab = query.get('tab') === 'handover' ? 'handover' : 'posts';
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>AB岗与交接</Typography.Title>}>
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(k === 'handover' ? '/posts?tab=handover' : '/posts', { replace: true })}
        items={[
          { key: 'posts', label: <span data-testid="tab-posts">AB岗</span>, children: <Posts /> },
          { key: 'handover', label: <span data-testid="tab-handover">交接</span>, children: <Handover /> },
        ]}
      />
    </Card>
  );
}

function useMembers(agencyId: string | undefined) {
  return useLoad((signal) => (agencyId ? loadAgencyUsers(agencyId, undefined, signal) : Promise.resolve([] as UserView[])), [agencyId]);
}

function Holder({ p, post }: { p: DutyPerson | null; post: 'A' | 'B' }) {
  if (!p)
    return (
      <Tag color="error" icon={<WarningOutlined />} data-testid={`missing-${post}`}>
        未设置{post}岗
      </Tag>
    );
  return (
    <span>
      {p.displayName ?? p.id}
      {p.disabled && (
        <Tag color="error" style={{ marginLeft: 4 }}>
          已停用
        </Tag>
      )}
    </span>
  );
}

function Posts() {
  const { agency } = useSession();
  const posts = useLoad((signal) => (agency ? get<PostsAnswer>('/api/posts', { agencyId: agency.id }, signal) : Promise.resolve(null)), [agency?.id]);
  const members = useMembers(agency?.id);
  const [editing, setEditing] = useState<DutyView | 'newItem' | null>(null);
  const [leaveOpen, setLeaveOpen] = useState(false);
  const p = posts.data;
  const memberOptions = (members.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<ReloadOutlined />} onClick={posts.reload} aria-label="刷新" />
        <Button icon={<PlusOutlined />} onClick={() => setEditing('newItem')} data-testid="new-item-duty">
          为目录事项设置AB岗
        </Button>
        <Button onClick={() => setLeaveOpen(true)} data-testid="new-leave">
          登记请假
        </Button>
        {p && p.unassignedCatalogItems > 0 && <Typography.Text type="secondary">还有 {p.unassignedCatalogItems} 个目录事项未设置AB岗</Typography.Text>}
      </Space>
      <Table<DutyView>
        data-testid="duties-table"
        rowKey={(d) => d.id ?? d.kind}
        size="middle"
        loading={posts.loading}
        dataSource={p?.duties ?? []}
        pagination={false}
        onRow={(d) => ({ 'data-testid': 'duty-row', 'data-kind': d.kind, 'data-flagged': String(d.flagged) }) as HTMLAttributes<HTMLElement>}
        scroll={{ x: 900 }}
        columns={[
          {
            title: '职责',
            key: 'name',
            render: (_: unknown, d) => (
              <Space orientation="vertical" size={0}>
                <span>{d.name}</span>
                {d.kind === 'catalogItem' && <Typography.Text type="secondary">{d.kindName}</Typography.Text>}
              </Space>
            ),
          },
          { title: 'A岗', key: 'a', width: 160, render: (_: unknown, d) => <Holder p={d.holderA} post="A" /> },
          { title: 'B岗', key: 'b', width: 160, render: (_: unknown, d) => <Holder p={d.holderB} post="B" /> },
          {
            title: `在岗（${p?.date ?? ''}）`,
            key: 'current',
            width: 220,
            render: (_: unknown, d) => (
              <Space orientation="vertical" size={0}>
                <span>{d.current.displayName ?? <Typography.Text type="danger">无人在岗</Typography.Text>}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {d.current.reason}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '问题',
            key: 'problems',
            width: 200,
            render: (_: unknown, d) =>
              d.flagged ? (
                <Space size={[0, 4]} wrap data-testid="duty-problems">
                  {d.problems.map((x) => (
                    <Tag key={x} color="error">
                      {x}
                    </Tag>
                  ))}
                </Space>
              ) : (
                <Tag color="success">齐全</Tag>
              ),
          },
          {
            title: '操作',
            key: 'op',
            width: 90,
            render: (_: unknown, d) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(d)} data-testid="edit-duty">
                设置
              </Button>
            ),
          },
        ]}
      />
      <Card size="small" title="请假记录">
        <Table
          data-testid="leaves-table"
          rowKey="id"
          size="small"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={p?.leaves ?? []}
          locale={{ emptyText: '暂无请假记录' }}
          columns={[
            { title: '人员', dataIndex: 'displayName' },
            { title: '开始', dataIndex: 'startsOn', width: 120 },
            { title: '结束', dataIndex: 'endsOn', width: 120 },
            { title: '事由', dataIndex: 'reason' },
          ]}
        />
      </Card>
      {editing && agency && (
        <DutyModal
          agencyId={agency.id}
          duty={editing === 'newItem' ? null : editing}
          memberOptions={memberOptions}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            posts.reload();
          }}
        />
      )}
      {leaveOpen && agency && (
        <LeaveModal
          agencyId={agency.id}
          memberOptions={memberOptions}
          onClose={() => setLeaveOpen(false)}
          onSaved={() => {
            setLeaveOpen(false);
            posts.reload();
          }}
        />
      )}
    </Space>
  );
}

function DutyModal({
  agencyId,
  duty,
  memberOptions,
  onClose,
  onSaved,
}: {
  agencyId: string;
  duty: DutyView | null;
  memberOptions: { value: string; label: string }[];
  onClose(): void;
  onSaved(): void;
}) {
  const [form] = Form.useForm<{ catalogItemId?: string; holderA?: string; holderB?: string }>();
  const [busy, setBusy] = useState(false);
  const catalog = useLoad((signal) => (duty ? Promise.resolve(null) : get<{ areas: CatalogArea[] }>('/api/catalog', { agencyId }, signal)), [agencyId, !!duty]);
  const itemOptions = useMemo(
    () => (catalog.data?.areas ?? []).map((a) => ({ label: a.name, title: a.name, options: a.items.map((i) => ({ value: i.id, label: `${i.level1} / ${i.level2}` })) })),
    [catalog.data],
  );

  const save = async () => {
    let v: { catalogItemId?: string; holderA?: string; holderB?: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      await request('PUT', '/api/posts', {
        body: {
          agencyId,
          kind: duty?.kind ?? 'catalogItem',
          catalogItemId: duty ? duty.catalogItemId : v.catalogItemId,
          holderA: v.holderA ?? null,
          holderB: v.holderB ?? null,
        },
      });
      showSuccess('AB岗已保存');
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) applyFieldErrors(form, e);
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={duty ? `设置AB岗：${duty.name}` : '为目录事项设置AB岗'}
      okText="保存"
      cancelText="取消"
      onOk={() => void save()}
      onCancel={onClose}
      okButtonProps={{ loading: busy, 'data-testid': 'save-duty' } as never}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ holderA: duty?.holderA?.id, holderB: duty?.holderB?.id }}>
        {!duty && (
          <Form.Item name="catalogItemId" label="目录事项" rules={[{ required: true, message: '请选择目录事项' }]}>
            <Select data-testid="duty-item" showSearch={{ optionFilterProp: 'label' }} loading={catalog.loading} options={itemOptions} />
          </Form.Item>
        )}
        <Form.Item name="holderA" label="A岗（主办）">
          <Select data-testid="duty-holder-a" allowClear showSearch={{ optionFilterProp: 'label' }} options={memberOptions} placeholder="未设置" />
        </Form.Item>
        <Form.Item
          name="holderB"
          label="B岗（A岗不在时顶岗）"
          dependencies={['holderA']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v?: string) => (v && v === getFieldValue('holderA') ? Promise.reject(new Error('A岗与B岗不能为同一人')) : Promise.resolve()),
            }),
          ]}
        >
          <Select data-testid="duty-holder-b" allowClear showSearch={{ optionFilterProp: 'label' }} options={memberOptions} placeholder="未设置" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LeaveModal({ agencyId, memberOptions, onClose, onSaved }: { agencyId: string; memberOptions: { value: string; label: string }[]; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<{ userId: string; range: [Dayjs, Dayjs]; reason?: string }>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    let v: { userId: string; range: [Dayjs, Dayjs]; reason?: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      await post('/api/posts/leaves', { agencyId, userId: v.userId, startsOn: fromDayjs(v.range[0]), endsOn: fromDayjs(v.range[1]), reason: v.reason ?? '' });
      showSuccess('请假已登记，期间由B岗顶岗');
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) applyFieldErrors(form, e);
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="登记请假" okText="登记" cancelText="取消" onOk={() => void save()} onCancel={onClose} okButtonProps={{ loading: busy, 'data-testid': 'save-leave' } as never} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="userId" label="人员" rules={[{ required: true, message: '请选择人员' }]}>
          <Select data-testid="leave-user" showSearch={{ optionFilterProp: 'label' }} options={memberOptions} />
        </Form.Item>
        <Form.Item name="range" label="请假日期（含首尾）" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker.RangePicker data-testid="leave-range" />
        </Form.Item>
        <Form.Item name="reason" label="事由" rules={[{ max: 200 }]}>
          <Input data-testid="leave-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 交接 (administrators): start a handover (pick the leaver, review the checklist, name the
 * successor who signs and the department head who approves); the open ones with their state
 * (the initiator may cancel); my own 待办; the history. Nothing moves until the approver approves.
 */
function Handover() {
  const { agency, actor } = useSession();
  const members = useMembers(agency?.id);
  const [fromId, setFromId] = useState<string | undefined>(undefined);
  const [toId, setToId] = useState<string | undefined>(undefined);
  const [approverId, setApproverId] = useState<string | undefined>(actor.userId);
  const [busy, setBusy] = useState(false);
  const preview = useLoad(
    (signal) => (fromId ? get<{ checklist: HandoverChecklist }>('/api/handover/preview', { userId: fromId }, signal).then((r) => r.checklist) : Promise.resolve(null)),
    [fromId],
  );
  const open = useLoad((signal) => get<{ handovers: HandoverSummary[] }>('/api/handovers', undefined, signal).then((r) => r.handovers), []);
  const history = useLoad(
    (signal) => (agency ? get<{ handovers: HandoverHistoryRow[] }>('/api/handover/history', { agencyId: agency.id }, signal).then((r) => r.handovers) : Promise.resolve([])),
    [agency?.id],
  );
  const list = members.data ?? [];
  const nameOf = (id: string | undefined) => list.find((u) => u.id === id)?.displayName ?? (id === actor.userId ? actor.displayName : '');
  const busyLeavers = new Set((open.data ?? []).map((h) => h.from.id));
  const leavers = list.filter((u) => u.id !== actor.userId).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）`, disabled: busyLeavers.has(u.id) }));
  const successors = list.filter((u) => u.id !== fromId).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }));
  const approvers = list
    .filter((u) => u.id !== fromId && u.id !== toId && (u.globalRole === 'sysadmin' || u.memberships.some((m) => m.agencyId === agency?.id && m.roles.includes('admin'))))
    .map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }));
  const c = preview.data;
  const step = !fromId ? 0 : !toId || !approverId ? 1 : 2;
  const reloadAll = () => {
    open.reload();
    history.reload();
    members.reload();
  };

  const start = () => {
    if (!fromId || !toId || !approverId) return;
    void feedback.modal?.confirm({
      title: '发起交接？',
      content: `交接清单将送「${nameOf(toId)}」本人逐项核对并签收，再由「${nameOf(approverId)}」审批；审批通过时「${nameOf(fromId)}」的全部事项一次性移交，账号随即停用。在此之前不会移动任何事项。`,
      okText: '发起交接',
      cancelText: '取消',
      okButtonProps: { 'data-testid': 'confirm-handover' } as never,
      onOk: async () => {
        setBusy(true);
        try {
          await post('/api/handovers', { fromUserId: fromId, toUserId: toId, approverId });
          showSuccess('交接已发起，已通知接手人签收');
          setFromId(undefined);
          setToId(undefined);
          reloadAll();
        } catch (e) {
          showError(e);
        } finally {
          setBusy(false);
        }
      },
    });
  };

  const cancel = (h: HandoverSummary) => {
    void feedback.modal?.confirm({
      title: `撤销「${h.from.displayName}」的交接？`,
      content: '撤销后不会移动任何事项，可重新发起。',
      okText: '撤销交接',
      cancelText: '返回',
      okButtonProps: { danger: true, 'data-testid': 'confirm-cancel-handover' } as never,
      onOk: async () => {
        try {
          await post(`/api/handovers/${h.id}/cancel`);
          showSuccess('交接已撤销');
          reloadAll();
        } catch (e) {
          showError(e);
        }
      },
    });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <HandoverTasks onChange={reloadAll} />
      {(open.data ?? []).length > 0 && (
        <Card size="small" title="进行中的交接" data-testid="handover-open-list">
          <List
            size="small"
            dataSource={open.data ?? []}
            renderItem={(h) => (
              <List.Item
                data-testid="handover-open-row"
                data-from={h.from.displayName}
                actions={h.actions.includes('cancel') ? [<Button key="cancel" size="small" onClick={() => cancel(h)} data-testid="handover-cancel">撤销</Button>] : []}
              >
                <Space wrap>
                  <HandoverStatusTag status={h.status} />
                  {h.from.displayName} → {h.to.displayName}
                  <Typography.Text type="secondary">
                    审批人 {h.approver.displayName} · 发起 {beijingTime(h.createdAt)}
                    {h.signedAt ? ` · 签收 ${beijingTime(h.signedAt)}` : ''}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Steps current={step} size="small" items={[{ title: '选择交出人' }, { title: '核对清单，指定接手人与审批人' }, { title: '发起，待接手人签收、负责人审批' }]} />
      <Form layout="inline">
        <Form.Item label="交出人">
          <Select
            style={{ width: 260 }}
            data-testid="handover-from"
            showSearch={{ optionFilterProp: 'label' }}
            loading={members.loading}
            value={fromId}
            onChange={(v: string) => {
              setFromId(v);
              if (toId === v) setToId(undefined);
            }}
            options={leavers}
            placeholder="选择离岗人员"
          />
        </Form.Item>
      </Form>
      {fromId && !c && preview.loading && <Typography.Text type="secondary">正在生成交接清单…</Typography.Text>}
      {c && <ChecklistView c={c} title={`交接清单：${c.account.displayName}（${c.account.username}）`} />}
      {c && (
        <Form layout="vertical" style={{ maxWidth: 520 }}>
          <Form.Item label="接手人（签收人）" required extra="接手人本人登录后逐项核对清单，并输入本人密码签收">
            <Select data-testid="handover-to" showSearch={{ optionFilterProp: 'label' }} value={toId} onChange={(v: string) => setToId(v)} options={successors} placeholder="选择接手人" />
          </Form.Item>
          <Form.Item label="审批人（部门负责人）" required extra="须为交出人所在单位的管理员，且不是交接双方；签收后由其本人输入密码审批">
            <Select data-testid="handover-approver" showSearch={{ optionFilterProp: 'label' }} value={approverId} onChange={setApproverId} options={approvers} placeholder="选择审批人" />
          </Form.Item>
          {list.length === 0 && <Empty />}
          <Button type="primary" disabled={!toId || !approverId} loading={busy} onClick={start} data-testid="start-handover">
            发起交接
          </Button>
        </Form>
      )}
      <HandoverHistory rows={history.data ?? []} loading={history.loading} />
    </Space>
  );
}
