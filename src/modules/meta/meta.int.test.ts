/**
 * GET /api/meta (the console's label tables, served from the modules' own tables) and
 * GET /api/agency-settings (机构设置: the per-agency switches read in one answer, each changed
 * through its module's PUT) on a fresh database (PGlite, or PostgreSQL with GONGKAI_TEST_DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/support/context.ts';
import { buildAgency } from '../../../test/factories.ts';
import { createStaff, type StaffSpec } from '../../../test/support/staff.ts';
import type { Agency } from '../agencies/index.ts';
import { agencyRoles, globalRoles, roleNames } from '../accounts/index.ts';
import { actionNames, channelInfo, deliveryNames, eventNames, idTypeNames, orgKindNames, outcomeInfo, provisionFormNames, replyOutcomes, stateNames } from '../requests/index.ts';
import { dutyKindNames } from '../staffing/index.ts';
import { disclosureGroundNames, disclosureNames, docTypeNames, statusNames, validityNames } from '../publishing/index.ts';
import { channelNames, entryStatusNames } from '../catalog/index.ts';
import { verifyAuditLog } from '../audit/index.ts';

let t: TestContext;
let agency: Agency;
let other: Agency;
const c: Record<string, Client> = {};

beforeAll(async () => {
  t = await createTestContext();
  agency = await buildAgency(t.ctx);
  other = await buildAgency(t.ctx);
  const users: StaffSpec = {
    admin: { agency, roles: ['admin'] },
    drafter: { agency, roles: ['drafter'] },
    sysadmin: { globalRole: 'sysadmin' },
    outsider: { agency: other, roles: ['admin'] },
  };
  await createStaff(t, users, { clients: c });
});
afterAll(() => t.close());

describe('GET /api/meta', () => {
  it('refuses anonymous callers (401)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/meta' });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('请先登录');
  });

  it('serves the server tables unchanged, in their order', async () => {
    const res = await c.drafter!.get('/api/meta');
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m.accounts).toEqual({ roles: roleNames, agencyRoles: [...agencyRoles], globalRoles: [...globalRoles] });
    expect(m.publishing).toEqual({ documentStatuses: statusNames, disclosures: disclosureNames, disclosureGrounds: disclosureGroundNames, docTypes: docTypeNames, validities: validityNames });
    expect(m.requests.states).toEqual(stateNames);
    expect(Object.keys(m.requests.states)).toEqual(['registered', 'reviewing', 'correction_pending', 'handling', 'approving', 'replied', 'delivered', 'archived', 'withdrawn', 'deemed_withdrawn']);
    expect(m.requests.actions).toEqual(actionNames);
    expect(m.requests.channels).toEqual(channelInfo);
    expect(m.requests.idTypes).toEqual(idTypeNames);
    expect(m.requests.orgKinds).toEqual(orgKindNames);
    expect(m.requests.provisionForms).toEqual(provisionFormNames);
    expect(m.requests.deliveries).toEqual(deliveryNames);
    expect(m.requests.outcomes).toEqual(outcomeInfo);
    expect(m.requests.replyOutcomes).toEqual([...replyOutcomes]);
    expect(m.requests.replyOutcomes).not.toContain('other_no_correction');
    expect(m.requests.eventKinds).toEqual(eventNames);
    expect(m.staffing).toEqual({ dutyKinds: dutyKindNames });
    expect(m.catalog).toEqual({ channels: channelNames, entryStatuses: entryStatusNames });
    expect(m.accounts.roles.approver).toBe('依申请公开审批人');
  });

  it('is private, revalidated by ETag (304 on a match, 200 otherwise)', async () => {
    const first = await c.admin!.get('/api/meta');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await c.admin!.request('GET', '/api/meta', undefined, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const weak = await c.admin!.request('GET', '/api/meta', undefined, { 'if-none-match': `"other", W/${etag}` });
    expect(weak.statusCode).toBe(304);
    const stale = await c.admin!.request('GET', '/api/meta', undefined, { 'if-none-match': '"stale"' });
    expect(stale.statusCode).toBe(200);
    expect(stale.json().requests.states.approving).toBe('审批中');
  });
});

describe('GET /api/agency-settings (机构设置)', () => {
  const url = () => `/api/agency-settings?agencyId=${agency.id}`;

  it('answers the defaults of a new agency', async () => {
    const res = await c.admin!.get(url());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      agencyId: agency.id,
      canEdit: true,
      approvalRequired: false,
      requireTraining: false,
      sweepIntervalDays: 1,
      sweepIsDefault: true,
      feedbackAnswerWorkingDays: 5,
      feedbackBannedWords: [],
    });
  });

  it('reflects each switch changed through its own module (audited)', async () => {
    expect((await c.admin!.request('PUT', '/api/requests/settings', { agencyId: agency.id, approvalRequired: true })).statusCode).toBe(200);
    expect((await c.admin!.request('PUT', '/api/training/settings', { agencyId: agency.id, requireTraining: true })).statusCode).toBe(200);
    expect((await c.admin!.request('PUT', '/api/privacy/sweep-schedule', { agencyId: agency.id, intervalDays: 7 })).statusCode).toBe(200);
    expect((await c.admin!.request('PUT', '/api/feedback/settings', { agencyId: agency.id, answerWorkingDays: 10, bannedWords: ['代开发票'] })).statusCode).toBe(200);
    const res = await c.drafter!.get(url());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      agencyId: agency.id,
      canEdit: false,
      approvalRequired: true,
      requireTraining: true,
      sweepIntervalDays: 7,
      sweepIsDefault: false,
      feedbackAnswerWorkingDays: 10,
      feedbackBannedWords: ['代开发票'],
    });
    expect((await verifyAuditLog(t.ctx.db)).ok).toBe(true);
  });

  it('lets a sysadmin edit any agency; a drafter may read but not change', async () => {
    const sys = await c.sysadmin!.get(`/api/agency-settings?agencyId=${other.id}`);
    expect(sys.statusCode).toBe(200);
    expect(sys.json().canEdit).toBe(true);
    const put = await c.sysadmin!.request('PUT', '/api/requests/settings', { agencyId: other.id, approvalRequired: true });
    expect(put.statusCode).toBe(200);
    expect((await c.sysadmin!.get(`/api/agency-settings?agencyId=${other.id}`)).json().approvalRequired).toBe(true);
    const refused = await c.drafter!.request('PUT', '/api/requests/settings', { agencyId: agency.id, approvalRequired: false });
    expect(refused.statusCode).toBe(403);
    expect((await c.admin!.get(url())).json().approvalRequired).toBe(true);
  });

  it('hides other agencies (404), refuses anonymous (401) and a bad id (400)', async () => {
    const outsider = await c.outsider!.get(url());
    expect(outsider.statusCode).toBe(404);
    expect(outsider.json().message).toMatch(/单位/);
    expect((await t.app.inject({ method: 'GET', url: url() })).statusCode).toBe(401);
    const bad = await c.admin!.get('/api/agency-settings?agencyId=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/[\u4e00-\u9fff]/);
  });
});
