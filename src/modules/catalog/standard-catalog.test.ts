/**
 * The shipped standard catalog as data: its shape, its time rules, the column defaults it must
 * carry, and the workbook through which agencies seeded earlier get the added items (pure).
 */
import { describe, expect, it } from 'vitest';
import { channelKeys, normalizeChannels } from './channels.ts';
import { buildCatalogWorkbook, parseCatalogWorkbook } from './catalog-xlsx.ts';
import { columnCatalogDefaults, generalAreas, standardCatalog, standardCatalogVersion, standardSheetRows } from './standard-catalog.ts';
import { checkTimeRule, formatTimeRule, normalizeTimeRule } from './time-rule.ts';

const shipped = [...standardCatalog, ...generalAreas];
const items = shipped.flatMap((a) => a.items.map((it) => ({ area: a.name, ...it })));
const find = (area: string, level1: string, level2: string) => items.find((i) => i.area === area && i.level1 === level1 && i.level2 === level2);

describe('standard catalog', () => {
  it('has the 26 pilot areas, each with at least one item, and a new version tag', () => {
    expect(standardCatalog).toHaveLength(26);
    expect(new Set(standardCatalog.map((a) => a.name)).size).toBe(26);
    for (const a of shipped) expect(a.items.length, a.name).toBeGreaterThan(0);
    expect(standardCatalogVersion).not.toBe('2025-first');
  });

  it('every time rule passes checkTimeRule and is already in its stored form', () => {
    for (const it of items) {
      expect(checkTimeRule(it.rule), `${it.area}/${it.level1}/${it.level2}`).toBeNull();
      expect(normalizeTimeRule(it.rule)).toEqual(it.rule);
    }
  });

  it('every item is importable as it stands: names within limits, content and basis given, known channels in order', () => {
    for (const it of items) {
      const at = `${it.area}/${it.level1}/${it.level2}`;
      expect(it.level1.length, at).toBeGreaterThan(0);
      expect(it.level2.length, at).toBeGreaterThan(0);
      expect(it.level1.length <= 100 && it.level2.length <= 100, at).toBe(true);
      expect(it.content.trim(), at).not.toBe('');
      expect(it.basis.trim(), at).not.toBe('');
      expect(it.channels.length, at).toBeGreaterThan(0);
      for (const ch of it.channels) expect(channelKeys, at).toContain(ch);
      expect(normalizeChannels(it.channels), at).toEqual(it.channels);
    }
  });

  it('has no duplicate (领域, 一级事项, 二级事项)', () => {
    const keys = items.map((i) => `${i.area}/${i.level1}/${i.level2}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it("keeps the general area's 一级事项 names to itself (items are looked up by them)", () => {
    const general = new Set(generalAreas.flatMap((a) => a.items.map((i) => i.level1)));
    const clashes = standardCatalog.flatMap((a) => a.items.filter((i) => general.has(i.level1)).map((i) => `${a.name}/${i.level1}`));
    expect(clashes).toEqual([]);
  });

  it('every columnCatalogDefaults entry names a shipped 主动 item', () => {
    for (const [slug, [area, level1, level2]] of Object.entries(columnCatalogDefaults)) {
      expect(find(area, level1, level2), `${slug}: ${area}/${level1}/${level2}`).toBeDefined();
    }
  });

  it('carries the 社会救助 rows real township catalogs share (10 个工作日; 初审名单公示 7 个工作日)', () => {
    const audit = find('社会救助', '最低生活保障', '审核信息')!;
    expect(formatTimeRule(audit.rule)).toBe('信息形成或者变更之日起10个工作日内，公示期不少于7个工作日');
    expect(find('社会救助', '最低生活保障', '审批信息')!.rule).toEqual({ kind: 'event', unit: 'workingDays', limit: 10 });
    // The column default stays the first 最低生活保障 item (lookups by 一级事项 take the first).
    expect(standardCatalog.find((a) => a.name === '社会救助')!.items.find((i) => i.level1 === '最低生活保障')!.level2).toBe('低保对象与资金');
  });

  it('marks added items with the version that added them, and only those', () => {
    const added = items.filter((i) => i.since !== undefined);
    expect(added.length).toBeGreaterThan(26);
    for (const it of added) expect(it.since).toBe(standardCatalogVersion);
    // First-version items a column default names are not re-added.
    for (const [area, level1, level2] of Object.values(columnCatalogDefaults)) expect(find(area, level1, level2)!.since).toBeUndefined();
  });
});

describe('standardSheetRows', () => {
  it('round-trips through the catalog workbook without errors, rule for rule', async () => {
    const rows = standardSheetRows({ subject: '曲尺乡人民政府', level: 'township' });
    expect(rows).toHaveLength(items.length);
    const parsed = await parseCatalogWorkbook(await buildCatalogWorkbook('标准目录', rows));
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual(rows);
  });

  it('--added-only holds exactly the added items, with the given subject and level', async () => {
    const rows = standardSheetRows({ subject: '某县民政局', level: 'county', addedOnly: true });
    expect(rows.map((r) => `${r.area}/${r.level1}/${r.level2}`)).toEqual(items.filter((i) => i.since).map((i) => `${i.area}/${i.level1}/${i.level2}`));
    expect(rows.every((r) => r.subject === '某县民政局' && r.level === 'county' && r.mode === 'proactive')).toBe(true);
    const parsed = await parseCatalogWorkbook(await buildCatalogWorkbook('新增事项', rows));
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toHaveLength(rows.length);
  });
});
