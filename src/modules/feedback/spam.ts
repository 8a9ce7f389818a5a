/**
 * A local spam score for anonymous feedback: no outside service, explainable, cheap. Each
 * signal adds points; at {@link spamThreshold} or more the feedback is set aside as rejected
 * (staff still see it under status=rejected and may answer it). Pure code.
 */

/** Score at or above which feedback is treated as spam. */
export const spamThreshold = 6;

/** Built-in banned words (advertising and fraud typical of comment spam); agencies add their own. */
export const builtInBannedWords: readonly string[] = ['博彩', '赌博', '六合彩', '代开发票', '办证', '刷单', '贷款无抵押', '色情', '裸聊', '私服', '代孕', '枪支', '加微信', '兼职日结'];

const linkPattern = /(?:https?:\/\/|www\.|\b[a-z0-9-]+\.(?:com|net|cn|top|xyz|vip|cc|info|site|shop)\b)/iu;

/** One signal of the score. */
export interface SpamSignal {
  reason: 'links' | 'repeated' | 'banned' | 'no_cjk';
  points: number;
  detail: string;
}

/** The score and the reasons for it. */
export interface SpamScore {
  score: number;
  signals: SpamSignal[];
  isSpam: boolean;
}

/** Scores `text` (normalised with NFKC, so full-width tricks count too). */
export function scoreSpam(text: string, extraBannedWords: readonly string[] = []): SpamScore {
  const t = text.normalize('NFKC').toLowerCase();
  const signals: SpamSignal[] = [];
  // Links are counted per word (a URL is one link however many patterns it matches).
  const links = t.split(/[\s\p{Script=Han}，。、；：！？（）【】《》“”‘’]+/u).filter((w) => linkPattern.test(w)).length;
  // One link may be a citizen citing a page; each further one is a strong signal.
  if (links > 0) signals.push({ reason: 'links', points: links === 1 ? 2 : 3 * links, detail: `${links} 个链接` });
  // Runs of the same character (哈哈哈哈哈哈哈, !!!!!!!, aaaaaaaa).
  const runs = t.match(/(.)\1{5,}/gsu) ?? [];
  if (runs.length) signals.push({ reason: 'repeated', points: 2 * runs.length + (runs.some((r) => r.length >= 20) ? 3 : 0), detail: `${runs.length} 处重复字符` });
  const compact = t.replace(/[\s\p{P}\p{S}]/gu, '');
  const words = [...builtInBannedWords, ...extraBannedWords].map((w) => w.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '')).filter(Boolean);
  const hits = [...new Set(words.filter((w) => compact.includes(w)))];
  if (hits.length) signals.push({ reason: 'banned', points: 6 * hits.length, detail: `违禁词 ${hits.length} 个` });
  // Feedback to a Chinese township with no Chinese character at all is almost always a bot.
  if (compact.length >= 20 && !/\p{Script=Han}/u.test(compact)) signals.push({ reason: 'no_cjk', points: 3, detail: '无中文内容' });
  const score = signals.reduce((s, x) => s + x.points, 0);
  return { score, signals, isSpam: score >= spamThreshold };
}
