/**
 * 单位设置: name, the public settings shown in the portal footer and 指南 (主办单位, 网站标识码,
 * 备案号, contacts), and the 三审三校 review chain (steps with key, name, checklist; exactly
 * one 隐私信息专项审查 step), and the 机构设置 card (components/AgencySwitches.tsx: 审批, 岗前培训,
 * 回头看 interval, 留言答复期限). A sysadmin also creates agencies: the form sets 岗前培训 (the only
 * switch the create API takes); the page then switches to the new agency, its 机构设置 card below.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Descriptions, Form, Input, Modal, Row, Select, Space, Spin, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ApiError, patch, post } from '../lib/api.ts';
import { forgetAgencyDetail, loadAgencyDetail } from '../lib/agency-cache.ts';
import { feedback, showError, showSuccess } from '../lib/feedback.ts';
import { applyFieldErrors } from '../lib/forms.ts';
import { agencyKindLabels } from '../lib/labels.ts';
import { useSession } from '../lib/session.tsx';
import { AgencySwitches } from '../components/AgencySwitches.tsx';
import type { Agency, AgencyKind, AgencySettings, ReviewStep } from '../lib/types.ts';

interface Values {
  name: string;
  settings: AgencySettings;
  reviewChain: ReviewStep[];
}

const settingFields: { key: keyof AgencySettings; label: string; extra?: string; rules?: object[] }[] = [
  { key: 'sponsor', label: '主办单位' },
  { key: 'siteCode', label: '网站标识码', extra: '10 位字母或数字，由政府网站管理部门分配', rules: [{ pattern: /^([A-Za-z0-9]{10})?$/, message: '网站标识码为 10 位字母或数字' }] },
  { key: 'icp', label: 'ICP备案号', extra: '如：渝ICP备12345678号' },
  { key: 'psb', label: '公安备案号', extra: '如：渝公网安备 50023702000123号' },
  { key: 'address', label: '办公地址' },
  { key: 'officeHours', label: '办公时间', extra: '如：工作日 9:00–12:00，14:00–17:30' },
  { key: 'phone', label: '联系电话' },
  { key: 'fax', label: '传真' },
  { key: 'email', label: '电子邮箱', rules: [{ type: 'email', message: '邮箱格式不正确' }] },
];

/** Settings with empty values left out, in a fixed key order (for comparing and saving). */
function normSettings(s: AgencySettings | undefined): AgencySettings {
  const out: Record<string, string> = {};
  for (const f of settingFields) {
    const x = s?.[f.key];
    if (typeof x === 'string' && x.trim()) out[f.key] = x.trim();
  }
  return out as AgencySettings;
}

/** Steps trimmed, in a fixed key order (jsonb does not keep key order). */
function normChain(chain: ReviewStep[] | undefined): ReviewStep[] {
  return (chain ?? []).map((s) => ({
    key: s.key.trim(),
    name: s.name.trim(),
    checklist: (s.checklist ?? []).map((c) => c.trim()).filter(Boolean),
    ...(s.privacy ? { privacy: true } : {}),
  }));
}

const defaultChecklist = ['文字', '数据', '格式', '政治把关', '时效'];

