import { describe, expect, it } from 'vitest';
import { budgetTokens, newTokenBudget } from './index-budget.ts';

describe('budgetTokens', () => {
  it('passes short token strings through unchanged', () => {
    const b = newTokenBudget();
    expect(budgetTokens('低保 公示 低 保', b)).toBe('低保 公示 低 保');
  });

  it('keeps at most maxRepeats positions of a lexeme, across parts', () => {
    const b = newTokenBudget();
    expect(budgetTokens('税 税 税 Tax', b, Infinity, 2)).toBe('税 税 Tax');
    expect(budgetTokens('税 tax tax 费', b, Infinity, 2)).toBe('tax 费');
  });

  it('stops adding new lexemes when the budget is spent but never exceeds it', () => {
    const b = newTokenBudget(100);
    const tokens = Array.from({ length: 50 }, (_, i) => `词${i}`).join(' ');
    const kept = budgetTokens(tokens, b).split(' ');
    expect(kept.length).toBeGreaterThan(3);
    expect(kept.length).toBeLessThan(50);
    expect(b.remaining).toBeGreaterThanOrEqual(0);
    expect(budgetTokens('新词 另一个', b)).toBe('');
  });

  it('honours a per-part limit and leaves the rest for later parts', () => {
    const b = newTokenBudget(1000);
    const many = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
    budgetTokens(many, b, 300);
    expect(b.remaining).toBeGreaterThanOrEqual(700);
    expect(budgetTokens('附件 内容', b)).toBe('附件 内容');
  });
});
