/**
 * One document: metadata, sandboxed body preview, attachments, review chain progress and
 * history, versions; and the actions the server allows (allowedActions): edit, submit,
 * approve with the step's checklist (every point ticked) or return with a reason, optional
 * scheduled publication at the final step, withdraw (撤回) with a reason, start a correction.
 */
import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Space,
  Spin,
  Steps,
  Timeline,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiError, get, post } from '../lib/api.ts';
import { columnPath, useAgencyDetail } from '../lib/agency-cache.ts';
import { dayjs, formatDate, formatTime, type Dayjs } from '../lib/dates.ts';
import { isFinalStep, lastReturn } from '../lib/documents.ts';
import { feedback, showError, showSuccess } from '../lib/feedback.ts';
import { useLoad } from '../lib/hooks.ts';

import { Link, navigate } from '../lib/router.tsx';
import type { DocumentDetail, DocumentView, ReviewActionView } from '../lib/types.ts';
import { Attachments } from '../components/Attachments.tsx';
import { PrivacyFindings } from '../components/PrivacyFindings.tsx';
import { SandboxedHtml } from '../components/SandboxedHtml.tsx';
import { StatusTag } from '../components/StatusTag.tsx';

interface Props {
  id: string;
  /** Came from the review inbox: go back there after a decision. */
  from?: 'reviews';
}

