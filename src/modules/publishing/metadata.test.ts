import { describe, expect, it } from 'vitest';
import { checkDocumentFields, formatIndexNo, normalizeDocNo, type DocumentFields } from './metadata.ts';

describe('formatIndexNo', () => {
  it('pads the sequence to five digits', () => {
    expect(formatIndexNo('11500237MB1584773X', 2025, 12)).toBe('11500237MB1584773X/2025-00012');
    expect(formatIndexNo('115002370', 2026, 1)).toBe('115002370/2026-00001');
  });
});

describe('normalizeDocNo', () => {
  it.each([
    ['曲尺府发〔2025〕12号', '曲尺府发〔2025〕12号'],
    ['曲尺府发[2025]12号', '曲尺府发〔2025〕12号'],
    ['曲尺府发［２０２５］１２号', '曲尺府发〔2025〕12号'],
    ['曲尺府发（2025）12号', '曲尺府发〔2025〕12号'],
    ['曲尺府发(2025)12号', '曲尺府发〔2025〕12号'],
    ['曲尺府发【2025】12号', '曲尺府发〔2025〕12号'],
    ['曲尺府发﹝2025﹞12号', '曲尺府发〔2025〕12号'],
    [' 曲尺府发 〔2025〕 12 号 ', '曲尺府发〔2025〕12号'],
  ])('%s → %s', (input, want) => {
    expect(normalizeDocNo(input)).toBe(want);
  });

  it('gives null for nothing', () => {
    expect(normalizeDocNo(null)).toBeNull();
    expect(normalizeDocNo('')).toBeNull();
    expect(normalizeDocNo('   ')).toBeNull();
  });
});

describe('checkDocumentFields', () => {
  const ok: DocumentFields = { disclosure: 'proactive', disclosureGround: null, docType: 'other', validity: null, effectiveOn: null, invalidOn: null };

  it('accepts a plain proactive item', () => {
    expect(checkDocumentFields(ok)).toEqual({});
  });

  it('requires a legal ground unless proactive, and refuses one for proactive', () => {
    expect(checkDocumentFields({ ...ok, disclosure: 'request' })).toHaveProperty('disclosureGround');
    expect(checkDocumentFields({ ...ok, disclosure: 'none' })).toHaveProperty('disclosureGround');
    expect(checkDocumentFields({ ...ok, disclosure: 'none', disclosureGround: 'art14' })).toEqual({});
    expect(checkDocumentFields({ ...ok, disclosureGround: 'art15' })).toHaveProperty('disclosureGround');
  });

  it('requires 有效性 and 施行日期 for 规章 and 规范性文件', () => {
    const p = checkDocumentFields({ ...ok, docType: 'normative' });
    expect(Object.keys(p).sort()).toEqual(['effectiveOn', 'validity']);
    expect(p.validity).toContain('行政规范性文件');
    expect(checkDocumentFields({ ...ok, docType: 'regulation', validity: 'valid', effectiveOn: '2025-01-01' })).toEqual({});
  });

  it('requires the end date of a repealed or expired document and refuses one for a valid document', () => {
    expect(checkDocumentFields({ ...ok, docType: 'normative', validity: 'repealed', effectiveOn: '2020-01-01' })).toHaveProperty('invalidOn');
    expect(checkDocumentFields({ ...ok, docType: 'normative', validity: 'expired', effectiveOn: '2020-01-01', invalidOn: '2025-01-01' })).toEqual({});
    expect(checkDocumentFields({ ...ok, docType: 'normative', validity: 'valid', effectiveOn: '2020-01-01', invalidOn: '2025-01-01' })).toHaveProperty('invalidOn');
    expect(checkDocumentFields({ ...ok, docType: 'normative', validity: 'repealed', effectiveOn: '2025-01-01', invalidOn: '2024-01-01' }).invalidOn).toContain('不能早于');
  });

  it('refuses 有效性 on other documents', () => {
    expect(checkDocumentFields({ ...ok, validity: 'valid' })).toHaveProperty('validity');
  });
});
