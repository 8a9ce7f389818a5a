import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildUser } from '../../../test/factories.ts';
import { buildDocx, buildPdf, buildXlsx } from '../../../test/fixtures.ts';
import { verifyAuditLog } from '../audit/index.ts';
import type { Agency } from '../agencies/index.ts';
import { createPublishedItem, getPublicAttachment } from './index.ts';

let t: TestContext;
let agency: Agency;
let adminId: string;

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  adminId = (await buildUser(t.ctx, { globalRole: 'sysadmin' })).id;
});
afterAll(() => t.close());

/** Rows of a raw query on either engine. */
async function query<T = Record<string, unknown>>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.ctx.db.execute(q)) as unknown as { rows: T[] }).rows;
}

async function matches(documentId: string, q: string): Promise<boolean> {
  const rows = await query(sql`select 1 from document_versions where document_id = ${documentId} and is_current and search @@ to_tsquery('simple', ${q})`);
  return rows.length > 0;
}

describe('createPublishedItem', () => {
  it('creates, publishes and indexes an item with attachments in one go', async () => {
    let calls = 0;
    const hook = () => void calls++;
    t.ctx.onPublicChange.add(hook);
    const { documentId, indexNo } = await createPublishedItem(t.ctx, {
      agencyId: agency.id,
      columnSlug: 'shjz',
      title: '曲尺乡2025年第一季度低保资金发放情况公示',
      bodyHtml: '<p>根据有关规定，现将本季度<strong>最低生活保障</strong>资金发放情况予以公示。</p><script>alert(1)</script>',
      docNo: '曲尺府发〔2025〕12号',
      writtenOn: '2025-03-20',
      publishedAt: new Date('2025-03-25T02:00:00Z'),
      attachments: [
        { filename: '低保名单.xlsx', data: await buildXlsx({ 名单: [['村名', '户数'], ['柳坪村', 12], ['桃园村', 9]] }) },
        { filename: '说明.docx', data: await buildDocx(['资金来源为县级财政专户']) },
        { filename: '通知.pdf', data: buildPdf(['救助对象动态管理']) },
      ],
      createdBy: adminId,
    });
    t.ctx.onPublicChange.delete(hook);
    expect(calls).toBe(1);
    expect(indexNo).toMatch(new RegExp(`^${agency.code}/2025-\\d{5}$`));
    const v = (await query(sql`select version, is_current, body_html, body_text, doc_no_key, attachments from document_versions where document_id = ${documentId}`))[0]!;
    expect(v.version).toBe(1);
    expect(v.is_current).toBe(true);
    expect(String(v.body_html)).not.toContain('script');
    expect(v.doc_no_key).toBe('曲尺府发〔2025〕12号');
    expect((v.attachments as unknown[]).length).toBe(3);
    // Words only in the attachments (XLSX cell, DOCX paragraph, PDF with CJK CMap text) are searchable.
    expect(await matches(documentId, "'柳坪'")).toBe(true);
    expect(await matches(documentId, "'专户'")).toBe(true);
    expect(await matches(documentId, "'救助'")).toBe(true);
    expect(await matches(documentId, "'低保'")).toBe(true);
    expect(await matches(documentId, "'不存在的词'")).toBe(false);
    const ref = (v.attachments as Array<{ id: string; filename: string }>)[0]!;
    const pub = await getPublicAttachment(t.ctx.db, ref.id);
    expect(pub).toMatchObject({ filename: '低保名单.xlsx', mime: expect.stringContaining('spreadsheetml') });
    expect(await t.ctx.storage.has(pub!.storageKey)).toBe(true);
    expect(await getPublicAttachment(t.ctx.db, '00000000-0000-0000-0000-000000000000')).toBeNull();
    expect(await getPublicAttachment(t.ctx.db, 'not-a-uuid')).toBeNull();
    expect((await verifyAuditLog(t.ctx.db)).ok).toBe(true);
  });

  it('indexes a very long, varied body and attachment without hitting the 1 MB tsvector limit', async () => {
    let text = '';
    // Pseudo-random CJK text: nearly every bigram is new, the worst case for the index size.
    let x = 12345;
    for (let i = 0; i < 200_000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      text += String.fromCharCode(0x4e00 + (x % 4000));
    }
    const { documentId } = await createPublishedItem(t.ctx, {
      agencyId: agency.id,
      columnSlug: 'qtxx',
      title: '超长正文测试',
      bodyHtml: `<p>${text}</p>`,
      attachments: [{ filename: '长附件.docx', data: await buildDocx([text.slice(0, 100_000)]) }],
      createdBy: adminId,
    });
    expect(await matches(documentId, "'超长'")).toBe(true);
    expect(await matches(documentId, `'${text.slice(0, 2)}'`)).toBe(true);
  });

  it('numbers 索引号 per agency and year without gaps', async () => {
    const a = await createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: 'czyjs', title: '预算一', bodyHtml: '<p>一</p>', createdBy: adminId, publishedAt: new Date('2024-06-01T00:00:00Z') });
    const b = await createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: 'czyjs', title: '预算二', bodyHtml: '<p>二</p>', createdBy: adminId, publishedAt: new Date('2024-06-02T00:00:00Z') });
    expect(a.indexNo).toBe(`${agency.code}/2024-00001`);
    expect(b.indexNo).toBe(`${agency.code}/2024-00002`);
  });

  it('refuses an unknown column and a corrupt attachment, leaving nothing behind', async () => {
    await expect(createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: 'nope', title: 'x', bodyHtml: '', createdBy: adminId })).rejects.toMatchObject({ code: 'VALIDATION' });
    const count = async () => (await query<{ n: number }>(sql`select count(*)::int as n from documents`))[0]!.n;
    const before = await count();
    await expect(
      createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: 'shjz', title: '坏附件', bodyHtml: '', createdBy: adminId, attachments: [{ filename: 'a.docx', data: Buffer.from('PK\u0003\u0004broken') }] }),
    ).rejects.toMatchObject({ status: 422 });
    expect(await count()).toBe(before);
  });
});
