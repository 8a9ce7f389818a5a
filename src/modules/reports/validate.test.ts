import { describe, expect, it } from 'vitest';
import { seedNumbers } from './fixtures/render.ts';
import { cloneReportNumbers, emptyReportNumbers, RULE_IDS, type ReportNumbers, type RuleId } from './model.ts';
import { locateSingleCellError, validateReport, type ValidationContext } from './validate.ts';

function failing(n: ReportNumbers, ctx: ValidationContext = {}): Record<string, string[]> {
  const { checks } = validateReport(n, ctx);
  return Object.fromEntries(checks.filter((c) => !c.ok).map((c) => [c.rule, c.cells]));
}

function mutate(f: (n: ReportNumbers) => void): ReportNumbers {
  const n = cloneReportNumbers(seedNumbers());
  f(n);
  return n;
}

describe('validateReport on the seed report (巫山县曲尺乡 2025)', () => {
  it('passes every rule, one check per rule in order, with the seed narrative quoting 1 application', () => {
    const narrative = '2025年,收到自然人提出的政府信息公开申请1件。';
    const { checks, consistent } = validateReport(seedNumbers(), { narrative });
    expect(consistent).toBe(true);
    expect(checks.map((c) => c.rule)).toEqual([...RULE_IDS]);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.find((c) => c.rule === 'S3')?.message).toContain('收到自然人提出的政府信息公开申请1件');
  });

  it('passes on an all-zero report', () => {
    expect(validateReport(emptyReportNumbers()).consistent).toBe(true);
  });
});

describe('hard rules name the rule and the cell at fault', () => {
  const cases: Array<{ name: string; change: (n: ReportNumbers) => void; rules: RuleId[]; first: string; consistent: boolean }> = [
    { name: '一 总计 1 → 2', change: (n) => (n.section3.rows.new[6] = 2), rules: ['G1', 'G2'], first: '三.总计.一', consistent: false },
    { name: '一 自然人 1 → 2', change: (n) => (n.section3.rows.new[0] = 2), rules: ['G1', 'G2'], first: '三.自然人.一', consistent: false },
    { name: '二 商业企业 0 → 1', change: (n) => (n.section3.rows.carried_over[1] = 1), rules: ['G1', 'G2'], first: '三.商业企业.二', consistent: false },
    { name: '(一)予以公开 自然人 1 → 2', change: (n) => (n.section3.rows.granted[0] = 2), rules: ['G2', 'G3'], first: '三.自然人.三(一)', consistent: false },
    { name: '(三)6 过程性信息 其他 0 → 3', change: (n) => (n.section3.rows.denied_process_info[5] = 3), rules: ['G2', 'G3'], first: '三.其他.三(三)6', consistent: false },
    { name: '(七)总计 总计 1 → 2', change: (n) => (n.section3.rows.total[6] = 2), rules: ['G1', 'G2', 'G3'], first: '三.总计.三(七)', consistent: false },
    { name: '四 结转下年度 总计 0 → 1', change: (n) => (n.section3.rows.carried_forward[6] = 1), rules: ['G1', 'G2'], first: '三.总计.四', consistent: false },
    { name: '行政复议 总计 0 → 1', change: (n) => (n.section4.reconsideration[4] = 1), rules: ['G4'], first: '四.行政复议.总计', consistent: false },
    { name: '复议后起诉 结果纠正 0 → 2', change: (n) => (n.section4.litigationAfterReconsideration[1] = 2), rules: ['G4'], first: '四.复议后起诉.总计', consistent: false },
    { name: '行政处罚 −1', change: (n) => (n.section2.penalties = -1), rules: ['G5'], first: '二.行政处罚.本年处理决定数量', consistent: false },
    { name: '规章 现行有效 2.5', change: (n) => (n.section2.regulations.inForce = 2.5), rules: ['G5'], first: '二.规章.现行有效件数', consistent: false },
  ];
  it.each(cases)('$name', ({ change, rules, first, consistent }) => {
    const n = mutate(change);
    const bad = failing(n);
    expect(Object.keys(bad).sort()).toEqual([...rules].sort());
    for (const rule of rules) expect(bad[rule]?.[0]).toBe(first);
    expect(validateReport(n).consistent).toBe(consistent);
  });

  it('a negative number inside table 三 fails G5 and the identities it breaks', () => {
    const n = mutate((x) => {
      x.section3.rows.partial[0] = -1;
      x.section3.rows.partial[6] = -1;
    });
    const bad = failing(n);
    expect(bad.G5).toEqual(['三.自然人.三(二)', '三.总计.三(二)']);
    expect(Object.keys(bad)).toContain('G3');
  });

  it('tells which single cell explains the failures, and what it should be', () => {
    const n = mutate((x) => (x.section3.rows.new[6] = 5));
    const { checks } = validateReport(n);
    expect(locateSingleCellError(n)).toEqual({ cell: '三.总计.一', value: 5, expected: 1 });
    expect(checks.find((c) => c.rule === 'G1')?.message).toContain('最可能是 三.总计.一（表中为 5，按勾稽关系应为 1）');
    expect(checks.find((c) => c.rule === 'G1')?.message).toContain('“总计”列：一(5) + 二(0) = 5，三(七)(1) + 四(0) = 1');
  });

  it('names no single cell when two cells are wrong', () => {
    const n = mutate((x) => {
      x.section3.rows.new[6] = 2;
      x.section3.rows.granted[0] = 3;
    });
    expect(locateSingleCellError(n)).toBeNull();
    expect(locateSingleCellError(seedNumbers())).toBeNull();
  });

  it('accepts 收费金额 with decimals (万元) but not a negative one', () => {
    expect(failing(mutate((n) => (n.section2.feesWan = 0.035)))).toEqual({});
    expect(failing(mutate((n) => (n.section2.feesWan = -0.5)))).toEqual({ G5: ['二.行政事业性收费.本年收费金额'] });
  });

  it('reports cells whose text was not a number under G5', () => {
    const { checks, consistent } = validateReport(seedNumbers(), { unreadable: [{ cell: '三.科研机构.三(二)', text: 'abc' }] });
    const g5 = checks.find((c) => c.rule === 'G5');
    expect(consistent).toBe(false);
    expect(g5?.cells).toEqual(['三.科研机构.三(二)']);
    expect(g5?.message).toContain('“abc”不是数字');
  });
});

