/**
 * Labelled corpus of whole documents for the file-level evaluation and the benchmark
 * (DOMAIN.md §4.4.5): 公示 lists of 低保 / 危房改造 / 涉农补贴 recipients, notices that name an
 * applicant, and documents with no personal data at all (policy notices, statistics and budget
 * tables, procurement results with USCCs). A document is a list of blocks (paragraphs, tables);
 * every personal value is a mark that carries its type, so each renderer (TXT, DOCX, XLSX, PDF:
 * `corpus-files.ts`) can label it in the text its extractor gives back.
 *
 * Seeded and deterministic: the same seed gives the same documents (a small PRNG, no clock, no
 * Math.random). Every trap the issue names is written: positives in full-width digits, with
 * spaces or hyphens inside, with a line break inside a table cell, damaged by a spreadsheet
 * (1.10101E+17), +86 / 0086 phones, 15-digit IDs, X and x check digits; negatives as dates,
 * amounts, 文号 (渝府发〔2025〕12号), 索引号, USCCs, statistics tables, postcodes, article
 * numbers, and valid ID numbers buried inside longer order numbers and timestamps. Test-only.
 */
import { luhnCheckDigit } from '../bank-card.ts';
import { idCardCheckChar } from '../id-card.ts';
import { isValidOrgCode, usccAlphabet, usccCheckChar } from '../uscc.ts';
import type { FindingType } from '../types.ts';
import { negativeCorpus } from './negative-corpus.ts';

/** A labelled value inside a document. */
export interface Mark {
  /** The value as written in TXT, DOCX and PDF (may hold a line break: a wrapped table cell). */
  text: string;
  type: FindingType;
  /** Whether the scanner must report it at high confidence (valid, unambiguous, labelled values). */
  expectHigh: boolean;
  /** Which trap this value is written as (for the per-trap table of the evaluation). */
  form: string;
  /**
   * High only with a table's column header (a 15-digit ID, a wrapped mobile in a cell): a PDF's
   * text layer has no columns, so there it is expected at medium (which still blocks approval).
   */
  needsColumn?: boolean;
  /** An ID the spreadsheet stored as a number: written as a number in XLSX (shown as 1.10101E+17). */
  damagedNumber?: number;
}

/** Text with marks. */
export type Inline = string | Mark;

/** A paragraph or a table (first row is the header). */
export type Block = { kind: 'para'; content: Inline[] } | { kind: 'table'; rows: Inline[][][] };

/** One generated document. */
export interface CorpusDoc {
  /** File name without extension. */
  name: string;
  title: string;
  genre: string;
  /** False for documents that hold no personal data (the negative corpus). */
  personal: boolean;
  blocks: Block[];
}

/** mulberry32: a tiny deterministic PRNG. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

const fullWidth = (s: string): string => s.replace(/[0-9A-Za-z+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const pad = (n: number, w: number): string => String(n).padStart(w, '0');

// Real county codes (Chongqing first: the agency the platform is built for), births 1930–2010.
const counties = ['500237', '500238', '500236', '500101', '500112', '500235', '110105', '310104', '440305', '510107', '420102', '610113'];

function birth(r: Rng): string {
  const y = r.int(1930, 2010);
  const m = r.int(1, 12);
  const d = r.int(1, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!);
  return `${y}${pad(m, 2)}${pad(d, 2)}`;
}

/** A valid 18-digit ID number; about one in four ends in X for the check-digit trap. */
export function idNumber(r: Rng, wantX = r.chance(0.25)): string {
  for (let i = 0; ; i++) {
    const first17 = r.pick(counties) + birth(r) + r.digits(3);
    const check = idCardCheckChar(first17);
    if (!wantX || check === 'X' || i > 40) return first17 + check;
  }
}

/** A 15-digit (first-generation) ID number: county + yymmdd + 3 digits. */
export function id15(r: Rng): string {
  let b = birth(r);
  while (b >= '2000') b = birth(r);
  return r.pick(counties) + b.slice(2) + r.digits(3);
}

const mobilePrefixes = ['130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '147', '150', '151', '152', '153', '155', '156', '157', '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '193', '198', '199'];

