/**
 * Tokens → the report's numbers. Pure.
 *
 * The document is cut into alternating segments: runs of text (labels, headers, paragraphs)
 * and groups of values (numbers and blank cells). Each table is then read by locating its row
 * labels in order — a row's label is in the run just before its values — and mapping the
 * values that follow to cells. The same procedure reads a web page, a Word table, copied text
 * and a PDF's text items, whatever rowspan/colspan the header used.
 */
import {
  SECTION3_ROWS,
  SECTION4_GROUPS,
  emptyReportNumbers,
  section2CountCell,
  section2SingleCell,
  section3Cell,
  section4Cell,
  type ReportFormat,
  type ReportNumbers,
  type Row5,
  type Row7,
  type Section3RowKey,
} from '../model.ts';
import { ReportReadError } from '../reports.errors.ts';
import type { UnreadableCell } from '../validate.ts';
import { normalizeText, parseCellValue } from './normalize.ts';
import type { SourceDocument, Token } from './tokens.ts';

/** A report read from a file, before the rules run. */
export interface ParsedReport {
  /** The report's title, e.g. 巫山县曲尺乡人民政府2025年政府信息公开工作年度报告. */
  title: string | null;
  /** The reporting agency, e.g. 巫山县曲尺乡人民政府. */
  agency: string | null;
  /** The year reported on. */
  year: number | null;
  /** The kind of file. */
  format: ReportFormat;
  /** The three tables (blank and unreadable cells are 0). */
  numbers: ReportNumbers;
  /** Text of 一、总体情况 (for S3/S4). */
  narrative: string;
  /** Every blank cell of the three tables. */
  blank: string[];
  /** Cells whose text was not a number. */
  unreadable: UnreadableCell[];
  /** Remarks on the report's structure (section titles, title wording); not rules. */
  warnings: string[];
}

type Entry =
  | { kind: 'number'; value: number; token: Token }
  | { kind: 'blank'; token: Token }
  | { kind: 'text'; token: Token }
  | { kind: 'sep' };

type Segment = { kind: 'run'; text: string; tokens: Token[] } | { kind: 'group'; entries: Entry[] };

/** Cuts tokens into runs of text and groups of values (a PDF group never spans two lines). */
function segment(tokens: Token[]): Segment[] {
  const segs: Segment[] = [];
  for (const t of tokens) {
    const last = segs[segs.length - 1];
    if (t.kind === 'sep') {
      if (last?.kind === 'group') last.entries.push({ kind: 'sep' });
      continue;
    }
    const value = t.kind === 'text' ? null : parseCellValue(t.raw);
    if (value && value.kind !== 'text') {
      const entry: Entry = value.kind === 'number' ? { kind: 'number', value: value.value, token: t } : { kind: 'blank', token: t };
      const prevToken = last?.kind === 'group' ? [...last.entries].reverse().find((e) => e.kind !== 'sep') : undefined;
      const sameLine = !prevToken || t.line === undefined || prevToken.token.line === t.line;
      if (last?.kind === 'group' && sameLine) last.entries.push(entry);
      else segs.push({ kind: 'group', entries: [entry] });
    } else if (last?.kind === 'run') {
      last.text += t.text;
      last.tokens.push(t);
    } else {
      segs.push({ kind: 'run', text: t.text, tokens: [t] });
    }
  }
  return segs;
}

/** One row to find: where its label is and how many values follow. */
interface RowSpec {
  key: string;
  /** Chinese label for messages. */
  label: string;
  /** Matches the label inside a run (normalized text). */
  pattern: RegExp;
  /** Number of values in the row. */
  arity: number;
}

/** A row as read: exactly `arity` entries (number, blank or unreadable text). */
type RowEntries = Array<Extract<Entry, { kind: 'number' | 'blank' | 'text' }>>;

interface TableRead {
  rows: Map<string, RowEntries>;
  /** Rows of a PDF that had fewer values than cells: placed later by position. */
  short: Map<string, Entry[]>;
  /** Index of the first segment after the table. */
  end: number;
  /** Index of the run holding the first label. */
  start: number;
}

function find(spec: RowSpec, text: string, from: number): { index: number; end: number } | null {
  const m = spec.pattern.exec(text.slice(from));
  return m ? { index: from + m.index, end: from + m.index + m[0].length } : null;
}

const unreadable = (message: string, details?: Record<string, unknown>) => new ReportReadError('UNREADABLE', message, details);

