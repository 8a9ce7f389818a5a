/**
 * `npx tsx scripts/standard-catalog-xlsx.ts <out.xlsx> --subject <公开主体> [--level township|county] [--added-only]`:
 * writes the shipped standard catalog (src/modules/catalog/standard-catalog.ts) as a catalog
 * workbook that 公开目录 → 导入 (POST /api/catalog/import) accepts. With --added-only it holds only
 * the items added since the first version — how an agency seeded earlier gets them: import
 * upserts by (领域, 一级事项, 二级事项), creates missing areas and keeps every item not in the file.
 * Without it, every row of an item the agency already has overwrites that item's own edits.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildCatalogWorkbook } from '../src/modules/catalog/catalog-xlsx.ts';
import { standardCatalogVersion, standardSheetRows } from '../src/modules/catalog/standard-catalog.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { subject: { type: 'string' }, level: { type: 'string', default: 'township' }, 'added-only': { type: 'boolean', default: false } },
});
const out = positionals[0];
if (!out || !values.subject || (values.level !== 'township' && values.level !== 'county')) {
  console.error('用法：npx tsx scripts/standard-catalog-xlsx.ts <输出.xlsx> --subject <公开主体> [--level township|county] [--added-only]');
  process.exit(2);
}
const rows = standardSheetRows({ subject: values.subject, level: values.level, addedOnly: values['added-only'] });
const title = `基层政务公开标准目录（${standardCatalogVersion}${values['added-only'] ? '，新增事项' : ''}）`;
await writeFile(out, await buildCatalogWorkbook(title, rows));
console.log(`${out}：${rows.length} 个事项`);
