/**
 * The vocabulary of 依申请公开: channels, applicant kinds, states, outcomes (the 21 result rows of
 * annual-report table 三, keyed exactly like reports/model.ts) and the state machine. Pure.
 */
import { SECTION3_LEAF_KEYS, type SECTION3_COLUMNS, type Section3RowKey } from '../reports/index.ts';

/** A column of annual-report table 三. */
export type Section3Column = (typeof SECTION3_COLUMNS)[number];

/** How the application arrived (条例第29条) and, through it, which day counts as receipt (第31条). */
export const channels = ['online', 'in_person', 'registered_mail', 'ordinary_mail', 'fax', 'email', 'oral'] as const;
export type Channel = (typeof channels)[number];

/** Channel names and the Art 31 rule for the receipt date, shown beside the date field. */
export const channelInfo: Record<Channel, { name: string; receiptRule: string }> = {
  online: { name: '在线申请', receiptRule: '以双方确认之日为收到申请之日（条例第31条第3项）；平台即时确认，提交之日即为收到之日' },
  in_person: { name: '当面提交', receiptRule: '以提交之日为收到申请之日（条例第31条第1项）' },
  registered_mail: { name: '邮寄（需签收）', receiptRule: '以行政机关签收之日为收到申请之日（条例第31条第2项）' },
  ordinary_mail: { name: '平常信函', receiptRule: '以工作机构与申请人确认之日为收到申请之日（条例第31条第2项）' },
  fax: { name: '传真', receiptRule: '以双方确认之日为收到申请之日（条例第31条第3项）' },
  email: { name: '电子邮件', receiptRule: '以双方确认之日为收到申请之日（条例第31条第3项）' },
  oral: { name: '口头申请（代为填写）', receiptRule: '书面形式确有困难的口头申请，由工作机构代为填写并经申请人确认之日为收到申请之日（条例第29条）' },
};

/** 自然人 or 法人或其他组织. */
export const applicantKinds = ['person', 'organization'] as const;
export type ApplicantKind = (typeof applicantKinds)[number];

/** The kinds of 法人或其他组织, one per column of annual-report table 三. */
export const orgKinds = ['business', 'research', 'nonprofit', 'legal', 'other'] as const;
export type OrgKind = (typeof orgKinds)[number];

export const orgKindNames: Record<OrgKind, Section3Column> = {
  business: '商业企业',
  research: '科研机构',
  nonprofit: '社会公益组织',
  legal: '法律服务机构',
  other: '其他',
};

/** The table-三 column a request is counted in. */
export function reportColumnOf(kind: ApplicantKind, orgKind: OrgKind | null): Section3Column {
  if (kind === 'person') return '自然人';
  return orgKindNames[orgKind ?? 'other'];
}

/** ID document types of a person. */
export const idTypes = ['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent', 'other'] as const;
export type IdType = (typeof idTypes)[number];
export const idTypeNames: Record<IdType, string> = {
  resident_id: '居民身份证',
  passport: '护照',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  foreign_permanent: '外国人永久居留身份证',
  other: '其他证件',
};

/** 获取信息的形式 (条例第29条第2款第3项, 第40条). */
export const provisionForms = ['paper', 'email', 'disc', 'onsite'] as const;
export type ProvisionForm = (typeof provisionForms)[number];
export const provisionFormNames: Record<ProvisionForm, string> = { paper: '纸质文本', email: '电子邮件', disc: '光盘', onsite: '现场查阅' };

/** 获取信息的方式. */
export const deliveries = ['mail', 'email', 'pickup', 'online'] as const;
export type Delivery = (typeof deliveries)[number];
export const deliveryNames: Record<Delivery, string> = { mail: '邮寄', email: '电子邮件', pickup: '当面领取', online: '网上获取' };

/** States: 登记 → 审核 → 办理 → 审批 → 答复 → 送达 → 归档 (条例第45条), plus the ends. */
export const requestStates = [
  'registered',
  'reviewing',
  'correction_pending',
  'handling',
  'approving',
  'replied',
  'delivered',
  'archived',
  'withdrawn',
  'deemed_withdrawn',
] as const;
export type RequestState = (typeof requestStates)[number];

export const stateNames: Record<RequestState, string> = {
  registered: '已登记（待审核）',
  reviewing: '审核中（已补正）',
  correction_pending: '待补正',
  handling: '办理中',
  approving: '审批中',
  replied: '已答复',
  delivered: '已送达',
  archived: '已归档',
  withdrawn: '申请人撤回',
  deemed_withdrawn: '视为放弃申请',
};

/** States in which the statutory clock is still relevant (not yet answered or ended). */
export const openStates: readonly RequestState[] = ['registered', 'reviewing', 'correction_pending', 'handling', 'approving'];

/** true when the request is still awaiting a reply. */
export function isOpen(state: RequestState): boolean {
  return openStates.includes(state);
}

/** The staff actions on a request (each a POST /api/requests/:id/<kebab-case>). */
export const requestActions = [
  'accept',
  'askCorrection',
  'receiveCorrection',
  'extend',
  'startConsultation',
  'endConsultation',
  'feeNotice',
  'feePaid',
  'reply',
  'submitForApproval',
  'approve',
  'returnForRevision',
  'deliver',
  'archive',
  'withdraw',
  'deemWithdrawn',
] as const;
export type RequestAction = (typeof requestActions)[number];

