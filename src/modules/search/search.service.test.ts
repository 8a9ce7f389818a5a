import { describe, expect, it } from 'vitest';
import { normalizeDocNo } from '../publishing/index.ts';
import { docNoKey } from './search.service.ts';

describe('docNoKey', () => {
  it.each([
    ['曲尺府发〔2025〕12号', '曲尺府发〔2025〕12号'],
    ['曲尺府发[2025]12号', '曲尺府发〔2025〕12号'],
    ['曲尺府发［２０２５］１２号', '曲尺府发〔2025〕12号'],
    ['曲尺府发（2025）12号', '曲尺府发〔2025〕12号'],
    ['曲尺府发(2025)12号', '曲尺府发〔2025〕12号'],
    ['曲尺府发【2025】12号', '曲尺府发〔2025〕12号'],
    [' 曲尺府发 〔2025〕 12 号 ', '曲尺府发〔2025〕12号'],
    ['曲尺府发﹝2025﹞12号', '曲尺府发〔2025〕12号'],
    ['曲尺府发〈2025〉12号', '曲尺府发〔2025〕12号'],
  ])('%s → %s (the key publication stores)', (input, key) => {
    expect(docNoKey(input)).toBe(key);
    expect(normalizeDocNo(input)).toBe(key);
  });
});
