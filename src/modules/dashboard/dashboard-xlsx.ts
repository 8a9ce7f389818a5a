/**
 * The dashboards as XLSX workbooks (ExcelJS, as the catalog ledger's export): one sheet per table
 * or chart series, each opening with a title row (agency, year, generation time in Beijing time)
 * and a row of Chinese headers. Counts are numbers, rates are numbers formatted as percentages
 * (an empty cell when there is nothing to rate), dates are ISO text. Pure: no I/O.
 */
import ExcelJS from 'exceljs';
import type { AgencyDashboard, CountyDashboard } from './dashboard.service.ts';

type Cell = string | number | null;

const percentFormat = '0.0%';

/** "2025-12-15 10:00" in Beijing time (UTC+8, no daylight saving). */
export function beijingTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

interface SheetSpec {
  name: string;
  headers: string[];
  rows: Cell[][];
  /** Columns (0-based) holding rates. */
  rates?: number[];
  widths?: number[];
}

function addSheet(wb: ExcelJS.Workbook, title: string, spec: SheetSpec): void {
  const ws = wb.addWorksheet(spec.name);
  ws.addRow([title]);
  ws.getRow(1).font = { bold: true, size: 13 };
  ws.addRow(spec.headers);
  ws.getRow(2).font = { bold: true };
  for (const r of spec.rows) ws.addRow(r); // null leaves the cell empty
  for (const c of spec.rates ?? []) {
    ws.getColumn(c + 1).numFmt = percentFormat;
  }
  spec.headers.forEach((h, i) => (ws.getColumn(i + 1).width = spec.widths?.[i] ?? Math.max(10, h.length * 2 + 4)));
  ws.views = [{ state: 'frozen', ySplit: 2 }];
}

/** One agency's dashboard (the JSON of GET /api/dashboard). */
export async function buildDashboardWorkbook(d: AgencyDashboard, at: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  wb.created = at;
  const title = `${d.agencyName} ${String(d.year)}年数据看板（生成时间 ${beijingTime(at)}）`;
  const f = d.feedback;
  const sheets: SheetSpec[] = [
    {
      name: '关键指标',
      headers: ['指标', '数值'],
      rows: [
        ['本年发布信息（条）', d.published.total],
        ['按时公开率', d.onTime.rate],
        ['按时公开（项）', d.onTime.onTime],
        ['逾期公开（项）', d.onTime.late],
        ['已逾期未公开（项）', d.onTime.overdue],
        ['待公开（项）', d.onTime.due],
        ['依申请公开收件（件）', d.requests.total],
        ['逾期未答复申请（件）', d.requests.overdueCount],
        ['收到留言（条）', f.total],
        ['已答复留言（条）', f.answered],
        ['按期答复留言（条）', f.answeredOnTime],
        ['留言按期答复率', f.onTimeRate],
        ['逾期未答复留言（条）', f.overdueCount],
        ['满意度评价人数', f.ratings],
        ['满意度（5分制）', f.averageRating],
      ],
      widths: [26, 14],
    },
    { name: '每月发布信息数', headers: ['月份', '发布条数'], rows: d.published.months.map((m) => [`${String(m.month)}月`, m.count]) },
    { name: '按目录领域发布信息数', headers: ['公开领域', '发布条数'], rows: d.published.areas.map((a) => [a.areaName, a.count]), widths: [30, 12] },
    {
      name: '目录更新时限',
      headers: ['公开领域', '按时公开', '逾期公开', '已逾期未公开', '待公开', '按时公开率'],
      rows: [...d.onTime.areas.map((a): Cell[] => [a.areaName, a.onTime, a.late, a.overdue, a.due, a.rate]), ['全单位合计', d.onTime.onTime, d.onTime.late, d.onTime.overdue, d.onTime.due, d.onTime.rate]],
      rates: [5],
      widths: [30, 12, 12, 14, 12, 14],
    },
    { name: '依申请公开办理状态', headers: ['办理状态', '件数'], rows: d.requests.byState.map((s) => [s.name, s.count]), widths: [24, 10] },
    { name: '依申请公开办理结果', headers: ['办理结果', '件数'], rows: d.requests.byOutcome.map((s) => [s.name, s.count]), widths: [40, 10] },
    {
      name: '逾期未答复的申请',
      headers: ['受理编号', '状态', '收到日期', '答复期限'],
      rows: d.requests.overdue.map((r) => [r.trackingNo, r.stateName, r.receivedOn, r.dueOn]),
      widths: [22, 18, 14, 14],
    },
    { name: '留言类型', headers: ['类型', '条数'], rows: f.byKind.map((k) => [k.name, k.count]) },
    { name: '留言状态', headers: ['状态', '条数'], rows: f.byStatus.map((s) => [s.name, s.count]) },
    {
      name: '逾期未答复的留言',
      headers: ['类型', '收到日期', '答复期限', '内容摘要'],
      rows: f.overdue.map((r) => [r.kindName, r.receivedOn, r.dueOn, r.excerpt]),
      widths: [12, 14, 14, 60],
    },
  ];
  for (const s of sheets) addSheet(wb, title, s);
  // The rates of the key figures sheet: rows 4 (按时公开率) and 14 (留言按期答复率) of column B.
  const first = wb.getWorksheet('关键指标')!;
  for (const r of [4, 14]) first.getCell(r, 2).numFmt = percentFormat;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The county view (the JSON of GET /api/dashboard/county): one row per agency. */
export async function buildCountyWorkbook(c: CountyDashboard, at: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  wb.created = at;
  const title = `县级数据看板 ${String(c.year)}年（生成时间 ${beijingTime(at)}）`;
  addSheet(wb, title, {
    name: '各单位关键指标',
    headers: ['单位', '发布信息', '按时公开率', '逾期未公开', '申请收件', '申请办理中', '逾期未答复申请', '收到留言', '已答复留言', '留言按期答复率', '逾期未答复留言', '满意度'],
    rows: c.agencies.map((a) => [a.name, a.published, a.onTimeRate, a.publicationsOverdue, a.requests, a.requestsOpen, a.requestsOverdue, a.feedback, a.feedbackAnswered, a.feedbackOnTimeRate, a.feedbackOverdue, a.averageRating]),
    rates: [2, 9],
    widths: [28, 10, 12, 12, 10, 12, 16, 10, 12, 16, 16, 10],
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
