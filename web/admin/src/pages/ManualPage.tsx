/**
 * 工作手册: the agency's manual (built-in sections with its own overrides). Search over titles and
 * text; `?topic=` opens a section, `?screen=` (from a page's "?" link) the sections explaining that
 * page. Administrators edit a section's text for their agency or restore the built-in text.
 */
import { useMemo, useState } from 'react';
import { Button, Card, Col, Empty, Form, Input, List, Modal, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { EditOutlined, UndoOutlined } from '@ant-design/icons';
import { ApiError, del, request } from '../lib/api.ts';
import { showError, showSuccess } from '../lib/feedback.ts';
import { applyFieldErrors } from '../lib/forms.ts';
import { useLoad } from '../lib/hooks.ts';
import { get } from '../lib/api.ts';
import { navigate, useLocation } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import type { ManualAnswer, ManualSection } from '../lib/training.ts';
import { ManualText } from '../components/ManualText.tsx';

export default function ManualPage() {
  const { agency } = useSession();
  const { query } = useLocation();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<ManualSection | null>(null);
  const manual = useLoad((signal) => get<ManualAnswer>('/api/training/manual', { agencyId: agency?.id }, signal), [agency?.id]);
  const sections = manual.data?.sections ?? [];
  const screen = query.get('screen');
  const shown = useMemo(() => {
    const s = search.trim();
    return sections.filter((x) => (!s || x.title.includes(s) || x.body.includes(s)) && (!screen || s || x.screens.includes(screen)));
  }, [sections, search, screen]);
  const topic = query.get('topic');
  const current = shown.find((x) => x.topic === topic) ?? shown[0];

  const open = (t: string) => navigate(`/manual?topic=${encodeURIComponent(t)}${screen ? `&screen=${encodeURIComponent(screen)}` : ''}`, { replace: true });

  const reset = async (s: ManualSection) => {
    if (!agency) return;
    try {
      await del(`/api/training/manual/${s.topic}`, { agencyId: agency.id });
      showSuccess('已恢复为平台内置内容');
      manual.reload();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Card
      data-testid="manual-page"
      title={<Typography.Title level={4} style={{ margin: 0 }}>工作手册</Typography.Title>}
      extra={
        <Space wrap>
          {screen && (
            <Button size="small" onClick={() => navigate('/manual', { replace: true })}>
              显示全部章节
            </Button>
          )}
          <Input.Search allowClear placeholder="搜索手册" aria-label="搜索手册" data-testid="manual-search" onChange={(e) => setSearch(e.target.value)} style={{ width: 220 }} />
        </Space>
      }
    >
      <Row gutter={16}>
        <Col xs={24} md={7}>
          <List
            size="small"
            loading={manual.loading}
            dataSource={shown}
            locale={{ emptyText: '没有找到相关章节' }}
            renderItem={(s) => (
              <List.Item onClick={() => open(s.topic)} style={{ cursor: 'pointer', background: s.topic === current?.topic ? 'rgba(22,119,255,0.08)' : undefined }} data-testid={`manual-topic-${s.topic}`}>
                <Space>
                  {s.title}
                  {s.overridden && <Tag color="blue">本单位</Tag>}
                </Space>
              </List.Item>
            )}
          />
        </Col>
        <Col xs={24} md={17}>
          {current ? (
            <Card
              size="small"
              data-testid="manual-section"
              data-topic={current.topic}
              title={current.title}
              extra={
                manual.data?.canEdit && (
                  <Space>
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(current)} data-testid="manual-edit">
                      编辑
                    </Button>
                    {current.overridden && (
                      <Popconfirm title="恢复为平台内置内容？本单位的修改将被删除。" onConfirm={() => void reset(current)}>
                        <Button size="small" icon={<UndoOutlined />}>
                          恢复默认
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                )
              }
            >
              <ManualText body={current.body} />
            </Card>
          ) : (
            !manual.loading && <Empty description="没有找到相关章节" />
          )}
        </Col>
      </Row>
      {editing && agency && <EditSection section={editing} agencyId={agency.id} onClose={() => setEditing(null)} onSaved={manual.reload} />}
    </Card>
  );
}

function EditSection({ section, agencyId, onClose, onSaved }: { section: ManualSection; agencyId: string; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<{ title: string; body: string }>();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      await request('PUT', `/api/training/manual/${section.topic}`, { body: { agencyId, ...values } });
      showSuccess('手册已保存');
      onSaved();
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) applyFieldErrors(form, e);
      else showError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`编辑：${section.title}`} width={760} okText="保存" cancelText="取消" confirmLoading={saving} onOk={() => void save()} onCancel={onClose}>
      <Typography.Paragraph type="secondary">以「## 」开头的行是小标题，以「- 」开头的行是列表项。修改只对本单位生效，可随时恢复默认。</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ title: section.title, body: section.body }}>
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '标题不能为空' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="body" label="正文" rules={[{ required: true, message: '正文不能为空' }]}>
          <Input.TextArea autoSize={{ minRows: 12, maxRows: 24 }} data-testid="manual-body" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
