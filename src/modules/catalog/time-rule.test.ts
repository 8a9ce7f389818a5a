import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatTimeRule, parseTimeRule, type TimeRule } from './time-rule.ts';
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
  ])('%s', (text, rule) => {
    expect(parseTimeRule(text)).toEqual(rule);
  });

  it('reads back what it formats', () => {
    const rule = fc.oneof(
      fc.record({ kind: fc.constant('event' as const), unit: fc.constantFrom('workingDays' as const, 'hours' as const), limit: fc.integer({ min: 1, max: 60 }) }),
      fc.record({ kind: fc.constant('periodic' as const), period: fc.constantFrom('monthly' as const, 'quarterly' as const), dueDay: fc.integer({ min: 1, max: 31 }) }),
      fc.record({ kind: fc.constant('periodic' as const), period: fc.constant('yearly' as const), dueMonth: fc.integer({ min: 1, max: 12 }), dueDay: fc.integer({ min: 1, max: 31 }) }),
    );
    fc.assert(
      fc.property(rule, (r) => {
        expect(parseTimeRule(formatTimeRule(r))).toEqual(r);
      }),
    );
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
