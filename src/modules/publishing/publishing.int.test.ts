/**
 * The publishing API through HTTP on a fresh database (PGlite, or PostgreSQL with
 * GONGKAI_TEST_DATABASE_URL): every route with an allowed and a forbidden case, the whole
 * 三审三校 workflow, attachments that lie or are broken, concurrency, scheduling, correction,
 * withdrawal and the demo seeder.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, queryRows, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency } from '../../../test/factories.ts';
import { createStaff, type StaffSpec } from '../../../test/support/staff.ts';
import { buildDocx, buildPdf, buildPng, buildXlsx, truncate } from '../../../test/fixtures.ts';
import { ensureAdmin } from '../accounts/index.ts';
import { createAgency, listColumns, type Agency, type Column } from '../agencies/index.ts';
import { systemActor } from '../accounts/index.ts';
import { verifyAuditLog } from '../audit/index.ts';
import { getPublicAttachment, publishDueScheduled, publishingJobs, seedDemoItems } from './index.ts';

let t: TestContext;
let agency: Agency;
let other: Agency;
let columns: Column[];
let otherColumns: Column[];
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};

const proofreading = ['文字', '数据', '格式', '政治把关', '时效'];
const privacy = ['身份证号', '联系电话', '家庭住址', '银行账户', '其他个人信息'];
const steps = [
  { key: 'first', reviewer: 'first', checklist: proofreading },
  { key: 'privacy', reviewer: 'privacy', checklist: privacy },
  { key: 'second', reviewer: 'second', checklist: proofreading },
  { key: 'final', reviewer: 'final', checklist: proofreading },
];

const rows = <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => queryRows<T>(t, q);

function column(slug: string, list = columns): Column {
  return list.find((x) => x.slug === slug)!;
}

beforeAll(async () => {
  t = await createTestContext({ GONGKAI_MAX_UPLOAD_MB: '1' });
  agency = await buildAgency(t.ctx);
  other = await buildAgency(t.ctx);
  columns = await listColumns(t.ctx.db, agency.id);
  otherColumns = await listColumns(t.ctx.db, other.id);
  const users: StaffSpec = {
    drafter: { agency, roles: ['drafter'], displayName: '张起草' },
    drafter2: { agency, roles: ['drafter'], displayName: '李起草' },
    selfReviewer: { agency, roles: ['drafter', 'reviewer'], steps: ['first', 'privacy', 'second', 'final'], displayName: '王兼审' },
    first: { agency, roles: ['reviewer'], steps: ['first'], displayName: '赵初审' },
    first2: { agency, roles: ['reviewer'], steps: ['first'], displayName: '钱初审' },
    privacy: { agency, roles: ['reviewer'], steps: ['privacy'], displayName: '孙隐私' },
    second: { agency, roles: ['reviewer'], steps: ['second'], displayName: '周复审' },
    final: { agency, roles: ['reviewer'], steps: ['final'], displayName: '吴终审' },
    admin: { agency, roles: ['admin'], displayName: '郑管理' },
    auditor: { agency, roles: ['auditor'], displayName: '冯审计' },
    supervisor: { globalRole: 'supervisor', displayName: '陈监督' },
    sysadmin: { globalRole: 'sysadmin', displayName: '褚平台' },
    outsider: { agency: other, roles: ['admin', 'drafter', 'reviewer', 'auditor'], steps: ['first', 'privacy', 'second', 'final'], displayName: '卫外单位' },
  };
  await createStaff(t, users, { ids, clients: c });
});
afterAll(() => t.close());

const draftBody = (over: Record<string, unknown> = {}) => ({
  agencyId: agency.id,
  title: '曲尺乡2025年第二季度低保资金发放情况公示',
  docNo: '曲尺府发[2025]21号',
  writtenOn: '2025-06-30',
  topic: '社会救助',
  columnId: column('shjz').id,
  disclosure: 'proactive',
  bodyHtml: '<p>现将本季度低保资金发放情况予以公示。</p>',
  keywords: ['低保'],
  ...over,
});

interface Detail {
  document: { id: string; status: string; lockVersion: number; currentStep: { key: string } | null; liveVersion: number | null; indexNo: string; bodyHtml: string };
  attachments: Array<{ id: string; filename: string }>;
  reviewActions: Array<{ action: string; stepKey: string | null; actor: { displayName: string }; comment: string | null }>;
  versions: Array<{ version: number; isCurrent: boolean; changeNote: string | null }>;
  allowedActions: string[];
}

async function create(over: Record<string, unknown> = {}, who = 'drafter'): Promise<Detail['document']> {
  const res = await c[who]!.post('/api/documents', draftBody(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().document;
}

async function detail(id: string, who = 'drafter'): Promise<Detail> {
  const res = await c[who]!.get(`/api/documents/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function lock(id: string): Promise<number> {
  return (await detail(id, 'admin')).document.lockVersion;
}

async function submit(id: string, extra: Record<string, unknown> = {}, who = 'drafter') {
  return c[who]!.post(`/api/documents/${id}/submit`, { lockVersion: await lock(id), ...extra });
}

async function approve(id: string, who: string, extra: Record<string, unknown> = {}) {
  const step = steps.find((s) => s.reviewer === who) ?? steps[0]!;
  return c[who]!.post(`/api/documents/${id}/approve`, { lockVersion: await lock(id), checklist: step.checklist, ...extra });
}

/** Approves every step in order; the final step's extra fields (scheduledAt) go last. */
async function approveAll(id: string, finalExtra: Record<string, unknown> = {}) {
  let res;
  for (const s of steps) {
    res = await approve(id, s.reviewer, s.key === 'final' ? finalExtra : {});
    expect(res.statusCode, `${s.key}: ${res.body}`).toBe(200);
  }
  return res!;
}