export default function AgencyPage() {
  const { agency, can, reloadAgencies, setAgencyId } = useSession();
  const [form] = Form.useForm<Values>();
  const [fresh, setFresh] = useState<Agency | null>(null);
  const [busy, setBusy] = useState(false);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    if (!agency) return;
    let live = true;
    setFresh(null);
    forgetAgencyDetail(agency.id);
    loadAgencyDetail(agency.id).then(
      (d) => {
        if (!live) return;
        setFresh(d.agency);
        form.setFieldsValue({ name: d.agency.name, settings: d.agency.settings, reviewChain: d.agency.reviewChain });
      },
      (e: unknown) => showError(e),
    );
    return () => {
      live = false;
    };
  }, [agency, form]);

  const save = async () => {
    if (!fresh) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      void feedback.message?.warning('请先完善标红的字段');
      return;
    }
    const chain = normChain(v.reviewChain);
    const settings = normSettings(v.settings);
    const body: Record<string, unknown> = {};
    if (v.name.trim() !== fresh.name) body.name = v.name.trim();
    if (JSON.stringify(settings) !== JSON.stringify(normSettings(fresh.settings))) body.settings = settings;
    if (JSON.stringify(chain) !== JSON.stringify(normChain(fresh.reviewChain))) body.reviewChain = chain;
    if (Object.keys(body).length === 0) {
      void feedback.message?.info('没有需要保存的修改');
      return;
    }
    setBusy(true);
    try {
      const r = await patch<{ agency: Agency }>(`/api/agencies/${fresh.id}`, body);
      setFresh(r.agency);
      forgetAgencyDetail(fresh.id);
      showSuccess('单位设置已保存');
      reloadAgencies();
    } catch (e) {
      if (e instanceof ApiError) applyFieldErrors(form, e);
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={<Typography.Title level={4} style={{ margin: 0 }}>单位设置</Typography.Title>}
        extra={
          can.isSysadmin && (
            <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-agency">
              新增单位
            </Button>
          )
        }
      >
        {!agency ? (
          <Alert type="info" showIcon title="还没有单位，请先新增单位。" />
        ) : !fresh ? (
          <Spin />
        ) : (
          <>
            <Descriptions
              size="small"
              style={{ marginBottom: 16 }}
              items={[
                { key: 'code', label: '机构代码（索引号前缀）', children: fresh.code },
                { key: 'slug', label: '网址标识', children: `/${fresh.slug}/` },
                { key: 'kind', label: '类型', children: agencyKindLabels[fresh.kind] },
              ]}
            />
            <Form<Values> form={form} layout="vertical" name="agency">
              <Form.Item label="单位名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }, { min: 2, max: 60 }]}>
                <Input data-testid="agency-name" />
              </Form.Item>
              <Typography.Title level={5}>门户页脚与公开指南</Typography.Title>
              <Row gutter={16}>
                {settingFields.map((f) => (
                  <Col xs={24} md={12} xl={8} key={f.key}>
                    <Form.Item label={f.label} name={['settings', f.key]} extra={f.extra} rules={f.rules as never}>
                      <Input data-testid={`agency-${f.key}`} maxLength={f.key === 'address' || f.key === 'officeHours' ? 200 : 100} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
              <Typography.Title level={5}>审核流程（三审三校）</Typography.Title>
              <Typography.Paragraph type="secondary">
                稿件按顺序经过以下步骤。步骤标识供审核人角色引用，修改标识会使已分配该步骤的审核人失去权限；已在审核中的稿件沿用提交时的流程。
                须有且仅有一个“隐私信息专项审查”步骤。
              </Typography.Paragraph>
              <ChainEditor />
            </Form>
            <Button type="primary" loading={busy} onClick={() => void save()} data-testid="save-agency">
              保存设置
            </Button>
          </>
        )}
      </Card>
      {agency && fresh?.id === agency.id && <AgencySwitches agencyId={agency.id} />}
      {creating && (
        <CreateAgencyModal
          onClose={() => setCreating(false)}
          onCreated={(a) => {
            setCreating(false);
            reloadAgencies();
            setAgencyId(a.id);
          }}
        />
      )}
    </Space>
  );
}

/** Form.List of review steps. */
function ChainEditor() {
  return (
    <Form.List
      name="reviewChain"
      rules={[
        {
          validator: async (_, chain: ReviewStep[] | undefined) => {
            const steps = chain ?? [];
            if (steps.length < 1 || steps.length > 8) throw new Error('审核流程须包含 1–8 个步骤');
            if (steps.filter((s) => s?.privacy).length !== 1) throw new Error('须有且仅有一个隐私信息专项审查步骤');
            const keys = steps.map((s) => s?.key);
            if (new Set(keys).size !== keys.length) throw new Error('步骤标识不能重复');
          },
        },
      ]}
    >
      {(fields, { add, remove, move }, { errors }) => (
        <div data-testid="chain-editor">
          {fields.map((field, i) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 12 }}
              title={`第 ${String(i + 1)} 步`}
              extra={
                <Space>
                  <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label="上移" />
                  <Button size="small" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} aria-label="下移" />
                  <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(i)} aria-label="删除步骤" />
                </Space>
              }
            >
              <Row gutter={12}>
                <Col xs={24} md={6}>
                  <Form.Item
                    label="步骤标识"
                    name={[field.name, 'key']}
                    rules={[
                      { required: true, message: '必填' },
                      { pattern: /^[a-z][a-z0-9_-]{0,39}$/, message: '小写字母开头的字母数字' },
                    ]}
                  >
                    <Input placeholder="如 first" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item label="步骤名称" name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: '必填' }, { max: 40 }]}>
                    <Input placeholder="如 科室负责人初审" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={10}>
                  <Form.Item label="核对清单" name={[field.name, 'checklist']} rules={[{ type: 'array', max: 20 }]}>
                    <Select mode="tags" tokenSeparators={[',', '，', '、']} placeholder="输入后回车添加" open={false} suffixIcon={null} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name={[field.name, 'privacy']} valuePropName="checked" style={{ marginBottom: 0 }}>
                <Checkbox>隐私信息专项审查步骤</Checkbox>
              </Form.Item>
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            disabled={fields.length >= 8}
            onClick={() => add({ key: `step${String(fields.length + 1)}`, name: '', checklist: [...defaultChecklist], privacy: false })}
            style={{ marginBottom: 16 }}
          >
            添加审核步骤
          </Button>
        </div>
      )}
    </Form.List>
  );
}

