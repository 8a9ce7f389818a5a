/**
 * The sweep (回头看) on a fresh database (PGlite, or PostgreSQL with GONGKAI_TEST_DATABASE_URL):
 * runs recorded with progress, the report (masked forms and locations only, filters, paging),
 * its XLSX export, withdrawal and the correction (masking) flow from the report, per-agency
 * intervals of the job, the CLI, and the scheduled publication refused by the privacy gate.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency } from '../../../test/factories.ts';
import { createStaff, reviewChain, type StaffSpec } from '../../../test/support/staff.ts';
import { buildXlsx } from '../../../test/fixtures.ts';
import { sweepLocally, type SweepIo } from '../../cli/privacy-sweep.command.ts';
import { setNow } from '../../lib/clock.ts';
import { listColumns, type Agency } from '../agencies/index.ts';
import { privacyStore } from '../privacy/index.ts';
import { id, mobile } from '../privacy/testing/files.ts';
import { createPublishedItem, getPublicAttachment, publishDueScheduled, runDueSweeps } from './index.ts';

let t: TestContext;
let agency: Agency;
let other: Agency;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const proofreading = ['文字', '数据', '格式', '政治把关', '时效'];
const privacyPoints = ['身份证号', '联系电话', '家庭住址', '银行账户', '其他个人信息'];

/** A 公示 with two valid IDs and two mobiles, as text cells. */
const leakyXlsx = () =>
  buildXlsx({
    公示名单: [
      ['姓名', '身份证号', '联系电话', '补助金额（元）'],
      ['张三', id, mobile, 12000],
      ['李四', '11010119900307803X', '13912345678', 8000],
    ],
  });

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  other = await buildAgency(t.ctx);
  const users: StaffSpec = {
    ...reviewChain(agency),
    outsider: { agency: other, roles: ['admin'] },
    sysadmin: { globalRole: 'sysadmin' },
  };
  await createStaff(t, users, { ids, clients: c });
});
afterAll(() => t.close());
afterEach(() => setNow(undefined));

const leaf = async (a: Agency) => {
  const cols = await listColumns(t.ctx.db, a.id);
  return (cols.find((x) => x.slug === 'shjz') ?? cols[0]!).slug;
};

/**
 * An item published before the gate existed: published clean, then its stored file replaced by
 * the leaky one (what the sweep is for: content already public that nobody checked).
 */
async function publishLegacy(a: Agency, title: string, data: Buffer, createdBy: string, filename = '公示名单.xlsx'): Promise<string> {
  const clean = await buildXlsx({ 公示名单: [['姓名', '补助金额（元）'], ['张三', 12000]] });
  const { documentId } = await createPublishedItem(t.ctx, { agencyId: a.id, columnSlug: await leaf(a), title, bodyHtml: '<p>见附件。</p>', attachments: [{ filename, data: clean }], createdBy });
  const row = (await t.ctx.db.execute(sql`select id from attachments where document_id = ${documentId}`)) as unknown as { rows: Array<{ id: string }> };
  const att = await getPublicAttachment(t.ctx.db, row.rows[0]!.id);
  await t.ctx.storage.put(att!.storageKey, data);
  return documentId;
}

