/**
 * S3 and S4: the numbers a report quotes in 一、总体情况 against its tables (DOMAIN.md §2.5).
 * Pure. Only phrasings that published reports use are recognised; a sentence that is not
 * recognised is not checked (the rule then says so rather than failing).
 */
import { SECTION3_ROWS, TOTAL_COLUMN, section3Cell, section4Cell, type ReportNumbers, type RuleCheck, type Section3RowKey } from './model.ts';
import { chineseNumeralsToDigits, normalizeText } from './parse/normalize.ts';

/** Which figure of the tables a sentence quotes. */
type ClaimKind =
  | 'received'
  | 'receivedNatural'
  | 'receivedLegal'
  | 'carriedOver'
  | 'handled'
  | 'carriedForward'
  | 'granted'
  | 'partial'
  | 'grantedOrPartial'
  | 'reconsideration'
  | 'litigation'
  | 'share';

interface Claim {
  kind: ClaimKind;
  value: number;
  quote: string;
  /** For `share`: the result group and the percentage quoted. */
  share?: { group: ShareGroup; percent: string };
}

type ShareGroup = '予以公开' | '部分公开' | '不予公开' | '无法提供' | '不予处理' | '其他处理';

const PIECES = '(?:件|个|宗|条)';

/** Extracts the figures quoted in a narrative (normalized, sentence by sentence). */
function extractClaims(text: string): Claim[] {
  const claims: Claim[] = [];
  const add = (c: Claim) => {
    if (!claims.some((x) => x.kind === c.kind && x.value === c.value && x.share?.group === c.share?.group)) claims.push(c);
  };
  const sentences = chineseNumeralsToDigits(normalizeText(text)).split(/[。；;!！?？\n]/);
  for (const raw of sentences) {
    let s = raw;
    // S4 first, and take it out so that 予以公开 / 部分公开 below do not read it again.
    s = s.replace(
      new RegExp(`(?:予以公开(?:和|及|或|与|、|或者)部分公开|全部或部分公开|公开\\(含部分公开\\))(?:的)?(?:申请)?(?:共|共计)?(\\d+)${PIECES}`, 'g'),
      (m, n: string) => {
        add({ kind: 'grantedOrPartial', value: Number(n), quote: m });
        return '';
      },
    );
    for (const m of s.matchAll(new RegExp(`(?:收到|受理|新收|接收|收悉)([^,，、]*?)申请(?:数量)?(?:为|共|共计|合计)?(\\d+)${PIECES}`, 'g'))) {
      const qualifier = m[1] ?? '';
      if (/上年|结转|复议|诉讼|投诉|举报/.test(qualifier)) continue;
      const kind: ClaimKind = /法人|组织|企业/.test(qualifier) ? 'receivedLegal' : /自然人|个人|群众/.test(qualifier) ? 'receivedNatural' : 'received';
      add({ kind, value: Number(m[2]), quote: m[0] });
    }
    if (/(?:未|没有)(?:收到|受理)[^,，]{0,12}申请/.test(s)) add({ kind: 'received', value: 0, quote: '未收到申请' });
    for (const m of s.matchAll(new RegExp(`其中(?:[^,，]{0,6}?)?(自然人|法人或其他组织|法人)(?:提出)?(?:的)?(?:政府信息公开)?(?:申请)?(\\d+)${PIECES}`, 'g'))) {
      add({ kind: m[1] === '自然人' ? 'receivedNatural' : 'receivedLegal', value: Number(m[2]), quote: m[0] });
    }
    for (const m of s.matchAll(new RegExp(`[,，、](自然人|法人或其他组织)(?:提出)?(?:的)?(?:申请)?(\\d+)${PIECES}`, 'g'))) {
      add({ kind: m[1] === '自然人' ? 'receivedNatural' : 'receivedLegal', value: Number(m[2]), quote: m[0] });
    }
    for (const m of s.matchAll(new RegExp(`上(?:一)?年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请)?(?:共)?(\\d+)${PIECES}`, 'g'))) {
      add({ kind: 'carriedOver', value: Number(m[1]), quote: m[0] });
    }
    for (const m of s.matchAll(new RegExp(`(?:办结|办理完毕|答复完毕)(?:政府信息公开)?(?:申请)?(?:共|共计)?(\\d+)${PIECES}`, 'g'))) {
      add({ kind: 'handled', value: Number(m[1]), quote: m[0] });
    }
    for (const m of s.matchAll(new RegExp(`结转(?:至)?下(?:一)?年(?:度)?(?:继续)?(?:办理)?(?:的)?(?:申请)?(\\d+)${PIECES}`, 'g'))) {
      add({ kind: 'carriedForward', value: Number(m[1]), quote: m[0] });
    }
    for (const m of s.matchAll(new RegExp(`(予以公开|部分公开|不予公开|无法提供|不予处理|其他处理)(\\d+)${PIECES}[,，]?(?:约)?(?:占(?:比)?|比例为)(?:[^\\d%]{0,8})(\\d+(?:\\.\\d+)?)%`, 'g'))) {
      add({ kind: 'share', value: Number(m[2]), quote: m[0], share: { group: m[1] as ShareGroup, percent: m[3] ?? '' } });
    }
    for (const m of s.matchAll(new RegExp(`(?<!部分)(?<!或)予以公开(?:的)?(?:申请)?(\\d+)${PIECES}`, 'g'))) {
      add({ kind: 'granted', value: Number(m[1]), quote: m[0] });
    }
    for (const m of s.matchAll(new RegExp(`(?<![和及或与、])部分公开(?:的)?(?:申请)?(\\d+)${PIECES}`, 'g'))) {
      add({ kind: 'partial', value: Number(m[1]), quote: m[0] });
    }
    for (const m of s.matchAll(/行政复议(?:案件|申请)?(?:共)?(\d+)(?:件|起|宗)/g)) {
      add({ kind: 'reconsideration', value: Number(m[1]), quote: m[0] });
    }
    for (const m of s.matchAll(/行政诉讼(?:案件)?(?:共)?(\d+)(?:件|起|宗)/g)) {
      add({ kind: 'litigation', value: Number(m[1]), quote: m[0] });
    }
    const none = /(?:未发生|没有发生|未出现|无)(?:[^,，\d]{0,20}?)行政复议(?:[、和及或]行政诉讼)?/.exec(s);
    if (none) {
      add({ kind: 'reconsideration', value: 0, quote: none[0] });
      if (none[0].includes('行政诉讼')) add({ kind: 'litigation', value: 0, quote: none[0] });
    }
  }
  return claims;
}

