/**
 * Demo content of a fresh installation: published 主动公开 items of 巫山县曲尺乡人民政府 (slug
 * `quchi`) drawn from its 2025 annual report (shared/fixtures/seed-report-quchi-2025.txt):
 * 社会救助、养老服务、安全生产、涉农补贴、乡村振兴、农村危房改造、财政预决算, the 公开指南 with
 * the agency's contacts and the 三审三校 制度. Created by `admin` and published directly
 * through `publishVersion` (audited with source 演示数据).
 */
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.ts';
import { findUserId } from '../accounts/index.ts';
import { findAgencyBySlug, type Agency } from '../agencies/index.ts';
import { notifyPublicChange } from './publish.ts';
import { createPublishedItem, type PublishedItemInput } from './published-item.ts';
import * as repo from './publishing.repository.ts';

type DemoItem = Omit<PublishedItemInput, 'agencyId' | 'createdBy' | 'publishedAt' | 'source' | 'notify'> & {
  /** Publication time, China time. */
  published: string;
};

const p = (...paragraphs: string[]) => paragraphs.map((s) => `<p>${s}</p>`).join('');

async function budgetTable(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('收支总表');
  ws.addRow(['项目', '预算数（万元）']);
  for (const row of [
    ['一般公共预算财政拨款收入', 1286.4],
    ['政府性基金预算财政拨款收入', 120.0],
    ['一般公共服务支出', 512.3],
    ['社会保障和就业支出', 298.6],
    ['农林水支出', 421.5],
    ['住房保障支出', 54.0],
    ['“三公”经费合计', 8.2],
  ]) {
    ws.addRow(row);
  }
  const ws2 = wb.addWorksheet('三公经费');
  ws2.addRow(['因公出国（境）费', 0]);
  ws2.addRow(['公务用车运行维护费', 6.5]);
  ws2.addRow(['公务接待费', 1.7]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function guideBody(agency: Agency): string {
  const s = agency.settings;
  const contact = [
    `办公地址：${s.address ?? '（见单位设置）'}`,
    `办公时间：${s.officeHours ?? '工作日'}`,
    `联系电话：${s.phone ?? '（见单位设置）'}`,
    ...(s.fax ? [`传真：${s.fax}`] : []),
    ...(s.email ? [`电子邮箱：${s.email}`] : []),
  ];
  return [
    '<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，编制本指南。公民、法人和其他组织需要获得本机关政府信息服务的，请阅读本指南。</p>',
    '<h2>一、主动公开</h2>',
    p(
      '（一）公开范围。按照《条例》第二十条、第二十一条规定，本机关主动公开机构职能、规范性文件、财政预决算、社会救助、农业农村政策、乡村振兴等方面的政府信息，具体以政府信息公开目录为准。',
      '（二）公开方式。主动公开的政府信息通过政府网站“政府信息公开”专栏公开，同时通过村（居）公开栏、电子信息屏等方式公开。',
      '（三）公开时限。属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内予以公开。法律、法规对政府信息公开的期限另有规定的，从其规定。',
    ),
    '<h2>二、依申请公开</h2>',
    p(
      '（一）受理机构。本机关政府信息公开工作机构为基层治理综合指挥室。',
      '（二）申请方式。申请人可以通过当面提交、邮寄、网上申请等方式提出申请，应当采用书面形式；采用书面形式确有困难的，可以口头提出，由工作人员代为填写申请。',
      '（三）办理时限。能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。',
      '（四）收费。依申请提供政府信息，不收取费用。申请公开政府信息的数量、频次明显超过合理范围的，可以依法收取信息处理费。',
    ),
    '<h2>三、政府信息公开工作机构</h2>',
    `<p>名称：${agency.name}基层治理综合指挥室</p>`,
    contact.map((c) => `<p>${c}</p>`).join(''),
    '<h2>四、监督和救济</h2>',
    p('公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。'),
  ].join('');
}

function demoItems(agency: Agency, budget: Buffer): DemoItem[] {
  return [
    {
      columnSlug: 'zfxxgkzn',
      title: `${agency.name}政府信息公开指南`,
      published: '2025-01-08T10:00:00+08:00',
      writtenOn: '2025-01-06',
      topic: '政务公开',
      keywords: ['公开指南', '依申请公开'],
      bodyHtml: guideBody(agency),
    },
    {
      columnSlug: 'zfxxgkzd',
      title: '曲尺乡政府信息发布“三审三校”制度',
      docNo: '曲尺府办发〔2025〕3号',
      published: '2025-02-12T09:30:00+08:00',
      writtenOn: '2025-02-10',
      topic: '政务公开',
      keywords: ['三审三校', '隐私信息专项审查'],
      bodyHtml:
        p(
          '为规范政府信息发布工作，确保公开内容真实准确、合法合规，根据《中华人民共和国政府信息公开条例》和上级有关要求，结合我乡实际，制定本制度。',
          '第一条 拟公开的政府信息实行“三审三校”。一审由承办科室负责人初审，二审由分管领导复审，三审由主要领导终审；每一审均对文字、数据、格式进行校对，并进行政治把关和时效确认。',
          '第二条 在初审之后增设“隐私信息专项审查”环节，重点排查公民身份证号码、联系电话、家庭住址、银行账户等个人信息，对确需公开的公示类信息依法进行匿名化、脱敏处理，坚持“先审查、后公开”。',
          '第三条 任何人不得审核本人起草的信息。审核不通过的，退回起草人修改并说明理由。',
          '第四条 已公开信息发现错误的，经审核后予以更正，保留更正前版本及更正说明；不宜继续公开的，经审核后撤回并说明理由。',
          '第五条 本制度自印发之日起施行。',
        ),
    },
    {
      columnSlug: 'jgzn',
      title: '曲尺乡人民政府机构职能',
      published: '2025-01-15T15:00:00+08:00',
      topic: '机构职能',
      bodyHtml: p(
        '曲尺乡人民政府是乡级国家行政机关，主要职责是：执行本级人民代表大会的决议和上级国家行政机关的决定和命令；执行本行政区域内的经济和社会发展计划、预算，管理本行政区域内的经济、教育、科学、文化、卫生、体育事业和财政、民政、公安、司法行政、计划生育等行政工作。',
        '内设机构：党政办公室、基层治理综合指挥室、经济发展办公室、社会事务办公室、平安法治办公室、财政所等。',
      ),
    },
    {
      columnSlug: 'shjz',
      title: '曲尺乡2025年第一季度城乡低保和特困人员救助供养资金发放情况公示',
      published: '2025-04-10T09:00:00+08:00',
      writtenOn: '2025-04-08',
      topic: '社会救助',
      keywords: ['低保', '特困供养', '社会救助'],
      bodyHtml:
        p('根据《社会救助暂行办法》和重庆市最低生活保障有关规定，现将我乡2025年第一季度城乡最低生活保障金和特困人员救助供养金发放情况公示如下：') +
        '<table><thead><tr><th>项目</th><th>户数</th><th>人数</th><th>发放金额（元）</th></tr></thead><tbody>' +
        '<tr><td>农村最低生活保障</td><td>186</td><td>312</td><td>529,440</td></tr>' +
        '<tr><td>城市最低生活保障</td><td>14</td><td>22</td><td>47,520</td></tr>' +
        '<tr><td>特困人员救助供养</td><td>41</td><td>41</td><td>118,080</td></tr>' +
        '</tbody></table>' +
        p('公示期为7天。如有异议，请在公示期内向乡社会事务办公室反映。'),
    },
    {
      columnSlug: 'msbz',
      title: '曲尺乡关于开展2025年农村互助养老服务工作的通知',
      docNo: '曲尺府发〔2025〕8号',
      published: '2025-03-18T10:30:00+08:00',
      writtenOn: '2025-03-14',
      topic: '养老服务',
      keywords: ['养老服务', '互助养老', '高龄津贴'],
      bodyHtml: p(
        '各村（居）民委员会，乡属各办（所）：',
        '为积极应对人口老龄化，提升农村养老服务水平，经乡政府研究，决定在全乡开展农村互助养老服务工作。现将有关事项通知如下：',
        '一、依托村（居）便民服务中心建设互助养老服务点，为留守、独居、高龄老年人提供助餐、探访、代办等服务。',
        '二、各村（居）于2025年4月底前完成80周岁以上老年人高龄津贴资格认证，做到应发尽发。',
        '三、社会事务办公室负责统筹指导，每季度开展一次督导检查。',
      ),
    },
    {
      columnSlug: 'jdjc',
      title: '曲尺乡2025年安全生产大排查大整治工作方案',
      docNo: '曲尺府办发〔2025〕5号',
      published: '2025-03-05T16:00:00+08:00',
      writtenOn: '2025-03-03',
      topic: '安全生产',
      keywords: ['安全生产', '隐患排查'],
      bodyHtml: p(
        '为深入贯彻安全发展理念，有效防范遏制各类生产安全事故，决定在全乡范围内开展安全生产大排查大整治工作。',
        '一、排查范围：道路交通、森林防火、地质灾害、自建房、农村集体聚餐、非煤矿山、危险化学品等重点行业领域。',
        '二、工作步骤：自查自纠（3月）、集中整治（4月至9月）、巩固提升（10月至12月）。',
        '三、工作要求：各村（居）、各办（所）要建立隐患排查整改台账，实行闭环管理，重大隐患及时上报。',
      ),
    },
    {
      columnSlug: 'nyncz',
      title: '曲尺乡2025年耕地地力保护补贴发放情况公示',
      published: '2025-06-20T11:00:00+08:00',
      writtenOn: '2025-06-18',
      topic: '涉农补贴',
      keywords: ['涉农补贴', '耕地地力保护补贴'],
      bodyHtml: p(
        '根据巫山县农业农村委员会、巫山县财政局关于做好2025年耕地地力保护补贴工作的通知要求，我乡已完成2025年耕地地力保护补贴面积核实工作，补贴标准为每亩105.6元，通过“一卡通”直接发放到户。',
        '全乡共核实补贴面积21,356.8亩，涉及农户4,127户，发放补贴资金2,255,278元。分村明细已在各村公开栏张贴公示。',
        '监督电话：023-57000000。',
      ),
    },
    {
      columnSlug: 'msbz',
      title: '曲尺乡2025年巩固拓展脱贫攻坚成果同乡村全面振兴工作实施方案',
      docNo: '曲尺府发〔2025〕12号',
      published: '2025-05-08T09:00:00+08:00',
      writtenOn: '2025-05-06',
      topic: '乡村振兴',
      keywords: ['乡村振兴', '防止返贫'],
      bodyHtml: p(
        '为巩固拓展脱贫攻坚成果，推进乡村全面振兴，结合我乡实际，制定本方案。',
        '一、健全防止返贫动态监测和帮扶机制，对监测对象做到早发现、早干预、早帮扶。',
        '二、发展脆李、柑橘、中药材等特色产业，完善联农带农机制，促进农民稳定增收。',
        '三、实施农村人居环境整治提升行动，推进农村改厕和生活垃圾分类处理。',
        '四、加强驻村帮扶力量，落实乡村振兴各项政策。',
      ),
    },
    {
      columnSlug: 'msbz',
      title: '曲尺乡2025年农村危房改造对象公示',
      published: '2025-07-15T10:00:00+08:00',
      writtenOn: '2025-07-14',
      topic: '农村危房改造',
      keywords: ['农村危房改造', '住房安全'],
      bodyHtml: p(
        '根据重庆市农村低收入群体等重点对象住房安全保障工作要求，经农户申请、村级评议、乡级审核，拟确定2025年农村危房改造对象23户（其中C级危房维修加固17户、D级危房拆除重建6户），补助资金按市、县标准执行。',
        '按照个人信息保护要求，公示名单中户主姓名作部分隐去处理，身份证号码、联系电话等个人信息不予公开。公示期为7天，如有异议请向乡经济发展办公室反映。',
      ),
    },
    {
      columnSlug: 'czyjs',
      title: '曲尺乡人民政府2025年部门预算公开说明',
      published: '2025-02-20T15:30:00+08:00',
      writtenOn: '2025-02-18',
      topic: '财政预决算',
      keywords: ['部门预算', '三公经费'],
      bodyHtml: p(
        '一、部门基本情况：曲尺乡人民政府内设机构6个，预算单位1个。',
        '二、收支预算情况：2025年收入预算1,406.4万元，其中一般公共预算财政拨款收入1,286.4万元、政府性基金预算财政拨款收入120.0万元。支出预算与收入预算相同。',
        '三、“三公”经费预算8.2万元，较上年减少0.6万元，主要是压减公务接待费。',
        '详细数据见附件。',
      ),
      attachments: [{ filename: '曲尺乡2025年部门预算公开表.xlsx', data: budget }],
    },
    {
      columnSlug: 'czyjs',
      title: '曲尺乡人民政府2024年部门决算公开说明',
      published: '2025-09-12T10:00:00+08:00',
      writtenOn: '2025-09-10',
      topic: '财政预决算',
      keywords: ['部门决算'],
      bodyHtml: p(
        '一、收入支出决算总体情况：2024年度收入总计1,512.7万元，支出总计1,498.3万元。',
        '二、财政拨款支出决算主要用于一般公共服务、社会保障和就业、农林水等方面。',
        '三、“三公”经费支出7.9万元，未超预算。',
      ),
    },
    {
      columnSlug: 'gfxwj',
      title: '曲尺乡农村人居环境“门前三包”管理办法',
      docNo: '曲尺府规〔2025〕1号',
      published: '2025-08-05T09:00:00+08:00',
      writtenOn: '2025-07-30',
      topic: '农村人居环境',
      keywords: ['门前三包', '人居环境'],
      docType: 'normative',
      validity: 'valid',
      effectiveOn: '2025-09-01',
      bodyHtml: p(
        '第一条 为持续改善农村人居环境，建设宜居宜业和美乡村，根据有关法律法规，结合本乡实际，制定本办法。',
        '第二条 本办法所称“门前三包”，是指沿街农户、商户和单位对责任区域包环境卫生、包绿化美化、包秩序维护。',
        '第三条 各村（居）民委员会负责本辖区“门前三包”的组织实施和日常监督。',
        '第四条 本办法自2025年9月1日起施行，有效期5年。',
      ),
    },
    {
      columnSlug: 'yjgl',
      title: '曲尺乡2025年防汛抗旱应急预案',
      docNo: '曲尺府办发〔2025〕9号',
      published: '2025-04-28T17:00:00+08:00',
      writtenOn: '2025-04-25',
      topic: '应急管理',
      keywords: ['防汛抗旱', '应急预案'],
      bodyHtml: p(
        '为做好2025年防汛抗旱工作，最大限度减轻洪涝干旱灾害损失，保障人民群众生命财产安全，制定本预案。',
        '一、组织体系：乡防汛抗旱指挥部统一指挥，各村（居）设立防汛抗旱工作组。',
        '二、预警响应：按照Ⅳ级、Ⅲ级、Ⅱ级、Ⅰ级四个等级启动应急响应，落实人员转移避险措施。',
        '三、保障措施：落实抢险队伍、物资储备和值班值守制度。',
      ),
    },
  ];
}

/** Seeds the demo items once (skips when the agency `quchi`, the `admin` account or existing documents are absent/present). */
export async function seedDemoItems(ctx: AppContext): Promise<number> {
  const agency = await findAgencyBySlug(ctx.db, 'quchi');
  if (!agency) return 0;
  const adminId = await findUserId(ctx.db, 'admin');
  if (!adminId) return 0;
  if ((await repo.findDocuments(ctx.db, { agencyIds: [agency.id], limit: 1, offset: 0 })).total > 0) return 0;
  // In publication order, so 索引号 sequences follow the dates.
  const items = demoItems(agency, await budgetTable()).sort((a, b) => a.published.localeCompare(b.published));
  for (const item of items) {
    const { published, ...rest } = item;
    await createPublishedItem(ctx, { ...rest, agencyId: agency.id, createdBy: adminId, publishedAt: new Date(published), source: '演示数据', notify: false });
  }
  notifyPublicChange(ctx);
  return items.length;
}
