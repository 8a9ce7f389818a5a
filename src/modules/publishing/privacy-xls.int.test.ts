/**
 * A legacy XLS attachment through HTTP (PGlite, or PostgreSQL with GONGKAI_TEST_DATABASE_URL):
 * accepted by content, scanned at the 隐私信息专项审查 step with sheet and cell, and since an
 * XLS cannot be masked in place, both the mask action and the gate tell the reviewer to save
 * it as XLSX and upload it again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency } from '../../../test/factories.ts';
import { createStaff, type StaffSpec } from '../../../test/support/staff.ts';
import { listColumns, type Agency, type Column } from '../agencies/index.ts';
import { id, mobile } from '../privacy/testing/files.ts';
import { buildXls } from '../privacy/testing/xls-writer.ts';

let t: TestContext;
let agency: Agency;
let columns: Column[];
const c: Record<string, Client> = {};

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  columns = await listColumns(t.ctx.db, agency.id);
  const users: StaffSpec = {
    drafter: { agency, roles: ['drafter'] },
    first: { agency, roles: ['reviewer'], steps: ['first'] },
    privacy: { agency, roles: ['reviewer'], steps: ['privacy'] },
  };
  await createStaff(t, users, { clients: c });
});
afterAll(() => t.close());

async function lock(docId: string): Promise<number> {
  return (await c.drafter!.get(`/api/documents/${docId}`)).json().document.lockVersion;
}

describe('an XLS attachment at the privacy step', () => {
  it('is scanned by sheet and cell; masking is refused with 另存为 XLSX, and so is approval', async () => {
    const leaf = columns.find((x) => x.slug === 'shjz') ?? columns[0]!;
    const res = await c.drafter!.post('/api/documents', { agencyId: agency.id, title: '补助对象公示', columnId: leaf.id, disclosure: 'proactive', bodyHtml: '<p>见附件。</p>' });
    expect(res.statusCode, res.body).toBe(201);
    const docId = res.json().document.id as string;
    const xls = buildXls([
      { name: '公示名单', rows: [['姓名', '身份证号', '联系电话'], ['张三', id, mobile]] },
      { name: '原始数据', hidden: true, rows: [['户主', '银行卡号'], ['王五', '6222021234567890128']] },
    ]);
    const boundary = '----gk';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="名单.xls"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      xls,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await c.drafter!.request('POST', `/api/documents/${docId}/attachments?lockVersion=${await lock(docId)}`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(up.statusCode, up.body).toBe(201);
    expect((await c.drafter!.post(`/api/documents/${docId}/submit`, { lockVersion: await lock(docId) })).statusCode).toBe(200);
    const first = await c.first!.post(`/api/documents/${docId}/approve`, { lockVersion: await lock(docId), checklist: ['文字', '数据', '格式', '政治把关', '时效'] });
    expect(first.statusCode, first.body).toBe(200);

    const view = (await c.privacy!.get(`/api/documents/${docId}/privacy`)).json();
    const where = (type: string) => view.findings.find((f: { type: string }) => f.type === type)?.location;
    expect(where('idCard')).toEqual({ sheet: '公示名单', cell: 'B2' });
    expect(where('mobile')).toEqual({ sheet: '公示名单', cell: 'C2' });
    expect(where('bankCard')).toEqual({ sheet: '原始数据', cell: 'B2' });
    expect(JSON.stringify(view)).not.toContain(id);

    const attId = (await c.drafter!.get(`/api/documents/${docId}`)).json().attachments[0].id;
    const mask = await c.privacy!.post(`/api/documents/${docId}/privacy/mask-attachment/${attId}`, { lockVersion: await lock(docId) });
    expect(mask.statusCode).toBe(422);
    expect(mask.json()).toMatchObject({ code: 'PRIVACY_XLS_NOT_MASKABLE', message: expect.stringContaining('请将文件另存为 XLSX 后重新上传') });

    const approve = await c.privacy!.post(`/api/documents/${docId}/approve`, { lockVersion: await lock(docId), checklist: ['身份证号', '联系电话', '家庭住址', '银行账户', '其他个人信息'] });
    expect(approve.statusCode).toBe(422);
    expect(approve.json()).toMatchObject({ code: 'PRIVACY_FINDINGS_UNRESOLVED', message: expect.stringContaining('附件「名单.xls」为旧版 Excel（XLS）格式，无法自动脱敏，请将文件另存为 XLSX 后重新上传') });
  });
});
