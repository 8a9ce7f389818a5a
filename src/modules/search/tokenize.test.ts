import { describe, expect, it } from 'vitest';
import { documentTokens, highlightTerms, queryExpression } from './tokenize.ts';

describe('documentTokens', () => {
  it('holds jieba words, CJK unigrams and bigrams', () => {
    const tokens = documentTokens('曲尺乡2025年低保对象公示').split(' ');
    expect(tokens).toContain('低保');
    expect(tokens).toContain('公示');
    expect(tokens).toContain('低');
    expect(tokens).toContain('2025');
  });

  it('folds full-width digits and letters', () => {
    expect(documentTokens('２０２５ＡＢ').split(' ')).toContain('2025ab');
  });
});

describe('queryExpression', () => {
  it('uses a 1- or 2-character query as one lexeme', () => {
    expect(queryExpression('预算')).toBe("'预算'");
    expect(queryExpression('税')).toBe("'税'");
  });

  it('matches a longer CJK run by words or by bigrams', () => {
    const q = queryExpression('危房改造')!;
    expect(q).toContain("('危房改造')");
    expect(q).toContain("'危房' & '房改' & '改造'");
  });

  it('drops tsquery operators from hostile input', () => {
    const q = queryExpression("a' | !b & (c):*")!;
    expect(q).toBe("'a' & 'b' & 'c'");
    expect(queryExpression('!!! ()')).toBeNull();
  });
});

describe('highlightTerms', () => {
  it('lists the query and its words, longest first', () => {
    expect(highlightTerms('低保 公示')).toEqual(['低保', '公示']);
  });
});
