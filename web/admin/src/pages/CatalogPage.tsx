/**
 * 公开目录: the agency's 政务公开事项标准目录 by area, with the 公开时限 rule of each item
 * (incl. an optional 公示期) and its 是否需要解读 flag.
 * Administrators edit or add items (modal), export the catalog as XLSX and import one (all or
 * nothing: a 422 lists the row-numbered errors). Everyone else reads.
 */
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Checkbox, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, EditOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError, apiUrl, get, patch, post, upload } from '../lib/api.ts';
import { showError, showSuccess } from '../lib/feedback.ts';
import { applyFieldErrors } from '../lib/forms.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { channelLabels, showConflict, type CatalogArea, type CatalogItem, type ImportResult, type TimeRule } from '../lib/staff.ts';
import { HelpLink } from '../components/HelpLink.tsx';
import { StandardAdditions } from '../components/StandardAdditions.tsx';

/** A catalog item as the API sends it: the time rule may carry a 公示期, and the 是否需要解读 flag (null = by document type). */
type Item = CatalogItem & { needsInterpretation?: boolean | null };
type Row = Item & { areaName: string };

type InterpretationChoice = 'auto' | 'yes' | 'no';
const interpretationChoice = (v: boolean | null | undefined): InterpretationChoice => (v === true ? 'yes' : v === false ? 'no' : 'auto');
const interpretationNames: Record<InterpretationChoice, string> = { auto: '按文件类型（规章、行政规范性文件需要）', yes: '需要（关联的每条信息都应发布解读）', no: '不需要' };

