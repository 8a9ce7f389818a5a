/**
 * 登记申请: a request that arrived on paper, in person, by fax, e-mail or orally (online ones
 * come through the portal). Person or organisation fields, the information wanted, form and
 * delivery, handler and backup handler from the agency's 依申请公开承办人. After saving, the
 * applicant's query code is shown once.
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Space, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError, post, request } from '../lib/api.ts';
import { dayjs, fromDayjs, type Dayjs } from '../lib/dates.ts';
import { showError, showSuccess } from '../lib/feedback.ts';
import { applyFieldErrors } from '../lib/forms.ts';
import { useLoad } from '../lib/hooks.ts';
import { channelOptions, deliveryLabels, idTypeLabels, loadMemberOptions, orgKindLabels, provisionFormLabels, type RequestDetail } from '../lib/requests.ts';
import { navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';

interface Values {
  channel: string;
  receivedOn: Dayjs;
  applicantKind: 'person' | 'organization';
  name: string;
  idType?: string;
  idNumber?: string;
  orgKind?: string;
  uscc?: string;
  legalRepresentative?: string;
  contactPerson?: string;
  phone: string;
  address?: string;
  postcode?: string;
  email?: string;
  description: string;
  docNo?: string;
  provisionForm: string;
  delivery: string;
  handlerId?: string;
  backupHandlerId?: string;
}

const toOptions = (m: Record<string, string>) => Object.entries(m).map(([value, label]) => ({ value, label }));

export default function RequestNewPage() {
  const { agency, can, actor } = useSession();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<RequestDetail | null>(null);
  // Scans of the application (JPEG/PNG/PDF), sent with the registration in one request.
  const [scans, setScans] = useState<File[]>([]);
  const kind = Form.useWatch('applicantKind', form) ?? 'person';
  const channel = Form.useWatch('channel', form);
  const isHandler = can.roles.includes('handler');

  // The agency's 依申请公开承办人 (GET /api/agencies/:id/members, open to the agency's staff).
  const handlers = useLoad(async (signal) => (agency ? loadMemberOptions(agency.id, 'handler', signal) : []), [agency?.id]);

  const submit = async (v: Values) => {
    if (!agency) return;
    const common = {
      agencyId: agency.id,
      channel: v.channel,
      receivedOn: fromDayjs(v.receivedOn),
      applicantKind: v.applicantKind,
      name: v.name,
      phone: v.phone,
      address: v.address,
      postcode: v.postcode,
      email: v.email,
      description: v.description,
      docNo: v.docNo,
      provisionForm: v.provisionForm,
      delivery: v.delivery,
      handlerId: v.handlerId ?? null,
      backupHandlerId: v.backupHandlerId ?? null,
    };
    const body =
      v.applicantKind === 'person'
        ? { ...common, idType: v.idType, idNumber: v.idNumber }
        : { ...common, orgKind: v.orgKind, uscc: v.uscc, legalRepresentative: v.legalRepresentative, contactPerson: v.contactPerson };
    setSaving(true);
    try {
      let r: RequestDetail;
      if (scans.length) {
        const form = new FormData();
        form.append('data', JSON.stringify(body));
        for (const f of scans) form.append('scans', f, f.name);
        r = await request<RequestDetail>('POST', '/api/requests', { body: form });
      } else {
        r = await post<RequestDetail>('/api/requests', body);
      }
      showSuccess(`已登记，受理编号 ${r.request.trackingNo}`);
      setCreated(r);
    } catch (e) {
      if (e instanceof ApiError) applyFieldErrors(form, e);
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  const rule = channelOptions.find((c) => c.value === channel)?.rule;

  return (
    <Card
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/requests')} aria-label="返回" />
          <Typography.Title level={4} style={{ margin: 0 }}>
            登记政府信息公开申请
          </Typography.Title>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="request-form"
        onFinish={(v) => void submit(v)}
        initialValues={{
          channel: 'in_person',
          receivedOn: dayjs(),
          applicantKind: 'person',
          idType: 'resident_id',
          provisionForm: 'paper',
          delivery: 'mail',
          handlerId: isHandler ? actor.userId : undefined,
        }}
        style={{ maxWidth: 960 }}
      >
        <Typography.Title level={5}>收到申请</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="channel" label="申请渠道" rules={[{ required: true, message: '请选择申请渠道' }]} extra={rule}>
              <Select data-testid="req-channel" options={channelOptions.map((c) => ({ value: c.value, label: c.label }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="receivedOn" label="收到申请之日" rules={[{ required: true, message: '请填写收到申请之日' }]}>
              <DatePicker data-testid="req-received-on" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5}>申请人</Typography.Title>
        <Form.Item name="applicantKind" label="申请人类型">
          <Radio.Group data-testid="req-applicant-kind" optionType="button">
            <Radio.Button value="person">
              <span data-testid="req-kind-person">自然人</span>
            </Radio.Button>
            <Radio.Button value="organization">
              <span data-testid="req-kind-organization">法人或其他组织</span>
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={kind === 'person' ? '姓名' : '名称'} rules={[{ required: true, message: kind === 'person' ? '请填写姓名' : '请填写名称' }, { max: 100 }]}>
              <Input data-testid="req-name" autoComplete="off" />
            </Form.Item>
          </Col>
          {kind === 'person' ? (
            <>
              <Col xs={24} md={4}>
                <Form.Item name="idType" label="证件类型" rules={[{ required: true, message: '请选择证件类型' }]}>
                  <Select data-testid="req-id-type" options={toOptions(idTypeLabels)} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="idNumber" label="证件号码" rules={[{ required: true, message: '请填写证件号码' }, { max: 40 }]}>
                  <Input data-testid="req-id-number" autoComplete="off" />
                </Form.Item>
              </Col>
            </>
          ) : (
            <>
              <Col xs={24} md={4}>
                <Form.Item name="orgKind" label="组织类型" rules={[{ required: true, message: '请选择类型' }]} tooltip="决定年度报告表三中计入的列">
                  <Select data-testid="req-org-kind" options={toOptions(orgKindLabels)} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="uscc"
                  label="统一社会信用代码"
                  rules={[
                    { required: true, message: '请填写统一社会信用代码' },
                    { pattern: /^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$/, message: '应为18位代码' },
                  ]}
                >
                  <Input data-testid="req-uscc" autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="legalRepresentative" label="法定代表人或负责人" rules={[{ required: true, message: '请填写法定代表人或负责人' }, { max: 50 }]}>
                  <Input data-testid="req-legal-representative" autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="contactPerson" label="联系人" rules={[{ required: true, message: '请填写联系人' }, { max: 50 }]}>
                  <Input data-testid="req-contact-person" autoComplete="off" />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} md={8}>
            <Form.Item name="phone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }, { max: 30 }]}>
              <Input data-testid="req-phone" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="email" label="电子邮箱" rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}>
              <Input data-testid="req-email" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="postcode" label="邮政编码" rules={[{ pattern: /^\d{6}$/, message: '邮政编码应为6位数字' }]}>
              <Input data-testid="req-postcode" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label="通信地址" rules={[{ max: 200 }]}>
              <Input data-testid="req-address" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5}>所需政府信息</Typography.Title>
        <Form.Item name="description" label="名称或内容描述" rules={[{ required: true, message: '请填写所需政府信息的名称或内容描述' }, { min: 4, message: '至少 4 个字' }, { max: 2000 }]}>
          <Input.TextArea data-testid="req-description" rows={4} showCount maxLength={2000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="docNo" label="文号（如知道）" rules={[{ max: 100 }]}>
              <Input data-testid="req-doc-no" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="provisionForm" label="获取信息的形式" rules={[{ required: true }]}>
              <Select data-testid="req-provision-form" options={toOptions(provisionFormLabels)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="delivery" label="获取信息的方式" rules={[{ required: true }]}>
              <Select data-testid="req-delivery" options={toOptions(deliveryLabels)} />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5}>申请材料扫描件</Typography.Title>
        <Form.Item extra="信函、当面、传真、电子邮件收到的申请，请上传申请材料的扫描件或照片（JPEG、PNG 或 PDF，最多 10 个），仅承办人和单位管理员可见。">
          <Upload
            multiple
            accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"
            fileList={scans.map((f, i) => ({ uid: `${i}-${f.name}`, name: f.name, status: 'done' as const }))}
            beforeUpload={(file) => {
              setScans((l) => [...l, file]);
              return false; // sent with the registration
            }}
            onRemove={(item) => setScans((l) => l.filter((f, i) => `${i}-${f.name}` !== item.uid))}
          >
            <Button icon={<UploadOutlined />} data-testid="req-scans">
              选择扫描件
            </Button>
          </Upload>
        </Form.Item>

        <Typography.Title level={5}>承办</Typography.Title>
        {!can.canAdmin && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="只有单位管理员可以指定其他承办人；您可以将本人设为承办人。" />}
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="handlerId" label="承办人（A角）">
              <Select data-testid="req-handler" allowClear loading={handlers.loading} options={handlers.data ?? []} placeholder="暂不指定" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="backupHandlerId"
              label="B角承办人"
              dependencies={['handlerId']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v?: string) => (v && v === getFieldValue('handlerId') ? Promise.reject(new Error('B角承办人不能与承办人相同')) : Promise.resolve()),
                }),
              ]}
            >
              <Select data-testid="req-backup-handler" allowClear loading={handlers.loading} options={handlers.data ?? []} placeholder="暂不指定" />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="save-request">
            登记
          </Button>
          <Button onClick={() => navigate('/requests')}>取消</Button>
        </Space>
      </Form>

      <Modal
        open={!!created}
        title="申请已登记"
        closable={false}
        mask={{ closable: false }}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText="查看申请"
        okButtonProps={{ 'data-testid': 'query-code-ok' } as never}
        onOk={() => created && navigate(`/requests/${created.request.id}`)}
      >
        <p>
          受理编号：<Typography.Text strong data-testid="created-tracking-no">{created?.request.trackingNo}</Typography.Text>
        </p>
        {created?.queryCode && (
          <>
            <p>
              查询码：
              <Typography.Text strong copyable code data-testid="query-code">
                {created.queryCode}
              </Typography.Text>
            </p>
            <Alert type="warning" showIcon title="查询码只显示这一次，请告知申请人（申请人凭受理编号和查询码在门户查询办理进度）。" />
          </>
        )}
      </Modal>
    </Card>
  );
}
