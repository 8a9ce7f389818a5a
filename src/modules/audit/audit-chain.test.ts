import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, hashAuditRow, verifyChain, type StoredAuditRow } from './audit-chain.ts';

function chain(n: number): StoredAuditRow[] {
  const rows: StoredAuditRow[] = [];
  let prev = '';
  for (let i = 1; i <= n; i++) {
    const content = {
      id: i,
      at: new Date(Date.UTC(2025, 0, 1, 0, 0, i)),
      actorId: null,
      actorName: '系统',
      agencyId: null,
      action: `test.${i}`,
      entityType: 'x',
      entityId: String(i),
      before: { a: i },
      after: { b: [i, 'x'] },
      ip: null,
    };
    const hash = hashAuditRow(prev, content);
    rows.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [{ f: 1, e: 2 }] } })).toBe('{"a":{"c":[{"e":2,"f":1}],"d":2},"b":1}');
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain', () => {
    expect(verifyChain(chain(20), null).problems).toEqual([]);
  });

  it('names an edited row', () => {
    const rows = chain(10);
    rows[4] = { ...rows[4]!, action: 'forged' };
    const { problems } = verifyChain(rows, null);
    expect(problems).toEqual([expect.objectContaining({ id: 5, kind: 'edited' })]);
  });

  it('names the gap left by a deleted row', () => {
    const rows = chain(10);
    rows.splice(6, 1);
    const { problems } = verifyChain(rows, null);
    expect(problems[0]).toMatchObject({ id: 8, kind: 'deleted' });
    expect(problems[0]!.message).toContain('第 7–7 条');
  });

  it('detects a deleted first row', () => {
    expect(verifyChain(chain(3).slice(1), null).problems[0]).toMatchObject({ id: 2, kind: 'deleted' });
  });

  it('continues across batches', () => {
    const rows = chain(10);
    const a = verifyChain(rows.slice(0, 4), null);
    const b = verifyChain(rows.slice(4), a.last);
    expect([...a.problems, ...b.problems]).toEqual([]);
  });

  it('detects any single-field change of any row (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.constantFrom('action', 'actorName', 'entityId', 'after'), fc.string({ minLength: 1 }), (index, field, value) => {
        const rows = chain(10);
        const original = rows[index]!;
        const changed = { ...original, [field]: field === 'after' ? { value } : value };
        if (canonicalJson(changed) === canonicalJson(original)) return;
        rows[index] = changed;
        expect(verifyChain(rows, null).problems.some((p) => p.id === index + 1)).toBe(true);
      }),
    );
  });
});
