/**
 * AB岗 rules, pure: who holds a duty on a given day (A, or B while A is on leave or gone) and
 * what is wrong with a duty's staffing. No I/O; dates are China calendar dates YYYY-MM-DD.
 */

/** The duties that have an A and a B holder. */
export const dutyKinds = ['catalogItem', 'requests', 'site', 'annualReport', 'feedback'] as const;
export type DutyKind = (typeof dutyKinds)[number];
export const dutyKindNames: Record<DutyKind, string> = {
  catalogItem: '公开目录事项',
  requests: '依申请公开办理',
  site: '网站（专栏）维护',
  annualReport: '政府信息公开年度报告',
  feedback: '公众留言办理',
};
/** Duties every agency has besides its catalog items. */
export const fixedDutyKinds: DutyKind[] = ['requests', 'site', 'annualReport', 'feedback'];

export interface DutyHolders {
  holderA: string | null;
  holderB: string | null;
}

export interface LeavePeriod {
  userId: string;
  /** First day away (inclusive). */
  startsOn: string;
  /** Last day away (inclusive). */
  endsOn: string;
}

/** true when `userId` is away on `date`. */
export function isOnLeave(userId: string, date: string, leaves: readonly LeavePeriod[]): boolean {
  return leaves.some((l) => l.userId === userId && l.startsOn <= date && date <= l.endsOn);
}

export interface CurrentHolder {
  userId: string | null;
  post: 'A' | 'B' | null;
  /** Why, in Chinese (shown next to the name). */
  reason: string;
}

/**
 * Who does the duty on `date`: A unless A is missing, disabled or on leave; then B unless B is
 * missing, disabled or on leave; else nobody (the duty is flagged).
 */
export function currentHolder(duty: DutyHolders, date: string, leaves: readonly LeavePeriod[], disabled: ReadonlySet<string> = new Set()): CurrentHolder {
  const absent = (u: string | null): string | null => {
    if (!u) return '未设置';
    if (disabled.has(u)) return '账号已停用';
    if (isOnLeave(u, date, leaves)) return '请假中';
    return null;
  };
  const a = absent(duty.holderA);
  if (!a) return { userId: duty.holderA, post: 'A', reason: 'A岗在岗' };
  const b = absent(duty.holderB);
  if (!b) return { userId: duty.holderB, post: 'B', reason: `A岗${a}，由B岗顶岗` };
  return { userId: null, post: null, reason: `A岗${a}，B岗${b}，无人在岗` };
}

/** What is wrong with a duty's staffing (empty when A and B are two different people). */
export function dutyProblems(duty: DutyHolders, disabled: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  if (!duty.holderA) out.push('未设置A岗');
  if (!duty.holderB) out.push('未设置B岗');
  if (duty.holderA && duty.holderA === duty.holderB) out.push('A岗与B岗为同一人');
  if (duty.holderA && disabled.has(duty.holderA)) out.push('A岗账号已停用');
  if (duty.holderB && disabled.has(duty.holderB)) out.push('B岗账号已停用');
  return out;
}
