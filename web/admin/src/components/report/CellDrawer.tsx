/**
 * The records behind one number of the report (GET /api/reports/:agencyId/:year/cells/:cell):
 * the published items, the requests, the yearly figures or the cases it was counted from.
 */
import { Alert, Descriptions, Drawer, Empty, Space, Spin, Tag, Typography } from 'antd';
import { errorMessage, get } from '../../lib/api.ts';
import { formatDate, formatTime } from '../../lib/dates.ts';
import { useLoad } from '../../lib/hooks.ts';
import { basePath, Link } from '../../lib/router.tsx';
import { formatCellValue, recordKindLabels, type CellRecord, type CellRecords, type ReportCell } from '../../lib/reports.ts';
import './report-tables.css';

/** Where a record opens: a console path (`/admin/…`) inside the console, anything else (the portal page of an item) in a new tab. */
function RecordTitle({ r }: { r: CellRecord }) {
  const href = r.href ?? (r.kind === 'request' ? `${basePath}/requests/${r.id}` : null);
  if (href?.startsWith(`${basePath}/`)) {
    return (
      <Link to={href.slice(basePath.length)} data-testid="cell-record-link">
        {r.title}
      </Link>
    );
  }
  if (href) {
    return (
      <a href={href} target="_blank" rel="noreferrer" data-testid="cell-record-link">
        {r.title}
      </a>
    );
  }
  return <span>{r.title}</span>;
}

export function CellDrawer({ agencyId, year, cell, onClose }: { agencyId: string; year: number; cell: ReportCell | null; onClose(): void }) {
  const id = cell?.id ?? null;
  const loaded = useLoad(
    (signal) => (id ? get<CellRecords>(`/api/reports/${agencyId}/${String(year)}/cells/${encodeURIComponent(id)}`, undefined, signal) : Promise.resolve(null)),
    [agencyId, year, id],
  );
  const data = loaded.data && loaded.data.cell === id ? loaded.data : null;
  return (
    <Drawer open={!!cell} onClose={onClose} size={560} title={data?.label ?? cell?.name ?? ''} destroyOnHidden data-testid="cell-drawer">
      {cell && (
        <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
          <Descriptions.Item label="单元格">{cell.name}</Descriptions.Item>
          <Descriptions.Item label="数值">
            <span data-testid="cell-drawer-value">{formatCellValue(data?.value ?? cell.value)}</span>
          </Descriptions.Item>
        </Descriptions>
      )}
      {loaded.loading && !data ? (
        <div style={{ textAlign: 'center', padding: 24 }}>
          <Spin />
        </div>
      ) : loaded.error && !data ? (
        <Alert type="error" showIcon title={errorMessage(loaded.error)} />
      ) : !data?.records.length ? (
        <Empty description="没有对应的记录" />
      ) : (
        <>
          <Typography.Paragraph type="secondary">共 {data.records.length} 条记录</Typography.Paragraph>
          <ul className="gk-record-list" data-testid="cell-records">
            {data.records.map((r) => (
              <li key={`${r.kind}-${r.id}`} data-testid="cell-record" data-kind={r.kind} data-id={r.id}>
                <div>
                  <Tag>{recordKindLabels[r.kind] ?? r.kind}</Tag>
                  <RecordTitle r={r} />
                </div>
                <Space size={12} wrap className="gk-record-meta">
                  {r.date && <span>{r.kind === 'figure' ? formatTime(r.date) : formatDate(r.date)}</span>}
                  {r.applicant && <span>申请人：{r.applicant}</span>}
                  {r.kind === 'item' && <Link to={`/documents/${r.id}`}>在后台查看</Link>}
                </Space>
              </li>
            ))}
          </ul>
        </>
      )}
    </Drawer>
  );
}
