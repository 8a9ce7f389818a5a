/**
 * 依申请公开 in the console: JSON shapes of /api/requests (mirroring requests.presenter.ts) and
 * the Chinese names of the codes the forms send — requests/model.ts's own tables, filled from
 * GET /api/meta (lib/meta.ts) before any page renders.
 */
import { get } from './api.ts';
import { onMeta, refill } from './meta.ts';

export type RequestState =
  | 'registered'
  | 'reviewing'
  | 'correction_pending'
  | 'handling'
  | 'approving'
  | 'replied'
  | 'delivered'
  | 'archived'
  | 'withdrawn'
  | 'deemed_withdrawn';

export type RequestAction =
  | 'accept'
  | 'askCorrection'
  | 'receiveCorrection'
  | 'extend'
  | 'startConsultation'
  | 'endConsultation'
  | 'feeNotice'
  | 'feePaid'
  | 'reply'
  | 'submitForApproval'
  | 'approve'
  | 'returnForRevision'
  | 'deliver'
  | 'archive'
  | 'withdraw'
  | 'deemWithdrawn';

export interface PersonRef {
  id: string;
  displayName: string;
}

/** A request without the applicant's personal data (presentRequest). */
export interface RequestView {
  id: string;
  agencyId: string;
  trackingNo: string;
  channel: string;
  channelName: string;
  submittedAt: string;
  receivedOn: string;
  applicantKind: 'person' | 'organization';
  orgKind: string | null;
  /** The column of annual-report table 三 (自然人, 商业企业 …). */
  reportColumn: string;
  description: string;
  docNo: string | null;
  provisionForm: string;
  provisionFormName: string;
  delivery: string;
  deliveryName: string;
  handler: PersonRef | null;
  backupHandler: PersonRef | null;
  state: RequestState;
  stateName: string;
  outcome: string | null;
  outcomeName: string | null;
  outcomeArticle: string | null;
  outcomeNote: string | null;
  dueOn: string | null;
  overdue: boolean;
  workingDaysLeft: number | null;
  clockPhase: 'awaiting_correction' | 'running' | 'paused' | 'closed';
  unknownYears: number[];
  lockVersion: number;
  createdAt: string;
  updatedAt: string;
}

/** The applicant (only for handlers and admins of the handling agency). */
export interface ApplicantView {
  name: string;
  idType: string | null;
  idTypeName: string | null;
  idNumber: string | null;
  uscc: string | null;
  legalRepresentative: string | null;
  contactPerson: string | null;
  phone: string;
  address: string | null;
  postcode: string | null;
  email: string | null;
}

export interface ClockView {
  phase: RequestView['clockPhase'];
  dueOn: string | null;
  start: string;
  startKind: 'received' | 'correction_received';
  workingDays: number;
  extensionDays: number;
  overdue: boolean;
  workingDaysLeft: number | null;
  correctionNoticeDueOn: string;
  correctionDeadline: string | null;
  correctionExpired: boolean;
  feeDeadline: string | null;
  feeExpired: boolean;
  unknownYears: number[];
  warnings: string[];
  /** The deadline arithmetic in one line. */
  explanation: string;
  /** The clock's history, one line per fact. */
  lines: string[];
}

export interface RequestEventView {
  id: string;
  kind: string;
  kindName: string;
  on: string;
  data: Record<string, unknown> | null;
  actor: PersonRef | null;
  at: string;
}

/** GET /api/requests/:id and the answer of every action. */
export interface RequestDetail {
  request: RequestView;
  applicant: ApplicantView | null;
  clock: ClockView;
  events: RequestEventView[];
  allowedActions: RequestAction[];
  /** 审批 pending: the proposed outcome and reasons. */
  pendingApproval?: { by: string | null; on: string; outcome: string | null; note: string | null } | null;
  /** The actor may reassign the handlers (agency admin). */
  canAssign?: boolean;
  /** Only in the answer of POST /api/requests: the applicant's query code, shown once. */
  queryCode?: string;
  /** 申请材料 (identity document, scans, online 补正 files); null for staff who may not see the applicant. */
  intakeFiles?: IntakeFileView[] | null;
}

/** One intake document of a request. */
export interface IntakeFileView {
  id: string;
  kind: 'identity' | 'scan' | 'correction';
  kindName: string;
  filename: string;
  mime: string;
  size: number;
  createdAt: string;
}

export interface RequestPage {
  items: RequestView[];
  total: number;
  page: number;
  pageSize: number;
}

/** Colours of the request states (presentation only; the names come from GET /api/meta). */
const requestStateColors: Record<RequestState, string> = {
  registered: 'default',
  reviewing: 'processing',
  correction_pending: 'warning',
  handling: 'processing',
  approving: 'cyan',
  replied: 'success',
  delivered: 'success',
  archived: 'default',
  withdrawn: 'default',
  deemed_withdrawn: 'default',
};