/** A read that failed after `progress` rows. */
class TableReadFailure extends Error {
  constructor(
    readonly progress: number,
    readonly error: ReportReadError,
  ) {
    super(error.message);
  }
}

/**
 * Reads one table: tries every run in [from, to) that holds the first row's label (a
 * narrative sentence may quote it too). Null when there is none; when every try fails,
 * throws the error of the try that read the most rows.
 */
function readTable(segs: Segment[], specs: RowSpec[], tableName: string, pdf: boolean, from = 0, to = segs.length): TableRead | null {
  const first = specs[0];
  if (!first) return null;
  let best: TableReadFailure | null = null;
  for (let i = from; i < to; i++) {
    const s = segs[i];
    if (s?.kind !== 'run' || !find(first, s.text, 0)) continue;
    try {
      return readTableAt(segs, specs, tableName, pdf, i);
    } catch (e) {
      if (!(e instanceof TableReadFailure)) throw e;
      if (!best || e.progress >= best.progress) best = e;
    }
  }
  if (best) throw best.error;
  return null;
}

/** A stray cell among a row's values: short text with no Chinese word (e.g. "1O", "abc"). */
function isStray(t: Token): boolean {
  return t.kind === 'cell' && t.text.length <= 8 && !/[\u4e00-\u9fff]{2,}/.test(t.text);
}

function readTableAt(segs: Segment[], specs: RowSpec[], tableName: string, pdf: boolean, start: number): TableRead {
  let i = start;
  const rows = new Map<string, RowEntries>();
  const short = new Map<string, Entry[]>();
  const fail = (k: number, message: string, details: Record<string, unknown>) => new TableReadFailure(k, unreadable(message, details));
  let offset = 0;
  for (let k = 0; k < specs.length; k++) {
    const spec = specs[k];
    // A lone number on its own line between rows of a PDF table: a page number.
    while (pdf && k > 0 && segs[i]?.kind === 'group' && (segs[i] as { entries: Entry[] }).entries.length === 1) i++;
    const run = segs[i];
    if (!spec) break;
    const hit = run?.kind === 'run' ? find(spec, run.text, offset) : null;
    if (!run || run.kind !== 'run' || !hit) {
      throw fail(k, `${tableName}中未找到“${spec.label}”行（或其前一行的数字个数不对），无法读取`, { table: tableName, row: spec.key });
    }
    const next = specs[k + 1];
    if (next && find(next, run.text, hit.end)) {
      // Two labels with no value between them: a PDF row whose cells are all blank.
      if (!pdf) throw fail(k, `${tableName}“${spec.label}”行没有数字，无法读取`, { table: tableName, row: spec.key });
      short.set(spec.key, []);
      offset = hit.end;
      continue;
    }
    // Collect the values after the label (and, for cell-based formats, stray text cells among them).
    const entries: Entry[] = [];
    let j = i + 1;
    const count = () => entries.filter((e) => e.kind !== 'sep').length;
    for (;;) {
      const seg = segs[j];
      if (seg?.kind === 'group') {
        entries.push(...seg.entries);
        j++;
      }
      if (count() >= spec.arity || pdf) break;
      const after = segs[j];
      const then = segs[j + 1];
      const stray =
        after?.kind === 'run' &&
        then?.kind === 'group' &&
        after.tokens.every(isStray) &&
        after.tokens.length <= spec.arity - count() &&
        !(next && find(next, after.text, 0));
      if (!stray) break;
      for (const t of after.tokens) entries.push({ kind: 'text', token: t });
      j++;
    }
    const resolved = resolveEntries(entries, spec.arity);
    if (resolved) rows.set(spec.key, resolved);
    else if (pdf && count() < spec.arity) short.set(spec.key, entries);
    else {
      throw fail(k, `${tableName}“${spec.label}”行应有 ${spec.arity} 个数字，读到 ${count()} 个，无法读取`, {
        table: tableName,
        row: spec.key,
        found: count(),
      });
    }
    i = j;
    offset = 0;
  }
  return { rows, short, end: i, start };
}

/** Exactly `arity` entries: trailing blank padding dropped, or bare `|` lines read as blanks. */
function resolveEntries(entries: Entry[], arity: number): RowEntries | null {
  const cells = entries.filter((e): e is RowEntries[number] => e.kind !== 'sep');
  while (cells.length > arity && cells[cells.length - 1]?.kind === 'blank') cells.pop();
  if (cells.length === arity) return cells;
  if (cells.length > arity) return null;
  const withSeps = [...entries];
  while (withSeps.length > arity && withSeps[withSeps.length - 1]?.kind === 'sep') withSeps.pop();
  if (withSeps.length !== arity) return null;
  return withSeps.map((e): RowEntries[number] => (e.kind === 'sep' ? { kind: 'blank', token: { text: '', raw: '', kind: 'cell' } } : e));
}

