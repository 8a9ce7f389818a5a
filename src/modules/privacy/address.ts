/**
 * 家庭住址 below the level of 乡镇/街道 (DOMAIN.md §4.3: "个人家庭地址只保留到乡（镇）、街道").
 * An address is found from its village-level or street-level anchor followed by house details:
 *
 * | anchor | details that make it an address | verdict |
 * |---|---|---|
 * | …村 / …社区 | 组 (社, 队) and 号: 柳坪村3组12号 · 号 alone: 柳坪村12号 | medium |
 * | …村 / …社区 | 组 alone: 柳坪村三组 | only with a home-address context |
 * | …小区 …花园 …家园 …公寓 …大厦 …苑 / …社区 | 栋/幢 + 单元/室/号, or 室: 阳光小区5栋2单元301室 | medium |
 * | …路 …街 …大道 …巷 …弄 | 号 + 栋/单元/楼/层/室: 滨江路12号3单元501室 | medium |
 * | …路 …街 … | 号 alone: 广东中路123号 | low (an office or shop as often as a home) |
 *
 * A home-address word before it (住址、家住、户籍地…) or a 住址 column raises the verdict one level;
 * an office or project word (办公地址、项目地点…) drops the weak forms and lowers the rest to low,
 * since a 项目地点 "柳坪村3组" is a place, not a person. The finding spans the anchor's name and
 * the details, so a policy that cuts to 乡镇 can mask the village name too; the default keeps
 * the name up to 村/社区 (see {@link addressKeepLength}). Pure code, no I/O.
 */
import { contextWords, hasLabel, isCjkCode, textBefore, type Candidate, type ScanInput, type Verdict } from './detector-kit.ts';
import type { Confidence } from './types.ts';

type AnchorClass = 'village' | 'community' | 'estate' | 'street';

const anchorClass: Readonly<Record<string, AnchorClass>> = {
  村: 'village',
  社区: 'community',
  小区: 'estate',
  花园: 'estate',
  家园: 'estate',
  公寓: 'estate',
  大厦: 'estate',
  苑: 'estate',
  路: 'street',
  街: 'street',
  大道: 'street',
  巷: 'street',
  弄: 'street',
};

const numeral = '[0-9一二三四五六七八九十零〇两]';
const anchors = new RegExp(`(?:社区|小区|花园|家园|公寓|大厦|大道|村|苑|路|街|巷|弄)(?=${numeral})`, 'g');
const detailUnit = new RegExp(`${numeral}{1,4}(?:-[0-9]{1,4})?(号楼|号院|单元|号|栋|幢|座|楼|层|室|组|社|队)`, 'y');

/** Characters that end an anchor's name when walking backwards from it. */
const nameStops = new Set([...'省市州县区旗乡镇住址于在是的和及与或号组室栋幢楼层、，。：；！？（）《》“”‘’']);

const raise: Readonly<Record<Confidence, Confidence>> = { low: 'medium', medium: 'high', high: 'high' };

interface Details {
  end: number;
  group: boolean;
  houseNo: boolean;
  building: boolean;
  unit: boolean;
  floor: boolean;
  room: boolean;
}

function readDetails(text: string, from: number, cls: AnchorClass): Details | null {
  const d: Details = { end: from, group: false, houseNo: false, building: false, unit: false, floor: false, room: false };
  let first = true;
  for (;;) {
    detailUnit.lastIndex = d.end;
    const m = detailUnit.exec(text);
    if (!m) break;
    const unit = m[1]!;
    if (unit === '组' || unit === '社' || unit === '队') {
      // A village group comes first, right after 村 / 社区.
      if (!first || (cls !== 'village' && cls !== 'community')) break;
      d.group = true;
    } else if (unit === '号') {
      // 1号线, 12号文, 3号令 are not house numbers.
      if (/[线文令字]/.test(text[detailUnit.lastIndex] ?? '')) break;
      d.houseNo = true;
    } else if (unit === '号楼' || unit === '栋' || unit === '幢' || unit === '座') d.building = true;
    else if (unit === '号院') d.houseNo = true;
    else if (unit === '单元') d.unit = true;
    else if (unit === '楼' || unit === '层') d.floor = true;
    else d.room = true;
    d.end = detailUnit.lastIndex;
    first = false;
  }
  return d.end > from ? d : null;
}

