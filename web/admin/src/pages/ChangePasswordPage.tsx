/** 修改密码: forced after an administrator set the password, or chosen from the user menu. */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { ApiError, errorMessage, post } from '../lib/api.ts';
import { showSuccess } from '../lib/feedback.ts';
import { applyFieldErrors } from '../lib/forms.ts';
import type { Actor } from '../lib/types.ts';
import { useSession } from '../lib/session.tsx';

interface FormProps {
  /** true when the account must change its initial password before anything else. */
  forced?: boolean;
  actor: Actor;
  onDone(): Promise<void> | void;
  onLogout?: () => Promise<void>;
}

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export const passwordRule = '至少 10 个字符，包含大写字母、小写字母、数字、符号中的至少三类，且不能包含用户名';

export function ChangePasswordForm({ forced, actor, onDone, onLogout }: FormProps) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await post('/api/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      showSuccess('密码已修改');
      form.resetFields();
      await onDone();
    } catch (e) {
      if (e instanceof ApiError) applyFieldErrors(form, e);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ width: 440, maxWidth: '100%' }} data-testid="change-password">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        修改密码
      </Typography.Title>
      {forced && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${actor.displayName}，您的密码由管理员设置，请先修改为只有您知道的密码。`}
          data-testid="password-change-required"
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} name="change-password" layout="vertical" onFinish={(v: Values) => void submit(v)}>
        {/* Lets password managers file the new password under the right account. */}
        <input type="text" name="username" autoComplete="username" value={actor.username} readOnly hidden />
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" data-testid="current-password" />
        </Form.Item>
        <Form.Item label="新密码" name="newPassword" extra={passwordRule} rules={[{ required: true, message: '请输入新密码' }, { min: 10, message: '密码至少 10 个字符' }]}>
          <Input.Password autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="confirm-password" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="change-password-submit">
            修改密码
          </Button>
          {forced && onLogout && <Button onClick={() => void onLogout()}>退出登录</Button>}
        </Space>
      </Form>
    </Card>
  );
}

/** The page reached from the user menu. */
export default function ChangePasswordPage() {
  const { actor, refreshSession } = useSession();
  return <ChangePasswordForm actor={actor} onDone={refreshSession} />;
}
