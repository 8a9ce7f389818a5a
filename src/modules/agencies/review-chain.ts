/** The 三审三校 review chain: default steps and validation of an agency's own chain. */
import { AppError } from '../../lib/errors.ts';
import type { ReviewStep } from '../../db/schema/index.ts';

/** Proofreading points every step ticks (三校: 文字、数据、格式; plus 政治把关 and 时效). */
export const proofreadingChecklist = ['文字', '数据', '格式', '政治把关', '时效'];

/** Points of the 隐私信息专项审查 step (DOMAIN.md §4). */
export const privacyChecklist = ['身份证号', '联系电话', '家庭住址', '银行账户', '其他个人信息'];

/** Default chain: 初审 → 隐私信息专项审查 → 复审 → 终审. */
export function defaultReviewChain(): ReviewStep[] {
  return [
    { key: 'first', name: '科室负责人初审', checklist: [...proofreadingChecklist] },
    { key: 'privacy', name: '隐私信息专项审查', checklist: [...privacyChecklist], privacy: true },
    { key: 'second', name: '分管领导复审', checklist: [...proofreadingChecklist] },
    { key: 'final', name: '主要领导终审', checklist: [...proofreadingChecklist] },
  ];
}

/** Throws a VALIDATION error unless the chain is usable: 1–8 steps, unique keys, one privacy step. */
export function checkReviewChain(chain: ReviewStep[]): void {
  const fail = (message: string) => new AppError('VALIDATION', { message, details: { fields: { reviewChain: message } } });
  if (chain.length < 1 || chain.length > 8) throw fail('审核流程须包含 1–8 个步骤');
  const keys = new Set(chain.map((s) => s.key));
  if (keys.size !== chain.length) throw fail('审核步骤的标识不能重复');
  if (chain.filter((s) => s.privacy).length !== 1) throw fail('审核流程须包含且仅包含一个隐私信息专项审查步骤');
}