/** Places the numbers of PDF rows with blank cells by their horizontal position. */
function placeShortRows(table: TableRead, specs: RowSpec[], tableName: string): void {
  for (const [key, entries] of table.short) {
    const spec = specs.find((s) => s.key === key);
    if (!spec) continue;
    const full = [...table.rows.entries()]
      .filter(([k, row]) => specs.find((s) => s.key === k)?.arity === spec.arity && row.every((e) => e.kind === 'number' && e.token.x !== undefined))
      .map(([, row]) => row);
    const centers: number[] = [];
    for (let c = 0; c < spec.arity; c++) {
      const xs = full.map((row) => row[c]?.kind === 'number' ? (row[c]?.token as Token).x ?? 0 : 0).sort((a, b) => a - b);
      centers.push(xs[Math.floor(xs.length / 2)] ?? Number.NaN);
    }
    const values = entries.filter((e): e is Extract<Entry, { kind: 'number' | 'blank' }> => e.kind === 'number' || e.kind === 'blank');
    if (!values.length) {
      table.rows.set(key, Array.from({ length: spec.arity }, () => ({ kind: 'blank' as const, token: { text: '', raw: '', kind: 'item' as const } })));
      continue;
    }
    if (!full.length || centers.some((c) => Number.isNaN(c))) {
      throw unreadable(`${tableName}“${spec.label}”行有空白单元格，PDF 中无法确定其余数字所在的列`, { table: tableName, row: key });
    }
    const row: RowEntries = Array.from({ length: spec.arity }, () => ({ kind: 'blank' as const, token: { text: '', raw: '', kind: 'item' as const } }));
    let lastCol = -1;
    for (const v of values) {
      const x = v.token.x ?? 0;
      let best = -1;
      for (let c = 0; c < spec.arity; c++) {
        if (best < 0 || Math.abs((centers[c] ?? 0) - x) < Math.abs((centers[best] ?? 0) - x)) best = c;
      }
      if (best <= lastCol) throw unreadable(`${tableName}“${spec.label}”行的数字位置无法对应到列`, { table: tableName, row: key });
      row[best] = v;
      lastCol = best;
    }
    table.rows.set(key, row);
  }
}

const SECTION2_SPECS: RowSpec[] = [
  { key: 'regulations', label: '规章', pattern: /规章$/, arity: 3 },
  { key: 'normativeDocuments', label: '行政规范性文件', pattern: /规范性文件$/, arity: 3 },
  { key: 'licensing', label: '行政许可', pattern: /行政许可$/, arity: 1 },
  { key: 'penalties', label: '行政处罚', pattern: /行政处罚$/, arity: 1 },
  { key: 'enforcement', label: '行政强制', pattern: /行政强制$/, arity: 1 },
  { key: 'feesWan', label: '行政事业性收费', pattern: /行政事业性收费$/, arity: 1 },
];

/** Label patterns of table 三's rows, in table order (normalized text, whitespace removed). */
const SECTION3_PATTERNS: Record<Section3RowKey, RegExp> = {
  new: /本年新收/,
  carried_over: /上年结转/,
  granted: /予以公开/,
  partial: /部分公开/,
  denied_state_secret: /国家秘密/,
  denied_law_forbids: /禁止公开/,
  denied_security_stability: /三安全一稳定|危及/,
  denied_third_party: /第三方/,
  denied_internal_affairs: /内部事务/,
  denied_process_info: /过程性信息/,
  denied_enforcement_file: /执法案卷/,
  denied_admin_query: /行政查询/,
  unavailable_not_held: /不掌握/,
  unavailable_needs_creation: /另行制作|没有现成/,
  unavailable_still_unclear: /仍不明确/,
  not_processed_petition: /信访|举报|投诉/,
  not_processed_duplicate: /重复申请/,
  not_processed_publication: /出版物/,
  not_processed_excessive: /大量反复/,
  not_processed_reconfirm: /重新出具|确认/,
  other_no_correction: /不补正|逾期不/,
  other_fee_unpaid: /缴纳费用|收费通知|逾期未按/,
  other_other: /其他\)?$/,
  total: /总计/,
  carried_forward: /结转下年/,
};

