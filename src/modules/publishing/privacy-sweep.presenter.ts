/**
 * The sweep (回头看) report as the API, the XLSX export and the CLI show it: runs with their
 * progress and status, items with their findings (masked forms and locations only) and the
 * document's state now. Pure: rows in, shapes out.
 */
import type { privacyStore, StoredFinding } from '../privacy/index.ts';
import type { DocumentRow } from './publishing.repository.ts';
import { statusNames, type DocumentStatus } from './workflow.ts';

/** Who started a run: the scheduled job, `gongkai privacy sweep`, or a user in the console. */
export type SweepTrigger = 'schedule' | 'cli' | 'manual';
export const sweepTriggerNames: Record<SweepTrigger, string> = { schedule: '定时任务', cli: '命令行', manual: '手动发起' };

/** running; finished; failed (an error stopped it); interrupted (the process stopped: no heartbeat for a while). */
export type SweepStatus = 'running' | 'finished' | 'failed' | 'interrupted';
export const sweepStatusNames: Record<SweepStatus, string> = { running: '检查中', finished: '已完成', failed: '失败', interrupted: '已中断' };

/** A run without a finish whose last progress write is older than this was interrupted (the process stopped). */
export const sweepStaleMs = 10 * 60_000;

/** One run of the sweep. */
export interface SweepRun {
  id: string;
  agencyId: string | null;
  trigger: SweepTrigger;
  triggerName: string;
  requestedBy: string | null;
  status: SweepStatus;
  statusName: string;
  startedAt: string;
  finishedAt: string | null;
  /** Published items to scan. */
  total: number;
  /** Items scanned so far. */
  done: number;
  itemsWithFindings: number;
  findingsCount: number;
  error: string | null;
}

/** Error of a run the server's shutdown stopped (shown as 已中断, not 失败). */
export const sweepStoppedMessage = '服务停止，检查中断';

export function sweepStatus(row: privacyStore.SweepRow, now: Date): SweepStatus {
  if (row.finishedAt) return row.error ? (row.error === sweepStoppedMessage ? 'interrupted' : 'failed') : 'finished';
  return now.getTime() - row.heartbeatAt.getTime() > sweepStaleMs ? 'interrupted' : 'running';
}

export function presentRun(row: privacyStore.SweepRow, now: Date): SweepRun {
  const status = sweepStatus(row, now);
  const trigger = (row.trigger in sweepTriggerNames ? row.trigger : 'manual') as SweepTrigger;
  return {
    id: row.id,
    agencyId: row.agencyId,
    trigger,
    triggerName: sweepTriggerNames[trigger],
    requestedBy: row.requestedBy,
    status,
    statusName: sweepStatusNames[status],
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    total: Math.max(row.itemsTotal, row.itemsScanned),
    done: row.itemsScanned,
    itemsWithFindings: row.itemsWithFindings,
    findingsCount: row.findingsCount,
    error: row.error,
  };
}

/** What became of the item since the sweep: still public as scanned, withdrawn, being corrected, corrected. */
export type ItemState = 'published' | 'withdrawn' | 'correcting' | 'corrected' | 'gone';
export const itemStateNames: Record<ItemState, string> = { published: '仍在公开', withdrawn: '已撤回', correcting: '更正中', corrected: '已更正', gone: '已不存在' };

/** The document as the report shows it: enough to act (lockVersion) and to say what became of it. */
export interface SweepItemDocument {
  status: DocumentStatus;
  statusName: string;
  lockVersion: number;
  liveVersion: number | null;
}

export interface SweepReportItem {
  id: string;
  documentId: string;
  agencyId: string;
  version: number;
  title: string;
  indexNo: string;
  publishedAt: string | null;
  counts: privacyStore.SweepItemRow['counts'];
  findings: Array<StoredFinding & { place: string }>;
  state: ItemState;
  stateName: string;
  document: SweepItemDocument | null;
}

export function itemState(item: privacyStore.SweepItemRow, doc: DocumentRow | undefined): ItemState {
  if (!doc) return 'gone';
  if (doc.status === 'withdrawn') return 'withdrawn';
  if (doc.status !== 'published') return 'correcting';
  return (doc.liveVersion ?? 0) > item.version ? 'corrected' : 'published';
}

export function presentItem(item: privacyStore.SweepItemRow, doc: DocumentRow | undefined): SweepReportItem {
  const state = itemState(item, doc);
  return {
    id: item.id,
    documentId: item.documentId,
    agencyId: item.agencyId,
    version: item.version,
    title: item.title,
    indexNo: item.indexNo,
    publishedAt: item.publishedAt?.toISOString() ?? null,
    counts: item.counts,
    findings: item.findings.map((f) => ({ ...f, place: findingPlace(f) })),
    state,
    stateName: itemStateNames[state],
    document: doc ? { status: doc.status as DocumentStatus, statusName: statusNames[doc.status as DocumentStatus] ?? doc.status, lockVersion: doc.lockVersion, liveVersion: doc.liveVersion } : null,
  };
}

/** Where a finding is, in Chinese: 正文 第 2 段 / 附件「名单.xlsx」 工作表「名单」 单元格 B2 / … 第 3 页. */
export function findingPlace(f: Pick<StoredFinding, 'source' | 'filename' | 'location'>): string {
  const l = f.location;
  const parts: string[] = [f.source === 'body' ? '正文' : `附件「${f.filename ?? ''}」`];
  if (l.page !== undefined) parts.push(`第 ${l.page} 页`);
  if (l.sheet !== undefined) parts.push(`工作表「${l.sheet}」`);
  if (l.cell !== undefined) parts.push(`单元格 ${l.cell}`);
  if (typeof l.part === 'string' && l.part !== 'body') parts.push(l.part.startsWith('header') ? '页眉' : l.part.startsWith('footer') ? '页脚' : l.part === 'comments' ? '批注' : l.part);
  if (l.table !== undefined) parts.push(`表格 ${l.table} 第 ${l.row ?? '?'} 行第 ${l.column ?? '?'} 列`);
  else if (l.paragraph !== undefined) parts.push(`第 ${l.paragraph} 段`);
  if (l.line !== undefined) parts.push(`第 ${l.line} 行`);
  return parts.join(' ');
}

export const confidenceNames: Record<StoredFinding['confidence'], string> = { high: '高', medium: '中', low: '低' };
