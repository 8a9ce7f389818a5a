/**
 * Annual reports (issue 5) as the console sees them: the JSON shapes of /api/reports… (mirroring
 * reports.service.ts and the JSON contract of docs/modules/reports.md), the national format's
 * rows and columns (国办公开办函〔2021〕30号, mirroring src/modules/reports/model.ts — the console
 * never imports server code), and the two names of every cell: the drill-down id
 * (`s3.granted.0`) and the Chinese name the rule checks use (`三.自然人.三(一)`).
 */

/** The seven numeric columns of table 三. */
export const SECTION3_COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'] as const;

/** One row of table 三: key of the contract, code used in cell names, label as printed, group (（三）不予公开 …). */
export interface Section3RowSpec {
  key: string;
  code: string;
  label: string;
  /** The (三)…(六) group the row belongs to, '' for none; `result` rows sit under 三、本年度办理结果. */
  group: string;
  result: boolean;
}

const row = (key: string, code: string, label: string, group = '', result = true): Section3RowSpec => ({ key, code, label, group, result });

/** The 25 rows of table 三 in table order (DOMAIN.md §2.3). */
export const SECTION3_ROWS: readonly Section3RowSpec[] = [
  row('new', '一', '一、本年新收政府信息公开申请数量', '', false),
  row('carried_over', '二', '二、上年结转政府信息公开申请数量', '', false),
  row('granted', '三(一)', '（一）予以公开'),
  row('partial', '三(二)', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'),
  row('denied_state_secret', '三(三)1', '1.属于国家秘密', '（三）不予公开'),
  row('denied_law_forbids', '三(三)2', '2.其他法律行政法规禁止公开', '（三）不予公开'),
  row('denied_security_stability', '三(三)3', '3.危及“三安全一稳定”', '（三）不予公开'),
  row('denied_third_party', '三(三)4', '4.保护第三方合法权益', '（三）不予公开'),
  row('denied_internal_affairs', '三(三)5', '5.属于三类内部事务信息', '（三）不予公开'),
  row('denied_process_info', '三(三)6', '6.属于四类过程性信息', '（三）不予公开'),
  row('denied_enforcement_file', '三(三)7', '7.属于行政执法案卷', '（三）不予公开'),
  row('denied_admin_query', '三(三)8', '8.属于行政查询事项', '（三）不予公开'),
  row('unavailable_not_held', '三(四)1', '1.本机关不掌握相关政府信息', '（四）无法提供'),
  row('unavailable_needs_creation', '三(四)2', '2.没有现成信息需要另行制作', '（四）无法提供'),
  row('unavailable_still_unclear', '三(四)3', '3.补正后申请内容仍不明确', '（四）无法提供'),
  row('not_processed_petition', '三(五)1', '1.信访举报投诉类申请', '（五）不予处理'),
  row('not_processed_duplicate', '三(五)2', '2.重复申请', '（五）不予处理'),
  row('not_processed_publication', '三(五)3', '3.要求提供公开出版物', '（五）不予处理'),
  row('not_processed_excessive', '三(五)4', '4.无正当理由大量反复申请', '（五）不予处理'),
  row('not_processed_reconfirm', '三(五)5', '5.要求行政机关确认或重新出具已获取信息', '（五）不予处理'),
  row('other_no_correction', '三(六)1', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '（六）其他处理'),
  row('other_fee_unpaid', '三(六)2', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '（六）其他处理'),
  row('other_other', '三(六)3', '3.其他', '（六）其他处理'),
  row('total', '三(七)', '（七）总计'),
  row('carried_forward', '四', '四、结转下年度继续办理', '', false),
];

/** The five cells of a table-四 group. */
export const SECTION4_COLUMNS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;

/** The three groups of table 四 (key of the contract, name used in cell names). */
export const SECTION4_GROUPS = [
  { key: 'reconsideration', name: '行政复议' },
  { key: 'litigationDirect', name: '未经复议直接起诉' },
  { key: 'litigationAfterReconsideration', name: '复议后起诉' },
] as const;

export type Section4GroupKey = (typeof SECTION4_GROUPS)[number]['key'];

export type IssuedItem = 'regulations' | 'normativeDocuments';
export type IssuedField = 'issued' | 'repealed' | 'inForce';
export type SingleItem = 'licensing' | 'penalties' | 'enforcement' | 'feesWan';

const issuedLabels: Record<IssuedItem, string> = { regulations: '规章', normativeDocuments: '行政规范性文件' };
const issuedColumns: Record<IssuedField, string> = { issued: '本年制发件数', repealed: '本年废止件数', inForce: '现行有效件数' };
export const singleLabels: Record<SingleItem, string> = { licensing: '行政许可', penalties: '行政处罚', enforcement: '行政强制', feesWan: '行政事业性收费' };

/** One numeric cell: its drill-down id, its Chinese name (rule checks) and its value. */
export interface ReportCell {
  id: string;
  name: string;
  value: number;
}

export function section2CountCell(n: ReportNumbers, item: IssuedItem, field: IssuedField): ReportCell {
  return { id: `s2.${item}.${field}`, name: `二.${issuedLabels[item]}.${issuedColumns[field]}`, value: n.section2[item][field] };
}

export function section2SingleCell(n: ReportNumbers, item: SingleItem): ReportCell {
  return { id: `s2.${item}`, name: `二.${singleLabels[item]}.${item === 'feesWan' ? '本年收费金额' : '本年处理决定数量'}`, value: n.section2[item] };
}

export function section3Cell(n: ReportNumbers, spec: Section3RowSpec, column: number): ReportCell {
  return { id: `s3.${spec.key}.${column}`, name: `三.${SECTION3_COLUMNS[column] ?? '?'}.${spec.code}`, value: n.section3.rows[spec.key]?.[column] ?? 0 };
}

export function section4Cell(n: ReportNumbers, group: (typeof SECTION4_GROUPS)[number], column: number): ReportCell {
  return { id: `s4.${group.key}.${column}`, name: `四.${group.name}.${SECTION4_COLUMNS[column] ?? '?'}`, value: n.section4[group.key][column] ?? 0 };
}

/** A cell value as printed: integers as they are, 收费金额 with up to four decimals. */
export function formatCellValue(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(4)));
}