const SECTION3_SPECS: RowSpec[] = SECTION3_ROWS.map((r) => ({ key: r.key, label: r.label, pattern: SECTION3_PATTERNS[r.key], arity: 7 }));

const SECTION4_WIDE: RowSpec[] = [{ key: 'all', label: '行政复议、行政诉讼', pattern: /行政复议|行政诉讼/, arity: 15 }];
const SECTION4_ROWS: RowSpec[] = [
  { key: 'reconsideration', label: '行政复议', pattern: /行政复议/, arity: 5 },
  { key: 'litigationDirect', label: '未经复议直接起诉', pattern: /直接起诉|未经复议/, arity: 5 },
  { key: 'litigationAfterReconsideration', label: '复议后起诉', pattern: /复议后起诉/, arity: 5 },
];

/** Labels only the 2019 trial format (国办公开办函〔2019〕60号) has. */
const OLD_FORMAT_LABELS = ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '本年增/减', '其他对外管理服务事项', '政府集中采购', '采购总金额', '采购项目数量'];

/** Signals that a document is in the 2019 trial format; empty when it is not. */
export function detectOldFormat(doc: SourceDocument): string[] {
  const all = doc.tokens.map((t) => t.text).join('');
  // Table cells only (a narrative may well speak of 政府集中采购); for a PDF, the text between
  // the headings of sections 二 and 三.
  const start = doc.tokens.findIndex((t) => /主动公开政府信息情况/.test(t.text));
  const stop = doc.tokens.findIndex((t, i) => i > start && /收到和处理政府信息公开申请情况|本年新收/.test(t.text));
  const tableText = doc.tokens
    .filter((t, i) => t.kind === 'cell' || (t.kind === 'item' && start >= 0 && i > start && (stop < 0 || i < stop)))
    .map((t) => t.text)
    .join('');
  const signals = OLD_FORMAT_LABELS.filter((l) => tableText.includes(l)).map((l) => `表二含“${l}”`);
  if (doc.tokens.some((t) => t.rowspan === 20 && t.text.includes('本年度办理结果'))) signals.push('“三、本年度办理结果”跨 20 行（现行格式为 22 行）');
  if (/其他处理/.test(all) && !/不补正|逾期不/.test(all) && /本年新收/.test(all)) signals.push('“（六）其他处理”没有 1–3 分项');
  return signals;
}

