/**
 * The report as a Word document (docx package): A4 with the margins of GB/T 9704 (党政机关公文格式),
 * title in 方正小标宋简体 (falls back to 黑体 where absent), headings in 黑体, text in 仿宋_GB2312
 * (三号), the three tables with the merged header cells of the format. What the DOCX reader
 * (parse/docx.ts) reads back.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';
import type { ReportNumbers } from '../model.ts';
import { reportGrid, type GridRow } from './grid.ts';
import { SECTION_TITLES, isSectionHeading, type ReportContent } from './html.ts';

/** Font names of the document (east-Asian and Latin). */
export const DOCX_FONTS = {
  title: { eastAsia: '方正小标宋简体', ascii: '黑体', hAnsi: '黑体' },
  heading: { eastAsia: '黑体', ascii: '黑体', hAnsi: '黑体' },
  body: { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' },
} as const;

const MM = 56.7; // twips per millimetre

/** Renders the report as DOCX bytes. */
export async function renderReportDocx(n: ReportNumbers, content: ReportContent): Promise<Buffer> {
  const grid = reportGrid(n, content.cellText);
  const run = (text: string, font: (typeof DOCX_FONTS)[keyof typeof DOCX_FONTS], size: number, bold = false) =>
    new TextRun({ text, font: { ...font }, size, bold });
  // Sizes in half-points: 二号 22pt = 44, 三号 16pt = 32, 五号 10.5pt = 21.
  const title = new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(content.title, DOCX_FONTS.title, 44)] });
  const heading = (text: string) => new Paragraph({ spacing: { before: 120, after: 60 }, children: [run(text, DOCX_FONTS.heading, 32)] });
  const para = (text: string) => new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [run(text, DOCX_FONTS.body, 32)] });
  const lines = (ls: string[]) => ls.map((l) => (isSectionHeading(l) ? heading(l) : para(l)));
  const table = (rows: GridRow[]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: rows.map(
        (r) =>
          new TableRow({
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
  const doc = new Document({
    title: content.title,
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 }, // A4
            margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) },
          },
        },
        children: [
          title,
          ...lines(content.overview),
          heading(SECTION_TITLES[1]),
          table(grid.section2),
          heading(SECTION_TITLES[2]),
          table(grid.section3),
          heading(SECTION_TITLES[3]),
          table(grid.section4),
          ...lines(content.closing),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