// ---- JSON shapes ----

export type RuleId = 'G1' | 'G2' | 'G3' | 'G4' | 'G5' | 'S1' | 'S2' | 'S3' | 'S4' | 'S5';

export interface RuleCheck {
  rule: RuleId;
  ok: boolean;
  message: string;
  /** Chinese cell names at fault (`三.总计.一`). */
  cells: string[];
}

/** G1–G5 are hard (the report cannot be published), S1–S5 warnings. */
export function isHardRule(rule: string): boolean {
  return rule.startsWith('G');
}

export const ruleNames: Record<RuleId, string> = {
  G1: '表三各列：第一项加第二项之和等于第三项加第四项之和',
  G2: '表三各行：总计等于各类申请人之和',
  G3: '表三各列：（七）总计等于（一）至（六）各项之和',
  G4: '表四各组：总计等于维持、纠正、其他、尚未审结之和',
  G5: '所有单元格为非负整数',
  S1: '与上年报告“结转下年度继续办理”衔接',
  S2: '现行有效件数与上年衔接',
  S3: '总体情况中的数字与表格一致',
  S4: '“予以公开和部分公开”合计数与表格一致',
  S5: '没有空白单元格',
};

export interface ReportNumbers {
  section2: {
    regulations: Record<IssuedField, number>;
    normativeDocuments: Record<IssuedField, number>;
    licensing: number;
    penalties: number;
    enforcement: number;
    feesWan: number;
  };
  section3: { columns: string[]; rows: Record<string, number[]>; blank: string[] };
  section4: Record<Section4GroupKey, number[]>;
}

/** The JSON contract (docs/modules/reports.md). */
export interface AnnualReport extends ReportNumbers {
  title: string | null;
  agency: string | null;
  year: number | null;
  format: 'html' | 'docx' | 'pdf' | 'text';
  checks: RuleCheck[];
  consistent: boolean;
}

export type CaseKind = 'reconsideration' | 'litigation_direct' | 'litigation_after_reconsideration';
export type CaseResult = 'upheld' | 'corrected' | 'other' | 'pending';

