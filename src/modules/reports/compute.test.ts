/** The generator's pure arithmetic: table 二 from documents, table 四 from cases or figures, and the first draft against S3. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeReportNumbers, type ComputeInput, type ReportDocument } from './compute.ts';
import { draftNarrative } from './draft.ts';
import { SECTION3_LEAF_KEYS, SECTION3_ROW_KEYS, TOTAL_COLUMN, type Row7, type Section3RowKey } from './model.ts';
import { validateReport } from './validate.ts';

const noRequests = () => ({ rows: Object.fromEntries(SECTION3_ROW_KEYS.map((k) => [k, [0, 0, 0, 0, 0, 0, 0]])) as Record<Section3RowKey, Row7>, items: [] });
const input = (over: Partial<ComputeInput>): ComputeInput => ({ year: 2025, documents: [], figures: null, cases: [], requests: noRequests(), ...over });
const doc = (id: string, docType: ReportDocument['docType'], firstPublishedOn: string, validity: string | null = 'valid', invalidOn: string | null = null): ReportDocument => ({
  id,
  docType,
  firstPublishedOn,
  validity,
  invalidOn,
});

describe('table 二 第二十条第（一）项 from the published items', () => {
  it.each([
    ['issued in the year, in force', doc('a', 'regulation', '2025-03-01'), { issued: 1, repealed: 0, inForce: 1 }],
    ['issued earlier, in force', doc('a', 'regulation', '2020-03-01'), { issued: 0, repealed: 0, inForce: 1 }],
    ['repealed in the year', doc('a', 'regulation', '2020-03-01', 'repealed', '2025-06-30'), { issued: 0, repealed: 1, inForce: 0 }],
    ['expired in the year', doc('a', 'regulation', '2020-03-01', 'expired', '2025-12-31'), { issued: 0, repealed: 1, inForce: 0 }],
    ['issued and repealed in the year', doc('a', 'regulation', '2025-01-05', 'repealed', '2025-11-30'), { issued: 1, repealed: 1, inForce: 0 }],
    ['repealed next year: in force at year end', doc('a', 'regulation', '2025-01-05', 'repealed', '2026-01-01'), { issued: 1, repealed: 0, inForce: 1 }],
    ['repealed before the year', doc('a', 'regulation', '2020-01-05', 'repealed', '2024-12-31'), { issued: 0, repealed: 0, inForce: 0 }],
    ['published next year', doc('a', 'regulation', '2026-01-01'), { issued: 0, repealed: 0, inForce: 0 }],
  ])('%s', (_name, d, counts) => {
    const { numbers, sources } = computeReportNumbers(input({ documents: [d] }));
    expect(numbers.section2.regulations).toEqual(counts);
    expect(numbers.section2.normativeDocuments).toEqual({ issued: 0, repealed: 0, inForce: 0 });
    if (counts.inForce) expect(sources['二.规章.现行有效件数']).toEqual(['a']);
  });

  it('keeps S2 exact year over year (现行有效 = last year + 制发 − 废止)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            published: fc.integer({ min: 2018, max: 2026 }),
            ended: fc.option(fc.integer({ min: 2018, max: 2027 }), { nil: null }),
            normative: fc.boolean(),
          }),
          { maxLength: 30 },
        ),
        (specs) => {
          const documents = specs.map((s, i) =>
            doc(String(i), s.normative ? 'normative' : 'regulation', `${s.published}-06-01`, s.ended !== null ? 'repealed' : 'valid', s.ended !== null ? `${Math.max(s.ended, s.published)}-09-01` : null),
          );
          const prev = computeReportNumbers(input({ year: 2024, documents })).numbers;
          const cur = computeReportNumbers(input({ year: 2025, documents })).numbers;
          for (const item of ['regulations', 'normativeDocuments'] as const) {
            const p = prev.section2[item];
            const n = cur.section2[item];
            expect(n.inForce).toBe(p.inForce + n.issued - n.repealed);
          }
          expect(validateReport(cur, { previous: prev }).checks.find((c) => c.rule === 'S2')?.ok).toBe(true);
        },
      ),
    );
  });
});

describe('table 四', () => {
  it('counts cases by kind and result, with their ids', () => {
    const { numbers, sources, section4Source } = computeReportNumbers(
      input({
        cases: [
          { id: 'c1', kind: 'reconsideration', result: 'upheld' },
          { id: 'c2', kind: 'reconsideration', result: 'pending' },
          { id: 'c3', kind: 'litigation_after_reconsideration', result: 'corrected' },
        ],
      }),
    );
    expect(section4Source).toBe('cases');
    expect(numbers.section4).toEqual({ reconsideration: [1, 0, 0, 1, 2], litigationDirect: [0, 0, 0, 0, 0], litigationAfterReconsideration: [0, 1, 0, 0, 1] });
    expect(sources['四.行政复议.总计']).toEqual(['c1', 'c2']);
  });

  it('takes figures entered directly over the cases, totals as entered', () => {
    const figures = { id: 'f', licensing: 1, penalties: 2, enforcement: 3, feesWan: 0.125, section4: { reconsideration: [1, 0, 0, 0, 2], litigationDirect: [0, 0, 0, 0, 0], litigationAfterReconsideration: [0, 0, 0, 0, 0] } };
    const { numbers, section4Source } = computeReportNumbers(input({ figures, cases: [{ id: 'c1', kind: 'reconsideration', result: 'upheld' }] }));
    expect(section4Source).toBe('figures');
    expect(numbers.section4.reconsideration).toEqual([1, 0, 0, 0, 2]);
    expect(numbers.section2).toMatchObject({ licensing: 1, penalties: 2, enforcement: 3, feesWan: 0.125 });
    expect(validateReport(numbers).checks.find((c) => c.rule === 'G4')).toMatchObject({ ok: false, cells: expect.arrayContaining(['四.行政复议.总计']) });
  });
});

describe('the first draft', () => {
  it('quotes figures that S3 and S4 accept, for any consistent table 三', () => {
    const leaf = fc.constantFrom(...SECTION3_LEAF_KEYS);
    fc.assert(
      fc.property(
        fc.array(fc.record({ column: fc.integer({ min: 0, max: 5 }), carried: fc.boolean(), outcome: fc.option(leaf, { nil: null }) }), { maxLength: 25 }),
        fc.array(fc.record({ kind: fc.constantFrom('reconsideration', 'litigation_direct', 'litigation_after_reconsideration' as const), result: fc.constantFrom('upheld', 'corrected', 'other', 'pending' as const) }), { maxLength: 4 }),
        (reqs, cases) => {
          const requests = noRequests();
          for (const r of reqs) {
            for (const key of [r.carried ? 'carried_over' : 'new', ...(r.outcome ? [r.outcome, 'total'] : ['carried_forward'])] as Section3RowKey[]) {
              requests.rows[key][r.column]! += 1;
              requests.rows[key][TOTAL_COLUMN] += 1;
            }
          }
          const { numbers } = computeReportNumbers(input({ requests, cases: cases.map((c, i) => ({ id: `c${i}`, ...c })) }));
          const draft = draftNarrative(numbers, { agencyName: '某乡人民政府', year: 2025, proactiveItems: 7 });
          const { checks, consistent } = validateReport(numbers, { narrative: `一、总体情况\n${draft.overview}` });
          expect(consistent).toBe(true);
          for (const rule of ['S3', 'S4'] as const) {
            const check = checks.find((c) => c.rule === rule)!;
            expect(check.ok, `${check.message}\n${draft.overview}`).toBe(true);
          }
        },
      ),
    );
  });
});
