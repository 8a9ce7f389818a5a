/**
 * The annual report as PDF and the public downloads (PGlite, or PostgreSQL with
 * GONGKAI_TEST_DATABASE_URL): the seed report (巫山县曲尺乡 2025) rebuilt through the API — one
 * natural person's request granted, 21 行政处罚, the seed's own narrative — then GET
 * …/report.pdf read back by pdf.js and by the report reader; access as for report.docx; the
 * public PDF / Word of the published report only after publication, rendered from what was
 * frozen (later edits do not show), linked from the report's portal page, carrying the line
 * 本报告于…更正 once corrected, gone after withdrawal.
 */
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency } from '../../../test/factories.ts';
import { createStaff, type StaffSpec } from '../../../test/support/staff.ts';
import { openPdf } from '../../lib/pdf.ts';
import type { Agency } from '../agencies/index.ts';
import { seedNumbers, seedProse } from './fixtures/render.ts';
import { SECTION_TITLES, readReport } from './index.ts';

let t: TestContext;
let agency: Agency;
const c: Record<string, Client> = {};
const base = () => `/api/reports/${agency.id}/2025`;
const publicUrl = (format: string, slug = agency.slug) => `/gk/${slug}/ndbg/2025.${format}`;

/** All text of a PDF, lines joined. */
async function pdfText(data: Uint8Array): Promise<string> {
  const doc = await openPdf(data);
  try {
    const pages: string[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const content = await (await doc.getPage(p)).getTextContent();
      pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(''));
    }
    return pages.join('\n');
  } finally {
    await doc.destroy();
  }
}

/** The seed's narrative as the API takes it (headings left out). */
function seedNarrative(): { overview: string; problems: string; other: string } {
  const { overview, closing } = seedProse();
  const six = closing.findIndex((l) => l.startsWith('六、'));
  return { overview: overview.slice(1).join('\n'), problems: closing.slice(1, six).join('\n'), other: closing.slice(six + 1).join('\n') };
}

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx, { name: '巫山县曲尺乡人民政府' });
  const other = await buildAgency(t.ctx);
  const users: StaffSpec = {
    admin: { agency, roles: ['admin'] },
    handler: { agency, roles: ['handler'] },
    drafter: { agency, roles: ['drafter'] },
    sysadmin: { globalRole: 'sysadmin' },
    outsider: { agency: other, roles: ['admin'] },
  };
  await createStaff(t, users, { clients: c });
  // The seed: one request from a natural person, received and granted in 2025; 行政处罚 21.
  const res = await c.handler!.post('/api/requests', {
    agencyId: agency.id,
    channel: 'in_person',
    receivedOn: '2025-05-06',
    phone: '13912345678',
    description: '某项政府信息',
    provisionForm: 'paper',
    delivery: 'mail',
    address: '某县某镇某村1号',
    applicantKind: 'person',
    name: '张某',
    idType: 'resident_id',
    idNumber: '11010519491231002X',
  });
  expect(res.statusCode, res.body).toBe(201);
  const r = res.json() as { request: { id: string; lockVersion: number } };
  const reply = await c.handler!.post(`/api/requests/${r.request.id}/reply`, { lockVersion: r.request.lockVersion, on: '2025-05-20', outcome: 'granted' });
  expect(reply.statusCode, reply.body).toBe(200);
  const f = await c.admin!.request('PUT', `${base()}/figures`, { licensing: 0, penalties: 21, enforcement: 0, feesWan: 0 });
  expect(f.statusCode, f.body).toBe(200);
  const n = await c.admin!.request('PUT', `${base()}/narrative`, { ...seedNarrative(), lockVersion: 0 });
  expect(n.statusCode, n.body).toBe(200);
});
afterAll(() => t.close());