export const caseKindLabels: Record<CaseKind, string> = {
  reconsideration: '行政复议',
  litigation_direct: '行政诉讼（未经复议直接起诉）',
  litigation_after_reconsideration: '行政诉讼（复议后起诉）',
};

export const caseResultLabels: Record<CaseResult, string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结' };

export interface ReportCase {
  id: string;
  kind: CaseKind;
  result: CaseResult;
  caseNo: string | null;
  summary: string;
  filedOn: string | null;
  /** The 依申请公开 request the case is about, when linked. */
  requestId: string | null;
}

export interface Section4Input {
  reconsideration: number[];
  litigationDirect: number[];
  litigationAfterReconsideration: number[];
}

export interface ReportFigures {
  id: string;
  licensing: number;
  penalties: number;
  enforcement: number;
  feesWan: number;
  section4: Section4Input | null;
  updatedAt: string;
}

export interface ReportNarrative {
  overview: string;
  problems: string;
  other: string;
  /** false while it is the generated first draft. */
  stored: boolean;
  lockVersion: number;
}

/** GET /api/reports/:agencyId/:year. */
export interface ReportView {
  numbers: AnnualReport;
  checks: RuleCheck[];
  /** Chinese cell name → ids of the records behind it. */
  sources: Record<string, string[]>;
  section4Source: 'cases' | 'figures';
  figures: ReportFigures | null;
  cases: ReportCase[];
  narrative: ReportNarrative;
  /**
   * The latest publication: revision 1 is the first, each correction (更正) adds one; `outdated`
   * is true when the live tables differ from the published ones.
   */
  publication: { documentId: string; publishedAt: string; url: string; revision: number; firstPublishedAt: string; outdated: boolean } | null;
}

/** One record behind a cell (GET …/cells/:cell). */
export interface CellRecord {
  kind: 'item' | 'request' | 'case' | 'figure' | string;
  id: string;
  title: string;
  /** YYYY-MM-DD (figures: when they were entered, ISO). */
  date: string | null;
  /** The portal page of an item, the console page of a request. */
  href?: string | null;
  /** 申请人, only for staff who may see applicants. */
  applicant?: string | null;
  /** Who entered a figure. */
  by?: string | null;
}

export interface CellRecords {
  cell: string;
  /** The Chinese cell name (matches checks[].cells). */
  name: string;
  label: string;
  value: number;
  records: CellRecord[];
}

export const recordKindLabels: Record<string, string> = {
  item: '公开信息',
  request: '依申请公开',
  figure: '录入数据',
  case: '复议诉讼案件',
};

/** GET /api/reports/county/:year. */
export type CountyState = 'draft' | 'published' | 'late' | 'missing';

export interface CountyAgency {
  agencyId: string;
  name: string;
  kind?: string;
  parentId?: string | null;
  state: CountyState;
  /** First publication (revision 1), ISO. */
  publishedAt?: string | null;
  /** Latest correction, ISO. */
  correctedAt?: string | null;
  revision?: number;
  consistent: boolean;
  /** Hard rules that fail. */
  failedRules: string[];
  /** Soft rules not passed. */
  warnings?: string[];
}

export interface CountyView {
  year: number;
  deadline: string;
  agencies: CountyAgency[];
}

export const countyStateLabels: Record<CountyState, { text: string; color: string }> = {
  published: { text: '已发布', color: 'success' },
  draft: { text: '草稿', color: 'processing' },
  late: { text: '逾期', color: 'error' },
  missing: { text: '未开始', color: 'default' },
};

/** One file of POST /api/reports/check. */
export interface CheckedReport extends Partial<AnnualReport> {
  path: string;
  exitCode: number;
  error?: string | { code?: string; message?: string } | null;
}

export function checkedError(r: CheckedReport): string | null {
  if (!r.error) return null;
  return typeof r.error === 'string' ? r.error : (r.error.message ?? r.error.code ?? '无法读取');
}

/** The years offered by the pickers: from the current year back to 2019 (the 2021 format covers reports on 2020 on). */
export function reportYears(): number[] {
  const now = new Date().getFullYear();
  const out: number[] = [];
  for (let y = now; y >= 2019; y--) out.push(y);
  return out;
}

/** The year whose report is being written now: last year. */
export function defaultReportYear(): number {
  return new Date().getFullYear() - 1;
}
