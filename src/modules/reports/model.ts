/**
 * The numbers of a 政府信息公开工作年度报告 in the national format (国办公开办函〔2021〕30号,
 * DOMAIN.md §2) and the JSON contract built on them (issue 5, docs/modules/reports.md).
 * Pure: no I/O. The generator, the validator and the parsers of reports made elsewhere all
 * speak this model.
 */

/** Where a report came from: `format` of the JSON contract. */
export type ReportFormat = 'html' | 'docx' | 'pdf' | 'text';

/** The seven numeric columns of table 三, in table order (no 法人 subtotal column). */
export const SECTION3_COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'] as const;

/** A column name of table 三. */
export type Section3Column = (typeof SECTION3_COLUMNS)[number];

/** Index of the 总计 column in a table-三 row. */
export const TOTAL_COLUMN = 6;

/** One row of table 三: seven non-negative integers, columns as in {@link SECTION3_COLUMNS}. */
export type Row7 = [number, number, number, number, number, number, number];

/** Static description of one row of table 三. */
export interface Section3RowSpec {
  /** Stable English key used in the JSON contract. */
  key: string;
  /** Short Chinese code used in cell names: 一, 二, 三(一), 三(三)1 … 四. */
  code: string;
  /** The label of the enclosing group cell(s), if any (e.g. 三、本年度办理结果 （三）不予公开). */
  group: string;
  /** The row's own label as printed in the format. */
  label: string;
  /** A short label for terminal output. */
  short: string;
}

const G3 = '三、本年度办理结果';

