/**
 * Names in personal contexts (DOMAIN.md §4.4.1): after a label such as 姓名： 户主： 申请人：
 * 联系人： 收款人： 监护人：, or in a table column headed 姓名 / 户主. Always LOW confidence:
 * a 公示 often must show names, and officials' and signatories' names are public, so the
 * reviewer decides (masking names is field-driven, not blanket). A name is 2–4 Chinese
 * characters starting with a listed surname (surnames.ts), or a minority name with ·.
 * Pure code, no I/O.
 */
import { isCjkCode, type Candidate, type ScanInput } from './detector-kit.ts';
import { classifyHeaderCell } from './table-columns.ts';
import { surnameLength } from './surnames.ts';

const labels = /(?:户主姓名|申请人姓名|收款人姓名|监护人姓名|持卡人姓名|姓名|户主|申请人|联系人|收款人|监护人|当事人|被处罚人|法定代理人|委托代理人|代理人|持卡人|开户人|户名)(?:\([^)\n]{0,8}\))?(?::[ \t]*|[ \t]+)/g;

/** Field words that may follow a name with no punctuation in between (姓名：张三性别：男). */
const stopWords = ['性别', '民族', '年龄', '出生', '身份', '证件', '联系', '电话', '手机', '住址', '地址', '家庭', '户籍', '关系', '金额', '补助', '补贴', '申请', '银行', '账号', '卡号', '同志', '先生', '女士', '老师', '主任', '书记', '乡长', '镇长', '村长', '组长'];
const stopChars = new Set([...'男女等村组岁']);
/** Values that fill a name field without being a name. */
const notNames = new Set(['本人', '同上', '不详', '暂无', '见附件', '其他', '其它', '无名', '匿名', '未知', '空白']);

/** First characters of the stop words: most positions of a name start none of them. */
const stopWordStarts = new Set(stopWords.map((w) => w[0]!));
/** The two sets above as unit tables (every character of every name is looked up). */
const stopCharUnits = new Uint8Array(0x10000);
for (const c of stopChars) stopCharUnits[c.charCodeAt(0)] = 1;
const stopWordStartUnits = new Uint8Array(0x10000);
for (const c of stopWordStarts) stopWordStartUnits[c.charCodeAt(0)] = 1;

/**
 * The name at the start of `s` (a run of Chinese characters after a label), or null. Trims the
 * field words that follow a name without punctuation and rejects runs that are not 2–4
 * characters with a surname (组织名称, 本人, 张某某).
 */
export function extractName(s: string): string | null {
  let run = 0;
  while (run < s.length && run < 24 && (isCjkCode(s.charCodeAt(run)) || (s[run] === '\u00b7' && run > 0))) run++;
  let name = s.slice(0, run);
  if (name.includes('\u00b7')) {
    // 阿依古丽·买买提: minority names keep their parts; no surname check.
    name = name.replace(/\u00b7+$/, '');
    return /^[\u4e00-\u9fff]{2,8}(?:\u00b7[\u4e00-\u9fff]{2,8})+$/.test(name) ? name : null;
  }
  let cut = name.length;
  for (let i = 1; i < name.length && i < cut; i++) {
    const c = name.charCodeAt(i);
    if ((i >= 2 && stopCharUnits[c] === 1) || (stopWordStartUnits[c] === 1 && stopWords.some((w) => name.startsWith(w, i)))) cut = i;
  }
  name = name.slice(0, cut);
  if (name.length < 2 || name.length > 4 || /[某×*＊]/.test(name) || notNames.has(name)) return null;
  const surname = surnameLength(name);
  if (surname === 0 || name.length - surname < 1) return null;
  return name;
}

/** Finds names after personal labels and in 姓名 / 户主 columns. */
export function detectNames(input: ScanInput, out: Candidate[], tableNameCells: ReadonlyArray<{ start: number; end: number }>): void {
  const { text } = input;
  labels.lastIndex = 0;
  for (let m = labels.exec(text); m; m = labels.exec(text)) {
    const start = m.index + m[0].length;
    const name = extractName(text.slice(start, start + 24));
    // 姓名⇥金额 is a header row, not a person called 金额.
    if (name && !classifyHeaderCell(name)) out.push({ type: 'name', start, end: start + name.length, normalized: name, confidence: 'low', reason: '人名（位于姓名/户主/申请人等字段后），请审核人判断是否需要脱敏' });
  }
  for (const cell of tableNameCells) {
    const value = text.slice(cell.start, cell.end);
    if (classifyHeaderCell(value)) continue;
    const name = extractName(value);
    if (name && name.length === value.length) {
      out.push({ type: 'name', start: cell.start, end: cell.end, normalized: name, confidence: 'low', reason: '人名（位于表格姓名/户主列），请审核人判断是否需要脱敏' });
    }
  }
}
