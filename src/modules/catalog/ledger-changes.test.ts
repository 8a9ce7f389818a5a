/** Corrections as 变更 events and the 政策解读 obligation, on the working-day calendar (pure). */
import { describe, expect, it } from 'vitest';
import { computeLedger, entryStatusName, interpretationEntries, pairCorrections, type LedgerDocument, type LedgerItem } from './ledger.ts';
import type { TimeRule } from './time-rule.ts';

const china = (s: string) => new Date(`${s}+08:00`);
const wd20: TimeRule = { kind: 'event', unit: 'workingDays', limit: 20 };
const item = (rule: TimeRule): LedgerItem => ({ id: 'i1', areaId: 'a1', areaName: '机构与政务公开工作', level1: '政策文件', level2: '规章和规范性文件', rule, mode: 'proactive' });
const doc = (over: Partial<LedgerDocument>): LedgerDocument => ({
  catalogItemId: 'i1',
  documentId: 'd1',
  title: '某某管理办法',
  writtenOn: '2025-09-01',
  createdAt: china('2025-09-01T09:00:00'),
  firstPublishedAt: china('2025-09-02T09:00:00'),
  ...over,
});

describe('pairCorrections', () => {
  it('pairs each start with the first later version; a version without a start is formed when published', () => {
    const s1 = china('2025-09-26T10:00:00');
    const v1 = china('2025-10-31T10:00:00');
    const direct = china('2025-11-05T10:00:00');
    const pending = china('2025-11-20T10:00:00');
    expect(pairCorrections([pending, s1], [direct, v1])).toEqual([
      { startedAt: s1, publishedAt: v1 },
      { startedAt: direct, publishedAt: direct },
      { startedAt: pending, publishedAt: null },
    ]);
  });
});

describe('corrections in the ledger (条例第26条 "变更之日起")', () => {
  const run = (corrections: LedgerDocument['corrections'], now: string) =>
    computeLedger([item(wd20)], [doc({ corrections })], { year: 2025, now: china(now) }).rows[0]!.entries.filter((e) => e.kind === 'correction');

  it('a correction started 2025-09-26 is due 2025-10-30 over 国庆: on time that day, late the next', () => {
    const started = china('2025-09-26T15:00:00');
    expect(run([{ startedAt: started, publishedAt: china('2025-10-30T18:00:00') }], '2025-12-01T00:00:00')).toMatchObject([{ from: '2025-09-26', dueDate: '2025-10-30', status: 'on_time' }]);
    expect(run([{ startedAt: started, publishedAt: china('2025-10-31T09:00:00') }], '2025-12-01T00:00:00')).toMatchObject([{ status: 'late' }]);
  });

  it('a pending correction is due with working days left, then overdue', () => {
    const started = china('2025-09-26T15:00:00');
    const [due] = run([{ startedAt: started, publishedAt: null }], '2025-10-09T10:00:00');
    expect(due).toMatchObject({ status: 'due', dueDate: '2025-10-30' });
    expect(due!.workingDaysLeft).toBeGreaterThan(0);
    expect(run([{ startedAt: started, publishedAt: null }], '2025-10-31T10:00:00')).toMatchObject([{ status: 'overdue' }]);
  });

  it('counts in the rate: one on-time publication and one late correction make 50%', () => {
    const ledger = computeLedger([item(wd20)], [doc({ corrections: [{ startedAt: china('2025-09-26T15:00:00'), publishedAt: china('2025-11-03T09:00:00') }] })], { year: 2025, now: china('2025-12-01T00:00:00') });
    expect(ledger.total.counts).toMatchObject({ onTime: 1, late: 1 });
    expect(ledger.areas[0]!.onTimeRate).toBe(0.5);
  });

  it('periodic items do not turn corrections into new obligations', () => {
    const ledger = computeLedger([item({ kind: 'periodic', period: 'yearly', dueMonth: 1, dueDay: 31 })], [doc({ corrections: [{ startedAt: china('2025-09-26T15:00:00'), publishedAt: null }] })], { year: 2025, now: china('2025-12-01T00:00:00') });
    expect(ledger.rows[0]!.entries.some((e) => e.kind === 'correction')).toBe(false);
  });
});

describe('政策解读 in the ledger', () => {
  // Published Tue 2025-09-30; 国庆 2025-10-01..08 rests, 10-11 (Sat) is a make-up working day:
  // 5 working days → 10-09, 10-10, 10-11, 10-13, 10-14.
  const policy = (firstInterpretedAt: Date | null) => doc({ writtenOn: '2025-09-15', firstPublishedAt: china('2025-09-30T10:00:00'), isPolicy: true, firstInterpretedAt });

  it('is due 5 working days after the policy, counted on the calendar', () => {
    expect(interpretationEntries([policy(china('2025-10-14T17:00:00'))], 2025, 5, china('2025-12-01T00:00:00'))).toMatchObject([{ kind: 'interpretation', from: '2025-09-30', dueDate: '2025-10-14', status: 'on_time' }]);
    expect(interpretationEntries([policy(china('2025-10-15T09:00:00'))], 2025, 5, china('2025-12-01T00:00:00'))).toMatchObject([{ status: 'late' }]);
  });

  it('missing after the deadline is 解读缺失; before it, due', () => {
    const [missing] = interpretationEntries([policy(null)], 2025, 5, china('2025-10-15T09:00:00'));
    expect(missing!.status).toBe('overdue');
    expect(entryStatusName(missing!)).toBe('解读缺失（已逾期）');
    const [due] = interpretationEntries([policy(null)], 2025, 5, china('2025-10-09T09:00:00'));
    expect(due).toMatchObject({ status: 'due', workingDaysLeft: 4 });
  });

  it('a shorter agency limit (3 working days) moves the due date', () => {
    expect(interpretationEntries([policy(null)], 2025, 3, china('2025-12-01T00:00:00'))[0]!.dueDate).toBe('2025-10-11');
  });

  it('non-policies and withdrawn policies owe nothing; the ledger row shows the entry', () => {
    expect(interpretationEntries([doc({})], 2025, 5, china('2025-12-01T00:00:00'))).toEqual([]);
    expect(interpretationEntries([{ ...policy(null), closed: true }], 2025, 5, china('2025-12-01T00:00:00'))).toEqual([]);
    const row = computeLedger([item(wd20)], [policy(null)], { year: 2025, now: china('2025-12-01T00:00:00') }).rows[0]!;
    expect(row.entries.map((e) => [e.kind, e.status])).toEqual([
      ['publication', 'on_time'],
      ['interpretation', 'overdue'],
    ]);
    expect(row.status).toBe('overdue');
  });
});
