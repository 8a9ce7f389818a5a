/**
 * The shape of a privacy finding (隐私信息专项审查). Detectors report spans of the ORIGINAL text;
 * extractors (DOCX / XLSX / PDF, later) add where in the file the text came from.
 */

/** Every kind of identifier the scanner knows. `uscc` is an organisation code, never personal. */
export type FindingType =
  | 'idCard'
  | 'idCard15'
  | 'uscc'
  | 'mobile'
  | 'landline'
  | 'bankCard'
  | 'email'
  | 'passport'
  | 'hkMacauPermit'
  | 'taiwanPermit'
  | 'plate'
  | 'address'
  | 'name';

/** All finding types, in overlap-priority order (ID → USCC → bank card → phone → others). */
export const findingTypes: readonly FindingType[] = [
  'idCard',
  'idCard15',
  'uscc',
  'bankCard',
  'mobile',
  'landline',
  'passport',
  'hkMacauPermit',
  'taiwanPermit',
  'email',
  'plate',
  'address',
  'name',
];

/** How sure the detector is. The publication gate blocks on `high`. */
export type Confidence = 'high' | 'medium' | 'low';

/** Orders confidences: low < medium < high. */
export const confidenceRank: Readonly<Record<Confidence, number>> = { low: 1, medium: 2, high: 3 };

/** Where in a file a finding is; filled in by the extractors, absent for plain text. */
export interface FindingLocation {
  /** 1-based PDF page. */
  page?: number;
  /** Worksheet name (XLSX / CSV). */
  sheet?: string;
  /** Cell reference such as `C12`. */
  cell?: string;
  /** 1-based paragraph number (DOCX / HTML / text). */
  paragraph?: number;
  /** Part of a DOCX the text is in: `body`, `header1.xml`, `footer1.xml`, `comments`, `footnotes`, `endnotes`. */
  part?: string;
  /** 1-based table number within the part (DOCX). */
  table?: number;
  /** 1-based row of that table (DOCX). */
  row?: number;
  /** 1-based column of that table (DOCX). */
  column?: number;
  /** 1-based line (CSV / TXT). */
  line?: number;
  /** Document property holding the text (part 文档属性): 标题, 作者, 最后修改者… */
  property?: string;
}

/** One piece of (possibly) personal information found in a text. */
export interface Finding {
  /** Kind of identifier. */
  type: FindingType;
  /** Start offset (UTF-16 units) in the ORIGINAL text. */
  start: number;
  /** End offset (exclusive) in the ORIGINAL text. */
  end: number;
  /** `original.slice(start, end)`: may hold full-width digits, spaces, hyphens or a line break. */
  text: string;
  /** Canonical value: digits folded to ASCII, separators removed, `x` → `X` in ID numbers. */
  normalized: string;
  /** `text` masked with the policy in force when scanning. */
  masked: string;
  /** How sure the detector is. */
  confidence: Confidence;
  /** Why it was reported, in Chinese for the reviewer (e.g. 校验位正确). */
  reason: string;
  /** False for organisation codes (USCC): shown to the reviewer as "not personal", never blocks. */
  personal: boolean;
  /** Where in a file the text came from (set by extractors). */
  location?: FindingLocation;
}

/** Finding types as named in the CLI's JSON output (issue 3). */
export const reportTypeNames: Readonly<Record<FindingType, string>> = {
  idCard: 'id_card',
  idCard15: 'id_card',
  uscc: 'uscc',
  mobile: 'mobile',
  landline: 'landline',
  bankCard: 'bank_card',
  email: 'email',
  passport: 'passport',
  hkMacauPermit: 'travel_permit',
  taiwanPermit: 'travel_permit',
  plate: 'license_plate',
  address: 'address',
  name: 'person_name',
};

/** Chinese label of each type, for reviewers. */
export const findingTypeLabels: Readonly<Record<FindingType, string>> = {
  idCard: '居民身份证号',
  idCard15: '15位身份证号',
  uscc: '统一社会信用代码',
  mobile: '手机号',
  landline: '固定电话',
  bankCard: '银行卡号/账号',
  email: '电子邮箱',
  passport: '护照号',
  hkMacauPermit: '港澳通行证号',
  taiwanPermit: '台湾通行证号',
  plate: '车牌号',
  address: '家庭住址',
  name: '姓名',
};
