/** Shows a generated password exactly once, with a copy button. */
import { Alert, Modal, Typography } from 'antd';

interface Props {
  /** null hides the modal. */
  shown: { username: string; password: string } | null;
  title: string;
  onClose(): void;
}

export function PasswordModal({ shown, title, onClose }: Props) {
  return (
    <Modal open={!!shown} title={title} onOk={onClose} onCancel={onClose} okText="我已记下" cancelButtonProps={{ style: { display: 'none' } }} mask={{ closable: false }} destroyOnHidden>
      {shown && (
        <>
          <p>
            用户 <Typography.Text strong>{shown.username}</Typography.Text> 的初始密码：
          </p>
          <Typography.Paragraph
            copyable={{ text: shown.password, tooltips: ['复制', '已复制'] }}
            code
            style={{ fontSize: 18 }}
            data-testid="generated-password"
          >
            {shown.password}
          </Typography.Paragraph>
          <Alert type="warning" showIcon title="密码只显示这一次，请通过安全方式交给本人。对方首次登录时须修改密码。" />
        </>
      )}
    </Modal>
  );
}
