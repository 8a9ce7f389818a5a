/**
 * The standard 政府信息公开 column tree of an agency's section (DOMAIN.md §3.2): four
 * first-level columns fixed by 国办公开办函〔2019〕61号, and under 法定主动公开内容 the
 * sub-columns of 条例第二十条 (every organ) and 第二十一条 (乡镇 additions).
 */
export interface StandardColumn {
  slug: string;
  name: string;
  basis?: string;
  children?: StandardColumn[];
}

/** 条例第二十条: what every organ discloses proactively. */
const art20: StandardColumn[] = [
  { slug: 'gfxwj', name: '规章和规范性文件', basis: '条例第二十条第（一）项' },
  { slug: 'jgzn', name: '机构职能', basis: '条例第二十条第（二）项' },
  { slug: 'ghxx', name: '规划信息', basis: '条例第二十条第（三）项' },
  { slug: 'tjxx', name: '统计信息', basis: '条例第二十条第（四）项' },
  { slug: 'xzxk', name: '行政许可', basis: '条例第二十条第（五）项' },
  { slug: 'xzcf', name: '行政处罚和行政强制', basis: '条例第二十条第（六）项' },
  { slug: 'czyjs', name: '财政预决算', basis: '条例第二十条第（七）项' },
  { slug: 'xzsyxsf', name: '行政事业性收费', basis: '条例第二十条第（八）项' },
  { slug: 'zfcg', name: '政府采购', basis: '条例第二十条第（九）项' },
  { slug: 'zdjsxm', name: '重大建设项目', basis: '条例第二十条第（十）项' },
  { slug: 'msbz', name: '乡村振兴、教育、医疗、社会保障、就业', basis: '条例第二十条第（十一）项' },
  { slug: 'yjgl', name: '应急管理', basis: '条例第二十条第（十二）项' },
  { slug: 'jdjc', name: '监督检查', basis: '条例第二十条第（十三）项' },
  { slug: 'gwyzk', name: '公务员招考', basis: '条例第二十条第（十四）项' },
  { slug: 'qtxx', name: '其他法定公开信息', basis: '条例第二十条第（十五）项' },
];

/** 条例第二十一条: additional items of 乡（镇）人民政府. */
const art21: StandardColumn[] = [
  { slug: 'nyncz', name: '农业农村政策', basis: '条例第二十一条' },
  { slug: 'ntsl', name: '农田水利工程建设运营', basis: '条例第二十一条' },
  { slug: 'tdcb', name: '农村土地承包经营权流转', basis: '条例第二十一条' },
  { slug: 'zjd', name: '宅基地使用情况审核', basis: '条例第二十一条' },
  { slug: 'tdzs', name: '土地征收', basis: '条例第二十一条' },
  { slug: 'fwzs', name: '房屋征收', basis: '条例第二十一条' },
  { slug: 'czcl', name: '筹资筹劳', basis: '条例第二十一条' },
  { slug: 'shjz', name: '社会救助', basis: '条例第二十一条' },
];

/** 条例第二十一条 for 县级 governments. */
const art21County: StandardColumn[] = [
  { slug: 'szjs', name: '市政建设', basis: '条例第二十一条' },
  { slug: 'ggfw', name: '公共服务', basis: '条例第二十一条' },
  { slug: 'gysy', name: '公益事业', basis: '条例第二十一条' },
  { slug: 'tdzs', name: '土地征收', basis: '条例第二十一条' },
  { slug: 'fwzs', name: '房屋征收', basis: '条例第二十一条' },
  { slug: 'zagl', name: '治安管理', basis: '条例第二十一条' },
  { slug: 'shjz', name: '社会救助', basis: '条例第二十一条' },
];

/** The column tree for an agency kind. */
export function standardColumns(kind: 'county' | 'department' | 'township'): StandardColumn[] {
  const extra = kind === 'township' ? art21 : kind === 'county' ? art21County : [];
  return [
    { slug: 'zfxxgkzn', name: '政府信息公开指南', basis: '条例第十二条' },
    { slug: 'zfxxgkzd', name: '政府信息公开制度' },
    { slug: 'fdzdgknr', name: '法定主动公开内容', basis: '条例第二十条、第二十一条', children: [...art20, ...extra] },
    { slug: 'zfxxgknb', name: '政府信息公开年报', basis: '条例第四十九条、第五十条' },
  ];
}
