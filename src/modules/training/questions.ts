/**
 * The question bank of the pre-post tests, grounded in the manual (manual.ts) and the law
 * (DOMAIN.md §1–§4). `answer` lists the indexes of the correct options; it never leaves the server.
 */
export const courseRoles = ['drafter', 'reviewer', 'handler', 'admin'] as const;
export type CourseRole = (typeof courseRoles)[number];

/** Roles whose rights wait for a passed test when the agency requires training. */
export const gatedRoles: readonly CourseRole[] = ['drafter', 'reviewer', 'handler'];

export interface Question {
  id: string;
  roles: readonly CourseRole[];
  kind: 'single' | 'multiple';
  text: string;
  options: readonly string[];
  answer: readonly number[];
  /** Manual topic the question is drawn from. */
  topic: string;
}

const D: CourseRole = 'drafter';
const R: CourseRole = 'reviewer';
const H: CourseRole = 'handler';
const A: CourseRole = 'admin';

export const questionBank: readonly Question[] = [
  { id: 'q-timely-20', roles: [D, R], kind: 'single', topic: 'review-flow', text: '属于主动公开范围的政府信息，应当自形成或者变更之日起多少个工作日内公开？', options: ['7个工作日', '15个工作日', '20个工作日', '30个工作日'], answer: [2] },
  { id: 'q-chain-default', roles: [D, R], kind: 'single', topic: 'review-flow', text: '本平台默认的「三审三校」审核链顺序是？', options: ['初审 → 隐私信息专项审查 → 复审 → 终审', '终审 → 复审 → 初审', '起草人自审后直接发布', '隐私审查 → 发布 → 复审'], answer: [0] },
  { id: 'q-return', roles: [D, R], kind: 'single', topic: 'review-flow', text: '信息在任一审核步骤被「退回」后会怎样？', options: ['直接发布', '回到起草人，修改后重新提交，从第一步重新审核', '跳到下一步继续审核', '自动删除'], answer: [1] },
  { id: 'q-self-review', roles: [R], kind: 'single', topic: 'review-flow', text: '审核人能否审核自己起草的信息？', options: ['可以', '不可以', '只有终审可以', '经办人同意即可'], answer: [1] },
  { id: 'q-checklist', roles: [R], kind: 'single', topic: 'review-flow', text: '审核人通过某一审核步骤前必须做什么？', options: ['逐项勾选该步骤的核对清单', '通知申请人', '导出 PDF', '无需任何操作'], answer: [0] },
  { id: 'q-correction-version', roles: [D, R], kind: 'single', topic: 'review-flow', text: '已发布的信息发现错误，应当如何处理？', options: ['直接在数据库里修改', '用「更正」发布新版本，保留历史版本', '删除后重新发布，不留记录', '不做处理'], answer: [1] },
  { id: 'q-id-mask', roles: [D, R, A], kind: 'single', topic: 'privacy', text: '按本单位脱敏规则，18 位身份证号应当如何显示？', options: ['全部公开', '只保留前 2 位和后 3 位，其余用 * 代替', '只遮盖最后 1 位', '只保留出生日期'], answer: [1] },
  { id: 'q-phone-mask', roles: [D, H], kind: 'single', topic: 'privacy', text: '手机号 13800138000 脱敏后应为？', options: ['138****8000', '13800138000', '*******8000', '138001*****'], answer: [0] },
  { id: 'q-address-mask', roles: [D], kind: 'single', topic: 'privacy', text: '公示材料中的家庭住址应保留到哪一级？', options: ['门牌号', '村民小组', '乡（镇）、街道', '完全保留'], answer: [2] },
  { id: 'q-privacy-types', roles: [D, R, H, A], kind: 'multiple', topic: 'privacy', text: '以下哪些属于发布前必须排查并脱敏的个人信息？（多选）', options: ['身份证号', '手机号', '银行卡号', '本单位办公电话'], answer: [0, 1, 2] },
  { id: 'q-images', roles: [R], kind: 'single', topic: 'privacy', text: '附件中嵌入的图片（如扫描件）如何进行隐私审查？', options: ['系统会自动识别，无需处理', '必须人工逐一核对', '图片一律不审查', '交给申请人核对'], answer: [1] },
  { id: 'q-consistent-mask', roles: [R, A], kind: 'single', topic: 'privacy', text: '为什么同一号码在不同地方必须用同一种方式遮盖？', options: ['为了美观', '不同遮盖方式拼在一起可能还原完整号码', '系统要求，没有原因', '便于检索'], answer: [1] },
  { id: 'q-reply-20', roles: [H, A], kind: 'single', topic: 'requests', text: '不能当场答复的政府信息公开申请，应当自收到申请之日起多少个工作日内答复？', options: ['7个工作日', '15个工作日', '20个工作日', '30个工作日'], answer: [2] },
  { id: 'q-supplement-7', roles: [H], kind: 'single', topic: 'request-deadlines', text: '申请内容不明确需要补正的，应当在收到申请之日起多少个工作日内一次性告知？', options: ['3个工作日', '7个工作日', '15个工作日', '20个工作日'], answer: [1] },
  { id: 'q-supplement-restart', roles: [H], kind: 'single', topic: 'request-deadlines', text: '申请人补正后，答复期限如何计算？', options: ['接着原来的期限继续计算', '自收到补正后的申请之日起重新计算', '延长 7 个工作日', '不再有期限'], answer: [1] },
  { id: 'q-extension', roles: [H, A], kind: 'single', topic: 'request-deadlines', text: '答复期限延长最长不得超过多少个工作日，需经谁同意？', options: ['10个工作日，承办人自定', '20个工作日，经政府信息公开工作机构负责人同意', '30个工作日，经申请人同意', '不限，经单位领导同意'], answer: [1] },
  { id: 'q-consult', roles: [H], kind: 'multiple', topic: 'request-deadlines', text: '关于征求第三方意见，下列说法正确的是？（多选）', options: ['应当书面征求意见', '第三方应在收到征求意见书之日起 15 个工作日内提出意见', '征求意见所需时间不计入答复期限', '第三方不回复就一律不予公开'], answer: [0, 1, 2] },
  { id: 'q-fee', roles: [H], kind: 'single', topic: 'request-deadlines', text: '按件计收信息处理费时，同一申请人一个自然月内多少件以下（含）不收费？', options: ['5件', '10件', '20件', '30件'], answer: [1] },
  { id: 'q-receipt-online', roles: [H], kind: 'single', topic: 'requests', text: '通过互联网提交的申请，以哪一天为收到申请之日？', options: ['申请人提交之日', '双方确认之日', '承办人下班之日', '次月第一天'], answer: [1] },
  { id: 'q-petition', roles: [H], kind: 'single', topic: 'requests', text: '以政府信息公开申请形式提出的信访、投诉、举报，应当如何处理？', options: ['按政府信息公开申请办理', '不作为政府信息公开申请处理', '一律不予公开', '收取信息处理费'], answer: [1] },
  { id: 'q-g1', roles: [A], kind: 'single', topic: 'annual-report', text: '年度报告表三的勾稽关系 G1 是？', options: ['一 + 二 = 三（七）总计 + 四', '一 = 二 + 三', '总计 = 自然人', '二 = 四'], answer: [0] },
  { id: 'q-partial', roles: [A], kind: 'single', topic: 'annual-report', text: '一件申请部分公开、部分不予公开，年度报告中如何统计？', options: ['同时计入「予以公开」和「不予公开」', '只计入「部分公开」', '不计入', '计入「其他」'], answer: [1] },
  { id: 'q-report-deadline', roles: [A], kind: 'single', topic: 'annual-report', text: '县级以上人民政府部门应当在每年什么时间前提交并公布上一年度年度报告？', options: ['1月31日', '3月31日', '6月30日', '12月31日'], answer: [0] },
  { id: 'q-handover', roles: [A], kind: 'single', topic: 'posts-handover', text: '人员调离时，正确的做法是？', options: ['直接停用账号', '办理交接：移交未完成工作，管理员审批后停用账号', '把密码告诉接手人', '保留账号继续使用'], answer: [1] },
  { id: 'q-ab', roles: [A], kind: 'single', topic: 'posts-handover', text: 'A 岗请假期间，其负责的公开事项由谁办理？', options: ['暂停办理', 'B 岗', '申请人', '任意同事'], answer: [1] },
];

/** The questions of a role's course. */
export function questionsFor(role: CourseRole): Question[] {
  return questionBank.filter((q) => q.roles.includes(role));
}
