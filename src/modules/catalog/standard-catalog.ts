/**
 * The shipped standard catalog for 乡镇: the 26 pilot areas of 国办发〔2019〕54号 and a FIRST
 * VERSION of items per area, written from the area names, 条例第20/21条 and real 基层 catalogs
 * (DOMAIN.md §3.1). It has not yet been checked item by item against the 26 ministries'
 * 基层政务公开标准指引; docs/modules/catalog.md says so. Each agency receives a copy it edits.
 */
import type { TimeRule } from './time-rule.ts';
import type { Channel } from './channels.ts';

/** Version tag stored in catalog_states, so a later standard can be told apart. */
export const standardCatalogVersion = '2025-first';

export interface StandardItem {
  level1: string;
  level2: string;
  content: string;
  basis: string;
  rule: TimeRule;
  channels: Channel[];
  audience: 'public' | 'specific';
}

export interface StandardArea {
  name: string;
  items: StandardItem[];
}

const wd20: TimeRule = { kind: 'event', unit: 'workingDays', limit: 20 };
const wd7: TimeRule = { kind: 'event', unit: 'workingDays', limit: 7 };
const h24: TimeRule = { kind: 'event', unit: 'hours', limit: 24 };
const monthly10: TimeRule = { kind: 'periodic', period: 'monthly', dueDay: 10 };
const quarterly15: TimeRule = { kind: 'periodic', period: 'quarterly', dueDay: 15 };
/**
 * 公示 items with a 公示期 (the information must stay public that long after its first publication;
 * docs/modules/catalog.md §公示期). None of these periods is in DOMAIN.md: each says where it
 * comes from and is unchecked against the primary text unless DOMAIN.md gains it.
 */
/** 中标候选人公示 "公示期不得少于3日" — the item's basis, 《招标投标法实施条例》第五十四条 (not in DOMAIN.md; unchecked). 7 WD to publish: DOMAIN.md §1.2 [C]. */
const bidNotice: TimeRule = { kind: 'event', unit: 'workingDays', limit: 7, noticeDays: 3 };
/** 征收土地预公告 "公告至少三十日" — the item's basis, 《土地管理法》第四十七条 (not in DOMAIN.md; unchecked). */
const landNotice: TimeRule = { kind: 'event', unit: 'workingDays', limit: 7, noticeDays: 30 };
/** 城乡规划草案 "公告的时间不得少于三十日" — the item's basis, 《城乡规划法》第二十六条 (not in DOMAIN.md; unchecked). */
const planNotice: TimeRule = { kind: 'event', unit: 'workingDays', limit: 20, noticeDays: 30 };
/** 补助对象 公示期 7 天: LOCAL PRACTICE of 基层 catalogs (no national source known; DOMAIN.md §6 "公开目录 update limits" are local). */
const subsidyNotice: TimeRule = { kind: 'event', unit: 'workingDays', limit: 7, noticeDays: 7 };
const yearly: (m: number, d: number) => TimeRule = (m, d) => ({ kind: 'periodic', period: 'yearly', dueMonth: m, dueDay: d });

const tl = '《中华人民共和国政府信息公开条例》';
const web: Channel[] = ['website'];
const webBoard: Channel[] = ['website', 'bulletinBoard'];
const webBoardStation: Channel[] = ['website', 'bulletinBoard', 'serviceStation'];

/** [一级事项, 二级事项, 公开内容, 公开依据, 时限, 渠道, 对象] in a compact form. */
type Row = [string, string, string, string, TimeRule?, Channel[]?, ('public' | 'specific')?];

const area = (name: string, rows: Row[]): StandardArea => ({
  name,
  items: rows.map(([level1, level2, content, basis, rule, channels, audience]) => ({
    level1,
    level2,
    content,
    basis,
    rule: rule ?? wd20,
    channels: channels ?? web,
    audience: audience ?? 'public',
  })),
});

