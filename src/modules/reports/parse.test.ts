import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { checkParsedReport } from './check.ts';
import { buildReportDocx, editSeedCell, encodeGbk, renderReportHtml, reportGrid, seedNumbers, seedProse, seedText, SEED_PATH, type GridRow } from './fixtures/render.ts';
import { cloneReportNumbers, type AnnualReport, type ReportNumbers } from './model.ts';
import { htmlTables } from './parse/html.ts';
import { readReport, readReportFile } from './parse/index.ts';
import { matchTitle } from './parse/read-tables.ts';
import { ReportReadError } from './reports.errors.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const utf8 = (s: string) => new TextEncoder().encode(s);

async function check(bytes: Uint8Array, name: string): Promise<AnnualReport> {
  return checkParsedReport(await readReport(bytes, name));
}

async function readError(p: Promise<unknown>): Promise<ReportReadError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ReportReadError);
  return e as ReportReadError;
}

function failed(r: AnnualReport): Record<string, string[]> {
  return Object.fromEntries(r.checks.filter((c) => !c.ok).map((c) => [c.rule, c.cells]));
}

describe('the seed report (plain text copied from the web page)', () => {
  it('parses to the numbers printed in it', async () => {
    const p = await readReportFile(SEED_PATH);
    expect(p.title).toBe('巫山县曲尺乡人民政府2025年政府信息公开工作年度报告');
    expect(p.agency).toBe('巫山县曲尺乡人民政府');
    expect(p.year).toBe(2025);
    expect(p.format).toBe('text');
    // Read off the file: 行政处罚 21, every other cell of table 二 0.
    expect(p.numbers.section2).toEqual({
      regulations: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 0, repealed: 0, inForce: 0 },
      licensing: 0,
      penalties: 21,
      enforcement: 0,
      feesWan: 0,
    });
    // Table 三: one new request from a natural person, granted; every other cell 0.
    expect(p.numbers.section3.rows.new).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(p.numbers.section3.rows.granted).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(p.numbers.section3.rows.total).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(p.numbers).toEqual(seedNumbers());
    expect(p.blank).toEqual([]);
    expect(p.unreadable).toEqual([]);
    expect(p.narrative).toContain('收到自然人提出的政府信息公开申请1件');
    expect(p.narrative).not.toContain('存在的主要问题');
    expect(p.warnings).toEqual([]);
  });

  it('is consistent: every rule passes, S3 finds the quoted figure', async () => {
    const r = checkParsedReport(await readReportFile(SEED_PATH));
    expect(r.consistent).toBe(true);
    expect(failed(r)).toEqual({});
    expect(r.checks.find((c) => c.rule === 'S3')?.message).toBe('总体情况中的数字与表格一致：“收到自然人提出的政府信息公开申请1件”与表格一致');
  });
});

