/**
 * 告知书与附件 on a request's page: the letters sent (PDF/DOCX exactly as sent), a preview of the
 * reply letter before it is sent, the files to disclose with the reply (upload checked by content
 * on the server), the delivery, and 条例第44条 (建议转为主动公开 → a draft in the review workflow).
 * Mirrors GET /api/requests/:id/letters (letters.service.ts getLettersOverview).
 */
import { useState } from 'react';
import { Button, Card, Descriptions, Form, Input, List, Modal, Select, Space, TreeSelect, Typography, Upload } from 'antd';
import { DeleteOutlined, FilePdfOutlined, FileWordOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError, apiUrl, del, get, post, upload } from '../lib/api.ts';
import { columnTree, useAgencyDetail } from '../lib/agency-cache.ts';
import { showError, showSuccess } from '../lib/feedback.ts';
import { applyFieldErrors } from '../lib/forms.ts';
import { useLoad } from '../lib/hooks.ts';
import { replyOutcomeLabels, type RequestDetail } from '../lib/requests.ts';
import { Link } from '../lib/router.tsx';

interface FileView {
  id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
}

interface LettersOverview {
  canDownload: boolean;
  letters: Array<{ letter: string; name: string; on: string; frozen: boolean; title: string; pdf: { sha256: string } | null }>;
  sentFiles: FileView[] | null;
  files: FileView[];
  delivery: { on: string; method: string; methodName: string; note: string | null } | null;
  publication: { on: string; documentId: string; indexNo: string; title: string } | null;
}

const openStates = ['registered', 'reviewing', 'correction_pending', 'handling', 'approving'];

function LetterLinks({ base, testId }: { base: string; testId: string }) {
  return (
    <Space>
      <a href={apiUrl(`${base}.pdf`)} target="_blank" rel="noreferrer" data-testid={`${testId}-pdf`}>
        <FilePdfOutlined /> PDF
      </a>
      <a href={apiUrl(`${base}.docx`)} data-testid={`${testId}-docx`}>
        <FileWordOutlined /> Word
      </a>
    </Space>
  );
}