/** The 26 areas in the order of DOMAIN.md §3.1. */
export const standardCatalog: StandardArea[] = [
  area('重大建设项目', [
    ['批准服务信息', '审批、核准、备案结果', '项目名称、建设单位、批复文件', `${tl}第二十条第（十）项`],
    ['实施信息', '项目进度与竣工', '开工、进度、竣工验收情况', `${tl}第二十条第（十）项`],
  ]),
  area('公共资源交易', [
    ['交易公告', '招标、采购公告', '项目名称、预算、报名条件与时间', '《招标投标法》《政府采购法》', wd7],
    ['成交信息', '中标（成交）结果公示', '中标人、中标金额、公示期', '《招标投标法实施条例》第五十四条', bidNotice],
  ]),
  area('财政预决算', [
    ['预算', '部门预算', '预算报表与说明', '《预算法》第十四条', wd20],
    ['决算', '部门决算', '决算报表与说明', '《预算法》第十四条', wd20],
    ['三公经费', '"三公"经费预决算', '因公出国（境）、公务用车、公务接待经费', '《预算法》第十四条', wd20],
  ]),
  area('安全生产', [
    ['安全生产监管', '检查与隐患排查', '检查计划、检查结果、整改情况', `${tl}第二十条第（十三）项`],
    ['事故信息', '生产安全事故', '事故概况、处置情况', '《生产安全事故报告和调查处理条例》', h24],
  ]),
  area('税收管理', [['政策宣传', '税费政策', '减税降费政策、办理渠道', `${tl}第二十条第（十一）项`]]),
  area('征地补偿', [
    ['征收土地信息', '征地告知与方案公告', '征收范围、用途、补偿标准、安置方式', '《土地管理法》第四十七条', landNotice, webBoardStation],
    ['补偿信息', '补偿费用发放', '补偿对象、金额（脱敏）', '《土地管理法实施条例》', wd20, webBoardStation],
  ]),
  area('国有土地上房屋征收与补偿', [['征收补偿', '征收决定与补偿方案', '征收决定、补偿方案、评估机构', '《国有土地上房屋征收与补偿条例》第十三条', wd7, webBoard]]),
  area('农村危房改造', [
    ['政策与申请', '补助政策与申请条件', '补助标准、对象条件、办理程序', `${tl}第二十一条`],
    ['对象认定', '补助对象公示', '拟补助对象名单（脱敏）、公示期', `${tl}第二十一条`, subsidyNotice, webBoardStation],
  ]),
  // 行政处罚 公示 within 7 working days: DOMAIN.md §1.2 (胡家镇 catalog) [C]; no 公示期 is known for it.
  area('城市综合执法', [['执法信息', '行政处罚结果', '处罚决定（脱敏）', `${tl}第二十条第（六）项`, wd7]]),
  area('涉农补贴', [
    ['补贴政策', '补贴项目与标准', '补贴项目、标准、对象、申领程序', `${tl}第二十一条`],
    ['补贴发放', '发放情况公示', '发放对象、金额（脱敏）', `${tl}第二十一条`, quarterly15, webBoardStation],
  ]),
  area('就业', [
    ['就业服务', '招聘信息', '岗位、条件、报名方式', `${tl}第二十条第（十一）项`, h24],
    ['就业政策', '就业创业扶持政策', '政策内容、申请条件', `${tl}第二十条第（十一）项`],
  ]),
  // 低保/特困/临时救助 lists are periodic 公示 here (monthly / quarterly); a 公示期 is modelled for event rules only.
  area('社会救助', [
    ['最低生活保障', '低保对象与资金', '保障对象（脱敏）、保障金额、资金发放', `${tl}第二十一条；《社会救助暂行办法》`, monthly10, webBoardStation],
    ['特困人员供养', '特困供养对象', '供养对象（脱敏）、供养标准', '《社会救助暂行办法》', quarterly15, webBoardStation],
    ['临时救助', '临时救助情况', '救助对象（脱敏）、金额', '《社会救助暂行办法》', quarterly15, webBoardStation],
  ]),
  area('养老服务', [['养老服务', '高龄津贴与养老服务', '补贴标准、发放情况、服务机构', `${tl}第二十条第（十一）项`, quarterly15, webBoard]]),
  area('公共法律服务', [['法律服务', '法律援助与人民调解', '服务事项、地点、联系方式', `${tl}第二十条第（五）项`]]),
  area('户籍管理', [['户籍业务', '办理指南', '户口登记、迁移办理条件与材料', `${tl}第二十条第（五）项`]]),
  area('社会保险', [
    ['参保服务', '城乡居民养老、医疗保险', '缴费标准、办理流程', `${tl}第二十条第（十一）项`],
    ['待遇发放', '待遇领取资格认证', '认证时间、方式', `${tl}第二十条第（十一）项`],
  ]),
  area('义务教育', [['教育政策', '入学政策与资助', '招生入学政策、学生资助', `${tl}第二十条第（十一）项`]]),
  area('生态环境', [['环境监管', '环境检查与整治', '检查情况、整改结果', `${tl}第二十条第（十三）项`]]),
  area('食品药品监管', [['监督检查', '检查与抽检结果', '检查对象、结果、处理情况', `${tl}第二十条第（十三）项`]]),
  area('公共文化服务', [['文化服务', '文化活动与场馆', '活动安排、场馆开放时间', `${tl}第二十条第（十一）项`, h24]]),
  area('乡村振兴', [
    ['衔接资金', '项目与资金公告公示', '项目名称、资金规模、实施单位、绩效目标', '财政衔接推进乡村振兴补助资金管理办法', wd20, webBoardStation],
    ['帮扶政策', '防止返贫监测与帮扶', '监测对象认定程序、帮扶措施', `${tl}第二十条第（十一）项`],
  ]),
  area('救灾', [
    ['预警信息', '灾害预警与应急响应', '预警级别、影响范围、防范措施', `${tl}第二十条第（十二）项`, h24, ['website', 'newMedia', 'broadcast', 'bulletinBoard', 'targeted']],
    ['救灾款物', '救灾款物发放', '发放对象（脱敏）、数量', '《自然灾害救助条例》', wd20, webBoardStation],
  ]),
  area('市政服务', [['公用事业', '供水供电等服务', '服务网点、停水停电通知', `${tl}第二十条第（十一）项`, h24]]),
  area('卫生健康', [['公共卫生', '基本公共卫生服务', '服务项目、免费内容', `${tl}第二十条第（十三）项`]]),
  area('公共体育', [['体育设施', '健身设施与活动', '设施位置、开放时间、活动安排', `${tl}第二十条第（十一）项`]]),
  area('城乡规划', [['规划信息', '村庄规划', '规划草案公示、批复', '《城乡规划法》第二十六条', planNotice, webBoard]]),
];

