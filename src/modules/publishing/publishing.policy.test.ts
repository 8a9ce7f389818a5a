/**
 * Every role × every state × every action, with the expected outcome written out by hand
 * (not derived from the policy code). Symbols:
 *   Y allowed · F 403 forbidden · X 422 REVIEW_SELF_APPROVAL · S 409 not in this state · N 404 invisible
 * Columns: read update addAttachment removeAttachment submit approve return withdraw startCorrection
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../accounts/index.ts';
import { allowedActions, decide, type PolicyDocument } from './publishing.policy.ts';
import { documentActions, type DocumentAction, type DocumentStatus } from './workflow.ts';

const agencyId = 'a0000000-0000-4000-8000-000000000001';
const otherAgencyId = 'a0000000-0000-4000-8000-000000000002';
const ownerId = 'u0000000-0000-4000-8000-000000000001';
const chain = [
  { key: 'first', name: '科室负责人初审', checklist: [] },
  { key: 'privacy', name: '隐私信息专项审查', checklist: [], privacy: true },
  { key: 'second', name: '分管领导复审', checklist: [] },
  { key: 'final', name: '主要领导终审', checklist: [] },
];
const allSteps = chain.map((s) => s.key);

type StateName =
  | 'draft'
  | 'returned'
  | 'inReviewFirst'
  | 'inReviewFinal'
  | 'scheduled'
  | 'published'
  | 'correctionDraft'
  | 'correctionInReview'
  | 'withdrawn'
  | 'approved';

const states: Record<StateName, { status: DocumentStatus; currentStep: number; chain: typeof chain | null; liveVersion: number | null }> = {
  draft: { status: 'draft', currentStep: 0, chain: null, liveVersion: null },
  returned: { status: 'returned', currentStep: 1, chain, liveVersion: null },
  inReviewFirst: { status: 'in_review', currentStep: 0, chain, liveVersion: null },
  inReviewFinal: { status: 'in_review', currentStep: 3, chain, liveVersion: null },
  scheduled: { status: 'scheduled', currentStep: 3, chain, liveVersion: null },
  published: { status: 'published', currentStep: 3, chain, liveVersion: 1 },
  correctionDraft: { status: 'draft', currentStep: 0, chain, liveVersion: 1 },
  correctionInReview: { status: 'in_review', currentStep: 0, chain, liveVersion: 1 },
  withdrawn: { status: 'withdrawn', currentStep: 3, chain, liveVersion: 1 },
  approved: { status: 'approved', currentStep: 3, chain, liveVersion: null },
};

type RoleName =
  | 'drafterOwner'
  | 'drafterOwnerAlsoReviewer'
  | 'otherDrafter'
  | 'reviewerOfCurrentStep'
  | 'reviewerOfAnotherStep'
  | 'reviewerOfFinalStep'
  | 'agencyAdmin'
  | 'auditor'
  | 'supervisor'
  | 'sysadmin'
  | 'memberOfAnotherAgency';

function actor(userId: string, memberships: Actor['memberships'], globalRole: Actor['globalRole'] = null): Actor {
  return { userId, username: userId, displayName: userId, globalRole, memberships, mustChangePassword: false };
}

/** The step key a "reviewer of another step" holds: neither the current nor the final one. */
function anotherStep(state: StateName): string {
  const current = states[state].currentStep;
  return chain.find((s, i) => i !== current && s.key !== 'final')!.key;
}

function roleActor(role: RoleName, state: StateName): Actor {
  const current = chain[states[state].currentStep]!.key;
  switch (role) {
    case 'drafterOwner':
      return actor(ownerId, [{ agencyId, roles: ['drafter'], steps: [] }]);
    case 'drafterOwnerAlsoReviewer':
      return actor(ownerId, [{ agencyId, roles: ['drafter', 'reviewer'], steps: allSteps }]);
    case 'otherDrafter':
      return actor('u-other-drafter', [{ agencyId, roles: ['drafter'], steps: [] }]);
    case 'reviewerOfCurrentStep':
      return actor('u-reviewer-current', [{ agencyId, roles: ['reviewer'], steps: [current] }]);
    case 'reviewerOfAnotherStep':
      return actor('u-reviewer-other', [{ agencyId, roles: ['reviewer'], steps: [anotherStep(state)] }]);
    case 'reviewerOfFinalStep':
      return actor('u-reviewer-final', [{ agencyId, roles: ['reviewer'], steps: ['final'] }]);
    case 'agencyAdmin':
      return actor('u-admin', [{ agencyId, roles: ['admin'], steps: [] }]);
    case 'auditor':
      return actor('u-auditor', [{ agencyId, roles: ['auditor'], steps: [] }]);
    case 'supervisor':
      return actor('u-supervisor', [], 'supervisor');
    case 'sysadmin':
      return actor('u-sysadmin', [], 'sysadmin');
    case 'memberOfAnotherAgency':
      return actor('u-outsider', [{ agencyId: otherAgencyId, roles: ['admin', 'drafter', 'reviewer', 'auditor'], steps: allSteps }]);
  }
}

