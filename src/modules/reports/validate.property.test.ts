import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SECTION3_COLUMNS,
  SECTION3_LEAF_KEYS,
  SECTION3_ROW_KEYS,
  SECTION4_GROUPS,
  cloneReportNumbers,
  emptyReportNumbers,
  isHardRule,
  section3Cell,
  section4Cell,
  type ReportNumbers,
  type Row5,
  type Row7,
  type Section3RowKey,
} from './model.ts';
import { locateSingleCellError, validateReport } from './validate.ts';
import { buildReportDocx, renderReportHtml } from './fixtures/render.ts';
import { readReport } from './parse/index.ts';

const count = fc.nat({ max: 40 });

/** A consistent report built the way the generator will: from leaf counts per applicant kind. */
const consistentReport: fc.Arbitrary<ReportNumbers> = fc
  .record({
    leaves: fc.array(fc.array(count, { minLength: 6, maxLength: 6 }), { minLength: 21, maxLength: 21 }),
    carriedForward: fc.array(count, { minLength: 6, maxLength: 6 }),
    // Share of (handled + carried forward) that came from last year, per column.
    carriedShare: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
    section4: fc.array(fc.array(count, { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 3 }),
    section2: fc.array(count, { minLength: 9, maxLength: 9 }),
    fees: fc.integer({ min: 0, max: 100_000 }),
  })
  .map(({ leaves, carriedForward, carriedShare, section4, section2, fees }) => {
    const n = emptyReportNumbers();
    const withTotal = (six: number[]): Row7 => [...six, six.reduce((a, b) => a + b, 0)] as Row7;
    SECTION3_LEAF_KEYS.forEach((key, i) => (n.section3.rows[key] = withTotal(leaves[i] ?? [])));
    const handled = [0, 1, 2, 3, 4, 5].map((c) => SECTION3_LEAF_KEYS.reduce((s, k) => s + (n.section3.rows[k][c] ?? 0), 0));
    const forward = carriedForward;
    const over = handled.map((h, c) => Math.floor((h + (forward[c] ?? 0)) * (carriedShare[c] ?? 0)));
    const fresh = handled.map((h, c) => h + (forward[c] ?? 0) - (over[c] ?? 0));
    n.section3.rows.total = withTotal(handled);
    n.section3.rows.carried_forward = withTotal(forward);
    n.section3.rows.carried_over = withTotal(over);
    n.section3.rows.new = withTotal(fresh);
    SECTION4_GROUPS.forEach((g, i) => {
      const four = section4[i] ?? [0, 0, 0, 0];
      n.section4[g.key] = [...four, four.reduce((a, b) => a + b, 0)] as Row5;
    });
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0, k = 0] = section2;
    n.section2 = {
      regulations: { issued: a, repealed: b, inForce: c },
      normativeDocuments: { issued: d, repealed: e, inForce: f },
      licensing: g,
      penalties: h,
      enforcement: k,
      feesWan: fees / 1000,
    };
    return n;
  });

const hardFailures = (n: ReportNumbers) => validateReport(n).checks.filter((c) => !c.ok && isHardRule(c.rule));

/** Every cell of tables 三 and 四 as [name, setter, getter]. */
function cellsOf(n: ReportNumbers): Array<{ name: string; get: () => number; set: (v: number) => void; total: boolean }> {
  const out: Array<{ name: string; get: () => number; set: (v: number) => void; total: boolean }> = [];
  for (const key of SECTION3_ROW_KEYS) {
    SECTION3_COLUMNS.forEach((_, c) => {
      const row = n.section3.rows[key as Section3RowKey];
      const total = c === 6 || key === 'total' || key === 'new' || key === 'carried_over' || key === 'carried_forward';
      out.push({ name: section3Cell(key, c), get: () => row[c] ?? 0, set: (v) => (row[c] = v), total });
    });
  }
  for (const g of SECTION4_GROUPS) {
    const row = n.section4[g.key];
    row.forEach((_, c) => out.push({ name: section4Cell(g.key, c), get: () => row[c] ?? 0, set: (v) => (row[c] = v), total: c === 4 }));
  }
  return out;
}

describe('property: the 勾稽 rules', () => {
  it('every report built from consistent counts satisfies all hard rules', () => {
    fc.assert(
      fc.property(consistentReport, (n) => {
        expect(hardFailures(n)).toEqual([]);
        expect(validateReport(n).consistent).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('changing any single total breaks at least one hard rule', () => {
    fc.assert(
      fc.property(consistentReport, fc.nat(), fc.integer({ min: -5, max: 5 }).filter((d) => d !== 0), (base, pick, delta) => {
        const n = cloneReportNumbers(base);
        const totals = cellsOf(n).filter((c) => c.total);
        const cell = totals[pick % totals.length]!;
        cell.set(cell.get() + delta);
        const failures = hardFailures(n);
        expect(failures.length).toBeGreaterThan(0);
        expect(failures.flatMap((f) => f.cells)).toContain(cell.name);
      }),
      { numRuns: 300 },
    );
  });

  it('changing any single cell of table 三 is traced back to that cell', () => {
    fc.assert(
      fc.property(consistentReport, fc.nat(), fc.integer({ min: -5, max: 5 }).filter((d) => d !== 0), (base, pick, delta) => {
        const n = cloneReportNumbers(base);
        const cells = cellsOf(n).filter((c) => c.name.startsWith('三.'));
        const cell = cells[pick % cells.length]!;
        const before = cell.get();
        fc.pre(before + delta >= 0);
        cell.set(before + delta);
        expect(locateSingleCellError(n)).toEqual({ cell: cell.name, value: before + delta, expected: before });
        for (const f of hardFailures(n)) expect(f.cells[0]).toBe(cell.name);
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: reading what was rendered gives back the numbers', () => {
  it('HTML in the 30号 layout (with the quirks of real sites)', async () => {
    await fc.assert(
      fc.asyncProperty(consistentReport, fc.boolean(), fc.boolean(), async (n, layoutTable, fullWidthDigits) => {
        const html = renderReportHtml(n, { layoutTable, fullWidthDigits, wordStyle: layoutTable });
        const parsed = await readReport(new TextEncoder().encode(html), 'r.html');
        expect(parsed.numbers).toEqual(n);
      }),
      { numRuns: 60 },
    );
  });

  it('DOCX with merged cells', async () => {
    await fc.assert(
      fc.asyncProperty(consistentReport, async (n) => {
        const parsed = await readReport(await buildReportDocx(n), 'r.docx');
        expect(parsed.numbers).toEqual(n);
      }),
      { numRuns: 10 },
    );
  });
});