describe('GET /api/reports/:agencyId/:year/report.pdf', () => {
  it('gives the agency’s readers an A4 PDF with the six sections and the seed’s numbers', async () => {
    const res = await c.drafter!.get(`${base()}/report.pdf`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('巫山县曲尺乡人民政府2025年政府信息公开工作年度报告.pdf');
    const text = await pdfText(res.rawPayload);
    for (const title of SECTION_TITLES) expect(text).toContain(title);
    expect(text).toContain('巫山县曲尺乡人民政府2025年政府信息公开工作年度报告');
    expect(text).toContain('收到自然人提出的政府信息公开申请1件');
    expect(text).toMatch(/第\s*1\s*页\s*\/\s*共\s*\d+\s*页/);
    const doc = await openPdf(res.rawPayload);
    const [, , w, h] = (await doc.getPage(1)).view;
    await doc.destroy();
    expect([Math.round(w!), Math.round(h!)]).toEqual([595, 842]);
    // Every number in its cell: the report reader gives back the seed's tables.
    const parsed = await readReport(res.rawPayload, 'report.pdf');
    expect(parsed.numbers).toEqual(seedNumbers());
    expect(parsed.title).toBe('巫山县曲尺乡人民政府2025年政府信息公开工作年度报告');
  });

  it('is 404 for another agency’s user and 401 without a session, like report.docx', async () => {
    expect((await c.outsider!.get(`${base()}/report.pdf`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${base()}/report.pdf` })).statusCode).toBe(401);
    expect((await c.drafter!.get(`/api/reports/${agency.id}/1999/report.pdf`)).statusCode).toBe(400);
  });
});

describe('public PDF and Word of the published report', () => {
  let documentId = '';

  it('are 404 before publication', async () => {
    for (const format of ['pdf', 'docx']) expect((await t.app.inject({ method: 'GET', url: publicUrl(format) })).statusCode).toBe(404);
  });

  it('after publication: the report’s page links them and they carry the published report', async () => {
    const r = await c.admin!.post(`${base()}/publish`);
    expect(r.statusCode, r.body).toBe(200);
    documentId = (r.json() as { publication: { documentId: string } }).publication.documentId;
    const page = await t.app.inject({ method: 'GET', url: `/info/${documentId}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="${publicUrl('pdf')}"`);
    expect(page.body).toContain(`href="${publicUrl('docx')}"`);
    expect(page.body).toContain('下载 PDF');
    expect(page.body).toContain('下载 Word');

    const pdf = await t.app.inject({ method: 'GET', url: publicUrl('pdf') });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.headers['content-disposition'])).toMatch(/^attachment;/);
    expect((await readReport(pdf.rawPayload, 'report.pdf')).numbers).toEqual(seedNumbers());
    const docx = await t.app.inject({ method: 'GET', url: publicUrl('docx') });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const parsed = await readReport(docx.rawPayload, 'report.docx');
    expect(parsed.format).toBe('docx');
    expect(parsed.numbers).toEqual(seedNumbers());
    // Revalidation by ETag.
    const again = await t.app.inject({ method: 'GET', url: publicUrl('pdf'), headers: { 'if-none-match': String(pdf.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('show what was published, not later edits (the private PDF shows them)', async () => {
    const view = (await c.admin!.get(base())).json() as { narrative: { lockVersion: number } };
    const edited = { ...seedNarrative(), other: '发布后修改的第六部分内容。' };
    expect((await c.admin!.request('PUT', `${base()}/narrative`, { ...edited, lockVersion: view.narrative.lockVersion })).statusCode).toBe(200);
    expect((await c.admin!.request('PUT', `${base()}/figures`, { licensing: 0, penalties: 22, enforcement: 0, feesWan: 0 })).statusCode).toBe(200);
    const pub = await t.app.inject({ method: 'GET', url: publicUrl('pdf') });
    const pubText = await pdfText(pub.rawPayload);
    expect(pubText).not.toContain('发布后修改的第六部分内容');
    expect((await readReport(pub.rawPayload, 'report.pdf')).numbers.section2.penalties).toBe(21);
    const priv = await c.admin!.get(`${base()}/report.pdf`);
    expect(await pdfText(priv.rawPayload)).toContain('发布后修改的第六部分内容');
    expect((await readReport(priv.rawPayload, 'report.pdf')).numbers.section2.penalties).toBe(22);
  });

  it('after a correction carry its line 本报告于…更正。更正说明：… as the portal page does, and the corrected numbers', async () => {
    const flat = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
    const before = await t.app.inject({ method: 'GET', url: publicUrl('pdf') });
    expect(flat(await pdfText(before.rawPayload))).not.toContain('更正说明');
    const note = '行政处罚决定数量更正为22件';
    const r = await c.admin!.post(`${base()}/publish`, { note });
    expect(r.statusCode, r.body).toBe(200);
    const page = await t.app.inject({ method: 'GET', url: `/info/${documentId}` });
    const line = page.body.match(/<strong>(本报告于\d{4}年\d{1,2}月\d{1,2}日更正。更正说明：[^<]+)<\/strong>/)?.[1];
    expect(line).toBe(line && `${line.slice(0, line.indexOf('更正说明：') + 5)}${note}`);

    const pdf = await t.app.inject({ method: 'GET', url: publicUrl('pdf') });
    expect(pdf.statusCode).toBe(200);
    const pdfLines = flat(await pdfText(pdf.rawPayload));
    expect(pdfLines).toContain(flat(line!));
    // Above section 一, under the title.
    expect(pdfLines.indexOf(flat(line!))).toBeLessThan(pdfLines.indexOf('一、总体情况'));
    expect((await readReport(pdf.rawPayload, 'report.pdf')).numbers.section2.penalties).toBe(22);

    const docx = await t.app.inject({ method: 'GET', url: publicUrl('docx') });
    expect(docx.statusCode).toBe(200);
    const docxText = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    const paragraphs = docxText.split('\n').filter((p) => p.trim());
    expect(paragraphs.slice(0, 3)).toEqual(['巫山县曲尺乡人民政府2025年政府信息公开工作年度报告', line, '一、总体情况']);
    expect((await readReport(docx.rawPayload, 'report.docx')).numbers.section2.penalties).toBe(22);
  });

  it('are 404 for other years, other agencies, other names, and after the report is withdrawn', async () => {
    for (const url of [`/gk/${agency.slug}/ndbg/2024.pdf`, publicUrl('pdf', 'no-such-agency'), `/gk/${agency.slug}/ndbg/2025.txt`, `/gk/${agency.slug}/ndbg/report.pdf`]) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
    const detail = await c.sysadmin!.get(`/api/documents/${documentId}`);
    const lockVersion = (detail.json() as { document: { lockVersion: number } }).document.lockVersion;
    const w = await c.sysadmin!.post(`/api/documents/${documentId}/withdraw`, { lockVersion, reason: '测试撤回年度报告' });
    expect(w.statusCode, w.body).toBe(200);
    for (const format of ['pdf', 'docx']) expect((await t.app.inject({ method: 'GET', url: publicUrl(format) })).statusCode).toBe(404);
  });
});