/** Items every agency also needs outside the 26 areas (机构信息、年度报告). */
export const generalAreas: StandardArea[] = [
  area('机构与政务公开工作', [
    ['机构信息', '机构职能与联系方式', '职能、机构设置、地址、办公时间、电话、负责人', `${tl}第二十条第（二）项`],
    ['政府信息公开年度报告', '年度报告', '上一年度政府信息公开工作年度报告', `${tl}第四十九条`, yearly(1, 31)],
    ['政府信息公开指南和制度', '公开指南与工作制度', '公开指南、申请渠道、工作制度', `${tl}第十二条`],
    ['政策文件', '规章和规范性文件', '规章、行政规范性文件及其解读', `${tl}第二十条第（一）项`],
    ['统计信息', '统计数据', '国民经济和社会发展统计信息', `${tl}第二十条第（四）项`],
    ['其他法定公开信息', '其他信息', '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息', `${tl}第二十条第（十五）项`],
  ]),
];

/**
 * The catalog item a document of a portal column belongs to unless the drafter picks another
 * ([领域, 一级事项, 二级事项], looked up by name in the agency's catalog). Every column of the
 * standard tree (agencies/standard-columns.ts, DOMAIN.md §3.2) is listed, mapped to the closest
 * item of the shipped catalog (DOMAIN.md §3.1); columns for which no area has a close item go to
 * 其他法定公开信息 (条例第二十条第（十五）项) rather than to an item whose 公开时限 would be wrong.
 * catalog-backfill.test.ts checks that every entry names a shipped item. An agency that renamed
 * or deleted the item gets no default and must choose (docs/modules/catalog.md §Enforcement).
 */
