/**
 * The DOCX as Word reads it (the XML of word/document.xml and word/styles.xml): explicit grid
 * columns in the widths of the PDF over the whole A4 text area with a fixed layout, header rows
 * repeated, rows never split, each table kept on a page; fonts named in the East Asian slot
 * (仿宋_GB2312 for text, 方正小标宋简体 for the title) with the zh-CN East Asian language; the
 * correction line above section 一.
 */
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedNumbers, seedProse } from '../fixtures/render.ts';
import { TEXT_WIDTH, columnTwips, renderReportDocx } from './docx.ts';

const TITLE = '巫山县曲尺乡人民政府2025年政府信息公开工作年度报告';
const NOTICE = '本报告于2026年2月5日更正。更正说明：行政处罚决定数量更正为25件';
let documentXml = '';
let stylesXml = '';

/** The tables of the document, in order, as XML strings. */
const tables = () => documentXml.match(/<w:tbl>.*?<\/w:tbl>/g) ?? [];
const gridOf = (tbl: string) => [...tbl.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
const rowsOf = (tbl: string) => tbl.match(/<w:tr>.*?<\/w:tr>/g) ?? [];
/** The run properties of the run whose text is `text`. */
const runPropsOf = (text: string) => documentXml.match(new RegExp(`<w:rPr>((?:(?!<w:rPr>).)*?)</w:rPr><w:t xml:space="preserve">${text}</w:t>`))?.[1] ?? '';

beforeAll(async () => {
  const prose = seedProse();
  const data = await renderReportDocx(seedNumbers(), { title: TITLE, overview: prose.overview, closing: prose.closing, notice: NOTICE });
  const zip = await JSZip.loadAsync(data);
  documentXml = await zip.file('word/document.xml')!.async('string');
  stylesXml = await zip.file('word/styles.xml')!.async('string');
});

describe('columnTwips', () => {
  it('scales weights to widths that add up exactly', () => {
    expect(columnTwips([1, 1, 1], 100)).toEqual([33, 34, 33]);
    const w = columnTwips([18, 38, 162, 32, 32, 32, 32, 32, 32, 32], TEXT_WIDTH);
    expect(w.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
  });
});

describe('report DOCX tables', () => {
  it('has three tables, each as wide as the A4 text area (156 mm) with a fixed layout', () => {
    expect(TEXT_WIDTH).toBe(11906 - 1588 - 1474);
    expect(tables()).toHaveLength(3);
    for (const tbl of tables()) {
      expect(tbl).toContain(`<w:tblW w:type="dxa" w:w="${TEXT_WIDTH}"/>`);
      expect(tbl).toContain('<w:tblLayout w:type="fixed"/>');
      expect(gridOf(tbl).reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
    }
  });

  it('gives table 三 wide label columns and seven narrow number columns, 二 a wider first column, 四 fifteen equal ones', () => {
    const [two, three, four] = tables().map(gridOf);
    expect(three).toHaveLength(10);
    const numbers = three!.slice(3);
    expect(Math.max(...numbers) - Math.min(...numbers)).toBeLessThanOrEqual(1);
    expect(three![2]!).toBeGreaterThanOrEqual(3 * numbers[0]!);
    expect(three![0]!).toBeLessThan(numbers[0]!);
    expect(two).toHaveLength(4);
    expect(two![0]!).toBeGreaterThan(1.5 * two![1]!);
    expect(four).toHaveLength(15);
    expect(Math.max(...four!) - Math.min(...four!)).toBeLessThanOrEqual(1);
  });

  it('repeats the three header rows of tables 三 and 四, splits no row, and keeps each table on one page', () => {
    const [two, three, four] = tables().map(rowsOf);
    for (const rows of [three!, four!]) {
      expect(rows.map((r) => r.includes('<w:tblHeader/>'))).toEqual(rows.map((_, i) => i < 3));
    }
    expect(two!.some((r) => r.includes('<w:tblHeader/>'))).toBe(false);
    for (const rows of [two!, three!, four!]) {
      expect(rows.every((r) => r.includes('<w:cantSplit/>'))).toBe(true);
      expect(rows.map((r) => r.includes('<w:keepNext/>'))).toEqual(rows.map((_, i) => i < rows.length - 1));
    }
    // The heading before table 三 is kept with it.
    expect(documentXml).toMatch(/<w:p><w:pPr><w:keepNext\/>[^]*?三、收到和处理政府信息公开申请情况<\/w:t><\/w:r><\/w:p><w:tbl>/);
  });
});

describe('report DOCX fonts', () => {
  it('names 方正小标宋简体 for the title and 仿宋_GB2312 for text and cells in the East Asian slot', () => {
    expect(runPropsOf(TITLE)).toMatch(/<w:rFonts [^>]*w:eastAsia="方正小标宋简体"[^>]*w:hint="eastAsia"/);
    expect(runPropsOf(TITLE)).toContain('<w:sz w:val="44"/>');
    expect(runPropsOf('一、总体情况')).toContain('w:eastAsia="黑体"');
    const cell = runPropsOf('法人或其他组织');
    expect(cell).toMatch(/w:eastAsia="仿宋_GB2312"/);
    expect(cell).toContain('<w:sz w:val="21"/>');
  });

  it('sets the document default to 仿宋_GB2312 三号 with the East Asian language zh-CN', () => {
    const defaults = stylesXml.match(/<w:docDefaults>.*<\/w:docDefaults>/)?.[0] ?? '';
    expect(defaults).toContain('w:eastAsia="仿宋_GB2312"');
    expect(defaults).toContain('<w:lang w:val="en-US" w:eastAsia="zh-CN"/>');
    expect(defaults).toContain('<w:sz w:val="32"/>');
  });

  it('prints the correction line in bold between the title and section 一', () => {
    const at = (s: string) => documentXml.indexOf(`>${s}</w:t>`);
    expect(at(TITLE)).toBeGreaterThan(0);
    expect(at(NOTICE)).toBeGreaterThan(at(TITLE));
    expect(at('一、总体情况')).toBeGreaterThan(at(NOTICE));
    expect(runPropsOf(NOTICE)).toContain('<w:b/>');
  });
});
