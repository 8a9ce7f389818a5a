import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, login, type TestContext } from '../../../test/support/context.ts';
import { buildAgency, buildUser, testPassword } from '../../../test/factories.ts';
import { listAuditRows, verifyAuditLog } from '../audit/index.ts';
import { addWorkingDays, explainDeadline, loadCalendar } from './index.ts';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const year2027 = {
  year: 2027,
  notice: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
  days: [
    { date: '2027-01-01', working: false, name: '元旦' },
    { date: '2027-01-02', working: false, name: '元旦' },
    { date: '2027-01-03', working: false, name: '元旦' },
    { date: '2027-02-06', working: false, name: '春节' },
    { date: '2027-02-07', working: false, name: '春节' },
    { date: '2027-02-08', working: false, name: '春节' },
    { date: '2027-02-09', working: false, name: '春节' },
    { date: '2027-02-10', working: false, name: '春节' },
    { date: '2027-02-11', working: false, name: '春节' },
    { date: '2027-02-12', working: false, name: '春节' },
    { date: '2027-02-13', working: false, name: '春节' },
    { date: '2027-02-20', working: true, name: '春节调休上班' },
  ],
};

describe('calendar routes', () => {
  it('lists the shipped years to any signed-in user, nothing without a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar/years' })).statusCode).toBe(401);
    const agency = await buildAgency(t.ctx);
    const drafter = await buildUser(t.ctx, { agency, roles: ['drafter'] });
    const d = await login(t.app, drafter.username, testPassword);
    const res = await d.get('/api/calendar/years');
    expect(res.statusCode).toBe(200);
    const years = res.json().years as Array<{ year: number; source: string; notice: string }>;
    expect(years.filter((y) => y.source === 'shipped').map((y) => y.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(years.find((y) => y.year === 2025)!.notice).toContain('国办发明电〔2024〕12号');
    const y2025 = await d.get('/api/calendar/2025');
    expect(y2025.statusCode).toBe(200);
    expect(y2025.json()).toMatchObject({ year: 2025, known: true, source: 'shipped', workingDays: 248, unknownYears: [] });
    expect(y2025.json().days).toHaveLength(365);
    expect((await d.get('/api/calendar/abc')).statusCode).toBe(400);
  });

  it('forbids an agency admin to add a year (403) and changes nothing', async () => {
    const agency = await buildAgency(t.ctx);
    const admin = await buildUser(t.ctx, { agency, roles: ['admin'] });
    const a = await login(t.app, admin.username, testPassword);
    const res = await a.post('/api/calendar/years', year2027);
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('平台管理员');
    expect((await a.get('/api/calendar/2027')).json()).toMatchObject({ known: false, unknownYears: [2027] });
  });

  it('refuses bad data with 400 naming the problem, and a known year with 409', async () => {
    const sys = await buildUser(t.ctx, { globalRole: 'sysadmin' });
    const s = await login(t.app, sys.username, testPassword);

    const weekdayMakeUp = await s.post('/api/calendar/years', { ...year2027, days: [...year2027.days, { date: '2027-02-17', working: true, name: '春节调休上班' }] });
    expect(weekdayMakeUp.statusCode).toBe(400);
    expect(weekdayMakeUp.json().message).toContain('2027-02-17 是周三，调休上班日应为周六或周日');
    expect(weekdayMakeUp.json().details.fields).toHaveProperty('days.12.working');

    const dup = await s.post('/api/calendar/years', { ...year2027, days: [...year2027.days, { date: '2027-01-01', working: false, name: '元旦' }] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().message).toContain('2027-01-01 重复');

    const outside = await s.post('/api/calendar/years', { ...year2027, days: [...year2027.days, { date: '2028-05-01', working: false, name: '劳动节' }] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().message).toContain('不属于 2027 年');

    const unnamed = await s.post('/api/calendar/years', { ...year2027, days: [...year2027.days, { date: '2027-04-05', working: false }] });
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().details.fields['days.12.name']).toContain('须注明节日名称');

    const shape = await s.post('/api/calendar/years', { year: '2027', notice: '', days: [{ date: '2027/01/01', working: 'no' }] });
    expect(shape.statusCode).toBe(400);
    expect(Object.keys(shape.json().details.fields)).toEqual(expect.arrayContaining(['year', 'notice', 'days.0.date', 'days.0.working']));

    const shipped = await s.post('/api/calendar/years', { ...year2027, year: 2025, days: [{ date: '2025-01-01', working: false, name: '元旦' }] });
    expect(shipped.statusCode).toBe(409);
    expect(shipped.json().message).toContain('2025 年放假安排已随系统提供');

    expect((await s.get('/api/calendar/2027')).json().known).toBe(false);
  });

  it('lets a sysadmin add 2027, audited in the same transaction, and every computation then uses it', async () => {
    const sys = await buildUser(t.ctx, { globalRole: 'sysadmin' });
    const s = await login(t.app, sys.username, testPassword);

    const before = await loadCalendar(t.ctx.db);
    expect(addWorkingDays('2026-12-31', 1, before)).toEqual({ date: '2027-01-01', unknownYears: [2027] });

    const res = await s.post('/api/calendar/years', year2027);
    expect(res.statusCode).toBe(201);
    expect(res.json().year).toMatchObject({ year: 2027, source: 'admin', offDays: 11, makeUpDays: 1, createdBy: sys.id });

    const again = await s.post('/api/calendar/years', year2027);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('2027 年放假安排已录入');

    const list = (await s.get('/api/calendar/years')).json().years as Array<{ year: number; source: string }>;
    expect(list.at(-1)).toMatchObject({ year: 2027, source: 'admin' });

    const detail = (await s.get('/api/calendar/2027')).json();
    expect(detail).toMatchObject({ year: 2027, known: true, source: 'admin', unknownYears: [] });
    expect(detail.days).toHaveLength(365);
    expect(detail.days[0]).toEqual({ date: '2027-01-01', working: false, name: '元旦' });
    expect(detail.days.find((d: { date: string }) => d.date === '2027-02-20')).toEqual({ date: '2027-02-20', working: true, name: '春节调休上班' });

    const after = await loadCalendar(t.ctx.db);
    expect(addWorkingDays('2026-12-31', 1, after)).toEqual({ date: '2027-01-04', unknownYears: [] });
    const e = explainDeadline('2027-02-01', 20, after);
    expect(e.warnings).toEqual([]);
    expect(e.text).toContain('跳过 02-06 至 02-13 春节');

    const audit = await listAuditRows(t.ctx.db, { agencyIds: 'all', entityType: 'calendarYear', entityId: '2027', limit: 10 });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'calendar.addYear', actorId: sys.id, agencyId: null });
    expect((audit[0]!.after as { days: unknown[] }).days).toHaveLength(12);
    expect((await verifyAuditLog(t.ctx.db)).ok).toBe(true);
  });

  it('accepts one of two simultaneous entries of the same year and refuses the other with 409', async () => {
    const sys = await buildUser(t.ctx, { globalRole: 'sysadmin' });
    const s = await login(t.app, sys.username, testPassword);
    const y2028 = { year: 2028, notice: '国务院办公厅关于2028年部分节假日安排的通知（测试数据）', days: [{ date: '2028-01-01', working: false, name: '元旦' }] };
    const codes = (await Promise.all([s.post('/api/calendar/years', y2028), s.post('/api/calendar/years', y2028)])).map((r) => r.statusCode);
    expect(codes.sort()).toEqual([201, 409]);
    expect(await listAuditRows(t.ctx.db, { agencyIds: 'all', entityType: 'calendarYear', entityId: '2028', limit: 10 })).toHaveLength(1);
  });
});