export const actionNames: Record<RequestAction, string> = {
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

/** From which states each action applies, and where it leads (`null` = the state does not change). */
export const transitions: Record<RequestAction, { from: readonly RequestState[]; to: RequestState | null }> = {
  accept: { from: ['registered', 'reviewing'], to: 'handling' },
  askCorrection: { from: ['registered'], to: 'correction_pending' },
  receiveCorrection: { from: ['correction_pending'], to: 'reviewing' },
  extend: { from: ['handling', 'approving'], to: null },
  startConsultation: { from: ['handling'], to: null },
  endConsultation: { from: ['handling'], to: null },
  feeNotice: { from: ['handling'], to: null },
  feePaid: { from: ['handling'], to: null },
  // A reply during 审批 goes through `approve` (the approver replies), never around it.
  reply: { from: ['registered', 'reviewing', 'handling'], to: 'replied' },
  // 审批 (条例第45条 procedure; agencies may require it: request_settings.approvalRequired).
  submitForApproval: { from: ['handling'], to: 'approving' },
  approve: { from: ['approving'], to: 'replied' },
  returnForRevision: { from: ['approving'], to: 'handling' },
  deliver: { from: ['replied'], to: 'delivered' },
  archive: { from: ['delivered', 'withdrawn', 'deemed_withdrawn'], to: 'archived' },
  withdraw: { from: ['registered', 'reviewing', 'correction_pending', 'handling', 'approving'], to: 'withdrawn' },
  deemWithdrawn: { from: ['correction_pending'], to: 'deemed_withdrawn' },
};

/** true when `action` applies in `state`. */
export function isActionApplicable(action: RequestAction, state: RequestState): boolean {
  return transitions[action].from.includes(state);
}

/** An outcome: a leaf row of annual-report table 三. */
export type Outcome = Exclude<Section3RowKey, 'new' | 'carried_over' | 'total' | 'carried_forward'>;

/** The 21 outcomes, in table order. */
export const outcomes = SECTION3_LEAF_KEYS as readonly Outcome[];

/** Each outcome's name and the 条例 article the reply letter cites (DOMAIN.md §1.4). */
export const outcomeInfo: Record<Outcome, { name: string; article: string }> = {
  granted: { name: '予以公开', article: '第三十六条第（一）（二）项' },
  partial: { name: '部分公开', article: '第三十七条' },
  denied_state_secret: { name: '不予公开：属于国家秘密', article: '第十四条' },
  denied_law_forbids: { name: '不予公开：其他法律行政法规禁止公开', article: '第十四条' },
  denied_security_stability: { name: '不予公开：危及“三安全一稳定”', article: '第十四条' },
  denied_third_party: { name: '不予公开：保护第三方合法权益', article: '第十五条、第三十二条' },
  denied_internal_affairs: { name: '不予公开：属于三类内部事务信息', article: '第十六条第一款' },
  denied_process_info: { name: '不予公开：属于四类过程性信息', article: '第十六条第二款' },
  denied_enforcement_file: { name: '不予公开：属于行政执法案卷', article: '第十六条第二款' },
  denied_admin_query: { name: '不予公开：属于行政查询事项', article: '第三十六条第（七）项' },
  unavailable_not_held: { name: '无法提供：本机关不掌握相关政府信息', article: '第三十六条第（四）（五）项' },
  unavailable_needs_creation: { name: '无法提供：没有现成信息需要另行制作', article: '第三十八条' },
  unavailable_still_unclear: { name: '无法提供：补正后申请内容仍不明确', article: '第三十条' },
  not_processed_petition: { name: '不予处理：信访举报投诉类申请', article: '第三十九条第一款' },
  not_processed_duplicate: { name: '不予处理：重复申请', article: '第三十六条第（六）项' },
  not_processed_publication: { name: '不予处理：要求提供公开出版物', article: '第三十九条第二款' },
  not_processed_excessive: { name: '不予处理：无正当理由大量反复申请', article: '第三十五条' },
  not_processed_reconfirm: { name: '不予处理：要求行政机关确认或重新出具已获取信息', article: '第三十六条' },
  other_no_correction: { name: '其他处理：逾期不补正，不再处理', article: '第三十条' },
  other_fee_unpaid: { name: '其他处理：逾期未缴纳信息处理费，不再处理', article: '第四十二条' },
  other_other: { name: '其他处理：其他（含申请人撤回）', article: '—' },
};

/** Outcomes a reply may carry; 其他处理1 only comes from `deemWithdrawn`, a withdrawal gives 其他处理3 by itself. */
export const replyOutcomes: readonly Outcome[] = outcomes.filter((o) => o !== 'other_no_correction');

/** Kinds of events in request_events. */
export const eventKinds = [
  'received',
  'accepted',
  'correction_requested',
  'correction_received',
  'extension',
  'consultation_started',
  'consultation_ended',
  'fee_notice',
  'fee_paid',
  'replied',
  'delivered',
  'archived',
  'withdrawn',
  'deemed_withdrawn',
  'publication_proposed',
  'approval_requested',
  'approved',
  'approval_returned',
  'reassigned',
] as const;
export type EventKind = (typeof eventKinds)[number];

export const eventNames: Record<EventKind, string> = {
  received: '收到申请',
  accepted: '受理',
  correction_requested: '告知补正',
  correction_received: '收到补正',
  extension: '延期答复',
  consultation_started: '征求意见',
  consultation_ended: '征求意见结束',
  fee_notice: '收费通知',
  fee_paid: '缴费',
  replied: '答复',
  delivered: '送达',
  archived: '归档',
  withdrawn: '撤回申请',
  deemed_withdrawn: '视为放弃申请',
  publication_proposed: '建议转为主动公开（条例第44条）',
  approval_requested: '提交审批',
  approved: '审批通过',
  approval_returned: '审批退回修改',
  reassigned: '调整承办人',
};
