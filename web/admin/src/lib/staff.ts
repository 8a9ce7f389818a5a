/**
 * JSON shapes of the catalog, ledger, AB-post and handover answers (mirroring
 * catalog.presenter.ts, catalog/ledger.ts, staffing/posts.service.ts, handover.service.ts),
 * the agency's people for pickers, and the conflict dialog shared by the new screens. The names
 * of catalog channels, ledger statuses and duty kinds come from GET /api/meta (lib/meta.ts).
 */
import { get, type ApiError } from './api.ts';
import { feedback } from './feedback.ts';
import { onMeta, refill } from './meta.ts';
import type { UserView } from './types.ts';

export type TimeRule =
  | { kind: 'event'; unit: 'workingDays' | 'hours'; limit: number; noticeDays?: number; noticeUnit?: 'days' | 'workingDays' }
  | { kind: 'periodic'; period: 'monthly' | 'quarterly' | 'yearly'; dueDay: number; dueMonth?: number };

export interface CatalogItem {
  id: string;
  agencyId: string;
  areaId: string;
  level1: string;
  level2: string;
  content: string;
  basis: string;
  timeRule: TimeRule;
  /** 公开时限 as printed. */
  timeLimit: string;
  subject: string;
  channels: string[];
  channelNames: string[];
  audience: 'public' | 'specific';
  audienceName: string;
  mode: 'proactive' | 'request';
  modeName: string;
  level: 'county' | 'township';
  levelName: string;
  sort: number;
  lockVersion: number;
  updatedAt: string;
}

export interface CatalogArea {
  id: string;
  name: string;
  sort: number;
  items: CatalogItem[];
}

export interface ImportResult {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  areasCreated: number;
}

/** 公开渠道和载体 (catalog/channels.ts, through GET /api/meta). */
export const channelLabels: Record<string, string> = {};

export type EntryStatus = 'on_time' | 'late' | 'overdue' | 'due';

/** Colours of the ledger statuses (presentation only; the names come from GET /api/meta). */
const entryStatusColors: Record<EntryStatus | 'none', string> = { on_time: 'success', late: 'warning', overdue: 'error', due: 'processing', none: 'default' };

/** Ledger statuses (catalog/ledger.ts entryStatusNames, through GET /api/meta) with their colours. */
export const entryStatusLabels = {} as Record<EntryStatus | 'none', { text: string; color: string }>;

/** AB-post duty kinds (staffing/posts.ts dutyKindNames, through GET /api/meta). */
export const dutyKindLabels: Record<string, string> = {};

onMeta((m) => {
  refill(channelLabels, m.catalog.channels);
  refill(entryStatusLabels, Object.fromEntries(Object.entries(m.catalog.entryStatuses).map(([k, text]) => [k, { text, color: entryStatusColors[k as EntryStatus] ?? 'default' }])));
  refill(dutyKindLabels, m.staffing.dutyKinds);
});

export interface LedgerCounts {
  onTime: number;
  late: number;
  overdue: number;
  due: number;
}

export interface LedgerEntry {
  /** publication 公开, correction 更正（变更）, interpretation 政策解读. */
  kind: 'publication' | 'correction' | 'interpretation' | 'notice';
  period: string | null;
  documentId: string | null;
  title: string | null;
  from: string;
  dueDate: string;
  deadline: string;
  publishedOn: string | null;
  status: EntryStatus;
  workingDaysLeft: number | null;
}

export interface LedgerRow {
  itemId: string;
  areaId: string;
  areaName: string;
  level1: string;
  level2: string;
  timeLimit: string;
  status: EntryStatus | 'none';
  counts: LedgerCounts;
  entries: LedgerEntry[];
}

export interface LedgerSummary {
  counts: LedgerCounts;
  onTimeRate: number | null;
}

export interface Ledger {
  year: number;
  today: string;
  rows: LedgerRow[];
  areas: ({ areaId: string; areaName: string } & LedgerSummary)[];
  total: LedgerSummary;
  unknownYears: number[];
}

export interface DutyPerson {
  id: string;
  displayName: string | null;
  disabled: boolean;
}

export interface DutyView {
  id: string | null;
  kind: 'catalogItem' | 'requests' | 'site' | 'annualReport' | 'feedback';
  kindName: string;
  catalogItemId: string | null;
  name: string;
  holderA: DutyPerson | null;
  holderB: DutyPerson | null;
  current: { userId: string | null; post: 'A' | 'B' | null; reason: string; displayName: string | null };
  problems: string[];
  flagged: boolean;
}

export interface LeaveView {
  id: string;
  userId: string;
  displayName: string | null;
  startsOn: string;
  endsOn: string;
  reason: string;
}

export interface PostsAnswer {
  date: string;
  duties: DutyView[];
  unassignedCatalogItems: number;
  leaves: LeaveView[];
}

export interface HandoverChecklist {
  account: { id: string; username: string; displayName: string; disabled: boolean };
  memberships: { agencyId: string; roles: string[]; steps: string[] }[];
  openDocuments: { id: string; agencyId: string; title: string; status: string; indexNo: string }[];
  reviewSteps: { agencyId: string; step: string; soleHolder: boolean; otherHolders: string[] }[];
  duties: { id: string; agencyId: string; kind: string; kindName: string; catalogItemId: string | null; post: 'A' | 'B' }[];
  requests: { id: string; agencyId: string; trackingNo: string; state: string; stateName: string; role: 'handler' | 'backup' }[];
}

/** `0.875` → `87.5%`; null → `—`. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** Active accounts holding a role in `agencyId` (GET /api/users, administrators only), optionally with one role. */
export async function loadAgencyUsers(agencyId: string, role?: string, signal?: AbortSignal): Promise<UserView[]> {
  const { users } = await get<{ users: UserView[] }>('/api/users', undefined, signal);
  return users.filter((u) => !u.disabled && u.memberships.some((m) => m.agencyId === agencyId && m.roles.length > 0 && (!role || m.roles.includes(role as never))));
}

/** The dialog of a 409: someone else acted first (or the state moved on); the page reloads. */
export function showConflict(title: string, e: ApiError): void {
  void feedback.modal?.warning({ title, content: `${e.message}。页面已载入最新状态。`, okButtonProps: { 'data-testid': 'conflict-ok' } as never });
}