/** State names (requests/model.ts stateNames, through GET /api/meta) with their colours. */
export const requestStateLabels = {} as Record<RequestState, { text: string; color: string }>;

/** Action names (requests/model.ts actionNames, through GET /api/meta). */
export const requestActionLabels = {} as Record<RequestAction, string>;

/** Order of the buttons on the detail page (main path first). */
export const requestActionOrder: RequestAction[] = [
  'accept',
  'askCorrection',
  'receiveCorrection',
  'reply',
  'submitForApproval',
  'approve',
  'returnForRevision',
  'deliver',
  'archive',
  'extend',
  'startConsultation',
  'endConsultation',
  'feeNotice',
  'feePaid',
  'deemWithdrawn',
  'withdraw',
];

/** `askCorrection` → `ask-correction` (the action's path). */
export function requestActionPath(action: RequestAction): string {
  return action.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Every channel's name, `online` included (requests/model.ts channelInfo, through GET /api/meta). */
export const requestChannelLabels: Record<string, string> = {};

/** Channels staff may register (online applications come through the portal), with the 第31条 receipt rule. */
export const channelOptions: { value: string; label: string; rule: string }[] = [];

export const idTypeLabels: Record<string, string> = {};

export const orgKindLabels: Record<string, string> = {};

export const provisionFormLabels: Record<string, string> = {};

export const deliveryLabels: Record<string, string> = {};

/** All 21 outcomes (annual-report table 三 rows), in table order. */
export const outcomeLabels: Record<string, string> = {};

/** The outcomes a reply may carry (without 其他处理1), in table order. */
export const replyOutcomeLabels: Record<string, string> = {};

onMeta((m) => {
  const r = m.requests;
  refill(requestStateLabels, Object.fromEntries(Object.entries(r.states).map(([k, text]) => [k, { text, color: requestStateColors[k as RequestState] ?? 'default' }])));
  refill(requestActionLabels, r.actions);
  refill(requestChannelLabels, Object.fromEntries(Object.entries(r.channels).map(([k, c]) => [k, c.name])));
  channelOptions.splice(0, channelOptions.length, ...Object.entries(r.channels).filter(([k]) => k !== 'online').map(([value, c]) => ({ value, label: c.name, rule: c.receiptRule })));
  refill(idTypeLabels, r.idTypes);
  refill(orgKindLabels, r.orgKinds);
  refill(provisionFormLabels, r.provisionForms);
  refill(deliveryLabels, r.deliveries);
  refill(outcomeLabels, Object.fromEntries(Object.entries(r.outcomes).map(([k, o]) => [k, o.name])));
  refill(replyOutcomeLabels, Object.fromEntries(r.replyOutcomes.map((k) => [k, r.outcomes[k]?.name ?? k])));
});

/** Labels of the keys an event's data may carry (timeline). */
export const eventDataLabels: Record<string, string> = {
  note: '备注',
  items: '补正事项',
  periodDays: '期限（工作日）',
  days: '延长（工作日）',
  approvedBy: '批准人',
  noticeOn: '告知日期',
  reason: '理由',
  party: '征求对象类型',
  consulted: '征求对象',
  amount: '金额（元）',
  method: '方式',
  outcome: '结果',
  channel: '渠道',
  comment: '审批意见',
  pages: '页数',
  calculation: '计算（国办函〔2020〕109号）',
  requestedBy: '提交人',
  requestedOn: '提交日期',
  names: '新承办人',
  source: '来源',
  text: '补正内容',
  files: '文件',
};

/** GET /api/requests/:id/fee-quote. */
export interface FeeQuote {
  method: 'per_item' | 'per_page';
  methodName: string;
  amount: number;
  priorItems: number;
  quantity: number;
  lines: string[];
  basis: string;
}

/** GET /api/agencies/:id/members (pickers). */
export interface AgencyMember {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
}

/** Active staff of the agency holding `role`, as Select options (any member of the agency may ask). */
export async function loadMemberOptions(agencyId: string, role: 'handler' | 'approver' | 'admin', signal?: AbortSignal): Promise<{ value: string; label: string }[]> {
  const { members } = await get<{ members: AgencyMember[] }>(`/api/agencies/${agencyId}/members`, { role }, signal);
  return members.map((m) => ({ value: m.id, label: `${m.displayName}（${m.username}）` }));
}

/** The statutory clock of an open request in a few words (list and detail). */
export function dueHint(r: { state: RequestState; overdue: boolean; workingDaysLeft: number | null }): 'overdue' | 'soon' | null {
  if (r.overdue) return 'overdue';
  if (r.workingDaysLeft !== null && r.workingDaysLeft >= 0 && r.workingDaysLeft <= 3 && ['registered', 'reviewing', 'handling', 'approving'].includes(r.state)) return 'soon';
  return null;
}