describe('broken variants of the seed text', () => {
  const cases: Array<{ name: string; text: () => string; fails: Record<string, string>; consistent: boolean }> = [
    {
      name: 'a total that does not add up (一 总计 1 → 2)',
      text: () => editSeedCell('一、本年新收政府信息公开申请数量', 6, '2'),
      fails: { G1: '三.总计.一', G2: '三.总计.一' },
      consistent: false,
    },
    {
      name: '(七)总计 自然人 1 → 3',
      text: () => editSeedCell('(七)总计', 0, '3'),
      fails: { G1: '三.自然人.三(七)', G2: '三.自然人.三(七)', G3: '三.自然人.三(七)' },
      consistent: false,
    },
    {
      name: 'a leaf row changed ((五)2 重复申请 其他 0 → 1)',
      text: () => editSeedCell('2.重复申请', 5, '1'),
      fails: { G2: '三.其他.三(五)2', G3: '三.其他.三(五)2' },
      consistent: false,
    },
    {
      name: 'a negative number (行政处罚 −21)',
      text: () => editSeedCell('行政处罚', 0, '-21'),
      fails: { G5: '二.行政处罚.本年处理决定数量' },
      consistent: false,
    },
    {
      name: 'table 四 total wrong (复议后起诉 总计 0 → 1)',
      text: () => editSeedCell('复议后起诉', 14, '1', '四、政府信息公开行政复议'),
      fails: { G4: '四.复议后起诉.总计' },
      consistent: false,
    },
    {
      name: 'a blank cell (一 商业企业)',
      text: () => editSeedCell('一、本年新收政府信息公开申请数量', 1, ''),
      fails: { S5: '三.商业企业.一' },
      consistent: true,
    },
    {
      name: 'a blank 总计 at the end of a row',
      text: () => editSeedCell('二、上年结转政府信息公开申请数量', 6, ''),
      fails: { S5: '三.总计.二' },
      consistent: true,
    },
    {
      name: 'a cell that is not a number',
      text: () => editSeedCell('(二)部分公开', 2, 'abc'),
      fails: { G5: '三.科研机构.三(二)' },
      consistent: false,
    },
    {
      name: 'the narrative quoting another figure',
      text: () => seedText().replace('申请1件', '申请3件'),
      fails: { S3: '三.自然人.一' },
      consistent: true,
    },
  ];
  it.each(cases)('$name', async ({ text, fails, consistent }) => {
    const r = await check(utf8(text()), 'seed.txt');
    const bad = failed(r);
    expect(Object.keys(bad).sort()).toEqual(Object.keys(fails).sort());
    for (const [rule, cell] of Object.entries(fails)) expect(bad[rule]?.[0]).toBe(cell);
    expect(r.consistent).toBe(consistent);
  });

  it('lists a blank cell under section3.blank and counts it as 0', async () => {
    const r = await check(utf8(editSeedCell('一、本年新收政府信息公开申请数量', 1, '')), 'seed.txt');
    expect(r.section3.blank).toEqual(['三.商业企业.一']);
    expect(r.section3.rows.new).toEqual([1, 0, 0, 0, 0, 0, 1]);
  });

  it('reads the same report copied as tab-separated rows', async () => {
    const rows = (label: string, values: number[]) => `${label}\t${values.join('\t')}`;
    const seed = seedNumbers();
    const text = [
      '巫山县曲尺乡人民政府2025年政府信息公开工作年度报告',
      '一、总体情况',
      '收到自然人提出的政府信息公开申请1件。',
      '二、主动公开政府信息情况',
      '第二十条第（一）项',
      '信息内容\t本年制发件数\t本年废止件数\t现行有效件数',
      rows('规章', [0, 0, 0]),
      rows('行政规范性文件', [0, 0, 0]),
      '第二十条第（五）项',
      '信息内容\t本年处理决定数量',
      rows('行政许可', [0]),
      '第二十条第（六）项',
      rows('行政处罚', [21]),
      rows('行政强制', [0]),
      '第二十条第（八）项',
      rows('行政事业性收费', [0]),
      '三、收到和处理政府信息公开申请情况',
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况',
      '\t自然人\t法人或其他组织\t\t\t\t\t总计',
      ...Object.entries(seed.section3.rows).map(([key, v]) => rows(`label-${key}`, v)),
    ].join('\n');
    // Labels must be the real ones: take them from the HTML rendering of the seed.
    const labels = htmlTables(renderReportHtml(seed))[1]!
      .filter((c) => c.row >= 3 && c.col + c.colspan === 3)
      .map((c) => c.text);
    let i = 0;
    const real = text.replace(/label-[a-z_]+/g, () => labels[i++] ?? '?');
    const withFour = `${real}\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n${'0\t'.repeat(14)}0\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。`;
    const p = await readReport(utf8(withFour), 'copied.txt');
    expect(p.numbers).toEqual(seedNumbers());
  });
});

describe('other shapes of copied text', () => {
  it('rows as a label and space-separated numbers (copied from a PDF), Markdown rows', async () => {
    const grid = reportGrid(seedNumbers());
    const lines = (rows: GridRow[], sep: (cells: string[]) => string) => rows.map((r) => sep(r.map((c) => c.text)));
    const body = (sep: (cells: string[]) => string) =>
      [
        '巫山县曲尺乡人民政府2025年政府信息公开工作年度报告',
        ...seedProse().overview,
        '二、主动公开政府信息情况',
        ...lines(grid.section2, sep),
        '三、收到和处理政府信息公开申请情况',
        ...lines(grid.section3, sep),
        '四、政府信息公开行政复议、行政诉讼情况',
        ...lines(grid.section4, sep),
        ...seedProse().closing,
      ].join('\n');
    const spaced = await readReport(utf8(body((cells) => cells.join(' '))), 'from-pdf.txt');
    expect(spaced.numbers).toEqual(seedNumbers());
    const markdown = await readReport(utf8(body((cells) => `| ${cells.join(' | ')} |`)), 'page.txt');
    expect(markdown.numbers).toEqual(seedNumbers());
    expect(checkParsedReport(markdown).consistent).toBe(true);
  });
});

