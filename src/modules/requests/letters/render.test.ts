import { describe, expect, it } from 'vitest';
import { outcomeInfo, outcomes } from '../model.ts';
import { chineseDate, letterText, renderLetter, type LetterFacts } from './render.ts';
import { articleOf, checkTemplate, defaultTemplates, templateKinds, type TemplateKind } from './templates.ts';

const facts: LetterFacts = {
  agencyName: '巫山县曲尺乡人民政府',
  applicantName: '张某某',
  trackingNo: '2025-0007',
  receivedOn: '2025-09-26',
  description: '2025年本乡低保资金发放明细',
  letterOn: '2025-10-30',
  reason: '该信息涉及第三方个人隐私，第三方不同意公开。',
  correctionItems: '请写明所需信息的时间范围',
  correctionPeriodDays: 15,
  correctionDeadline: '2025-10-24',
  extensionDays: 15,
  extendedDueOn: '2025-11-20',
  feeAmount: 300,
  feeMethod: 'per_item',
  feeDeadline: '2025-11-28',
  reviewOrgan: '巫山县人民政府',
  court: '巫山县人民法院',
  attachments: [],
};

const expectedArticle: Record<string, string> = {
  'reply.granted': '第三十六条第（一）（二）项',
  'reply.partial': '第三十七条',
  'reply.denied_state_secret': '第十四条',
  'reply.denied_law_forbids': '第十四条',
  'reply.denied_security_stability': '第十四条',
  'reply.denied_third_party': '第十五条、第三十二条',
  'reply.denied_internal_affairs': '第十六条第一款',
  'reply.denied_process_info': '第十六条第二款',
  'reply.denied_enforcement_file': '第十六条第二款',
  'reply.denied_admin_query': '第三十六条第（七）项',
  'reply.unavailable_not_held': '第三十六条第（四）（五）项',
  'reply.unavailable_needs_creation': '第三十八条',
  'reply.unavailable_still_unclear': '第三十条',
  'reply.not_processed_petition': '第三十九条第一款',
  'reply.not_processed_duplicate': '第三十六条第（六）项',
  'reply.not_processed_publication': '第三十九条第二款',
  'reply.not_processed_excessive': '第三十五条',
  'reply.not_processed_reconfirm': '第三十六条',
  'reply.other_no_correction': '第三十条',
  'reply.other_fee_unpaid': '第四十二条',
  correction: '第三十条',
  extension: '第三十三条第二款',
  fee: '第四十二条',
};

describe('default letter templates', () => {
  it('cover the 21 outcomes of table 三 and the three notices', () => {
    expect(templateKinds).toHaveLength(24);
    expect(outcomes).toHaveLength(21);
    for (const o of outcomes) expect(defaultTemplates[`reply.${o}`]).toBeDefined();
  });

  it.each(templateKinds.filter((k) => k !== 'reply.other_other'))('%s cites its article of 条例 from model.ts', (kind) => {
    const text = letterText(renderLetter(kind, defaultTemplates[kind], facts));
    expect(articleOf(kind)).toBe(expectedArticle[kind]);
    if (kind.startsWith('reply.')) expect(articleOf(kind)).toBe(outcomeInfo[kind.slice(6) as keyof typeof outcomeInfo].article);
    expect(text).toContain(`《中华人民共和国政府信息公开条例》${expectedArticle[kind]}`);
  });

  it.each(templateKinds)('%s has the remedies paragraph (60日 复议 / 6个月 诉讼, configured organ and court) and the request facts', (kind) => {
    const c = renderLetter(kind, defaultTemplates[kind], facts);
    const remedies = c.paragraphs.find((p) => p.includes('行政复议'));
    expect(remedies).toBe('你（单位）如对本告知不服，可以自收到本告知书之日起60日内向巫山县人民政府申请行政复议，或者自收到本告知书之日起6个月内向巫山县人民法院提起行政诉讼。');
    expect(c.salutation).toBe('张某某：');
    expect(c.reference).toBe('受理编号：2025-0007');
    expect(c.signature).toBe('巫山县曲尺乡人民政府');
    expect(c.date).toBe('2025年10月30日');
    expect(letterText(c)).toContain('2025-0007');
    expect(letterText(c)).not.toMatch(/\{[^}]*\}/);
    expect(checkTemplate(defaultTemplates[kind])).toEqual({});
  });

  it('fills the notice facts: correction items and deadline, extension days and new due date, fee amount and deadline', () => {
    const text = (k: TemplateKind) => letterText(renderLetter(k, defaultTemplates[k], facts));
    expect(text('correction')).toContain('请写明所需信息的时间范围');
    expect(text('correction')).toContain('15个工作日内即2025年10月24日前');
    expect(text('extension')).toContain('延长15个工作日，本机关将于2025年11月20日前作出答复');
    expect(text('fee')).toContain('计收方式为按件计收，金额为人民币300元');
    expect(text('fee')).toContain('2025年11月28日前缴纳');
    expect(text('reply.granted')).toContain('申请获取“2025年本乡低保资金发放明细”');
  });

  it('leaves out a paragraph whose placeholders have no value, and lists the attachments', () => {
    const c = renderLetter('reply.granted', defaultTemplates['reply.granted'], { ...facts, reason: null, attachments: ['低保名单.xlsx', '发放明细.pdf'] });
    expect(c.paragraphs.some((p) => p === '')).toBe(false);
    expect(c.paragraphs).toHaveLength(4);
    expect(c.attachments).toEqual(['1. 低保名单.xlsx', '2. 发放明细.pdf']);
    expect(letterText(c)).toContain('附件：\n1. 低保名单.xlsx');
  });
});

describe('checkTemplate', () => {
  it.each([
    [{ title: '告知书', body: '{申请人}：{救济途径}' }, {}],
    [{ title: '告知书', body: '{申请人}{不存在}{救济途径}' }, { body: expect.stringContaining('未知的占位符：{不存在}') }],
    [{ title: '{标题}', body: '{救济途径}' }, { title: expect.stringContaining('未知的占位符：{标题}') }],
    [{ title: '告知书', body: '{申请人 {救济途径}' }, { body: expect.stringContaining('花括号不成对') }],
    [{ title: '告知书', body: '申请人} {救济途径}' }, { body: expect.stringContaining('花括号不成对') }],
    [{ title: '告知书', body: '本机关决定予以公开。' }, { body: expect.stringContaining('{救济途径}') }],
    [{ title: ' ', body: '' }, { title: '请填写标题', body: '请填写正文' }],
  ])('%j → %j', (t, problems) => {
    expect(checkTemplate(t)).toEqual(problems);
  });
});

describe('chineseDate', () => {
  it.each([
    ['2025-10-30', '2025年10月30日'],
    ['2026-01-05', '2026年1月5日'],
    [null, ''],
  ])('%s → %s', (iso, out) => expect(chineseDate(iso)).toBe(out));
});