export default function CatalogPage() {
  const { agency, can } = useSession();
  const catalog = useLoad((signal) => (agency ? get<{ areas: CatalogArea[] }>('/api/catalog', { agencyId: agency.id }, signal) : Promise.resolve({ areas: [] })), [agency?.id]);
  const [areaId, setAreaId] = useState<string | undefined>(undefined);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [importErrors, setImportErrors] = useState<string[] | null>(null);
  const [importResult, setImportResult] = useState<ImportResult | null>(null);
  const areas = useMemo(() => catalog.data?.areas ?? [], [catalog.data]);

  const rows: Row[] = useMemo(
    () =>
      areas
        .filter((a) => !areaId || a.id === areaId)
        .flatMap((a) => (a.items as Item[]).map((i) => ({ ...i, areaName: a.name })))
        .filter((i) => !q || `${i.level1}${i.level2}${i.content}`.includes(q)),
    [areas, areaId, q],
  );

  const doImport = async (file: File) => {
    if (!agency) return;
    setImporting(true);
    setImportErrors(null);
    setImportResult(null);
    try {
      const r = await upload<{ result: ImportResult }>('/api/catalog/import', file, file.name, { agencyId: agency.id });
      setImportResult(r.result);
      showSuccess('目录已导入');
      catalog.reload();
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details.errors)) setImportErrors(e.details.errors.map(String));
      else showError(e);
    } finally {
      setImporting(false);
    }
  };

  const exportHref = agency ? apiUrl('/api/catalog/export.xlsx', { agencyId: agency.id }) : undefined;

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>公开目录 <HelpLink screen="catalog" /></Typography.Title>}
      extra={
        <Space wrap>
          <Link to="/catalog/ledger" data-testid="open-ledger">
            更新台账
          </Link>
          <Button icon={<DownloadOutlined />} href={exportHref} download data-testid="catalog-export">
            导出 XLSX
          </Button>
          {can.canAdmin && (
            <>
              <Upload
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                showUploadList={false}
                beforeUpload={(f) => {
                  void doImport(f);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={importing} data-testid="catalog-import">
                  导入 XLSX
                </Button>
              </Upload>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-catalog-item">
                新增事项
              </Button>
            </>
          )}
        </Space>
      }
    >
      {can.canAdmin && agency && <StandardAdditions agencyId={agency.id} onAdded={catalog.reload} />}
      {importErrors && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setImportErrors(null) }}
          style={{ marginBottom: 16 }}
          data-testid="catalog-import-errors"
          title={`导入失败，共 ${String(importErrors.length)} 处错误，未导入任何数据`}
          description={
            <ul style={{ margin: 0, paddingLeft: 20, maxHeight: 240, overflow: 'auto' }}>
              {importErrors.map((x, i) => (
                <li key={i} data-testid="catalog-import-error">
                  {x}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {importResult && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setImportResult(null) }}
          style={{ marginBottom: 16 }}
          data-testid="catalog-import-result"
          title={`已导入 ${String(importResult.rows)} 行：新增 ${String(importResult.created)} 项，更新 ${String(importResult.updated)} 项，未变 ${String(importResult.unchanged)} 项，新建领域 ${String(importResult.areasCreated)} 个`}
        />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder="全部领域"
          style={{ width: 240 }}
          value={areaId}
          onChange={setAreaId}
          data-testid="catalog-area-filter"
          aria-label="领域"
          showSearch={{ optionFilterProp: 'label' }}
          options={areas.map((a) => ({ value: a.id, label: `${a.name}（${String(a.items.length)}）` }))}
        />
        <Input.Search allowClear placeholder="搜索事项" onSearch={setQ} style={{ width: 240 }} data-testid="catalog-search" />
        <Button icon={<ReloadOutlined />} onClick={catalog.reload} aria-label="刷新" />
        <Typography.Text type="secondary">
          共 {areas.length} 个领域、{areas.reduce((n, a) => n + a.items.length, 0)} 个事项
        </Typography.Text>
      </Space>
      <Table<Row>
        data-testid="catalog-table"
        rowKey="id"
        size="small"
        loading={catalog.loading}
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        onRow={(r) => ({ 'data-testid': 'catalog-row', 'data-item-id': r.id, 'data-level2': r.level2 }) as HTMLAttributes<HTMLElement>}
        scroll={{ x: 1000 }}
        expandable={{
          expandedRowRender: (r) => (
            <Space orientation="vertical" size={4}>
              {r.content && (
                <div className="gk-comment">
                  <Typography.Text type="secondary">公开内容：</Typography.Text>
                  {r.content}
                </div>
              )}
              {r.basis && (
                <div className="gk-comment">
                  <Typography.Text type="secondary">公开依据：</Typography.Text>
                  {r.basis}
                </div>
              )}
              <div>
                <Typography.Text type="secondary">公开主体：</Typography.Text>
                {r.subject || '—'} · {r.audienceName} · {r.levelName}
              </div>
              <div data-testid="catalog-interpretation">
                <Typography.Text type="secondary">政策解读：</Typography.Text>
                {interpretationNames[interpretationChoice(r.needsInterpretation)]}
              </div>
            </Space>
          ),
        }}
        columns={[
          { title: '公开领域', dataIndex: 'areaName', width: 150 },
          { title: '一级事项', dataIndex: 'level1', width: 160 },
          { title: '二级事项', dataIndex: 'level2', width: 180 },
          { title: '公开时限', dataIndex: 'timeLimit', width: 220, render: (v: string) => <span data-testid="catalog-time-limit">{v}</span> },
          {
            title: '公开渠道和载体',
            dataIndex: 'channelNames',
            render: (v: string[]) => (
              <Space size={[0, 4]} wrap>
                {v.map((c) => (
                  <Tag key={c}>{c}</Tag>
                ))}
              </Space>
            ),
          },
          { title: '公开方式', dataIndex: 'modeName', width: 90, render: (v: string, r) => <Tag color={r.mode === 'proactive' ? 'blue' : 'purple'}>{v}</Tag> },
          ...(can.canAdmin
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 80,
                  render: (_: unknown, r: Row) => (
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} data-testid="edit-catalog-item">
                      编辑
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && agency && (
        <ItemModal
          agencyId={agency.id}
          areas={areas}
          item={editing === 'new' ? null : editing}
          defaultAreaId={areaId}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            catalog.reload();
          }}
        />
      )}
    </Card>
  );
}

interface ItemValues {
  areaId: string;
  level1: string;
  level2: string;
  content: string;
  basis: string;
  subject: string;
  channels: string[];
  audience: 'public' | 'specific';
  mode: 'proactive' | 'request';
  level: 'county' | 'township';
  sort: number;
  ruleKind: 'event' | 'periodic';
  unit: 'workingDays' | 'hours';
  limit: number;
  period: 'monthly' | 'quarterly' | 'yearly';
  dueDay: number;
  dueMonth?: number;
  /** 公示期 (empty = none). */
  noticeDays?: number | null;
  noticeUnit: 'days' | 'workingDays';
  interpretation: InterpretationChoice;
}

function ruleOf(v: ItemValues): TimeRule {
  if (v.ruleKind === 'event') {
    const base = { kind: 'event' as const, unit: v.unit, limit: v.limit };
    if (!v.noticeDays) return base;
    return v.noticeUnit === 'workingDays' ? { ...base, noticeDays: v.noticeDays, noticeUnit: 'workingDays' } : { ...base, noticeDays: v.noticeDays };
  }
  return v.period === 'yearly' ? { kind: 'periodic', period: v.period, dueDay: v.dueDay, dueMonth: v.dueMonth ?? 1 } : { kind: 'periodic', period: v.period, dueDay: v.dueDay };
}

function ItemModal({
  agencyId,
  areas,
  item,
  defaultAreaId,
  onClose,
  onSaved,
}: {
  agencyId: string;
  areas: CatalogArea[];
  item: Row | null;
  defaultAreaId: string | undefined;
  onClose(): void;
  onSaved(): void;
}) {
  const [form] = Form.useForm<ItemValues>();
  const [busy, setBusy] = useState(false);
  const ruleKind = Form.useWatch('ruleKind', form);
  const period = Form.useWatch('period', form);
  const rule = item?.timeRule;
  const initial: Partial<ItemValues> = {
    areaId: item?.areaId ?? defaultAreaId ?? areas[0]?.id,
    level1: item?.level1 ?? '',
    level2: item?.level2 ?? '',
    content: item?.content ?? '',
    basis: item?.basis ?? '',
    subject: item?.subject ?? '',
    channels: item?.channels ?? ['website'],
    audience: item?.audience ?? 'public',
    mode: item?.mode ?? 'proactive',
    level: item?.level ?? 'township',
    sort: item?.sort ?? 0,
    ruleKind: rule?.kind ?? 'event',
    unit: rule?.kind === 'event' ? rule.unit : 'workingDays',
    limit: rule?.kind === 'event' ? rule.limit : 20,
    period: rule?.kind === 'periodic' ? rule.period : 'monthly',
    dueDay: rule?.kind === 'periodic' ? rule.dueDay : 10,
    dueMonth: rule?.kind === 'periodic' ? (rule.dueMonth ?? 1) : 1,
    noticeDays: rule?.kind === 'event' && 'noticeDays' in rule ? (rule.noticeDays ?? null) : null,
    noticeUnit: rule?.kind === 'event' && 'noticeUnit' in rule && rule.noticeUnit === 'workingDays' ? 'workingDays' : 'days',
    interpretation: interpretationChoice(item?.needsInterpretation),
  };

  const save = async () => {
    let v: ItemValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const fields = {
      areaId: v.areaId,
      level1: v.level1,
      level2: v.level2,
      content: v.content ?? '',
      basis: v.basis ?? '',
      subject: v.subject ?? '',
      channels: v.channels,
      audience: v.audience,
      mode: v.mode,
      level: v.level,
      sort: v.sort ?? 0,
      timeRule: ruleOf(v),
      needsInterpretation: v.interpretation === 'yes' ? true : v.interpretation === 'no' ? false : null,
    };
    setBusy(true);
    try {
      if (item) await patch(`/api/catalog/items/${item.id}`, { lockVersion: item.lockVersion, ...fields });
      else await post('/api/catalog/items', { agencyId, ...fields });
      showSuccess(item ? '事项已保存' : '事项已新增');
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.isConflict && item) {
        showConflict('其他人已先修改了该事项', e);
        onSaved();
        return;
      }
      if (e instanceof ApiError) applyFieldErrors(form, e, { 'timeRule.limit': 'limit', 'timeRule.dueDay': 'dueDay', 'timeRule.dueMonth': 'dueMonth', 'timeRule.noticeDays': 'noticeDays' });
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={760}
      title={item ? '编辑目录事项' : '新增目录事项'}
      okText="保存"
      cancelText="取消"
      onOk={() => void save()}
      onCancel={onClose}
      okButtonProps={{ loading: busy, 'data-testid': 'save-catalog-item' } as never}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} data-testid="catalog-item-form">
        <Row gutter={12}>
          <Col span={24}>
            <Form.Item name="areaId" label="公开领域" rules={[{ required: true, message: '请选择领域' }]}>
              <Select data-testid="item-area" showSearch={{ optionFilterProp: 'label' }} options={areas.map((a) => ({ value: a.id, label: a.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="level1" label="一级事项" rules={[{ required: true, whitespace: true, message: '请填写一级事项' }, { max: 100 }]}>
              <Input data-testid="item-level1" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="level2" label="二级事项" rules={[{ required: true, whitespace: true, message: '请填写二级事项' }, { max: 100 }]}>
              <Input data-testid="item-level2" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="content" label="公开内容（要素）" rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} data-testid="item-content" />
        </Form.Item>
        <Form.Item name="basis" label="公开依据" rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} data-testid="item-basis" />
        </Form.Item>
        <Form.Item label="公开时限" required style={{ marginBottom: 8 }}>
          <Space wrap align="start" data-testid="item-time-rule">
            <Form.Item name="ruleKind" noStyle>
              <Radio.Group data-testid="item-rule-kind" optionType="button">
                <Radio.Button value="event">信息形成或变更后</Radio.Button>
                <Radio.Button value="periodic">定期公开</Radio.Button>
              </Radio.Group>
            </Form.Item>
            {ruleKind !== 'periodic' ? (
              <>
                <Form.Item name="limit" rules={[{ required: true, message: '请填写时限' }]} style={{ marginBottom: 0 }}>
                  <InputNumber min={1} max={720} data-testid="item-limit" />
                </Form.Item>
                <Form.Item name="unit" noStyle>
                  <Select
                    style={{ width: 130 }}
                    data-testid="item-unit"
                    options={[
                      { value: 'workingDays', label: '个工作日内' },
                      { value: 'hours', label: '小时内' },
                    ]}
                  />
                </Form.Item>
              </>
            ) : (
              <>
                <Form.Item name="period" noStyle>
                  <Select
                    style={{ width: 110 }}
                    data-testid="item-period"
                    options={[
                      { value: 'monthly', label: '每月' },
                      { value: 'quarterly', label: '每季度' },
                      { value: 'yearly', label: '每年' },
                    ]}
                  />
                </Form.Item>
                <span style={{ lineHeight: '32px' }}>{period === 'yearly' ? '次年' : period === 'quarterly' ? '季度结束后次月' : '次月'}</span>
                {period === 'yearly' && (
                  <Form.Item name="dueMonth" rules={[{ required: true, message: '月份' }]} style={{ marginBottom: 0 }}>
                    <InputNumber min={1} max={12} suffix="月" data-testid="item-due-month" />
                  </Form.Item>
                )}
                <Form.Item name="dueDay" rules={[{ required: true, message: '截止日' }]} style={{ marginBottom: 0 }}>
                  <InputNumber min={1} max={31} suffix="日前" data-testid="item-due-day" />
                </Form.Item>
              </>
            )}
          </Space>
        </Form.Item>
        {ruleKind !== 'periodic' && (
          <Form.Item label="公示期" tooltip="公示类信息首次发布后须保持公开的最短期限；期满前撤回的记为“公示期不足”。不需要公示期的留空" style={{ marginBottom: 8 }}>
            <Space wrap align="start" data-testid="item-notice">
              <span style={{ lineHeight: '32px' }}>不少于</span>
              <Form.Item name="noticeDays" style={{ marginBottom: 0 }}>
                <InputNumber min={1} max={365} precision={0} placeholder="不设" data-testid="item-notice-days" />
              </Form.Item>
              <Form.Item name="noticeUnit" noStyle>
                <Select
                  style={{ width: 110 }}
                  data-testid="item-notice-unit"
                  options={[
                    { value: 'days', label: '天' },
                    { value: 'workingDays', label: '个工作日' },
                  ]}
                />
              </Form.Item>
            </Space>
          </Form.Item>
        )}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          条例第26条：自信息形成或者变更之日起20个工作日内公开。公示期按日计算，发布当日不计入；最后一日为节假日的顺延至节假日后第一个工作日。
        </Typography.Paragraph>
        <Form.Item name="interpretation" label="是否需要政策解读">
          <Select data-testid="item-interpretation" options={(Object.keys(interpretationNames) as InterpretationChoice[]).map((value) => ({ value, label: interpretationNames[value] }))} />
        </Form.Item>
        <Form.Item name="channels" label="公开渠道和载体" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个渠道' }]}>
          <Checkbox.Group data-testid="item-channels" options={Object.entries(channelLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="subject" label="公开主体" rules={[{ max: 100 }]}>
              <Input data-testid="item-subject" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="audience" label="公开对象">
              <Select
                data-testid="item-audience"
                options={[
                  { value: 'public', label: '全社会' },
                  { value: 'specific', label: '特定群众' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="mode" label="公开方式">
              <Select
                data-testid="item-mode"
                options={[
                  { value: 'proactive', label: '主动' },
                  { value: 'request', label: '依申请' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="level" label="公开层级">
              <Select
                data-testid="item-level"
                options={[
                  { value: 'township', label: '乡级' },
                  { value: 'county', label: '县级' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="sort" label="排序">
              <InputNumber min={0} max={100000} data-testid="item-sort" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
