/**
 * fast-check arbitraries for the labelled evaluation corpus (DOMAIN.md §4.4.5): valid ID numbers,
 * mobile numbers, bank cards and USCCs written in the ways 公示 lists write them (plain, grouped,
 * hyphenated, +86, full-width, lower-case x), embedded in Chinese sentences and tab-separated
 * tables between traps (dates, amounts, 文号, 索引号, order numbers, timestamps). Every document
 * carries the spans it holds. Test-only: nothing here is exported by the module's index.
 */
import fc from 'fast-check';
import { luhnCheckDigit } from '../bank-card.ts';
import { idCardCheckChar } from '../id-card.ts';
import { isValidOrgCode, usccAlphabet, usccCheckChar } from '../uscc.ts';
import type { FindingType } from '../types.ts';

/** One labelled span of a generated document. */
export interface LabelledSpan {
  type: FindingType;
  start: number;
  end: number;
  /** Whether the detector must report it at high confidence (valid, unambiguous values). */
  expectHigh: boolean;
}

/** A generated document with its labels. */
export interface LabelledDoc {
  text: string;
  spans: LabelledSpan[];
}

/** A piece of a document: plain text, or a value with its label. */
type Piece = string | { text: string; type: FindingType; expectHigh: boolean };

function compose(pieces: readonly Piece[]): LabelledDoc {
  let text = '';
  const spans: LabelledSpan[] = [];
  for (const p of pieces) {
    if (typeof p === 'string') {
      text += p;
      continue;
    }
    spans.push({ type: p.type, start: text.length, end: text.length + p.text.length, expectHigh: p.expectHigh });
    text += p.text;
  }
  return { text, spans };
}

const fullWidth = (s: string): string => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const countyCodes = ['500237', '500101', '500112', '110105', '310104', '440305', '350102', '510107', '420102', '130102', '610113', '370202', '320106', '330106', '230102', '650102', '460105', '810000', '820000', '830000'];

/** Valid 18-digit ID numbers (real county codes, birth dates 1930–2020). */
export const idCard18 = fc
  .record({
    county: fc.constantFrom(...countyCodes),
    birth: fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ county, birth, seq }) => {
    const first17 = county + birth.toISOString().slice(0, 10).replaceAll('-', '') + String(seq).padStart(3, '0');
    return first17 + idCardCheckChar(first17);
  });

const mobilePrefixes = [
  ...Array.from({ length: 10 }, (_, i) => `13${i}`),
  '145', '146', '147', '148', '149', '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '162', '165', '166', '167', '170', '171', '172', '173', '175', '176', '177', '178',
  ...Array.from({ length: 10 }, (_, i) => `18${i}`),
  '190', '191', '192', '193', '195', '196', '197', '198', '199',
];

/** Mobile numbers with allocated prefixes. */
export const mobile = fc
  .tuple(fc.constantFrom(...mobilePrefixes), fc.stringMatching(/^\d{8}$/))
  .map(([p, rest]) => p + rest);

/** Luhn-valid UnionPay (62…) cards of 16–19 digits. */
export const unionPayCard = fc
  .tuple(fc.constantFrom('622202', '622848', '622700', '621700', '622566', '621483', '623052'), fc.integer({ min: 16, max: 19 }), fc.stringMatching(/^\d{12}$/))
  .map(([bin, length, body]) => {
    const payload = (bin + body + '000000').slice(0, length - 1);
    return payload + luhnCheckDigit(payload);
  });

/** Luhn-valid 16-digit Visa / Mastercard numbers. */
export const internationalCard = fc
  .tuple(fc.constantFrom('4', '51', '52', '53', '55'), fc.stringMatching(/^\d{14}$/))
  .map(([bin, body]) => {
    const payload = (bin + body).slice(0, 15);
    return payload + luhnCheckDigit(payload);
  });

const usccChars = [...usccAlphabet];

/** Valid USCCs (valid embedded 组织机构代码 too). */
export const uscc = fc
  .record({
    head: fc.constantFrom('11', '12', '13', '31', '51', '52', '53', '91', '92', '93', 'Y1'),
    county: fc.constantFrom(...countyCodes.slice(0, 15)),
    org: fc.array(fc.constantFrom(...usccChars), { minLength: 8, maxLength: 8 }),
  })
  .map(({ head, county, org }) => {
    const body8 = org.join('');
    let orgCode = '';
    for (const c of '0123456789X') {
      if (isValidOrgCode(body8 + c)) orgCode = body8 + c;
    }
    const first17 = head + county + orgCode;
    return first17 + usccCheckChar(first17)!;
  })
  .filter((code) => code.length === 18);

const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const givenChars = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰凤云建国德福春梅红志文清海波林琴燕辉鹏飞'];

/** Chinese personal names (surname + 1–2 characters, or a compound surname). */
export const personName = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(fc.constantFrom(...surnames), fc.array(fc.constantFrom(...givenChars), { minLength: 1, maxLength: 2 })).map(([s, g]) => s + g.join('')) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('欧阳', '司马', '诸葛', '上官'), fc.array(fc.constantFrom(...givenChars), { minLength: 1, maxLength: 2 })).map(([s, g]) => s + g.join('')) },
);

const villages = ['柳坪', '曲尺', '月明', '朝阳', '平安', '双龙', '桂花', '红岩', '茶园', '金竹'];
const groupNumerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Addresses below 乡镇: village + group + house number, or estate + building + unit + room. */
export const homeAddress = fc.oneof(
  fc.tuple(fc.constantFrom(...villages), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 99 }), fc.boolean()).map(([v, g, h, chineseGroup]) => `${v}村${chineseGroup && g <= 10 ? groupNumerals[g - 1] : g}组${h}号`),
  fc.tuple(fc.constantFrom('阳光', '滨江', '幸福', '锦绣'), fc.constantFrom('小区', '花园', '社区'), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 101, max: 2604 })).map(([n, k, b, u, r]) => `${n}${k}${b}栋${u}单元${r}室`),
);