//                          read upd add rem sub apr ret wdr cor
const expected: Record<RoleName, Record<StateName, string>> = {
  drafterOwner: {
    draft:              'Y Y Y Y Y S S S S',
    returned:           'Y Y Y Y Y S S S S',
    inReviewFirst:      'Y S S S S X X S S',
    inReviewFinal:      'Y S S S S X X S S',
    scheduled:          'Y S S S S S X S S',
    published:          'Y S S S S S S F F',
    correctionDraft:    'Y Y Y Y Y S S F S',
    correctionInReview: 'Y S S S S X X F S',
    withdrawn:          'Y S S S S S S S S',
    approved:           'Y S S S S S S S S',
  },
  drafterOwnerAlsoReviewer: {
    draft:              'Y Y Y Y Y S S S S',
    returned:           'Y Y Y Y Y S S S S',
    inReviewFirst:      'Y S S S S X X S S',
    inReviewFinal:      'Y S S S S X X S S',
    scheduled:          'Y S S S S S X S S',
    published:          'Y S S S S S S Y Y',
    correctionDraft:    'Y Y Y Y Y S S Y S',
    correctionInReview: 'Y S S S S X X Y S',
    withdrawn:          'Y S S S S S S S S',
    approved:           'Y S S S S S S S S',
  },
  otherDrafter: {
    draft:              'Y F F F F S S S S',
    returned:           'Y F F F F S S S S',
    inReviewFirst:      'Y S S S S F F S S',
    inReviewFinal:      'Y S S S S F F S S',
    scheduled:          'Y S S S S S F S S',
    published:          'Y S S S S S S F F',
    correctionDraft:    'Y F F F F S S F S',
    correctionInReview: 'Y S S S S F F F S',
    withdrawn:          'Y S S S S S S S S',
    approved:           'Y S S S S S S S S',
  },
  reviewerOfCurrentStep: {
    draft:              'Y F F F F S S S S',
    returned:           'Y F F F F S S S S',
    inReviewFirst:      'Y S S S S Y Y S S',
    inReviewFinal:      'Y S S S S Y Y S S',
    scheduled:          'Y S S S S S Y S S',
    published:          'Y S S S S S S Y Y',
    correctionDraft:    'Y F F F F S S F S',
    correctionInReview: 'Y S S S S Y Y F S',
    withdrawn:          'Y S S S S S S S S',
    approved:           'Y S S S S S S S S',
  },
  reviewerOfAnotherStep: {
    draft:              'Y F F F F S S S S',
    returned:           'Y F F F F S S S S',
    inReviewFirst:      'Y S S S S F F S S',
    inReviewFinal:      'Y S S S S F F S S',
    scheduled:          'Y S S S S S F S S',
    published:          'Y S S S S S S F F',
    correctionDraft:    'Y F F F F S S F S',
    correctionInReview: 'Y S S S S F F F S',
    withdrawn:          'Y S S S S S S S S',
    approved:           'Y S S S S S S S S',
  },
  reviewerOfFinalStep: {
    draft:              'Y F F F F S S S S',
    returned:           'Y F F F F S S S S',
    inReviewFirst:      'Y S S S S F F S S',
    inReviewFinal:      'Y S S S S Y Y S S',
    scheduled:          'Y S S S S S Y S S',
    published:          'Y S S S S S S Y Y',
    correctionDraft:    'Y F F F F S S Y S',
    correctionInReview: 'Y S S S S F F Y S',
    withdrawn:          'Y S S S S S S S S',
    approved:           'Y S S S S S S S S',
  },
  agencyAdmin: {
    draft:              'Y F F F F S S S S',
    returned:           'Y F F F F S S S S',
    inReviewFirst:      'Y S S S S F F S S',
    inReviewFinal:      'Y S S S S F F S S',
    scheduled:          'Y S S S S S F S S',
    published:          'Y S S S S S S Y Y',
    correctionDraft:    'Y F F F F S S Y S',
    correctionInReview: 'Y S S S S F F Y S',
    withdrawn:          'Y S S S S S S S S',
    approved:           'Y S S S S S S S S',
  },
  auditor: {
    draft:              'Y F F F F S S S S',
    returned:           'Y F F F F S S S S',
    inReviewFirst:      'Y S S S S F F S S',
    inReviewFinal:      'Y S S S S F F S S',
    scheduled:          'Y S S S S S F S S',
    published:          'Y S S S S S S F F',
    correctionDraft:    'Y F F F F S S F S',
    correctionInReview: 'Y S S S S F F F S',
    withdrawn:          'Y S S S S S S S S',
    approved:           'Y S S S S S S S S',
  },
  supervisor: {
    draft:              'Y F F F F S S S S',
    returned:           'Y F F F F S S S S',
    inReviewFirst:      'Y S S S S F F S S',
    inReviewFinal:      'Y S S S S F F S S',
    scheduled:          'Y S S S S S F S S',
    published:          'Y S S S S S S F F',
    correctionDraft:    'Y F F F F S S F S',
    correctionInReview: 'Y S S S S F F F S',
    withdrawn:          'Y S S S S S S S S',
    approved:           'Y S S S S S S S S',
  },
  sysadmin: {
    draft:              'Y F F F F S S S S',
    returned:           'Y F F F F S S S S',
    inReviewFirst:      'Y S S S S F F S S',
    inReviewFinal:      'Y S S S S F F S S',
    scheduled:          'Y S S S S S F S S',
    published:          'Y S S S S S S Y Y',
    correctionDraft:    'Y F F F F S S Y S',
    correctionInReview: 'Y S S S S F F Y S',
    withdrawn:          'Y S S S S S S S S',
    approved:           'Y S S S S S S S S',
  },
  memberOfAnotherAgency: {
    draft:              'N N N N N N N N N',
    returned:           'N N N N N N N N N',
    inReviewFirst:      'N N N N N N N N N',
    inReviewFinal:      'N N N N N N N N N',
    scheduled:          'N N N N N N N N N',
    published:          'N N N N N N N N N',
    correctionDraft:    'N N N N N N N N N',
    correctionInReview: 'N N N N N N N N N',
    withdrawn:          'N N N N N N N N N',
    approved:           'N N N N N N N N N',
  },
};

