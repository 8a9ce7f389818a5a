/**
 * The 三审三校 workflow as pure transitions: no I/O, `now` passed in. The service applies a
 * transition with a guarded UPDATE (status, current step and lockVersion it read) so that two
 * people acting on the same state cannot both win.
 *
 *   draft ─submit→ in_review(0) ─approve→ in_review(1) … ─approve(final)→ published | scheduled | approved
 *   in_review / scheduled ─return→ returned ─submit→ in_review(0)
 *   scheduled ─(job, due)→ published
 *   published ─startCorrection→ draft (live version stays public) … ─approve(final)→ published (version N+1)
 *   published, or any correction state ─withdraw→ withdrawn
 *
 * `approved` is the end of review for items that are not 主动公开: they are recorded (for the
 * catalog) but never published on the portal.
 */

/** Workflow states of a document's working copy. */
export const documentStatuses = ['draft', 'returned', 'in_review', 'scheduled', 'published', 'withdrawn', 'approved'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

/** Chinese names of the states, for messages and the UI. */
export const statusNames: Record<DocumentStatus, string> = {
  draft: '草稿',
  returned: '已退回',
  in_review: '审核中',
  scheduled: '待定时发布',
  published: '已发布',
  withdrawn: '已撤回',
  approved: '审核完成（不主动公开）',
};

/** Everything a person can do to a document (besides creating it). */
export const documentActions = [
  'read',
  'update',
  'addAttachment',
  'removeAttachment',
  'submit',
  'approve',
  'return',
  'withdraw',
  'startCorrection',
] as const;
export type DocumentAction = (typeof documentActions)[number];

/** Chinese names of the actions. */
export const actionNames: Record<DocumentAction, string> = {
  read: '查看',
  update: '修改',
  addAttachment: '上传附件',
  removeAttachment: '删除附件',
  submit: '提交审核',
  approve: '审核通过',
  return: '退回',
  withdraw: '撤回',
  startCorrection: '更正',
};

/** The part of a document the workflow looks at. */
export interface WorkflowState {
  status: DocumentStatus;
  /** Index of the step awaiting a decision (meaningful in in_review / scheduled). */
  currentStep: number;
  /** Number of steps of the (frozen) chain. */
  stepCount: number;
  /** Submission round. */
  round: number;
  /** true when a published version is live (first publication done and not withdrawn). */
  hasLive: boolean;
  /** true when 公开属性 is 主动公开. */
  proactive: boolean;
}

export type WorkflowEvent =
  | { type: 'submit' }
  | { type: 'approve'; scheduledAt: Date | null; now: Date }
  | { type: 'return' }
  | { type: 'withdraw' }
  | { type: 'startCorrection' }
  /** The scheduler found the item due. */
  | { type: 'publishDue'; scheduledAt: Date | null; now: Date };

/** The state after a transition and what the service must do besides updating the row. */
export interface NextState {
  status: DocumentStatus;
  currentStep: number;
  round: number;
  /** Publication time to store (scheduled) or null. */
  scheduledAt: Date | null;
  /** publish: write a new version now; none: only the row changes. */
  effect: 'publish' | 'none';
}

export type TransitionResult =
  | { ok: true; next: NextState }
  | { ok: false; reason: 'INVALID_STATE' | 'SCHEDULE_IN_PAST' | 'SCHEDULE_NOT_FINAL' | 'NOT_PROACTIVE' | 'NOT_DUE'; message: string };

/** true when `action` applies to a document in `state` at all (who may do it is the policy's business). */
export function isActionApplicable(action: DocumentAction, state: Pick<WorkflowState, 'status' | 'hasLive'>): boolean {
  switch (action) {
    case 'read':
      return true;
    case 'update':
    case 'addAttachment':
    case 'removeAttachment':
    case 'submit':
      return state.status === 'draft' || state.status === 'returned';
    case 'approve':
      return state.status === 'in_review';
    case 'return':
      return state.status === 'in_review' || state.status === 'scheduled';
    case 'withdraw':
      return state.hasLive && state.status !== 'withdrawn';
    case 'startCorrection':
      return state.status === 'published';
  }
}

const eventAction: Record<WorkflowEvent['type'], DocumentAction | null> = {
  submit: 'submit',
  approve: 'approve',
  return: 'return',
  withdraw: 'withdraw',
  startCorrection: 'startCorrection',
  publishDue: null,
};

function refuse(state: WorkflowState, action: string): TransitionResult {
  return { ok: false, reason: 'INVALID_STATE', message: `稿件当前为「${statusNames[state.status]}」状态，不能${action}` };
}

/** Applies `event` to `state`: the next state, or why the event does not apply. */
export function transition(state: WorkflowState, event: WorkflowEvent): TransitionResult {
  const action = eventAction[event.type];
  if (action && !isActionApplicable(action, state)) return refuse(state, actionNames[action]);
  const same = { currentStep: state.currentStep, round: state.round, scheduledAt: null, effect: 'none' as const };
  switch (event.type) {
    case 'submit':
      return { ok: true, next: { ...same, status: 'in_review', currentStep: 0, round: state.round + 1 } };
    case 'approve': {
      const last = state.currentStep >= state.stepCount - 1;
      if (!last) {
        if (event.scheduledAt) return { ok: false, reason: 'SCHEDULE_NOT_FINAL', message: '只有最后一个审核步骤可以设定定时发布' };
        return { ok: true, next: { ...same, status: 'in_review', currentStep: state.currentStep + 1 } };
      }
      if (!state.proactive) {
        if (event.scheduledAt) return { ok: false, reason: 'NOT_PROACTIVE', message: '非主动公开的信息不能定时发布' };
        return { ok: true, next: { ...same, status: 'approved' } };
      }
      if (event.scheduledAt) {
        if (event.scheduledAt.getTime() <= event.now.getTime()) {
          return { ok: false, reason: 'SCHEDULE_IN_PAST', message: '定时发布时间须晚于当前时间' };
        }
        return { ok: true, next: { ...same, status: 'scheduled', scheduledAt: event.scheduledAt } };
      }
      return { ok: true, next: { ...same, status: 'published', effect: 'publish' } };
    }
    case 'return':
      return { ok: true, next: { ...same, status: 'returned' } };
    case 'withdraw':
      return { ok: true, next: { ...same, status: 'withdrawn' } };
    case 'startCorrection':
      return { ok: true, next: { ...same, status: 'draft', currentStep: 0 } };
    case 'publishDue':
      if (state.status !== 'scheduled') return refuse(state, '定时发布');
      if (!event.scheduledAt || event.scheduledAt.getTime() > event.now.getTime()) {
        return { ok: false, reason: 'NOT_DUE', message: '尚未到定时发布时间' };
      }
      return { ok: true, next: { ...same, status: 'published', effect: 'publish' } };
  }
}
