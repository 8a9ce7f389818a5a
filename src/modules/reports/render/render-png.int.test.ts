/**
 * The merged header cells of the national format, seen in pixels: the seed report rendered by
 * our PDF writer (render/pdf.ts) and by our DOCX writer (render/docx.ts, converted to PDF by
 * LibreOffice), rasterised by pdftoppm at 60 dpi. Each header cell is found from its text
 * (pdf.js gives the position) and its box from the rules around it; through the middle of a
 * merged cell there must be no vertical rule where the rows below have one, and a cell merged
 * over two rows has no horizontal rule where its neighbours have one. PNGs of every page are left
 * in /tmp/gk-render/ for people to look at. Skipped when pdftoppm or soffice is missing, except
 * when CI is set.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPdf } from '../../../lib/pdf.ts';
import {
  cellAround,
  convertToPdf,
  horizontalRules,
  innerRows,
  rasterToolsAvailable,
  rasterizePdf,
  verticalRuleAt,
  verticalRules,
  type CellBox,
  type GrayImage,
} from '../../../../test/support/raster.ts';
import { seedNumbers, seedProse } from '../fixtures/render.ts';
import { readReport } from '../parse/index.ts';
import { renderReportDocx } from './docx.ts';
import { renderReportPdf } from './pdf.ts';

const enabled = rasterToolsAvailable({ soffice: true });
const DPI = 60;
const OUT = '/tmp/gk-render';

/** Where a piece of text is on a page, in pixels. */
interface TextBox {
  page: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

interface Rendering {
  pages: GrayImage[];
  /** Every text item of the PDF (whitespace removed) with its box. */
  texts: Array<{ text: string; box: TextBox }>;
}

async function render(pdf: Buffer, name: string, work: string): Promise<Rendering> {
  const file = path.join(work, `${name}.pdf`);
  await writeFile(file, pdf);
  const pages = await rasterizePdf(file, path.join(OUT, name), DPI);
  const doc = await openPdf(pdf);
  const texts: Rendering['texts'] = [];
  try {
    const scale = DPI / 72;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const pageHeight = page.view[3]! - page.view[1]!;
      // pdf.js may cut a line into pieces (a glyph from another font): touching pieces on one baseline are joined.
      const items: Array<{ str: string; x: number; y: number; width: number; height: number }> = [];
      for (const it of (await page.getTextContent()).items) {
        if (!('str' in it) || !it.str.trim()) continue;
        const [, , , , x = 0, y = 0] = it.transform as number[];
        const prev = items[items.length - 1];
        if (prev && Math.abs(prev.y - y) < 0.5 && Math.abs(prev.x + prev.width - x) < 0.5) {
          prev.str += it.str;
          prev.width = x + it.width - prev.x;
        } else items.push({ str: it.str, x, y, width: it.width, height: it.height });
      }
      for (const it of items) {
        const baseline = (pageHeight - it.y + page.view[1]!) * scale;
        const x0 = (it.x - page.view[0]!) * scale;
        texts.push({
          text: it.str.normalize('NFKC').replace(/\s+/g, ''),
          box: { page: p - 1, x0, x1: x0 + it.width * scale, y0: baseline - it.height * 0.85 * scale, y1: baseline + it.height * 0.1 * scale },
        });
      }
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return { pages, texts };
}

/** The one line of text that reads `label`, or (a label wrapped in its cell) its first line. */
function find(r: Rendering, label: string): TextBox {
  const exact = r.texts.filter((t) => t.text === label);
  const hits = exact.length ? exact : r.texts.filter((t) => t.text.length >= 2 && label.startsWith(t.text));
  expect(hits.map((h) => h.text), `text ${label}`).toHaveLength(1);
  return hits[0]!.box;
}

/** The box of the cell holding `label`. */
function cellOf(r: Rendering, label: string): { img: GrayImage; box: CellBox } {
  const t = find(r, label);
  const img = r.pages[t.page]!;
  const box = cellAround(img, t);
  expect(box, `cell around ${label}`).not.toBeNull();
  return { img, box: box! };
}

/**
 * A header cell spanning `span` columns: no vertical rule through its middle; the bands below it
 * (between horizontal rules across its whole width) have up to span − 1 rules inside its width,
 * and at none of those places does the merged cell have one.
 */
function expectColumnsMerged(r: Rendering, label: string, span: number): void {
  const { img, box } = cellOf(r, label);
  const [x0, x1] = [box.left + 2, box.right - 2];
  // Rows of a band without its rules; a vertical rule is ink in every one of them.
  const inner = (top: number, bottom: number) => innerRows(img, top, bottom, x0, x1);
  const ruleAt = (x: number, band: [number, number]) => verticalRuleAt(img, x, band[0], band[1], 1);
  const merged = inner(box.top, box.bottom);
  expect(verticalRules(img, x0, x1, merged[0], merged[1], 1), `${label}: rules through the merged cell`).toEqual([]);
  const rulesBelow = horizontalRules(img, box.bottom - 1, Math.min(img.height - 1, box.bottom + 400), x0, x1);
  const edges = [box.bottom, ...rulesBelow].slice(0, 6);
  let best: number[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const band = inner(edges[i]!, edges[i + 1]!);
    if (band[1] - band[0] < 4) continue;
    const rules = verticalRules(img, x0, x1, band[0], band[1], 1);
    if (rules.length > best.length) best = rules;
  }
  expect(best.length, `${label}: column rules in the rows below`).toBe(span - 1);
  for (const x of best) for (const dx of [-1, 0, 1]) expect(ruleAt(x + dx, merged), `${label}: rule at x=${x} through the merged cell`).toBe(false);
}

/** A cell merged over two rows: its right-hand neighbours have a horizontal rule between its top and bottom, it has none. */
function expectRowsMerged(r: Rendering, label: string): void {
  const { img, box } = cellOf(r, label);
  const width = box.right - box.left;
  const own = horizontalRules(img, box.top + 1, box.bottom - 1, box.left + 2, box.right - 2);
  const beside = horizontalRules(img, box.top + 1, box.bottom - 1, box.right + 3, box.right + 3 + Math.round(width / 2));
  expect(own, `${label}: rules through the merged cell`).toEqual([]);
  expect(beside.length, `${label}: row rule in the next column`).toBe(1);
}

const checks = (get: () => Rendering) => {
  it('table 三: 申请人情况 spans the 7 applicant columns, 法人或其他组织 spans 5', () => {
    expectColumnsMerged(get(), '申请人情况', 7);
    expectColumnsMerged(get(), '法人或其他组织', 5);
  });
  it('table 三: 自然人 is merged over two header rows', () => {
    expectRowsMerged(get(), '自然人');
  });
  it('table 三: the row-label column is wide and the number columns narrow (at least 3×)', () => {
    const label = cellOf(get(), '2.重复申请').box;
    const number = cellOf(get(), '商业企业').box;
    expect(label.right - label.left).toBeGreaterThanOrEqual(3 * (number.right - number.left));
    // A short label sits on one line: no wrapping into a narrow column.
    expect(get().texts.filter((t) => t.text === '2.重复申请')).toHaveLength(1);
  });
  it('table 四: 行政复议 spans 5 columns, 行政诉讼 10, 未经复议直接起诉 and 复议后起诉 5 each', () => {
    expectColumnsMerged(get(), '行政复议', 5);
    expectColumnsMerged(get(), '行政诉讼', 10);
    expectColumnsMerged(get(), '未经复议直接起诉', 5);
    expectColumnsMerged(get(), '复议后起诉', 5);
  });
};

describe.skipIf(!enabled)('rendered annual report: merged header cells in pixels', () => {
  let work = '';
  const rendered: Record<string, Rendering> = {};
  let pdf: Buffer;

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'gk-render-'));
    await mkdir(OUT, { recursive: true });
    const prose = seedProse();
    const content = { title: '巫山县曲尺乡人民政府2025年政府信息公开工作年度报告', overview: prose.overview, closing: prose.closing };
    pdf = await renderReportPdf(seedNumbers(), content);
    const docx = await renderReportDocx(seedNumbers(), content);
    await writeFile(path.join(OUT, 'report.pdf'), pdf);
    await writeFile(path.join(OUT, 'report.docx'), docx);
    const docxFile = path.join(work, 'report-docx.docx');
    await writeFile(docxFile, docx);
    const docxPdf = await import('node:fs/promises').then((fs) => convertToPdf(docxFile, work).then((p) => fs.readFile(p)));
    rendered.pdf = await render(pdf, 'report-pdf', work);
    rendered.docx = await render(docxPdf, 'report-docx', work);
  }, 180_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('our PDF reads back to the seed numbers and has A4 pages with page numbers', async () => {
    expect((await readReport(pdf, 'report.pdf')).numbers).toEqual(seedNumbers());
    const pages = rendered.pdf!.pages;
    // A4 (210 × 297 mm) at 60 dpi: about 496 × 702 pixels.
    for (const p of pages) expect([Math.abs(p.width - 496) <= 1, Math.abs(p.height - 702) <= 1]).toEqual([true, true]);
    expect(rendered.pdf!.texts.filter((t) => /^第\d+页\/共\d+页$/.test(t.text))).toHaveLength(pages.length);
  });

  describe('our PDF', () => checks(() => rendered.pdf!));
  describe('our DOCX, as LibreOffice prints it', () => checks(() => rendered.docx!));
});
