/**
 * Create or edit a draft: every metadata field, the column tree, the body editor, and (once
 * saved) attachments; then 提交审核. A returned draft shows the reviewer's reason; a
 * correction of a published item asks for 更正说明 on submission.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Modal, Radio, Result, Row, Select, Space, Spin, TreeSelect, Typography } from 'antd';
import { ApiError, get, patch, post } from '../lib/api.ts';
import { columnTree, useAgencyDetail, type ColumnNode } from '../lib/agency-cache.ts';
import { fromDayjs, toDayjs, type Dayjs } from '../lib/dates.ts';
import { feedback, showError, showSuccess } from '../lib/feedback.ts';
import { applyFieldErrors } from '../lib/forms.ts';
import { disclosureLabels, docTypeLabels, validityLabels } from '../lib/labels.ts';
import { Link, navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import type { Disclosure, DisclosureGround, DocType, DocumentDetail, DocumentFields, DocumentView, Validity } from '../lib/types.ts';
import { Attachments } from '../components/Attachments.tsx';
import { BodyEditor } from '../components/BodyEditor.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { lastReturn } from '../lib/documents.ts';
import { HelpLink } from '../components/HelpLink.tsx';
import { useLoad } from '../lib/hooks.ts';
import type { CatalogArea } from '../lib/staff.ts';

/** Form values (dates as dayjs). */
interface Values {
  title: string;
  docNo?: string;
  publisher?: string;
  writtenOn?: Dayjs | null;
  topic?: string;
  columnId?: string;
  catalogItemId?: string | null;
  disclosure: Disclosure;
  disclosureGround?: DisclosureGround;
  docType: DocType;
  validity?: Validity;
  effectiveOn?: Dayjs | null;
  invalidOn?: Dayjs | null;
  noticeStartsOn?: Dayjs | null;
  noticeEndsOn?: Dayjs | null;
  bodyHtml: string;
  keywords: string[];
}

/** 主题分类 suggestions (国务院公文主题词 top level, as used by most portals). */
const topics = [
  '综合政务', '国民经济管理、国有资产监管', '财政、金融、审计', '国土资源、能源', '农业、林业、水利', '工业、交通', '商贸、海关、旅游',
  '市场监管、安全生产监管', '城乡建设、环境保护', '科技、教育', '文化、广电、新闻出版', '卫生、体育', '人口与计划生育、妇女儿童工作',
  '劳动、人事、监察', '公安、安全、司法', '民政、扶贫、救灾', '民族、宗教', '对外事务', '港澳台侨工作', '国防', '其他',
];

/** Legal grounds for not disclosing proactively (条例第十四、十五、十六条); codes as the server stores them. */
const grounds: { value: DisclosureGround; label: string }[] = [
  { value: 'art14', label: '条例第十四条（国家秘密、法律法规禁止公开或危及国家安全、公共安全、经济安全、社会稳定）' },
  { value: 'art15', label: '条例第十五条（涉及商业秘密、个人隐私等第三方合法权益）' },
  { value: 'art16_1', label: '条例第十六条第一款（内部事务信息）' },
  { value: 'art16_2', label: '条例第十六条第二款（过程性信息或行政执法案卷信息）' },
];

function toValues(d: DocumentView): Values {
  return {
    title: d.title,
    docNo: d.docNo ?? '',
    publisher: d.publisher ?? '',
    writtenOn: toDayjs(d.writtenOn),
    topic: d.topic ?? '',
    columnId: d.columnId,
    catalogItemId: d.catalogItemId,
    disclosure: d.disclosure,
    disclosureGround: d.disclosureGround ?? undefined,
    docType: d.docType,
    ...(d.validity ? { validity: d.validity } : {}),
    effectiveOn: toDayjs(d.effectiveOn),
    invalidOn: toDayjs(d.invalidOn),
    noticeStartsOn: toDayjs(d.noticeStartsOn ?? null),
    noticeEndsOn: toDayjs(d.noticeEndsOn ?? null),
    bodyHtml: d.bodyHtml,
    keywords: d.keywords,
  };
}

function toFields(v: Values): DocumentFields {
  const hasValidity = v.docType === 'regulation' || v.docType === 'normative';
  const opt = (s: string | undefined) => (s?.trim() ? s.trim() : null);
  return {
    title: v.title.trim(),
    docNo: opt(v.docNo),
    publisher: opt(v.publisher),
    writtenOn: fromDayjs(v.writtenOn),
    topic: opt(v.topic),
    columnId: v.columnId!,
    catalogItemId: v.disclosure === 'proactive' ? (v.catalogItemId ?? null) : null,
    disclosure: v.disclosure,
    disclosureGround: v.disclosure === 'proactive' ? null : (v.disclosureGround ?? null),
    docType: v.docType,
    validity: hasValidity ? (v.validity ?? 'valid') : null,
    effectiveOn: hasValidity ? fromDayjs(v.effectiveOn) : null,
    invalidOn: hasValidity && v.validity && v.validity !== 'valid' ? fromDayjs(v.invalidOn) : null,
    noticeStartsOn: v.disclosure === 'proactive' ? fromDayjs(v.noticeStartsOn) : null,
    noticeEndsOn: v.disclosure === 'proactive' ? fromDayjs(v.noticeEndsOn) : null,
    bodyHtml: v.bodyHtml,
    keywords: v.keywords.map((k) => k.trim()).filter(Boolean),
  };
}