/** How a value is written: by kind of value, a function of the plain value. */
const idFormats = fc.constantFrom<(s: string) => string>((s) => s, (s) => s.toLowerCase(), fullWidth, (s) => `${s.slice(0, 6)} ${s.slice(6, 14)} ${s.slice(14)}`);
const mobileFormats = fc.constantFrom<(s: string) => string>(
  (s) => s,
  (s) => `${s.slice(0, 3)} ${s.slice(3, 7)} ${s.slice(7)}`,
  (s) => `${s.slice(0, 3)}-${s.slice(3, 7)}-${s.slice(7)}`,
  (s) => `+86 ${s}`,
  (s) => `+86${s}`,
  (s) => `0086-${s}`,
  fullWidth,
);
const cardFormats = fc.constantFrom<(s: string) => string>((s) => s, (s) => s.replace(/(\d{4})(?=\d)/g, '$1 '));

/** Fixed trap texts: 文号, 索引号, amounts, dates, timestamps, postcodes, article numbers. */
const fixedTrap = fc.constantFrom(
  '',
  '，',
  '。根据渝府发〔2025〕12号文件，',
  '，补助金额¥1,234.56元，',
  '（索引号：11500237MB1584773X/2025-00012）',
  '，办理时间2025-03-12 14:30:00，',
  '，流水号20250312143000123，',
  '，订单号202503121430001234567，',
  '，邮编404700，',
  '，依据条例第二十条第（五）项，',
  '，合计12345678.00元，',
  '，发票号码25502000000012345678，',
);

/**
 * Trap text between the values: none of it is personal. Random order numbers are the hard
 * part: about 1 in 40 random 16-digit numbers passes Luhn with a card prefix and is reported.
 */
const trap = fc.oneof(
  { weight: 1, arbitrary: fc.stringMatching(/^[1-9]\d{15,19}$/).map((n) => `，订单号${n}，`) },
  { weight: 6, arbitrary: fixedTrap },
);

const sentence = fc
  .record({
    name: personName,
    id: idCard18,
    idFormat: idFormats,
    phone: mobile,
    phoneFormat: mobileFormats,
    card: fc.oneof({ weight: 4, arbitrary: unionPayCard }, { weight: 1, arbitrary: internationalCard }),
    cardFormat: cardFormats,
    address: homeAddress,
    org: uscc,
    template: fc.integer({ min: 0, max: 4 }),
    t1: trap,
    t2: trap,
  })
  .map((r): Piece[] => {
    const id = { text: r.idFormat(r.id), type: 'idCard' as const, expectHigh: true };
    const phone = { text: r.phoneFormat(r.phone), type: 'mobile' as const, expectHigh: true };
    // A grouped international card looks like a row of four amounts: medium unless labelled.
    const cardText = r.cardFormat(r.card);
    const card = { text: cardText, type: 'bankCard' as const, expectHigh: r.card.startsWith('62') || !cardText.includes(' ') };
    const name = { text: r.name, type: 'name' as const, expectHigh: false };
    const address = { text: r.address, type: 'address' as const, expectHigh: false };
    const org = { text: r.org, type: 'uscc' as const, expectHigh: true };
    switch (r.template) {
      case 0:
        return ['申请人：', name, '，身份证号码', id, r.t1, '联系电话：', phone, '，家庭住址：巫山县曲尺乡', address, '。'];
      case 1:
        return ['经审核，', name, '（公民身份号码：', id, '）符合条件', r.t1, '补助资金通过银行卡', card, '发放', r.t2, '。'];
      case 2:
        return ['请于3个工作日内回电', phone, r.t1, '核对', id, '的信息', r.t2, '收款账号', card, '。'];
      case 3:
        return ['供应商统一社会信用代码：', org, r.t1, '联系人：', name, '，手机', phone, r.t2, '开户银行账号：', card, '。'];
      default:
        return [id, '；', r.t1, phone, '；', r.t2, card, '。'];
    }
  });

const tableRow = fc
  .record({ name: personName, id: idCard18, phone: mobile, card: unionPayCard, address: homeAddress, amount: fc.integer({ min: 100, max: 99999 }) })
  .map((r): Piece[] => ['\t', { text: r.name, type: 'name', expectHigh: false }, '\t', { text: r.id, type: 'idCard', expectHigh: true }, '\t', { text: r.phone, type: 'mobile', expectHigh: true }, '\t', { text: r.card, type: 'bankCard', expectHigh: true }, '\t曲尺乡', { text: r.address, type: 'address', expectHigh: false }, `\t${r.amount}.00\n`]);

/** A 公示 table (tab-separated, with a header row) of 1–8 recipients. */
const table = fc.array(tableRow, { minLength: 1, maxLength: 8 }).map((rows): Piece[] => {
  const pieces: Piece[] = ['曲尺乡2025年低保对象公示\n序号\t姓名\t身份证号\t联系电话\t银行卡号\t家庭住址\t补助金额（元）\n'];
  rows.forEach((row, i) => pieces.push(String(i + 1), ...row));
  return pieces;
});

/** A labelled document: a few sentences or a table. */
export const labelledDoc: fc.Arbitrary<LabelledDoc> = fc
  .oneof({ weight: 3, arbitrary: fc.array(sentence, { minLength: 1, maxLength: 4 }).map((ss) => ss.flatMap((s) => [...s, '\n'])) }, { weight: 1, arbitrary: table })
  .map(compose);
