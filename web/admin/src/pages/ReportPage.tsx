/**
 * 年度报告 of the current agency for one year (issue 5): the three tables of the national format
 * computed from live data, every number opening the records behind it; the rule results with the
 * cells at fault highlighted; the yearly figures, the narrative and the cases; Word/PDF
 * downloads; and 发布, disabled with the reason while a hard rule fails (or the narrative is
 * unfinished, or the year is not over). Readers of the agency see everything; its
 * administrator edits and publishes.
 */
import { useState } from 'react';
import { Alert, Button, Card, Input, Modal, Popconfirm, Result, Select, Space, Spin, Tabs, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, FilePdfOutlined, FileWordOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { ApiError, apiUrl, errorMessage, get, post } from '../lib/api.ts';
import { formatTime } from '../lib/dates.ts';
import { showError, showSuccess } from '../lib/feedback.ts';
import { useLoad } from '../lib/hooks.ts';
import { navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { defaultReportYear, isHardRule, reportYears, type ReportCell, type ReportView } from '../lib/reports.ts';
import { ReportTables, faultsOf } from '../components/report/ReportTables.tsx';
import { ReportChecks } from '../components/report/ReportChecks.tsx';
import { CellDrawer } from '../components/report/CellDrawer.tsx';
import { FiguresPanel } from '../components/report/FiguresPanel.tsx';
import { NarrativePanel, placeholderCount } from '../components/report/NarrativePanel.tsx';
import { CasesPanel } from '../components/report/CasesPanel.tsx';
import { HelpLink } from '../components/HelpLink.tsx';

/** Why 发布 (or 更正发布 once published) is not possible now, in the order a person should deal with them (empty: it is). */
function publishBlockers(view: ReportView, year: number, canEdit: boolean): string[] {
  const out: string[] = [];
  if (!canEdit) out.push('只有本单位管理员可以发布年度报告');
  if (year >= new Date().getFullYear()) out.push(`${String(year)}年尚未结束，不能发布该年度报告`);
  const failed = view.checks.filter((c) => !c.ok && isHardRule(c.rule));
  if (failed.length) out.push(`勾稽检查未通过（${failed.map((c) => c.rule).join('、')}），请按标红的单元格核对数据`);
  const left = placeholderCount(view.narrative.overview) + placeholderCount(view.narrative.problems) + placeholderCount(view.narrative.other);
  if (left) out.push(`文字部分尚有 ${String(left)} 处“【请填写…】”未补写`);
  return out;
}

export default function ReportPage({ year: yearParam }: { year?: string }) {
  const { agency, can } = useSession();
  const parsed = Number(yearParam);
  const year = Number.isInteger(parsed) && parsed >= 2008 && parsed <= 2100 ? parsed : defaultReportYear();
  const agencyId = agency?.id ?? '';
  const base = `/api/reports/${agencyId}/${String(year)}`;
  const report = useLoad((signal) => (agencyId ? get<ReportView>(base, undefined, signal) : Promise.resolve(undefined)), [agencyId, year]);
  const [cell, setCell] = useState<ReportCell | null>(null);
  const [tab, setTab] = useState('tables');
  const [publishing, setPublishing] = useState(false);
  const [refused, setRefused] = useState<{ message: string; cells: string[] } | null>(null);
  const [correcting, setCorrecting] = useState(false);
  const [note, setNote] = useState('');
  const canEdit = can.canAdmin;

  // The answer of the agency and year on screen (not the previous one while the next loads).
  const view = report.data && report.data.numbers.year === year && report.data.numbers.agency === agency?.name ? report.data : undefined;

  /** Publishes; with `correction` (更正说明) re-publishes a published report as a correction. */
  const publish = async (correction?: string) => {
    setPublishing(true);
    setRefused(null);
    try {
      await post<ReportView>(`${base}/publish`, correction ? { note: correction } : {});
      showSuccess(correction ? '年度报告已更正发布' : '年度报告已发布');
      setCorrecting(false);
      setNote('');
      report.reload();
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        setRefused({ message: e.message, cells: Array.isArray(e.details.cells) ? e.details.cells.map(String) : [] });
        setCorrecting(false);
        setTab('tables');
      } else showError(e);
      report.reload();
    } finally {
      setPublishing(false);
    }
  };

  if (!agency) return null;
  const yearSelect = (
    <Select
      aria-label="报告年度"
      data-testid="report-year"
      style={{ width: 120 }}
      value={year}
      onChange={(y: number) => navigate(`/reports/${String(y)}`)}
      options={reportYears().map((y) => ({ value: y, label: `${String(y)}年度` }))}
    />
  );

  if (!view) {
    return (
      <Card title={<Typography.Title level={4} style={{ margin: 0 }}>政府信息公开工作年度报告</Typography.Title>} extra={yearSelect}>
        {report.error && !report.loading ? (
          <Result status="warning" title="年度报告加载失败" subTitle={errorMessage(report.error)} extra={<Button onClick={report.reload}>重试</Button>} />
        ) : (
          <div style={{ padding: 48, textAlign: 'center' }}>
            <Spin />
          </div>
        )}
      </Card>
    );
  }

  const blockers = publishBlockers(view, year, canEdit);
  const hardFailed = view.checks.filter((c) => !c.ok && isHardRule(c.rule));
  const softFailed = view.checks.filter((c) => !c.ok && !isHardRule(c.rule));
  const faults = faultsOf(view.checks, refused?.cells ?? []);
  const published = view.publication;
  const publishButton = (
    <Button type="primary" icon={<SendOutlined />} disabled={blockers.length > 0} loading={publishing} data-testid="report-publish" onClick={published ? () => setCorrecting(true) : undefined}>
      {published ? '更正发布' : '发布'}
    </Button>
  );

  return (
    <Card
      data-testid="report-page"
      data-year={year}
      data-consistent={String(view.numbers.consistent)}
      data-published={String(!!view.publication)}
      title={
        <Space orientation="vertical" size={0}>
          <Space size={4} align="center">
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="report-title">
              {view.numbers.title}
            </Typography.Title>
            <HelpLink screen="reports" />
          </Space>
        </Space>
      }
      extra={
        <Space wrap>
          {yearSelect}
          <Button icon={<ReloadOutlined />} onClick={report.reload} aria-label="刷新" />
          <Button icon={<FileWordOutlined />} href={apiUrl(`${base}/report.docx`)} download data-testid="report-docx">
            下载 Word
          </Button>
          <Button icon={<FilePdfOutlined />} href={apiUrl(`${base}/report.pdf`)} download data-testid="report-pdf">
            下载 PDF
          </Button>
          {blockers.length ? (
            <Tooltip title={blockers.join('；')}>
              <span>{publishButton}</span>
            </Tooltip>
          ) : published ? (
            publishButton
          ) : (
            <Popconfirm
              title="发布年度报告"
              description="发布后将在门户网站“政府信息公开年报”栏目公开，确定发布？"
              okText="发布"
              cancelText="取消"
              onConfirm={() => publish()}
              okButtonProps={{ 'data-testid': 'report-publish-ok' } as never}
            >
              {publishButton}
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {published ? (
          <Tag color="success" icon={<CheckCircleOutlined />} data-testid="report-published">
            已于 {formatTime(published.firstPublishedAt)} 发布{published.revision > 1 ? `，${formatTime(published.publishedAt)} 第 ${String(published.revision - 1)} 次更正` : ''}
          </Tag>
        ) : (
          <Tag data-testid="report-unpublished">未发布</Tag>
        )}
        {view.publication && (
          <a href={view.publication.url} target="_blank" rel="noreferrer" data-testid="report-portal-link">
            在门户网站查看
          </a>
        )}
        {hardFailed.length ? (
          <Tag color="error" data-testid="report-inconsistent">
            勾稽检查未通过：{hardFailed.map((c) => c.rule).join('、')}
          </Tag>
        ) : (
          <Tag color="success" data-testid="report-consistent">
            勾稽检查通过
          </Tag>
        )}
        {softFailed.length > 0 && <Tag color="warning">提示：{softFailed.map((c) => c.rule).join('、')}</Tag>}
        <Typography.Text type="secondary">表四来源：{view.section4Source === 'figures' ? '直接填写' : '登记的案件'}</Typography.Text>
      </Space>
      {published?.outdated && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="report-outdated"
          title="当前数据与已发布的报告不一致"
          description="已发布的报告保持不变；如需更正，请核对后点击“更正发布”并填写更正说明。"
        />
      )}
      {blockers.length > 0 && (!published || published.outdated) && (
        <Alert
          type={hardFailed.length ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="publish-blocked"
          title="暂不能发布"
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {blockers.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          }
        />
      )}
      {refused && <Alert type="error" showIcon closable={{ onClose: () => setRefused(null) }} style={{ marginBottom: 12 }} data-testid="publish-refused" title={refused.message} />}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'tables',
            label: <span data-testid="tab-tables">报告表格</span>,
            children: (
              <>
                <Typography.Paragraph type="secondary">点击任一数字可查看其对应的记录。标红的单元格违反勾稽规则，标黄的单元格有提示。</Typography.Paragraph>
                <ReportTables numbers={view.numbers} faults={faults} onCellClick={setCell} selected={cell?.id ?? null} />
                <Typography.Title level={5}>规则检查</Typography.Title>
                <ReportChecks checks={view.checks} />
              </>
            ),
          },
          {
            key: 'figures',
            label: <span data-testid="tab-figures">年度数据</span>,
            children: <FiguresPanel agencyId={agencyId} year={year} view={view} canEdit={canEdit} onChanged={report.reload} />,
          },
          {
            key: 'narrative',
            label: <span data-testid="tab-narrative">文字部分</span>,
            children: <NarrativePanel agencyId={agencyId} year={year} view={view} canEdit={canEdit} onChanged={report.reload} />,
          },
          {
            key: 'cases',
            label: (
              <span data-testid="tab-cases">
                复议诉讼 <Tag style={{ marginLeft: 4 }}>{view.cases.length}</Tag>
              </span>
            ),
            children: <CasesPanel agencyId={agencyId} year={year} view={view} canEdit={canEdit} onChanged={report.reload} />,
          },
        ]}
      />
      <Modal
        open={correcting}
        title="更正发布年度报告"
        okText="更正发布"
        cancelText="取消"
        onOk={() => void publish(note.trim())}
        onCancel={() => setCorrecting(false)}
        okButtonProps={{ disabled: !note.trim(), loading: publishing, 'data-testid': 'report-correct-ok' } as never}
        destroyOnHidden
      >
        <Typography.Paragraph>门户网站上的报告将替换为当前内容，并在正文前注明“本报告于某年某月某日更正”及更正说明；原版本保留在历史版本中。</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} showCount value={note} onChange={(e) => setNote(e.target.value)} placeholder="更正说明，如：更正表三“（七）总计”行数据" data-testid="report-correct-note" />
      </Modal>
      <CellDrawer agencyId={agencyId} year={year} cell={cell} onClose={() => setCell(null)} />
    </Card>
  );
}