export function mobileNumber(r: Rng): string {
  return r.pick(mobilePrefixes) + r.digits(8);
}

/** A Luhn-valid UnionPay (62…) debit card of 16–19 digits, as the 一卡通 accounts are. */
export function cardNumber(r: Rng): string {
  const length = r.pick([16, 19, 19, 19]);
  const payload = r.pick(['622202', '622848', '622700', '621700', '622566', '623052', '621799']) + r.digits(length - 7);
  return payload + luhnCheckDigit(payload);
}

/** A valid USCC with a valid embedded 组织机构代码. */
export function usccCode(r: Rng): string {
  for (;;) {
    const body8 = Array.from({ length: 8 }, () => r.pick([...usccAlphabet])).join('');
    let org = '';
    for (const c of '0123456789X') if (isValidOrgCode(body8 + c)) org = body8 + c;
    const first17 = r.pick(['11', '12', '31', '52', '91', '92', '93']) + r.pick(counties) + org;
    const check = usccCheckChar(first17);
    if (org && check) return first17 + check;
  }
}

const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const given = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰凤云建国德福春梅红志文清海波林琴燕辉鹏飞'];

export function personName(r: Rng): string {
  const surname = r.chance(0.05) ? r.pick(['欧阳', '司马', '诸葛', '上官']) : r.pick(surnames);
  return surname + Array.from({ length: r.int(1, 2) }, () => r.pick(given)).join('');
}

const villages = ['柳坪', '曲尺', '月明', '朝阳', '平安', '双龙', '桂花', '红岩', '茶园', '金竹'];
const groupNumerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** An address below the township: village + group + house number, or estate + building + room. */
export function homeAddress(r: Rng): string {
  if (r.chance(0.75)) {
    const g = r.int(1, 10);
    return `${r.pick(villages)}村${r.chance(0.5) ? groupNumerals[g - 1] : g}组${r.int(1, 99)}号`;
  }
  return `${r.pick(['阳光', '滨江', '幸福', '锦绣'])}${r.pick(['小区', '花园'])}${r.int(1, 30)}栋${r.int(1, 6)}单元${r.int(1, 26)}0${r.int(1, 4)}室`;
}

// ---------------------------------------------------------------------------------------------
// Marks, written in the ways 公示 lists write them.

type Place = 'cell' | 'prose';

/** An ID number mark: plain, x, full-width, 6-8-4 spaces, hyphens, a line break (cells), 15 digits, damaged (cells). */
export function idMark(r: Rng, place: Place): Mark {
  const roll = r.next();
  if (place === 'cell' && roll < 0.03) {
    const v = idNumber(r, false);
    // What a spreadsheet keeps of an 18-digit number: 15 significant digits.
    return { text: v, type: 'idCard', expectHigh: true, form: 'damaged 1.10101E+17', damagedNumber: Number(v.slice(0, 15) + '000') };
  }
  if (roll < 0.06) return { text: id15(r), type: 'idCard15', expectHigh: true, form: '15-digit ID', ...(place === 'cell' ? { needsColumn: true } : {}) };
  const v = idNumber(r);
  if (roll < 0.1) return { text: fullWidth(v), type: 'idCard', expectHigh: true, form: 'full-width digits' };
  if (roll < 0.14) return { text: `${v.slice(0, 6)} ${v.slice(6, 14)} ${v.slice(14)}`, type: 'idCard', expectHigh: true, form: 'spaces inside' };
  if (roll < 0.17) return { text: `${v.slice(0, 6)}-${v.slice(6, 14)}-${v.slice(14)}`, type: 'idCard', expectHigh: true, form: 'hyphens inside' };
  if (place === 'cell' && roll < 0.2) {
    const at = r.int(8, 14);
    return { text: `${v.slice(0, at)}\n${v.slice(at)}`, type: 'idCard', expectHigh: true, form: 'line break inside cell' };
  }
  if (v.endsWith('X')) return r.chance(0.3) ? { text: v.toLowerCase(), type: 'idCard', expectHigh: true, form: 'x check digit' } : { text: v, type: 'idCard', expectHigh: true, form: 'X check digit' };
  return { text: v, type: 'idCard', expectHigh: true, form: 'plain' };
}

