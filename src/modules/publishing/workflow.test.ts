import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { documentStatuses, isActionApplicable, transition, type WorkflowEvent, type WorkflowState } from './workflow.ts';

const now = new Date('2025-06-01T02:00:00Z');
const later = new Date('2025-06-02T02:00:00Z');
const earlier = new Date('2025-05-31T02:00:00Z');

const base: WorkflowState = { status: 'draft', currentStep: 0, stepCount: 4, round: 0, hasLive: false, proactive: true };
const s = (o: Partial<WorkflowState>): WorkflowState => ({ ...base, ...o });

describe('transition: the happy paths', () => {
  it.each<[string, WorkflowState, WorkflowEvent, Partial<ReturnType<typeof okNext>>]>([
    ['submit a draft', s({}), { type: 'submit' }, { status: 'in_review', currentStep: 0, round: 1, effect: 'none' }],
    ['resubmit a returned draft', s({ status: 'returned', currentStep: 2, round: 1 }), { type: 'submit' }, { status: 'in_review', currentStep: 0, round: 2 }],
    ['approve step 1 of 4', s({ status: 'in_review', currentStep: 0, round: 1 }), { type: 'approve', scheduledAt: null, now }, { status: 'in_review', currentStep: 1, round: 1 }],
    ['approve step 3 of 4', s({ status: 'in_review', currentStep: 2 }), { type: 'approve', scheduledAt: null, now }, { status: 'in_review', currentStep: 3 }],
    ['approve the final step: publish now', s({ status: 'in_review', currentStep: 3 }), { type: 'approve', scheduledAt: null, now }, { status: 'published', currentStep: 3, effect: 'publish', scheduledAt: null }],
    ['approve the final step with a time: scheduled', s({ status: 'in_review', currentStep: 3 }), { type: 'approve', scheduledAt: later, now }, { status: 'scheduled', scheduledAt: later, effect: 'none' }],
    ['approve the final step of a 依申请公开 item: approved, not published', s({ status: 'in_review', currentStep: 3, proactive: false }), { type: 'approve', scheduledAt: null, now }, { status: 'approved', effect: 'none' }],
    ['a one-step chain publishes at its first approval', s({ status: 'in_review', currentStep: 0, stepCount: 1 }), { type: 'approve', scheduledAt: null, now }, { status: 'published', effect: 'publish' }],
    ['return from review', s({ status: 'in_review', currentStep: 2 }), { type: 'return' }, { status: 'returned', currentStep: 2 }],
    ['return a scheduled item before it goes out', s({ status: 'scheduled', currentStep: 3 }), { type: 'return' }, { status: 'returned', scheduledAt: null }],
    ['withdraw a published item', s({ status: 'published', currentStep: 3, hasLive: true }), { type: 'withdraw' }, { status: 'withdrawn' }],
    ['withdraw during a correction', s({ status: 'in_review', currentStep: 1, hasLive: true }), { type: 'withdraw' }, { status: 'withdrawn' }],
    ['start a correction', s({ status: 'published', currentStep: 3, hasLive: true, round: 1 }), { type: 'startCorrection' }, { status: 'draft', currentStep: 0, round: 1 }],
    ['submit a correction', s({ status: 'draft', hasLive: true, round: 1 }), { type: 'submit' }, { status: 'in_review', round: 2 }],
    ['the scheduler publishes a due item', s({ status: 'scheduled', currentStep: 3 }), { type: 'publishDue', scheduledAt: earlier, now }, { status: 'published', effect: 'publish' }],
  ])('%s', (_name, state, event, want) => {
    expect(okNext(state, event)).toMatchObject(want);
  });
});

function okNext(state: WorkflowState, event: WorkflowEvent) {
  const r = transition(state, event);
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r.next;
}