export default function DocumentDetailPage({ id, from }: Props) {
  const loaded = useLoad((signal) => get<DocumentDetail>(`/api/documents/${id}`, undefined, signal), [id]);
  const d = loaded.data;
  const agencyDetail = useAgencyDetail(d?.document.agencyId);
  const back = from === 'reviews' ? '/reviews' : '/documents';

  /** Runs a workflow action; a 409 tells the person someone else acted first and reloads. */
  const act = async (done: string, path: string, body: Record<string, unknown>, after?: (fresh: DocumentDetail) => void): Promise<boolean> => {
    if (!d) return false;
    try {
      const fresh = await post<DocumentDetail>(`/api/documents/${id}/${path}`, { lockVersion: d.document.lockVersion, ...body });
      showSuccess(done);
      if (after) after(fresh);
      else loaded.reload();
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.isConflict) {
        void feedback.modal?.warning({ title: '其他人已先处理了该稿件', content: `${e.message}。页面已载入最新状态。` });
        loaded.reload();
        return false;
      }
      showError(e);
      return false;
    }
  };

  if (loaded.error instanceof ApiError && !d) {
    return <Result status={loaded.error.status === 404 ? '404' : 'error'} title={loaded.error.message} extra={<Link to={back}>返回</Link>} />;
  }
  if (!d) return <Spin style={{ display: 'block', margin: 48 }} />;

  const doc = d.document;
  const allowed = new Set(d.allowedActions);
  const step = doc.currentStep ? (doc.chain?.[doc.currentStep.index] ?? null) : null;
  const chain = doc.chain ?? agencyDetail?.agency.reviewChain ?? [];
  const returned = lastReturn(d);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="document-detail" data-status={doc.status}>
      <Card
        title={
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(back)} aria-label="返回" />
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="document-title">
              {doc.title}
            </Typography.Title>
            <StatusTag status={doc.status} />
            {step && <Typography.Text type="secondary" data-testid="current-step">待 {step.name}</Typography.Text>}
          </Space>
        }
        extra={
          <Space wrap>
            <Button icon={<ReloadOutlined />} onClick={loaded.reload} aria-label="刷新" />
            {allowed.has('update') && (
              <Button type="primary" onClick={() => navigate(`/documents/${id}/edit`)} data-testid="edit-document">
                {doc.status === 'returned' ? '修改后重新提交' : '编辑'}
              </Button>
            )}
            {allowed.has('startCorrection') && (
              <CorrectButton
                onConfirm={() =>
                  act('已发起更正：门户继续显示当前版本，修改后重新提交审核', 'correct', {}, (fresh) => {
                    // Only the drafter edits; an administrator who starts a correction stays here.
                    if (fresh.allowedActions.includes('update')) navigate(`/documents/${id}/edit`);
                    else loaded.reload();
                  })
                }
              />
            )}
            {doc.liveVersion !== null && doc.status !== 'withdrawn' && (
              <Button
                icon={<PrinterOutlined />}
                href={`/info/${doc.id}/notice.pdf`}
                target="_blank"
                rel="noopener"
                title="门户当前显示版本的公告（A4 PDF），供村（居）公开栏张贴"
                data-testid="print-notice"
              >
                打印公告
              </Button>
            )}
            {allowed.has('withdraw') && <WithdrawButton onConfirm={(reason) => act('已撤回，门户将显示撤回说明', 'withdraw', { reason })} />}
          </Space>
        }
      >
        {doc.status === 'returned' && returned && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={`已被${returned.stepName ?? '审核人'}退回${returned.actor.displayName ? `（${returned.actor.displayName}）` : ''}，请修改后重新提交`}
            description={returned.comment}
            data-testid="return-reason"
          />
        )}
        {doc.status === 'withdrawn' && (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} title={`已于 ${formatTime(doc.withdrawnAt)} 撤回`} description={doc.withdrawReason} />
        )}
        {doc.status === 'scheduled' && doc.scheduledAt && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`审核已完成，将于 ${formatTime(doc.scheduledAt)} 自动发布`} data-testid="scheduled-at" />
        )}
        {doc.correcting && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={`更正中：门户继续显示第 ${String(doc.liveVersion)} 版，审核通过后发布新版本`}
            description={doc.changeNote ? `更正说明：${doc.changeNote}` : undefined}
          />
        )}
        {chain.length > 0 && <ChainProgress doc={doc} />}
        <Metadata doc={doc} columnName={agencyDetail ? columnPath(agencyDetail.columns, doc.columnId) : ''} />
      </Card>

      {(allowed.has('approve') || allowed.has('return')) && step && (
        <ReviewPanel
          key={`${String(doc.currentStep?.index)}-${String(doc.lockVersion)}`}
          doc={doc}
          stepName={step.name}
          checklist={step.checklist}
          privacy={!!step.privacy}
          canApprove={allowed.has('approve')}
          canReturn={allowed.has('return')}
          isFinal={isFinalStep(doc)}
          onApprove={(body) => act(isFinalStep(doc) ? (doc.disclosure === 'proactive' ? (body.scheduledAt ? '审核通过，已设定定时发布' : '审核通过，已发布') : '审核通过，审核流程已完成') : '审核通过，已转下一步骤', 'approve', body, from === 'reviews' ? () => navigate('/reviews') : undefined)}
          onReturn={(comment) => act('已退回起草人', 'return', { comment }, from === 'reviews' ? () => navigate('/reviews') : undefined)}
        />
      )}

      {(step?.privacy || allowed.has('update')) && <PrivacyFindings key={String(doc.lockVersion)} documentId={doc.id} onChanged={loaded.reload} />}

      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title="正文" size="small" style={{ marginBottom: 16 }}>
            <SandboxedHtml html={doc.bodyHtml} title={`正文：${doc.title}`} />
          </Card>
          <Card title="附件" size="small">
            <Attachments documentId={doc.id} attachments={d.attachments} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="审核记录" size="small" style={{ marginBottom: 16 }}>
            <History actions={d.reviewActions} />
          </Card>
          <Card title="历史版本" size="small">
            {d.versions.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未发布" />
            ) : (
              <Timeline
                items={[...d.versions]
                  .sort((a, b) => b.version - a.version)
                  .map((v) => ({
                    key: v.version,
                    color: v.version === doc.liveVersion ? 'green' : 'gray',
                    content: (
                      <div data-testid="version-item">
                        <Typography.Text strong>
                          第 {v.version} 版{v.version === doc.liveVersion && doc.status !== 'withdrawn' ? '（门户当前显示）' : ''}
                        </Typography.Text>
                        <div className="gk-history-meta">{formatTime(v.publishedAt)}</div>
                        <div>{v.changeNote ? `更正说明：${v.changeNote}` : v.version === 1 ? '首次发布' : ''}</div>
                      </div>
                    ),
                  }))}
              />
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

function Metadata({ doc, columnName }: { doc: DocumentView; columnName: string }) {
  const hasValidity = doc.docType === 'regulation' || doc.docType === 'normative';
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2, xl: 3 }}
      data-testid="document-metadata"
      items={[
        { key: 'indexNo', label: '索引号', children: doc.indexNo },
        { key: 'docNo', label: '文号', children: doc.docNo ?? '' },
        { key: 'publisher', label: '发布机构', children: doc.publisher ?? '' },
        { key: 'writtenOn', label: '成文日期', children: formatDate(doc.writtenOn) },
        { key: 'column', label: '栏目', children: columnName },
        { key: 'topic', label: '主题分类', children: doc.topic ?? '' },
        { key: 'disclosure', label: '公开属性', children: doc.disclosureName },
        ...(doc.disclosure !== 'proactive' ? [{ key: 'ground', label: '不公开依据', children: doc.disclosureGroundName ?? '' }] : []),
        { key: 'docType', label: '文件类型', children: doc.docTypeName },
        ...(hasValidity
          ? [
              { key: 'validity', label: '有效性', children: doc.validityName ?? '' },
              { key: 'effectiveOn', label: '施行日期', children: formatDate(doc.effectiveOn) },
              ...(doc.invalidOn ? [{ key: 'invalidOn', label: doc.validity === 'repealed' ? '废止日期' : '失效日期', children: formatDate(doc.invalidOn) }] : []),
            ]
          : []),
        ...(doc.noticeStartsOn && doc.noticeEndsOn
          ? [{ key: 'noticePeriod', label: '公示期', children: `${formatDate(doc.noticeStartsOn)} 至 ${formatDate(doc.noticeEndsOn)}` }]
          : []),
        { key: 'keywords', label: '关键词', children: doc.keywords.join('、') },
        { key: 'createdBy', label: '起草人', children: doc.createdBy.displayName ?? '' },
        { key: 'updatedAt', label: '更新时间', children: formatTime(doc.updatedAt) },
      ]}
    />
  );
}

