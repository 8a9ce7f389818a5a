/** Chinese labels of codes the server uses. */
import type { AgencyKind, AgencyRole, Disclosure, DocType, DocumentStatus, GlobalRole, Validity } from './types.ts';

export const statusLabels: Record<DocumentStatus, { text: string; color: string }> = {
  draft: { text: '草稿', color: 'default' },
  in_review: { text: '审核中', color: 'processing' },
  returned: { text: '已退回', color: 'warning' },
  approved: { text: '审核完成（不主动公开）', color: 'purple' },
  scheduled: { text: '待定时发布', color: 'cyan' },
  published: { text: '已发布', color: 'success' },
  withdrawn: { text: '已撤回', color: 'error' },
};

export const disclosureLabels: Record<Disclosure, string> = {
  proactive: '主动公开',
  request: '依申请公开',
  none: '不予公开',
};

export const docTypeLabels: Record<DocType, string> = {
  regulation: '规章',
  normative: '行政规范性文件',
  other: '其他',
};

export const validityLabels: Record<Validity, string> = {
  valid: '有效',
  repealed: '废止',
  expired: '失效',
};

export const roleLabels: Record<AgencyRole | GlobalRole, string> = {
  admin: '单位管理员',
  drafter: '起草人',
  reviewer: '审核人',
  auditor: '审计员（只读）',
  handler: '依申请公开承办人',
  approver: '依申请公开审批人',
  sysadmin: '平台管理员',
  supervisor: '县级监督员（只读）',
};

export const agencyKindLabels: Record<AgencyKind, string> = {
  county: '县级人民政府',
  department: '县级部门',
  township: '乡镇人民政府',
};

/** Actions of the audit log (the codes the server writes). */
export const auditActionLabels: Record<string, string> = {
  'auth.login': '登录',
  'auth.loginFailed': '登录失败',
  'auth.lockout': '账号锁定',
  'auth.logout': '退出登录',
  'user.create': '新增用户',
  'user.update': '修改用户',
  'user.changePassword': '修改密码',
  'user.resetPassword': '重置密码',
  'agency.create': '新增单位',
  'agency.update': '修改单位设置',
  'document.create': '新建稿件',
  'document.update': '修改稿件',
  'document.addAttachment': '上传附件',
  'document.removeAttachment': '删除附件',
  'document.submit': '提交审核',
  'document.approve': '审核通过',
  'document.return': '退回修改',
  'document.publish': '发布',
  'document.publishScheduled': '定时发布',
  'document.withdraw': '撤回',
  'document.startCorrection': '发起更正',
  'calendar.addYear': '新增节假日年度',
  'training.manual.update': '修改工作手册',
  'training.manual.reset': '恢复工作手册默认内容',
  'training.settings.update': '设置岗前培训',
  'training.attempt.start': '开始岗前培训考核',
  'training.attempt.submit': '提交岗前培训考核',
};

export const entityTypeLabels: Record<string, string> = {
  user: '用户',
  agency: '单位',
  document: '政府信息',
  calendarYear: '节假日安排',
  manualSection: '工作手册章节',
  trainingAttempt: '培训考核',
};

/** A label for a code, falling back to the code itself. */
export function labelOf(map: Record<string, string>, code: string): string {
  return map[code] ?? code;
}

/** Human file size. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${String(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
