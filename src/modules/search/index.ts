/** The search module's public face. */
export { documentTokens, queryExpression, highlightTerms, normalizeText } from './tokenize.ts';
export { searchPublished, docNoKey, maxQueryLength, maxCountedHits, type SearchInput, type SearchHit, type SearchResult } from './search.service.ts';
export { buildSnippet, highlightHtml, escapeHtml } from './snippet.ts';
