/**
 * 交接待办 (/handovers, every signed-in user; the link of the handover notifications): the
 * handovers waiting for my signature as 接手人 or my approval as 部门负责人, each signed with my
 * own password in my own session.
 */
import { Card, Typography } from 'antd';
import { HandoverTasks } from '../components/handover/HandoverParts.tsx';

export default function HandoverTasksPage() {
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>交接待办</Typography.Title>}>
      <Typography.Paragraph type="secondary">
        接手人逐项核对交接清单后，输入本人登录密码签收；部门负责人核对签收时的清单与当前清单（签收后新增的事项标为「新增」）后，输入本人登录密码审批，交接随即一次性执行。
      </Typography.Paragraph>
      <HandoverTasks emptyText="暂无待我签收或审批的交接" />
    </Card>
  );
}
