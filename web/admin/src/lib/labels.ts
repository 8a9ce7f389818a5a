/**
 * Chinese labels of codes the server uses. The tables the server owns are filled from GET
 * /api/meta (lib/meta.ts); only those without a server table (agency kinds, audit actions) live here.
 */
import { onMeta, refill } from './meta.ts';
import type { AgencyKind, AgencyRole, Disclosure, DocType, DocumentStatus, GlobalRole, Validity } from './types.ts';

/** Colours of the document states (presentation only; the names come from GET /api/meta). */
const statusColors: Record<DocumentStatus, string> = {
  draft: 'default',
  in_review: 'processing',
  returned: 'warning',
  approved: 'purple',
  scheduled: 'cyan',
  published: 'success',
  withdrawn: 'error',
};

/** Filled from GET /api/meta (publishing/workflow.ts statusNames) before any page renders. */
export const statusLabels = {} as Record<DocumentStatus, { text: string; color: string }>;

/** 公开属性 (publishing/metadata.ts, through GET /api/meta). */
export const disclosureLabels = {} as Record<Disclosure, string>;

/** 文件类型 (publishing/metadata.ts, through GET /api/meta). */
export const docTypeLabels = {} as Record<DocType, string>;

/** 有效性 (publishing/metadata.ts, through GET /api/meta). */
export const validityLabels = {} as Record<Validity, string>;

/** Role names (accounts/actor.ts, through GET /api/meta). */
export const roleLabels = {} as Record<AgencyRole | GlobalRole, string>;

onMeta((m) => {
  refill(statusLabels, Object.fromEntries(Object.entries(m.publishing.documentStatuses).map(([k, text]) => [k, { text, color: statusColors[k as DocumentStatus] ?? 'default' }])));
  refill(disclosureLabels, m.publishing.disclosures);
  refill(docTypeLabels, m.publishing.docTypes);
  refill(validityLabels, m.publishing.validities);
  refill(roleLabels, m.accounts.roles);
});

/** Agency kinds: the server has the codes only (agencies.service.ts AgencyKind), no names to serve. */
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