describe('transition: refusals', () => {
  it.each<[string, WorkflowState, WorkflowEvent, string]>([
    ['approve a draft', s({}), { type: 'approve', scheduledAt: null, now }, 'INVALID_STATE'],
    ['submit while in review', s({ status: 'in_review' }), { type: 'submit' }, 'INVALID_STATE'],
    ['submit a published item', s({ status: 'published', hasLive: true }), { type: 'submit' }, 'INVALID_STATE'],
    ['return a draft', s({}), { type: 'return' }, 'INVALID_STATE'],
    ['return a published item', s({ status: 'published', hasLive: true }), { type: 'return' }, 'INVALID_STATE'],
    ['withdraw something never published', s({ status: 'in_review' }), { type: 'withdraw' }, 'INVALID_STATE'],
    ['withdraw twice', s({ status: 'withdrawn', hasLive: true }), { type: 'withdraw' }, 'INVALID_STATE'],
    ['correct a draft', s({}), { type: 'startCorrection' }, 'INVALID_STATE'],
    ['correct a withdrawn item', s({ status: 'withdrawn', hasLive: true }), { type: 'startCorrection' }, 'INVALID_STATE'],
    ['approve an approved item', s({ status: 'approved', currentStep: 3 }), { type: 'approve', scheduledAt: null, now }, 'INVALID_STATE'],
    ['schedule in the past', s({ status: 'in_review', currentStep: 3 }), { type: 'approve', scheduledAt: earlier, now }, 'SCHEDULE_IN_PAST'],
    ['schedule exactly now', s({ status: 'in_review', currentStep: 3 }), { type: 'approve', scheduledAt: now, now }, 'SCHEDULE_IN_PAST'],
    ['schedule before the final step', s({ status: 'in_review', currentStep: 1 }), { type: 'approve', scheduledAt: later, now }, 'SCHEDULE_NOT_FINAL'],
    ['schedule a 依申请公开 item', s({ status: 'in_review', currentStep: 3, proactive: false }), { type: 'approve', scheduledAt: later, now }, 'NOT_PROACTIVE'],
    ['publish a scheduled item early', s({ status: 'scheduled', currentStep: 3 }), { type: 'publishDue', scheduledAt: later, now }, 'NOT_DUE'],
    ['publish a non-scheduled item by the scheduler', s({ status: 'returned' }), { type: 'publishDue', scheduledAt: earlier, now }, 'INVALID_STATE'],
  ])('%s', (_name, state, event, reason) => {
    const r = transition(state, event);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe(reason);
      expect(r.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('transition: invariants', () => {
  const state = fc.record({
    status: fc.constantFrom(...documentStatuses),
    stepCount: fc.integer({ min: 1, max: 8 }),
    currentStep: fc.integer({ min: 0, max: 7 }),
    round: fc.integer({ min: 0, max: 50 }),
    hasLive: fc.boolean(),
    proactive: fc.boolean(),
  }).map((st) => ({ ...st, currentStep: Math.min(st.currentStep, st.stepCount - 1) }));
  const date = fc.date({ min: new Date('2025-01-01'), max: new Date('2026-01-01'), noInvalidDate: true });
  const event: fc.Arbitrary<WorkflowEvent> = fc.oneof(
    fc.constant({ type: 'submit' } as const),
    fc.record({ type: fc.constant('approve' as const), scheduledAt: fc.option(date, { nil: null }), now: fc.constant(now) }),
    fc.constant({ type: 'return' } as const),
    fc.constant({ type: 'withdraw' } as const),
    fc.constant({ type: 'startCorrection' } as const),
    fc.record({ type: fc.constant('publishDue' as const), scheduledAt: fc.option(date, { nil: null }), now: fc.constant(now) }),
  );

  it('keeps the step inside the chain, bumps the round only on submit, publishes only proactive items into `published`', () => {
    fc.assert(
      fc.property(state, event, (st, ev) => {
        const r = transition(st, ev);
        if (!r.ok) return;
        const n = r.next;
        expect(n.currentStep).toBeGreaterThanOrEqual(0);
        expect(n.currentStep).toBeLessThan(st.stepCount);
        expect(n.round).toBe(ev.type === 'submit' ? st.round + 1 : st.round);
        if (n.effect === 'publish') {
          expect(n.status).toBe('published');
          expect(st.proactive || ev.type === 'publishDue').toBe(true);
        }
        if (n.status === 'scheduled') expect(n.scheduledAt!.getTime()).toBeGreaterThan(now.getTime());
        else expect(n.scheduledAt).toBeNull();
        if (st.status === 'withdrawn') throw new Error('a withdrawn item moved');
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with isActionApplicable for every person-driven event', () => {
    for (const status of documentStatuses) {
      for (const hasLive of [false, true]) {
        const st = s({ status, hasLive, currentStep: 0, stepCount: 2 });
        const pairs: Array<[WorkflowEvent, Parameters<typeof isActionApplicable>[0]]> = [
          [{ type: 'submit' }, 'submit'],
          [{ type: 'approve', scheduledAt: null, now }, 'approve'],
          [{ type: 'return' }, 'return'],
          [{ type: 'withdraw' }, 'withdraw'],
          [{ type: 'startCorrection' }, 'startCorrection'],
        ];
        for (const [ev, action] of pairs) expect(transition(st, ev).ok, `${status}/${hasLive}/${action}`).toBe(isActionApplicable(action, st));
      }
    }
  });
});