function ChainProgress({ doc }: { doc: DocumentView }) {
  const chain = doc.chain ?? [];
  if (chain.length === 0) return null;
  const done = doc.status === 'published' || doc.status === 'scheduled' || doc.status === 'approved' || doc.status === 'withdrawn';
  const reviewing = doc.status === 'in_review';
  return (
    <Steps
      size="small"
      style={{ marginBottom: 16 }}
      current={done ? chain.length : reviewing ? (doc.currentStep?.index ?? 0) : -1}
      status={doc.status === 'returned' ? 'error' : undefined}
      items={chain.map((s) => ({ title: s.name }))}
      data-testid="chain-progress"
    />
  );
}

function History({ actions }: { actions: ReviewActionView[] }) {
  if (actions.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />;
  const sorted = [...actions].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const colors: Record<string, string> = { approve: 'green', publish: 'green', return: 'red', withdraw: 'red', submit: 'blue' };
  return (
    <Timeline
      data-testid="review-history"
      items={sorted.map((a) => ({
        key: a.id,
        color: colors[a.action] ?? 'gray',
        content: (
          <div data-testid="history-item" data-action={a.action}>
            <div>
              <Typography.Text strong>
                {a.actionName}
                {a.stepName ? ` · ${a.stepName}` : ''}
              </Typography.Text>
            </div>
            <div className="gk-history-meta">
              {formatTime(a.at)}
              {a.actor.displayName ? ` · ${a.actor.displayName}` : ''}
            </div>
            {a.comment && <div className="gk-comment">{a.comment}</div>}
            {a.checklist.length > 0 && <div className="gk-history-meta">已核对：{a.checklist.join('、')}</div>}
          </div>
        ),
      }))}
    />
  );
}

interface ReviewProps {
  doc: DocumentView;
  stepName: string;
  checklist: string[];
  privacy: boolean;
  canApprove: boolean;
  canReturn: boolean;
  isFinal: boolean;
  onApprove(body: { checklist: string[]; comment?: string; scheduledAt?: string }): Promise<boolean>;
  onReturn(comment: string): Promise<boolean>;
}

/** The step's checklist, comment, approve / return. */
function ReviewPanel(p: ReviewProps) {
  const [ticked, setTicked] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [scheduledAt, setScheduledAt] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const [returnOpen, setReturnOpen] = useState(false);
  const allTicked = p.checklist.every((c) => ticked.includes(c));
  const canSchedule = p.isFinal && p.doc.disclosure === 'proactive';

  const approve = async () => {
    setBusy(true);
    await p.onApprove({
      checklist: ticked,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(canSchedule && scheduledAt ? { scheduledAt: scheduledAt.toISOString() } : {}),
    });
    setBusy(false);
  };

  return (
    <Card
      title={`审核：${p.stepName}`}
      size="small"
      data-testid="review-panel"
      styles={{ header: { background: '#fff7e6' } }}
    >
      {p.privacy && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="隐私信息专项审查：请逐项检查正文和附件中是否含有身份证号、联系电话、家庭住址、银行账户等个人信息，发现的须删除或脱敏后再通过。"
        />
      )}
      <Form layout="vertical">
        {p.canApprove && (
          <Form.Item label="核对清单（须逐项勾选后才能通过）" required>
            <Checkbox.Group value={ticked} onChange={(v) => setTicked(v)} data-testid="review-checklist">
              <Space wrap>
                {p.checklist.map((c, i) => (
                  <Checkbox key={c} value={c} data-testid={`checklist-item-${String(i)}`}>
                    {c}
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          </Form.Item>
        )}
        {!p.canApprove && p.doc.status === 'scheduled' && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`已审核通过，定于 ${formatTime(p.doc.scheduledAt)} 发布；发布前仍可退回修改。`} />
        )}
        <Form.Item label="审核意见">
          <Input.TextArea value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={1000} data-testid="review-comment" aria-label="审核意见" />
        </Form.Item>
        {canSchedule && p.canApprove && (
          <Form.Item label="定时发布（可选，留空则审核通过后立即发布）">
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              value={scheduledAt}
              onChange={setScheduledAt}
              disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
              data-testid="scheduled-at-picker"
              aria-label="定时发布时间"
            />
          </Form.Item>
        )}
        <Space wrap>
          {p.canApprove && (
            <Button type="primary" disabled={!allTicked} loading={busy} onClick={() => void approve()} data-testid="approve">
              {p.isFinal ? (canSchedule ? (scheduledAt ? '通过并定时发布' : '通过并发布') : '审核通过') : '审核通过'}
            </Button>
          )}
          {p.canReturn && (
            <Button danger onClick={() => setReturnOpen(true)} data-testid="return">
              退回修改
            </Button>
          )}
          {p.canApprove && !allTicked && <Typography.Text type="secondary">尚有 {p.checklist.length - ticked.length} 项未核对</Typography.Text>}
        </Space>
      </Form>
      <ReasonModal
        open={returnOpen}
        title="退回修改"
        label="退回理由"
        okText="退回"
        initial={comment}
        testid="return-reason-input"
        onCancel={() => setReturnOpen(false)}
        onOk={async (reason) => {
          if (await p.onReturn(reason)) setReturnOpen(false);
        }}
      />
    </Card>
  );
}

/** A modal asking for a required reason. */
function ReasonModal(props: {
  open: boolean;
  title: string;
  label: string;
  okText: string;
  initial?: string;
  testid: string;
  extra?: string;
  onCancel(): void;
  onOk(reason: string): Promise<void>;
}) {
  const [reason, setReason] = useState(props.initial ?? '');
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText}
      cancelText="取消"
      okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy, 'data-testid': `${props.testid}-ok` }}
      onCancel={props.onCancel}
      onOk={() => {
        setBusy(true);
        void props.onOk(reason.trim()).finally(() => setBusy(false));
      }}
      destroyOnHidden
    >
      {props.extra && <p>{props.extra}</p>}
      <Form layout="vertical">
        <Form.Item label={props.label} required>
          <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} rows={4} maxLength={1000} data-testid={props.testid} aria-label={props.label} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WithdrawButton({ onConfirm }: { onConfirm(reason: string): Promise<boolean> }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="withdraw">
        撤回
      </Button>
      <ReasonModal
        open={open}
        title="撤回已发布的信息"
        label="撤回理由（将在门户公示）"
        okText="撤回"
        testid="withdraw-reason"
        extra="撤回后门户上该信息显示撤回说明，原内容不再公开，历史记录保留。"
        onCancel={() => setOpen(false)}
        onOk={async (reason) => {
          if (await onConfirm(reason)) setOpen(false);
        }}
      />
    </>
  );
}

function CorrectButton({ onConfirm }: { onConfirm(): Promise<boolean> }) {
  return (
    <Button
      onClick={() =>
        void feedback.modal?.confirm({
          title: '发起更正',
          content: '将基于当前发布版本建立更正稿，修改后需重新经过三审三校；审核通过前门户继续显示当前版本。',
          okText: '发起更正',
          cancelText: '取消',
          onOk: () => onConfirm(),
        })
      }
      data-testid="start-correction"
    >
      更正
    </Button>
  );
}

