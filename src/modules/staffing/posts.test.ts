import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { currentHolder, dutyProblems, isOnLeave, type LeavePeriod } from './posts.ts';

const leaves: LeavePeriod[] = [
  { userId: 'A', startsOn: '2025-06-02', endsOn: '2025-06-06' },
  { userId: 'B', startsOn: '2025-06-05', endsOn: '2025-06-05' },
];

describe('currentHolder', () => {
  it.each<[string, { holderA: string | null; holderB: string | null }, string, Set<string>, string | null, 'A' | 'B' | null]>([
    ['A at work', { holderA: 'A', holderB: 'B' }, '2025-06-01', new Set(), 'A', 'A'],
    ['A on leave (first day) → B', { holderA: 'A', holderB: 'B' }, '2025-06-02', new Set(), 'B', 'B'],
    ['A on leave (last day) → B', { holderA: 'A', holderB: 'B' }, '2025-06-06', new Set(), 'B', 'B'],
    ['A back', { holderA: 'A', holderB: 'B' }, '2025-06-07', new Set(), 'A', 'A'],
    ['both away → nobody', { holderA: 'A', holderB: 'B' }, '2025-06-05', new Set(), null, null],
    ['no A → B', { holderA: null, holderB: 'B' }, '2025-06-01', new Set(), 'B', 'B'],
    ['A disabled → B', { holderA: 'A', holderB: 'B' }, '2025-06-01', new Set(['A']), 'B', 'B'],
    ['nobody set', { holderA: null, holderB: null }, '2025-06-01', new Set(), null, null],
  ])('%s', (_n, duty, date, disabled, userId, post) => {
    expect(currentHolder(duty, date, leaves, disabled)).toMatchObject({ userId, post });
  });

  it('the holder is never someone on leave or disabled', () => {
    const u = fc.constantFrom('A', 'B', 'C', null);
    const d = fc.integer({ min: 1, max: 28 }).map((n) => `2025-02-${String(n).padStart(2, '0')}`);
    const leave = fc.record({ userId: fc.constantFrom('A', 'B', 'C'), startsOn: d, endsOn: d });
    fc.assert(
      fc.property(u, u, d, fc.array(leave, { maxLength: 5 }), fc.subarray(['A', 'B', 'C']), (a, b, date, ls, dis) => {
        const h = currentHolder({ holderA: a, holderB: b }, date, ls, new Set(dis));
        if (h.userId) {
          expect(isOnLeave(h.userId, date, ls)).toBe(false);
          expect(dis).not.toContain(h.userId);
          expect(h.userId === a ? h.post : 'B').toBe(h.post);
        }
      }),
    );
  });
});

describe('dutyProblems', () => {
  it.each<[string, string | null, string | null, string[]]>([
    ['complete', 'A', 'B', []],
    ['no B', 'A', null, ['未设置B岗']],
    ['no A', null, 'B', ['未设置A岗']],
    ['none', null, null, ['未设置A岗', '未设置B岗']],
    ['same person', 'A', 'A', ['A岗与B岗为同一人']],
  ])('%s', (_n, a, b, problems) => {
    expect(dutyProblems({ holderA: a, holderB: b })).toEqual(problems);
  });
});
