/**
 * The XLSX summary a county office gets when it checks a folder of township reports: one row
 * per report on the first sheet, one row per rule not passed on the second.
 */
import ExcelJS from 'exceljs';
import type { CheckOutcome } from './check.ts';
import { isHardRule } from './model.ts';

/** Column headers of the summary sheet, in order. */
export const SUMMARY_HEADERS = [
  '文件',
  '单位',
  '年度',
  '格式',
  '是否一致',
  '违反的规则',
  '提示',
  '本年新收申请',
  '上年结转',
  '办理结果总计',
  '结转下年度',
  '行政复议',
  '行政诉讼',
  '行政处罚',
  '行政许可',
  '说明',
] as const;

/** One summary row (values in the order of {@link SUMMARY_HEADERS}). */
export function summaryRow(o: CheckOutcome): Array<string | number | null> {
  const r = o.report;
  if (!r) {
    const d = o.error?.details ?? {};
    const verdict = o.error?.code === 'OLD_FORMAT' ? '旧格式（2019年试行）' : o.error?.code === 'NOT_A_REPORT' ? '不是年度报告' : '无法读取';
    return [
      o.file,
      typeof d.agency === 'string' ? d.agency : null,
      typeof d.year === 'number' ? d.year : null,
      null,
      verdict,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      o.error?.message ?? null,
    ];
  }
  const failed = r.checks.filter((c) => !c.ok && isHardRule(c.rule));
  const soft = r.checks.filter((c) => !c.ok && !isHardRule(c.rule));
  const rows = r.section3.rows;
  return [
    o.file,
    r.agency,
    r.year,
    r.format,
    r.consistent ? '是' : '否',
    failed.map((c) => c.rule).join('、') || null,
    soft.map((c) => c.rule).join('、') || null,
    rows.new[6],
    rows.carried_over[6],
    rows.total[6],
    rows.carried_forward[6],
    r.section4.reconsideration[4],
    r.section4.litigationDirect[4] + r.section4.litigationAfterReconsideration[4],
    r.section2.penalties,
    r.section2.licensing,
    failed.map((c) => `${c.rule}：${c.message}`).join('\n') || null,
  ];
}

/** Adds the sheet 未通过的规则: one row per rule not passed (`who` names the report: file or agency). */
export function addFailedRulesSheet(wb: ExcelJS.Workbook, outcomes: readonly CheckOutcome[], whoHeader = '文件'): void {
  const detail = wb.addWorksheet('未通过的规则', { views: [{ state: 'frozen', ySplit: 1 }] });
  detail.addRow([whoHeader, '单位', '规则', '类别', '说明', '单元格']);
  detail.getRow(1).font = { bold: true };
  for (const o of outcomes) {
    for (const c of o.report?.checks ?? []) {
      if (c.ok) continue;
      detail.addRow([o.file, o.report?.agency ?? null, c.rule, isHardRule(c.rule) ? '违反' : '提示', c.message, c.cells.join('、')]);
    }
  }
  [40, 28, 8, 8, 80, 60].forEach((w, i) => (detail.getColumn(i + 1).width = w));
}

/** The summary workbook of checked files. */
export function buildSummaryWorkbook(outcomes: readonly CheckOutcome[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet('年报检查汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow([...SUMMARY_HEADERS]);
  for (const o of outcomes) ws.addRow(summaryRow(o));
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: SUMMARY_HEADERS.length } };
  const widths = [40, 28, 8, 8, 16, 14, 14, 12, 10, 12, 10, 10, 10, 10, 10, 80];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(SUMMARY_HEADERS.length).alignment = { wrapText: true, vertical: 'top' };
  addFailedRulesSheet(wb, outcomes);
  return wb;
}

/** The summary workbook as bytes (uploads). */
export async function summaryXlsxBuffer(outcomes: readonly CheckOutcome[]): Promise<Buffer> {
  return Buffer.from(await buildSummaryWorkbook(outcomes).xlsx.writeBuffer());
}

/** Writes the summary workbook to `file`. */
export async function writeSummaryXlsx(outcomes: readonly CheckOutcome[], file: string): Promise<void> {
  await buildSummaryWorkbook(outcomes).xlsx.writeFile(file);
}
