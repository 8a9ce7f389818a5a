/**
 * What the admin console's feedback screens rely on (PGlite, or PostgreSQL with
 * GONGKAI_TEST_DATABASE_URL): the list filtered by kind and item, and the item's detail page
 * showing the answer once given — only when the author consented, never the contact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildPublishedItem, buildUser, testPassword } from '../../../test/factories.ts';
import type { Agency } from '../agencies/index.ts';

let t: TestContext;
let agency: Agency;
let drafter: Client;
let item: { documentId: string };
let otherItem: { documentId: string };
const CONTACT = '13900002222';

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  const u = await buildUser(t.ctx, { agency, roles: ['drafter'] });
  drafter = await login(t.app, u.username, testPassword);
  item = await buildPublishedItem(t.ctx, { agency, createdBy: u.id, title: '关于农村饮水工程的公告' });
  otherItem = await buildPublishedItem(t.ctx, { agency, createdBy: u.id, title: '关于秸秆禁烧的通告' });
});
afterAll(() => t.close());

interface Fb {
  id: string;
  kind: string;
  documentId: string | null;
  lockVersion: number;
}

async function record(body: Record<string, unknown>): Promise<Fb> {
  const res = await drafter.post('/api/feedback', { agencyId: agency.id, source: 'in_person', contact: CONTACT, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const list = async (query: string): Promise<Fb[]> => {
  const res = await drafter.get(`/api/feedback?agencyId=${agency.id}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
};

describe('feedback list filters and the answer on the item page', () => {
  it('filters by kind and by item; refuses a bad kind (400)', async () => {
    const a = await record({ kind: 'message', text: '饮水工程何时完工？', documentId: item.documentId });
    const b = await record({ kind: 'suggestion', text: '建议公布水质检测结果', documentId: item.documentId });
    const d = await record({ kind: 'message', text: '禁烧期间如何处理秸秆？', documentId: otherItem.documentId });
    expect((await list(`&documentId=${item.documentId}`)).map((f) => f.id).sort()).toEqual([a.id, b.id].sort());
    expect((await list('&kind=message')).map((f) => f.id).sort()).toEqual([a.id, d.id].sort());
    expect((await list(`&kind=suggestion&documentId=${otherItem.documentId}`))).toEqual([]);
    const bad = await drafter.get(`/api/feedback?agencyId=${agency.id}&kind=spam`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('类型取值不正确');
  });

  it('shows the answer on the item page when the author consented, not otherwise', async () => {
    const shown = await record({ kind: 'message', text: '请问饮水管网覆盖哪些村组？', documentId: item.documentId, consentToPublish: true });
    const hidden = await record({ kind: 'message', text: '不愿公开的提问内容', documentId: item.documentId, consentToPublish: false });
    for (const f of [shown, hidden]) {
      const res = await drafter.post(`/api/feedback/${f.id}/answer`, { lockVersion: f.lockVersion, answer: `答复：${f.id.slice(0, 8)} 已覆盖全部村组` });
      expect(res.statusCode, res.body).toBe(200);
    }
    const page = await t.app.inject({ method: 'GET', url: `/info/${item.documentId}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="answered-title"');
    expect(page.body).toContain('请问饮水管网覆盖哪些村组？');
    expect(page.body).toContain(`答复：${shown.id.slice(0, 8)} 已覆盖全部村组`);
    expect(page.body).not.toContain('不愿公开的提问内容');
    expect(page.body).not.toContain(CONTACT);
    // The other item has no answered feedback: no section.
    const other = await t.app.inject({ method: 'GET', url: `/info/${otherItem.documentId}` });
    expect(other.body).not.toContain('id="answered-title"');
  });
});
