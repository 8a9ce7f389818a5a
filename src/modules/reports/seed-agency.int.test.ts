/**
 * The acceptance case of issue 5: 巫山县曲尺乡人民政府's 2025 entered through the system — 61
 * proactive items published in 2025, 21 行政处罚, one request from a natural person, granted —
 * produces tables equal, cell by cell, to the seed report's own (read from the seed file with the
 * report reader), and a first draft that quotes the 61 items and the one request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildPublishedItem, buildUser, testPassword } from '../../../test/factories.ts';
import type { Agency } from '../agencies/index.ts';
import { SEED_PATH } from './fixtures/render.ts';
import { readReportFile } from './index.ts';

let t: TestContext;
let agency: Agency;
const c: Record<string, Client> = {};
const base = () => `/api/reports/${agency.id}/2025`;

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx, { name: '巫山县曲尺乡人民政府' });
  const admin = await buildUser(t.ctx, { agency, roles: ['admin'] });
  const handler = await buildUser(t.ctx, { agency, roles: ['handler'] });
  c.admin = await login(t.app, admin.username, testPassword);
  c.handler = await login(t.app, handler.username, testPassword);

  // 61 items over the year, plus one on the last day of 2024 and one on the first of 2026 that
  // must not count.
  for (let i = 0; i < 61; i++) {
    const month = (i % 12) + 1;
    const day = (i % 27) + 1;
    await buildPublishedItem(t.ctx, { agency, title: `曲尺乡2025年公开信息第${i + 1}条`, publishedAt: new Date(Date.UTC(2025, month - 1, day, 2)) });
  }
  await buildPublishedItem(t.ctx, { agency, title: '2024年末信息', publishedAt: new Date('2024-12-31T08:00:00+08:00') });
  await buildPublishedItem(t.ctx, { agency, title: '2026年初信息', publishedAt: new Date('2026-01-01T08:00:00+08:00') });

  const res = await c.handler.post('/api/requests', {
    agencyId: agency.id,
    channel: 'in_person',
    receivedOn: '2025-05-06',
    applicantKind: 'person',
    name: '张某',
    idType: 'resident_id',
    idNumber: '11010519491231002X',
    phone: '13912345678',
    address: '巫山县曲尺乡某村1号',
    description: '某项政府信息',
    provisionForm: 'paper',
    delivery: 'mail',
  });
  expect(res.statusCode, res.body).toBe(201);
  const r = res.json() as { request: { id: string; lockVersion: number } };
  const reply = await c.handler.post(`/api/requests/${r.request.id}/reply`, { lockVersion: r.request.lockVersion, on: '2025-05-20', outcome: 'granted' });
  expect(reply.statusCode, reply.body).toBe(200);
  const f = await c.admin.request('PUT', `${base()}/figures`, { licensing: 0, penalties: 21, enforcement: 0, feesWan: 0 });
  expect(f.statusCode, f.body).toBe(200);
}, 120_000);
afterAll(() => t.close());

interface View {
  numbers: { section2: unknown; section3: { rows: Record<string, number[]> }; section4: unknown; consistent: boolean };
  narrative: { overview: string; stored: boolean };
}

describe('the seed agency’s 2025 entered through the system', () => {
  it('gives tables equal, cell by cell, to the seed report', async () => {
    const seed = await readReportFile(SEED_PATH);
    const res = await c.admin!.get(base());
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as View;
    expect(view.numbers.section2).toEqual(seed.numbers.section2);
    expect(view.numbers.section3.rows).toEqual(seed.numbers.section3.rows);
    expect(view.numbers.section4).toEqual(seed.numbers.section4);
    expect(view.numbers.consistent).toBe(true);
  });

  it('drafts the narrative from the data: 61 items and the one request', async () => {
    const view = (await c.admin!.get(base())).json() as View;
    expect(view.narrative.stored).toBe(false);
    expect(view.narrative.overview).toContain('全年累计主动公开政府信息61条');
    expect(view.narrative.overview).toContain('共收到政府信息公开申请1件');
    expect(view.narrative.overview).toContain('予以公开1件');
  });
});
