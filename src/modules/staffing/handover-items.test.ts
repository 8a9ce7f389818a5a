import { describe, expect, it } from 'vitest';
import { checklistFingerprint, compareChecklists, type Checklist } from './handover-items.ts';

const base: Checklist = {
  account: { id: 'u1', username: 'zhang', displayName: '张离职', disabled: false },
  memberships: [{ agencyId: 'a1', roles: ['drafter', 'reviewer'], steps: ['privacy'] }],
  openDocuments: [{ id: 'd1', agencyId: 'a1', title: '稿件一', status: 'draft', indexNo: 'X-1' }],
  reviewSteps: [{ agencyId: 'a1', step: 'privacy', soleHolder: true, otherHolders: [] }],
  requests: [{ id: 'r1', trackingNo: '2025-0001', stateName: '已登记', role: 'handler' }],
  duties: [{ id: 'p1', agencyId: 'a1', kind: 'requests', kindName: '依申请公开办理', catalogItemId: null, post: 'A' }],
};

describe('checklist fingerprint', () => {
  it('ignores row order and informational fields, changes with any item', () => {
    const reordered: Checklist = { ...base, memberships: [{ agencyId: 'a1', roles: ['reviewer', 'drafter'], steps: ['privacy'] }], reviewSteps: [{ ...base.reviewSteps[0]!, soleHolder: false, otherHolders: ['赵'] }] };
    expect(checklistFingerprint(reordered)).toBe(checklistFingerprint(base));
    expect(checklistFingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
    const more = { ...base, openDocuments: [...base.openDocuments, { id: 'd2', agencyId: 'a1', title: '稿件二', status: 'draft', indexNo: null }] };
    expect(checklistFingerprint(more)).not.toBe(checklistFingerprint(base));
    const otherPost: Checklist = { ...base, duties: [{ ...base.duties[0]!, post: 'B' }] };
    expect(checklistFingerprint(otherPost)).not.toBe(checklistFingerprint(base));
  });
});

describe('compareChecklists', () => {
  it('marks items that appeared since signing as added and lists those gone', () => {
    const now: Checklist = {
      ...base,
      openDocuments: [{ id: 'd2', agencyId: 'a1', title: '稿件二', status: 'draft', indexNo: null }],
      requests: [...base.requests, { id: 'r2', trackingNo: '2025-0002', stateName: '办理中', role: 'backup' }],
    };
    const diff = compareChecklists(base, now);
    expect(diff.checklist.openDocuments.map((d) => [d.id, d.added])).toEqual([['d2', true]]);
    expect(diff.checklist.requests.map((r) => [r.id, r.added])).toEqual([['r1', false], ['r2', true]]);
    expect(diff.checklist.duties.every((d) => !d.added)).toBe(true);
    expect(diff.added).toBe(2);
    expect(diff.removed).toEqual(['稿件「稿件一」']);
  });

  it('nothing added when unchanged', () => {
    expect(compareChecklists(base, base)).toMatchObject({ added: 0, removed: [] });
  });
});
