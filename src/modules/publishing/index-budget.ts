/**
 * Keeps a version's search vector under PostgreSQL's 1 MB tsvector limit. The search module's
 * tokens (jieba words plus every CJK unigram and bigram) of a long, varied text can exceed it
 * ("string is too long for tsvector"), so the tokens of each weighted part are passed through
 * a shared byte budget: every lexeme keeps at most `maxRepeats` positions, and once the budget
 * is spent no new lexeme is added (earlier text, and higher-weighted parts, win). Pure.
 */

/** Bytes one more lexeme costs in a tsvector: entry header, string, alignment, position count. */
const lexemeOverhead = 9;
/** Bytes one more position of a known lexeme costs. */
const positionBytes = 2;

/** A byte budget shared by the parts of one search vector. */
export interface TokenBudget {
  /** Bytes still available. */
  remaining: number;
  /** Positions used per lexeme so far (across parts: `||` merges them). */
  seen: Map<string, number>;
}

/** A fresh budget; 700 KB leaves a wide margin under the 1 MB limit for parser differences. */
export function newTokenBudget(bytes = 700_000): TokenBudget {
  return { remaining: bytes, seen: new Map() };
}

/**
 * The space-separated `tokens`, trimmed to what `budget` allows (at most `limit` bytes of it
 * for this part), keeping at most `maxRepeats` occurrences of each lexeme.
 */
export function budgetTokens(tokens: string, budget: TokenBudget, limit = Infinity, maxRepeats = 16): string {
  let allowance = Math.min(budget.remaining, limit);
  const kept: string[] = [];
  for (const token of tokens.split(' ')) {
    if (!token) continue;
    const lexeme = token.toLowerCase();
    const n = budget.seen.get(lexeme) ?? 0;
    if (n >= maxRepeats) continue;
    const cost = n === 0 ? Buffer.byteLength(lexeme) + lexemeOverhead + positionBytes : positionBytes;
    if (cost > allowance) {
      if (n === 0) continue;
      break;
    }
    allowance -= cost;
    budget.remaining -= cost;
    budget.seen.set(lexeme, n + 1);
    kept.push(token);
  }
  return kept.join(' ');
}