export function mobileMark(r: Rng, place: Place): Mark {
  const v = mobileNumber(r);
  const roll = r.next();
  const m = (text: string, form: string): Mark => ({ text, type: 'mobile', expectHigh: true, form });
  if (roll < 0.55) return m(v, 'plain');
  if (roll < 0.63) return m(`${v.slice(0, 3)} ${v.slice(3, 7)} ${v.slice(7)}`, 'spaces inside');
  if (roll < 0.7) return m(`${v.slice(0, 3)}-${v.slice(3, 7)}-${v.slice(7)}`, 'hyphens inside');
  if (roll < 0.77) return m(`+86 ${v}`, '+86');
  if (roll < 0.82) return m(`+86-${v}`, '+86');
  if (roll < 0.88) return m(`0086${v}`, '0086');
  if (roll < 0.94) return m(fullWidth(v), 'full-width digits');
  // Wrapped 7 + 4 in a PDF has no column to say it is a phone: expected at medium there.
  if (place === 'cell') return { ...m(`${v.slice(0, 7)}\n${v.slice(7)}`, 'line break inside cell'), needsColumn: true };
  return m(v, 'plain');
}

export function cardMark(r: Rng, place: Place): Mark {
  const v = cardNumber(r);
  const roll = r.next();
  const m = (text: string, form: string): Mark => ({ text, type: 'bankCard', expectHigh: true, form });
  if (roll < 0.7) return m(v, 'plain');
  if (roll < 0.85) return m(v.replace(/(\d{4})(?=\d)/g, '$1 '), 'spaces inside');
  if (roll < 0.92) return m(fullWidth(v), 'full-width digits');
  if (place === 'cell') return m(`${v.slice(0, 12)}\n${v.slice(12)}`, 'line break inside cell');
  return m(v.replace(/(\d{4})(?=\d)/g, '$1-'), 'hyphens inside');
}

const nameMark = (r: Rng): Mark => ({ text: personName(r), type: 'name', expectHigh: false, form: 'name' });
const addressMark = (r: Rng): Mark => ({ text: homeAddress(r), type: 'address', expectHigh: false, form: 'address' });
const usccMark = (r: Rng): Mark => ({ text: usccCode(r), type: 'uscc', expectHigh: true, form: 'USCC' });

// ---------------------------------------------------------------------------------------------
// Trap text: nothing personal in any of it.

/** A 文号 such as 渝府发〔2025〕12号. */
function docNumber(r: Rng): string {
  return `${r.pick(['渝府发', '渝府办发', '巫山府发', '巫山府办发', '曲尺府发', '渝民发', '渝财农'])}〔${r.int(2019, 2025)}〕${r.int(1, 199)}号`;
}

/** A 索引号 built on the agency's 组织机构代码 (year-serial). */
function indexNumber(r: Rng): string {
  return `00932147-3/${r.int(2020, 2025)}-${pad(r.int(1, 999), 5)}`;
}

/** A 索引号 built on the agency's USCC: the USCC is labelled (non-personal). */
function indexWithUscc(r: Rng): Inline[] {
  return [usccMark(r), `/${r.int(2020, 2025)}-${pad(r.int(1, 99999), 5)}`];
}

function date(r: Rng): string {
  const y = r.int(2023, 2025);
  const m = r.int(1, 12);
  const d = r.int(1, 28);
  return r.pick([`${y}年${m}月${d}日`, `${y}-${pad(m, 2)}-${pad(d, 2)}`, `${y}.${m}.${d}`, `${y}${pad(m, 2)}${pad(d, 2)}`]);
}

function amount(r: Rng): string {
  return r.pick([`${r.int(1, 99)},${pad(r.int(0, 999), 3)}.${pad(r.int(0, 99), 2)}元`, `${r.int(100, 99999)}.00元`, `${(r.int(1, 9999) / 100).toFixed(2)}万元`, `¥${r.int(1000, 9999999)}`]);
}