describe('not a report, old format, unreadable', () => {
  it('a notice is not an annual report', async () => {
    const e = await readError(readReportFile(fixture('not-a-report.txt')));
    expect(e.kind).toBe('NOT_A_REPORT');
    expect(e.message).toContain('不是政府信息公开工作年度报告');
    expect(e.status).toBe(422);
  });

  it('recognises the 2019 trial format and says so', async () => {
    const e = await readError(readReportFile(fixture('old-format-2019.txt')));
    expect(e.kind).toBe('OLD_FORMAT');
    expect(e.message).toContain('2019 年试行格式');
    expect(e.details).toMatchObject({ agency: '示例县青石镇人民政府', year: 2019 });
    expect((e.details?.signals as string[]).join()).toContain('本年新制作数量');
  });

  it('recognises the 2019 format by its table 三 alone ((六)其他处理 without sub-rows)', async () => {
    const text = readFileSync(fixture('old-format-2019.txt'), 'utf8')
      .replace(/本年新制作数量|本年新公开数量|对外公开总数量/g, '本年制发件数')
      .replace(/上一年项目数量|本年增\/减|其他对外管理服务事项|政府集中采购|采购总金额|采购项目数量/g, '—');
    const e = await readError(readReport(utf8(text), 'old.txt'));
    expect(e.kind).toBe('OLD_FORMAT');
    expect(e.message).toContain('（六）其他处理”没有 1–3 分项');
  });

  it('a current-format report whose narrative speaks of 政府集中采购 is not taken for the old format', async () => {
    const text = seedText().replace('全年累计主动公开政府信息61条', '全年累计主动公开政府信息61条，含政府集中采购、对外公开总数量等信息');
    expect((await readReport(utf8(text), 'seed.txt')).numbers).toEqual(seedNumbers());
  });

  it('a report on 2020 whose tables do not read is said to be probably in the old format', async () => {
    const text = seedText().replace('2025年政府信息公开', '2020年政府信息公开').replace('2.重复申请', '2.其他');
    const e = await readError(readReport(utf8(text), 'r.txt'));
    expect(e.kind).toBe('OLD_FORMAT');
    expect(e.message).toContain('2020 年度报告');
  });

  it('a report whose table 三 is missing is unreadable, naming the table', async () => {
    const text = seedText().split('三、收到和处理政府信息公开申请情况')[0] ?? '';
    const e = await readError(readReport(utf8(text), 'cut.txt'));
    expect(e.kind).toBe('UNREADABLE');
    expect(e.message).toContain('表三');
  });

  it('a row missing from table 三 is named', async () => {
    const text = seedText().replace('2.重复申请', '2.其他');
    const e = await readError(readReport(utf8(text), 'cut.txt'));
    expect(e.kind).toBe('UNREADABLE');
    expect(e.message).toContain('2.重复申请');
  });

  it('damaged DOCX and PDF files and unknown types are typed errors', async () => {
    expect((await readError(readReport(utf8('PK\u0003\u0004 not really a zip'), 'x.docx'))).kind).toBe('UNREADABLE');
    expect((await readError(readReport(utf8('%PDF-1.4\n garbage'), 'x.pdf'))).kind).toBe('UNREADABLE');
    const unknown = await readError(readReport(utf8('x'), 'report.doc'));
    expect(unknown.kind).toBe('UNSUPPORTED_FILE');
    expect(unknown.message).toContain('.docx');
    expect((await readError(readReportFile('/nonexistent/report.pdf'))).message).toContain('不存在');
  });
});

describe('title, agency and year', () => {
  it.each([
    ['巫山县曲尺乡人民政府2025年政府信息公开工作年度报告', '巫山县曲尺乡人民政府', 2025],
    ['2024年度巫山县曲尺乡人民政府政府信息公开工作年度报告', '巫山县曲尺乡人民政府', 2024],
    ['巫山县曲尺乡人民政府政府信息公开工作2023年度报告', '巫山县曲尺乡人民政府', 2023],
    ['曲尺乡2025年政府信息公开年度报告', '曲尺乡', 2025],
  ])('%s', (text, agency, year) => {
    expect(matchTitle(text)).toMatchObject({ agency, year });
  });

  it('ignores sentences', () => {
    expect(matchTitle('2025年,曲尺乡党委、政府始终将政务公开作为法治政府建设的重要抓手')).toBeNull();
  });
});