/** Drops nulls: the create schema takes optional fields, not nulls. */
function withoutNulls(f: DocumentFields): Record<string, unknown> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null));
}

export default function DocumentEditPage({ id }: { id?: string }) {
  const { agency } = useSession();
  const [form] = Form.useForm<Values>();
  const [detail, setDetail] = useState<DocumentDetail | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [submitOpen, setSubmitOpen] = useState(false);
  const agencyId = detail?.document.agencyId ?? agency?.id;
  const agencyDetail = useAgencyDetail(agencyId);
  const tree = useMemo(() => columnTree(agencyDetail?.columns ?? []), [agencyDetail]);
  // 公开目录 as area → item for the 目录事项 picker (areas are headings, only items are chosen).
  const catalog = useLoad((signal) => (agencyId ? get<{ areas: CatalogArea[] }>('/api/catalog', { agencyId }, signal) : Promise.resolve({ areas: [] })), [agencyId]);
  const catalogTree = useMemo(
    () =>
      (catalog.data?.areas ?? []).map((a) => ({
        value: `area:${a.id}`,
        title: a.name,
        selectable: false,
        children: a.items.filter((i) => i.mode === 'proactive').map((i) => ({ value: i.id, title: `${i.level1} · ${i.level2}（${i.timeLimit}）` })),
      })),
    [catalog.data],
  );

  /** Loads the document; `resetForm` false keeps unsaved edits (after an attachment change). */
  const load = async (docId: string, resetForm = true) => {
    try {
      const d = await get<DocumentDetail>(`/api/documents/${docId}`);
      setDetail(d);
      if (resetForm) form.setFieldsValue(toValues(d.document));
    } catch (e) {
      if (e instanceof ApiError) setLoadError(e);
      showError(e);
    }
  };

  useEffect(() => {
    if (id) void load(id);
  }, [id]);

  useEffect(() => {
    if (!id && agencyDetail && !form.getFieldValue('publisher')) form.setFieldValue('publisher', agencyDetail.agency.name);
  }, [id, agencyDetail, form]);

  const docType = Form.useWatch('docType', form);
  const disclosure = Form.useWatch('disclosure', form);
  const validity = Form.useWatch('validity', form);
  const hasValidity = docType === 'regulation' || docType === 'normative';

  /** Saves; returns the fresh document or null when it failed (errors shown). */
  const save = async (): Promise<DocumentView | null> => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      void feedback.message?.warning('请先完善标红的字段');
      return null;
    }
    setSaving(true);
    try {
      if (!id) {
        if (!agencyId) throw new ApiError(400, 'NO_AGENCY', '请先在页头选择单位');
        const r = await post<{ document: DocumentView }>('/api/documents', { agencyId, ...withoutNulls(toFields(values)) });
        showSuccess('草稿已保存，可以继续上传附件');
        navigate(`/documents/${r.document.id}/edit`, { replace: true });
        return r.document;
      }
      const r = await patch<{ document: DocumentView }>(`/api/documents/${id}`, { ...toFields(values), lockVersion: detail!.document.lockVersion });
      showSuccess('已保存');
      await load(id);
      return r.document;
    } catch (e) {
      if (e instanceof ApiError) {
        applyFieldErrors(form, e);
        if (e.isConflict && id) {
          void feedback.modal?.warning({ title: '稿件已被他人修改', content: `${e.message}。将重新载入最新内容，您未保存的修改需要重新填写。` });
          await load(id);
          return null;
        }
      }
      showError(e);
      return null;
    } finally {
      setSaving(false);
    }
  };

  if (id && loadError) return <Result status={loadError.status === 404 ? '404' : 'error'} title={loadError.message} extra={<Link to="/drafts">返回我的稿件</Link>} />;
  if (id && !detail) return <Spin style={{ display: 'block', margin: 48 }} />;

  const doc = detail?.document;
  const editable = !doc || detail!.allowedActions.includes('update');
  const returned = detail ? lastReturn(detail) : null;
  const isCorrection = !!doc?.correcting;

  if (doc && !editable) {
    return (
      <Result
        status="info"
        title={<>稿件当前状态为 <StatusTag status={doc.status} />，您不能修改</>}
        subTitle="只有起草该稿件的起草人可以在草稿或退回状态下修改。"
        extra={<Button onClick={() => navigate(`/documents/${doc.id}`)}>查看稿件</Button>}
      />
    );
  }

  return (
    <Card
      title={
        <Space>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {doc ? '编辑稿件' : '新建稿件'}
          </Typography.Title>
          <HelpLink screen="documents.edit" />
          {doc && <StatusTag status={doc.status} />}
          {doc && <Typography.Text type="secondary">索引号 {doc.indexNo}</Typography.Text>}
        </Space>
      }
      extra={doc && <Link to={`/documents/${doc.id}`}>查看详情</Link>}
    >
      {returned && doc?.status === 'returned' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`被${returned.stepName ?? '审核人'}退回${returned.actor.displayName ? `（${returned.actor.displayName}）` : ''}`}
          description={returned.comment}
          data-testid="return-reason"
        />
      )}
      {isCorrection && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="正在更正已发布的信息：门户继续显示当前版本，审核通过后发布新版本，旧版本保留在历史版本中。" />
      )}
      <Form<Values>
        form={form}
        name="document"
        layout="vertical"
        initialValues={{ disclosure: 'proactive', docType: 'other', keywords: [], bodyHtml: '' }}
        scrollToFirstError
      >
        <Form.Item label="标题" name="title" rules={[{ required: true, whitespace: true, message: '请输入标题' }, { max: 200 }]}>
          <Input data-testid="doc-title" maxLength={200} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label="栏目" name="columnId" rules={[{ required: true, message: '请选择栏目' }]}>
              <TreeSelect
                data-testid="doc-column"
                treeData={tree}
                treeDefaultExpandAll
                // ~30 columns: render them all so every option is reachable (and testable) without scrolling.
                virtual={false}
                listHeight={400}
                showSearch
                treeNodeFilterProp="title"
                treeTitleRender={(n: ColumnNode) => <span data-testid={`column-option-${n.slug}`}>{n.title}</span>}
                placeholder="选择所属栏目"
                loading={!agencyDetail}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="文号" name="docNo">
              <Input placeholder="如：曲尺府发〔2025〕12号" data-testid="doc-docno" maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="发布机构" name="publisher">
              <Input data-testid="doc-publisher" maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label="成文日期" name="writtenOn">
              <DatePicker style={{ width: '100%' }} data-testid="doc-written-on" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label="主题分类" name="topic">
              <Select allowClear showSearch options={topics.map((t) => ({ value: t, label: t }))} data-testid="doc-topic" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label="公开属性" name="disclosure" rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                data-testid="doc-disclosure"
                options={Object.entries(disclosureLabels).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="文件类型" name="docType" rules={[{ required: true }]}>
              <Radio.Group optionType="button" data-testid="doc-type" options={Object.entries(docTypeLabels).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
        </Row>
        {disclosure === 'proactive' && (
          <Form.Item
            label="目录事项"
            name="catalogItemId"
            extra={doc ? '主动公开的信息须属于公开目录中的一个事项，送审前必须选择' : '留空则按所选栏目对应的默认事项；送审前必须有目录事项'}
          >
            <TreeSelect
              data-testid="doc-catalog-item"
              treeData={catalogTree}
              showSearch
              allowClear
              treeNodeFilterProp="title"
              placeholder="选择公开领域下的目录事项"
              loading={catalog.loading}
            />
          </Form.Item>
        )}
        {disclosure === 'proactive' && (
          <Row gutter={16}>
            <Col xs={12} md={8}>
              <Form.Item
                label="公示期开始"
                name="noticeStartsOn"
                dependencies={['noticeEndsOn']}
                rules={[({ getFieldValue }) => ({ validator: (_, v) => (!v && getFieldValue('noticeEndsOn') ? Promise.reject(new Error('请同时填写公示期开始日期')) : Promise.resolve()) })]}
              >
                <DatePicker style={{ width: '100%' }} data-testid="doc-notice-starts-on" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item
                label="公示期结束"
                name="noticeEndsOn"
                dependencies={['noticeStartsOn']}
                extra="需要张贴公示的信息填写；结束日期即公告的张贴期限"
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, v: Dayjs | null | undefined) => {
                      const start = getFieldValue('noticeStartsOn') as Dayjs | null | undefined;
                      if (!v && start) return Promise.reject(new Error('请同时填写公示期结束日期'));
                      if (v && start && v.isBefore(start, 'day')) return Promise.reject(new Error('公示期结束日期不能早于开始日期'));
                      return Promise.resolve();
                    },
                  }),
                ]}
              >
                <DatePicker style={{ width: '100%' }} data-testid="doc-notice-ends-on" />
              </Form.Item>
            </Col>
          </Row>
        )}
        {disclosure && disclosure !== 'proactive' && (
          <Form.Item
            label="不主动公开的依据"
            name="disclosureGround"
            rules={[{ required: true, message: '依申请公开或不予公开须选择法定依据' }]}
          >
            <Select options={grounds} data-testid="doc-disclosure-ground" placeholder="选择法定依据" />
          </Form.Item>
        )}
        {hasValidity && (
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="有效性" name="validity" initialValue="valid" rules={[{ required: true, message: '请选择有效性' }]}>
                <Radio.Group optionType="button" data-testid="doc-validity" options={Object.entries(validityLabels).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label="施行日期" name="effectiveOn" rules={[{ required: true, message: '请选择施行日期' }]}>
                <DatePicker style={{ width: '100%' }} data-testid="doc-effective-on" />
              </Form.Item>
            </Col>
            {validity && validity !== 'valid' && (
              <Col xs={12} md={8}>
                <Form.Item label={validity === 'repealed' ? '废止日期' : '失效日期'} name="invalidOn" rules={[{ required: true, message: '请选择日期' }]}>
                  <DatePicker style={{ width: '100%' }} data-testid="doc-invalid-on" />
                </Form.Item>
              </Col>
            )}
          </Row>
        )}
        <Form.Item label="关键词" name="keywords" extra="输入后按回车添加">
          <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ', '、']} data-testid="doc-keywords" aria-label="关键词" suffixIcon={null} />
        </Form.Item>
        <Form.Item label="正文" name="bodyHtml" rules={[{ max: 500_000, message: '正文过长' }]}>
          <BodyEditor />
        </Form.Item>
      </Form>

      {doc && (
        <div style={{ marginBottom: 24 }}>
          <Typography.Title level={5}>附件</Typography.Title>
          <Attachments
            documentId={doc.id}
            attachments={detail!.attachments}
            editable={detail!.allowedActions.includes('addAttachment')}
            lockVersion={doc.lockVersion}
            onChanged={() => void load(doc.id, false)}
          />
        </div>
      )}
      {!doc && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="保存草稿后即可上传附件。" />}

      <Space wrap>
        <Button type="primary" loading={saving} onClick={() => void save()} data-testid="save-draft">
          保存草稿
        </Button>
        {doc && (
          <Button
            loading={saving}
            onClick={() =>
              void save().then((d) => {
                if (d) setSubmitOpen(true);
              })
            }
            data-testid="submit-for-review"
          >
            {doc.status === 'returned' ? '保存并重新提交' : '保存并提交审核'}
          </Button>
        )}
        <Button onClick={() => navigate('/drafts')}>返回</Button>
      </Space>

      {doc && detail && (
        <SubmitModal
          open={submitOpen}
          correction={isCorrection}
          initialNote={doc.changeNote ?? ''}
          onCancel={() => setSubmitOpen(false)}
          onSubmit={async (changeNote) => {
            try {
              // Read the lockVersion again: saving bumped it.
              const fresh = await get<DocumentDetail>(`/api/documents/${doc.id}`);
              await post(`/api/documents/${doc.id}/submit`, { lockVersion: fresh.document.lockVersion, ...(changeNote ? { changeNote } : {}) });
              setSubmitOpen(false);
              showSuccess('已提交审核');
              navigate(`/documents/${doc.id}`);
            } catch (e) {
              if (e instanceof ApiError && e.isConflict) {
                setSubmitOpen(false);
                void feedback.modal?.warning({ title: '稿件状态已变化', content: e.message });
                await load(doc.id);
                return;
              }
              showError(e);
            }
          }}
        />
      )}
    </Card>
  );
}

function SubmitModal(props: { open: boolean; correction: boolean; initialNote: string; onCancel(): void; onSubmit(changeNote: string): Promise<void> }) {
  const [note, setNote] = useState(props.initialNote);
  const [busy, setBusy] = useState(false);
  const missing = props.correction && !note.trim();
  return (
    <Modal
      open={props.open}
      title="提交审核"
      okText="提交"
      cancelText="取消"
      okButtonProps={{ disabled: missing, loading: busy, 'data-testid': 'confirm-submit' }}
      onCancel={props.onCancel}
      onOk={() => {
        setBusy(true);
        void props.onSubmit(note.trim()).finally(() => setBusy(false));
      }}
      destroyOnHidden
    >
      <p>提交后稿件进入三审三校流程，审核期间不能修改。</p>
      <Form layout="vertical">
        <Form.Item label={props.correction ? '更正说明（必填）' : '修改说明（可选）'} required={props.correction}>
          <Input.TextArea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            rows={3}
            maxLength={500}
            placeholder={props.correction ? '说明更正了哪些内容及原因，将随新版本公开' : ''}
            data-testid="change-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