/** Negative traps for prose; some bury a valid ID number inside a longer number. */
export function trap(r: Rng): string {
  switch (r.int(0, 13)) {
    case 0:
      return `根据${docNumber(r)}文件要求，`;
    case 1:
      return `（索引号：${indexNumber(r)}）`;
    case 2:
      return `公示时间为${date(r)}至${date(r)}，`;
    case 3:
      return `补助金额${amount(r)}，`;
    case 4:
      return `邮政编码${r.pick(['404700', '404799', '400015', '404711'])}，`;
    case 5:
      return `依据《中华人民共和国政府信息公开条例》第${r.pick(['十五', '二十', '三十二', '三十六'])}条第（${r.pick(['一', '五', '六'])}）项、第${r.int(10, 56)}条，`;
    case 6:
      return `订单号${r.digits(4)}${idNumber(r, false)}${r.digits(2)}，`;
    case 7:
      return `交易流水号${date(r).replace(/\D/g, '').padEnd(8, '0')}${r.int(10, 23)}${pad(r.int(0, 59), 2)}${pad(r.int(0, 59), 2)}${idNumber(r, false).slice(0, 17)}，`;
    case 8:
      return `时间戳${r.int(1600000000, 1760000000)}${r.digits(3)}，`;
    case 9:
      return `办理时间${date(r)} ${r.int(8, 17)}:${pad(r.int(0, 59), 2)}:${pad(r.int(0, 59), 2)}，`;
    case 10:
      return `项目编号500237-${r.int(2023, 2025)}-CG-${pad(r.int(1, 999), 3)}，`;
    case 11:
      return `发票号码${r.int(2023, 2025) % 100}${r.digits(18)}，`;
    case 12:
      return `共${r.int(10, 900)}户${r.int(30, 3000)}人，`;
    default:
      return '';
  }
}

// ---------------------------------------------------------------------------------------------
// Documents.

const cell = (...content: Inline[]): Inline[] => content;

function recipients(r: Rng, min: number, max: number): number {
  return r.int(min, max);
}

const closing = (r: Rng): Block => ({
  kind: 'para',
  content: [`公示期为${r.int(5, 7)}个工作日。${trap(r)}如有异议，请在公示期内向曲尺乡人民政府反映。`],
});

/** 低保 recipients: name, ID, address, household size, monthly amount, phone. */
function dibao(r: Rng, n: number): CorpusDoc {
  const rows: Inline[][][] = [[['序号'], ['户主姓名'], ['身份证号'], ['家庭住址'], ['保障人数'], ['月保障金（元）'], ['联系电话']]];
  for (let i = 1; i <= recipients(r, 5, 40); i++) {
    rows.push([cell(String(i)), cell(nameMark(r)), cell(idMark(r, 'cell')), cell('曲尺乡', addressMark(r)), cell(String(r.int(1, 6))), cell(`${r.int(300, 2400)}.00`), cell(mobileMark(r, 'cell'))]);
  }
  return {
    name: `dibao-${n}`,
    title: `曲尺乡${r.int(2023, 2025)}年${r.int(1, 12)}月城乡低保新增对象公示`,
    genre: '低保公示',
    personal: true,
    blocks: [
      { kind: 'para', content: [`根据《重庆市最低生活保障条件认定办法》（${docNumber(r)}）规定，经户主申请、入户调查、民主评议，${trap(r)}现将新增低保对象公示如下：`] },
      { kind: 'table', rows },
      closing(r),
    ],
  };
}

