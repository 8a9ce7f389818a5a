/** The coloured tag of a request's state, and the due-date cell with its overdue / due-soon badge. */
import { Space, Tag, Typography } from 'antd';
import { dueHint, requestStateLabels, type RequestState } from '../lib/requests.ts';

export function RequestStateTag({ state, name }: { state: RequestState; name?: string }) {
  const l = requestStateLabels[state] ?? { text: name ?? state, color: 'default' };
  return (
    <Tag color={l.color} data-testid="request-state-tag" data-state={state}>
      {name ?? l.text}
    </Tag>
  );
}

export function DueCell({ r }: { r: { state: RequestState; dueOn: string | null; overdue: boolean; workingDaysLeft: number | null } }) {
  const hint = dueHint(r);
  if (!r.dueOn) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4} wrap>
      <span>{r.dueOn}</span>
      {hint === 'overdue' && (
        <Tag color="error" data-testid="due-badge" data-due="overdue">
          已逾期
        </Tag>
      )}
      {hint === 'soon' && (
        <Tag color="warning" data-testid="due-badge" data-due="soon">
          {r.workingDaysLeft === 0 ? '今日到期' : `剩${String(r.workingDaysLeft)}个工作日`}
        </Tag>
      )}
    </Space>
  );
}
