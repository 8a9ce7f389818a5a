/**
 * The narrative sections 一、总体情况, 五、存在的主要问题及改进情况, 六、其他需要报告的事项
 * (PUT …/narrative with lockVersion). Until one is saved the server offers a first draft made
 * from the tables; its 【请填写…】 placeholders block publication. Below the editor: the result
 * of S3/S4 — numbers quoted in 一 that disagree with the tables (checked on the saved text).
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Space, Tag, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { ApiError, request } from '../../lib/api.ts';
import { showError, showSuccess } from '../../lib/feedback.ts';
import { applyFieldErrors } from '../../lib/forms.ts';
import { showConflict } from '../../lib/staff.ts';
import type { ReportView } from '../../lib/reports.ts';
import { ReportChecks } from './ReportChecks.tsx';

interface Values {
  overview: string;
  problems: string;
  other: string;
}

const PLACEHOLDER = '【请填写';

const sections: Array<{ name: keyof Values; title: string; rows: number }> = [
  { name: 'overview', title: '一、总体情况', rows: 14 },
  { name: 'problems', title: '五、存在的主要问题及改进情况', rows: 5 },
  { name: 'other', title: '六、其他需要报告的事项', rows: 4 },
];

/** How many 【请填写…】 placeholders a text still has. */
export function placeholderCount(text: string | undefined): number {
  return text ? text.split(PLACEHOLDER).length - 1 : 0;
}

export function NarrativePanel({ agencyId, year, view, canEdit, onChanged }: { agencyId: string; year: number; view: ReportView; canEdit: boolean; onChanged(v?: ReportView): void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const n = view.narrative;
  const watched: Partial<Values> = { overview: Form.useWatch('overview', form), problems: Form.useWatch('problems', form), other: Form.useWatch('other', form) };
  const left = sections.reduce((s, x) => s + placeholderCount(watched[x.name] ?? n[x.name]), 0);

  const stamp = `${agencyId}/${String(year)}/${String(n.stored)}/${String(n.lockVersion)}`;
  useEffect(() => {
    form.setFieldsValue({ overview: n.overview, problems: n.problems, other: n.other });
    setDirty(false);
  }, [stamp]);

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const fresh = await request<ReportView>('PUT', `/api/reports/${agencyId}/${String(year)}/narrative`, { body: { ...v, lockVersion: n.lockVersion } });
      showSuccess('文字部分已保存');
      onChanged(fresh);
    } catch (e) {
      if (e instanceof ApiError && e.isConflict) {
        showConflict('其他人已先修改了年度报告文字', e);
        onChanged();
        return;
      }
      if (e instanceof ApiError) applyFieldErrors(form, e);
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const narrativeChecks = view.checks.filter((c) => c.rule === 'S3' || c.rule === 'S4');

  return (
    <div data-testid="narrative-panel">
      <Space wrap style={{ marginBottom: 12 }}>
        {n.stored ? <Tag color="blue">已保存（第 {n.lockVersion} 版）</Tag> : <Tag color="gold" data-testid="narrative-draft-tag">系统根据数据生成的初稿，尚未保存</Tag>}
        {left > 0 ? (
          <Tag color="warning" data-testid="narrative-placeholders">
            尚有 {left} 处“【请填写…】”需要补写，补全后才能发布
          </Tag>
        ) : (
          <Tag color="success">没有待补写的内容</Tag>
        )}
      </Space>
      <Form form={form} layout="vertical" initialValues={{ overview: n.overview, problems: n.problems, other: n.other }} onValuesChange={() => setDirty(true)} data-testid="narrative-form">
        {sections.map((s) => (
          <Form.Item key={s.name} name={s.name} label={<Typography.Text strong>{s.title}</Typography.Text>} rules={[{ required: true, whitespace: true, message: `请填写${s.title}` }]} extra={s.name === 'overview' ? '每段一行；“（一）主动公开情况”等小标题写在段首。' : undefined}>
            <Input.TextArea rows={s.rows} disabled={!canEdit} data-testid={`narrative-${s.name}`} />
          </Form.Item>
        ))}
        {canEdit && (
          <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save()} data-testid="narrative-save">
            保存文字部分
          </Button>
        )}
      </Form>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        文字中的数字核对
      </Typography.Title>
      {dirty && <Alert type="info" showIcon style={{ marginBottom: 8 }} title="文字已修改，保存后重新核对" />}
      <ReportChecks checks={narrativeChecks} testId="narrative-checks" />
    </div>
  );
}
