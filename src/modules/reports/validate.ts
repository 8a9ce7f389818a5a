/**
 * 勾稽 rules of the annual report (DOMAIN.md §2.5). Pure.
 *
 * Hard rules (a report that fails one is inconsistent and cannot be published):
 *   G1 table 三, each column: 一 + 二 = 三(七) + 四 (printed in the table).
 *   G2 table 三, each row: 总计 = the six applicant columns.
 *   G3 table 三, each column: (七)总计 = the 21 result rows.
 *   G4 table 四, each group: 总计 = 维持 + 纠正 + 其他 + 尚未审结.
 *   G5 every cell is a non-negative integer (收费金额: a non-negative number).
 * Soft rules (warnings):
 *   S1 二 (this year) = 四 (last year's report), when last year's report is given.
 *   S2 现行有效 = last year's 现行有效 + 本年制发 − 本年废止, when last year's report is given.
 *   S3 numbers quoted in 一、总体情况 match the tables (narrative.ts).
 *   S4 a combined 予以公开 + 部分公开 figure matches the tables (narrative.ts).
 *   S5 no cell was left blank (a blank reads as 0; G5 allows it, this rule reports it).
 */
import {
  SECTION3_COLUMNS,
  SECTION3_LEAF_KEYS,
  SECTION3_ROW_KEYS,
  SECTION4_COLUMNS,
  SECTION4_GROUPS,
  TOTAL_COLUMN,
  isHardRule,
  listCells,
  section2CountCell,
  section3Cell,
  section3Row,
  section4Cell,
  type ReportNumbers,
  type RuleCheck,
  type Section3RowKey,
} from './model.ts';
import { checkNarrative } from './narrative.ts';

/** A cell whose text could not be read as a number (reported by G5). */
export interface UnreadableCell {
  /** Cell name, e.g. `三.自然人.一`. */
  cell: string;
  /** The text found in the cell. */
  text: string;
}

/** What the validator knows besides the numbers. */
export interface ValidationContext {
  /** Blank cells of any table (table-三 blanks are also in `section3.blank`). */
  blank?: readonly string[];
  /** Cells whose text was not a number; they are 0 in the numbers. */
  unreadable?: readonly UnreadableCell[];
  /** Last year's report of the same agency, for S1 and S2. */
  previous?: ReportNumbers;
  /** The text of 一、总体情况 (or all text before table 二), for S3 and S4. */
  narrative?: string;
}

/** A linear identity Σ coeff·value = 0 over named cells. */
interface Identity {
  rule: 'G1' | 'G2' | 'G3' | 'G4';
  terms: Array<{ cell: string; coeff: 1 | -1; value: number }>;
  /** Chinese description of the failure. */
  describe: () => string;
}