/** The 25 numeric rows of table 三, in table order (DOMAIN.md §2.3). */
export const SECTION3_ROWS = [
  { key: 'new', code: '一', group: '', label: '一、本年新收政府信息公开申请数量', short: '一、本年新收' },
  { key: 'carried_over', code: '二', group: '', label: '二、上年结转政府信息公开申请数量', short: '二、上年结转' },
  { key: 'granted', code: '三(一)', group: G3, label: '（一）予以公开', short: '(一)予以公开' },
  { key: 'partial', code: '三(二)', group: G3, label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', short: '(二)部分公开' },
  { key: 'denied_state_secret', code: '三(三)1', group: `${G3} （三）不予公开`, label: '1.属于国家秘密', short: '(三)1 国家秘密' },
  { key: 'denied_law_forbids', code: '三(三)2', group: `${G3} （三）不予公开`, label: '2.其他法律行政法规禁止公开', short: '(三)2 法律法规禁止' },
  { key: 'denied_security_stability', code: '三(三)3', group: `${G3} （三）不予公开`, label: '3.危及“三安全一稳定”', short: '(三)3 三安全一稳定' },
  { key: 'denied_third_party', code: '三(三)4', group: `${G3} （三）不予公开`, label: '4.保护第三方合法权益', short: '(三)4 第三方权益' },
  { key: 'denied_internal_affairs', code: '三(三)5', group: `${G3} （三）不予公开`, label: '5.属于三类内部事务信息', short: '(三)5 内部事务' },
  { key: 'denied_process_info', code: '三(三)6', group: `${G3} （三）不予公开`, label: '6.属于四类过程性信息', short: '(三)6 过程性信息' },
  { key: 'denied_enforcement_file', code: '三(三)7', group: `${G3} （三）不予公开`, label: '7.属于行政执法案卷', short: '(三)7 执法案卷' },
  { key: 'denied_admin_query', code: '三(三)8', group: `${G3} （三）不予公开`, label: '8.属于行政查询事项', short: '(三)8 行政查询' },
  { key: 'unavailable_not_held', code: '三(四)1', group: `${G3} （四）无法提供`, label: '1.本机关不掌握相关政府信息', short: '(四)1 不掌握' },
  { key: 'unavailable_needs_creation', code: '三(四)2', group: `${G3} （四）无法提供`, label: '2.没有现成信息需要另行制作', short: '(四)2 需另行制作' },
  { key: 'unavailable_still_unclear', code: '三(四)3', group: `${G3} （四）无法提供`, label: '3.补正后申请内容仍不明确', short: '(四)3 补正后仍不明确' },
  { key: 'not_processed_petition', code: '三(五)1', group: `${G3} （五）不予处理`, label: '1.信访举报投诉类申请', short: '(五)1 信访举报投诉' },
  { key: 'not_processed_duplicate', code: '三(五)2', group: `${G3} （五）不予处理`, label: '2.重复申请', short: '(五)2 重复申请' },
  { key: 'not_processed_publication', code: '三(五)3', group: `${G3} （五）不予处理`, label: '3.要求提供公开出版物', short: '(五)3 公开出版物' },
  { key: 'not_processed_excessive', code: '三(五)4', group: `${G3} （五）不予处理`, label: '4.无正当理由大量反复申请', short: '(五)4 大量反复申请' },
  { key: 'not_processed_reconfirm', code: '三(五)5', group: `${G3} （五）不予处理`, label: '5.要求行政机关确认或重新出具已获取信息', short: '(五)5 确认或重新出具' },
  {
    key: 'other_no_correction',
    code: '三(六)1',
    group: `${G3} （六）其他处理`,
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    short: '(六)1 逾期不补正',
  },
  {
    key: 'other_fee_unpaid',
    code: '三(六)2',
    group: `${G3} （六）其他处理`,
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    short: '(六)2 逾期未缴费',
  },
  { key: 'other_other', code: '三(六)3', group: `${G3} （六）其他处理`, label: '3.其他', short: '(六)3 其他' },
  { key: 'total', code: '三(七)', group: G3, label: '（七）总计', short: '(七)总计' },
  { key: 'carried_forward', code: '四', group: '', label: '四、结转下年度继续办理', short: '四、结转下年度' },
] as const satisfies readonly Section3RowSpec[];

/** A row key of table 三 (`new`, `carried_over`, `granted`, … `carried_forward`). */
export type Section3RowKey = (typeof SECTION3_ROWS)[number]['key'];

/** The row keys in table order. */
export const SECTION3_ROW_KEYS: readonly Section3RowKey[] = SECTION3_ROWS.map((r) => r.key);

/** The 21 result rows that (七)总计 sums (G3): (一)(二)(三)1–8(四)1–3(五)1–5(六)1–3. */
export const SECTION3_LEAF_KEYS: readonly Section3RowKey[] = SECTION3_ROW_KEYS.slice(2, 23);

/** The five cells of each table-四 group, in table order. */
export const SECTION4_COLUMNS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;

/** The three groups of table 四 with their Chinese names (used in cell names). */
export const SECTION4_GROUPS = [
  { key: 'reconsideration', name: '行政复议' },
  { key: 'litigationDirect', name: '未经复议直接起诉' },
  { key: 'litigationAfterReconsideration', name: '复议后起诉' },
] as const;

/** A group key of table 四. */
export type Section4GroupKey = (typeof SECTION4_GROUPS)[number]['key'];

/** Five integers: 维持, 纠正, 其他, 尚未审结, 总计. */
export type Row5 = [number, number, number, number, number];

/** 本年制发 / 本年废止 / 现行有效 counts of one item of 第二十条第（一）项. */
export interface IssuedCounts {
  /** 本年制发件数 */
  issued: number;
  /** 本年废止件数 */
  repealed: number;
  /** 现行有效件数 */
  inForce: number;
}

/** Table 二 (主动公开政府信息情况). */
export interface Section2 {
  /** 规章 */
  regulations: IssuedCounts;
  /** 行政规范性文件 (some reports print 规范性文件) */
  normativeDocuments: IssuedCounts;
  /** 第二十条第（五）项 行政许可: 本年处理决定数量 */
  licensing: number;
  /** 第二十条第（六）项 行政处罚: 本年处理决定数量 */
  penalties: number;
  /** 第二十条第（六）项 行政强制: 本年处理决定数量 */
  enforcement: number;
  /** 第二十条第（八）项 行政事业性收费: 本年收费金额 (万元, may have decimals) */
  feesWan: number;
}

/** Table 三 (收到和处理政府信息公开申请情况). */
export interface Section3 {
  /** Always {@link SECTION3_COLUMNS}. */
  columns: typeof SECTION3_COLUMNS;
  /** One row of seven integers per key, keys in table order. */
  rows: Record<Section3RowKey, Row7>;
  /** Names of the table-三 cells that were blank in the source (read as 0), e.g. `三.商业企业.一`. */
  blank: string[];
}

/** Table 四 (政府信息公开行政复议、行政诉讼情况). */
export interface Section4 {
  /** 行政复议 */
  reconsideration: Row5;
  /** 行政诉讼 · 未经复议直接起诉 */
  litigationDirect: Row5;
  /** 行政诉讼 · 复议后起诉 */
  litigationAfterReconsideration: Row5;
}

/** The three tables of a report. */
export interface ReportNumbers {
  /** Table 二 */
  section2: Section2;
  /** Table 三 */
  section3: Section3;
  /** Table 四 */
  section4: Section4;
}

/** Rule identifiers: G1–G5 are hard (勾稽), S1–S5 soft (warnings). */
export const RULE_IDS = ['G1', 'G2', 'G3', 'G4', 'G5', 'S1', 'S2', 'S3', 'S4', 'S5'] as const;

/** A rule identifier. */
export type RuleId = (typeof RULE_IDS)[number];

/** true for the hard rules, whose failure makes a report inconsistent. */
export function isHardRule(rule: RuleId): boolean {
  return rule.startsWith('G');
}

/** The result of one rule. */
export interface RuleCheck {
  /** G1 … S5 */
  rule: RuleId;
  /** true when the rule holds (or could not be applied, which the message says). */
  ok: boolean;
  /** What was checked or what is wrong, in Chinese. */
  message: string;
  /** Names of the cells at fault (empty when ok); a single wrong cell that explains every failure comes first. */
  cells: string[];
}

/** A checked report: exactly the JSON contract of docs/modules/reports.md. */
export interface AnnualReport extends ReportNumbers {
  /** e.g. 巫山县曲尺乡人民政府2025年政府信息公开工作年度报告; null when not found. */
  title: string | null;
  /** e.g. 巫山县曲尺乡人民政府; null when not found. */
  agency: string | null;
  /** The year reported on; null when not found. */
  year: number | null;
  /** The kind of file it was read from. */
  format: ReportFormat;
  /** One entry per rule, G1…G5 then S1…S5. */
  checks: RuleCheck[];
  /** true when every hard rule (G1–G5) holds. */
  consistent: boolean;
}

/** Row spec by key. */
export function section3Row(key: Section3RowKey): (typeof SECTION3_ROWS)[number] {
  const spec = SECTION3_ROWS.find((r) => r.key === key);
  if (!spec) throw new Error(`unknown table-三 row ${key}`);
  return spec;
}

/** Cell name in table 三, e.g. `三.总计.一` (table.column.row). */
export function section3Cell(key: Section3RowKey, column: number): string {
  return `三.${SECTION3_COLUMNS[column] ?? '?'}.${section3Row(key).code}`;
}

/** The labels of table 二's cells, by field. */
export const SECTION2_CELLS = {
  regulations: { label: '规章', columns: { issued: '本年制发件数', repealed: '本年废止件数', inForce: '现行有效件数' } },
  normativeDocuments: {
    label: '行政规范性文件',
    columns: { issued: '本年制发件数', repealed: '本年废止件数', inForce: '现行有效件数' },
  },
  licensing: { label: '行政许可', column: '本年处理决定数量' },
  penalties: { label: '行政处罚', column: '本年处理决定数量' },
  enforcement: { label: '行政强制', column: '本年处理决定数量' },
  feesWan: { label: '行政事业性收费', column: '本年收费金额' },
} as const;

/** Cell name in table 二 for a 第二十条第（一）项 count, e.g. `二.规章.本年制发件数`. */
export function section2CountCell(item: 'regulations' | 'normativeDocuments', field: keyof IssuedCounts): string {
  const spec = SECTION2_CELLS[item];
  return `二.${spec.label}.${spec.columns[field]}`;
}

/** Cell name in table 二 for a single-number item, e.g. `二.行政处罚.本年处理决定数量`. */
export function section2SingleCell(item: 'licensing' | 'penalties' | 'enforcement' | 'feesWan'): string {
  const spec = SECTION2_CELLS[item];
  return `二.${spec.label}.${spec.column}`;
}

/** Cell name in table 四, e.g. `四.行政复议.总计`. */
export function section4Cell(group: Section4GroupKey, column: number): string {
  const g = SECTION4_GROUPS.find((x) => x.key === group);
  return `四.${g?.name ?? '?'}.${SECTION4_COLUMNS[column] ?? '?'}`;
}

/** A row of seven zeros. */
export function zeroRow7(): Row7 {
  return [0, 0, 0, 0, 0, 0, 0];
}

/** A row of five zeros. */
export function zeroRow5(): Row5 {
  return [0, 0, 0, 0, 0];
}

/** A report whose every cell is 0 (a starting point for generators and tests). */
export function emptyReportNumbers(): ReportNumbers {
  const rows = Object.fromEntries(SECTION3_ROW_KEYS.map((k) => [k, zeroRow7()])) as Record<Section3RowKey, Row7>;
  return {
    section2: {
      regulations: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 0, repealed: 0, inForce: 0 },
      licensing: 0,
      penalties: 0,
      enforcement: 0,
      feesWan: 0,
    },
    section3: { columns: SECTION3_COLUMNS, rows, blank: [] },
    section4: { reconsideration: zeroRow5(), litigationDirect: zeroRow5(), litigationAfterReconsideration: zeroRow5() },
  };
}

