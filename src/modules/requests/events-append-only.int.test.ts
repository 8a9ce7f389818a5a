/**
 * request_events is the legal record the due date is derived from: the database itself refuses to
 * change or delete it (migration 0011), like the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, login, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildUser, testPassword } from '../../../test/factories.ts';

let t: TestContext;
let requestId: string;

beforeAll(async () => {
  t = await createTestContext();
  const agency = await buildAgency(t.ctx);
  const handler = await buildUser(t.ctx, { agency, roles: ['handler'] });
  const client = await login(t.app, handler.username, testPassword);
  const res = await client.post('/api/requests', {
    agencyId: agency.id,
    channel: 'in_person',
    receivedOn: '2025-09-26',
    applicantKind: 'person',
    name: '测试申请人',
    idType: 'resident_id',
    idNumber: '11010519491231002X',
    phone: '13912345678',
    address: '某县某镇某村1号',
    description: '2025年本乡低保资金发放明细',
    provisionForm: 'paper',
    delivery: 'mail',
  });
  expect(res.statusCode).toBe(201);
  requestId = (res.json() as { request: { id: string } }).request.id;
});
afterAll(() => t.close());

/** The database's own message (drizzle wraps it as the error's cause). */
async function refusal(query: ReturnType<typeof sql>): Promise<string> {
  try {
    await t.ctx.db.execute(query);
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause;
    return cause?.message ?? (err as Error).message;
  }
  return 'accepted';
}

async function eventCount(): Promise<number> {
  const result = (await t.ctx.db.execute(sql`select count(*)::int as n from request_events where request_id = ${requestId}`)) as unknown as { rows: Array<{ n: number }> };
  return result.rows[0]!.n;
}

describe('request_events', () => {
  it('refuses UPDATE, DELETE and TRUNCATE at the database level', async () => {
    const before = await eventCount();
    expect(before).toBeGreaterThan(0);
    expect(await refusal(sql`update request_events set kind = kind where request_id = ${requestId}`)).toMatch(/append-only/);
    expect(await refusal(sql`delete from request_events where request_id = ${requestId}`)).toMatch(/append-only/);
    expect(await refusal(sql`truncate request_events cascade`)).toMatch(/append-only/);
    expect(await eventCount()).toBe(before);
  });
});
