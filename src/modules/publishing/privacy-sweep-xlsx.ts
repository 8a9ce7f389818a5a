/** The sweep (回头看) report as an XLSX workbook: one row per finding, masked forms only. */
import ExcelJS from 'exceljs';
import { chinaDate } from '../../lib/clock.ts';
import { confidenceNames, type SweepReportItem, type SweepRun } from './privacy-sweep.presenter.ts';

const dateOf = (iso: string | null) => (iso ? chinaDate(new Date(iso)) : '');
const timeOf = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '');

/** Writes the report workbook: a 发现明细 sheet and a 概况 sheet. */
export async function buildSweepWorkbook(title: string, run: SweepRun, items: SweepReportItem[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet('发现明细');
  ws.addRow(['索引号', '标题', '发布日期', '位置', '类型', '脱敏显示', '置信度', '处理情况']);
  ws.getRow(1).font = { bold: true };
  for (const item of items) {
    for (const f of item.findings) {
      ws.addRow([item.indexNo, item.title, dateOf(item.publishedAt), f.place, f.typeLabel, f.type === 'manualReview' ? f.reason : f.masked, confidenceNames[f.confidence], item.stateName]);
    }
  }
  [22, 40, 12, 44, 16, 26, 8, 10].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const sum = wb.addWorksheet('概况');
  sum.addRows([
    ['报告', title],
    ['开始时间', timeOf(run.startedAt)],
    ['结束时间', timeOf(run.finishedAt)],
    ['状态', run.statusName],
    ['发起方式', run.triggerName],
    ['检查信息条数', run.done],
    ['发现个人信息的条数', run.itemsWithFindings],
    ['发现处数', run.findingsCount],
  ]);
  sum.getColumn(1).width = 20;
  sum.getColumn(2).width = 40;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