/** Deep copy of the numbers (rows are arrays, so a spread is not enough). */
export function cloneReportNumbers(n: ReportNumbers): ReportNumbers {
  return {
    section2: {
      ...n.section2,
      regulations: { ...n.section2.regulations },
      normativeDocuments: { ...n.section2.normativeDocuments },
    },
    section3: {
      columns: SECTION3_COLUMNS,
      rows: Object.fromEntries(SECTION3_ROW_KEYS.map((k) => [k, [...n.section3.rows[k]]])) as Record<Section3RowKey, Row7>,
      blank: [...n.section3.blank],
    },
    section4: {
      reconsideration: [...n.section4.reconsideration],
      litigationDirect: [...n.section4.litigationDirect],
      litigationAfterReconsideration: [...n.section4.litigationAfterReconsideration],
    },
  };
}

/** Every numeric cell of the three tables with its name and value, in table order. */
export function listCells(n: ReportNumbers): Array<{ cell: string; value: number; integer: boolean }> {
  const out: Array<{ cell: string; value: number; integer: boolean }> = [];
  for (const item of ['regulations', 'normativeDocuments'] as const) {
    for (const field of ['issued', 'repealed', 'inForce'] as const) {
      out.push({ cell: section2CountCell(item, field), value: n.section2[item][field], integer: true });
    }
  }
  for (const item of ['licensing', 'penalties', 'enforcement'] as const) {
    out.push({ cell: section2SingleCell(item), value: n.section2[item], integer: true });
  }
  out.push({ cell: section2SingleCell('feesWan'), value: n.section2.feesWan, integer: false });
  for (const key of SECTION3_ROW_KEYS) {
    n.section3.rows[key].forEach((value, c) => out.push({ cell: section3Cell(key, c), value, integer: true }));
  }
  for (const g of SECTION4_GROUPS) {
    n.section4[g.key].forEach((value, c) => out.push({ cell: section4Cell(g.key, c), value, integer: true }));
  }
  return out;
}