function residual(id: Identity): number {
  return id.terms.reduce((s, t) => s + t.coeff * t.value, 0);
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** The identities of G1–G4 over a report's numbers. */
function identities(n: ReportNumbers): Identity[] {
  const rows = n.section3.rows;
  const v = (key: Section3RowKey, c: number): number => rows[key][c] ?? 0;
  const out: Identity[] = [];
  SECTION3_COLUMNS.forEach((col, c) => {
    const [a, b, t, f] = [v('new', c), v('carried_over', c), v('total', c), v('carried_forward', c)];
    out.push({
      rule: 'G1',
      terms: [
        { cell: section3Cell('new', c), coeff: 1, value: a },
        { cell: section3Cell('carried_over', c), coeff: 1, value: b },
        { cell: section3Cell('total', c), coeff: -1, value: t },
        { cell: section3Cell('carried_forward', c), coeff: -1, value: f },
      ],
      describe: () => `“${col}”列：一(${a}) + 二(${b}) = ${a + b}，三(七)(${t}) + 四(${f}) = ${t + f}`,
    });
  });
  for (const key of SECTION3_ROW_KEYS) {
    const row = rows[key];
    const parts = row.slice(0, TOTAL_COLUMN);
    out.push({
      rule: 'G2',
      terms: [
        { cell: section3Cell(key, TOTAL_COLUMN), coeff: -1, value: v(key, TOTAL_COLUMN) },
        ...parts.map((value, c) => ({ cell: section3Cell(key, c), coeff: 1 as const, value })),
      ],
      describe: () => `“${section3Row(key).short}”行：各类申请人之和为 ${sum(parts)}，总计为 ${v(key, TOTAL_COLUMN)}`,
    });
  }
  SECTION3_COLUMNS.forEach((col, c) => {
    const leaves = SECTION3_LEAF_KEYS.map((k) => v(k, c));
    out.push({
      rule: 'G3',
      terms: [
        { cell: section3Cell('total', c), coeff: -1, value: v('total', c) },
        ...SECTION3_LEAF_KEYS.map((k) => ({ cell: section3Cell(k, c), coeff: 1 as const, value: v(k, c) })),
      ],
      describe: () => `“${col}”列：(一)至(六)各项之和为 ${sum(leaves)}，(七)总计为 ${v('total', c)}`,
    });
  });
  for (const g of SECTION4_GROUPS) {
    const row = n.section4[g.key];
    const parts = row.slice(0, 4);
    out.push({
      rule: 'G4',
      terms: [
        { cell: section4Cell(g.key, 4), coeff: -1, value: row[4] },
        ...parts.map((value, c) => ({ cell: section4Cell(g.key, c), coeff: 1 as const, value })),
      ],
      describe: () => `${g.name}：${SECTION4_COLUMNS.slice(0, 4).join('+')} = ${sum(parts)}，总计为 ${row[4]}`,
    });
  }
  return out;
}

/** The one cell that, if it alone were wrong, would explain every G1–G4 failure. */
export interface SuspectCell {
  /** Cell name. */
  cell: string;
  /** Its value in the report. */
  value: number;
  /** The value that would satisfy every identity. */
  expected: number;
}

/**
 * Finds the single cell whose correction would make every G1–G4 identity hold, if there is
 * exactly one such cell (a typo in table 三 usually is). Null when the identities hold, or
 * when no single cell or more than one would explain the failures (e.g. inside table 四).
 */
export function locateSingleCellError(n: ReportNumbers): SuspectCell | null {
  const ids = identities(n);
  const failing = ids.filter((id) => residual(id) !== 0);
  const first = failing[0];
  if (!first) return null;
  const found: SuspectCell[] = [];
  for (const term of first.terms) {
    const delta = -residual(first) / term.coeff;
    const fits = ids.every((id) => {
      const t = id.terms.find((x) => x.cell === term.cell);
      const r = residual(id);
      if (r === 0) return !t;
      return !!t && -r / t.coeff === delta;
    });
    const expected = term.value + delta;
    if (fits && expected >= 0 && Number.isInteger(expected) && !found.some((f) => f.cell === term.cell)) {
      found.push({ cell: term.cell, value: term.value, expected });
    }
  }
  return found.length === 1 ? (found[0] ?? null) : null;
}

function identityRule(rule: Identity['rule'], ids: Identity[], suspect: SuspectCell | null, okMessage: string): RuleCheck {
  const failing = ids.filter((id) => id.rule === rule && residual(id) !== 0);
  if (!failing.length) return { rule, ok: true, message: okMessage, cells: [] };
  const cells = new Set<string>();
  const inRule = suspect && failing.some((id) => id.terms.some((t) => t.cell === suspect.cell));
  if (suspect && inRule) cells.add(suspect.cell);
  for (const id of failing) for (const t of id.terms) cells.add(t.cell);
  let message = `不相符：${failing.map((id) => id.describe()).join('；')}`;
  if (suspect && inRule) {
    message += `。若只有一个单元格填错，最可能是 ${suspect.cell}（表中为 ${suspect.value}，按勾稽关系应为 ${suspect.expected}）`;
  }
  return { rule, ok: false, message, cells: [...cells] };
}

function ruleG5(n: ReportNumbers, unreadable: readonly UnreadableCell[]): RuleCheck {
  const bad: Array<{ cell: string; why: string }> = [];
  const unreadableCells = new Set(unreadable.map((u) => u.cell));
  for (const u of unreadable) bad.push({ cell: u.cell, why: `“${u.text}”不是数字` });
  for (const { cell, value, integer } of listCells(n)) {
    if (unreadableCells.has(cell)) continue;
    if (!Number.isFinite(value)) bad.push({ cell, why: '不是数字' });
    else if (value < 0) bad.push({ cell, why: `为负数 ${value}` });
    else if (integer && !Number.isInteger(value)) bad.push({ cell, why: `不是整数 ${value}` });
  }
  if (!bad.length) return { rule: 'G5', ok: true, message: '所有单元格均为非负整数（收费金额为非负数）', cells: [] };
  return {
    rule: 'G5',
    ok: false,
    message: `单元格须为非负整数：${bad.map((b) => `${b.cell} ${b.why}`).join('；')}`,
    cells: bad.map((b) => b.cell),
  };
}

function ruleS1(n: ReportNumbers, previous: ReportNumbers | undefined): RuleCheck {
  if (!previous) {
    return { rule: 'S1', ok: true, message: '未提供上年度报告，未核对（本年“二、上年结转”应等于上年“四、结转下年度继续办理”）', cells: [] };
  }
  const diffs: string[] = [];
  const cells: string[] = [];
  SECTION3_COLUMNS.forEach((col, c) => {
    const now = n.section3.rows.carried_over[c] ?? 0;
    const before = previous.section3.rows.carried_forward[c] ?? 0;
    if (now !== before) {
      diffs.push(`“${col}”列本年上年结转 ${now}，上年报告结转下年度 ${before}`);
      cells.push(section3Cell('carried_over', c));
    }
  });
  if (!diffs.length) return { rule: 'S1', ok: true, message: '本年“二、上年结转”与上年报告“四、结转下年度继续办理”一致', cells: [] };
  return { rule: 'S1', ok: false, message: `与上年报告不衔接（如有调整请在报告中说明）：${diffs.join('；')}`, cells };
}

function ruleS2(n: ReportNumbers, previous: ReportNumbers | undefined): RuleCheck {
  if (!previous) {
    return { rule: 'S2', ok: true, message: '未提供上年度报告，未核对现行有效件数（上年现行有效 + 本年制发 − 本年废止）', cells: [] };
  }
  const diffs: string[] = [];
  const cells: string[] = [];
  for (const item of ['regulations', 'normativeDocuments'] as const) {
    const now = n.section2[item];
    const expected = previous.section2[item].inForce + now.issued - now.repealed;
    if (now.inForce !== expected) {
      const label = item === 'regulations' ? '规章' : '行政规范性文件';
      diffs.push(`${label}现行有效 ${now.inForce}，按上年 ${previous.section2[item].inForce} + 制发 ${now.issued} − 废止 ${now.repealed} 应为 ${expected}`);
      cells.push(section2CountCell(item, 'inForce'));
    }
  }
  if (!diffs.length) return { rule: 'S2', ok: true, message: '现行有效件数与上年报告及本年制发、废止件数衔接', cells: [] };
  return { rule: 'S2', ok: false, message: `现行有效件数不衔接（修订、自然失效等可致差异，请核实）：${diffs.join('；')}`, cells };
}

function ruleS5(n: ReportNumbers, blank: readonly string[]): RuleCheck {
  const order = new Map(listCells(n).map((c, i) => [c.cell, i]));
  const cells = [...new Set([...n.section3.blank, ...blank])].sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9));
  if (!cells.length) return { rule: 'S5', ok: true, message: '没有空白单元格', cells: [] };
  return { rule: 'S5', ok: false, message: `${cells.length} 个单元格为空，已按 0 计算，应填写 0：${cells.join('、')}`, cells };
}

/** Runs every rule; `consistent` is true when every hard rule (G1–G5) holds. */
export function validateReport(n: ReportNumbers, ctx: ValidationContext = {}): { checks: RuleCheck[]; consistent: boolean } {
  const ids = identities(n);
  const suspect = locateSingleCellError(n);
  const narrative = checkNarrative(n, ctx.narrative);
  const checks: RuleCheck[] = [
    identityRule('G1', ids, suspect, '各列均满足：第一项加第二项之和等于第三项加第四项之和'),
    identityRule('G2', ids, suspect, '各行总计均等于各类申请人之和'),
    identityRule('G3', ids, suspect, '各列（七）总计均等于（一）至（六）各项之和'),
    identityRule('G4', ids, suspect, '行政复议、行政诉讼各组总计均等于维持、纠正、其他、尚未审结之和'),
    ruleG5(n, ctx.unreadable ?? []),
    ruleS1(n, ctx.previous),
    ruleS2(n, ctx.previous),
    narrative.s3,
    narrative.s4,
    ruleS5(n, ctx.blank ?? []),
  ];
  return { checks, consistent: checks.every((c) => c.ok || !isHardRule(c.rule)) };
}
