/** Terminal rendering of a checked report (the `gongkai report check` output). Pure. */
import type { CheckOutcome } from './check.ts';
import {
  SECTION3_COLUMNS,
  SECTION3_ROWS,
  SECTION4_COLUMNS,
  SECTION4_GROUPS,
  isHardRule,
  section2CountCell,
  section2SingleCell,
  section3Cell,
  section4Cell,
  type AnnualReport,
} from './model.ts';

/** Columns a string takes in a terminal (CJK and full-width characters take two). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x20000 ? 2 : 1;
  }
  return w;
}

function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ''))));
  const line = (cells: string[]) => `  ${cells.map((cell, c) => (c === 0 ? padEnd(cell, widths[c] ?? 0) : padStart(cell, widths[c] ?? 0))).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The three tables as text; blank cells show as 空. */
export function formatTables(r: AnnualReport): string[] {
  const blank = new Set([...r.section3.blank, ...r.checks.filter((c) => c.rule === 'S5').flatMap((c) => c.cells)]);
  const show = (cell: string, value: number) => (blank.has(cell) ? '空' : String(value));
  const out: string[] = ['二、主动公开政府信息情况'];
  out.push(
    ...table(
      ['第二十条第（一）项', '本年制发件数', '本年废止件数', '现行有效件数'],
      (['regulations', 'normativeDocuments'] as const).map((item) => [
        item === 'regulations' ? '规章' : '行政规范性文件',
        show(section2CountCell(item, 'issued'), r.section2[item].issued),
        show(section2CountCell(item, 'repealed'), r.section2[item].repealed),
        show(section2CountCell(item, 'inForce'), r.section2[item].inForce),
      ]),
    ),
  );
  out.push(
    ...table(
      ['第二十条第（五）（六）（八）项', '本年处理决定数量 / 收费金额（万元）'],
      (
        [
          ['licensing', '行政许可'],
          ['penalties', '行政处罚'],
          ['enforcement', '行政强制'],
          ['feesWan', '行政事业性收费（万元）'],
        ] as const
      ).map(([item, label]) => [label, show(section2SingleCell(item), r.section2[item])]),
    ),
  );
  out.push('', '三、收到和处理政府信息公开申请情况');
  out.push(
    ...table(
      ['', ...SECTION3_COLUMNS],
      SECTION3_ROWS.map((spec) => [spec.short, ...r.section3.rows[spec.key].map((v, c) => show(section3Cell(spec.key, c), v))]),
    ),
  );
  out.push('', '四、政府信息公开行政复议、行政诉讼情况');
  out.push(
    ...table(
      ['', ...SECTION4_COLUMNS],
      SECTION4_GROUPS.map((g) => [
        g.key === 'reconsideration' ? '行政复议' : `行政诉讼·${g.name}`,
        ...r.section4[g.key].map((v, c) => show(section4Cell(g.key, c), v)),
      ]),
    ),
  );
  return out;
}

function listCells(cells: string[]): string {
  return cells.length > 12 ? `${cells.slice(0, 12).join('、')} 等 ${cells.length} 个` : cells.join('、');
}

/** One block of output for one file. */
export function formatOutcome(o: CheckOutcome): string {
  const out: string[] = [`==== ${o.file} ====`];
  if (!o.report) {
    out.push(`无法检查：${o.error?.message ?? '未知错误'}`);
    return `${out.join('\n')}\n`;
  }
  const r = o.report;
  out.push(r.title ?? '（未找到报告标题）');
  out.push(`单位：${r.agency ?? '未识别'}  年度：${r.year ?? '未识别'}  文件格式：${r.format}`, '');
  out.push(...formatTables(r), '', '规则检查');
  for (const c of r.checks) {
    const tag = c.ok ? '[通过]' : isHardRule(c.rule) ? '[违反]' : '[提示]';
    out.push(`  ${tag} ${c.rule} ${c.message}`);
    if (!c.ok && c.cells.length) out.push(`         单元格：${listCells(c.cells)}`);
  }
  for (const w of o.warnings) out.push(`  [格式] ${w}`);
  const failed = r.checks.filter((c) => !c.ok && isHardRule(c.rule)).map((c) => c.rule);
  const soft = r.checks.filter((c) => !c.ok && !isHardRule(c.rule)).map((c) => c.rule);
  out.push(
    '',
    r.consistent
      ? `结论：勾稽关系全部成立${soft.length ? `（另有提示：${soft.join('、')}）` : ''}`
      : `结论：不一致，违反 ${failed.join('、')}${soft.length ? `（另有提示：${soft.join('、')}）` : ''}`,
  );
  return `${out.join('\n')}\n`;
}
