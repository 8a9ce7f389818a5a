/**
 * The 台账 and deadline reminders on a fresh database (PGlite, or PostgreSQL with
 * GONGKAI_TEST_DATABASE_URL), today pinned to 2025-09-30 (before 国庆): the reminders job
 * notifies handler and backup once (twice run = once), e-mails them through a real SMTP server
 * on loopback (a request nobody is assigned to reminds the agency's handlers), the ledger's 即将到期/已逾期 and other filters, and the XLSX export read back
 * with exceljs — applicant columns only for staff who may see applicants.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/support/context.ts';
import { decodeHeader, parseMail, startSmtpServer, type TestSmtp } from '../../../test/support/smtp.ts';
import { buildAgency } from '../../../test/factories.ts';
import { createStaff, type StaffSpec } from '../../../test/support/staff.ts';
import { setNow } from '../../lib/clock.ts';
import type { Agency } from '../agencies/index.ts';
import { sendOutbox } from '../notifications/index.ts';
import { remindDeadlines } from './index.ts';

let t: TestContext;
let smtp: TestSmtp;
let agency: Agency;
let other: Agency;
const ids: Record<string, string> = {};
const c: Record<string, Client> = {};
const req: Record<string, { id: string; trackingNo: string }> = {};
const NAME = '张秘密';
const ID_NUMBER = '11010519491231002X';

const body = (over: Record<string, unknown>) => ({
  agencyId: agency.id,
  channel: 'registered_mail',
  applicantKind: 'person',
  name: NAME,
  idType: 'resident_id',
  idNumber: ID_NUMBER,
  phone: '13912345678',
  address: '某县某镇某村1号',
  description: '2025年本乡低保资金发放明细',
  provisionForm: 'paper',
  delivery: 'mail',
  ...over,
});

async function register(key: string, over: Record<string, unknown>, who = 'wang') {
  const res = await c[who]!.post('/api/requests', body(over));
  expect(res.statusCode, res.body).toBe(201);
  const d = res.json() as { request: { id: string; trackingNo: string; lockVersion: number } };
  req[key] = d.request;
  return d.request;
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestContext({ GONGKAI_SMTP_URL: smtp.url, GONGKAI_MAIL_FROM: 'gongkai@quchi.example.gov.cn' });
  setNow(new Date('2025-09-30T02:00:00Z')); // 10:00 in China, the day before 国庆
  agency = await buildAgency(t.ctx);
  other = await buildAgency(t.ctx);
  const users: StaffSpec = {
    wang: { agency, roles: ['handler' as const], displayName: '王承办', email: 'wang@example.gov.cn' },
    li: { agency, roles: ['handler' as const], displayName: '李B角', email: 'li@example.gov.cn' },
    auditor: { agency, roles: ['auditor' as const], displayName: '冯审计' },
    admin: { agency, roles: ['admin' as const], displayName: '郑管理' },
    outsider: { agency: other, roles: ['handler' as const, 'admin' as const], displayName: '卫外单位' },
  };
  await createStaff(t, users, { ids, clients: c });
  await register('soon', { receivedOn: '2025-09-05', handlerId: ids.wang, backupHandlerId: ids.li }); // due 2025-10-10
  await register('later', { receivedOn: '2025-09-26', handlerId: ids.li }); // due 2025-10-30
  await register('late', { receivedOn: '2025-08-20', handlerId: ids.wang }); // due in September: overdue
  await register('unassigned', { receivedOn: '2025-08-25' }, 'admin'); // overdue, nobody assigned → the agency's handlers
  const w = await register('withdrawn', { receivedOn: '2025-09-05', handlerId: ids.wang, backupHandlerId: ids.li });
  const res = await c.wang!.post(`/api/requests/${w.id}/withdraw`, { lockVersion: w.lockVersion, on: '2025-09-29', reason: '申请人书面撤回' });
  expect(res.statusCode, res.body).toBe(200);
  await register('elsewhere', { agencyId: other.id, receivedOn: '2025-09-05', handlerId: ids.outsider }, 'outsider');
});
afterAll(async () => {
  setNow(undefined);
  await t?.close();
  await smtp?.close();
});

interface Page {
  items: Array<{ id: string; trackingNo: string; dueOn: string | null; overdue: boolean; link?: string }>;
  total: number;
}

describe('reminders job', () => {
  it('notifies handler and backup of what is due soon or overdue — once, however often it runs', async () => {
    expect(await remindDeadlines(t.ctx)).toBe(6); // soon: 王 + 李; late: 王; unassigned: 王 + 李 (handlers); elsewhere: 卫
    expect(await remindDeadlines(t.ctx)).toBe(0);
    const wang = (await c.wang!.get('/api/notifications')).json() as { items: Array<{ title: string; body: string; link: string; kind: string }>; unread: number };
    expect(wang.unread).toBe(3);
    const titles = wang.items.map((n) => n.title).sort();
    expect(titles).toEqual([`已超过答复期限：${req.late!.trackingNo}`, `已超过答复期限：${req.unassigned!.trackingNo}`, `答复期限将至：${req.soon!.trackingNo}`].sort());
    const soon = wang.items.find((n) => n.kind === 'request.reply_due_soon')!;
    expect(soon.body).toContain('答复期限为 2025-10-10，还有 2 个工作日');
    expect(soon.link).toBe(`/requests/${req.soon!.id}`);
    const li = (await c.li!.get('/api/notifications')).json() as { items: Array<{ title: string }> };
    expect(li.items.map((n) => n.title).sort()).toEqual([`答复期限将至：${req.soon!.trackingNo}`, `已超过答复期限：${req.unassigned!.trackingNo}`].sort());
    expect((await c.auditor!.get('/api/notifications')).json()).toMatchObject({ total: 0 });
    expect((await c.admin!.get('/api/notifications')).json()).toMatchObject({ total: 0 }); // handlers exist: not the admin
    const audit = (await t.ctx.db.execute(sql`select entity_id, after from audit_log where action = 'request.remind'`)) as unknown as { rows: Array<{ entity_id: string; after: { kind: string } }> };
    expect(audit.rows.map((r) => r.entity_id).sort()).toEqual([req.soon!.id, req.late!.id, req.unassigned!.id, req.elsewhere!.id].sort());
    expect(JSON.stringify(audit.rows)).not.toContain(NAME);
  });

  it('e-mails them over SMTP: Chinese subject, 受理编号 and due date in the text', async () => {
    const result = await sendOutbox(t.ctx);
    expect(result).toMatchObject({ sent: 5, failed: 0 }); // 卫 has no address
    const toLi = smtp.received.filter((m) => m.to.includes('li@example.gov.cn')).map((m) => parseMail(m.raw));
    expect(toLi).toHaveLength(2);
    const { headers, text } = toLi.find((m) => decodeHeader(m.headers.subject!).startsWith('答复期限将至'))!;
    expect(headers.subject).toMatch(/=\?UTF-8\?[BQ]\?/i); // encoded on the wire (RFC 2047)
    expect(decodeHeader(headers.subject!)).toBe(`答复期限将至：${req.soon!.trackingNo}`);
    expect(headers['content-type']).toMatch(/charset=utf-8/i);
    expect(text).toContain(`受理编号 ${req.soon!.trackingNo}`);
    expect(text).toContain('2025-10-10');
    expect(text).toContain(`/admin/requests/${req.soon!.id}`);
    expect(text).not.toContain(NAME);
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual(['li@example.gov.cn', 'li@example.gov.cn', 'wang@example.gov.cn', 'wang@example.gov.cn', 'wang@example.gov.cn']);
    expect((await sendOutbox(t.ctx)).sent).toBe(0);
  });
});

describe('ledger filters (GET /api/requests)', () => {
  const list = async (q: string, who = 'wang') => {
    const res = await c[who]!.get(`/api/requests?agencyId=${agency.id}&${q}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as Page).items.map((i) => i.trackingNo).sort();
  };

  it('即将到期, 已逾期, by handler (承办人 or B岗), by receipt date', async () => {
    expect(await list('dueSoon=true')).toEqual([req.soon!.trackingNo]);
    expect(await list('overdue=true')).toEqual([req.late!.trackingNo, req.unassigned!.trackingNo].sort());
    expect(await list(`handlerId=${ids.li}`)).toEqual([req.soon!.trackingNo, req.later!.trackingNo, req.withdrawn!.trackingNo].sort());
    expect(await list('receivedFrom=2025-09-01&receivedTo=2025-09-10')).toEqual([req.soon!.trackingNo, req.withdrawn!.trackingNo].sort());
    expect((await c.wang!.get('/api/requests?receivedFrom=2025-13-01')).statusCode).toBe(400);
  });
});

async function readSheet(res: { rawPayload: Buffer }) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('依申请公开台账')!;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

describe('GET /api/requests/ledger.xlsx', () => {
  it('exports the filtered ledger with the inspection’s columns and the applicant for request staff', async () => {
    const res = await c.wang!.get(`/api/requests/ledger.xlsx?agencyId=${agency.id}&dueSoon=true`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('政府信息依申请公开台账-2025-09-30.xlsx');
    const [title, header, ...data] = await readSheet(res);
    expect(title![0]).toContain('导出日期 2025-09-30');
    expect(header).toEqual(['受理编号', '收到日期', '申请方式', '申请人类型', '申请人', '联系电话', '证件号码/统一社会信用代码', '申请内容', '承办人', 'B岗', '状态', '法定期限', '延期（工作日）', '暂停（工作日）', '答复日期', '处理结果', '是否逾期', '送达方式/日期']);
    expect(data).toHaveLength(1);
    const row = Object.fromEntries(header!.map((h, i) => [h, data[0]![i] ?? '']));
    expect(row).toMatchObject({ 受理编号: req.soon!.trackingNo, 收到日期: '2025-09-05', 申请方式: '邮寄（需签收）', 申请人类型: '自然人', 申请人: NAME, 联系电话: '13912345678', '证件号码/统一社会信用代码': ID_NUMBER, 承办人: '王承办', B岗: '李B角', 法定期限: '2025-10-10', 是否逾期: '否' });
  });

  it('whole ledger: overdue and withdrawn rows; no applicant data for an auditor; other agencies 403', async () => {
    const all = await readSheet(await c.wang!.get(`/api/requests/ledger.xlsx?agencyId=${agency.id}`));
    const header = all[1]!;
    const byNo = new Map(all.slice(2).map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))]));
    expect(byNo.size).toBe(5);
    expect(byNo.get(req.unassigned!.trackingNo)).toMatchObject({ 承办人: '', B岗: '', 是否逾期: '是（已超期未答复）' });
    expect(byNo.get(req.late!.trackingNo)).toMatchObject({ 是否逾期: '是（已超期未答复）' });
    expect(byNo.get(req.withdrawn!.trackingNo)).toMatchObject({ 状态: expect.stringContaining('撤回'), 是否逾期: '否' });

    const res = await c.auditor!.get(`/api/requests/ledger.xlsx?agencyId=${agency.id}`);
    expect(res.statusCode).toBe(200);
    const rows = await readSheet(res);
    expect(rows[1]).not.toContain('申请人');
    expect(rows.slice(2)).toHaveLength(5);
    const flat = JSON.stringify(rows);
    expect(flat).not.toContain(NAME);
    expect(flat).not.toContain(ID_NUMBER);
    expect(flat).not.toContain('13912345678');

    expect((await c.outsider!.get(`/api/requests/ledger.xlsx?agencyId=${agency.id}`)).statusCode).toBe(403);
    expect((await c.wang!.get('/api/requests/ledger.xlsx?page=2')).statusCode).toBe(400);
  });
});
