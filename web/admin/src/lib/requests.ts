/**
 * 依申请公开 in the console: JSON shapes of /api/requests (mirroring requests.presenter.ts) and
 * the Chinese names of the codes the forms send (mirroring requests/model.ts).
 */
import { get } from './api.ts';

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

export const requestStateLabels: Record<RequestState, { text: string; color: string }> = {
  registered: { text: '已登记（待审核）', color: 'default' },
  reviewing: { text: '审核中（已补正）', color: 'processing' },
  correction_pending: { text: '待补正', color: 'warning' },
  handling: { text: '办理中', color: 'processing' },
  approving: { text: '审批中', color: 'cyan' },
  replied: { text: '已答复', color: 'success' },
  delivered: { text: '已送达', color: 'success' },
  archived: { text: '已归档', color: 'default' },
  withdrawn: { text: '申请人撤回', color: 'default' },
  deemed_withdrawn: { text: '视为放弃申请', color: 'default' },
};

export const requestActionLabels: Record<RequestAction, string> = {
  accept: '受理',
  askCorrection: '告知补正',
  receiveCorrection: '收到补正',
  extend: '延期答复',
  startConsultation: '征求意见',
  endConsultation: '征求意见结束',
  feeNotice: '发出收费通知',
  feePaid: '已缴费',
  reply: '答复',
  submitForApproval: '提交审批',
  approve: '审批通过并答复',
  returnForRevision: '退回修改',
  deliver: '送达',
  archive: '归档',
  withdraw: '申请人撤回',
  deemWithdrawn: '逾期未补正，视为放弃',
};

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

/** Channels staff may register (online applications come through the portal), with the 第31条 receipt rule. */
export const channelOptions: { value: string; label: string; rule: string }[] = [
  { value: 'in_person', label: '当面提交', rule: '以提交之日为收到申请之日（条例第31条第1项）' },
  { value: 'registered_mail', label: '邮寄（需签收）', rule: '以行政机关签收之日为收到申请之日（条例第31条第2项）' },
  { value: 'ordinary_mail', label: '平常信函', rule: '以工作机构与申请人确认之日为收到申请之日（条例第31条第2项）' },
  { value: 'fax', label: '传真', rule: '以双方确认之日为收到申请之日（条例第31条第3项）' },
  { value: 'email', label: '电子邮件', rule: '以双方确认之日为收到申请之日（条例第31条第3项）' },
  { value: 'oral', label: '口头申请（代为填写）', rule: '由工作机构代为填写并经申请人确认之日为收到申请之日（条例第29条）' },
];

export const idTypeLabels: Record<string, string> = {
  resident_id: '居民身份证',
  passport: '护照',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  foreign_permanent: '外国人永久居留身份证',
  other: '其他证件',
};

export const orgKindLabels: Record<string, string> = {
  business: '商业企业',
  research: '科研机构',
  nonprofit: '社会公益组织',
  legal: '法律服务机构',
  other: '其他',
};

export const provisionFormLabels: Record<string, string> = { paper: '纸质文本', email: '电子邮件', disc: '光盘', onsite: '现场查阅' };

export const deliveryLabels: Record<string, string> = { mail: '邮寄', email: '电子邮件', pickup: '当面领取', online: '网上获取' };

/** The outcomes a reply may carry (annual-report table 三 rows, without 其他处理1), in table order. */
export const replyOutcomeLabels: Record<string, string> = {
  granted: '予以公开',
  partial: '部分公开',
  denied_state_secret: '不予公开：属于国家秘密',
  denied_law_forbids: '不予公开：其他法律行政法规禁止公开',
  denied_security_stability: '不予公开：危及“三安全一稳定”',
  denied_third_party: '不予公开：保护第三方合法权益',
  denied_internal_affairs: '不予公开：属于三类内部事务信息',
  denied_process_info: '不予公开：属于四类过程性信息',
  denied_enforcement_file: '不予公开：属于行政执法案卷',
  denied_admin_query: '不予公开：属于行政查询事项',
  unavailable_not_held: '无法提供：本机关不掌握相关政府信息',
  unavailable_needs_creation: '无法提供：没有现成信息需要另行制作',
  unavailable_still_unclear: '无法提供：补正后申请内容仍不明确',
  not_processed_petition: '不予处理：信访举报投诉类申请',
  not_processed_duplicate: '不予处理：重复申请',
  not_processed_publication: '不予处理：要求提供公开出版物',
  not_processed_excessive: '不予处理：无正当理由大量反复申请',
  not_processed_reconfirm: '不予处理：要求行政机关确认或重新出具已获取信息',
  other_fee_unpaid: '其他处理：逾期未缴纳信息处理费，不再处理',
  other_other: '其他处理：其他（含申请人撤回）',
};

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
