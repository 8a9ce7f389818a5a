/**
 * 依申请公开 › 告知书模板: the agency's letter templates (21 答复告知书 by outcome, 补正、延期、收费),
 * each with its article of 条例, the default and the agency's override; the remedies settings
 * (行政复议机关, 管辖法院). Agency admins edit; handlers read. Server: letters.routes.ts.
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, List, Row, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { ApiError, del, get, request } from '../lib/api.ts';
import { showError, showSuccess } from '../lib/feedback.ts';
import { applyFieldErrors } from '../lib/forms.ts';
import { useLoad } from '../lib/hooks.ts';
import { navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';

interface Template {
  title: string;
  body: string;
}

interface TemplateItem {
  kind: string;
  name: string;
  article: string;
  default: Template;
  override: (Template & { updatedAt: string }) | null;
  effective: Template;
}

interface TemplatesAnswer {
  agencyId: string;
  canEdit: boolean;
  placeholders: Array<{ name: string; meaning: string }>;
  settings: { reviewOrgan: string; court: string; stored: boolean };
  items: TemplateItem[];
}

export default function LetterTemplatesPage() {
  const { agency } = useSession();
  const loaded = useLoad((signal) => get<TemplatesAnswer>('/api/requests/letter-templates', { agencyId: agency?.id }, signal), [agency?.id]);
  const [kind, setKind] = useState<string>('reply.granted');
  const data = loaded.data;
  if (loaded.error instanceof ApiError) return <Alert type="error" showIcon title={loaded.error.message} />;
  if (!data) return <Card loading />;
  const item = data.items.find((i) => i.kind === kind) ?? data.items[0]!;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="letter-templates">
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/requests')} aria-label="返回" />
            <Typography.Title level={4} style={{ margin: 0 }}>
              告知书模板
            </Typography.Title>
          </Space>
        }
      >
        <SettingsForm data={data} onSaved={loaded.reload} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card size="small" title="模板">
            <List
              size="small"
              dataSource={data.items}
              renderItem={(i) => (
                <List.Item onClick={() => setKind(i.kind)} style={{ cursor: 'pointer', background: i.kind === item.kind ? '#e6f4ff' : undefined }} data-testid={`template-${i.kind}`}>
                  <Space orientation="vertical" size={0}>
                    <span>{i.name}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      条例{i.article} {i.override && <Tag color="blue">已修改</Tag>}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <TemplateEditor key={`${item.kind}:${item.override?.updatedAt ?? 'default'}`} agencyId={data.agencyId} item={item} canEdit={data.canEdit} placeholders={data.placeholders} onSaved={loaded.reload} />
        </Col>
      </Row>
    </Space>
  );
}

function SettingsForm({ data, onSaved }: { data: TemplatesAnswer; onSaved(): void }) {
  const [form] = Form.useForm<{ reviewOrgan: string; court: string }>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await request('PUT', '/api/requests/letter-settings', { body: { agencyId: data.agencyId, ...v } });
      showSuccess('已保存救济途径设置');
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) applyFieldErrors(form, e);
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="inline" initialValues={data.settings} disabled={!data.canEdit} data-testid="letter-settings">
      <Form.Item name="reviewOrgan" label="行政复议机关" rules={[{ required: true, min: 2, message: '请填写行政复议机关' }]}>
        <Input style={{ width: 220 }} />
      </Form.Item>
      <Form.Item name="court" label="管辖法院" rules={[{ required: true, min: 2, message: '请填写管辖的人民法院' }]}>
        <Input style={{ width: 220 }} />
      </Form.Item>
      {data.canEdit && (
        <Button type="primary" loading={busy} onClick={() => void save()}>
          保存
        </Button>
      )}
      {!data.settings.stored && <Typography.Text type="secondary">（当前为默认值，请按本地实际确认）</Typography.Text>}
    </Form>
  );
}

function TemplateEditor({ agencyId, item, canEdit, placeholders, onSaved }: { agencyId: string; item: TemplateItem; canEdit: boolean; placeholders: TemplatesAnswer['placeholders']; onSaved(): void }) {
  const [form] = Form.useForm<Template>();
  const [busy, setBusy] = useState(false);
  const path = `/api/requests/letter-templates/${item.kind}`;
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await request('PUT', path, { body: { agencyId, ...v } });
      showSuccess('已保存模板');
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) applyFieldErrors(form, e);
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  const reset = async () => {
    try {
      await del(path, { agencyId });
      showSuccess('已恢复默认模板');
      onSaved();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Card size="small" title={`${item.name}（条例${item.article}）`} data-testid="template-editor">
      <Form form={form} layout="vertical" initialValues={item.effective} disabled={!canEdit}>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: 60 }]}>
          <Input data-testid="template-title" />
        </Form.Item>
        <Form.Item name="body" label="正文（每行一段；申请人称呼、受理编号、附件清单、落款和日期自动加入）" rules={[{ required: true, message: '请填写正文' }]}>
          <Input.TextArea rows={14} data-testid="template-body" />
        </Form.Item>
      </Form>
      {canEdit && (
        <Space>
          <Button type="primary" loading={busy} onClick={() => void save()} data-testid="template-save">
            保存
          </Button>
          {item.override && (
            <Button onClick={() => void reset()} data-testid="template-reset">
              恢复默认
            </Button>
          )}
        </Space>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
        可用占位符：{placeholders.map((p) => `{${p.name}}`).join('、')}。正文须包含 {'{救济途径}'}（告知申请人可在60日内申请行政复议、6个月内提起行政诉讼）。
      </Typography.Paragraph>
    </Card>
  );
}
