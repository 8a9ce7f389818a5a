/**
 * A PDF 公示 (written by the project's PDF writer: names, 18-digit IDs, mobiles) through the
 * 隐私信息专项审查 over HTTP on a fresh database (PGlite, or PostgreSQL with
 * GONGKAI_TEST_DATABASE_URL): blocked at the privacy step, masked with one click (the redacted
 * PDF replaces the attachment, the original stays private, audited), the new attachment's
 * extracted text holds no full ID or phone, the step is approved and the document published.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency } from '../../../test/factories.ts';
import { createStaff, reviewChain, type StaffSpec } from '../../../test/support/staff.ts';
import { buildPdfNotice, groupedMobile, pdfPeople } from '../../../test/privacy-pdf.ts';
import { listColumns, type Agency, type Column } from '../agencies/index.ts';
import { extractPdf } from '../privacy/extract/pdf.ts';
import { segmentText } from '../privacy/extract/segments.ts';
import { getPublicAttachment } from './index.ts';

let t: TestContext;
let agency: Agency;
let columns: Column[];
const c: Record<string, Client> = {};
const proofreading = ['文字', '数据', '格式', '政治把关', '时效'];
const privacyPoints = ['身份证号', '联系电话', '家庭住址', '银行账户', '其他个人信息'];

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  columns = await listColumns(t.ctx.db, agency.id);
  const users: StaffSpec = {
    ...reviewChain(agency),
  };
  await createStaff(t, users, { clients: c });
});
afterAll(() => t.close());

const lock = async (docId: string): Promise<number> => (await c.admin!.get(`/api/documents/${docId}`)).json().document.lockVersion;
const approve = async (docId: string, who: string) =>
  c[who]!.post(`/api/documents/${docId}/approve`, { lockVersion: await lock(docId), checklist: who === 'privacy' ? privacyPoints : proofreading });

async function pdfText(storageKey: string): Promise<string> {
  return (await extractPdf(await t.ctx.storage.get(storageKey))).segments.map((s) => segmentText(s)).join('\n');
}

describe('a PDF 公示 at the privacy step', () => {
  it('is blocked, masked with one click into a redacted PDF without any full ID or phone, approved and published', async () => {
    const { pdf } = await buildPdfNotice();
    const res = await c.drafter!.post('/api/documents', { agencyId: agency.id, title: '危房改造补助对象公示', columnId: (columns.find((x) => x.slug === 'shjz') ?? columns[0]!).id, disclosure: 'proactive', bodyHtml: '<p>见附件。</p>' });
    expect(res.statusCode, res.body).toBe(201);
    const docId = res.json().document.id as string;
    const boundary = '----gk';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="补助名单.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await c.drafter!.request('POST', `/api/documents/${docId}/attachments?lockVersion=${await lock(docId)}`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(up.statusCode, up.body).toBe(201);
    expect((await c.drafter!.post(`/api/documents/${docId}/submit`, { lockVersion: await lock(docId) })).statusCode).toBe(200);
    expect((await approve(docId, 'first')).statusCode).toBe(200);

    const view = (await c.privacy!.get(`/api/documents/${docId}/privacy`)).json();
    const ids = view.findings.filter((f: { type: string }) => f.type === 'idCard');
    expect(ids).toHaveLength(4);
    expect(ids.every((f: { filename: string; location: { page: number }; confidence: string }) => f.filename === '补助名单.pdf' && f.location.page === 1 && f.confidence === 'high')).toBe(true);
    expect(view.findings.filter((f: { type: string }) => f.type === 'mobile')).toHaveLength(4);
    const refused = await approve(docId, 'privacy');
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'PRIVACY_FINDINGS_UNRESOLVED', message: expect.stringMatching(/居民身份证号 4 处.*手机号 4 处/) });

    const att = (await c.admin!.get(`/api/documents/${docId}`)).json().attachments[0];
    const masked = await c.privacy!.post(`/api/documents/${docId}/privacy/mask-attachment/${att.id}`, { lockVersion: await lock(docId) });
    expect(masked.statusCode, masked.body).toBe(200);
    expect(masked.json()).toMatchObject({ masked: 8, unresolved: 0 });

    // The new attachment is a PDF whose extracted text holds no full ID or phone.
    const current = (await c.admin!.get(`/api/documents/${docId}`)).json().attachments;
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ id: masked.json().attachmentId, filename: '补助名单.pdf' });
    const row = (await t.ctx.db.execute(sql`select storage_key, mime from attachments where id = ${current[0].id}`)) as unknown as { rows: Array<{ storage_key: string; mime: string }> };
    expect(row.rows[0]!.mime).toBe('application/pdf');
    const text = await pdfText(row.rows[0]!.storage_key);
    for (const p of pdfPeople) {
      expect(text).not.toContain(p.id);
      expect(text).not.toContain(p.mobile);
      expect(text).toContain(p.name);
    }
    expect(text).not.toContain(groupedMobile);
    expect(text).toContain('11*************02X');
    expect(text).toContain('曲尺乡人民政府');
    // The original stays in storage, private, linked for the audit.
    const original = (await t.ctx.db.execute(sql`select storage_key, current from attachments where id = ${att.id}`)) as unknown as { rows: Array<{ storage_key: string; current: boolean }> };
    expect(original.rows[0]!.current).toBe(false);
    expect(await pdfText(original.rows[0]!.storage_key)).toContain(pdfPeople[0].id);
    const link = (await t.ctx.db.execute(sql`select masked from privacy_masked_files where original_attachment_id = ${att.id}`)) as unknown as { rows: Array<{ masked: number }> };
    expect(link.rows[0]!.masked).toBe(8);
    const audit = (await t.ctx.db.execute(sql`select after from audit_log where entity_id = ${docId} and action = 'document.privacy.maskAttachment'`)) as unknown as { rows: Array<{ after: Record<string, unknown> }> };
    expect(audit.rows[0]!.after).toMatchObject({ masked: 8, redactedPages: [1], redactedBoxes: 8, original: { attachmentId: att.id, keptPrivate: true } });

    expect((await approve(docId, 'privacy')).statusCode).toBe(200);
    expect((await approve(docId, 'second')).statusCode).toBe(200);
    const fin = await approve(docId, 'final');
    expect(fin.statusCode, fin.body).toBe(200);
    expect(fin.json().document.status).toBe('published');
    const published = fin.json().versions[0].attachments[0];
    expect(published.id).toBe(masked.json().attachmentId);
    const pub = await getPublicAttachment(t.ctx.db, published.id);
    expect(await pdfText(pub!.storageKey)).not.toContain(pdfPeople[1].id);
    expect(await getPublicAttachment(t.ctx.db, att.id)).toBeNull();
  });
});
