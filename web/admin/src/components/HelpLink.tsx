/** The "?" in a page header: opens the work manual at the sections that explain this screen. */
import { Button, Tooltip } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { navigate } from '../lib/router.tsx';

export function HelpLink({ screen }: { screen: string }) {
  return (
    <Tooltip title="工作手册：本页说明">
      <Button type="text" size="small" icon={<QuestionCircleOutlined />} aria-label="帮助：工作手册" data-testid={`help-${screen}`} onClick={() => navigate(`/manual?screen=${encodeURIComponent(screen)}`)} />
    </Tooltip>
  );
}