/** 危房改造 households: head, ID, village, kind of work, subsidy. */
function weifang(r: Rng, n: number): CorpusDoc {
  const rows: Inline[][][] = [[['序号'], ['户主'], ['公民身份号码'], ['村组'], ['危险等级'], ['改造方式'], ['补助资金（元）']]];
  for (let i = 1; i <= recipients(r, 5, 30); i++) {
    rows.push([cell(String(i)), cell(nameMark(r)), cell(idMark(r, 'cell')), cell(`${r.pick(villages)}村${r.int(1, 9)}组`), cell(r.pick(['C级', 'D级'])), cell(r.pick(['加固', '拆除重建', '维修'])), cell(String(r.pick([15000, 35000, 40000])))]);
  }
  return {
    name: `weifang-${n}`,
    title: `曲尺乡${r.int(2023, 2025)}年农村危房改造补助对象公示`,
    genre: '危房改造公示',
    personal: true,
    blocks: [
      { kind: 'para', content: [`按照${docNumber(r)}要求，${trap(r)}经农户申请、村级评议、乡镇审核，现将补助对象公示如下。`] },
      { kind: 'table', rows },
      closing(r),
    ],
  };
}

/** 涉农补贴 (耕地地力保护补贴): name, ID, 一卡通 account, area, amount, phone. */
function nongbu(r: Rng, n: number): CorpusDoc {
  const rows: Inline[][][] = [[['序号'], ['姓名'], ['身份证号码'], ['一卡通账号'], ['面积（亩）'], ['补贴金额（元）'], ['手机号码']]];
  for (let i = 1; i <= recipients(r, 5, 40); i++) {
    const area = r.int(5, 300) / 10;
    rows.push([cell(String(i)), cell(nameMark(r)), cell(idMark(r, 'cell')), cell(cardMark(r, 'cell')), cell(area.toFixed(1)), cell((area * 112.35).toFixed(2)), cell(mobileMark(r, 'cell'))]);
  }
  return {
    name: `nongbu-${n}`,
    title: `曲尺乡${r.int(2023, 2025)}年耕地地力保护补贴发放花名册`,
    genre: '涉农补贴公示',
    personal: true,
    blocks: [
      { kind: 'para', content: [`补贴标准为每亩112.35元，${trap(r)}资金通过惠民惠农财政补贴资金“一卡通”发放。`] },
      { kind: 'table', rows },
      closing(r),
    ],
  };
}

/** A notice that names applicants in prose (依申请公开答复, 补助发放告知). */
function notice(r: Rng, n: number): CorpusDoc {
  const blocks: Block[] = [];
  for (let i = 0, k = r.int(2, 6); i < k; i++) {
    const t = r.int(0, 4);
    const content: Inline[] =
      t === 0
        ? ['申请人：', nameMark(r), '，身份证号码：', idMark(r, 'prose'), '，', trap(r), '联系电话：', mobileMark(r, 'prose'), '，家庭住址：巫山县曲尺乡', addressMark(r), '。']
        : t === 1
          ? ['经审核，户主', nameMark(r), '（公民身份号码', idMark(r, 'prose'), '）符合条件，', trap(r), '补助资金已打入其银行卡号', cardMark(r, 'prose'), '。']
          : t === 2
            ? ['请于3个工作日内回电', mobileMark(r, 'prose'), '，', trap(r), '核对身份证号', idMark(r, 'prose'), '的信息。']
            : t === 3
              ? ['供应商统一社会信用代码：', usccMark(r), '，', trap(r), '联系人：', nameMark(r), '，手机', mobileMark(r, 'prose'), '，开户账号：', cardMark(r, 'prose'), '。']
              : ['收款人', nameMark(r), '，账号', cardMark(r, 'prose'), '，身份证', idMark(r, 'prose'), '，', trap(r), '电话', mobileMark(r, 'prose'), '。'];
    blocks.push({ kind: 'para', content });
  }
  return { name: `notice-${n}`, title: `关于${r.pick(['临时救助', '医疗救助', '政府信息公开申请', '补助资金发放'])}有关事项的告知书`, genre: '告知书', personal: true, blocks };
}

// ----- documents with no personal data -----