/** Title, agency and year from a title line such as 巫山县曲尺乡人民政府2025年政府信息公开工作年度报告. */
export function matchTitle(text: string): { title: string; agency: string | null; year: number } | null {
  const s = normalizeText(text).replace(/^[【[“"《〈]+/, '');
  const tail = '(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)';
  const patterns: Array<[RegExp, 'agency-year' | 'year-agency' | 'agency-tail-year']> = [
    [new RegExp(`^(.{2,40}?)(20\\d{2})年(?:度)?${tail}`), 'agency-year'],
    [new RegExp(`^(20\\d{2})年(?:度)?(.{0,40}?)${tail}`), 'year-agency'],
    [new RegExp(`^(.{2,40}?)(?:政府)?信息公开(?:工作)?(20\\d{2})年(?:度)?(?:报告|年报)`), 'agency-tail-year'],
  ];
  for (const [re, shape] of patterns) {
    const m = re.exec(s);
    if (!m) continue;
    const agencyRaw = shape === 'year-agency' ? m[2] : m[1];
    const year = Number(shape === 'year-agency' ? m[1] : m[2]);
    const agency = (agencyRaw ?? '').replace(/[(（]?(?:公开|原文|全文)[)）]?$/, '');
    if (/[，,。；;：:！!？?>＞|]/.test(agency)) continue;
    return { title: m[0], agency: agency || null, year };
  }
  return null;
}

function findTitle(doc: SourceDocument, fileName: string | undefined): { title: string | null; agency: string | null; year: number | null } {
  const tokens = doc.tokens.filter((t) => t.kind !== 'sep');
  const limit = Math.min(tokens.length, 600);
  const candidates: Array<NonNullable<ReturnType<typeof matchTitle>>> = [];
  for (let i = 0; i < limit && candidates.length < 5; i++) {
    let joined = '';
    for (let j = i; j < Math.min(i + 4, tokens.length); j++) {
      joined += tokens[j]?.text ?? '';
      if (joined.length > 90) break;
      const m = matchTitle(joined);
      if (m) {
        candidates.push(m);
        break;
      }
    }
  }
  // Navigation text just before the title joins onto it ("政务公开巫山县…"): keep the shortest.
  for (let a = candidates.length - 1; a >= 0; a--) {
    const ta = candidates[a]?.title ?? '';
    if (candidates.some((b) => b.title !== ta && ta.endsWith(b.title))) candidates.splice(a, 1);
  }
  const hint = doc.titleHint ? matchTitle(doc.titleHint) : null;
  const chosen = (hint && candidates.find((c) => c.title === hint.title)) ?? candidates[0] ?? hint ?? (fileName ? matchTitle(fileName.replace(/\.[a-z]+$/i, '')) : null);
  return chosen ? { title: chosen.title, agency: chosen.agency, year: chosen.year } : { title: null, agency: null, year: null };
}

const SECTION_TITLES: Array<[RegExp, string]> = [
  [/总体情况/, '一、总体情况'],
  [/主动公开政府信息情况/, '二、主动公开政府信息情况'],
  [/收到和处理政府信息公开申请情况/, '三、收到和处理政府信息公开申请情况'],
  [/政府信息公开行政复议、?行政诉讼情况/, '四、政府信息公开行政复议、行政诉讼情况'],
  [/存在的主要问题及(?:改进情况|整改措施|改进措施)/, '五、存在的主要问题及改进情况'],
  [/其他需要报告的事项/, '六、其他需要报告的事项'],
];

function structureWarnings(doc: SourceDocument, title: string | null): string[] {
  const all = doc.tokens.map((t) => t.text).join('');
  const warnings: string[] = [];
  if (!title) warnings.push('未找到报告标题（应为“××××年政府信息公开工作年度报告”）');
  else if (!title.includes('工作')) warnings.push('标题应为“……政府信息公开工作年度报告”（缺少“工作”）');
  const missing = SECTION_TITLES.filter(([re]) => !re.test(all)).map(([, t]) => t);
  if (missing.length) warnings.push(`未找到以下部分的标题：${missing.join('；')}`);
  if (/存在的主要问题及整改措施/.test(all)) warnings.push('第五部分标题应为“存在的主要问题及改进情况”（本报告为“整改措施”）');
  if (/(?:^|[^行政])规范性文件/.test(all) && !/行政规范性文件/.test(all)) warnings.push('表二“行政规范性文件”写作“规范性文件”');
  return warnings;
}

function narrativeText(doc: SourceDocument, firstValueToken: Token | undefined): string {
  const end = firstValueToken ? doc.tokens.indexOf(firstValueToken) : doc.tokens.length;
  const before = doc.tokens.slice(0, end < 0 ? doc.tokens.length : end);
  const start = before.findIndex((t) => /^一、?总体情况/.test(t.text));
  const stop = before.findIndex((t, i) => i > start && /^二、?主动公开/.test(t.text));
  const part = before.slice(start < 0 ? 0 : start, stop < 0 ? before.length : stop);
  return part
    .filter((t) => t.kind === 'text' || t.kind === 'item')
    .map((t) => t.raw)
    .join('\n');
}

function firstValue(segs: Segment[], table: TableRead): Token | undefined {
  for (let i = table.start; i < segs.length; i++) {
    const s = segs[i];
    if (s?.kind === 'group') {
      const e = s.entries.find((x) => x.kind !== 'sep');
      if (e) return e.token;
    }
  }
  return undefined;
}

/**
 * Reads the three tables, title, agency, year and narrative from a document.
 * Throws ReportReadError: NOT_A_REPORT, OLD_FORMAT, or UNREADABLE.
 */
export function readReportDocument(doc: SourceDocument, fileName?: string): ParsedReport {
  const name = fileName ?? '文件';
  const all = doc.tokens.map((t) => t.text).join('');
  const meta = findTitle(doc, fileName);
  const looksLikeReport =
    meta.title !== null ||
    (/本年新收/.test(all) && /结转下年/.test(all)) ||
    (/主动公开政府信息情况/.test(all) && /收到和处理政府信息公开申请情况/.test(all));
  if (!looksLikeReport) {
    throw new ReportReadError('NOT_A_REPORT', `「${name}」不是政府信息公开工作年度报告：未找到年度报告标题，也未找到“收到和处理政府信息公开申请情况”表`);
  }
  const old = detectOldFormat(doc);
  if (old.length) {
    throw new ReportReadError(
      'OLD_FORMAT',
      `「${name}」是 2019 年试行格式（国办公开办函〔2019〕60号）的年度报告，不是现行格式（国办公开办函〔2021〕30号），不按现行规则核对（${old.slice(0, 3).join('；')}${old.length > 3 ? ` 等 ${old.length} 处特征` : ''}）`,
      { ...meta, signals: old },
    );
  }
  const pdf = doc.format === 'pdf';
  const segs = segment(doc.tokens);

  let t3: TableRead | null;
  try {
    t3 = readTable(segs, SECTION3_SPECS, '表三（收到和处理政府信息公开申请情况）', pdf);
  } catch (e) {
    // Reports on 2020 and earlier were made in the 2019 trial format.
    if (e instanceof ReportReadError && meta.year !== null && meta.year <= 2020) {
      throw new ReportReadError('OLD_FORMAT', `${e.message}。该报告为 ${meta.year} 年度报告，可能采用 2019 年试行格式（国办公开办函〔2019〕60号），不按现行格式核对`, {
        ...meta,
        signals: [`${meta.year} 年度报告`],
      });
    }
    throw e;
  }
  if (!t3) {
    throw unreadable(`「${name}」中找到了年度报告，但未能读出表三“收到和处理政府信息公开申请情况”（表格可能是图片）`, { ...meta });
  }
  placeShortRows(t3, SECTION3_SPECS, '表三');
  const t2 = readTable(segs, SECTION2_SPECS, '表二（主动公开政府信息情况）', pdf, 0, t3.start);
  if (!t2) throw unreadable(`「${name}」中未能读出表二“主动公开政府信息情况”`, { ...meta });
  placeShortRows(t2, SECTION2_SPECS, '表二');
  let t4: TableRead | null = null;
  let wide = true;
  try {
    t4 = readTable(segs, SECTION4_WIDE, '表四（政府信息公开行政复议、行政诉讼情况）', pdf, t3.end);
  } catch (e) {
    wide = false;
    t4 = readTable(segs, SECTION4_ROWS, '表四（政府信息公开行政复议、行政诉讼情况）', pdf, t3.end);
    if (!t4) throw e;
  }
  if (!t4) throw unreadable(`「${name}」中未能读出表四“政府信息公开行政复议、行政诉讼情况”`, { ...meta });
  if (wide && t4.short.size) {
    throw unreadable(`「${name}」表四有空白单元格，PDF 中无法确定各数字所在的列`, { ...meta });
  }
  placeShortRows(t4, SECTION4_ROWS, '表四');

  const numbers = emptyReportNumbers();
  const blank: string[] = [];
  const unread: UnreadableCell[] = [];
  const take = (entry: RowEntries[number] | undefined, cell: string): number => {
    if (!entry || entry.kind === 'blank') {
      blank.push(cell);
      return 0;
    }
    if (entry.kind === 'text') {
      unread.push({ cell, text: entry.token.raw });
      return 0;
    }
    return entry.value;
  };
  const row2 = (key: string) => t2.rows.get(key) ?? [];
  for (const item of ['regulations', 'normativeDocuments'] as const) {
    const r = row2(item);
    numbers.section2[item] = {
      issued: take(r[0], section2CountCell(item, 'issued')),
      repealed: take(r[1], section2CountCell(item, 'repealed')),
      inForce: take(r[2], section2CountCell(item, 'inForce')),
    };
  }
  for (const item of ['licensing', 'penalties', 'enforcement', 'feesWan'] as const) {
    numbers.section2[item] = take(row2(item)[0], section2SingleCell(item));
  }
  for (const spec of SECTION3_ROWS) {
    const r = t3.rows.get(spec.key) ?? [];
    numbers.section3.rows[spec.key] = Array.from({ length: 7 }, (_, c) => take(r[c], section3Cell(spec.key, c))) as Row7;
  }
  SECTION4_GROUPS.forEach((g, gi) => {
    const r = wide ? (t4.rows.get('all') ?? []).slice(gi * 5, gi * 5 + 5) : (t4.rows.get(g.key) ?? []);
    numbers.section4[g.key] = Array.from({ length: 5 }, (_, c) => take(r[c], section4Cell(g.key, c))) as Row5;
  });
  numbers.section3.blank = blank.filter((c) => c.startsWith('三.'));

  return {
    ...meta,
    format: doc.format,
    numbers,
    narrative: narrativeText(doc, firstValue(segs, t2)),
    blank,
    unreadable: unread,
    warnings: structureWarnings(doc, meta.title),
  };
}
