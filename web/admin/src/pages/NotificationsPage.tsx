/**
 * 提醒: the signed-in user's notifications (deadline reminders …), newest first; opening one
 * marks it read and goes to its page. Also the user's own e-mail address for reminder e-mails.
 */
import { useEffect, useState } from 'react';
import { Button, Card, Form, Input, List, Space, Switch, Tag, Typography } from 'antd';
import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiError, get, patch, post } from '../lib/api.ts';
import { formatTime } from '../lib/dates.ts';
import { showError, showSuccess } from '../lib/feedback.ts';
import { applyFieldErrors } from '../lib/forms.ts';
import { useLoad } from '../lib/hooks.ts';
import { NOTIFICATIONS_CHANGED, type NotificationPage, type NotificationView } from '../lib/notifications.ts';
import { navigate } from '../lib/router.tsx';

const changed = () => window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));

export default function NotificationsPage() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useLoad(
    (signal) => get<NotificationPage>('/api/notifications', { unread: unreadOnly ? 'true' : undefined, page, pageSize }, signal),
    [unreadOnly, page, pageSize],
  );

  const open = async (n: NotificationView) => {
    try {
      if (!n.readAt) {
        await post(`/api/notifications/${n.id}/read`);
        changed();
      }
      if (n.link) navigate(n.link);
      else list.reload();
    } catch (e) {
      showError(e);
    }
  };

  const readAll = async () => {
    try {
      const r = await post<{ updated: number }>('/api/notifications/read-all');
      showSuccess(`已将 ${r.updated} 条提醒标为已读`);
      changed();
      list.reload();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={<Typography.Title level={4} style={{ margin: 0 }}>提醒</Typography.Title>}
        extra={
          <Space>
            <Switch checked={unreadOnly} onChange={(v) => { setUnreadOnly(v); setPage(1); }} aria-label="只看未读" data-testid="notifications-unread-only" />
            <span>只看未读（{list.data?.unread ?? 0}）</span>
            <Button icon={<CheckOutlined />} onClick={() => void readAll()} disabled={!list.data?.unread} data-testid="notifications-read-all">
              全部标为已读
            </Button>
            <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label="刷新" />
          </Space>
        }
      >
        <List<NotificationView>
          data-testid="notifications-list"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '暂无提醒' }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showTotal: (t) => `共 ${String(t)} 条`,
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          renderItem={(n) => (
            <List.Item
              data-testid={`notification-${n.id}`}
              actions={[
                <Button key="open" type="link" onClick={() => void open(n)}>
                  {n.link ? '查看' : '标为已读'}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space>
                    {!n.readAt && <Tag color="red">未读</Tag>}
                    <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                  </Space>
                }
                description={
                  <>
                    <div>{n.body}</div>
                    <Typography.Text type="secondary">{formatTime(n.createdAt)}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <EmailCard />
    </Space>
  );
}

/** The user's own address for reminder e-mails (PATCH /api/auth/profile). */
function EmailCard() {
  const [form] = Form.useForm<{ email: string }>();
  const [busy, setBusy] = useState(false);
  const profile = useLoad((signal) => get<{ email: string | null }>('/api/auth/profile', undefined, signal), []);
  useEffect(() => {
    if (profile.data) form.setFieldsValue({ email: profile.data.email ?? '' });
  }, [profile.data, form]);
  const save = async () => {
    let v: { email: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      await patch('/api/auth/profile', { email: v.email.trim() });
      showSuccess('已保存');
    } catch (e) {
      if (e instanceof ApiError) applyFieldErrors(form, e);
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="接收提醒的电子邮箱" size="small">
      <Form form={form} layout="inline" onFinish={() => void save()}>
        <Form.Item name="email" rules={[{ type: 'email', message: '电子邮箱格式不正确' }, { max: 254 }]} extra="期限提醒同时发送到此邮箱（需平台已配置邮件服务器）；留空则只在此处提醒。">
          <Input style={{ width: 280 }} placeholder="name@example.gov.cn" data-testid="profile-email" autoComplete="email" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="profile-email-save">
          保存
        </Button>
      </Form>
    </Card>
  );
}
