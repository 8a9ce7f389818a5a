import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkTimeRule, formatTimeRule, normalizeTimeRule, parseTimeRule, type TimeRule } from './time-rule.ts';
import { formatChannels, parseChannels, channelKeys } from './channels.ts';

describe('parseTimeRule', () => {
  it.each<[string, TimeRule | null]>([
    ['信息形成或者变更之日起20个工作日内', { kind: 'event', unit: 'workingDays', limit: 20 }],
    ['自作出行政决定之日起7个工作日内公示', { kind: 'event', unit: 'workingDays', limit: 7 }],
    ['２０个工作日', { kind: 'event', unit: 'workingDays', limit: 20 }],
    ['24小时内', { kind: 'event', unit: 'hours', limit: 24 }],
    ['', { kind: 'event', unit: 'workingDays', limit: 20 }],
    ['每月公开，次月10日前', { kind: 'periodic', period: 'monthly', dueDay: 10 }],
    ['每季度公开，季度结束后次月15日前', { kind: 'periodic', period: 'quarterly', dueDay: 15 }],
    ['每年公开，次年1月31日前', { kind: 'periodic', period: 'yearly', dueMonth: 1, dueDay: 31 }],
    ['及时公开', null],
    ['每月', null],
    // 公示期: calendar days unless the wording says 工作日; the clause's number is not the limit.
    ['7个工作日内公示，公示期不少于5个工作日', { kind: 'event', unit: 'workingDays', limit: 7, noticeDays: 5, noticeUnit: 'workingDays' }],
    ['公示期7天', { kind: 'event', unit: 'workingDays', limit: 20, noticeDays: 7 }],
    ['信息形成或者变更之日起20个工作日内，公示期不少于7天', { kind: 'event', unit: 'workingDays', limit: 20, noticeDays: 7 }],
    ['24小时内公示，公示期为３日', { kind: 'event', unit: 'hours', limit: 24, noticeDays: 3 }],
    ['公示期不少于5个工作日', { kind: 'event', unit: 'workingDays', limit: 20, noticeDays: 5, noticeUnit: 'workingDays' }],
    ['每月公示，公示期7天', null],
  ])('%s', (text, rule) => {
    expect(parseTimeRule(text)).toEqual(rule);
  });

  it('reads back what it formats', () => {
    const rule = fc.oneof(
      fc.record({ kind: fc.constant('event' as const), unit: fc.constantFrom('workingDays' as const, 'hours' as const), limit: fc.integer({ min: 1, max: 60 }) }),
      fc.record({ kind: fc.constant('event' as const), unit: fc.constantFrom('workingDays' as const, 'hours' as const), limit: fc.integer({ min: 1, max: 60 }), noticeDays: fc.integer({ min: 1, max: 365 }) }),
      fc.record({ kind: fc.constant('event' as const), unit: fc.constantFrom('workingDays' as const, 'hours' as const), limit: fc.integer({ min: 1, max: 60 }), noticeDays: fc.integer({ min: 1, max: 250 }), noticeUnit: fc.constant('workingDays' as const) }),
      fc.record({ kind: fc.constant('periodic' as const), period: fc.constantFrom('monthly' as const, 'quarterly' as const), dueDay: fc.integer({ min: 1, max: 31 }) }),
      fc.record({ kind: fc.constant('periodic' as const), period: fc.constant('yearly' as const), dueMonth: fc.integer({ min: 1, max: 12 }), dueDay: fc.integer({ min: 1, max: 31 }) }),
    );
    fc.assert(
      fc.property(rule, (r) => {
        expect(parseTimeRule(formatTimeRule(r))).toEqual(r);
      }),
    );
  });

  it('formats the 公示期 both ways', () => {
    expect(formatTimeRule({ kind: 'event', unit: 'workingDays', limit: 7, noticeDays: 5, noticeUnit: 'workingDays' })).toBe('信息形成或者变更之日起7个工作日内，公示期不少于5个工作日');
    expect(formatTimeRule({ kind: 'event', unit: 'workingDays', limit: 7, noticeDays: 7 })).toBe('信息形成或者变更之日起7个工作日内，公示期不少于7天');
  });
});

describe('checkTimeRule / normalizeTimeRule (公示期)', () => {
  it('bounds the 公示期 and stores calendar days without a unit', () => {
    expect(checkTimeRule({ kind: 'event', unit: 'workingDays', limit: 7, noticeDays: 0 })).toBe('公示期须为正整数');
    expect(checkTimeRule({ kind: 'event', unit: 'workingDays', limit: 7, noticeDays: 251, noticeUnit: 'workingDays' })).toMatch(/不能超过 250/);
    expect(checkTimeRule({ kind: 'event', unit: 'workingDays', limit: 7, noticeUnit: 'workingDays' })).toBe('设置了公示期单位但未填写公示期');
    expect(checkTimeRule({ kind: 'event', unit: 'workingDays', limit: 7, noticeDays: 30 })).toBeNull();
    expect(normalizeTimeRule({ kind: 'event', unit: 'workingDays', limit: 7, noticeDays: 7, noticeUnit: 'days' })).toEqual({ kind: 'event', unit: 'workingDays', limit: 7, noticeDays: 7 });
    expect(normalizeTimeRule({ kind: 'event', unit: 'workingDays', limit: 7, noticeUnit: 'days' })).toEqual({ kind: 'event', unit: 'workingDays', limit: 7 });
  });
});

describe('channels', () => {
  it.each([
    ['■政府网站 □两微一端 ■便民服务站 □其他', ['website', 'serviceStation'], []],
    ['政府网站、村公示栏', ['website', 'bulletinBoard'], []],
    ['政府网站，飞鸽传书', ['website'], ['飞鸽传书']],
  ])('%s', (text, channels, unknown) => {
    expect(parseChannels(text)).toEqual({ channels, unknown });
  });

  it('reads back the checkbox form', () => {
    fc.assert(
      fc.property(fc.subarray([...channelKeys]), (sel) => {
        expect(parseChannels(formatChannels(sel))).toEqual({ channels: sel, unknown: [] });
      }),
    );
  });
});
