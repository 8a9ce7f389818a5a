/**
 * 用户与角色: accounts of the current agency, create (generated password shown once), roles
 * per agency including the review steps a reviewer decides, disable/enable, unlock, reset
 * the password. A sysadmin also grants platform roles and may list every account.
 */
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiError, get, patch, post } from '../lib/api.ts';
import { formatTime } from '../lib/dates.ts';
import { feedback, showError, showSuccess } from '../lib/feedback.ts';
import { applyFieldErrors } from '../lib/forms.ts';
import { useLoad } from '../lib/hooks.ts';
import { roleLabels } from '../lib/labels.ts';
import { useSession } from '../lib/session.tsx';
import type { Agency, AgencyRole, GlobalRole, UserView } from '../lib/types.ts';
import { PasswordModal } from '../components/PasswordModal.tsx';
import { SearchBox } from '../components/SearchBox.tsx';

const agencyRoles: AgencyRole[] = ['admin', 'drafter', 'reviewer', 'auditor', 'handler', 'approver'];

interface FormValues {
  username?: string;
  displayName: string;
  email?: string;
  password?: string;
  roles: AgencyRole[];
  steps: string[];
  globalRole?: GlobalRole | '';
}

export default function UsersPage() {
  const { agency, agencies, can, actor } = useSession();
  const users = useLoad((signal) => get<{ users: UserView[] }>('/api/users', undefined, signal), []);
  const [onlyHere, setOnlyHere] = useState(true);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<UserView | 'new' | null>(null);
  const [password, setPassword] = useState<{ username: string; password: string; title: string } | null>(null);

  const agencyName = (id: string) => agencies.find((a) => a.id === id)?.name ?? '其他单位';
  const rows = useMemo(() => {
    const all = users.data?.users ?? [];
    return all.filter((u) => {
      if (onlyHere && agency && !u.memberships.some((m) => m.agencyId === agency.id && m.roles.length > 0)) return false;
      if (q && !u.username.toLowerCase().includes(q.toLowerCase()) && !u.displayName.includes(q)) return false;
      return true;
    });
  }, [users.data, onlyHere, agency, q]);

  const update = async (u: UserView, body: Record<string, unknown>, done: string) => {
    try {
      await patch(`/api/users/${u.id}`, body);
      showSuccess(done);
      users.reload();
    } catch (e) {
      showError(e);
    }
  };

  const reset = async (u: UserView) => {
    try {
      const r = await post<{ password: string }>(`/api/users/${u.id}/reset-password`);
      setPassword({ username: u.username, password: r.password, title: '密码已重置' });
      users.reload();
    } catch (e) {
      showError(e);
    }
  };

  const stepName = (key: string) => agency?.reviewChain.find((s) => s.key === key)?.name ?? key;

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>用户与角色</Typography.Title>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-user">
          新增用户
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <SearchBox label="查找用户" placeholder="用户名或姓名" width={260} testid="user-search" onSearch={setQ} />
        {can.isSysadmin && (
          <Space>
            <Switch checked={onlyHere} onChange={setOnlyHere} aria-label="仅显示本单位用户" />
            <span>仅显示本单位用户</span>
          </Space>
        )}
        <Button icon={<ReloadOutlined />} onClick={users.reload}>
          刷新
        </Button>
      </Space>
      <Table<UserView>
        rowKey="id"
        loading={users.loading}
        dataSource={rows}
        data-testid="users-table"
        onRow={(u) => ({ 'data-username': u.username }) as HTMLAttributes<HTMLElement>}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '用户名', dataIndex: 'username', width: 140 },
          { title: '姓名', dataIndex: 'displayName', width: 120 },
          {
            title: '本单位角色',
            key: 'roles',
            render: (_, u) => {
              const m = u.memberships.find((x) => x.agencyId === agency?.id);
              return (
                <Space size={[4, 4]} wrap>
                  {u.globalRole && <Tag color="red">{roleLabels[u.globalRole]}</Tag>}
                  {m?.roles.map((r) => (
                    <Tag key={r} color={r === 'admin' ? 'volcano' : r === 'reviewer' ? 'blue' : 'default'}>
                      {roleLabels[r]}
                    </Tag>
                  ))}
                  {m && m.steps.length > 0 && <Typography.Text type="secondary">审核步骤：{m.steps.map(stepName).join('、')}</Typography.Text>}
                  {u.memberships
                    .filter((x) => x.agencyId !== agency?.id && x.roles.length > 0)
                    .map((x) => (
                      <Tag key={x.agencyId} bordered={false}>
                        {agencyName(x.agencyId)}
                      </Tag>
                    ))}
                </Space>
              );
            },
          },
          {
            title: '状态',
            key: 'state',
            width: 150,
            render: (_, u) => (
              <Space size={4} wrap>
                {u.disabled ? <Tag color="default">已停用</Tag> : <Tag color="success">正常</Tag>}
                {u.locked && <Tag color="error">已锁定</Tag>}
                {u.mustChangePassword && <Tag color="warning">待改密</Tag>}
              </Space>
            ),
          },
          { title: '创建时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
          {
            title: '操作',
            key: 'ops',
            width: 280,
            render: (_, u) => {
              const self = u.id === actor.userId;
              return (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => setEditing(u)} data-testid="edit-user">
                    编辑
                  </Button>
                  {u.locked && (
                    <Button type="link" size="small" onClick={() => void update(u, { unlock: true }, '已解锁')}>
                      解锁
                    </Button>
                  )}
                  {!self && (
                    <Popconfirm
                      title={u.disabled ? `启用 ${u.displayName}？` : `停用 ${u.displayName}？停用后其会话立即失效。`}
                      okText="确定"
                      cancelText="取消"
                      onConfirm={() => update(u, { disabled: !u.disabled }, u.disabled ? '已启用' : '已停用')}
                    >
                      <Button type="link" size="small" danger={!u.disabled}>
                        {u.disabled ? '启用' : '停用'}
                      </Button>
                    </Popconfirm>
                  )}
                  {!self && (
                    <Popconfirm title={`重置 ${u.displayName} 的密码？旧密码立即失效。`} okText="重置" cancelText="取消" onConfirm={() => reset(u)}>
                      <Button type="link" size="small">
                        重置密码
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      {editing && agency && (
        <UserModal
          user={editing === 'new' ? null : editing}
          agency={agency}
          isSysadmin={can.isSysadmin}
          onClose={() => setEditing(null)}
          onSaved={(created) => {
            setEditing(null);
            users.reload();
            if (created?.password) setPassword({ username: created.user.username, password: created.password, title: '用户已创建' });
          }}
        />
      )}
      <PasswordModal shown={password} title={password?.title ?? ''} onClose={() => setPassword(null)} />
    </Card>
  );
}

function UserModal(props: {
  user: UserView | null;
  agency: Agency;
  isSysadmin: boolean;
  onClose(): void;
  onSaved(created?: { user: UserView; password?: string }): void;
}) {
  const { user, agency } = props;
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const m = user?.memberships.find((x) => x.agencyId === agency.id);
  const roles = Form.useWatch('roles', form);

  const save = async () => {
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const steps = v.roles.includes('reviewer') ? v.steps : [];
    const membership = { agencyId: agency.id, roles: v.roles, steps };
    setBusy(true);
    try {
      if (!user) {
        const body: Record<string, unknown> = {
          username: v.username!.trim(),
          displayName: v.displayName.trim(),
          ...(v.email?.trim() ? { email: v.email.trim() } : {}),
          memberships: v.roles.length ? [membership] : [],
          ...(v.password ? { password: v.password } : {}),
          ...(props.isSysadmin && v.globalRole ? { globalRole: v.globalRole } : {}),
        };
        const r = await post<{ user: UserView; password?: string }>('/api/users', body);
        showSuccess('用户已创建');
        props.onSaved(r);
      } else {
        const body: Record<string, unknown> = { displayName: v.displayName.trim(), email: v.email?.trim() ?? '', memberships: [membership] };
        if (props.isSysadmin && (v.globalRole || null) !== user.globalRole) body.globalRole = v.globalRole || null;
        await patch(`/api/users/${user.id}`, body);
        showSuccess('已保存');
        props.onSaved();
      }
    } catch (e) {
      if (e instanceof ApiError) {
        applyFieldErrors(form, e, { 'memberships.0.roles': 'roles', 'memberships.0.steps': 'steps', memberships: 'roles' });
        void feedback.message?.error(e.message);
      } else showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={user ? `编辑用户：${user.displayName}` : '新增用户'}
      okText="保存"
      cancelText="取消"
      onOk={() => void save()}
      onCancel={props.onClose}
      okButtonProps={{ loading: busy, 'data-testid': 'save-user' }}
      destroyOnHidden
      width={560}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        name="user"
        initialValues={{ displayName: user?.displayName ?? '', email: user?.email ?? '', roles: m?.roles ?? [], steps: m?.steps ?? [], globalRole: user?.globalRole ?? '' }}
      >
        {!user && (
          <Form.Item
            label="用户名"
            name="username"
            rules={[
              { required: true, message: '请输入用户名' },
              { pattern: /^[A-Za-z0-9._-]{2,32}$/, message: '用户名为 2–32 位字母、数字或 ._-' },
            ]}
          >
            <Input autoComplete="off" data-testid="user-username" />
          </Form.Item>
        )}
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50 }]}>
          <Input data-testid="user-display-name" />
        </Form.Item>
        <Form.Item label="电子邮箱" name="email" extra="用于接收期限提醒邮件，可留空。" rules={[{ type: 'email', message: '电子邮箱格式不正确' }, { max: 254 }]}>
          <Input data-testid="user-email" autoComplete="off" />
        </Form.Item>
        {!user && (
          <Form.Item label="初始密码" name="password" extra="留空则自动生成（只显示一次）。对方首次登录时须修改密码。">
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
        <Form.Item label={`在“${agency.name}”的角色`} name="roles">
          <Checkbox.Group data-testid="user-roles" options={agencyRoles.map((r) => ({ value: r, label: roleLabels[r] }))} />
        </Form.Item>
        {roles?.includes('reviewer') && (
          <Form.Item
            label="负责的审核步骤"
            name="steps"
            rules={[{ type: 'array', min: 1, message: '审核人至少负责一个审核步骤' }]}
            extra="来自本单位的审核流程（单位设置 → 审核流程）。"
          >
            <Checkbox.Group data-testid="user-steps" options={agency.reviewChain.map((s) => ({ value: s.key, label: s.name }))} />
          </Form.Item>
        )}
        {props.isSysadmin && (
          <Form.Item label="平台角色" name="globalRole">
            <Select
              data-testid="user-global-role"
              options={[
                { value: '', label: '无' },
                { value: 'sysadmin', label: roleLabels.sysadmin },
                { value: 'supervisor', label: roleLabels.supervisor },
              ]}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