/**
 * The report in the key order of the JSON contract (title, agency, year, format, section2,
 * section3, section4, checks, consistent), ready for JSON.stringify.
 */
export function toContractJson(r: AnnualReport): AnnualReport {
  return {
    title: r.title,
    agency: r.agency,
    year: r.year,
    format: r.format,
    section2: {
      regulations: { issued: r.section2.regulations.issued, repealed: r.section2.regulations.repealed, inForce: r.section2.regulations.inForce },
      normativeDocuments: {
        issued: r.section2.normativeDocuments.issued,
        repealed: r.section2.normativeDocuments.repealed,
        inForce: r.section2.normativeDocuments.inForce,
      },
      licensing: r.section2.licensing,
      penalties: r.section2.penalties,
      enforcement: r.section2.enforcement,
      feesWan: r.section2.feesWan,
    },
    section3: {
      columns: SECTION3_COLUMNS,
      rows: Object.fromEntries(SECTION3_ROW_KEYS.map((k) => [k, [...r.section3.rows[k]]])) as Record<Section3RowKey, Row7>,
      blank: [...r.section3.blank],
    },
    section4: {
      reconsideration: [...r.section4.reconsideration],
      litigationDirect: [...r.section4.litigationDirect],
      litigationAfterReconsideration: [...r.section4.litigationAfterReconsideration],
    },
    checks: r.checks.map((c) => ({ rule: c.rule, ok: c.ok, message: c.message, cells: [...c.cells] })),
    consistent: r.consistent,
  };
}
