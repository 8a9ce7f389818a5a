/**
 * The catalog as an XLSX workbook with the columns of real 基层 catalogs (DOMAIN.md §3.1), and
 * the reverse: reading such a workbook into rows, each checked, with row-numbered Chinese
 * errors. No database access.
 */
import ExcelJS from 'exceljs';
import { audienceNames, formatChannels, levelNames, modeNames, parseChannels, parseEnum, type Audience, type Channel, type Level, type Mode } from './channels.ts';
import { checkTimeRule, formatTimeRule, parseTimeRule, type TimeRule } from './time-rule.ts';

/** Column headers in order. */
export const catalogHeaders = ['序号', '公开领域', '一级事项', '二级事项', '公开内容（要素）', '公开依据', '公开时限', '公开主体', '公开渠道和载体', '公开对象', '公开方式', '公开层级', '是否需要解读'] as const;

/** 是否需要解读 cell: 是 / 否 / empty (= by document type: 规章、行政规范性文件). */
export function formatNeedsInterpretation(v: boolean | null): string {
  return v === null ? '' : v ? '是' : '否';
}

/** Reads a 是否需要解读 cell; undefined when it is not one of 是/否/空 (and synonyms). */
export function parseNeedsInterpretation(text: string): boolean | null | undefined {
  const t = text.replace(/\s+/g, '');
  if (t === '' || t === '按文件类型' || t === '默认') return null;
  if (/^(是|需要|需|要|Y|YES|TRUE|√|■)$/i.test(t)) return true;
  if (/^(否|不需要|不需|无需|N|NO|FALSE|×|□)$/i.test(t)) return false;
  return undefined;
}

/** One item as a workbook row carries it. */
export interface CatalogSheetRow {
  area: string;
  level1: string;
  level2: string;
  content: string;
  basis: string;
  timeRule: TimeRule;
  subject: string;
  channels: Channel[];
  audience: Audience;
  mode: Mode;
  level: Level;
  /** 是否需要解读: null = by document type; undefined when the workbook has no such column (import keeps the item's flag). */
  needsInterpretation?: boolean | null | undefined;
}

/** Writes the catalog workbook (one sheet, areas in order). */
export async function buildCatalogWorkbook(title: string, rows: CatalogSheetRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet('公开目录');
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, catalogHeaders.length);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow([...catalogHeaders]);
  ws.getRow(2).font = { bold: true };
  rows.forEach((r, i) => {
    ws.addRow([
      i + 1,
      r.area,
      r.level1,
      r.level2,
      r.content,
      r.basis,
      formatTimeRule(r.timeRule),
      r.subject,
      formatChannels(r.channels),
      audienceNames[r.audience],
      modeNames[r.mode],
      levelNames[r.level],
      formatNeedsInterpretation(r.needsInterpretation ?? null),
    ]);
  });
  [6, 12, 16, 18, 30, 30, 24, 16, 40, 10, 8, 8, 12].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  }
  return '';
}

type Key = 'area' | 'level1' | 'level2' | 'content' | 'basis' | 'timeLimit' | 'subject' | 'channels' | 'audience' | 'mode' | 'level' | 'interpretation';

/** Which header words name which field (first match wins, in this order). */
const headerWords: Array<[Key, RegExp]> = [
  ['interpretation', /解读/],
  ['level1', /一级/],
  ['level2', /二级/],
  ['area', /领域|类别/],
  ['content', /公开内容|要素/],
  ['basis', /依据/],
  ['timeLimit', /时限/],
  ['subject', /主体/],
  ['channels', /渠道|载体/],
  ['audience', /对象/],
  ['mode', /方式/],
  ['level', /层级/],
];

/**
 * Reads every sheet: finds the header row (the first of the first 6 rows naming 一级事项),
 * then checks each non-empty row. Without a 领域 column the sheet name is the area.
 * Returns rows (only meaningful when errors is empty) and errors like 「第5行：…」.
 */