describe('soft rules', () => {
  it('S5: blank cells read as 0 are reported, the report stays consistent', () => {
    const n = seedNumbers();
    n.section3.blank = ['三.商业企业.一'];
    const { checks, consistent } = validateReport(n, { blank: ['三.商业企业.一', '二.行政许可.本年处理决定数量'] });
    expect(consistent).toBe(true);
    const s5 = checks.find((c) => c.rule === 'S5');
    expect(s5?.ok).toBe(false);
    expect(s5?.cells).toEqual(['二.行政许可.本年处理决定数量', '三.商业企业.一']);
  });

  it('S1: 上年结转 must equal last year’s 结转下年度', () => {
    const previous = emptyReportNumbers();
    previous.section3.rows.carried_forward = [2, 0, 0, 0, 0, 0, 2];
    expect(failing(seedNumbers(), { previous })).toEqual({ S1: ['三.自然人.二', '三.总计.二'] });
    const now = mutate((n) => {
      n.section3.rows.carried_over = [2, 0, 0, 0, 0, 0, 2];
      n.section3.rows.granted = [3, 0, 0, 0, 0, 0, 3];
      n.section3.rows.total = [3, 0, 0, 0, 0, 0, 3];
    });
    expect(failing(now, { previous })).toEqual({});
  });

  it('S2: 现行有效 = last year’s + 制发 − 废止', () => {
    const previous = emptyReportNumbers();
    previous.section2.normativeDocuments.inForce = 10;
    const now = mutate((n) => (n.section2.normativeDocuments = { issued: 3, repealed: 1, inForce: 11 }));
    expect(failing(now, { previous })).toEqual({ S2: ['二.行政规范性文件.现行有效件数'] });
    now.section2.normativeDocuments.inForce = 12;
    expect(failing(now, { previous })).toEqual({});
  });

  it('S1/S2 without last year’s report pass and say they were not checked', () => {
    const { checks } = validateReport(seedNumbers());
    expect(checks.find((c) => c.rule === 'S1')?.message).toContain('未提供上年度报告');
    expect(checks.find((c) => c.rule === 'S2')?.message).toContain('未提供上年度报告');
  });

  const narratives: Array<{ text: string; fails?: RuleId; cells?: string[] }> = [
    { text: '2025年,收到自然人提出的政府信息公开申请1件。' },
    { text: '2025年,收到自然人提出的政府信息公开申请2件。', fails: 'S3', cells: ['三.自然人.一'] },
    { text: '全年共收到政府信息公开申请一件，已全部办结。' },
    { text: '全年共收到政府信息公开申请3件，其中自然人申请1件。', fails: 'S3', cells: ['三.总计.一'] },
    { text: '本年度共收到政府信息公开申请1件，其中自然人1件、法人或其他组织2件。', fails: 'S3', cells: ['三.商业企业.一', '三.科研机构.一', '三.社会公益组织.一', '三.法律服务机构.一', '三.其他.一'] },
    { text: '办结政府信息公开申请1件，予以公开1件，占100%。' },
    { text: '予以公开1件，占50%。', fails: 'S3', cells: ['三.总计.三(一)'] },
    { text: '结转下年度继续办理2件。', fails: 'S3', cells: ['三.总计.四'] },
    { text: '未发生因政府信息公开引起的行政复议、行政诉讼。' },
    { text: '发生政府信息公开行政复议1件。', fails: 'S3', cells: ['四.行政复议.总计'] },
    { text: '其中予以公开和部分公开共1件。' },
    { text: '其中予以公开或部分公开2件。', fails: 'S4', cells: ['三.总计.三(一)', '三.总计.三(二)'] },
    { text: '推进“一件事一次办”，主动公开政府信息61条。' },
  ];
  it.each(narratives)('S3/S4: $text', ({ text, fails, cells }) => {
    const bad = failing(seedNumbers(), { narrative: text });
    if (!fails) expect(bad).toEqual({});
    else expect(bad).toEqual({ [fails]: cells });
  });
});