function policyNotice(r: Rng, n: number): CorpusDoc {
  const blocks: Block[] = [
    { kind: 'para', content: ['索引号：', ...indexWithUscc(r), `\u3000发布机构：巫山县曲尺乡人民政府\u3000成文日期：${date(r)}\u3000文号：${docNumber(r)}`] },
    { kind: 'para', content: [`索引号：${indexNumber(r)}\u3000相关文件：${docNumber(r)}`] },
  ];
  for (let i = 0, k = r.int(2, 5); i < k; i++) {
    blocks.push({ kind: 'para', content: [`${trap(r)}${trap(r)}各村（社区）要按照${docNumber(r)}的要求做好相关工作，${trap(r)}${trap(r)}确保政策落实到位。`] });
  }
  blocks.push({ kind: 'para', content: [r.pick(negativeCorpus).text] });
  return { name: `policy-${n}`, title: '关于做好政务公开工作的通知', genre: '政策通知（无个人信息）', personal: false, blocks };
}

function statistics(r: Rng, n: number): CorpusDoc {
  const years = [2021, 2022, 2023, 2024];
  const rows: Inline[][][] = [[['指标'], ['单位'], ...years.map((y) => [`${y}年`])]];
  for (const [label, unit, lo, hi] of [
    ['地区生产总值', '元', 1000000000, 1999999999],
    ['一般公共预算支出', '元', 13000000000, 18999999999],
    ['农村常住居民人均可支配收入', '元', 12000, 19000],
    ['粮食产量', '吨', 10000, 16000],
    ['户籍人口', '人', 20000, 26000],
    ['低保对象', '人', 300, 900],
    ['危房改造', '户', 10, 120],
  ] as const) {
    rows.push([[label], [unit], ...years.map(() => [String(r.int(lo, hi))])]);
  }
  return {
    name: `stats-${n}`,
    title: `曲尺乡${r.int(2023, 2025)}年主要经济社会指标统计表`,
    genre: '统计表（无个人信息）',
    personal: false,
    blocks: [
      { kind: 'para', content: [`数据来源：巫山县统计局${date(r)}发布。${trap(r)}`] },
      { kind: 'table', rows },
      { kind: 'para', content: [`注：${trap(r)}${trap(r)}数据截至${date(r)}。`] },
    ],
  };
}

function procurement(r: Rng, n: number): CorpusDoc {
  const rows: Inline[][][] = [[['序号'], ['供应商名称'], ['统一社会信用代码'], ['中标金额（元）'], ['项目编号']]];
  for (let i = 1; i <= r.int(2, 8); i++) {
    rows.push([[String(i)], [`重庆${r.pick(['渝东', '巫峡', '三峡', '长江'])}${r.pick(['建设', '农业', '信息技术', '劳务'])}有限公司`], [usccMark(r)], [`${r.int(10000, 9999999)}.${pad(r.int(0, 99), 2)}`], [`500237-${r.int(2023, 2025)}-CG-${pad(r.int(1, 999), 3)}`]]);
  }
  return {
    name: `procurement-${n}`,
    title: '曲尺乡政府采购结果公告',
    genre: '采购结果（无个人信息）',
    personal: false,
    blocks: [{ kind: 'para', content: [`采购人：巫山县曲尺乡人民政府（统一社会信用代码：`, usccMark(r), `），${trap(r)}${trap(r)}`] }, { kind: 'table', rows }, closing(r)],
  };
}

const positiveGenres = [dibao, weifang, nongbu, notice];
const negativeGenres = [policyNotice, statistics, procurement];

/**
 * `count` documents from `seed`: about two in three hold personal data, the rest none. The same
 * seed always gives the same documents.
 */
export function generateCorpusDocs(seed: number, count: number): CorpusDoc[] {
  const r = new Rng(seed);
  const docs: CorpusDoc[] = [];
  for (let i = 0; i < count; i++) {
    const genre = i % 3 === 2 ? negativeGenres[Math.floor(i / 3) % negativeGenres.length]! : positiveGenres[(i - Math.floor(i / 3)) % positiveGenres.length]!;
    docs.push(genre(r, i + 1));
  }
  return docs;
}

/** Every mark of a document, in reading order. */
export function docMarks(doc: CorpusDoc): Mark[] {
  const out: Mark[] = [];
  const walk = (content: Inline[]) => content.forEach((x) => typeof x !== 'string' && out.push(x));
  for (const b of doc.blocks) {
    if (b.kind === 'para') walk(b.content);
    else b.rows.forEach((row) => row.forEach(walk));
  }
  return out;
}
