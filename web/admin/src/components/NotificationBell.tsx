/** The header's bell: the signed-in user's unread reminders, refreshed on navigation and every minute. */
import { useEffect, useState } from 'react';
import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { get } from '../lib/api.ts';
import { NOTIFICATIONS_CHANGED, type NotificationPage } from '../lib/notifications.ts';
import { navigate } from '../lib/router.tsx';

export function NotificationBell({ path }: { path: string }) {
  const [unread, setUnread] = useState(0);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    get<NotificationPage>('/api/notifications', { pageSize: 1 }, ctrl.signal).then(
      (r) => setUnread(r.unread),
      () => undefined,
    );
    return () => ctrl.abort();
  }, [path, tick]);
  useEffect(() => {
    const bump = () => setTick((t) => t + 1);
    const timer = window.setInterval(bump, 60_000);
    window.addEventListener(NOTIFICATIONS_CHANGED, bump);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, bump);
    };
  }, []);
  const label = unread ? `提醒（${unread} 条未读）` : '提醒';
  return (
    <Tooltip title={label}>
      <Button type="text" aria-label={label} data-testid="notification-bell" onClick={() => navigate('/notifications')}>
        <Badge count={unread} size="small" overflowCount={99} data-testid="notification-unread">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Tooltip>
  );
}
