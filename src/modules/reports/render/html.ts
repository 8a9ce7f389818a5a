/**
 * The report as HTML in the national format: the six fixed section titles, the three tables
 * with their merged header cells (one `<td>` per cell, rowspan/colspan), the narrative as
 * paragraphs. Pure. The result is the body of the item published in the 政府信息公开年报 column
 * (it passes the publishing module's sanitizer unchanged in substance) and what the HTML
 * reader (parse/html.ts) reads back.
 */
import type { ReportNumbers } from '../model.ts';
import { reportGrid, type CellText, type GridCell, type GridRow } from './grid.ts';

/** The six section titles of 国办公开办函〔2021〕30号 (DOMAIN.md §2.1). */
export const SECTION_TITLES = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
] as const;

/** What a rendering needs besides the numbers. */
export interface ReportContent {
  /** e.g. 巫山县曲尺乡人民政府2025年政府信息公开工作年度报告. */
  title: string;
  /** Section 一 as lines, its heading first (a line `一、…` … `六、…` is a heading). */
  overview: string[];
  /** Sections 五 and 六 as lines, headings included. */
  closing: string[];
  /**
   * A line in bold above section 一: the correction line of a corrected report
   * (本报告于YYYY年M月D日更正。更正说明：…), on the portal page and in the PDF and DOCX alike.
   */
  notice?: string;
  /** Overrides the text of single cells (tests: blanks, quirks). */
  cellText?: CellText;
}

/** Escapes text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** true for a section heading line (一、… to 六、…). */
export function isSectionHeading(line: string): boolean {
  return /^[一二三四五六]、/.test(line);
}

/** One grid cell as `<td>` with its spans; `text` is already HTML. */
export function cellToHtml(c: GridCell, text = escapeHtml(c.text)): string {
  const attrs = `${(c.rowspan ?? 1) > 1 ? ` rowspan="${c.rowspan}"` : ''}${(c.colspan ?? 1) > 1 ? ` colspan="${c.colspan}"` : ''}`;
  return `<td${attrs}${c.value ? ' align="center"' : ''}>${text}</td>`;
}

/** A table of the grid. */
export function tableToHtml(rows: GridRow[], cell: (c: GridCell) => string = (c) => cellToHtml(c)): string {
  return `<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse;width:100%">\n<tbody>\n${rows
    .map((r) => `<tr>${r.map(cell).join('')}</tr>`)
    .join('\n')}\n</tbody>\n</table>`;
}

/** A narrative line: headings bold, other lines indented paragraphs. */
export function paragraphToHtml(line: string): string {
  return isSectionHeading(line) ? `<p><strong>${escapeHtml(line)}</strong></p>` : `<p style="text-indent:2em">${escapeHtml(line)}</p>`;
}

/**
 * The report's article: sections 一 to 六 with the three tables. `withTitle` puts the title first
 * as `<h1>` (a standalone page); the published item leaves it out, the portal shows the item's title.
 */
export function renderReportArticle(
  n: ReportNumbers,
  content: ReportContent,
  opts: { withTitle?: boolean; cell?: (c: GridCell) => string } = {},
): string {
  const grid = reportGrid(n, content.cellText);
  const table = (rows: GridRow[]) => tableToHtml(rows, opts.cell);
  return [
    ...(opts.withTitle ? [`<h1 style="text-align:center">${escapeHtml(content.title)}</h1>`] : []),
    ...(content.notice ? [`<p><strong>${escapeHtml(content.notice)}</strong></p>`] : []),
    ...content.overview.map(paragraphToHtml),
    paragraphToHtml(SECTION_TITLES[1]),
    table(grid.section2),
    paragraphToHtml(SECTION_TITLES[2]),
    table(grid.section3),
    paragraphToHtml(SECTION_TITLES[3]),
    table(grid.section4),
    ...content.closing.map(paragraphToHtml),
  ].join('\n');
}
