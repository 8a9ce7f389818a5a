/** The search module's public face. */
export { documentTokens, queryExpression, highlightTerms, normalizeText } from './tokenize.ts';
