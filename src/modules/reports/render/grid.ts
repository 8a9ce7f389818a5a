/**
 * The three tables of the national format (国办公开办函〔2021〕30号, DOMAIN.md §2.2–2.4) as a grid
 * of cells with their merged header cells (rowspan/colspan). Pure. The HTML and DOCX renderers
 * lay this grid out; the test fixtures use it too, so what is published and what the readers
 * are tested against is the same layout.
 */
import {
  SECTION3_ROWS,
  SECTION4_GROUPS,
  section2CountCell,
  section2SingleCell,
  section3Cell,
  section4Cell,
  type ReportNumbers,
} from '../model.ts';

/** How a cell is written; return '' for a blank cell. Default: the number. */
export type CellText = (cell: string, value: number) => string;

/** Writes a number cell: integers as they are, 收费金额 with up to four decimals and no trailing zeros. */
export function defaultCellText(_cell: string, value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
}

/** The cells of the three tables as rows of {text, rowspan, colspan} (the 30号 layout). */
export function reportGrid(n: ReportNumbers, cellText: CellText = defaultCellText): {
  section2: GridRow[];
  section3: GridRow[];
  section4: GridRow[];
} {
  const v = (cell: string, value: number) => ({ text: cellText(cell, value), value: true });
  const t = (text: string, rowspan = 1, colspan = 1) => ({ text, rowspan, colspan });
  const s2 = n.section2;
  const section2: GridRow[] = [
    [t('第二十条第（一）项', 1, 4)],
    [t('信息内容'), t('本年制发件数'), t('本年废止件数'), t('现行有效件数')],
    ...(['regulations', 'normativeDocuments'] as const).map((item) => [
      t(item === 'regulations' ? '规章' : '行政规范性文件'),
      v(section2CountCell(item, 'issued'), s2[item].issued),
      v(section2CountCell(item, 'repealed'), s2[item].repealed),
      v(section2CountCell(item, 'inForce'), s2[item].inForce),
    ]),
    [t('第二十条第（五）项', 1, 4)],
    [t('信息内容'), t('本年处理决定数量', 1, 3)],
    [t('行政许可'), { ...v(section2SingleCell('licensing'), s2.licensing), colspan: 3 }],
    [t('第二十条第（六）项', 1, 4)],
    [t('信息内容'), t('本年处理决定数量', 1, 3)],
    [t('行政处罚'), { ...v(section2SingleCell('penalties'), s2.penalties), colspan: 3 }],
    [t('行政强制'), { ...v(section2SingleCell('enforcement'), s2.enforcement), colspan: 3 }],
    [t('第二十条第（八）项', 1, 4)],
    [t('信息内容'), t('本年收费金额（单位：万元）', 1, 3)],
    [t('行政事业性收费'), { ...v(section2SingleCell('feesWan'), s2.feesWan), colspan: 3 }],
  ];
  const groupSizes: Record<string, number> = { '（三）不予公开': 8, '（四）无法提供': 3, '（五）不予处理': 5, '（六）其他处理': 3 };
  const section3: GridRow[] = [
    [t('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 3, 3), t('申请人情况', 1, 7)],
    [t('自然人', 2), t('法人或其他组织', 1, 5), t('总计', 2)],
    [t('商业企业'), t('科研机构'), t('社会公益组织'), t('法律服务机构'), t('其他')],
  ];
  let lastGroup = '';
  for (const spec of SECTION3_ROWS) {
    const values = n.section3.rows[spec.key].map((x, c) => v(section3Cell(spec.key, c), x));
    const labels: GridCell[] = [];
    if (!spec.group) labels.push(t(spec.label, 1, 3));
    else {
      if (spec.key === 'granted') labels.push(t('三、本年度办理结果', 22));
      const sub = spec.group.split(' ')[1];
      if (!sub) labels.push(t(spec.label, 1, 2));
      else {
        if (sub !== lastGroup) labels.push(t(sub, groupSizes[sub] ?? 1));
        labels.push(t(spec.label));
      }
      lastGroup = sub ?? '';
    }
    section3.push([...labels, ...values]);
  }
  const leaf = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const section4: GridRow[] = [
    [t('行政复议', 1, 5), t('行政诉讼', 1, 10)],
    [...leaf.map((l) => t(l, 2)), t('未经复议直接起诉', 1, 5), t('复议后起诉', 1, 5)],
    [...leaf, ...leaf].map((l) => t(l)),
    SECTION4_GROUPS.flatMap((g) => n.section4[g.key].map((x, c) => v(section4Cell(g.key, c), x))),
  ];
  return { section2, section3, section4 };
}

/**
 * How each table is laid out on paper, shared by the PDF and the DOCX: relative column widths and
 * the header rows repeated after a page break. Table 三: 三、本年度办理结果 (one character a
 * line), （三）不予公开 …, the row labels, then the seven numbers — in points of the 442 pt text
 * block of A4 with the GB/T 9704 margins, so that the 22 rows under 三、本年度办理结果 fit on one
 * page with the header. Table 二 is a stack of sub-tables with their own heading rows (none
 * repeated); table 四 has fifteen equal number columns.
 */
export const TABLE_LAYOUT = {
  section2: { weights: [1.6, 1, 1, 1], headerRows: 0 },
  section3: { weights: [18, 38, 162, 32, 32, 32, 32, 32, 32, 32], headerRows: 3 },
  section4: { weights: new Array<number>(15).fill(1), headerRows: 3 },
} as const satisfies Record<string, TableLayout>;

/** Relative column widths of a table and how many of its first rows are its header. */
export interface TableLayout {
  weights: readonly number[];
  headerRows: number;
}

/** One cell of a rendered table. */
export interface GridCell {
  text: string;
  rowspan?: number;
  colspan?: number;
  /** A number cell (centred; affected by fullWidthDigits). */
  value?: boolean;
}

/** One row of a rendered table. */
export type GridRow = GridCell[];