function multipart(filename: string, data: Buffer, fields: Record<string, string> = {}) {
  const boundary = `----gk${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(id: string, filename: string, data: Buffer, who = 'drafter', lockVersion?: number) {
  const lv = lockVersion ?? (await lock(id));
  const { payload, headers } = multipart(filename, data);
  return c[who]!.request('POST', `/api/documents/${id}/attachments?lockVersion=${lv}`, payload, headers);
}

async function attachmentCount(documentId: string): Promise<number> {
  return (await rows<{ n: number }>(sql`select count(*)::int as n from attachments where document_id = ${documentId}`))[0]!.n;
}

describe('POST /api/documents', () => {
  it('creates a draft with a generated 索引号 and a sanitized body (drafter)', async () => {
    const doc = await create({ bodyHtml: '<p onclick="steal()">正文<script>alert(1)</script><img src=x onerror=alert(1)></p>' });
    expect(doc.status).toBe('draft');
    expect(doc.indexNo).toMatch(new RegExp(`^${agency.code}/\\d{4}-\\d{5}$`));
    expect(doc.bodyHtml).toBe('<p>正文</p>');
    const next = await create();
    const seq = (s: string) => Number(s.slice(-5));
    expect(seq(next.indexNo)).toBe(seq(doc.indexNo) + 1);
  });

  it('gives concurrent creations distinct 索引号', async () => {
    const docs = await Promise.all([1, 2, 3, 4, 5].map(() => create()));
    expect(new Set(docs.map((d) => d.indexNo)).size).toBe(5);
  });

  it('forbids auditors, reviewers and admins (403) and hides other agencies (404)', async () => {
    for (const who of ['auditor', 'first', 'admin', 'supervisor']) {
      expect((await c[who]!.post('/api/documents', draftBody())).statusCode, who).toBe(403);
    }
    expect((await c.outsider!.post('/api/documents', draftBody())).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/documents', payload: draftBody() })).statusCode).toBe(401);
  });

  it('validates fields with Chinese messages (400)', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: '' }, 'title'],
      [{ disclosure: 'secret' }, 'disclosure'],
      [{ disclosure: 'request' }, 'disclosureGround'],
      [{ disclosure: 'proactive', disclosureGround: 'art15' }, 'disclosureGround'],
      [{ docType: 'normative' }, 'validity'],
      [{ docType: 'normative', validity: 'repealed', effectiveOn: '2020-01-01' }, 'invalidOn'],
      [{ writtenOn: '2025-02-30' }, 'writtenOn'],
      [{ keywords: Array.from({ length: 11 }, (_, i) => `词${i}`) }, 'keywords'],
      [{ columnId: column('shjz', otherColumns).id }, 'columnId'],
      [{ columnId: column('fdzdgknr').id }, 'columnId'],
      [{ columnId: 'nope' }, 'columnId'],
      [{ unknown: 1 }, '_'],
    ];
    for (const [over, field] of cases) {
      const res = await c.drafter!.post('/api/documents', draftBody(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      const body = res.json();
      expect(body.code).toBe('VALIDATION');
      expect(body.message).toMatch(/[\u4e00-\u9fff]/);
      expect(Object.keys(body.details.fields), JSON.stringify(over)).toContain(field);
    }
  });

  it('accepts a 依申请公开 item with its legal ground and a 规范性文件 with its 有效性', async () => {
    const req = await create({ disclosure: 'request', disclosureGround: 'art16_2' });
    expect(req.status).toBe('draft');
    const norm = await create({ docType: 'normative', validity: 'valid', effectiveOn: '2025-07-01', columnId: column('gfxwj').id });
    expect(norm.status).toBe('draft');
  });

  it('answers malformed JSON with 400', async () => {
    const res = await c.drafter!.request('POST', '/api/documents', '{bad', { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
  });
});

describe('GET /api/documents and GET /api/documents/:id', () => {
  it('lists the agency documents with paging, filters and `mine`', async () => {
    const mine = await c.drafter2!.post('/api/documents', draftBody({ title: '李起草的独特稿件甲乙丙' }));
    expect(mine.statusCode).toBe(201);
    const all = await c.auditor!.get(`/api/documents?agencyId=${agency.id}&pageSize=2&page=1`);
    expect(all.statusCode).toBe(200);
    expect(all.json().items).toHaveLength(2);
    expect(all.json().total).toBeGreaterThan(2);
    const own = (await c.drafter2!.get('/api/documents?mine=true')).json();
    expect(own.items.every((d: { createdBy: { id: string } }) => d.createdBy.id === ids.drafter2)).toBe(true);
    expect(own.items[0].createdBy.displayName).toBe('李起草');
    const q = (await c.supervisor!.get(`/api/documents?q=${encodeURIComponent('独特稿件')}`)).json();
    expect(q.total).toBe(1);
    const drafts = (await c.drafter!.get('/api/documents?status=draft')).json();
    expect(drafts.items.every((d: { status: string }) => d.status === 'draft')).toBe(true);
  });

  it('never shows other agencies documents', async () => {
    const res = await c.outsider!.get('/api/documents');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.every((d: { agencyId: string }) => d.agencyId === other.id)).toBe(true);
    expect((await c.outsider!.get(`/api/documents?agencyId=${agency.id}`)).statusCode).toBe(403);
    expect((await c.drafter!.get('/api/documents?status=bogus')).statusCode).toBe(400);
    expect((await c.drafter!.get('/api/documents?pageSize=1000')).statusCode).toBe(400);
  });

  it('shows one document with the actions the viewer may take; 404 for outsiders, 400 for a bad id', async () => {
    const doc = await create();
    const own = await detail(doc.id, 'drafter');
    expect(own.allowedActions).toEqual(['update', 'addAttachment', 'removeAttachment', 'submit']);
    expect((await detail(doc.id, 'auditor')).allowedActions).toEqual([]);
    expect((await detail(doc.id, 'supervisor')).document.id).toBe(doc.id);
    expect((await c.outsider!.get(`/api/documents/${doc.id}`)).statusCode).toBe(404);
    expect((await c.drafter!.get('/api/documents/not-a-uuid')).statusCode).toBe(400);
    expect((await c.drafter!.get(`/api/documents/${randomUuid()}`)).statusCode).toBe(404);
  });
});

function randomUuid(): string {
  const h = randomBytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

describe('PATCH /api/documents/:id', () => {
  it('lets the drafter edit a draft and audits the changed fields', async () => {
    const doc = await create();
    const res = await c.drafter!.patch(`/api/documents/${doc.id}`, { lockVersion: doc.lockVersion, title: '修改后的标题', bodyHtml: '<p>新正文</p><iframe src="x"></iframe>' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().document).toMatchObject({ title: '修改后的标题', bodyHtml: '<p>新正文</p>', lockVersion: doc.lockVersion + 1 });
    const audit = await rows<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      sql`select before, after from audit_log where entity_id = ${doc.id} and action = 'document.update'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before.title).toBe('曲尺乡2025年第二季度低保资金发放情况公示');
    expect(audit[0]!.after.title).toBe('修改后的标题');
    expect(Object.keys(audit[0]!.after).sort()).toEqual(['bodyHtml', 'title']);
  });

  it('forbids other drafters (403) and answers a stale lockVersion with 409', async () => {
    const doc = await create();
    expect((await c.drafter2!.patch(`/api/documents/${doc.id}`, { lockVersion: doc.lockVersion, title: '越权' })).statusCode).toBe(403);
    expect((await c.auditor!.patch(`/api/documents/${doc.id}`, { lockVersion: doc.lockVersion, title: '越权' })).statusCode).toBe(403);
    expect((await c.outsider!.patch(`/api/documents/${doc.id}`, { lockVersion: doc.lockVersion, title: '越权' })).statusCode).toBe(404);
    expect((await c.drafter!.patch(`/api/documents/${doc.id}`, { lockVersion: doc.lockVersion, title: '第一次' })).statusCode).toBe(200);
    const stale = await c.drafter!.patch(`/api/documents/${doc.id}`, { lockVersion: doc.lockVersion, title: '第二次' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'DOCUMENT_CONFLICT', message: '该稿件已被他人处理，请刷新后重试' });
    expect((await c.drafter!.patch(`/api/documents/${doc.id}`, { title: '缺版本号' })).statusCode).toBe(400);
  });

  it('switching to 其他 clears 有效性; cross-field rules apply to the merged record', async () => {
    const doc = await create({ docType: 'normative', validity: 'valid', effectiveOn: '2025-07-01', columnId: column('gfxwj').id });
    const res = await c.drafter!.patch(`/api/documents/${doc.id}`, { lockVersion: doc.lockVersion, docType: 'other' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().document).toMatchObject({ docType: 'other', validity: null, effectiveOn: null });
    const bad = await c.drafter!.patch(`/api/documents/${doc.id}`, { lockVersion: res.json().document.lockVersion, disclosure: 'none' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields).toHaveProperty('disclosureGround');
  });
});

