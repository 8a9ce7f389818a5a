/**
 * The report as a Word document (docx package): A4 with the margins of GB/T 9704 (党政机关公文格式),
 * title in 方正小标宋简体, headings in 黑体, text in 仿宋_GB2312 (三号), the three tables with the
 * merged header cells of the format. What the DOCX reader (parse/docx.ts) reads back.
 *
 * Fonts are named in the East Asian slot (`w:eastAsia`) with `w:hint="eastAsia"` and the
 * document's East Asian language zh-CN, so that Word sets Chinese text — and the punctuation
 * Latin and Chinese share, such as “ ” — in those fonts where they are installed (a government
 * PC); Arabic numerals of the body stay in Times New Roman, as official documents set them.
 *
 * Tables have explicit grid columns (the widths of the PDF, render/grid.ts TABLE_LAYOUT) with a
 * fixed layout over the whole text width, so Word and LibreOffice do not size columns by content
 * or make them equal; header rows repeat after a page break, no row is split across pages, and
 * each table is kept on one page with its section heading (keep with next) — the PDF moves a
 * table that fits on a page to the next rather than cut it badly (table-layout.ts).
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';
import type { ReportNumbers } from '../model.ts';
import { TABLE_LAYOUT, reportGrid, type GridRow, type TableLayout } from './grid.ts';
import { SECTION_TITLES, isSectionHeading, type ReportContent } from './html.ts';

/** Font names of the document: `eastAsia` is what Word uses for Chinese text. */
export const DOCX_FONTS = {
  title: { eastAsia: '方正小标宋简体', ascii: '方正小标宋简体', hAnsi: '方正小标宋简体', cs: '方正小标宋简体', hint: 'eastAsia' },
  heading: { eastAsia: '黑体', ascii: '黑体', hAnsi: '黑体', cs: '黑体', hint: 'eastAsia' },
  body: { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', hint: 'eastAsia' },
} as const;

const MM = 56.7; // twips per millimetre
/** A4 and the GB/T 9704 margins (37/35/28/26 mm), in twips. */
const PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) },
} as const;
/** Width of the text area: every table is this wide. */
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
/** Cell padding left and right, in twips (2 pt, as the PDF): Word's default 5.4 pt leaves the 18 pt column of table 三 no room for a character. */
const CELL_PAD_X = 40;

/** Column widths in twips from relative weights, summing exactly to `total`. Pure. */
export function columnTwips(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  let edge = 0;
  let acc = 0;
  return weights.map((w) => {
    acc += w;
    const next = Math.round((acc * total) / sum);
    const width = next - edge;
    edge = next;
    return width;
  });
}

/** Renders the report as DOCX bytes. */
export async function renderReportDocx(n: ReportNumbers, content: ReportContent): Promise<Buffer> {
  const grid = reportGrid(n, content.cellText);
  const run = (text: string, font: (typeof DOCX_FONTS)[keyof typeof DOCX_FONTS], size: number, bold = false) =>
    new TextRun({ text, font: { ...font }, size, bold });
  // Sizes in half-points: 二号 22pt = 44, 三号 16pt = 32, 五号 10.5pt = 21.
  const title = new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(content.title, DOCX_FONTS.title, 44)] });
  const heading = (text: string) => new Paragraph({ keepNext: true, spacing: { before: 120, after: 60 }, children: [run(text, DOCX_FONTS.heading, 32)] });
  const para = (text: string, bold = false) => new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [run(text, DOCX_FONTS.body, 32, bold)] });
  const lines = (ls: string[]) => ls.map((l) => (isSectionHeading(l) ? heading(l) : para(l)));
  const table = (rows: GridRow[], layout: TableLayout) => {
    return new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: columnTwips(layout.weights, TEXT_WIDTH),
      layout: TableLayoutType.FIXED,
      margins: { left: CELL_PAD_X, right: CELL_PAD_X },
      rows: rows.map(
        (r, i) =>
          new TableRow({
            cantSplit: true,
            ...(i < layout.headerRows ? { tableHeader: true } : {}),
            // Each table fits on a page (fixed labels, only the numbers vary): it is kept on one.
            ...(i < rows.length - 1 ? { keepNext: true } : {}),
            children: r.map(
              (c) =>
                new TableCell({
                  children: [new Paragraph({ ...(c.value ? { alignment: AlignmentType.CENTER } : {}), children: [run(c.text, DOCX_FONTS.body, 21)] })],
                  verticalAlign: VerticalAlign.CENTER,
                  ...((c.rowspan ?? 1) > 1 ? { rowSpan: c.rowspan } : {}),
                  ...((c.colspan ?? 1) > 1 ? { columnSpan: c.colspan } : {}),
                }),
            ),
          }),
      ),
    });
  };
  const doc = new Document({
    title: content.title,
    styles: {
      // Text without its own settings (and the empty paragraphs Word adds) is 仿宋_GB2312 in Chinese.
      default: { document: { run: { font: { ...DOCX_FONTS.body }, size: 32, language: { value: 'en-US', eastAsia: 'zh-CN' } } } },
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { ...PAGE.margin } } },
        children: [
          title,
          ...(content.notice ? [para(content.notice, true)] : []),
          ...lines(content.overview),
          heading(SECTION_TITLES[1]),
          table(grid.section2, TABLE_LAYOUT.section2),
          heading(SECTION_TITLES[2]),
          table(grid.section3, TABLE_LAYOUT.section3),
          heading(SECTION_TITLES[3]),
          table(grid.section4, TABLE_LAYOUT.section4),
          ...lines(content.closing),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