const GROUP_KEYS: Record<ShareGroup, Section3RowKey[]> = {
  予以公开: ['granted'],
  部分公开: ['partial'],
  不予公开: SECTION3_ROWS.filter((r) => r.code.startsWith('三(三)')).map((r) => r.key),
  无法提供: SECTION3_ROWS.filter((r) => r.code.startsWith('三(四)')).map((r) => r.key),
  不予处理: SECTION3_ROWS.filter((r) => r.code.startsWith('三(五)')).map((r) => r.key),
  其他处理: SECTION3_ROWS.filter((r) => r.code.startsWith('三(六)')).map((r) => r.key),
};

interface Verdict {
  ok: boolean;
  text: string;
  cells: string[];
}

function judge(n: ReportNumbers, claim: Claim): Verdict {
  const rows = n.section3.rows;
  const at = (key: Section3RowKey, c: number) => rows[key][c] ?? 0;
  const legal = (key: Section3RowKey) => [1, 2, 3, 4, 5].reduce((s, c) => s + at(key, c), 0);
  const q = `“${claim.quote}”`;
  const verdict = (ok: boolean, table: string, cells: string[]): Verdict => ({ ok, text: ok ? `${q}与表格一致` : `${q}与表格不符（${table}）`, cells: ok ? [] : cells });
  switch (claim.kind) {
    case 'received':
    case 'receivedNatural':
    case 'receivedLegal': {
      const cols = claim.kind === 'received' ? [TOTAL_COLUMN] : claim.kind === 'receivedNatural' ? [0] : [1, 2, 3, 4, 5];
      const fresh = claim.kind === 'receivedLegal' ? legal('new') : at('new', cols[0] ?? TOTAL_COLUMN);
      const carried = claim.kind === 'receivedLegal' ? legal('carried_over') : at('carried_over', cols[0] ?? TOTAL_COLUMN);
      const who = claim.kind === 'received' ? '' : claim.kind === 'receivedNatural' ? '自然人' : '法人或其他组织';
      const ok = claim.value === fresh || claim.value === fresh + carried;
      return verdict(ok, `表三${who}“一、本年新收”为 ${fresh}${carried ? `，加上年结转为 ${fresh + carried}` : ''}`, cols.map((c) => section3Cell('new', c)));
    }
    case 'carriedOver':
      return verdict(claim.value === at('carried_over', TOTAL_COLUMN), `表三“二、上年结转”总计为 ${at('carried_over', TOTAL_COLUMN)}`, [section3Cell('carried_over', TOTAL_COLUMN)]);
    case 'handled':
      return verdict(claim.value === at('total', TOTAL_COLUMN), `表三“(七)总计”为 ${at('total', TOTAL_COLUMN)}`, [section3Cell('total', TOTAL_COLUMN)]);
    case 'carriedForward':
      return verdict(claim.value === at('carried_forward', TOTAL_COLUMN), `表三“四、结转下年度继续办理”总计为 ${at('carried_forward', TOTAL_COLUMN)}`, [
        section3Cell('carried_forward', TOTAL_COLUMN),
      ]);
    case 'granted':
      return verdict(claim.value === at('granted', TOTAL_COLUMN), `表三“(一)予以公开”总计为 ${at('granted', TOTAL_COLUMN)}`, [section3Cell('granted', TOTAL_COLUMN)]);
    case 'partial':
      return verdict(claim.value === at('partial', TOTAL_COLUMN), `表三“(二)部分公开”总计为 ${at('partial', TOTAL_COLUMN)}`, [section3Cell('partial', TOTAL_COLUMN)]);
    case 'grantedOrPartial': {
      const both = at('granted', TOTAL_COLUMN) + at('partial', TOTAL_COLUMN);
      return verdict(claim.value === both, `表三“(一)予以公开”与“(二)部分公开”之和为 ${both}`, [section3Cell('granted', TOTAL_COLUMN), section3Cell('partial', TOTAL_COLUMN)]);
    }
    case 'reconsideration': {
      const total = n.section4.reconsideration[4];
      return verdict(claim.value === total, `表四行政复议总计为 ${total}`, [section4Cell('reconsideration', 4)]);
    }
    case 'litigation': {
      const total = n.section4.litigationDirect[4] + n.section4.litigationAfterReconsideration[4];
      return verdict(claim.value === total, `表四行政诉讼两组总计之和为 ${total}`, [section4Cell('litigationDirect', 4), section4Cell('litigationAfterReconsideration', 4)]);
    }
    case 'share': {
      const share = claim.share;
      if (!share) return { ok: true, text: '', cells: [] };
      const keys = GROUP_KEYS[share.group];
      const count = keys.reduce((s, k) => s + at(k, TOTAL_COLUMN), 0);
      const total = at('total', TOTAL_COLUMN);
      const decimals = share.percent.split('.')[1]?.length ?? 0;
      const tolerance = 0.5 * 10 ** -decimals + 1e-9;
      const actual = total ? (100 * count) / total : 0;
      const ok = claim.value === count && Math.abs(actual - Number(share.percent)) <= tolerance;
      return verdict(ok, `表三“${share.group}”总计为 ${count}，占(七)总计 ${total} 的 ${actual.toFixed(Math.max(decimals, 1))}%`, keys.map((k) => section3Cell(k, TOTAL_COLUMN)));
    }
  }
}

