/**
 * The yearly figures of table 二 (行政许可, 行政处罚, 行政强制, 行政事业性收费（万元）) — entered
 * here (PUT …/figures) or from the XLSX template (下载模板 / 导入) — and, for agencies whose
 * cases are kept elsewhere, table 四 entered directly instead of counted from the cases.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Col, Form, InputNumber, Row, Space, Switch, Typography, Upload } from 'antd';
import { DownloadOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError, apiUrl, request, upload } from '../../lib/api.ts';
import { showError, showSuccess } from '../../lib/feedback.ts';
import { applyFieldErrors } from '../../lib/forms.ts';
import { SECTION4_COLUMNS, SECTION4_GROUPS, singleLabels, type ReportView, type Section4GroupKey } from '../../lib/reports.ts';

interface Values {
  licensing: number;
  penalties: number;
  enforcement: number;
  feesWan: number;
  direct4: boolean;
  section4: Record<Section4GroupKey, number[]>;
}

const zero5 = () => [0, 0, 0, 0, 0];

function initialValues(view: ReportView): Values {
  const f = view.figures;
  const s4 = f?.section4 ?? null;
  return {
    licensing: f?.licensing ?? 0,
    penalties: f?.penalties ?? 0,
    enforcement: f?.enforcement ?? 0,
    feesWan: f?.feesWan ?? 0,
    direct4: !!s4,
    section4: {
      reconsideration: s4?.reconsideration ?? [...view.numbers.section4.reconsideration],
      litigationDirect: s4?.litigationDirect ?? [...view.numbers.section4.litigationDirect],
      litigationAfterReconsideration: s4?.litigationAfterReconsideration ?? [...view.numbers.section4.litigationAfterReconsideration],
    },
  };
}

export function FiguresPanel({ agencyId, year, view, canEdit, onChanged }: { agencyId: string; year: number; view: ReportView; canEdit: boolean; onChanged(v?: ReportView): void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [importing, setImporting] = useState(false);
  const [importErrors, setImportErrors] = useState<string[] | null>(null);
  const direct4 = Form.useWatch('direct4', form);
  const base = `/api/reports/${agencyId}/${String(year)}`;

  // A fresh answer (after saving, importing or switching year) resets the form.
  const stamp = `${agencyId}/${String(year)}/${view.figures?.updatedAt ?? ''}`;
  useEffect(() => {
    form.setFieldsValue(initialValues(view));
  }, [stamp]);

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body = {
      licensing: v.licensing,
      penalties: v.penalties,
      enforcement: v.enforcement,
      feesWan: v.feesWan,
      section4: v.direct4
        ? Object.fromEntries(SECTION4_GROUPS.map((g) => [g.key, (v.section4[g.key] ?? zero5()).map((x) => Number(x ?? 0))]))
        : null,
    };
    setBusy(true);
    try {
      const fresh = await request<ReportView>('PUT', `${base}/figures`, { body });
      showSuccess('年度数据已保存');
      onChanged(fresh);
    } catch (e) {
      if (e instanceof ApiError) applyFieldErrors(form, e);
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const doImport = async (file: File) => {
    setImporting(true);
    setImportErrors(null);
    try {
      await upload<unknown>(`${base}/figures/import`, file, file.name);
      showSuccess('年度数据已导入');
      onChanged();
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details.errors)) setImportErrors(e.details.errors.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))));
      else showError(e);
    } finally {
      setImporting(false);
    }
  };

  const number = (name: keyof Values, label: string, extra: { precision?: number; suffix?: string } = {}) => (
    <Col xs={24} sm={12} md={6}>
      <Form.Item name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
        <InputNumber min={0} precision={extra.precision ?? 0} step={extra.precision ? 0.01 : 1} style={{ width: '100%' }} disabled={!canEdit} data-testid={`figures-${name}`} suffix={extra.suffix} />
      </Form.Item>
    </Col>
  );

  return (
    <div data-testid="figures-panel">
      <Space wrap style={{ marginBottom: 16 }}>
        <Button icon={<DownloadOutlined />} href={apiUrl(`${base}/figures/template.xlsx`)} download data-testid="figures-template">
          下载模板
        </Button>
        {canEdit && (
          <Upload
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            showUploadList={false}
            beforeUpload={(f) => {
              void doImport(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={importing} data-testid="figures-import">
              导入
            </Button>
          </Upload>
        )}
        <Typography.Text type="secondary">模板为 XLSX 表格，填写后导入（也可导入 CSV）；导入会替换本年度已填写的表二数字。</Typography.Text>
      </Space>
      {importErrors && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setImportErrors(null) }}
          style={{ marginBottom: 16 }}
          data-testid="figures-import-errors"
          title={`导入失败，共 ${String(importErrors.length)} 处错误，未导入任何数据`}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {importErrors.map((x, i) => (
                <li key={i}>{x}</li>
              ))}
            </ul>
          }
        />
      )}
      <Form form={form} layout="vertical" initialValues={initialValues(view)} data-testid="figures-form">
        <Typography.Title level={5}>表二 第二十条第（五）（六）（八）项</Typography.Title>
        <Row gutter={16}>
          {number('licensing', `${singleLabels.licensing}（本年处理决定数量）`)}
          {number('penalties', `${singleLabels.penalties}（本年处理决定数量）`)}
          {number('enforcement', `${singleLabels.enforcement}（本年处理决定数量）`)}
          {number('feesWan', `${singleLabels.feesWan}（本年收费金额）`, { precision: 4, suffix: '万元' })}
        </Row>
        <Typography.Title level={5}>表四 行政复议、行政诉讼</Typography.Title>
        <Space style={{ marginBottom: 12 }}>
          <Form.Item name="direct4" valuePropName="checked" noStyle>
            <Switch disabled={!canEdit} data-testid="figures-direct4" aria-label="直接填写表四" />
          </Form.Item>
          <span>直接填写表四（不按“复议诉讼”中登记的案件统计）</span>
        </Space>
        {direct4 ? (
          <div className="gk-report-table-wrap">
            <table className="gk-report-table" style={{ minWidth: 640 }}>
              <tbody>
                <tr>
                  <th />
                  {SECTION4_COLUMNS.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
                {SECTION4_GROUPS.map((g) => (
                  <tr key={g.key}>
                    <th>{g.key === 'reconsideration' ? '行政复议' : `行政诉讼·${g.name}`}</th>
                    {SECTION4_COLUMNS.map((c, i) => (
                      <td key={c}>
                        <Form.Item name={['section4', g.key, i]} noStyle rules={[{ required: true }]}>
                          <InputNumber min={0} precision={0} style={{ width: 80 }} disabled={!canEdit} aria-label={`${g.name}${c}`} data-testid={`figures-s4-${g.key}-${String(i)}`} />
                        </Form.Item>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Typography.Paragraph type="secondary">表四按“复议诉讼”中登记的案件统计。</Typography.Paragraph>
        )}
        {canEdit && (
          <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save()} data-testid="figures-save">
            保存年度数据
          </Button>
        )}
      </Form>
    </div>
  );
}