/** The base verdict from the details alone; 'context' = report only with a home-address context. */
function judge(cls: AnchorClass, d: Details): Confidence | 'context' | null {
  switch (cls) {
    case 'village':
      if (d.houseNo || d.room) return 'medium';
      return d.group ? 'context' : null;
    case 'community':
      if (d.room || (d.building && (d.unit || d.houseNo)) || d.houseNo) return 'medium';
      return d.group || d.building ? 'context' : null;
    case 'estate':
      if (d.room || (d.building && (d.unit || d.houseNo))) return 'medium';
      return d.building || d.houseNo ? 'context' : null;
    case 'street':
      if (d.houseNo && (d.room || d.unit || d.building || d.floor)) return 'medium';
      if (d.houseNo) return 'low';
      return null;
  }
}

function verdictFor(base: Confidence | 'context', home: boolean, office: boolean): Verdict | null {
  if (office) {
    if (base === 'context' || base === 'low') return null;
    return { confidence: 'low', reason: '门牌地址，上下文为办公/项目地点，请审核人判断' };
  }
  if (base === 'context') return home ? { confidence: 'medium', reason: '村组/楼栋地址，上下文为住址' } : null;
  if (home) return { confidence: raise[base], reason: '乡镇以下详细地址，上下文为住址' };
  return base === 'low'
    ? { confidence: 'low', reason: '门牌地址（可能为机构地址），请审核人判断' }
    : { confidence: base, reason: '乡镇以下详细地址（村组门牌/楼栋单元室）' };
}

/** Finds detailed addresses below 乡镇/街道. */
export function detectAddresses(input: ScanInput, out: Candidate[]): void {
  const { text } = input;
  anchors.lastIndex = 0;
  let lastEnd = -1;
  for (let m = anchors.exec(text); m; m = anchors.exec(text)) {
    const anchorStart = m.index;
    const anchorEnd = anchorStart + m[0].length;
    if (anchorStart < lastEnd) continue;
    const cls = anchorClass[m[0]]!;
    const d = readDetails(text, anchorEnd, cls);
    if (!d) continue;
    const base = judge(cls, d);
    if (!base) continue;
    // The anchor's name: up to 6 Chinese characters before it, stopping at a higher level (乡, 镇 …).
    let start = anchorStart;
    while (start > 0 && anchorStart - start < 6) {
      const c = text.charCodeAt(start - 1);
      if (!isCjkCode(c) || nameStops.has(text[start - 1]!)) break;
      start--;
    }
    const before = textBefore(input, start);
    const home = input.columnAt(anchorStart) === 'address' || hasLabel(before, contextWords.homeAddress);
    const office = !home && hasLabel(before, contextWords.officeAddress);
    const verdict = verdictFor(base, home, office);
    if (!verdict) continue;
    out.push({ type: 'address', start, end: d.end, normalized: text.slice(start, d.end), ...verdict });
    lastEnd = d.end;
  }
}

/**
 * How many leading characters of an address finding's text a mask keeps: through the last 村 or
 * 社区 for `village`, nothing for `township` (the part above the village is never in the span).
 */
export function addressKeepLength(text: string, keep: 'village' | 'township'): number {
  if (keep === 'township') return 0;
  const village = text.lastIndexOf('村');
  const community = text.lastIndexOf('社区');
  const end = Math.max(village === -1 ? -1 : village + 1, community === -1 ? -1 : community + 2);
  return end === -1 ? 0 : end;
}