/** S3 and S4 for a narrative; both pass with an explanatory message when nothing is quoted. */
export function checkNarrative(n: ReportNumbers, narrative: string | undefined): { s3: RuleCheck; s4: RuleCheck } {
  if (!narrative?.trim()) {
    return {
      s3: { rule: 'S3', ok: true, message: '未提供总体情况文字，未核对', cells: [] },
      s4: { rule: 'S4', ok: true, message: '未提供总体情况文字，未核对', cells: [] },
    };
  }
  const claims = extractClaims(narrative);
  const build = (rule: 'S3' | 'S4', list: Claim[], none: string): RuleCheck => {
    if (!list.length) return { rule, ok: true, message: none, cells: [] };
    const verdicts = list.map((c) => judge(n, c));
    const bad = verdicts.filter((v) => !v.ok);
    if (!bad.length) return { rule, ok: true, message: `总体情况中的数字与表格一致：${verdicts.map((v) => v.text).join('；')}`, cells: [] };
    return { rule, ok: false, message: `总体情况中的数字与表格不符：${bad.map((v) => v.text).join('；')}`, cells: [...new Set(bad.flatMap((v) => v.cells))] };
  };
  return {
    s3: build(
      'S3',
      claims.filter((c) => c.kind !== 'grantedOrPartial'),
      '总体情况中未找到可核对的申请、办理、复议或诉讼数字',
    ),
    s4: build(
      'S4',
      claims.filter((c) => c.kind === 'grantedOrPartial'),
      '总体情况未合并引用“予以公开和部分公开”数字',
    ),
  };
}

/** Exposed for tests: the figures a narrative quotes. */
export function quotedFigures(narrative: string): Array<{ kind: string; value: number }> {
  return extractClaims(narrative).map((c) => ({ kind: c.kind, value: c.value }));
}
