/** Types of /api/notifications (the bell and the 提醒 page). */
export interface NotificationView {
  id: string;
  agencyId: string | null;
  kind: string;
  title: string;
  body: string;
  /** Admin-console path. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationView[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

/** Fired after notifications were marked read, so the bell refreshes its count. */
export const NOTIFICATIONS_CHANGED = 'gk:notifications-changed';
