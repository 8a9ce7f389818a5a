/**
 * Every role × every state × every action, with the expected outcome written out by hand (not
 * derived from the policy code). Symbols: Y allowed · F 403 · S 409 not in this state · N 404.
 * The request is assigned to `assigned` (handler) and `backup`.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../accounts/index.ts';
import { requestActions, requestStates, type RequestAction, type RequestState } from './model.ts';
import { allowedActions, canRegisterIn, canSeeApplicant, decide } from './requests.policy.ts';

const agencyId = 'a0000000-0000-4000-8000-000000000001';
const otherAgencyId = 'a0000000-0000-4000-8000-000000000002';

function actor(userId: string, roles: Actor['memberships'][number]['roles'], globalRole: Actor['globalRole'] = null, agency = agencyId): Actor {
  return { userId, username: userId, displayName: userId, globalRole, memberships: roles.length ? [{ agencyId: agency, roles, steps: [] }] : [], mustChangePassword: false };
}

const roles = {
  assigned: actor('u-assigned', ['handler']),
  backup: actor('u-backup', ['handler']),
  otherHandler: actor('u-other-handler', ['handler']),
  admin: actor('u-admin', ['admin']),
  approver: actor('u-approver', ['approver']),
  drafter: actor('u-drafter', ['drafter', 'reviewer']),
  auditor: actor('u-auditor', ['auditor']),
  supervisor: actor('u-supervisor', [], 'supervisor'),
  sysadmin: actor('u-sysadmin', [], 'sysadmin'),
  outsider: actor('u-outsider', ['admin', 'handler'], null, otherAgencyId),
} as const;
type RoleName = keyof typeof roles;

/** Role outcome on an action that applies in the state (assigned request). */
const roleOutcome: Record<RoleName, 'Y' | 'F' | 'N'> = {
  assigned: 'Y',
  backup: 'Y',
  otherHandler: 'F',
  admin: 'Y',
  approver: 'F',
  drafter: 'F',
  auditor: 'F',
  supervisor: 'F',
  sysadmin: 'Y',
  outsider: 'N',
};

/** Role outcome on 审批 (approve, returnForRevision): approvers and admins who are not the handler. */
const approvalOutcome: Record<RoleName, 'Y' | 'F' | 'N'> = {
  assigned: 'F',
  backup: 'F',
  otherHandler: 'F',
  admin: 'Y',
  approver: 'Y',
  drafter: 'F',
  auditor: 'F',
  supervisor: 'F',
  sysadmin: 'F',
  outsider: 'N',
};

/** Where each action applies, written out by hand. Columns follow `requestStates`. */
//                                   reg  rev  corr hand appr repl deli arch wdr  deem
const applies: Record<RequestAction, string> = {
  accept:            /* */ '       Y    Y    .    .    .    .    .    .    .    .',
  askCorrection:     /* */ '       Y    .    .    .    .    .    .    .    .    .',
  receiveCorrection: /* */ '       .    .    Y    .    .    .    .    .    .    .',
  extend:            /* */ '       .    .    .    Y    Y    .    .    .    .    .',
  startConsultation: /* */ '       .    .    .    Y    .    .    .    .    .    .',
  endConsultation:   /* */ '       .    .    .    Y    .    .    .    .    .    .',
  feeNotice:         /* */ '       .    .    .    Y    .    .    .    .    .    .',
  feePaid:           /* */ '       .    .    .    Y    .    .    .    .    .    .',
  reply:             /* */ '       Y    Y    .    Y    .    .    .    .    .    .',
  submitForApproval: /* */ '       .    .    .    Y    .    .    .    .    .    .',
  approve:           /* */ '       .    .    .    .    Y    .    .    .    .    .',
  returnForRevision: /* */ '       .    .    .    .    Y    .    .    .    .    .',
  deliver:           /* */ '       .    .    .    .    .    Y    .    .    .    .',
  archive:           /* */ '       .    .    .    .    .    .    Y    .    Y    Y',
  withdraw:          /* */ '       Y    Y    Y    Y    Y    .    .    .    .    .',
  deemWithdrawn:     /* */ '       .    .    Y    .    .    .    .    .    .    .',
};

function expected(role: RoleName, action: RequestAction, stateIndex: number): string {
  if (roleOutcome[role] === 'N') return 'N';
  const cell = applies[action].trim().split(/\s+/)[stateIndex];
  if (cell !== 'Y') return 'S';
  return action === 'approve' || action === 'returnForRevision' ? approvalOutcome[role] : roleOutcome[role];
}