const general = '机构与政务公开工作';
const other: [string, string, string] = [general, '其他法定公开信息', '其他信息'];
export const columnCatalogDefaults: Record<string, [string, string, string]> = {
  // First-level columns (国办公开办函〔2019〕61号).
  zfxxgkzn: [general, '政府信息公开指南和制度', '公开指南与工作制度'],
  zfxxgkzd: [general, '政府信息公开指南和制度', '公开指南与工作制度'],
  fdzdgknr: other,
  zfxxgknb: [general, '政府信息公开年度报告', '年度报告'],
  // 条例第二十条, item by item.
  gfxwj: [general, '政策文件', '规章和规范性文件'], // (一)
  jgzn: [general, '机构信息', '机构职能与联系方式'], // (二)
  ghxx: ['城乡规划', '规划信息', '村庄规划'], // (三)
  tjxx: [general, '统计信息', '统计数据'], // (四)
  xzxk: other, // (五) 行政许可: no licensing item; 户籍/法律服务 guides are single services, not licences
  xzcf: ['城市综合执法', '执法信息', '行政处罚结果'], // (六)
  czyjs: ['财政预决算', '预算', '部门预算'], // (七)
  xzsyxsf: other, // (八) 收费: 税收管理's 税费政策 is tax policy, not an organ's fees
  zfcg: ['公共资源交易', '交易公告', '招标、采购公告'], // (九)
  zdjsxm: ['重大建设项目', '批准服务信息', '审批、核准、备案结果'], // (十)
  msbz: ['乡村振兴', '帮扶政策', '防止返贫监测与帮扶'], // (十一) 扶贫（乡村振兴）、教育、医疗、社会保障、就业: its first-named subject
  yjgl: ['救灾', '预警信息', '灾害预警与应急响应'], // (十二)
  jdjc: ['安全生产', '安全生产监管', '检查与隐患排查'], // (十三)
  gwyzk: other, // (十四) 公务员招考: 就业's 招聘信息 is a public employment service with a 24-hour rule
  qtxx: other, // (十五)
  // 条例第二十一条, 乡（镇）.
  nyncz: ['涉农补贴', '补贴政策', '补贴项目与标准'],
  ntsl: ['乡村振兴', '衔接资金', '项目与资金公告公示'], // rural works are announced as projects with their funds
  tdcb: other, // 土地承包经营权流转: no item (征地补偿 is expropriation, another regime)
  zjd: other, // 宅基地审核: individual approvals, not the 村庄规划 itself
  tdzs: ['征地补偿', '征收土地信息', '征地告知与方案公告'],
  fwzs: ['国有土地上房屋征收与补偿', '征收补偿', '征收决定与补偿方案'],
  czcl: other, // 筹资筹劳（一事一议）: no item
  shjz: ['社会救助', '最低生活保障', '低保对象与资金'],
  // 条例第二十一条, 县级.
  szjs: ['市政服务', '公用事业', '供水供电等服务'],
  ggfw: ['市政服务', '公用事业', '供水供电等服务'],
  gysy: ['公共文化服务', '文化服务', '文化活动与场馆'],
  zagl: other, // 治安管理: no item (户籍管理 is a service guide)
};

/** [领域, 一级事项, 二级事项] of the default catalog item of a column slug. */
export function defaultCatalogKeyForColumn(slug: string): [string, string, string] {
  return columnCatalogDefaults[slug] ?? other;
}
