/**
 * The letters (告知书) a request produces and their default templates, as data. A template is a
 * title and paragraphs (one per line) with {占位符}; an agency may override any of them
 * (request_letter_templates). Every letter ends with the remedies paragraph {救济途径}
 * (条例第51条: 行政复议 within 60 days, 行政诉讼 within 6 months). Pure.
 *
 * Kinds: `reply.<outcome>` for each of the 21 result rows of annual-report table 三 (the article
 * comes from model.ts outcomeInfo), and the written notices the applicant must receive
 * (DOMAIN.md §1.3–1.5): `correction` (补正告知书, 第30条), `extension` (延期答复告知书,
 * 第33条第2款), `fee` (收费通知, 第42条 and 国办函〔2020〕109号).
 */
import { outcomeInfo, outcomes, type Outcome } from '../model.ts';

export const noticeKinds = ['correction', 'extension', 'fee'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/** A template key: `reply.<outcome>` or a notice kind. */
export type TemplateKind = `reply.${Outcome}` | NoticeKind;
export const templateKinds: readonly TemplateKind[] = [...outcomes.map((o) => `reply.${o}` as const), ...noticeKinds];

/** The letters of a request (URL segment of /api/requests/:id/letters/:letter). */
export const letterKinds = ['reply', ...noticeKinds] as const;
export type LetterKind = (typeof letterKinds)[number];

export const letterNames: Record<LetterKind, string> = {
  reply: '政府信息公开申请答复告知书',
  correction: '政府信息公开申请补正告知书',
  extension: '政府信息公开申请延期答复告知书',
  fee: '政府信息公开信息处理费收费通知',
};

/** The template key of a letter. */
export function templateKindOf(letter: LetterKind, outcome: Outcome | null): TemplateKind {
  return letter === 'reply' ? (`reply.${outcome ?? 'other_other'}` as TemplateKind) : letter;
}

/** The 条例 article a letter cites. */
export function articleOf(kind: TemplateKind): string {
  if (kind.startsWith('reply.')) return outcomeInfo[kind.slice(6) as Outcome].article;
  return { correction: '第三十条', extension: '第三十三条第二款', fee: '第四十二条' }[kind as NoticeKind];
}

/** Name of a template kind, shown in the template editor. */
export function templateName(kind: TemplateKind): string {
  if (kind.startsWith('reply.')) return `答复告知书：${outcomeInfo[kind.slice(6) as Outcome].name}`;
  return letterNames[kind as NoticeKind];
}

/** The placeholders a template may use, with what they stand for (shown in the editor). */
export const placeholders = {
  机关名称: '作出告知的行政机关名称',
  申请人: '申请人姓名或名称',
  受理编号: '受理编号',
  收到日期: '收到申请之日（条例第31条）',
  申请内容: '所需政府信息的名称或内容描述',
  答复日期: '本告知书的日期',
  处理结果: '处理结果（年度报告表三的栏目）',
  依据条款: '《中华人民共和国政府信息公开条例》的条款',
  理由: '答复理由 / 延期理由（办理时填写）',
  补正事项: '需要补正的事项',
  补正期限: '补正期限（工作日）',
  补正截止日期: '补正期限届满之日',
  延长天数: '延长的工作日数',
  延长后期限: '延长后的答复期限',
  费用金额: '信息处理费金额（元）',
  收费方式: '按件或按量计收',
  缴费期限: '缴费期限届满之日',
  获取方式: '申请人选择的获取信息方式',
  救济途径: '救济途径段落（行政复议60日、行政诉讼6个月，复议机关与法院按本单位设置）',
} as const;
export type Placeholder = keyof typeof placeholders;

export interface LetterTemplate {
  title: string;
  /** Paragraphs, one per line. */
  body: string;
}

const opening = '本机关于{收到日期}收到你（单位）提出的政府信息公开申请（受理编号：{受理编号}），申请获取“{申请内容}”。';
const closing = ['{救济途径}', '特此告知。'];
const replyTitle = letterNames.reply;

const reply = (...middle: string[]): LetterTemplate => ({ title: replyTitle, body: [opening, ...middle, ...closing].join('\n') });
const denied = (what: string) => reply(`经审查，你（单位）申请获取的政府信息${what}。{理由}`, '根据{依据条款}的规定，本机关决定不予公开。');

/** The default template of every kind. */
export const defaultTemplates: Record<TemplateKind, LetterTemplate> = {
  'reply.granted': reply('经审查，你（单位）申请获取的政府信息属于可以公开的政府信息。根据{依据条款}的规定，本机关决定予以公开，现将该政府信息提供给你（单位），详见附件。', '{理由}'),
  'reply.partial': reply(
    '经审查，你（单位）申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。根据{依据条款}的规定，本机关决定部分公开，向你（单位）提供可以公开的部分，详见附件；其余部分不予公开。',
    '不予公开部分的理由：{理由}',
  ),
  'reply.denied_state_secret': denied('属于依法确定为国家秘密的政府信息'),
  'reply.denied_law_forbids': denied('属于法律、行政法规禁止公开的政府信息'),
  'reply.denied_security_stability': denied('公开后可能危及国家安全、公共安全、经济安全、社会稳定'),
  'reply.denied_third_party': denied('涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害'),
  'reply.denied_internal_affairs': denied('属于人事管理、后勤管理、内部工作流程等方面的内部事务信息'),
  'reply.denied_process_info': denied('属于讨论记录、过程稿、磋商信函、请示报告等过程性信息'),
  'reply.denied_enforcement_file': denied('属于行政执法案卷信息'),
  'reply.denied_admin_query': reply(
    '经审查，你（单位）申请获取的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的行政查询事项。{理由}',
    '根据{依据条款}的规定，请你（单位）依照有关法律、行政法规的规定办理。',
  ),
  'reply.unavailable_not_held': reply(
    '经检索，本机关未制作或者获取你（单位）申请获取的政府信息，或者该政府信息不属于本机关负责公开。{理由}',
    '根据{依据条款}的规定，特此告知。能够确定负责公开该政府信息的行政机关的，已在上述理由中告知其名称和联系方式。',
  ),
  'reply.unavailable_needs_creation': reply(
    '经审查，你（单位）申请获取的信息需要本机关对现有政府信息进行加工、分析后方能形成，本机关没有现成的政府信息。{理由}',
    '根据{依据条款}的规定，本机关不予提供。',
  ),
  'reply.unavailable_still_unclear': reply(
    '本机关已告知你（单位）作出补正，但补正后申请内容仍不明确，本机关无法确定你（单位）申请获取的政府信息。{理由}',
    '根据{依据条款}的规定，特此告知。你（单位）可以明确所需政府信息的名称、文号或者其他特征性描述后重新提出申请。',
  ),
  'reply.not_processed_petition': reply(
    '经审查，你（单位）以政府信息公开申请的形式进行信访、投诉、举报等活动。{理由}',
    '根据{依据条款}的规定，本机关不作为政府信息公开申请处理，你（单位）可以依照有关规定通过相应渠道提出。',
  ),
  'reply.not_processed_duplicate': reply(
    '经审查，本机关已就你（单位）申请获取的相同政府信息作出答复，你（单位）重复申请公开相同的政府信息。{理由}',
    '根据{依据条款}的规定，本机关不予重复处理。',
  ),
  'reply.not_processed_publication': reply(
    '经审查，你（单位）申请获取的是政府公报、报刊、书籍等公开出版物。{理由}',
    '根据{依据条款}的规定，本机关不予处理，你（单位）可以通过相应渠道获取。',
  ),
  'reply.not_processed_excessive': reply(
    '你（单位）申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，你（单位）说明的理由不合理。{理由}',
    '根据{依据条款}的规定，本机关不予处理。',
  ),
  'reply.not_processed_reconfirm': reply(
    '经审查，你（单位）要求本机关确认或者重新出具已获取的政府信息。{理由}',
    '根据{依据条款}的规定，本机关不予处理。',
  ),
  'reply.other_no_correction': reply(
    '本机关已告知你（单位）作出补正，你（单位）无正当理由逾期未补正。',
    '根据{依据条款}的规定，视为放弃申请，本机关不再处理你（单位）的该政府信息公开申请。',
  ),
  'reply.other_fee_unpaid': reply(
    '本机关已向你（单位）发出收费通知，你（单位）逾期未按收费通知要求缴纳信息处理费。{理由}',
    '根据{依据条款}和《政府信息公开信息处理费管理办法》的规定，本机关不再处理你（单位）的该政府信息公开申请。',
  ),
  'reply.other_other': reply('现就你（单位）的申请告知如下：{理由}'),
  correction: {
    title: letterNames.correction,
    body: [
      '本机关于{收到日期}收到你（单位）提出的政府信息公开申请（受理编号：{受理编号}）。经审查，你（单位）的申请内容不明确，根据{依据条款}的规定，请你（单位）对以下事项作出补正：',
      '{补正事项}',
      '请你（单位）在{补正期限}内即{补正截止日期}前作出补正。答复期限自本机关收到补正的申请之日起计算。你（单位）无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
      ...closing,
    ].join('\n'),
  },
  extension: {
    title: letterNames.extension,
    body: [
      opening,
      '因{理由}，本机关不能在法定期限内作出答复。经本机关政府信息公开工作机构负责人同意，根据{依据条款}的规定，答复期限延长{延长天数}个工作日，本机关将于{延长后期限}前作出答复。',
      ...closing,
    ].join('\n'),
  },
  fee: {
    title: letterNames.fee,
    body: [
      opening,
      '经审查，你（单位）申请公开政府信息的数量、频次明显超过合理范围。根据{依据条款}和《政府信息公开信息处理费管理办法》的规定，本机关决定收取信息处理费，计收方式为{收费方式}，金额为人民币{费用金额}元。',
      '请你（单位）于{缴费期限}前缴纳。自发出本通知之日至缴费之日的期间，不计算在答复期限内。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。',
      ...closing,
    ].join('\n'),
  },
};

const tokenPattern = /\{([^{}]*)\}/g;

/** The placeholders a text uses. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(tokenPattern)].map((m) => m[1]!);
}

/**
 * Problems of a template edited by an agency (field → Chinese message), empty when valid:
 * unknown placeholders, stray braces, missing remedies paragraph, empty title or body.
 */
export function checkTemplate(t: LetterTemplate): Record<string, string> {
  const problems: Record<string, string> = {};
  const known = new Set<string>(Object.keys(placeholders));
  for (const [field, text] of [['title', t.title], ['body', t.body]] as const) {
    const unknown = placeholdersIn(text).filter((p) => !known.has(p));
    if (unknown.length) problems[field] = `未知的占位符：${[...new Set(unknown)].map((p) => `{${p}}`).join('、')}；可用的占位符：${[...known].map((p) => `{${p}}`).join('、')}`;
    else if (/[{}]/.test(text.replace(tokenPattern, ''))) problems[field] = '花括号不成对：占位符应写成 {申请人} 的形式';
  }
  if (!t.title.trim()) problems.title ??= '请填写标题';
  if (!t.body.trim()) problems.body ??= '请填写正文';
  else if (!placeholdersIn(t.body).includes('救济途径')) problems.body ??= '正文须包含救济途径段落 {救济途径}（告知申请人申请行政复议、提起行政诉讼的期限和机关）';
  return problems;
}
