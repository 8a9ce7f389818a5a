/**
 * The data-driven first draft of the narrative sections 一、五、六. Pure. The sentences quoting
 * figures use phrasings the narrative checker (narrative.ts, S3/S4) recognises, so a draft
 * passes S3 against the tables it was made from; the parts the data cannot say are left as
 * 【请填写…】 placeholders, which block publication until they are replaced.
 */
import { TOTAL_COLUMN, type ReportNumbers } from './model.ts';

/** The narrative of a report, as stored (paragraphs separated by line breaks, no section headings). */
export interface ReportNarrative {
  /** 一、总体情况. */
  overview: string;
  /** 五、存在的主要问题及改进情况. */
  problems: string;
  /** 六、其他需要报告的事项. */
  other: string;
}

/** Marks a part of the draft the author must write; publication is refused while one is left. */
export const PLACEHOLDER = '【请填写';

/** Facts of the draft beyond the tables. */
export interface DraftFacts {
  agencyName: string;
  year: number;
  /** Items published (first version) in the year, all columns. */
  proactiveItems: number;
}

/** The first draft of the narrative from the tables and a few facts. */
export function draftNarrative(n: ReportNumbers, facts: DraftFacts): ReportNarrative {
  const rows = n.section3.rows;
  const at = (key: keyof typeof rows, c = TOTAL_COLUMN) => rows[key][c] ?? 0;
  const legal = [1, 2, 3, 4, 5].reduce((s, c) => s + at('new', c), 0);
  const received = at('new');
  const requestParts: string[] = [];
  if (received === 0) requestParts.push(`${facts.year}年，本机关未收到政府信息公开申请`);
  else {
    const split = [at('new', 0) ? `自然人提出的申请${at('new', 0)}件` : '', legal ? `法人或其他组织提出的申请${legal}件` : ''].filter(Boolean).join('，');
    requestParts.push(`${facts.year}年，本机关共收到政府信息公开申请${received}件，其中${split}`);
  }
  if (at('carried_over')) requestParts.push(`上年结转政府信息公开申请${at('carried_over')}件`);
  if (at('total')) requestParts.push(`全年办结${at('total')}件，其中予以公开${at('granted')}件，部分公开${at('partial')}件`);
  if (at('carried_forward')) requestParts.push(`结转下年度继续办理${at('carried_forward')}件`);
  const s4 = n.section4;
  const reconsideration = s4.reconsideration[4];
  const litigation = s4.litigationDirect[4] + s4.litigationAfterReconsideration[4];
  const cases =
    reconsideration + litigation === 0
      ? '本年度未发生政府信息公开行政复议、行政诉讼案件。'
      : `本年度发生政府信息公开行政复议${reconsideration}件，行政诉讼${litigation}件。`;
  const overview = [
    `${facts.year}年，${facts.agencyName}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。`,
    `（一）主动公开情况。全年累计主动公开政府信息${facts.proactiveItems}条。${PLACEHOLDER}主动公开的重点领域和方式】`,
    `（二）依申请公开情况。${requestParts.join('；')}。`,
    `（三）政府信息管理情况。${PLACEHOLDER}政府信息管理情况】`,
    `（四）政府信息公开平台建设情况。${PLACEHOLDER}政府信息公开平台建设情况】`,
    `（五）监督保障情况。${cases}${PLACEHOLDER}工作考核、社会评议和责任追究结果情况】`,
  ].join('\n');
  return {
    overview,
    problems: `${PLACEHOLDER}本年度工作存在的主要问题及改进情况】`,
    other: `${PLACEHOLDER}信息处理费的收取情况等其他需要报告的事项；没有则写“无。”】`,
  };
}

/** Paragraph lines of a stored narrative text (blank lines dropped). */
export function narrativeLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}
