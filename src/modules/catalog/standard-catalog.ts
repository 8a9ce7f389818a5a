/**
 * The shipped standard catalog for 乡镇: the 26 pilot areas of 国办发〔2019〕54号 (DOMAIN.md §3.1)
 * and their items, plus the general area 机构与政务公开工作. Each agency receives a copy it edits.
 *
 * Version '2026-checked': every area was compared with real township/county 基层政务公开标准目录
 * published by 基层 governments from the 26 ministries' 标准指引 (found through stored copies of
 * their pages; the URLs are those of the copies). Each area says what it was checked against:
 * - [C n] checked against n real catalogs (their URLs follow); items they consistently carry were
 *   added (marked `added`), wrong ones fixed, and items no source contradicts were kept;
 * - [M] no real catalog of the area was found: the items are still the first version, written from
 *   the area name and 条例第20/21条, and unchecked.
 * The sources are third-party copies of 基层 catalogs, not the ministries' guides themselves, and
 * only the opening rows of each were readable: an area marked [C] is checked, not complete.
 * Agencies seeded with an earlier version keep their catalog (seeding is once); an admin adds the
 * new items by importing `scripts/standard-catalog-xlsx.ts --added-only` (docs/modules/catalog.md).
 */
import type { TimeRule } from './time-rule.ts';
import type { Channel, Level } from './channels.ts';
import type { CatalogSheetRow } from './catalog-xlsx.ts';

/** Version tag stored in catalog_states, so a later standard can be told apart. */
export const standardCatalogVersion = '2026-checked';

export interface StandardItem {
  level1: string;
  level2: string;
  content: string;
  basis: string;
  rule: TimeRule;
  channels: Channel[];
  audience: 'public' | 'specific';
  /** The version that added the item, for items added after the first version ('2025-first'). */
  since?: string;
}

export interface StandardArea {
  name: string;
  items: StandardItem[];
}

const wd20: TimeRule = { kind: 'event', unit: 'workingDays', limit: 20 };
/** 社会救助/养老服务 "制定或获取信息之日起10个工作日内": 民政 catalogs (社会救助、养老服务 areas below) [C]. */
const wd10: TimeRule = { kind: 'event', unit: 'workingDays', limit: 10 };
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
/**
 * 低保 审核信息 "初审对象名单及相关信息 — 制定或获取信息之日起10个工作日内，公示7个工作日": the wording of
 * every 社会救助 catalog read (孟定镇 mdx.gov.cn, 荷花镇 tengchong.gov.cn; 宝坻 tjbd.gov.cn, 盖州, 大竹 carry the
 * same row) — from 民政部's guide (民办函〔2019〕52号 per the 泰山 copy), not checked against it.
 */
const dibaoNotice: TimeRule = { kind: 'event', unit: 'workingDays', limit: 10, noticeDays: 7, noticeUnit: 'workingDays' };
/**
 * 扶贫（衔接）资金项目公告公示 "原则上公开公告时间不得少于10天": 《关于完善扶贫资金项目公告公示制度的指导意见》
 * 第四条 as quoted by a secondary page (http://lwstw.com/caijingzixun/sitmmug9me.html) — not the primary text;
 * unchecked. The 乡村振兴 area's catalogs below publish within 20 working days.
 */
const fundNotice: TimeRule = { kind: 'event', unit: 'workingDays', limit: 20, noticeDays: 10 };
const yearly: (m: number, d: number) => TimeRule = (m, d) => ({ kind: 'periodic', period: 'yearly', dueMonth: m, dueDay: d });

const tl = '《中华人民共和国政府信息公开条例》';
const web: Channel[] = ['website'];
const webBoard: Channel[] = ['website', 'bulletinBoard'];
const webBoardStation: Channel[] = ['website', 'serviceStation', 'bulletinBoard'];
const webCenter: Channel[] = ['website', 'serviceCenter'];

/** [一级事项, 二级事项, 公开内容, 公开依据, 时限, 渠道, 对象] in a compact form. */
type Row = [string, string, string, string, TimeRule?, Channel[]?, ('public' | 'specific')?];
/** A row added by '2026-checked' (checked against real catalogs); see {@link StandardItem.since}. */
type AddedRow = Row & { added: true };
const added = (...row: Row): AddedRow => Object.assign(row, { added: true as const });

