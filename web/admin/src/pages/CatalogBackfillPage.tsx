/**
 * 补登目录事项 (administrators): the agency's published 主动公开 items that have no 目录事项 —
 * published before every item had to belong to one — each with its column's default item
 * preselected. The admin changes the item where needed, selects rows and links them in one go
 * (all or nothing: a 422 lists the rows and why). Counts before and after are shown.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Row, Space, Statistic, Table, Tag, TreeSelect, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiError, get, post } from '../lib/api.ts';
import { columnTree, useAgencyDetail } from '../lib/agency-cache.ts';
import { dayjs } from '../lib/dates.ts';
import { showError, showSuccess } from '../lib/feedback.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link, navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import type { CatalogArea } from '../lib/staff.ts';

interface Suggestion {
  id: string;
  areaName: string;
  level1: string;
  level2: string;
}
interface Unlinked {
  documentId: string;
  indexNo: string;
  title: string;
  columnId: string;
  columnName: string;
  publishedAt: string;
  suggestion: Suggestion | null;
}
interface UnlinkedPage {
  items: Unlinked[];
  total: number;
  withSuggestion: number;
  page: number;
  pageSize: number;
}

const pageSize = 100;

export default function CatalogBackfillPage() {
  const { agency } = useSession();
  const agencyDetail = useAgencyDetail(agency?.id);
  const [columnId, setColumnId] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [choice, setChoice] = useState<Record<string, string | undefined>>({});
  const [selected, setSelected] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const [last, setLast] = useState<{ before: number; linked: number } | null>(null);

  const list = useLoad(
    (signal) => (agency ? get<UnlinkedPage>('/api/catalog/unlinked', { agencyId: agency.id, page, pageSize, ...(columnId ? { columnId } : {}) }, signal) : Promise.resolve(null)),
    [agency?.id, page, columnId],
  );
  const catalog = useLoad((signal) => (agency ? get<{ areas: CatalogArea[] }>('/api/catalog', { agencyId: agency.id }, signal) : Promise.resolve({ areas: [] })), [agency?.id]);
  const catalogTree = useMemo(
    () =>
      (catalog.data?.areas ?? []).map((a) => ({
        value: `area:${a.id}`,
        title: a.name,
        selectable: false,
        children: a.items.filter((i) => i.mode === 'proactive').map((i) => ({ value: i.id, title: `${i.level1} · ${i.level2}` })),
      })),
    [catalog.data],
  );
  const columns = useMemo(() => columnTree(agencyDetail?.columns ?? []), [agencyDetail]);

  const rows = list.data?.items ?? [];
  /** The item a row will be linked to: the admin's choice, else the suggestion. */
  const itemOf = (r: Unlinked): string | undefined => (r.documentId in choice ? choice[r.documentId] : r.suggestion?.id);

  const link = async () => {
    if (!agency) return;
    const byId = new Map(rows.map((r) => [r.documentId, r]));
    const links = selected.map((id) => ({ documentId: id, catalogItemId: itemOf(byId.get(id)!) })).filter((l): l is { documentId: string; catalogItemId: string } => !!l.catalogItemId);
    if (!links.length) return;
    setSaving(true);
    setErrors(null);
    const before = list.data?.total ?? 0;
    try {
      const r = await post<{ result: { linked: number } }>('/api/catalog/link', { agencyId: agency.id, links });
      showSuccess(`已归入 ${r.result.linked} 条`);
      setLast({ before, linked: r.result.linked });
      setSelected([]);
      setChoice({});
      list.reload();
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details.errors)) setErrors(e.details.errors.map((x) => String((x as { message?: string }).message ?? x)));
      else showError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/catalog')} aria-label="返回公开目录" />
            <Typography.Title level={4} style={{ margin: 0 }}>
              补登目录事项
            </Typography.Title>
          </Space>
        }
        extra={
          <Space wrap>
            <TreeSelect
              style={{ width: 240 }}
              placeholder="全部栏目"
              allowClear
              treeData={columns}
              treeDefaultExpandAll
              value={columnId}
              onChange={(v: string | undefined) => {
                setColumnId(v);
                setPage(1);
                setSelected([]);
              }}
              data-testid="backfill-column"
              aria-label="栏目"
            />
            <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label="刷新" />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          启用「主动公开信息须属于公开目录事项」之前发布的信息没有目录事项，不计入更新台账，也不出现在门户的按目录浏览中。下表已按栏目预选默认事项，可逐条修改；勾选后点「批量归入目录」。
        </Typography.Paragraph>
        <Row gutter={16} data-testid="backfill-counts">
          <Col xs={12} md={6}>
            <Statistic title="未归入目录" value={list.data?.total ?? 0} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="其中有建议事项" value={list.data?.withSuggestion ?? 0} />
          </Col>
          {last && (
            <Col xs={24} md={12}>
              <Alert type="success" showIcon data-testid="backfill-last" title={`本次归入 ${last.linked} 条：归入前 ${last.before} 条未归入，归入后 ${last.before - last.linked} 条`} />
            </Col>
          )}
        </Row>
        {errors && (
          <Alert
            type="error"
            showIcon
            closable
            onClose={() => setErrors(null)}
            style={{ marginTop: 16 }}
            data-testid="backfill-errors"
            title="未归入任何信息，请修正以下问题后重试"
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            }
          />
        )}
        <Space style={{ margin: '16px 0' }}>
          <Button type="primary" disabled={!selected.length} loading={saving} onClick={() => void link()} data-testid="backfill-link">
            批量归入目录{selected.length ? `（${selected.length}）` : ''}
          </Button>
          <Typography.Text type="secondary">未选目录事项的行不能勾选</Typography.Text>
        </Space>
        <Table<Unlinked>
          rowKey="documentId"
          size="middle"
          loading={list.loading}
          dataSource={rows}
          data-testid="backfill-table"
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys.map(String)),
            getCheckboxProps: (r) => ({ disabled: !itemOf(r) }),
          }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (p) => {
              setPage(p);
              setSelected([]);
            },
          }}
          columns={[
            { title: '索引号', dataIndex: 'indexNo', width: 170 },
            { title: '标题', dataIndex: 'title', render: (t: string, r) => <Link to={`/documents/${r.documentId}`}>{t}</Link> },
            { title: '栏目', dataIndex: 'columnName', width: 150 },
            { title: '发布日期', dataIndex: 'publishedAt', width: 110, render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
            {
              title: '目录事项',
              width: 340,
              render: (_: unknown, r) => {
                const value = itemOf(r);
                return (
                  <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                    <TreeSelect
                      style={{ width: '100%' }}
                      treeData={catalogTree}
                      showSearch
                      allowClear
                      treeNodeFilterProp="title"
                      treeDefaultExpandAll
                      placeholder="请选择目录事项"
                      value={value}
                      loading={catalog.loading}
                      onChange={(v: string | undefined) => {
                        setChoice((c) => ({ ...c, [r.documentId]: v }));
                        if (!v) setSelected((s) => s.filter((x) => x !== r.documentId));
                      }}
                      data-testid="backfill-item"
                      aria-label={`「${r.title}」的目录事项`}
                    />
                    {r.suggestion && value === r.suggestion.id && <Tag color="blue">按栏目默认：{r.suggestion.areaName}</Tag>}
                    {!r.suggestion && !value && <Tag color="orange">栏目默认事项已不存在，请选择</Tag>}
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>
    </Space>
  );
}
