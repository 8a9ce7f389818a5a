import { describe, expect, it } from 'vitest';
import { scanText } from './scan.ts';
import { classifyTravelDocument } from './travel-documents.ts';

const now = new Date('2026-03-01T04:00:00Z');
const scan = (text: string) => scanText(text, { now }).map((f) => ({ type: f.type, text: f.text, confidence: f.confidence }));

describe('classifyTravelDocument (the table in travel-documents.ts)', () => {
  const none = { passport: false, hkMacau: false, taiwan: false };
  const passport = { ...none, passport: true };
  const hk = { ...none, hkMacau: true };
  const tw = { ...none, taiwan: true };
  it.each([
    ['E12345678', passport, 'passport', 'high'],
    ['E12345678', none, 'passport', 'medium'],
    ['EA1234567', none, 'passport', 'medium'],
    ['EI1234567', none, null, null],
    ['G12345678', passport, 'passport', 'high'],
    ['G12345678', none, 'passport', 'low'],
    ['K12345678', passport, 'passport', 'medium'],
    ['K12345678', none, null, null],
    ['C12345678', hk, 'hkMacauPermit', 'high'],
    ['C12345678', none, null, null],
    ['CA1234567', none, 'hkMacauPermit', 'low'],
    ['W12345678', hk, 'hkMacauPermit', 'high'],
    ['H1234567801', hk, 'hkMacauPermit', 'high'],
    ['12345678', tw, 'taiwanPermit', 'high'],
    ['20250312', tw, null, null], // a date
    ['12345678', none, null, null],
  ])('%s %j → %s %s', (token, ctx, type, confidence) => {
    const v = classifyTravelDocument(token, ctx);
    expect(v ? [v.type, v.confidence] : [null, null]).toEqual([type, confidence]);
  });
});

describe('scanText: passports and permits', () => {
  it.each([
    ['护照号码：E12345678', 'passport', 'E12345678', 'high'],
    ['护照EA1234567', 'passport', 'EA1234567', 'high'],
    ['往来港澳通行证C12345678', 'hkMacauPermit', 'C12345678', 'high'],
    ['通行证号码：CA1234567', 'hkMacauPermit', 'CA1234567', 'high'],
    ['台湾居民来往大陆通行证号码：12345678', 'taiwanPermit', '12345678', 'high'],
    ['台胞证12345678', 'taiwanPermit', '12345678', 'high'],
    ['通行证号：12345678', 'taiwanPermit', '12345678', 'high'],
  ])('%s', (text, type, found, confidence) => {
    expect(scan(text)).toEqual([{ type, text: found, confidence }]);
  });

  it('uses the nearest label when fields share the window', () => {
    expect(scan('护照E12345678，港澳通行证C12345678').map((f) => f.type)).toEqual(['passport', 'hkMacauPermit']);
  });

  it.each(['合同编号C20250312', '批次G20250312', '通行证有效期至20300101'])('finds none in %s', (text) => {
    expect(scan(text)).toEqual([]);
  });
});