async function finished(client: Client, runId: string): Promise<Record<string, unknown> & { run: { status: string; done: number; total: number } }> {
  for (let i = 0; i < 600; i++) {
    const r = await client.get(`/api/privacy/sweeps/${runId}`);
    expect(r.statusCode, r.body).toBe(200);
    if (r.json().run.status !== 'running') return r.json();
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('sweep did not finish');
}

const lockOf = async (docId: string) => (await c.admin!.get(`/api/documents/${docId}`)).json().document.lockVersion as number;

describe('sweep runs and report', () => {
  let runId: string;
  let leakyDoc: string;

  it('starts from the console (202), records progress and findings with masked forms only', async () => {
    leakyDoc = await publishLegacy(agency, '2019年低保对象公示', await leakyXlsx(), ids.drafter!);
    // A house address (medium) passes publication's high-only check; the sweep reports it.
    await createPublishedItem(t.ctx, {
      agencyId: agency.id,
      columnSlug: await leaf(agency),
      title: '危房改造名单',
      bodyHtml: '<p>见附件</p>',
      attachments: [{ filename: '名单.xlsx', data: await buildXlsx({ 名单: [['户主', '备注'], ['赵六', '柳坪村3组12号']] }) }],
      createdBy: ids.sysadmin!,
    });
    await createPublishedItem(t.ctx, { agencyId: agency.id, columnSlug: await leaf(agency), title: '干净的通知', bodyHtml: '<p>通知内容</p>', createdBy: ids.sysadmin! });
    await publishLegacy(other, '外单位公示', await leakyXlsx(), ids.sysadmin!);

    expect((await c.drafter!.post('/api/privacy/sweeps', { agencyId: agency.id })).statusCode).toBe(403);
    expect((await c.admin!.post('/api/privacy/sweeps', {})).statusCode).toBe(400);
    expect((await c.outsider!.post('/api/privacy/sweeps', { agencyId: agency.id })).statusCode).toBe(403);
    const start = await c.admin!.post('/api/privacy/sweeps', { agencyId: agency.id });
    expect(start.statusCode, start.body).toBe(202);
    expect(start.json()).toMatchObject({ alreadyRunning: false, run: { agencyId: agency.id, trigger: 'manual', triggerName: '手动发起', total: 3, requestedBy: ids.admin } });
    runId = start.json().run.id;

    const report = await finished(c.admin!, runId);
    expect(report.run).toMatchObject({ status: 'finished', statusName: '已完成', total: 3, done: 3, itemsWithFindings: 2, findingsCount: 5, error: null });
    expect(report.total).toBe(2);
    const items = report.items as Array<{ documentId: string; title: string; state: string; findings: Array<Record<string, unknown>>; document: { lockVersion: number } }>;
    const leaky = items.find((i) => i.documentId === leakyDoc)!;
    expect(leaky.state).toBe('published');
    expect(leaky.findings.map((f) => `${f.type}@${(f.location as { cell: string }).cell}:${f.masked}`).sort()).toEqual([
      'idCard@B2:11*************02X',
      'idCard@B3:11*************03X',
      'mobile@C2:138****8000',
      'mobile@C3:139****5678',
    ]);
    expect(leaky.findings[0]).toMatchObject({ filename: '公示名单.xlsx', place: expect.stringMatching(/^附件「公示名单.xlsx」 工作表「公示名单」 单元格 [BC][23]$/) });
    // Never the personal value itself, anywhere in the answer or the stored report.
    const stored = JSON.stringify((await t.ctx.db.execute(sql`select findings from privacy_sweep_items where sweep_id = ${runId}`)) as unknown);
    for (const s of [JSON.stringify(report), stored]) {
      expect(s).not.toContain(id);
      expect(s).not.toContain(mobile);
      expect(s).not.toContain('13912345678');
    }

    const audit = (await t.ctx.db.execute(sql`select action from audit_log where entity_id = ${runId}`)) as unknown as { rows: Array<{ action: string }> };
    expect(audit.rows.map((r) => r.action)).toEqual(['privacy.sweep']);
  });

  it('filters and pages the report; other agencies see nothing of it', async () => {
    const byType = (await c.admin!.get(`/api/privacy/sweeps/${runId}?type=address`)).json();
    expect(byType.items.map((i: { title: string }) => i.title)).toEqual(['危房改造名单']);
    const high = (await c.admin!.get(`/api/privacy/sweeps/${runId}?confidence=high`)).json();
    expect(high.items.map((i: { title: string }) => i.title)).toEqual(['2019年低保对象公示']);
    expect((await c.admin!.get(`/api/privacy/sweeps/${runId}?q=${encodeURIComponent('低保')}`)).json().total).toBe(1);
    const paged = (await c.admin!.get(`/api/privacy/sweeps/${runId}?pageSize=1&page=2`)).json();
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.items).toHaveLength(1);
    expect((await c.admin!.get(`/api/privacy/sweeps/${runId}?type=nonsense`)).statusCode).toBe(400);
    expect((await c.outsider!.get(`/api/privacy/sweeps/${runId}`)).statusCode).toBe(404);
    expect((await c.outsider!.get(`/api/privacy/sweeps?agencyId=${agency.id}`)).statusCode).toBe(403);
    const runs = (await c.admin!.get(`/api/privacy/sweeps?agencyId=${agency.id}`)).json().runs;
    expect(runs[0]).toMatchObject({ id: runId, status: 'finished' });
  });

  it('exports the report as XLSX with the issue’s columns, masked forms only', async () => {
    const res = await c.admin!.get(`/api/privacy/sweeps/${runId}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('隐私信息回头看报告');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('发现明细')!;
    expect((ws.getRow(1).values as string[]).slice(1, 8)).toEqual(['索引号', '标题', '发布日期', '位置', '类型', '脱敏显示', '置信度']);
    const rows: string[][] = [];
    ws.eachRow((row, n) => void (n > 1 && rows.push((row.values as string[]).slice(1).map(String))));
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r[5] === '11*************02X')).toEqual([expect.stringMatching(/\//), '2019年低保对象公示', expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), '附件「公示名单.xlsx」 工作表「公示名单」 单元格 B2', '居民身份证号', '11*************02X', '高', '仍在公开']);
    const all = rows.flat().join('|');
    expect(all).not.toContain(id);
    expect(all).not.toContain(mobile);
    expect((await c.outsider!.get(`/api/privacy/sweeps/${runId}/export.xlsx`)).statusCode).toBe(404);
  });

  it('withdraws an item from the report: the publishing withdrawal, audited with the sweep', async () => {
    const items = (await c.admin!.get(`/api/privacy/sweeps/${runId}?type=address`)).json().items;
    const item = items[0];
    expect((await c.drafter!.post(`/api/privacy/sweeps/${runId}/items/${item.id}/withdraw`, { lockVersion: item.document.lockVersion, reason: '含个人住址' })).statusCode).toBe(403);
    expect((await c.admin!.post(`/api/privacy/sweeps/${runId}/items/${item.id}/withdraw`, { lockVersion: item.document.lockVersion, reason: '' })).statusCode).toBe(400);
    expect((await c.admin!.post(`/api/privacy/sweeps/${runId}/items/${item.id}/withdraw`, { lockVersion: item.document.lockVersion + 5, reason: '含个人住址' })).statusCode).toBe(409);
    const r = await c.admin!.post(`/api/privacy/sweeps/${runId}/items/${item.id}/withdraw`, { lockVersion: item.document.lockVersion, reason: '经回头看检查，含有个人住址，已撤回' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ outcome: { status: 'withdrawn' }, item: { state: 'withdrawn', stateName: '已撤回' } });
    const doc = (await c.admin!.get(`/api/documents/${item.documentId}`)).json().document;
    expect(doc).toMatchObject({ status: 'withdrawn', withdrawReason: '经回头看检查，含有个人住址，已撤回' });
    const audit = (await t.ctx.db.execute(sql`select after from audit_log where entity_id = ${item.documentId} and action = 'document.withdraw'`)) as unknown as { rows: Array<{ after: Record<string, unknown> }> };
    expect(audit.rows[0]!.after).toMatchObject({ origin: { source: 'privacySweep', sweepId: runId, sweepItemId: item.id } });
  });

  it('opens the masking flow: a correction draft the drafter masks, the chain republishes it clean', async () => {
    const item = (await c.admin!.get(`/api/privacy/sweeps/${runId}?confidence=high`)).json().items[0];
    const r = await c.admin!.post(`/api/privacy/sweeps/${runId}/items/${item.id}/correct`, { lockVersion: item.document.lockVersion });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ documentId: leakyDoc, started: true, item: { state: 'correcting', stateName: '更正中' } });
    // Again: already open, nothing new started.
    const again = await c.admin!.post(`/api/privacy/sweeps/${runId}/items/${item.id}/correct`, { lockVersion: await lockOf(leakyDoc) });
    expect(again.json()).toMatchObject({ started: false });

    // The item's drafter masks the file in the correction draft.
    const sys = c.drafter!;
    const view = (await sys.get(`/api/documents/${leakyDoc}/privacy`)).json();
    expect(view.can.maskAttachment).toBe(true);
    const attId = view.findings.find((f: { source: string }) => f.source === 'attachment').attachmentId;
    const masked = await sys.post(`/api/documents/${leakyDoc}/privacy/mask-attachment/${attId}`, { lockVersion: view.lockVersion });
    expect(masked.statusCode, masked.body).toBe(200);
    expect(masked.json().unresolved).toBe(0);
    // The live version stays public meanwhile; the sweep's report says what became of the item.
    expect((await c.admin!.get(`/api/privacy/sweeps/${runId}?confidence=high`)).json().items[0].state).toBe('correcting');
    const doc = (await c.admin!.get(`/api/documents/${leakyDoc}`)).json().document;
    expect(doc).toMatchObject({ status: 'draft', liveVersion: 1 });
  });
});

describe('runs in progress', () => {
  it('returns the run under way instead of starting a second; a run without heartbeat is interrupted', async () => {
    const live = await privacyStore.insertSweep(t.ctx.db, { agencyId: other.id, trigger: 'schedule', itemsTotal: 10 });
    const r = await c.outsider!.post('/api/privacy/sweeps', { agencyId: other.id });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ alreadyRunning: true, run: { id: live.id, status: 'running', total: 10, done: 0 } });
    setNow(new Date(Date.now() + 11 * 60_000));
    expect((await c.outsider!.get(`/api/privacy/sweeps/${live.id}`)).json().run).toMatchObject({ status: 'interrupted', statusName: '已中断' });
    setNow(undefined);
    await privacyStore.finishSweep(t.ctx.db, live.id, { itemsScanned: 0, itemsWithFindings: 0, findingsCount: 0 }, 'test');
  });
});

describe('per-agency interval of the scheduled sweep', () => {
  it('is set by the agency admin (1–365 days, audited) and followed by the job', async () => {
    expect((await c.admin!.get(`/api/privacy/sweep-schedule?agencyId=${agency.id}`)).json().schedule).toEqual({ agencyId: agency.id, intervalDays: 1, isDefault: true });
    expect((await c.drafter!.request('PUT', '/api/privacy/sweep-schedule', { agencyId: agency.id, intervalDays: 7 })).statusCode).toBe(403);
    expect((await c.admin!.request('PUT', '/api/privacy/sweep-schedule', { agencyId: agency.id, intervalDays: 0 })).statusCode).toBe(400);
    const put = await c.admin!.request('PUT', '/api/privacy/sweep-schedule', { agencyId: agency.id, intervalDays: 7 });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().schedule).toEqual({ agencyId: agency.id, intervalDays: 7, isDefault: false });

    // Both agencies were swept today (the manual run above; `other` now): nothing is due.
    await runDueSweepsFor();
    const first = await runDueSweepsFor();
    expect(first).toEqual([]);
    // Two days later: `other` (daily by default) is due, `agency` (every 7 days) is not.
    setNow(new Date(Date.now() + 2 * 86_400_000));
    const later = await runDueSweepsFor();
    expect(later).toEqual([other.id]);
    // Eight days later: both.
    setNow(new Date(Date.now() + 8 * 86_400_000));
    expect((await runDueSweepsFor()).sort()).toEqual([agency.id, other.id].sort());
    const audit = (await t.ctx.db.execute(sql`select after from audit_log where action = 'privacy.setSweepSchedule' and entity_id = ${agency.id}`)) as unknown as { rows: Array<{ after: unknown }> };
    expect(audit.rows[0]!.after).toEqual({ intervalDays: 7 });
  });
});

/** Runs the job, returning the agencies it swept among the two of this file. */
async function runDueSweepsFor(): Promise<string[]> {
  const runs = await runDueSweeps(t.ctx, 3600_000);
  expect(runs.every((r) => r.trigger === 'schedule' && r.status === 'finished')).toBe(true);
  return runs.map((r) => r.agencyId!).filter((a) => a === agency.id || a === other.id);
}

describe('gongkai privacy sweep', () => {
  const io = (isTTY: boolean) => {
    const o = { out: '', err: '' };
    const sink: SweepIo = { out: (s) => void (o.out += s), err: (s) => void (o.err += s), isTTY };
    return { o, sink };
  };

  it('prints progress and a summary, exits 1 with findings, 0 clean, 2 for an unknown agency', async () => {
    let r = io(false);
    expect(await sweepLocally(t.ctx, { agency: other.code, json: false }, r.sink)).toBe(1);
    expect(r.o.err).toMatch(/回头看进度：已检查 1\/1（100%）/);
    expect(r.o.out).toContain('回头看完成：检查已公开信息 1 条，其中 1 条发现个人信息，共 4 处');
    expect(r.o.out).toContain('附件「公示名单.xlsx」 工作表「公示名单」 单元格 B2  居民身份证号  11*************02X  [高]');
    expect(r.o.out).not.toContain(id);

    r = io(true);
    expect(await sweepLocally(t.ctx, { agency: other.slug, json: true }, r.sink)).toBe(1);
    expect(r.o.err).toContain('\r回头看 [██████████████████████████████] 1/1 100%');
    const json = JSON.parse(r.o.out);
    expect(json.run).toMatchObject({ trigger: 'cli', agencyId: other.id, done: 1, itemsWithFindings: 1 });
    expect(json.items[0].findings).toHaveLength(4);

    const clean = await buildAgency(t.ctx);
    await createPublishedItem(t.ctx, { agencyId: clean.id, columnSlug: await leaf(clean), title: '通知', bodyHtml: '<p>通知</p>', createdBy: ids.sysadmin! });
    r = io(false);
    expect(await sweepLocally(t.ctx, { agency: clean.code, json: false }, r.sink)).toBe(0);
    expect(r.o.out).toContain('检查已公开信息 1 条，未发现个人信息');

    r = io(false);
    expect(await sweepLocally(t.ctx, { agency: 'no-such', json: false }, r.sink)).toBe(2);
    expect(r.o.err).toContain('单位 no-such 不存在');
  });
});

describe('scheduled publication refused by the privacy gate', () => {
  it('returns the item to its drafter once, with the reason, instead of retrying every 30 s', async () => {
    // Reviewed while clean; the body changed under it afterwards (e.g. restored from an old backup).
    const slug = await leaf(agency);
    const columnId = (await listColumns(t.ctx.db, agency.id)).find((x) => x.slug === slug)!.id;
    const res = await c.drafter!.post('/api/documents', { agencyId: agency.id, title: '定时公示', columnId, disclosure: 'proactive', bodyHtml: '<p>公示如下</p>' });
    const docId = res.json().document.id as string;
    const approve = async (who: string, extra: Record<string, unknown> = {}) => {
      const r = await c[who]!.post(`/api/documents/${docId}/approve`, { lockVersion: await lockOf(docId), checklist: who === 'privacy' ? privacyPoints : proofreading, ...extra });
      expect(r.statusCode, r.body).toBe(200);
    };
    expect((await c.drafter!.post(`/api/documents/${docId}/submit`, { lockVersion: await lockOf(docId) })).statusCode).toBe(200);
    await approve('first');
    await approve('privacy');
    await approve('second');
    const at = new Date(Date.now() + 3600_000);
    await approve('final', { scheduledAt: at.toISOString() });
    await t.ctx.db.execute(sql`update documents set body_html = ${`<p>户主身份证号：${id}</p>`} where id = ${docId}`);

    const later = new Date(at.getTime() + 60_000);
    const run = await publishDueScheduled(t.ctx, later);
    expect(run.published).toEqual([]);
    expect(run.failed).toEqual([{ id: docId, error: expect.stringContaining('居民身份证号 1 处'), returned: true }]);
    const detail = (await c.drafter!.get(`/api/documents/${docId}`)).json();
    expect(detail.document).toMatchObject({ status: 'returned', scheduledAt: null });
    const last = detail.reviewActions.at(-1);
    expect(last).toMatchObject({ action: 'return', actor: { displayName: '系统' }, comment: expect.stringContaining('定时发布未能完成，已退回') });
    expect(detail.allowedActions).toContain('update');

    // The next runs of the job leave it alone.
    expect(await publishDueScheduled(t.ctx, new Date(later.getTime() + 30_000))).toEqual({ published: [], failed: [] });
    const audit = (await t.ctx.db.execute(sql`select action from audit_log where entity_id = ${docId} and action like 'document.publishScheduled%'`)) as unknown as { rows: Array<{ action: string }> };
    expect(audit.rows.map((r) => r.action)).toEqual(['document.publishScheduledRefused']);
  });
});
