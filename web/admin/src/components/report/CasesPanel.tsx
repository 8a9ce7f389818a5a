/**
 * 行政复议 / 行政诉讼 cases of the year (table 四 counts them by kind and result): list, add
 * (POST …/cases), edit (PUT …/cases/:caseId), delete (DELETE …/cases/:caseId), each optionally
 * linked to the 依申请公开 request it is about.
 */
import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { ApiError, del, get, post, request } from '../../lib/api.ts';
import { fromDayjs, toDayjs, type Dayjs } from '../../lib/dates.ts';
import { showError, showSuccess } from '../../lib/feedback.ts';
import { applyFieldErrors } from '../../lib/forms.ts';
import { useLoad } from '../../lib/hooks.ts';
import type { RequestPage } from '../../lib/requests.ts';
import { Link } from '../../lib/router.tsx';
import { caseKindLabels, caseResultLabels, type CaseKind, type CaseResult, type ReportCase, type ReportView } from '../../lib/reports.ts';

interface Values {
  kind: CaseKind;
  result: CaseResult;
  caseNo?: string;
  summary?: string;
  filedOn?: Dayjs | null;
  requestId?: string | null;
}

export function CasesPanel({ agencyId, year, view, canEdit, onChanged }: { agencyId: string; year: number; view: ReportView; canEdit: boolean; onChanged(): void }) {
  const [editing, setEditing] = useState<ReportCase | 'new' | null>(null);
  const base = `/api/reports/${agencyId}/${String(year)}/cases`;

  const remove = async (c: ReportCase) => {
    try {
      await del(`${base}/${c.id}`);
      showSuccess('案件已删除');
      onChanged();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <div data-testid="cases-panel">
      {view.section4Source === 'figures' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="本年度表四为直接填写的数字，下列案件不计入表四"
          description="如需按案件统计，请在“年度数据”中关闭“直接填写表四”。"
        />
      )}
      <Space style={{ marginBottom: 12 }}>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="case-add">
            登记案件
          </Button>
        )}
        <Typography.Text type="secondary">共 {view.cases.length} 件</Typography.Text>
      </Space>
      <Table<ReportCase>
        rowKey="id"
        size="small"
        data-testid="cases-table"
        dataSource={view.cases}
        pagination={false}
        scroll={{ x: 800 }}
        columns={[
          { title: '类别', dataIndex: 'kind', width: 220, render: (v: CaseKind) => caseKindLabels[v] ?? v },
          { title: '结果', dataIndex: 'result', width: 100, render: (v: CaseResult) => <Tag color={v === 'corrected' ? 'red' : v === 'pending' ? 'gold' : 'default'}>{caseResultLabels[v] ?? v}</Tag> },
          { title: '案号', dataIndex: 'caseNo', width: 180, render: (v: string | null) => v || '—' },
          { title: '立案日期', dataIndex: 'filedOn', width: 110, render: (v: string | null) => v || '—' },
          { title: '案情', dataIndex: 'summary' },
          {
            title: '关联申请',
            key: 'request',
            width: 150,
            render: (_: unknown, c) => {
              const id = c.requestId;
              return id ? <Link to={`/requests/${id}`}>查看申请</Link> : '—';
            },
          },
          ...(canEdit
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 150,
                  render: (_: unknown, c: ReportCase) => (
                    <Space>
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} data-testid="case-edit">
                        编辑
                      </Button>
                      <Popconfirm title="删除该案件？" okText="删除" cancelText="取消" onConfirm={() => remove(c)} okButtonProps={{ danger: true, 'data-testid': 'case-delete-ok' } as never}>
                        <Button size="small" danger icon={<DeleteOutlined />} data-testid="case-delete" aria-label="删除" />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <CaseModal
          agencyId={agencyId}
          base={base}
          year={year}
          initial={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            onChanged();
          }}
        />
      )}
    </div>
  );
}

function CaseModal({ agencyId, base, year, initial, onClose, onDone }: { agencyId: string; base: string; year: number; initial: ReportCase | null; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const requests = useLoad((signal) => get<RequestPage>('/api/requests', { agencyId, pageSize: 100 }, signal), [agencyId]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body: Record<string, unknown> = { kind: v.kind, result: v.result, summary: v.summary?.trim() ?? '' };
    if (v.caseNo?.trim()) body.caseNo = v.caseNo.trim();
    const filedOn = fromDayjs(v.filedOn);
    if (filedOn) body.filedOn = filedOn;
    if (v.requestId) body.requestId = v.requestId;
    else if (initial) body.requestId = null;
    setBusy(true);
    try {
      if (initial) await request('PUT', `${base}/${initial.id}`, { body });
      else await post(base, body);
      showSuccess(initial ? '案件已修改' : '案件已登记');
      onDone();
    } catch (e) {
      if (e instanceof ApiError) applyFieldErrors(form, e);
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={initial ? '编辑案件' : '登记案件'}
      okText="保存"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ loading: busy, 'data-testid': 'case-ok' } as never}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="case-form"
        initialValues={{
          kind: initial?.kind ?? 'reconsideration',
          result: initial?.result ?? 'pending',
          caseNo: initial?.caseNo ?? '',
          summary: initial?.summary ?? '',
          filedOn: toDayjs(initial?.filedOn) ?? undefined,
          requestId: initial?.requestId ?? undefined,
        }}
      >
        <Form.Item name="kind" label="类别" rules={[{ required: true }]}>
          <Select data-testid="case-kind" options={Object.entries(caseKindLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="result" label="结果" rules={[{ required: true }]}>
          <Select data-testid="case-result" options={Object.entries(caseResultLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="caseNo" label="案号" rules={[{ max: 100 }]}>
          <Input data-testid="case-no" placeholder="如 巫山府复决字〔2025〕1号" />
        </Form.Item>
        <Form.Item name="filedOn" label="立案日期">
          <DatePicker data-testid="case-filed-on" disabledDate={(d) => d.year() > year + 1} />
        </Form.Item>
        <Form.Item name="summary" label="案情" rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} data-testid="case-summary" />
        </Form.Item>
        <Form.Item name="requestId" label="关联的依申请公开申请（可选）">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={requests.loading}
            data-testid="case-request"
            placeholder="按受理编号选择"
            options={(requests.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.trackingNo}（${r.receivedOn}）` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
