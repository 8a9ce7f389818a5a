/**
 * Metadata rules of a government information item (索引号, 文号, 公开属性, 有效性): pure
 * functions with no I/O, shared by the service, the presenter and the portal.
 */

/** 公开属性. */
export const disclosures = ['proactive', 'request', 'none'] as const;
export type Disclosure = (typeof disclosures)[number];

export const disclosureNames: Record<Disclosure, string> = {
  proactive: '主动公开',
  request: '依申请公开',
  none: '不予公开',
};

/** Legal grounds for not disclosing proactively (条例第十四、十五、十六条). */
export const disclosureGrounds = ['art14', 'art15', 'art16_1', 'art16_2'] as const;
export type DisclosureGround = (typeof disclosureGrounds)[number];

export const disclosureGroundNames: Record<DisclosureGround, string> = {
  // 条例第十四条: 国家秘密、法律行政法规禁止公开、危及“三安全一稳定”
  art14: '条例第十四条（国家秘密、法律法规禁止公开或危及国家安全、公共安全、经济安全、社会稳定）',
  // 条例第十五条: 商业秘密、个人隐私等损害第三方合法权益
  art15: '条例第十五条（涉及商业秘密、个人隐私等第三方合法权益）',
  // 条例第十六条第一款: 内部事务信息
  art16_1: '条例第十六条第一款（内部事务信息）',
  // 条例第十六条第二款: 过程性信息、行政执法案卷
  art16_2: '条例第十六条第二款（过程性信息或行政执法案卷信息）',
};

/** Document types that matter to the annual report (条例第二十条第（一）项). */
export const docTypes = ['regulation', 'normative', 'other'] as const;
export type DocType = (typeof docTypes)[number];

export const docTypeNames: Record<DocType, string> = {
  regulation: '规章',
  normative: '行政规范性文件',
  other: '其他',
};

/** 有效性 of a 规章 or 规范性文件. */
export const validities = ['valid', 'repealed', 'expired'] as const;
export type Validity = (typeof validities)[number];

export const validityNames: Record<Validity, string> = { valid: '有效', repealed: '废止', expired: '失效' };

/** 索引号: agency code/year-5-digit sequence, e.g. 11500237MB1584773X/2025-00012. */
export function formatIndexNo(agencyCode: string, year: number, seq: number): string {
  return `${agencyCode}/${year}-${String(seq).padStart(5, '0')}`;
}

/**
 * Normalised 文号 for exact lookup: NFKC (full-width digits and letters), no whitespace, and
 * every bracket variant around the year (〔〕 [] ［］ () （） 【】 ﹝﹞ 〈〉) written as 〔〕.
 */
export function normalizeDocNo(docNo: string | null | undefined): string | null {
  if (!docNo) return null;
  const s = docNo
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[[(【〈﹝〔]/gu, '〔')
    .replace(/[\])】〉﹞〕]/gu, '〕');
  return s || null;
}

/** The fields the cross-field rules look at. */
export interface DocumentFields {
  disclosure: Disclosure;
  disclosureGround: string | null;
  docType: DocType;
  validity: string | null;
  effectiveOn: string | null;
  invalidOn: string | null;
}

/**
 * Cross-field rules (the per-field shapes are the schemas' job). Returns field → Chinese
 * message; empty when the fields are consistent.
 */
export function checkDocumentFields(f: DocumentFields): Record<string, string> {
  const problems: Record<string, string> = {};
  if (f.disclosure === 'proactive') {
    if (f.disclosureGround) problems.disclosureGround = '主动公开的信息不需要填写不予主动公开的依据';
  } else if (!f.disclosureGround) {
    problems.disclosureGround = `公开属性为「${disclosureNames[f.disclosure]}」时须选择法定依据（条例第十四条、第十五条或第十六条）`;
  }
  if (f.docType === 'other') {
    if (f.validity || f.effectiveOn || f.invalidOn) problems.validity = '只有规章和行政规范性文件需要填写有效性';
    return problems;
  }
  const typeName = docTypeNames[f.docType];
  if (!f.validity) problems.validity = `${typeName}须填写有效性（有效、废止或失效）`;
  if (!f.effectiveOn) problems.effectiveOn = `${typeName}须填写施行日期`;
  if (f.validity === 'repealed' || f.validity === 'expired') {
    if (!f.invalidOn) problems.invalidOn = `有效性为「${validityNames[f.validity]}」时须填写${f.validity === 'repealed' ? '废止' : '失效'}日期`;
  } else if (f.invalidOn) {
    problems.invalidOn = '有效的文件不应填写废止或失效日期';
  }
  if (f.effectiveOn && f.invalidOn && f.invalidOn < f.effectiveOn) problems.invalidOn = '废止或失效日期不能早于施行日期';
  return problems;
}