const symbolOf = { NOT_FOUND: 'N', INVALID_STATE: 'S', SELF_APPROVAL: 'X', FORBIDDEN: 'F' } as const;

function doc(state: StateName): PolicyDocument {
  return { agencyId, createdBy: ownerId, ...states[state] };
}

describe('publishing policy: role × state × action', () => {
  const cases: Array<[RoleName, StateName, DocumentAction, string]> = [];
  for (const [role, byState] of Object.entries(expected) as Array<[RoleName, Record<StateName, string>]>) {
    for (const [state, row] of Object.entries(byState) as Array<[StateName, string]>) {
      const symbols = row.split(' ');
      documentActions.forEach((action, i) => cases.push([role, state, action, symbols[i]!]));
    }
  }

  it('covers every role, state and action', () => {
    expect(Object.keys(expected)).toHaveLength(11);
    for (const byState of Object.values(expected)) expect(Object.keys(byState).sort()).toEqual(Object.keys(states).sort());
    expect(cases).toHaveLength(11 * 10 * documentActions.length);
  });

  it.each(cases)('%s / %s / %s → %s', (role, state, action, want) => {
    const d = decide(roleActor(role, state), action, doc(state));
    expect(d.ok ? 'Y' : symbolOf[d.refusal]).toBe(want);
  });

  it('offers the UI exactly the allowed actions', () => {
    for (const [role, byState] of Object.entries(expected) as Array<[RoleName, Record<StateName, string>]>) {
      for (const [state, row] of Object.entries(byState) as Array<[StateName, string]>) {
        const want = documentActions.filter((a, i) => a !== 'read' && row.split(' ')[i] === 'Y');
        expect(allowedActions(roleActor(role, state), doc(state)), `${role} / ${state}`).toEqual(want);
      }
    }
  });
});
