/** The 依申请公开台账 as an XLSX workbook, with the columns a county inspection asks for. */
import ExcelJS from 'exceljs';

export interface LedgerSheetRow {
  trackingNo: string;
  receivedOn: string;
  channel: string;
  applicantKind: string;
  /** Only for staff who may see the applicant (canSeeApplicant); null otherwise. */
  applicant: { name: string; phone: string; idNumber: string } | null;
  description: string;
  handler: string;
  backupHandler: string;
  state: string;
  dueOn: string;
  extensionDays: number;
  pausedDays: number;
  repliedOn: string;
  outcome: string;
  overdue: string;
  delivery: string;
}

/** Column headers (the applicant's three only when `withApplicant`). */
export function ledgerHeaders(withApplicant: boolean): string[] {
  return [
    '受理编号',
    '收到日期',
    '申请方式',
    '申请人类型',
    ...(withApplicant ? ['申请人', '联系电话', '证件号码/统一社会信用代码'] : []),
    '申请内容',
    '承办人',
    'B岗',
    '状态',
    '法定期限',
    '延期（工作日）',
    '暂停（工作日）',
    '答复日期',
    '处理结果',
    '是否逾期',
    '送达方式/日期',
  ];
}

/** Writes the workbook: a title row, the header row, one row per request. */
export async function buildRequestLedgerWorkbook(title: string, rows: LedgerSheetRow[], withApplicant: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet('依申请公开台账');
  const headers = ledgerHeaders(withApplicant);
  ws.addRow([title]);
  ws.addRow(headers);
  ws.getRow(2).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  for (const r of rows) {
    ws.addRow([
      r.trackingNo,
      r.receivedOn,
      r.channel,
      r.applicantKind,
      ...(withApplicant ? [r.applicant?.name ?? '', r.applicant?.phone ?? '', r.applicant?.idNumber ?? ''] : []),
      r.description,
      r.handler,
      r.backupHandler,
      r.state,
      r.dueOn,
      r.extensionDays,
      r.pausedDays,
      r.repliedOn,
      r.outcome,
      r.overdue,
      r.delivery,
    ]);
  }
  const widths: Record<string, number> = { 申请内容: 40, 处理结果: 24, 法定期限: 14, '证件号码/统一社会信用代码': 22, '送达方式/日期': 18 };
  headers.forEach((h, i) => (ws.getColumn(i + 1).width = widths[h] ?? 12));
  // ID numbers and phone numbers stay text (Excel would turn 18 digits into 1.1E+17).
  for (let i = 0; i < headers.length; i++) if (['联系电话', '证件号码/统一社会信用代码', '受理编号'].includes(headers[i]!)) ws.getColumn(i + 1).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