export function RequestLetters({ detail, onChanged }: { detail: RequestDetail; onChanged(): void }) {
  const r = detail.request;
  const loaded = useLoad((signal) => get<LettersOverview>(`/api/requests/${r.id}/letters`, undefined, signal), [r.id, r.lockVersion]);
  const [previewOutcome, setPreviewOutcome] = useState<string | undefined>(undefined);
  const [proposing, setProposing] = useState(false);
  const o = loaded.data;
  if (!o) return null;
  const canReply = detail.allowedActions.includes('reply');
  const disclosed = ['granted', 'partial'].includes(r.outcome ?? '') && !openStates.includes(r.state);

  const addFile = async (file: File) => {
    try {
      await upload(`/api/requests/${r.id}/files`, file, file.name, { lockVersion: r.lockVersion });
      showSuccess(`已上传 ${file.name}`);
      onChanged();
    } catch (e) {
      showError(e);
    }
  };
  const removeFile = async (f: FileView) => {
    try {
      await del(`/api/requests/${r.id}/files/${f.id}`, { lockVersion: r.lockVersion });
      onChanged();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Card title="告知书与公开文件" size="small" data-testid="request-letters">
      <Descriptions bordered size="small" column={1}>
        {o.letters.map((l) => (
          <Descriptions.Item key={l.letter} label={`${l.name}（${l.on}）`}>
            {o.canDownload ? <LetterLinks base={`/api/requests/${r.id}/letters/${l.letter}`} testId={`letter-${l.letter}`} /> : <Typography.Text type="secondary">载有申请人个人信息，仅承办人和单位管理员可下载</Typography.Text>}
            {!l.frozen && <Typography.Text type="secondary">（按记录重新生成）</Typography.Text>}
          </Descriptions.Item>
        ))}
        {canReply && o.canDownload && (
          <Descriptions.Item label="预览答复告知书">
            <Space wrap>
              <Select
                style={{ minWidth: 320 }}
                placeholder="选择处理结果"
                data-testid="letter-preview-outcome"
                value={previewOutcome}
                onChange={setPreviewOutcome}
                options={Object.entries(replyOutcomeLabels).map(([value, label]) => ({ value, label }))}
              />
              {previewOutcome && (
                <a href={apiUrl(`/api/requests/${r.id}/letters/reply.pdf`, { outcome: previewOutcome })} target="_blank" rel="noreferrer" data-testid="letter-preview-pdf">
                  <FilePdfOutlined /> 预览
                </a>
              )}
            </Space>
          </Descriptions.Item>
        )}
        <Descriptions.Item label="送达">
          {o.delivery ? (
            <span data-testid="request-delivery">
              {o.delivery.on} {o.delivery.methodName}
              {o.delivery.note ? `（${o.delivery.note}）` : ''}
            </span>
          ) : (
            <Typography.Text type="secondary">尚未送达</Typography.Text>
          )}
        </Descriptions.Item>
        {o.publication && (
          <Descriptions.Item label="转为主动公开（条例第44条）">
            <Link to={`/documents/${o.publication.documentId}`} data-testid="request-publication">
              {o.publication.title}（{o.publication.indexNo}）
            </Link>
          </Descriptions.Item>
        )}
      </Descriptions>

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {o.sentFiles ? '随答复提供的文件' : '拟随答复提供的文件（附件清单）'}
      </Typography.Title>
      <List
        size="small"
        data-testid="request-files"
        dataSource={o.sentFiles ?? o.files}
        locale={{ emptyText: '无' }}
        renderItem={(f) => (
          <List.Item
            actions={
              !o.sentFiles && canReply
                ? [<Button key="rm" size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除 ${f.filename}`} onClick={() => void removeFile(f)} />]
                : []
            }
          >
            <a href={apiUrl(`/api/requests/${r.id}/files/${f.id}`)}>{f.filename}</a>
          </List.Item>
        )}
      />
      <Space style={{ marginTop: 8 }} wrap>
        {canReply && !o.sentFiles && (
          <Upload showUploadList={false} beforeUpload={(file) => {
              void addFile(file);
              return false; // uploaded by addFile, not by antd
            }}>
            <Button icon={<UploadOutlined />} data-testid="request-file-upload">
              上传公开文件
            </Button>
          </Upload>
        )}
        {disclosed && !o.publication && o.canDownload && (
          <Button onClick={() => setProposing(true)} data-testid="request-propose-publication">
            建议转为主动公开
          </Button>
        )}
      </Space>
      {proposing && <ProposeModal detail={detail} onClose={() => setProposing(false)} onDone={() => {
            setProposing(false);
            onChanged();
          }} />}
    </Card>
  );
}

function ProposeModal({ detail, onClose, onDone }: { detail: RequestDetail; onClose(): void; onDone(): void }) {
  const r = detail.request;
  const [form] = Form.useForm<{ columnId: string; title: string }>();
  const [busy, setBusy] = useState(false);
  const agencyDetail = useAgencyDetail(r.agencyId);
  const submit = async () => {
    let v: { columnId: string; title: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const res = await post<{ documentId: string; indexNo: string }>(`/api/requests/${r.id}/propose-publication`, { lockVersion: r.lockVersion, ...v });
      showSuccess(`已起草稿件 ${res.indexNo}，请在“我的稿件”中提交审核`);
      onDone();
    } catch (e) {
      if (e instanceof ApiError) applyFieldErrors(form, e);
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="建议转为主动公开（条例第44条）" okText="起草稿件" cancelText="取消" onOk={() => void submit()} onCancel={onClose} okButtonProps={{ loading: busy }} destroyOnHidden>
      <Typography.Paragraph type="secondary">将以您的名义起草一篇主动公开稿件（附随答复提供的文件），按本单位审核流程审核后发布。</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ title: r.description.slice(0, 200) }}>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: 200 }]}>
          <Input data-testid="propose-title" />
        </Form.Item>
        <Form.Item name="columnId" label="栏目" rules={[{ required: true, message: '请选择栏目' }]}>
          <TreeSelect data-testid="propose-column" treeData={columnTree(agencyDetail?.columns ?? [])} treeDefaultExpandAll showSearch treeNodeFilterProp="title" loading={!agencyDetail} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