interface CreateValues {
  code: string;
  slug: string;
  name: string;
  kind: AgencyKind;
  parentId?: string;
  requireTraining: boolean;
}

function CreateAgencyModal({ onClose, onCreated }: { onClose(): void; onCreated(a: Agency): void }) {
  const { agencies } = useSession();
  const [form] = Form.useForm<CreateValues>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    let v: CreateValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const r = await post<{ agency: Agency }>('/api/agencies', { ...v, ...(v.parentId ? {} : { parentId: null }) });
      showSuccess(`已新增 ${r.agency.name}（已建立标准栏目和默认审核流程），请在本页「机构设置」中确认其余业务开关`);
      onCreated(r.agency);
    } catch (e) {
      if (e instanceof ApiError) applyFieldErrors(form, e);
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="新增单位" okText="创建" cancelText="取消" onOk={() => void save()} onCancel={onClose} okButtonProps={{ loading: busy }} destroyOnHidden>
      <Form<CreateValues> form={form} layout="vertical" initialValues={{ kind: 'township', requireTraining: true }}>
        <Form.Item label="单位名称" name="name" rules={[{ required: true, whitespace: true, min: 2, max: 60, message: '请输入 2–60 个字的单位名称' }]}>
          <Input placeholder="如 巫山县曲尺乡人民政府" />
        </Form.Item>
        <Form.Item label="类型" name="kind" rules={[{ required: true }]}>
          <Select options={Object.entries(agencyKindLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item
          label="机构代码"
          name="code"
          extra="通常为统一社会信用代码，用作索引号前缀"
          rules={[{ required: true, pattern: /^[0-9A-Z]{6,18}$/, message: '机构代码为 6–18 位数字或大写字母' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item label="网址标识" name="slug" extra="门户地址中的单位标识，如 quchi" rules={[{ required: true, pattern: /^[a-z][a-z0-9-]{1,31}$/, message: '2–32 位小写字母、数字或连字符，字母开头' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="上级单位" name="parentId">
          <Select allowClear options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
        </Form.Item>
        <Form.Item name="requireTraining" valuePropName="checked" extra="新任起草人、审核人、承办人须通过岗前培训考核后方可上岗（年度报告整改举措）" style={{ marginBottom: 8 }}>
          <Checkbox data-testid="new-agency-training">岗前培训考核合格后方可上岗</Checkbox>
        </Form.Item>
        <Alert type="info" showIcon title="依申请公开审批（默认关闭）、隐私回头看周期（默认每天）、留言答复期限（默认 5 个工作日）在创建后于本页「机构设置」中修改。" />
      </Form>
    </Modal>
  );
}