function actual(role: RoleName, action: RequestAction, state: RequestState, handlerId: string | null = 'u-assigned'): string {
  const d = decide(roles[role], action, { agencyId, state, handlerId, backupHandlerId: handlerId ? 'u-backup' : null });
  if (d.ok) return 'Y';
  return { NOT_FOUND: 'N', INVALID_STATE: 'S', FORBIDDEN: 'F', RULE: 'R' }[d.refusal];
}

describe('requests policy: role × state × action', () => {
  for (const role of Object.keys(roles) as RoleName[]) {
    it(role, () => {
      const got: string[] = [];
      const want: string[] = [];
      for (const action of requestActions) {
        requestStates.forEach((state, i) => {
          got.push(`${action}@${state}=${actual(role, action, state)}`);
          want.push(`${action}@${state}=${expected(role, action, i)}`);
        });
      }
      expect(got).toEqual(want);
    });
  }

  it('an unassigned request may be taken up by any handler of the agency', () => {
    expect(actual('otherHandler', 'accept', 'registered', null)).toBe('Y');
    expect(actual('drafter', 'accept', 'registered', null)).toBe('F');
  });

  it('reading: members, supervisors and sysadmins; others 404', () => {
    for (const role of Object.keys(roles) as RoleName[]) {
      const d = decide(roles[role], 'read', { agencyId, state: 'handling', handlerId: null, backupHandlerId: null });
      expect(d.ok, role).toBe(role !== 'outsider');
    }
  });

  it('personal data: only handler or admin members of the agency (not sysadmin, supervisor, auditor, drafter)', () => {
    const sees = (Object.keys(roles) as RoleName[]).filter((r) => canSeeApplicant(roles[r], agencyId));
    expect(sees).toEqual(['assigned', 'backup', 'otherHandler', 'admin', 'approver']);
  });

  it('registering: handlers and admins (sysadmin counts as admin)', () => {
    const may = (Object.keys(roles) as RoleName[]).filter((r) => canRegisterIn(roles[r], agencyId));
    expect(may).toEqual(['assigned', 'backup', 'otherHandler', 'admin', 'sysadmin']);
  });

  it('no self-approval: the submitter of the 审批 may not approve, even as approver or admin', () => {
    const r = { agencyId, state: 'approving' as const, handlerId: 'u-assigned', backupHandlerId: 'u-backup', approvalRequestedBy: 'u-admin' };
    const d = decide(roles.admin, 'approve', r);
    expect(d.ok).toBe(false);
    expect(!d.ok && d.reason).toBe('SELF_APPROVAL');
    expect(decide(roles.approver, 'approve', r).ok).toBe(true);
    const handlerApprover = actor('u-assigned', ['handler', 'approver']);
    expect(decide(handlerApprover, 'returnForRevision', { ...r, approvalRequestedBy: 'u-backup' }).ok).toBe(false);
  });

  it('an agency that requires 审批 refuses a direct reply (422) and offers submit-for-approval instead', () => {
    const r = { agencyId, state: 'handling' as const, handlerId: 'u-assigned', backupHandlerId: null, approvalRequired: true };
    expect(actual2(decide(roles.assigned, 'reply', r))).toBe('R:APPROVAL_REQUIRED');
    expect(allowedActions(roles.assigned, r)).toContain('submitForApproval');
    expect(allowedActions(roles.assigned, r)).not.toContain('reply');
    expect(actual2(decide(roles.assigned, 'reply', { ...r, approvalRequired: false }))).toBe('Y');
    // State and role come first (409, 403), the agency rule last.
    expect(actual2(decide(roles.drafter, 'reply', r))).toBe('F');
  });

  it('allowedActions lists the buttons', () => {
    expect(allowedActions(roles.assigned, { agencyId, state: 'registered', handlerId: 'u-assigned', backupHandlerId: null })).toEqual(['accept', 'askCorrection', 'reply', 'withdraw']);
    expect(allowedActions(roles.auditor, { agencyId, state: 'registered', handlerId: 'u-assigned', backupHandlerId: null })).toEqual([]);
  });
});

function actual2(d: ReturnType<typeof decide>): string {
  if (d.ok) return 'Y';
  return d.refusal === 'RULE' ? `R:${d.reason}` : { NOT_FOUND: 'N', INVALID_STATE: 'S', FORBIDDEN: 'F' }[d.refusal];
}
