/**
 * 年报检查: annual reports made elsewhere (saved web page, Word, PDF, text) uploaded and checked
 * by the same readers and rules as `gongkai report check` (POST /api/reports/check): per file
 * the three tables as read, the cells at fault highlighted, every rule's result; and the XLSX
 * summary of all files (POST /api/reports/check/summary.xlsx).
 */
import { useState } from 'react';
import { Alert, Button, Card, Collapse, Descriptions, Space, Table, Tag, Typography, Upload, type UploadFile } from 'antd';
import { DownloadOutlined, FileSearchOutlined, InboxOutlined } from '@ant-design/icons';
import { downloadFile, request } from '../lib/api.ts';
import { showError } from '../lib/feedback.ts';
import { checkedError, isHardRule, type AnnualReport, type CheckedReport } from '../lib/reports.ts';
import { ReportTables, faultsOf } from '../components/report/ReportTables.tsx';
import { ReportChecks } from '../components/report/ReportChecks.tsx';

const accept = '.html,.htm,.docx,.pdf,.txt';
const formatLabels: Record<string, string> = { html: '网页', docx: 'Word', pdf: 'PDF', text: '文本' };

function filesForm(files: File[]): FormData {
  const form = new FormData();
  for (const f of files) form.append('files', f, f.name);
  return form;
}

function verdict(r: CheckedReport) {
  const err = checkedError(r);
  if (err || !r.checks) return <Tag color="default">无法检查</Tag>;
  if (!r.consistent) return <Tag color="error">不一致</Tag>;
  return r.checks.some((c) => !c.ok) ? <Tag color="warning">一致（有提示）</Tag> : <Tag color="success">一致</Tag>;
}

function hasTables(r: CheckedReport): r is CheckedReport & AnnualReport {
  return !!(r.section2 && r.section3 && r.section4 && r.checks);
}

function ReportResult({ r, index }: { r: CheckedReport; index: number }) {
  const err = checkedError(r);
  if (err || !hasTables(r)) {
    return <Alert type="warning" showIcon title="无法检查该文件" description={err ?? '文件中没有找到年度报告的表格'} data-testid="check-error" />;
  }
  const blank = new Set([...r.section3.blank, ...r.checks.filter((c) => c.rule === 'S5').flatMap((c) => c.cells)]);
  return (
    <div data-testid="check-report" data-consistent={String(r.consistent)}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="标题">{r.title ?? '（未找到报告标题）'}</Descriptions.Item>
        <Descriptions.Item label="单位">{r.agency ?? '未识别'}</Descriptions.Item>
        <Descriptions.Item label="年度">{r.year ?? '未识别'}</Descriptions.Item>
        <Descriptions.Item label="文件格式">{formatLabels[r.format] ?? r.format}</Descriptions.Item>
      </Descriptions>
      <ReportTables numbers={r} faults={faultsOf(r.checks)} blank={blank} testId={`check-tables-${String(index)}`} />
      <Typography.Title level={5}>规则检查</Typography.Title>
      <ReportChecks checks={r.checks} testId={`check-rules-${String(index)}`} />
    </div>
  );
}

export default function ReportCheckPage() {
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [results, setResults] = useState<CheckedReport[] | null>(null);
  const files = fileList.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);

  const check = async () => {
    setBusy(true);
    try {
      const r = await request<{ reports: CheckedReport[] }>('POST', '/api/reports/check', { body: filesForm(files) });
      setResults(r.reports);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const summary = async () => {
    setDownloading(true);
    try {
      await downloadFile('POST', '/api/reports/check/summary.xlsx', filesForm(files), '年报检查汇总.xlsx');
    } catch (e) {
      showError(e);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Card data-testid="check-page" title={<Typography.Title level={4} style={{ margin: 0 }}>年度报告检查</Typography.Title>}>
      <Typography.Paragraph type="secondary">
        上传其他单位或往年的政府信息公开工作年度报告（网页 HTML、Word DOCX、PDF 或 TXT 文本，可一次选择多个），按国家格式读取表二、表三、表四，逐项检查勾稽关系（G1–G5）和提示规则（S1–S5）。同一单位相邻两年的报告会互相核对衔接情况。
      </Typography.Paragraph>
      <Upload.Dragger
        multiple
        accept={accept}
        fileList={fileList}
        beforeUpload={() => false}
        onChange={({ fileList: next }) => {
          setFileList(next);
          setResults(null);
        }}
        data-testid="check-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或拖入年度报告文件</p>
        <p className="ant-upload-hint">支持 .html .htm .docx .pdf .txt（.doc/.wps 请先另存为 .docx）</p>
      </Upload.Dragger>
      <Space style={{ margin: '16px 0' }} wrap>
        <Button type="primary" icon={<FileSearchOutlined />} disabled={!files.length} loading={busy} onClick={() => void check()} data-testid="check-run">
          开始检查
        </Button>
        <Button icon={<DownloadOutlined />} disabled={!files.length} loading={downloading} onClick={() => void summary()} data-testid="check-summary">
          下载汇总
        </Button>
      </Space>
      {results && (
        <>
          <Table<CheckedReport>
            rowKey="path"
            size="small"
            pagination={false}
            data-testid="check-results"
            dataSource={results}
            style={{ marginBottom: 16 }}
            columns={[
              { title: '文件', dataIndex: 'path' },
              { title: '单位', dataIndex: 'agency', render: (v?: string | null) => v ?? '—' },
              { title: '年度', dataIndex: 'year', width: 80, render: (v?: number | null) => v ?? '—' },
              { title: '结论', key: 'verdict', width: 140, render: (_: unknown, r) => verdict(r) },
              {
                title: '未通过的规则',
                key: 'rules',
                render: (_: unknown, r) =>
                  (r.checks ?? [])
                    .filter((c) => !c.ok)
                    .map((c) => (
                      <Tag key={c.rule} color={isHardRule(c.rule) ? 'error' : 'warning'}>
                        {c.rule}
                      </Tag>
                    )),
              },
            ]}
          />
          <Collapse
            defaultActiveKey={results.length ? ['0'] : []}
            items={results.map((r, i) => ({
              key: String(i),
              label: (
                <Space>
                  {verdict(r)}
                  <span>{r.path}</span>
                </Space>
              ),
              children: <ReportResult r={r} index={i} />,
            }))}
          />
        </>
      )}
    </Card>
  );
}
