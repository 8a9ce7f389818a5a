import { describe, expect, it } from 'vitest';
import { computeStats } from './stats.ts';

describe('computeStats', () => {
  it('counts by kind and month, averages ratings, rates on-time answers; spam is left out of ratings and answers', () => {
    const s = computeStats(2025, [
      { kind: 'message', rating: null, status: 'answered', receivedOn: '2025-01-05', dueOn: '2025-01-10', answeredOn: '2025-01-09' },
      { kind: 'suggestion', rating: null, status: 'answered', receivedOn: '2025-01-20', dueOn: '2025-01-27', answeredOn: '2025-02-03' },
      { kind: 'rating', rating: 5, status: 'new', receivedOn: '2025-03-01', dueOn: '2025-03-07', answeredOn: null },
      { kind: 'rating', rating: 2, status: 'answered', receivedOn: '2025-03-02', dueOn: '2025-03-07', answeredOn: '2025-03-03' },
      { kind: 'rating', rating: 1, status: 'rejected', receivedOn: '2025-03-02', dueOn: '2025-03-07', answeredOn: null },
      { kind: 'message', rating: null, status: 'new', receivedOn: '2024-12-31', dueOn: '2025-01-07', answeredOn: null },
    ]);
    expect(s.total).toBe(5);
    expect(s.byKind).toEqual({ message: 1, suggestion: 1, rating: 3 });
    expect(s.months[0]).toMatchObject({ month: 1, total: 2, answered: 2 });
    expect(s.months[2]).toMatchObject({ month: 3, total: 3, rejected: 1, byKind: { message: 0, suggestion: 0, rating: 3 } });
    expect(s.averageRating).toBe(3.5);
    expect(s.answered).toBe(3);
    expect(s.answeredOnTime).toBe(2);
    expect(s.onTimeRate).toBe(0.667);
  });

  it('null rates without data', () => {
    const s = computeStats(2025, []);
    expect(s.onTimeRate).toBeNull();
    expect(s.averageRating).toBeNull();
    expect(s.months).toHaveLength(12);
  });
});