export async function parseCatalogWorkbook(data: Buffer): Promise<{ rows: CatalogSheetRow[]; errors: string[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return { rows: [], errors: ['文件无法作为 XLSX 工作簿读取，请上传 .xlsx 格式的公开目录'] };
  }
  const rows: CatalogSheetRow[] = [];
  const errors: string[] = [];
  const seen = new Map<string, string>();
  const sheets = wb.worksheets.filter((ws) => ws.rowCount > 0);
  let foundHeader = false;
  for (const ws of sheets) {
    const where = (n: number) => (sheets.length > 1 ? `工作表「${ws.name}」第${n}行` : `第${n}行`);
    let headerRow = 0;
    const cols = new Map<Key, number>();
    for (let r = 1; r <= Math.min(6, ws.rowCount) && !headerRow; r++) {
      const row = ws.getRow(r);
      const texts: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => (texts[c] = cellText(cell.value)));
      if (!texts.some((t) => t && /一级事项/.test(t))) continue;
      headerRow = r;
      texts.forEach((t, c) => {
        if (!t) return;
        const hit = headerWords.find(([k, re]) => re.test(t) && !cols.has(k));
        if (hit) cols.set(hit[0], c);
      });
    }
    if (!headerRow) continue;
    foundHeader = true;
    for (const required of ['level1', 'level2'] as const) {
      if (!cols.has(required)) errors.push(`${where(headerRow)}：缺少「${required === 'level1' ? '一级事项' : '二级事项'}」列`);
    }
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const get = (k: Key) => (cols.has(k) ? cellText(row.getCell(cols.get(k)!).value) : '');
      const values = [...cols.keys()].map(get);
      if (values.every((v) => v === '')) continue;
      const problems: string[] = [];
      const area = cols.has('area') ? get('area') : ws.name.trim();
      if (!area) problems.push('公开领域不能为空');
      const level1 = get('level1');
      const level2 = get('level2');
      if (!level1) problems.push('一级事项不能为空');
      if (!level2) problems.push('二级事项不能为空');
      if (level1.length > 100) problems.push('一级事项最多 100 个字符');
      if (level2.length > 100) problems.push('二级事项最多 100 个字符');
      const limitText = get('timeLimit');
      const timeRule = parseTimeRule(limitText);
      if (!timeRule) problems.push(`公开时限「${limitText}」无法识别（示例：信息形成或者变更之日起20个工作日内；7个工作日内公示，公示期不少于5个工作日；24小时内；每月公开，次月10日前）`);
      else {
        const p = checkTimeRule(timeRule);
        if (p) problems.push(p);
      }
      const ch = parseChannels(get('channels') || '政府网站');
      if (ch.unknown.length) problems.push(`公开渠道「${ch.unknown.join('、')}」无法识别`);
      const audienceText = get('audience');
      const audience = audienceText ? parseEnum(audienceNames, audienceText) : 'public';
      if (!audience) problems.push(`公开对象「${audienceText}」应为全社会或特定群众`);
      const modeText = get('mode');
      const mode = modeText ? parseEnum(modeNames, modeText) : 'proactive';
      if (!mode) problems.push(`公开方式「${modeText}」应为主动或依申请`);
      const levelText = get('level');
      const level = levelText ? parseEnum(levelNames, levelText) : 'township';
      if (!level) problems.push(`公开层级「${levelText}」应为县级或乡级`);
      const interpretationText = get('interpretation');
      const needsInterpretation = cols.has('interpretation') ? parseNeedsInterpretation(interpretationText) : undefined;
      if (cols.has('interpretation') && needsInterpretation === undefined) problems.push(`是否需要解读「${interpretationText}」应为是、否或留空（留空按文件类型：规章、行政规范性文件需要解读）`);
      const key = `${area}\u0000${level1}\u0000${level2}`;
      if (level1 && level2 && seen.has(key)) problems.push(`与${seen.get(key)}重复（同一领域下一级、二级事项相同）`);
      else seen.set(key, where(r));
      if (problems.length) {
        errors.push(`${where(r)}：${problems.join('；')}`);
        continue;
      }
      rows.push({
        area,
        level1,
        level2,
        content: get('content'),
        basis: get('basis'),
        timeRule: timeRule!,
        subject: get('subject'),
        channels: ch.channels,
        audience: audience!,
        mode: mode!,
        level: level!,
        ...(cols.has('interpretation') ? { needsInterpretation: needsInterpretation ?? null } : {}),
      });
    }
  }
  if (!foundHeader) errors.push('未找到表头：前 6 行中应有「一级事项」「二级事项」等列名');
  else if (rows.length === 0 && errors.length === 0) errors.push('表格中没有目录事项');
  return { rows, errors };
}
