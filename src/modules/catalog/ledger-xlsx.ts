/** The 更新提醒台账 as an XLSX workbook: one row per obligation, and a summary sheet per area. */
import ExcelJS from 'exceljs';
import { entryKindNames, entryStatusName, entryStatusNames, type Ledger } from './ledger.ts';

/** 是否需要解读 of an item: 是 / 否 / 按文件类型. */
const interpretationName = (v: boolean | null) => (v === null ? '按文件类型' : v ? '是' : '否');

const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** Writes the ledger workbook. */
export async function buildLedgerWorkbook(title: string, ledger: Ledger): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet('更新提醒台账');
  ws.addRow([`${title}（统计至 ${ledger.today}）`]);
  ws.addRow(['公开领域', '一级事项', '二级事项', '公开时限', '是否需要解读', '类别', '周期', '信息标题', '形成日期/周期起/公示起', '应公开日期/公示截止', '实际公开日期', '状态', '剩余工作日']);
  ws.getRow(2).font = { bold: true };
  for (const row of ledger.rows) {
    if (row.entries.length === 0) {
      ws.addRow([row.areaName, row.level1, row.level2, row.timeLimit, interpretationName(row.needsInterpretation), '', '', '', '', '', '', entryStatusNames.none, '']);
      continue;
    }
    for (const e of row.entries) {
      ws.addRow([row.areaName, row.level1, row.level2, row.timeLimit, interpretationName(row.needsInterpretation), entryKindNames[e.kind], e.period ?? '', e.title ?? '', e.from, e.dueDate, e.publishedOn ?? '', entryStatusName(e), e.workingDaysLeft ?? '']);
    }
  }
  [14, 16, 18, 24, 12, 12, 10, 36, 14, 14, 12, 24, 10].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const sum = wb.addWorksheet('按时公开率');
  sum.addRow(['公开领域', '按时', '逾期公开', '已逾期', '待公开', '按时公开率']);
  sum.getRow(1).font = { bold: true };
  for (const a of ledger.areas) sum.addRow([a.areaName, a.counts.onTime, a.counts.late, a.counts.overdue, a.counts.due, percent(a.onTimeRate)]);
  const t = ledger.total;
  sum.addRow(['全单位合计', t.counts.onTime, t.counts.late, t.counts.overdue, t.counts.due, percent(t.onTimeRate)]);
  sum.getColumn(1).width = 22;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
