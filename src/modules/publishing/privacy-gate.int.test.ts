/**
 * The 隐私信息专项审查 gate through HTTP on a fresh database (PGlite, or PostgreSQL with
 * GONGKAI_TEST_DATABASE_URL): an XLSX 公示 with IDs and phones is blocked at the privacy step,
 * masked with one click, scanned clean and published without any full ID; justification per
 * finding; publication fails closed; the mask policy and the CLI (the sweep: privacy-sweep.int.test.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency } from '../../../test/factories.ts';
import { createStaff, reviewChain, type StaffSpec } from '../../../test/support/staff.ts';
import { buildDocx } from '../../../test/fixtures.ts';
import { privacyScan } from '../../cli/privacy.command.ts';
import { listColumns, type Agency, type Column } from '../agencies/index.ts';
import { buildPrivacyDocx, buildPrivacyXlsx, buildTwoPagePdf, id, mobile } from '../privacy/testing/files.ts';
import { createPublishedItem, getPublicAttachment } from './index.ts';

let t: TestContext;
let agency: Agency;
let other: Agency;
let columns: Column[];
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const proofreading = ['文字', '数据', '格式', '政治把关', '时效'];
const privacyPoints = ['身份证号', '联系电话', '家庭住址', '银行账户', '其他个人信息'];

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  other = await buildAgency(t.ctx);
  columns = await listColumns(t.ctx.db, agency.id);
  const users: StaffSpec = {
    ...reviewChain(agency),
    outsider: { agency: other, roles: ['admin', 'reviewer'], steps: ['privacy'] },
    sysadmin: { globalRole: 'sysadmin' },
  };
  await createStaff(t, users, { ids, clients: c });
});
afterAll(() => t.close());

const leaf = () => columns.find((x) => x.slug === 'shjz') ?? columns[0]!;

async function lock(docId: string): Promise<number> {
  return (await c.admin!.get(`/api/documents/${docId}`)).json().document.lockVersion;
}

async function draft(bodyHtml: string, files: Array<[string, Buffer]> = []): Promise<string> {
  const res = await c.drafter!.post('/api/documents', { agencyId: agency.id, title: '危房改造补助对象公示', columnId: leaf().id, disclosure: 'proactive', bodyHtml });
  expect(res.statusCode, res.body).toBe(201);
  const docId = res.json().document.id as string;
  for (const [name, data] of files) {
    const boundary = '----gk';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await c.drafter!.request('POST', `/api/documents/${docId}/attachments?lockVersion=${await lock(docId)}`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(up.statusCode, up.body).toBe(201);
  }
  return docId;
}

async function toPrivacyStep(docId: string): Promise<void> {
  expect((await c.drafter!.post(`/api/documents/${docId}/submit`, { lockVersion: await lock(docId) })).statusCode).toBe(200);
  const r = await c.first!.post(`/api/documents/${docId}/approve`, { lockVersion: await lock(docId), checklist: proofreading });
  expect(r.statusCode, r.body).toBe(200);
}

const approve = async (docId: string, who: string) =>
  c[who]!.post(`/api/documents/${docId}/approve`, { lockVersion: await lock(docId), checklist: who === 'privacy' ? privacyPoints : proofreading });

describe('the privacy step', () => {
  it('blocks an XLSX 公示 with IDs and phones, masks body and attachment with one click each, then publishes with no full ID', async () => {
    const docId = await draft(`<p>现将补助对象公示如下。</p><p>联系人：王五，电话：${mobile}</p>`, [['补助名单.xlsx', await buildPrivacyXlsx()]]);
    await toPrivacyStep(docId);

    const view = (await c.privacy!.get(`/api/documents/${docId}/privacy`)).json();
    expect(view.atPrivacyStep).toBe(true);
    expect(view.can).toEqual({ maskBody: true, maskAttachment: true, justify: true });
    expect(view.findings.find((f: { source: string; type: string }) => f.source === 'body' && f.type === 'mobile')).toMatchObject({ masked: '138****8000', confidence: 'high', location: { paragraph: 2 } });
    expect(view.findings.find((f: { location: { cell?: string }; type: string }) => f.type === 'idCard' && f.location.cell === 'B3')).toMatchObject({
      filename: '补助名单.xlsx',
      location: { sheet: '公示名单', cell: 'B3' },
      reason: expect.stringContaining('数字被表格软件转换为科学计数法，身份证号已损坏'),
    });
    expect(JSON.stringify(view)).not.toContain(id);

    const refused = await approve(docId, 'privacy');
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'PRIVACY_FINDINGS_UNRESOLVED' });
    expect(refused.json().message).toMatch(/居民身份证号 \d+ 处/);
    expect(refused.json().message).toMatch(/手机号 \d+ 处/);

    // The drafter may not mask while the document is in review; another agency does not see it.
    expect((await c.drafter!.post(`/api/documents/${docId}/privacy/mask-body`, { lockVersion: await lock(docId) })).statusCode).toBe(403);
    expect((await c.outsider!.get(`/api/documents/${docId}/privacy`)).statusCode).toBe(404);

    const body = await c.privacy!.post(`/api/documents/${docId}/privacy/mask-body`, { lockVersion: await lock(docId) });
    expect(body.statusCode, body.body).toBe(200);
    expect(body.json().masked).toBe(1);
    const doc = (await c.admin!.get(`/api/documents/${docId}`)).json();
    expect(doc.document.bodyHtml).toContain('138****8000');
    const att = doc.attachments[0];
    const masked = await c.privacy!.post(`/api/documents/${docId}/privacy/mask-attachment/${att.id}`, { lockVersion: await lock(docId) });
    expect(masked.statusCode, masked.body).toBe(200);
    expect(masked.json().unresolved).toBe(0);

    expect((await approve(docId, 'privacy')).statusCode).toBe(200);
    expect((await approve(docId, 'second')).statusCode).toBe(200);
    const fin = await approve(docId, 'final');
    expect(fin.statusCode, fin.body).toBe(200);
    expect(fin.json().document.status).toBe('published');

    // The published file is the masked copy; the original is private (not downloadable publicly).
    const published = fin.json().versions[0].attachments[0];
    expect(published.id).toBe(masked.json().attachmentId);
    const pub = await getPublicAttachment(t.ctx.db, published.id);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await t.ctx.storage.get(pub!.storageKey)) as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => void cells.push(cell.text))));
    expect(cells.join('|')).not.toContain(id);
    expect(cells.join('|')).not.toContain(mobile);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['公示名单', '原始数据', '统计']);
    expect(await getPublicAttachment(t.ctx.db, att.id)).toBeNull();

    const audit = (await t.ctx.db.execute(sql`select action, after from audit_log where entity_id = ${docId} order by id`)) as unknown as { rows: Array<{ action: string; after: Record<string, unknown> }> };
    const actions = audit.rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['document.privacy.maskBody', 'document.privacy.maskAttachment', 'document.publish']));
    expect(audit.rows.find((r) => r.action === 'document.privacy.maskAttachment')!.after).toMatchObject({ original: { attachmentId: att.id, keptPrivate: true } });
  });

  it('accepts a written justification per finding (已确认为公开信息), audited', async () => {
    const docId = await draft(`<p>监督举报人：李主任，手机：13912345678</p>`);
    await toPrivacyStep(docId);
    const view = (await c.privacy!.get(`/api/documents/${docId}/privacy`)).json();
    const phone = view.findings.find((f: { type: string }) => f.type === 'mobile');
    expect((await approve(docId, 'privacy')).statusCode).toBe(422);
    expect((await c.second!.post(`/api/documents/${docId}/privacy/justify`, { lockVersion: await lock(docId), findingIds: [phone.id], reason: '公开的监督电话' })).statusCode).toBe(403);
    expect((await c.privacy!.post(`/api/documents/${docId}/privacy/justify`, { lockVersion: await lock(docId), findingIds: [phone.id], reason: '' })).statusCode).toBe(400);
    const ok = await c.privacy!.post(`/api/documents/${docId}/privacy/justify`, { lockVersion: await lock(docId), findingIds: [phone.id], reason: '单位公开的监督举报手机号' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().findings.find((f: { id: string }) => f.id === phone.id).justification).toMatchObject({ reason: '单位公开的监督举报手机号' });
    expect((await approve(docId, 'privacy')).statusCode).toBe(200);
    expect((await approve(docId, 'second')).statusCode).toBe(200);
    const fin = await approve(docId, 'final');
    expect(fin.statusCode, fin.body).toBe(200);
    expect(fin.json().document.status).toBe('published');
    const audit = (await t.ctx.db.execute(sql`select after from audit_log where entity_id = ${docId} and action = 'document.privacy.justify'`)) as unknown as { rows: Array<{ after: { reason: string } }> };
    expect(audit.rows[0]!.after.reason).toBe('单位公开的监督举报手机号');
  });

  it('refuses to mask a PDF whose font is not embedded and says why; a page without text needs manual review', async () => {
    const docId = await draft('<p>见附件。</p>', [['名单.pdf', buildTwoPagePdf(['公示名单', `户主：张三 身份证号：${id}`])]]);
    await toPrivacyStep(docId);
    const view = (await c.privacy!.get(`/api/documents/${docId}/privacy`)).json();
    expect(view.findings.map((f: { type: string; location: { page?: number } }) => `${f.type}@${f.location.page}`)).toEqual(expect.arrayContaining(['idCard@1', 'manualReview@2']));
    const attId = (await c.admin!.get(`/api/documents/${docId}`)).json().attachments[0].id;
    const r = await c.privacy!.post(`/api/documents/${docId}/privacy/mask-attachment/${attId}`, { lockVersion: await lock(docId) });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'PRIVACY_PDF_NOT_MASKABLE', message: expect.stringContaining('无法自动脱敏') });
  });
});

describe('publication', () => {
  it('fails closed: a direct publication with an unmasked ID is refused', async () => {
    const err = await createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: leaf().slug, title: '名单', bodyHtml: `<p>身份证号：${id}</p>`, createdBy: ids.admin! }).catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: 'PRIVACY_PUBLISH_BLOCKED', message: expect.stringContaining('居民身份证号 1 处') });
    const docx = await createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: leaf().slug, title: '名单', bodyHtml: '<p>见附件</p>', attachments: [{ filename: 'a.docx', data: await buildPrivacyDocx() }], createdBy: ids.admin! }).catch((e: unknown) => e);
    expect(docx).toMatchObject({ reason: 'PRIVACY_PUBLISH_BLOCKED' });
  });
});

describe('mask policy', () => {
  it('is readable by staff and editable by a sysadmin only; masking follows it', async () => {
    expect((await c.drafter!.get('/api/privacy/policy')).json().policy.rules.mobile).toEqual({ kind: 'partial', keepFirst: 3, keepLast: 4 });
    expect((await c.admin!.request('PUT', '/api/privacy/policy', { rules: { mobile: { kind: 'remove', replacement: '（已删除）' } } })).statusCode).toBe(403);
    expect((await c.sysadmin!.request('PUT', '/api/privacy/policy', { maskChar: 'A' })).statusCode).toBe(400);
    const put = await c.sysadmin!.request('PUT', '/api/privacy/policy', { rules: { mobile: { kind: 'remove', replacement: '（已删除）' } } });
    expect(put.statusCode, put.body).toBe(200);
    const docId = await draft(`<p>户主电话：${mobile}</p>`);
    const r = await c.drafter!.post(`/api/documents/${docId}/privacy/mask-body`, { lockVersion: await lock(docId) });
    expect(r.statusCode, r.body).toBe(200);
    expect((await c.admin!.get(`/api/documents/${docId}`)).json().document.bodyHtml).toBe('<p>户主电话：（已删除）</p>');
    await c.sysadmin!.request('PUT', '/api/privacy/policy', {});
  });
});

// The sweep (回头看): privacy-sweep.int.test.ts.

describe('gongkai privacy scan', () => {
  it('exits 0 clean, 1 with findings (with locations), 2 unreadable', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gk-privacy-'));
    const clean = path.join(dir, '通知.docx');
    writeFileSync(clean, await buildDocx(['关于开展政务公开工作的通知', '统一社会信用代码：91350100M000100Y43']));
    const list = path.join(dir, '名单.xlsx');
    writeFileSync(list, await buildPrivacyXlsx());
    const csv = path.join(dir, '名单.csv');
    writeFileSync(csv, `姓名,身份证号\n张三,${id}\n`);
    const broken = path.join(dir, '坏.docx');
    writeFileSync(broken, Buffer.from('PK\x03\x04broken'));
    const io = () => {
      const o = { out: '', err: '' };
      return { o, io: { out: (s: string) => void (o.out += s), err: (s: string) => void (o.err += s) } };
    };
    let r = io();
    expect(await privacyScan([clean], r.io)).toBe(0);
    r = io();
    expect(await privacyScan([list, csv], r.io)).toBe(1);
    expect(r.o.out).toContain('工作表「公示名单」 单元格 B2');
    r = io();
    expect(await privacyScan([csv, '--json'], r.io)).toBe(1);
    const json = JSON.parse(r.o.out);
    expect(json.files[0].findings.find((f: { type: string }) => f.type === 'id_card')).toMatchObject({ masked: '11*************02X', confidence: 'high', location: { sheet: '名单.csv', cell: 'B2' } });
    r = io();
    expect(await privacyScan([clean, broken], r.io)).toBe(2);
    expect(r.o.err).toContain('坏.docx');
  });
});