const area = (name: string, rows: Array<Row | AddedRow>): StandardArea => ({
  name,
  items: rows.map((row) => {
    const [level1, level2, content, basis, rule, channels, audience] = row;
    return {
      level1,
      level2,
      content,
      basis,
      rule: rule ?? wd20,
      channels: channels ?? web,
      audience: audience ?? 'public',
      ...('added' in row ? { since: '2026-checked' } : {}),
    };
  }),
});

/*
 * Naming: real catalogs head many areas with 一级事项 "政策文件"; here those rows are "政策法规", because
 * 政策文件 is the general area's item (条例第二十条第（一）项, the gfxwj column default) and the console's
 * 目录事项 picker and the tests find items by 一级事项. Items a column default names keep their names
 * even where real catalogs word them differently: a rename would silently take the default away from
 * every agency seeded earlier (its copy keeps the old name).
 */

/** The 26 areas in the order of DOMAIN.md §3.1. */
export const standardCatalog: StandardArea[] = [
  // [C 4] 建德市 (乡镇人民政府 as subject) http://www.jiande.gov.cn/col/col1229432950/index.html;
  // http://www.sxly.gov.cn/doc/2023/12/27/407974.shtml; https://zgul.cn/info/2191/281961.htm (招标投标信息);
  // 通海九龙街道 https://www.tonghai.gov.cn/thxzfxxgk/jljd/20240816/1549045.html (征收土地信息, 乡级).
  // Real catalogs call the results 批准结果信息 (20 WD; 行政许可 7 WD); the zdjsxm default keeps the old name.
  area('重大建设项目', [
    ['批准服务信息', '审批、核准、备案结果', '项目名称、建设单位、批复文件、批复时间与文号（批准结果信息）', `${tl}第二十条第（十）项；《关于推进重大建设项目批准和实施领域政府信息公开的意见》（国办发〔2017〕94号）`],
    ['实施信息', '项目进度与竣工', '开工、进度、竣工验收情况', `${tl}第二十条第（十）项`],
    added('批准服务信息', '办事指南', '申报材料清单、批准流程、办理时限、受理机构联系方式、申报要求', '《关于推进重大建设项目批准和实施领域政府信息公开的意见》（国办发〔2017〕94号）', wd20, webCenter),
    added('招标投标信息', '招标投标', '招标公告、中标候选人公示、中标结果公示、合同订立情况', '《招标公告和公示信息发布管理办法》；国办发〔2017〕94号'),
    added('征收土地信息', '征收土地信息', '征地告知、征收土地方案、征地公告、征地补偿安置方案公告', `${tl}；国办发〔2017〕94号`),
  ]),
  // [C 1] 通海九龙街道 (乡级) https://www.tonghai.gov.cn/thxzfxxgk/jljd/20240816/1549045.html — only its first
  // row (政府采购信息/法律法规及政策文件, 20 WD) was readable; the 交易公告/成交信息 rows are kept (uncontradicted).
  area('公共资源交易', [
    ['交易公告', '招标、采购公告', '项目名称、预算、报名条件与时间', '《招标投标法》《政府采购法》', wd7],
    ['成交信息', '中标（成交）结果公示', '中标人、中标金额、公示期', '《招标投标法实施条例》第五十四条', bidNotice],
    added('政府采购信息', '法律法规及政策文件', '与政府采购有关的法律法规及政策文件', tl),
  ]),
  // [C 2] 三角镇 http://www.zs.gov.cn/sjz/sjml/content/post_1875410.html; 城关乡 (乡级)
  // http://www.883803.com/ztzl/jczwgk/bzml/mxxz/cgx/202011/t20201108_1586638.htm. Both: "批准（批复）后20日内" —
  // calendar days (《预算法》第十四条), which TimeRule cannot express: modelled as 20 working days, the text
  // is in 公开内容 (docs/modules/catalog.md §not done). The 三公 table is part of 部门预算 there; kept separate.
  area('财政预决算', [
    ['预算', '部门预算', '收支总体情况表、财政拨款收支情况表、"三公"经费支出表及说明；批复后20日内公开', '《预算法》第十四条；《地方预决算公开操作规程》（财预〔2016〕143号）', wd20],
    ['决算', '部门决算', '决算报表与说明；批复后20日内公开', '《预算法》第十四条', wd20],
    ['三公经费', '"三公"经费预决算', '因公出国（境）、公务用车购置及运行、公务接待经费', '《预算法》第十四条', wd20],
    added('预算', '政府预算', '一般公共预算、政府性基金预算收支表及说明；本级人大批准后20日内公开', '《预算法》第十四条；财预〔2016〕143号', wd20),
    added('决算', '政府决算', '一般公共预算、政府性基金决算收支表及说明；本级人大常委会批准后20日内公开', '《预算法》第十四条；财预〔2016〕143号', wd20),
  ]),
  // [C 4] 新平 (县级/乡级) https://www.xinping.gov.cn/xpxzfxxgk/aqsc23/20240827/1551175.html;
  // 达川 http://dachuan.gov.cn/news-show-147131.html; 沙湾 http://www.shawan.gov.cn/swq/sdlybzml/202009/5770ae23410046d78aa6453f4bceb43d.shtml;
  // http://xjbz.gov.cn/xjbz/c110517/Anarticle.shtml. All: 政策文件 and 依法行政 rows, 20 WD.
  area('安全生产', [
    ['安全生产监管', '检查与隐患排查', '检查计划、检查结果、整改情况', `${tl}第二十条第（十三）项`],
    ['事故信息', '生产安全事故', '事故概况、处置情况', '《生产安全事故报告和调查处理条例》', h24],
    added('政策法规', '法律法规和规章', '与安全生产有关的法律、法规、部门和地方规章及其他政策文件', tl),
    added('依法行政', '行政处罚', '办理行政处罚的依据、条件、程序以及具有一定社会影响的行政处罚决定', `${tl}；《关于推进安全生产领域改革发展的意见》`),
  ]),
  // [M] no real catalog of this area was found.
  area('税收管理', [['政策宣传', '税费政策', '减税降费政策、办理渠道', `${tl}第二十条第（十一）项`]]),
  // [C 2] 东莞寮步镇 (镇级) http://m.veladacinema.com/liaobu/zwgk/jczwgksxbzml/ncjt/content/post_4130477.html
  // (征地管理政策; 征地法定公告: 预公告、补偿安置公告、征收土地公告; 20 WD "法律法规另有规定的从其规定");
  // 通海九龙街道 (above). The 30-day 公告 of 土地管理法第四十七条 is that "另有规定".
  area('征地补偿', [
    ['征收土地信息', '征地告知与方案公告', '征收土地预公告、征地补偿安置公告、征收土地公告（征收范围、目的、补偿方式和标准、安置方式、社会保障、救济途径）', '《土地管理法》第四十七条', landNotice, webBoardStation],
    ['补偿信息', '补偿费用发放', '补偿对象、金额（脱敏）', '《土地管理法实施条例》', wd20, webBoardStation],
    added('征地管理政策', '征地政策与标准', '征地补偿安置法律政策、区片综合地价、地上附着物和青苗补偿费标准、被征地农民安置与社会保障规定', tl, wd20, webBoard),
  ]),
  // [M] no real catalog of this area was found.
  area('国有土地上房屋征收与补偿', [['征收补偿', '征收决定与补偿方案', '征收决定、补偿方案、评估机构', '《国有土地上房屋征收与补偿条例》第十三条', wd7, webBoard]]),
  // [C 5] 江油中坝街道 (乡级) http://www.jiangyou.gov.cn/zwgk/jczwgkbzml/jd/zbjdbsc/25098451.html;
  // https://xjwqx.gov.cn/xjwqx/c104433/202304/30dc3ed6f5124994bd5c92cecd0366f3.shtml; 玉环 http://www.yuhuan.gov.cn/col/col1229431931/index.html;
  // 掇刀 http://www.duodao.gov.cn/art/2020/11/27/art_14662_748033.html; 夏县 http://travelhrb.com/doc/2021/09/27/10510972.shtml.
  // 任务分配 (补助农户名单) "分配结果确定后20个工作日内"; the village 补助对象公示 below is kept (local practice).
  area('农村危房改造', [
    ['政策与申请', '补助政策与申请条件', '补助标准、对象条件、办理程序', `${tl}第二十一条`],
    ['对象认定', '补助对象公示', '拟补助对象名单（脱敏）、公示期', `${tl}第二十一条`, subsidyNotice, webBoardStation],
    added('计划实施', '任务分配', '年度任务分配情况、补助农户名单（脱敏）；分配结果确定后20个工作日内公开', '《关于加强和完善建档立卡贫困户等重点对象农村危房改造若干问题的通知》（建村〔2017〕192号）', wd20, webBoard),
    added('条件与标准', '危房等级评定与补助标准', '农村危房等级评定标准、资金补助标准、竣工合格标准', '建村〔2017〕192号；《农村危房改造脱贫攻坚三年行动方案》（建村〔2018〕115号）', wd20, webBoard),
  ]),
  // [C 1] 阿巴嘎旗 (县级) https://www.abg.gov.cn/abg/ztzl/jczwgkpt/jczwgkbzmlyssqk/cszhzfly/gkbzml/index.html:
  // per offence, 执法依据/程序/裁量基准/投诉方式 long-term and 处罚决定 within 20 WD. 行政处罚 公示 stays at
  // 7 WD: DOMAIN.md §1.2 (胡家镇 catalog) [C] and 国办发〔2018〕118号 (7 个工作日, as the 壤塘 catalog cites it).
  area('城市综合执法', [
    ['执法信息', '行政处罚结果', '处罚决定（脱敏）', `${tl}第二十条第（六）项`, wd7],
    added('执法公示', '执法依据与程序', '机构职能、权责清单、执法人员名单、执法流程、执法依据、行政处罚裁量基准、咨询监督投诉方式、救济渠道', '《关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）'),
  ]),
  // [C 4] 方山县 (乡镇人民政府 subject, 乡/村公示栏) http://fangshan.gov.cn/xxgk/jcgk/202012/t20201212_1457111.html;
  // 柳州 http://bbstxq.liuzhou.gov.cn/ztzl/dqzt/jczwgkzl/202211/t20221121_3177156.shtml; 铁力 https://www.tls.gov.cn/newtlsrmzf/c103254/202101/261324.shtml;
  // 奉新 http://www.xmzaj.com/fxxrmzf/26gsdlyjczwgkbzmlzy/202111/408382c0b9004d8384e65b165a63a0bd.shtml.
  // All: per subsidy, 政策依据/申请指南/补贴结果/监督渠道 within 20 WD. The quarterly 发放情况 is local practice (kept).
  area('涉农补贴', [
    ['补贴政策', '补贴项目与标准', '补贴项目、标准、对象、申领程序', `${tl}第二十一条`],
    ['补贴发放', '发放情况公示', '发放对象、金额（脱敏）', `${tl}第二十一条`, quarterly15, webBoardStation],
    added('农业生产发展资金', '耕地地力保护补贴', '政策依据；申请指南（补贴对象、范围、标准、申请程序与材料、受理单位、办理时限、联系方式）；补贴结果；监督渠道（举报电话、地址）', '《农业生产发展资金管理办法》；《财政部 农业部关于全面推开农业"三项补贴"改革工作的通知》', wd20, webBoard),
  ]),
  // [C 1] 腾冲 (乡镇人民政府 subject) https://www.tengchong.gov.cn/info/7151/5817803.htm: 就业政策法规咨询 and
  // 岗位信息发布 (招聘单位、岗位要求、待遇、流程、方式、电话), 20 WD. The 24-hour 招聘 rule is the local dynamic rule (kept).
  area('就业', [
    ['就业服务', '招聘信息', '招聘单位、岗位要求、福利待遇、招聘流程、应聘方式、咨询电话', `${tl}第二十条第（十一）项；《人力资源市场暂行条例》`, h24],
    ['就业政策', '就业创业扶持政策', '政策项目、对象范围、申请条件、申请材料、办理流程、办理地点', `${tl}第二十条第（十一）项；《就业促进法》`],
  ]),
  // [C 6] 孟定镇 (镇级) http://mdx.gov.cn/info/1473/43897.htm; 荷花镇 (乡级) https://www.tengchong.gov.cn/info/7151/5817733.htm;
  // 宝坻 https://www.tjbd.gov.cn/zwgk/jczwgk/ly/shjzly/202012/t20201216_5039688.html; 盖州 http://www.gaizhou.gov.cn/govxxgk/gzs/2022-01-06/3c993a7e-3dfc-449d-9582-3e26311e7633.html;
  // 大竹 http://www.dazhu.gov.cn/xxgk-show-199777.html; https://m.taishandichan.com/ncjk/ncjkq/zwbzml/202409/f25f92f6bb60485088b928b927563381.shtml.
  // All: 10 WD; 低保 初审对象名单 公示7个工作日. The monthly/quarterly 对象与资金 lists are local practice (kept first:
  // the shjz default and tests find them by 一级事项).
  area('社会救助', [
    ['最低生活保障', '低保对象与资金', '保障对象（脱敏）、保障金额、资金发放', `${tl}第二十一条；《社会救助暂行办法》`, monthly10, webBoardStation],
    ['特困人员供养', '特困供养对象', '供养对象（脱敏）、供养标准', '《社会救助暂行办法》', quarterly15, webBoardStation],
    ['临时救助', '临时救助情况', '救助对象（脱敏）、金额', '《社会救助暂行办法》', quarterly15, webBoardStation],
    added('综合业务', '政策法规文件', '《社会救助暂行办法》及各地配套政策法规文件', `${tl}；《社会救助暂行办法》`, wd10, webBoard),
    added('综合业务', '监督检查', '社会救助信访通讯地址、投诉举报电话', `${tl}；《社会救助暂行办法》`, wd10, webBoard),
    added('最低生活保障', '办事指南', '办理事项、办理条件、最低生活保障标准、申请材料、办理流程、办理时间和地点、联系方式', '《国务院关于进一步加强和改进最低生活保障工作的意见》（国发〔2012〕45号）', wd10, webBoard),
    added('最低生活保障', '审核信息', '初审对象名单及相关信息（脱敏）', '《最低生活保障审核审批办法（试行）》', dibaoNotice, webBoard),
    added('最低生活保障', '审批信息', '低保对象名单及相关信息（脱敏）', '《最低生活保障审核审批办法（试行）》', wd10, webBoard),
    added('特困人员供养', '办事指南', '办理事项、办理条件、救助供养标准、申请材料、办理流程、办理时间和地点、联系方式', '《国务院关于进一步健全特困人员救助供养制度的意见》（国发〔2016〕14号）', wd10, webBoard),
    added('特困人员供养', '审核信息', '初审对象名单及相关信息、终止供养名单（脱敏）', '国发〔2016〕14号；《特困人员认定办法》', wd10, webBoard),
    added('临时救助', '办事指南', '办理事项、办理条件、救助标准、申请材料、办理流程、办理时间和地点、联系方式', '《国务院关于全面建立临时救助制度的通知》（国发〔2014〕47号）', wd10, webBoard),
  ]),
  // [C 1] a 乡人民政府 catalog https://www.ynfq.gov.cn/info/13053/170942.htm: 养老机构备案、养老服务扶持补贴、
  // 老年人补贴 (高龄津贴、养老服务补贴、护理补贴) guides, "制定或获取政策之日起10个工作日内". The quarterly 发放 list is local practice (kept).
  area('养老服务', [
    ['养老服务', '高龄津贴与养老服务', '补贴标准、发放情况、服务机构', `${tl}第二十条第（十一）项`, quarterly15, webBoard],
    added('养老服务业务办理', '老年人补贴', '补贴名称（高龄津贴、养老服务补贴、护理补贴等）、依据、对象、内容和标准、方式、申请材料、办理流程、办理部门、时限、时间地点、咨询电话', `${tl}；《民政部办公厅关于印发社会救助和养老服务领域基层政务公开标准指引的通知》（民办函〔2019〕52号）`, wd10, webCenter),
    added('养老服务业务办理', '养老服务扶持补贴', '补贴名称（建设补贴、运营补贴等）、依据、对象、申请条件、标准、方式、申请材料、办理流程、办理部门、时限、咨询电话', '民办函〔2019〕52号', wd10, webCenter),
  ]),
  // [C 2] 梅县区 (县级/乡村级) http://www.gdmx.gov.cn/zwgk/jczwgkbzml/content/post_2102400.html; 三门
  // http://www.sanmen.gov.cn/col/col1229468253/index.html: "自制作或获取该信息之日起20个工作日内".
  area('公共法律服务', [
    ['法律服务', '法律援助与人民调解', '服务事项、地点、联系方式', `${tl}第二十条第（五）项`],
    added('法治宣传教育', '法律知识普及服务', '法律法规资讯、普法动态资讯、普法讲师团信息、典型案例', '"七五"普法规划及各省普法规划', wd20, ['website', 'newMedia', 'broadcast', 'print', 'doorToDoor', 'bulletinBoard']),
  ]),
  // [C 3] http://tez.gov.cn/zwgk/zwgkzt/jczwgk/sdly/202011/t20201120_1104051.html; 瑞金
  // http://rjxq.ganzhou.gov.cn/rjxq/c105099/202012/ca8b081a776140e589ec96ce8252c83e.shtml; 互助 http://www.huzhu.gov.cn/info/1183/44994.htm.
  // Per registration: 受理部门、办理条件、流程、材料、时限、收费依据及标准, 20 WD; subject 公安机关 (乡、村级 √ in two).
  area('户籍管理', [
    ['户籍业务', '办理指南', '户口登记、迁移办理条件与材料', `${tl}第二十条第（五）项`],
    added('出生登记', '出生登记', '受理部门、办理条件、办理流程、所需材料、办理时限、收费依据及标准', '《户口登记条例》', wd20, ['website', 'doorToDoor']),
    added('迁移登记', '迁出、迁入登记', '受理部门、办理条件、办理流程、所需材料、办理时限、收费依据及标准', '《户口登记条例》', wd20, ['website', 'doorToDoor']),
    added('注销登记', '死亡注销', '受理部门、办理条件、办理流程、所需材料、办理时限、收费依据及标准', '《户口登记条例》', wd20, ['website', 'doorToDoor']),
  ]),
  // [M] no real catalog of this area was found.
  area('社会保险', [
    ['参保服务', '城乡居民养老、医疗保险', '缴费标准、办理流程', `${tl}第二十条第（十一）项`],
    ['待遇发放', '待遇领取资格认证', '认证时间、方式', `${tl}第二十条第（十一）项`],
  ]),
  // [C 3] 通海九龙街道 (乡级, 控辍保学) https://www.tonghai.gov.cn/thxzfxxgk/jljd/20240816/1549045.html; 香山街道
  // http://www.xiangan.gov.cn/mlxa/ztzl/jczw/zjsd/xsjd/202408/t20240809_1063200.htm; 东阳 http://cncdsbwlw.com/art/2024/8/29/art_1229506921_59688362.html. 20 WD.
  area('义务教育', [
    ['教育政策', '入学政策与资助', '招生入学政策、学生资助', `${tl}第二十条第（十一）项`],
    added('重要政策执行情况', '控辍保学', '辖区内控辍保学实施情况', '《义务教育法》；相关政策文件'),
  ]),
  // [C 3] 一个镇级目录 https://youhaodoor.com/hlz/hlml/content/post_2195283.html (生态建设; 20 WD); 县级 http://www.jyx.gov.cn:10079/zwgk/html/zwgk/content/cn/op_cn_1f7bacc0-e8ba-4be7-9b4d-250d71b32de3.html;
  // 市级 https://ynwss.gov.cn/info/2884/127339.htm. The 环评 approvals there are 县/市级, not added.
  area('生态环境', [
    ['环境监管', '环境检查与整治', '检查情况、整改结果', `${tl}第二十条第（十三）项`],
    added('生态建设', '生态建设', '生态文明建设示范创建情况、农村环境综合整治情况、生物多样性保护信息', `${tl}；《开展基层政务公开标准化规范化试点工作方案》（国办发〔2017〕42号）`),
  ]),
  // [C 2] 臧湾乡 (乡级, 镇级人民政府 subject) https://www.fuliang.gov.cn/ztzl/zwxjczwgk/zegkbzml/t880466.shtml; 建平
  // http://cdaimeike.com/html/JPXZF/202112/0163898423463926.html. Both: 监督检查 and 行政处罚 rows, 20 WD; 处罚
  // 公示 is kept at 7 WD here (国办发〔2018〕118号; see 城市综合执法).
  area('食品药品监管', [
    ['监督检查', '检查与抽检结果', '检查制度、检查标准、检查对象、结果、处理情况', `${tl}第二十条第（十三）项；《食品生产经营日常监督检查管理办法》`, wd20, ['website', 'readingRoom']],
    added('行政处罚', '食品生产经营行政处罚', '处罚对象、案件名称、违法主要事实、处罚种类和内容、处罚依据、作出处罚决定的部门、处罚时间、决定书文号', '《食品药品行政处罚案件信息公开实施细则》；国办发〔2018〕118号', wd7),
  ]),
  // [C 4] 壤塘 (乡镇便民服务中心) http://www.rangtang.gov.cn/xtxrmzf/c107695/202106/c4e1cf1f8a704d1fa73d5ab10991592e.shtml;
  // 一个乡镇人民政府目录 https://yncn.gov.cn/info/32784/8965790.htm; 兴国 (乡级) http://www.xingguo.gov.cn/xgxxxgk/c129245d/202106/4c5bb6651a354d2baab36996a8878080.shtml;
  // 霞山新园街道 http://www.zjxs.gov.cn/zjbzml/xy/content/post_1202133.html. 20 WD (霞山: 永久公开). The 24-hour 活动 rule is local (kept).
  area('公共文化服务', [
    ['文化服务', '文化活动与场馆', '活动安排、场馆开放时间', `${tl}第二十条第（十一）项`, h24],
    added('公共服务', '公共文化机构免费开放信息', '机构名称、开放时间、开放项目、机构地址、联系电话、临时停止开放信息', '《公共文化服务保障法》；《关于推进全国美术馆、公共图书馆、文化馆（站）免费开放工作的意见》', wd20, webBoard),
    added('公共服务', '特殊群体公共文化服务信息', '面向老年人、未成年人、残疾人等的服务机构、时间、地址、联系电话', '《残疾人保障法》；《公共文化服务保障法》', wd20, webBoard),
  ]),
  // [C 4] http://cnjg.gov.cn/new/detail/20230619152231630.html (县级乡村振兴部门、乡镇); 姚安 https://easterncoast.cn/Pages_905_69647.aspx;
  // 荣昌 https://m.1wenmi.com/doc/552169.html (衔接资金项目库、年度计划); 南美乡 (扶贫, 乡级) https://www.ynlx.gov.cn/info/11649/132953.htm.
  // 20 WD (姚安: 3 WD). The 公告公示 期 of 10 days: see fundNotice.
  area('乡村振兴', [
    ['衔接资金', '项目与资金公告公示', '项目名称、资金规模、实施单位、绩效目标；资金分配结果', '财政衔接推进乡村振兴补助资金管理办法', fundNotice, webBoardStation],
    ['帮扶政策', '防止返贫监测与帮扶', '监测对象认定程序、帮扶措施', `${tl}第二十条第（十一）项`],
    added('政策法规', '政策法规与规范性文件', '中央及地方涉及乡村振兴领域的法规、规章、规范性文件和其他政策文件', tl, wd20, webBoard),
    added('监测对象识别', '防止返贫监测对象识别', '识别标准、识别程序（农户申请、民主评议、公示公告、逐级审核）、识别结果（监测户名单、数量）', '《中央农村工作领导小组关于健全防止返贫动态监测和帮扶机制的指导意见》', wd20, ['bulletinBoard']),
  ]),
  // [C 5] 三龙镇 (镇级人民政府) https://www.fuliang.gov.cn/ztzl/zwxjczwgk_247/zegkbzml/t880760.shtml; 龙岭镇
  // https://feifeitong.com/nkqxxgk/c130184/202409/0dfcea44814b45c7bdb9beaa4fc2e88c.shtml; 古镇镇 http://www.8mll.cn/gzz/gzml/content/post_1874300.html;
  // 南海 http://www.fauziblues.com/fsnhq/zwgk/jczwgkml/bzml/jzsc/index.html; 长寿 http://m.llxs88.com/bm/qyjj_75266/zwgk_73772/zfxxgkml_bm2/jczwgk_bm/jz_yjj/bzml/list.html. 20 WD.
  area('救灾', [
    ['预警信息', '灾害预警与应急响应', '预警级别、影响范围、防范措施', `${tl}第二十条第（十二）项`, h24, ['website', 'newMedia', 'broadcast', 'bulletinBoard', 'targeted']],
    ['救灾款物', '救灾款物发放', '发放对象（脱敏）、数量', '《自然灾害救助条例》', wd20, webBoardStation],
    added('政策法规', '法律法规和规章', '与救灾有关的法律、法规、部门和地方规章、规范性文件及其他政策文件', tl, wd20, ['website', 'readingRoom', 'serviceCenter']),
    added('备灾管理', '综合减灾示范社区', '综合减灾示范社区分布情况（位置、创建时间、创建级别）', `${tl}；《社会救助暂行办法》`),
  ]),
  // [C 2, 县级 only] 东坡 http://shchangye.com/info/3092/122636.htm; http://www.fsxf.gov.cn/zfxxgk/ins.asp?s=10332&i=4275 —
  // 燃气经营许可、占用挖掘道路审批 (县级 departments, 20 WD). No 乡级 row was seen; the 乡级 item is kept unchecked.
  area('市政服务', [['公用事业', '供水供电等服务', '服务网点、停水停电通知', `${tl}第二十条第（十一）项`, h24]]),
  // [C 1] 锡林浩特 (街道办事处 subject) https://www.xilinhaote.gov.cn/xilinhaote/ztzl/qmtjjczwgkbzhgfhgz/bmjczwgk/blgjdbsc/gkbzml/index.html:
  // 独生子女父母奖励、计划生育家庭特别扶助 (政策文件、申请材料、受理条件、流程、咨询投诉渠道), 20 WD.
  area('卫生健康', [
    ['公共卫生', '基本公共卫生服务', '服务项目、免费内容', `${tl}第二十条第（十三）项`],
    added('计划生育服务', '计划生育家庭特别扶助', '法律法规和政策文件、受理范围及条件、申请材料、办理流程、咨询投诉渠道', '《人口与计划生育法》；《全国独生子女伤残死亡家庭特别扶助制度试点方案》'),
    added('计划生育服务', '独生子女父母奖励', '法律法规和政策文件、受理范围及条件、申请材料、办理流程、咨询投诉渠道', '《人口与计划生育法》'),
  ]),
  // [M] no real catalog of this area was found.
  area('公共体育', [['体育设施', '健身设施与活动', '设施位置、开放时间、活动安排', `${tl}第二十条第（十一）项`]]),
  // [C 1, 县级] https://www.qianlima.com/bid-558529662.html (copy of a county 城乡规划 catalog with 县级 and 乡、村级
  // columns): 法规文件 and 规划编制 (脱密后的文本及图纸) 20 WD, 办事服务 (许可事项、依据、条件、程序、期限、材料) 实时公开.
  area('城乡规划', [
    ['规划信息', '村庄规划', '规划草案公示、批复、脱密后的文本及图纸', '《城乡规划法》第二十六条', planNotice, webBoard],
    added('办事服务', '规划许可办事指南', '乡村建设规划许可等事项的依据、条件、程序、期限及申请材料目录', '《城乡规划法》第四十一条；' + tl, wd20, webCenter),
  ]),
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

/**
 * The shipped standard as workbook rows (catalog-xlsx.ts columns), for an agency's import: the way
 * an agency seeded with an earlier version gets the items added since (`addedOnly`: only items with
 * `since`; items the new version merely corrected are not in it, because importing a row of an
 * existing item overwrites the agency's own edits of it). Subject and level are the agency's.
 */
export function standardSheetRows(opts: { subject: string; level: Level; addedOnly?: boolean }): CatalogSheetRow[] {
  return [...standardCatalog, ...generalAreas].flatMap((a) =>
    a.items
      .filter((it) => !opts.addedOnly || it.since !== undefined)
      .map((it) => ({
        area: a.name,
        level1: it.level1,
        level2: it.level2,
        content: it.content,
        basis: it.basis,
        timeRule: it.rule,
        subject: opts.subject,
        channels: it.channels,
        audience: it.audience,
        mode: 'proactive' as const,
        level: opts.level,
        needsInterpretation: null,
      })),
  );
}

/** [领域, 一级事项, 二级事项] of the default catalog item of a column slug. */
export function defaultCatalogKeyForColumn(slug: string): [string, string, string] {
  return columnCatalogDefaults[slug] ?? other;
}