describe('saved web pages (HTML)', () => {
  const same = (n: ReportNumbers) => expect(n).toEqual(seedNumbers());

  it('the 30号 layout with merged header cells parses to the seed numbers', async () => {
    const html = renderReportHtml(seedNumbers());
    const grid = htmlTables(html);
    expect(grid).toHaveLength(3);
    // The grid honours rowspan/colspan: 三、本年度办理结果 spans 22 rows, and the first value
    // of the (三)2 row (which has no group cell of its own) sits in column 3.
    const t3 = grid[1]!;
    expect(t3.find((c) => c.text === '三、本年度办理结果')).toMatchObject({ row: 5, col: 0, rowspan: 22 });
    const row = t3.find((c) => c.text === '2.其他法律行政法规禁止公开')!;
    expect(row.col).toBe(2);
    expect(t3.find((c) => c.row === row.row && c.col === 3)?.text).toBe('0');
    expect(grid[2]!.filter((c) => c.row === 3)).toHaveLength(15);
    const r = await check(utf8(html), 'seed.html');
    same(r.section2 && { section2: r.section2, section3: r.section3, section4: r.section4 });
    expect(r).toMatchObject({ title: '巫山县曲尺乡人民政府2025年政府信息公开工作年度报告', agency: '巫山县曲尺乡人民政府', year: 2025, format: 'html', consistent: true });
    expect(failed(r)).toEqual({});
  });

  it('handles a layout table around the article, <p><span> in cells, &nbsp; and full-width digits', async () => {
    const html = renderReportHtml(seedNumbers(), { layoutTable: true, wordStyle: true, fullWidthDigits: true });
    expect(html).toContain('&nbsp;２１&nbsp;');
    const p = await readReport(utf8(html), 'page.htm');
    same(p.numbers);
    expect(p.agency).toBe('巫山县曲尺乡人民政府');
  });

  it('decodes a GBK page that declares its charset', async () => {
    const html = renderReportHtml(seedNumbers(), { charset: 'gb2312' }).replace('“三安全一稳定”', '"三安全一稳定"');
    const p = await readReport(encodeGbk(html), 'gbk.html');
    same(p.numbers);
    expect(p.title).toBe('巫山县曲尺乡人民政府2025年政府信息公开工作年度报告');
  });

  it('reads unclosed <td>/<tr> and entities', async () => {
    const html = renderReportHtml(seedNumbers())
      .replace(/<\/td>/g, '')
      .replace(/<\/tr>/g, '')
      .replace(/>21</, '>&#50;&#x31;<');
    same((await readReport(utf8(html), 'sloppy.html')).numbers);
  });

  it('records blank cells, reads "—" as blank, and flags text cells', async () => {
    const html = renderReportHtml(seedNumbers(), {
      cellText: (cell, v) => (cell === '三.社会公益组织.一' ? '' : cell === '二.行政许可.本年处理决定数量' ? '—' : cell === '三.其他.四' ? 'x' : String(v)),
    });
    const r = await check(utf8(html), 'blank.html');
    expect(r.section3.blank).toEqual(['三.社会公益组织.一']);
    expect(failed(r)).toEqual({ G5: ['三.其他.四'], S5: ['二.行政许可.本年处理决定数量', '三.社会公益组织.一'] });
  });

  it('a mutated total in HTML fails the right rule naming the cell', async () => {
    const n = cloneReportNumbers(seedNumbers());
    n.section3.rows.total[6] = 4;
    const r = await check(utf8(renderReportHtml(n)), 'bad.html');
    expect(r.consistent).toBe(false);
    expect(failed(r).G3?.[0]).toBe('三.总计.三(七)');
  });

  it('a web page that is not a report', async () => {
    const e = await readError(readReport(utf8('<html><head><title>首页</title></head><body><p>通知公告</p><table><tr><td>1</td></tr></table></body></html>'), 'index.html'));
    expect(e.kind).toBe('NOT_A_REPORT');
  });
});

describe('Word documents (DOCX)', () => {
  it('a Word table with merged cells parses to the seed numbers', async () => {
    const docx = await buildReportDocx(seedNumbers());
    const html = (await mammoth.convertToHtml({ buffer: docx })).value;
    // mammoth keeps the merges of the Word table.
    expect(html).toContain('rowspan="22"');
    expect(html).toContain('colspan="5"');
    const r = await check(docx, '巫山县曲尺乡人民政府2025年政府信息公开工作年度报告.docx');
    expect({ section2: r.section2, section3: r.section3, section4: r.section4 }).toEqual(seedNumbers());
    expect(r).toMatchObject({ agency: '巫山县曲尺乡人民政府', year: 2025, format: 'docx', consistent: true });
    expect(failed(r)).toEqual({});
  });

  it('a DOCX with a wrong total and a blank cell', async () => {
    const n = cloneReportNumbers(seedNumbers());
    n.section4.litigationDirect[4] = 2;
    const docx = await buildReportDocx(n, { cellText: (cell, v) => (cell === '三.法律服务机构.三(七)' ? '' : String(v)) });
    const r = await check(docx, 'x.docx');
    expect(failed(r)).toEqual({ G4: ['四.未经复议直接起诉.总计', '四.未经复议直接起诉.结果维持', '四.未经复议直接起诉.结果纠正', '四.未经复议直接起诉.其他结果', '四.未经复议直接起诉.尚未审结'], S5: ['三.法律服务机构.三(七)'] });
  });
});