describe('attachments', () => {
  it('uploads DOCX, XLSX, PDF and images, checked by content (drafter)', async () => {
    const doc = await create();
    const files: Array<[string, Buffer]> = [
      ['说明.docx', await buildDocx(['附件正文'])],
      ['低保名单.xlsx', await buildXlsx({ 名单: [['柳坪村', 12]] })],
      ['公告.pdf', buildPdf(['公告内容'])],
      ['现场照片.png', buildPng(8, 8)],
    ];
    for (const [name, data] of files) {
      const res = await upload(doc.id, name, data);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().attachment).toMatchObject({ filename: name, size: data.length, current: true });
      expect(res.json().attachment).not.toHaveProperty('storageKey');
    }
    const d = await detail(doc.id);
    expect(d.attachments.map((a) => a.filename)).toEqual(files.map(([n]) => n));
  });

  it('accepts lockVersion as a form field sent before the file', async () => {
    const doc = await create();
    const { payload, headers } = multipart('a.pdf', buildPdf(['x']), { lockVersion: String(doc.lockVersion) });
    const res = await c.drafter!.request('POST', `/api/documents/${doc.id}/attachments`, payload, headers);
    expect(res.statusCode, res.body).toBe(201);
  });

  it('refuses lies, damage and excess with 415/422/413 and writes no row', async () => {
    const doc = await create();
    const fake = await upload(doc.id, '通知.docx', buildPng());
    expect(fake.statusCode).toBe(415);
    expect(fake.json().message).toContain('PNG 图片');
    const trunc = await upload(doc.id, '通知.docx', truncate(await buildDocx(['内容']), 0.6));
    expect(trunc.statusCode).toBe(422);
    expect(trunc.json().code).toBe('ATTACHMENT_CORRUPT');
    const big = await upload(doc.id, '大表.xlsx', Buffer.concat([await buildXlsx({ a: [['x']] }), randomBytes(1024 * 1024 + 10)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toBe('附件超过 1 MB');
    const exe = await upload(doc.id, '程序.pdf', Buffer.concat([Buffer.from('MZ'), randomBytes(200)]));
    expect(exe.statusCode).toBe(415);
    expect(await attachmentCount(doc.id)).toBe(0);
    // The document was not touched either.
    expect((await detail(doc.id)).document.lockVersion).toBe(doc.lockVersion);
  });

  it('refuses uploads from others (403/404), without multipart (415), without a file (400) or with a stale lockVersion (409)', async () => {
    const doc = await create();
    const pdf = buildPdf(['x']);
    expect((await upload(doc.id, 'a.pdf', pdf, 'drafter2')).statusCode).toBe(403);
    expect((await upload(doc.id, 'a.pdf', pdf, 'first')).statusCode).toBe(403);
    expect((await upload(doc.id, 'a.pdf', pdf, 'outsider')).statusCode).toBe(404);
    expect((await upload(doc.id, 'a.pdf', pdf, 'drafter', doc.lockVersion + 5)).statusCode).toBe(409);
    const json = await c.drafter!.post(`/api/documents/${doc.id}/attachments?lockVersion=${doc.lockVersion}`, { file: 'x' });
    expect(json.statusCode).toBe(415);
    const boundary = '----gkempty';
    const empty = await c.drafter!.request('POST', `/api/documents/${doc.id}/attachments?lockVersion=${doc.lockVersion}`, Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--${boundary}--\r\n`), {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(empty.statusCode).toBe(400);
    const form = multipart('a.pdf', pdf);
    const noLock = await c.drafter!.request('POST', `/api/documents/${doc.id}/attachments`, form.payload, form.headers);
    expect(noLock.statusCode).toBe(400);
    expect(await attachmentCount(doc.id)).toBe(0);
  });

  it('downloads with a UTF-8 filename (staff) and hides it from outsiders', async () => {
    const doc = await create();
    const data = await buildXlsx({ 表: [['预算', 1]] });
    const up = await upload(doc.id, '2025年预算表.xlsx', data);
    const att = up.json().attachment;
    const res = await c.auditor!.get(`/api/documents/${doc.id}/attachments/${att.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('2025年预算表.xlsx')}`);
    expect(res.rawPayload.equals(data)).toBe(true);
    expect((await c.outsider!.get(`/api/documents/${doc.id}/attachments/${att.id}`)).statusCode).toBe(404);
    expect((await c.drafter!.get(`/api/documents/${doc.id}/attachments/${randomUuid()}`)).statusCode).toBe(404);
    // Not published: no public download.
    expect(await getPublicAttachment(t.ctx.db, att.id)).toBeNull();
  });

  it('removes an attachment (drafter) but not for others', async () => {
    const doc = await create();
    const up = await upload(doc.id, 'a.pdf', buildPdf(['x']));
    const { attachment, lockVersion } = up.json();
    expect((await c.auditor!.request('DELETE', `/api/documents/${doc.id}/attachments/${attachment.id}?lockVersion=${lockVersion}`)).statusCode).toBe(403);
    expect((await c.drafter!.request('DELETE', `/api/documents/${doc.id}/attachments/${attachment.id}`)).statusCode).toBe(400);
    const del = await c.drafter!.request('DELETE', `/api/documents/${doc.id}/attachments/${attachment.id}?lockVersion=${lockVersion}`);
    expect(del.statusCode, del.body).toBe(200);
    expect((await detail(doc.id)).attachments).toHaveLength(0);
    const again = await c.drafter!.request('DELETE', `/api/documents/${doc.id}/attachments/${attachment.id}?lockVersion=${del.json().lockVersion}`);
    expect(again.statusCode).toBe(404);
  });
});

describe('三审三校 review', () => {
  it('runs draft → four steps → published, with history, version, search and cache hooks', async () => {
    const doc = await create({ bodyHtml: '<p>本季度发放情况如下。</p>' });
    const att = (await upload(doc.id, '名单.xlsx', await buildXlsx({ 名单: [['柳坪村', '桃源']] }))).json().attachment;
    expect((await submit(doc.id)).statusCode).toBe(200);
    let inbox = (await c.first!.get('/api/reviews/inbox')).json();
    expect(inbox.items.map((d: { id: string }) => d.id)).toContain(doc.id);
    expect((await c.second!.get('/api/reviews/inbox')).json().items.map((d: { id: string }) => d.id)).not.toContain(doc.id);
    let calls = 0;
    const hook = () => void calls++;
    t.ctx.onPublicChange.add(hook);
    const res = await approveAll(doc.id);
    t.ctx.onPublicChange.delete(hook);
    expect(calls).toBe(1);
    const d = res.json() as Detail;
    expect(d.document).toMatchObject({ status: 'published', liveVersion: 1 });
    expect(d.versions).toEqual([expect.objectContaining({ version: 1, isCurrent: true, changeNote: null })]);
    expect(d.reviewActions.map((a) => `${a.action}:${a.stepKey ?? ''}`)).toEqual([
      'submit:',
      'approve:first',
      'approve:privacy',
      'approve:second',
      'approve:final',
      'publish:',
    ]);
    expect(d.reviewActions[1]!.actor.displayName).toBe('赵初审');
    // The final-step reviewer (who made this request) may now withdraw or correct it.
    expect(d.allowedActions).toEqual(['withdraw', 'startCorrection']);
    expect((await detail(doc.id, 'drafter')).allowedActions).toEqual([]);
    inbox = (await c.first!.get('/api/reviews/inbox')).json();
    expect(inbox.items.map((x: { id: string }) => x.id)).not.toContain(doc.id);
    const v = (await rows<{ doc_no_key: string; hit: boolean }>(
      sql`select doc_no_key, search @@ to_tsquery('simple', '桃源') as hit from document_versions where document_id = ${doc.id} and is_current`,
    ))[0]!;
    expect(v).toEqual({ doc_no_key: '曲尺府发〔2025〕21号', hit: true });
    expect(await getPublicAttachment(t.ctx.db, att.id)).toMatchObject({ filename: '名单.xlsx' });
    const audits = await rows<{ action: string; actor_name: string }>(sql`select action, actor_name from audit_log where entity_id = ${doc.id} order by id`);
    expect(audits.map((a) => a.action)).toEqual([
      'document.create',
      'document.addAttachment',
      'document.submit',
      'document.approve',
      'document.approve',
      'document.approve',
      'document.approve',
      'document.publish',
    ]);
  });

  it('requires every checklist point and names the missing ones (422)', async () => {
    const doc = await create();
    await submit(doc.id);
    const res = await c.first!.post(`/api/documents/${doc.id}/approve`, { lockVersion: await lock(doc.id), checklist: ['文字', '数据'] });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('CHECKLIST_INCOMPLETE');
    expect(res.json().message).toContain('格式、政治把关、时效');
    const unknown = await c.first!.post(`/api/documents/${doc.id}/approve`, { lockVersion: await lock(doc.id), checklist: [...proofreading, '随便'] });
    expect(unknown.statusCode).toBe(400);
  });

  it('lets only the current step reviewer decide (403) and nobody their own draft (422)', async () => {
    const doc = await create();
    await submit(doc.id);
    expect((await approve(doc.id, 'second')).statusCode).toBe(403);
    expect((await approve(doc.id, 'admin')).statusCode).toBe(403);
    expect((await approve(doc.id, 'auditor')).statusCode).toBe(403);
    expect((await approve(doc.id, 'outsider')).statusCode).toBe(404);
    const own = await create({}, 'selfReviewer');
    expect((await submit(own.id, {}, 'selfReviewer')).statusCode).toBe(200);
    const self = await c.selfReviewer!.post(`/api/documents/${own.id}/approve`, { lockVersion: await lock(own.id), checklist: proofreading });
    expect(self.statusCode).toBe(422);
    expect(self.json().code).toBe('REVIEW_SELF_APPROVAL');
    const selfReturn = await c.selfReviewer!.post(`/api/documents/${own.id}/return`, { lockVersion: await lock(own.id), comment: '自己退回自己' });
    expect(selfReturn.json().code).toBe('REVIEW_SELF_APPROVAL');
    expect((await c.selfReviewer!.get('/api/reviews/inbox')).json().items.map((x: { id: string }) => x.id)).not.toContain(own.id);
    // Someone else's draft is fine for the same person.
    expect((await approve(doc.id, 'selfReviewer')).statusCode).toBe(200);
  });

  it('returns to the drafter with a reason, who fixes and resubmits (round 2)', async () => {
    const doc = await create();
    await submit(doc.id);
    await approve(doc.id, 'first');
    const noReason = await c.privacy!.post(`/api/documents/${doc.id}/return`, { lockVersion: await lock(doc.id) });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('退回理由');
    expect((await c.second!.post(`/api/documents/${doc.id}/return`, { lockVersion: await lock(doc.id), comment: '不是我这一步' })).statusCode).toBe(403);
    const ret = await c.privacy!.post(`/api/documents/${doc.id}/return`, { lockVersion: await lock(doc.id), comment: '名单含身份证号，请脱敏' });
    expect(ret.statusCode).toBe(200);
    expect(ret.json().document.status).toBe('returned');
    const d = await detail(doc.id);
    expect(d.allowedActions).toContain('update');
    expect(d.reviewActions.at(-1)).toMatchObject({ action: 'return', stepKey: 'privacy', comment: '名单含身份证号，请脱敏', actor: { displayName: '孙隐私' } });
    expect((await c.drafter!.patch(`/api/documents/${doc.id}`, { lockVersion: d.document.lockVersion, bodyHtml: '<p>已脱敏</p>' })).statusCode).toBe(200);
    expect((await submit(doc.id, {}, 'drafter2')).statusCode).toBe(403);
    const again = await submit(doc.id);
    expect(again.statusCode).toBe(200);
    expect(again.json().document).toMatchObject({ status: 'in_review', round: 2, currentStep: { key: 'first' } });
  });

  it('refuses to submit an empty document and to approve a draft', async () => {
    const doc = await create({ bodyHtml: '<script>only</script>' });
    const res = await submit(doc.id);
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('正文和附件不能都为空');
    const withBody = await create();
    const early = await approve(withBody.id, 'first');
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('INVALID_STATE');
  });

  it('lets exactly one of two concurrent approvals of the same step win', async () => {
    const doc = await create();
    await submit(doc.id);
    const lockVersion = await lock(doc.id);
    const body = { lockVersion, checklist: proofreading };
    const [a, b] = await Promise.all([
      c.first!.post(`/api/documents/${doc.id}/approve`, body),
      c.first2!.post(`/api/documents/${doc.id}/approve`, body),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json()).toMatchObject({ code: 'DOCUMENT_CONFLICT', message: '该稿件已被他人处理，请刷新后重试' });
    const actions = await rows(sql`select * from review_actions where document_id = ${doc.id} and action = 'approve'`);
    expect(actions).toHaveLength(1);
    const audits = await rows(sql`select * from audit_log where entity_id = ${doc.id} and action = 'document.approve'`);
    expect(audits).toHaveLength(1);
    expect((await detail(doc.id)).document.currentStep?.key).toBe('privacy');
  });

  it('records a 依申请公开 item as approved, never published; refuses to schedule it', async () => {
    const doc = await create({ disclosure: 'request', disclosureGround: 'art15', title: '某企业经营数据' });
    await submit(doc.id);
    for (const s of steps.slice(0, 3)) expect((await approve(doc.id, s.reviewer)).statusCode).toBe(200);
    const scheduled = await approve(doc.id, 'final', { scheduledAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(scheduled.statusCode).toBe(422);
    expect(scheduled.json().code).toBe('NOT_PROACTIVE');
    expect(scheduled.json().message).toContain('依申请公开');
    const res = await approve(doc.id, 'final');
    expect(res.statusCode).toBe(200);
    expect(res.json().document).toMatchObject({ status: 'approved', liveVersion: null });
    expect(res.json().versions).toEqual([]);
    expect(await rows(sql`select 1 from document_versions where document_id = ${doc.id}`)).toHaveLength(0);
  });
});

describe('scheduled publication', () => {
  it('schedules at the final step and publishes when due, audited as 系统', async () => {
    expect(publishingJobs.map((j) => [j.id, j.everyMs])).toContainEqual(['publishing.publishScheduled', 30_000]);
    const doc = await create();
    await submit(doc.id);
    for (const s of steps.slice(0, 3)) expect((await approve(doc.id, s.reviewer)).statusCode).toBe(200);
    const past = await approve(doc.id, 'final', { scheduledAt: new Date(Date.now() - 60_000).toISOString() });
    expect(past.statusCode).toBe(422);
    expect(past.json().code).toBe('SCHEDULE_IN_PAST');
    expect((await approve(doc.id, 'final', { scheduledAt: 'tomorrow' })).statusCode).toBe(400);
    const at = new Date(Date.now() + 3600_000);
    const res = await approve(doc.id, 'final', { scheduledAt: at.toISOString() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().document).toMatchObject({ status: 'scheduled', liveVersion: null, scheduledAt: at.toISOString() });
    const early = await publishDueScheduled(t.ctx, new Date());
    expect(early.published).not.toContain(doc.id);
    const due = await publishDueScheduled(t.ctx, new Date(at.getTime() + 1000));
    expect(due.published).toContain(doc.id);
    const d = await detail(doc.id);
    expect(d.document).toMatchObject({ status: 'published', liveVersion: 1, scheduledAt: null });
    expect(d.reviewActions.at(-1)).toMatchObject({ action: 'publish', actor: { displayName: '系统' } });
    const audit = await rows<{ actor_name: string }>(sql`select actor_name from audit_log where entity_id = ${doc.id} and action = 'document.publish'`);
    expect(audit).toEqual([{ actor_name: '系统' }]);
  });

  it('lets the final reviewer return a scheduled item before it goes out', async () => {
    const doc = await create();
    await submit(doc.id);
    for (const s of steps.slice(0, 3)) await approve(doc.id, s.reviewer);
    await approve(doc.id, 'final', { scheduledAt: new Date(Date.now() + 3600_000).toISOString() });
    expect((await c.first!.post(`/api/documents/${doc.id}/return`, { lockVersion: await lock(doc.id), comment: '暂缓发布' })).statusCode).toBe(403);
    const ret = await c.final!.post(`/api/documents/${doc.id}/return`, { lockVersion: await lock(doc.id), comment: '政策有调整，暂缓发布' });
    expect(ret.statusCode).toBe(200);
    expect(ret.json().document).toMatchObject({ status: 'returned', scheduledAt: null });
    expect((await publishDueScheduled(t.ctx, new Date(Date.now() + 7200_000))).published).not.toContain(doc.id);
  });
});

async function publishedDoc(): Promise<{ id: string; attachmentId: string }> {
  const doc = await create();
  const att = (await upload(doc.id, '原附件.pdf', buildPdf(['原附件']))).json().attachment;
  await submit(doc.id);
  await approveAll(doc.id);
  return { id: doc.id, attachmentId: att.id };
}

describe('withdrawal (撤回)', () => {
  it('is for the agency admin or the final reviewer, needs a reason, and takes the item off the portal', async () => {
    const { id, attachmentId } = await publishedDoc();
    for (const who of ['drafter', 'first', 'auditor', 'supervisor']) {
      expect((await c[who]!.post(`/api/documents/${id}/withdraw`, { lockVersion: await lock(id), reason: '越权撤回' })).statusCode, who).toBe(403);
    }
    expect((await c.outsider!.post(`/api/documents/${id}/withdraw`, { lockVersion: await lock(id), reason: '越权撤回' })).statusCode).toBe(404);
    expect((await c.admin!.post(`/api/documents/${id}/withdraw`, { lockVersion: await lock(id) })).statusCode).toBe(400);
    let calls = 0;
    const hook = () => void calls++;
    t.ctx.onPublicChange.add(hook);
    const res = await c.admin!.post(`/api/documents/${id}/withdraw`, { lockVersion: await lock(id), reason: '含有未脱敏的个人信息' });
    t.ctx.onPublicChange.delete(hook);
    expect(res.statusCode, res.body).toBe(200);
    expect(calls).toBe(1);
    expect(res.json().document).toMatchObject({ status: 'withdrawn', withdrawReason: '含有未脱敏的个人信息', liveVersion: 1 });
    expect(res.json().document.withdrawnAt).toBeTruthy();
    expect(res.json().versions).toEqual([expect.objectContaining({ version: 1, isCurrent: false })]);
    expect(await getPublicAttachment(t.ctx.db, attachmentId)).toBeNull();
    const twice = await c.admin!.post(`/api/documents/${id}/withdraw`, { lockVersion: await lock(id), reason: '再撤一次' });
    expect(twice.statusCode).toBe(409);
  });

  it('is open to the final-step reviewer and to a sysadmin', async () => {
    const a = await publishedDoc();
    expect((await c.final!.post(`/api/documents/${a.id}/withdraw`, { lockVersion: await lock(a.id), reason: '终审撤回' })).statusCode).toBe(200);
    const b = await publishedDoc();
    expect((await c.sysadmin!.post(`/api/documents/${b.id}/withdraw`, { lockVersion: await lock(b.id), reason: '平台撤回' })).statusCode).toBe(200);
  });
});

describe('correction (更正)', () => {
  it('keeps the live version public while the correction is reviewed, then publishes version 2', async () => {
    const { id, attachmentId } = await publishedDoc();
    expect((await c.drafter!.post(`/api/documents/${id}/correct`, { lockVersion: await lock(id) })).statusCode).toBe(403);
    const start = await c.final!.post(`/api/documents/${id}/correct`, { lockVersion: await lock(id), comment: '金额有误' });
    expect(start.statusCode, start.body).toBe(200);
    expect(start.json().document).toMatchObject({ status: 'draft', liveVersion: 1, correcting: true });
    // The live version is still what the public sees.
    expect(await getPublicAttachment(t.ctx.db, attachmentId)).not.toBeNull();
    const d = await detail(id);
    expect(d.allowedActions).toEqual(['update', 'addAttachment', 'removeAttachment', 'submit']);
    // Replace the attachment and fix the body.
    let lv = (await c.drafter!.request('DELETE', `/api/documents/${id}/attachments/${attachmentId}?lockVersion=${d.document.lockVersion}`)).json().lockVersion;
    const newAtt = (await upload(id, '更正后.pdf', buildPdf(['更正后附件']), 'drafter', lv)).json();
    lv = newAtt.lockVersion;
    expect((await c.drafter!.patch(`/api/documents/${id}`, { lockVersion: lv, bodyHtml: '<p>更正后的正文</p>' })).statusCode).toBe(200);
    expect(await getPublicAttachment(t.ctx.db, attachmentId)).not.toBeNull();
    const noNote = await submit(id);
    expect(noNote.statusCode).toBe(422);
    expect(noNote.json().code).toBe('CHANGE_NOTE_REQUIRED');
    expect((await submit(id, { changeNote: '更正第二段中的发放金额' })).statusCode).toBe(200);
    expect((await rows(sql`select 1 from document_versions where document_id = ${id} and is_current and version = 1`))).toHaveLength(1);
    const done = (await approveAll(id)).json() as Detail;
    expect(done.document).toMatchObject({ status: 'published', liveVersion: 2 });
    expect(done.versions.map((v) => [v.version, v.isCurrent, v.changeNote])).toEqual([
      [2, true, '更正第二段中的发放金额'],
      [1, false, null],
    ]);
    expect(await getPublicAttachment(t.ctx.db, attachmentId)).toBeNull();
    expect(await getPublicAttachment(t.ctx.db, newAtt.attachment.id)).toMatchObject({ filename: '更正后.pdf' });
  });

  it('refuses to turn a published item into 不予公开 (withdraw instead)', async () => {
    const { id } = await publishedDoc();
    await c.admin!.post(`/api/documents/${id}/correct`, { lockVersion: await lock(id) });
    const res = await c.drafter!.patch(`/api/documents/${id}`, { lockVersion: await lock(id), disclosure: 'none', disclosureGround: 'art14' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields.disclosure).toContain('撤回');
  });
});

describe('GET /api/reviews/inbox', () => {
  it('lists only the steps the reviewer holds, across their agencies, and needs a session', async () => {
    const doc = await create();
    await submit(doc.id);
    await approve(doc.id, 'first');
    const privacyInbox = (await c.privacy!.get('/api/reviews/inbox')).json();
    expect(privacyInbox.items.map((d: { id: string }) => d.id)).toContain(doc.id);
    expect(privacyInbox.items.find((d: { id: string }) => d.id === doc.id).currentStep).toMatchObject({ key: 'privacy', name: '隐私信息专项审查' });
    expect((await c.first!.get('/api/reviews/inbox')).json().items.map((d: { id: string }) => d.id)).not.toContain(doc.id);
    expect((await c.outsider!.get('/api/reviews/inbox')).json().items).toEqual([]);
    expect((await c.drafter!.get('/api/reviews/inbox')).json().items).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/reviews/inbox' })).statusCode).toBe(401);
  });
});

describe('seedDemoItems', () => {
  it('publishes about a dozen items for `quchi` once, created by admin', async () => {
    await ensureAdmin(t.ctx.db, 'Demo-Admin-Passw0rd');
    const quchi = await createAgency(t.ctx.db, systemActor, {
      code: '11500237MB1584773X',
      slug: 'quchi',
      name: '巫山县曲尺乡人民政府',
      kind: 'township',
      settings: { phone: '023-57000000', address: '重庆市巫山县曲尺乡', officeHours: '工作日 9:00–12:00' },
    });
    await seedDemoItems(t.ctx);
    await seedDemoItems(t.ctx);
    const items = await rows<{ title: string; doc_type: string; validity: string | null; body_text: string; year: number; index_no: string; column_slug: string; created_by: string }>(
      sql`select v.title, v.doc_type, v.validity, v.body_text, v.index_no, c.slug as column_slug, d.created_by,
             extract(year from v.published_at at time zone 'Asia/Shanghai')::int as year
          from document_versions v join documents d on d.id = v.document_id join columns c on c.id = v.column_id
          where v.agency_id = ${quchi.id} and v.is_current`,
    );
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(items.length).toBeLessThanOrEqual(15);
    expect(new Set(items.map((i) => i.created_by)).size).toBe(1);
    expect(items.every((i) => i.year === 2025 && i.index_no.startsWith('11500237MB1584773X/2025-'))).toBe(true);
    const slugs = new Set(items.map((i) => i.column_slug));
    for (const s of ['zfxxgkzn', 'zfxxgkzd', 'shjz', 'czyjs', 'msbz', 'nyncz']) expect(slugs, s).toContain(s);
    expect(items.filter((i) => i.doc_type === 'normative' && i.validity === 'valid')).toHaveLength(1);
    expect(items.find((i) => i.column_slug === 'zfxxgkzn')!.body_text).toContain('023-57000000');
    const audit = await rows<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'document.publish' and agency_id = ${quchi.id} and after->>'source' = '演示数据'`);
    expect(audit[0]!.n).toBe(items.length);
  });
});

describe('audit', () => {
  it('keeps an intact hash chain after everything above', async () => {
    const r = await verifyAuditLog(t.ctx.db);
    expect(r.problems).toEqual([]);
  });
});
