/**
 * The column → catalog defaults against the shipped standard, the suggestion lookup and the
 * per-row checks of a link request (pure).
 */
import { describe, expect, it } from 'vitest';
import { standardColumns } from '../agencies/index.ts';
import { checkLinks, linkSchema, suggestionFinder, type LinkDocument } from './catalog-backfill.ts';
import { columnCatalogDefaults, defaultCatalogKeyForColumn, generalAreas, standardCatalog } from './standard-catalog.ts';

const shipped = [...standardCatalog, ...generalAreas];
const slugsOf = (cols: ReturnType<typeof standardColumns>): string[] => cols.flatMap((c) => [c.slug, ...slugsOf(c.children ?? [])]);
const allSlugs = [...new Set((['county', 'department', 'township'] as const).flatMap((k) => slugsOf(standardColumns(k))))];

describe('columnCatalogDefaults', () => {
  it('lists every column of the standard trees explicitly (no silent fallback)', () => {
    expect(allSlugs.length).toBeGreaterThan(25);
    for (const slug of allSlugs) expect(columnCatalogDefaults[slug], slug).toBeDefined();
  });

  it("every standard column's default is an existing 主动 item of the shipped standard catalog", () => {
    for (const slug of allSlugs) {
      const [areaName, level1, level2] = defaultCatalogKeyForColumn(slug);
      const area = shipped.find((a) => a.name === areaName);
      expect(area, `${slug}: 领域「${areaName}」`).toBeDefined();
      expect(area!.items.some((i) => i.level1 === level1 && i.level2 === level2), `${slug}: ${areaName}/${level1}/${level2}`).toBe(true);
    }
    for (const slug of Object.keys(columnCatalogDefaults)) expect(allSlugs, `${slug} is not a standard column`).toContain(slug);
    expect(key('shjz')).toEqual(['社会救助', '最低生活保障', '低保对象与资金']);
    expect(key('zfxxgknb')).toEqual(['机构与政务公开工作', '政府信息公开年度报告', '年度报告']);
    expect(key('gwyzk')).toEqual(['机构与政务公开工作', '其他法定公开信息', '其他信息']);
    expect(key('an-agency-own-column')).toEqual(['机构与政务公开工作', '其他法定公开信息', '其他信息']);
  });
});

function key(slug: string) {
  return defaultCatalogKeyForColumn(slug);
}

const areas = [
  { id: 'a1', name: '社会救助' },
  { id: 'a2', name: '机构与政务公开工作' },
];
const items = [
  { id: 'i1', agencyId: 'A', areaId: 'a1', level1: '最低生活保障', level2: '低保对象与资金', mode: 'proactive' },
  { id: 'i2', agencyId: 'A', areaId: 'a2', level1: '其他法定公开信息', level2: '其他信息', mode: 'request' },
  { id: 'i3', agencyId: 'B', areaId: 'b1', level1: '其他', level2: '其他', mode: 'proactive' },
];

describe('suggestionFinder', () => {
  it("suggests the column default when the agency has it as a 主动 item, else nothing", () => {
    const suggest = suggestionFinder(areas, items);
    expect(suggest('shjz')).toEqual({ id: 'i1', areaName: '社会救助', level1: '最低生活保障', level2: '低保对象与资金' });
    // The default exists but was turned into a 依申请 item; the annual report's area item is missing.
    expect(suggest('qtxx')).toBeNull();
    expect(suggest('zfxxgknb')).toBeNull();
  });
});

describe('checkLinks', () => {
  const doc = (id: string, over: Partial<LinkDocument> = {}): LinkDocument => ({ id, agencyId: 'A', title: `信息${id}`, disclosure: 'proactive', status: 'published', liveVersion: 1, catalogItemId: null, ...over });
  const docs = new Map(
    [
      doc('11111111-1111-4111-8111-111111111111'),
      doc('22222222-2222-4222-8222-222222222222', { agencyId: 'B' }),
      doc('33333333-3333-4333-8333-333333333333', { catalogItemId: 'i1' }),
      doc('44444444-4444-4444-8444-444444444444', { status: 'withdrawn' }),
      doc('55555555-5555-4555-8555-555555555555', { disclosure: 'request', liveVersion: null }),
    ].map((d) => [d.id, d]),
  );
  const itemMap = new Map(items.map((i) => [i.id, i]));
  const check = (links: Array<{ documentId: string; catalogItemId: string; expectedCatalogItemId?: string | null }>) => checkLinks('A', links, docs, itemMap, (id) => `事项${id}`);
  const [d1, d2, d3, d4, d5] = [...docs.keys()] as [string, string, string, string, string];

  it('accepts an unlinked live item of the agency and a relink that names the current link', () => {
    expect(check([{ documentId: d1, catalogItemId: 'i1' }])).toEqual([]);
    expect(check([{ documentId: d3, catalogItemId: 'i1', expectedCatalogItemId: 'i1' }])).toEqual([]);
  });

  it('names each bad row and why', () => {
    const errors = check([
      { documentId: d1, catalogItemId: 'i1' },
      { documentId: d2, catalogItemId: 'i1' },
      { documentId: d3, catalogItemId: 'i1' },
      { documentId: d4, catalogItemId: 'i1' },
      { documentId: d5, catalogItemId: 'i1' },
      { documentId: d1, catalogItemId: 'i1' },
      { documentId: '66666666-6666-4666-8666-666666666666', catalogItemId: 'i1' },
    ]);
    expect(errors.map((e) => e.row)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(errors[0]!.message).toBe('第2行：信息不存在或不属于本单位');
    expect(errors[1]!.message).toContain('已归入目录事项「事项i1」');
    expect(errors[2]!.message).toContain('未发布或已撤回');
    expect(errors[3]!.message).toContain('不是主动公开信息');
    expect(errors[4]!.message).toContain('重复');
    expect(errors[5]!.message).toBe('第7行：信息不存在或不属于本单位');
  });

  it("refuses another agency's item, an unknown item and a 依申请 item", () => {
    expect(check([{ documentId: d1, catalogItemId: 'i3' }])[0]!.message).toBe('第1行：目录事项不存在或不属于本单位');
    expect(check([{ documentId: d1, catalogItemId: 'nope' }])[0]!.message).toBe('第1行：目录事项不存在或不属于本单位');
    expect(check([{ documentId: d1, catalogItemId: 'i2' }])[0]!.message).toContain('依申请公开事项');
  });

  it('the request schema caps a call at 500 links', () => {
    const link = { documentId: d1, catalogItemId: d1 };
    expect(linkSchema.safeParse({ agencyId: d1, links: Array(500).fill(link) }).success).toBe(true);
    expect(linkSchema.safeParse({ agencyId: d1, links: Array(501).fill(link) }).success).toBe(false);
    expect(linkSchema.safeParse({ agencyId: d1, links: [] }).success).toBe(false);
  });
});
