/**
 * Tables 二、三、四 of a 政府信息公开工作年度报告 laid out exactly as the national format
 * prints them (国办公开办函〔2021〕30号: merged header cells, 三、本年度办理结果 over 22 rows),
 * the same layout as src/modules/reports/render/grid.ts. Cells named by a failed rule are
 * highlighted (red: hard rule, amber: warning); with `onCellClick` every number is a button
 * that opens the records behind it.
 */
import type { ReactNode } from 'react';
import {
  SECTION3_COLUMNS,
  SECTION3_ROWS,
  SECTION4_COLUMNS,
  SECTION4_GROUPS,
  formatCellValue,
  isHardRule,
  section2CountCell,
  section2SingleCell,
  section3Cell,
  section4Cell,
  type ReportCell,
  type ReportNumbers,
  type RuleCheck,
} from '../../lib/reports.ts';
import './report-tables.css';

export type Fault = 'hard' | 'soft';

/** Chinese cell name → the worst failed rule naming it. */
export function faultsOf(checks: readonly RuleCheck[], extraHard: readonly string[] = []): Map<string, Fault> {
  const out = new Map<string, Fault>();
  for (const c of checks) {
    if (c.ok) continue;
    for (const cell of c.cells) {
      if (isHardRule(c.rule)) out.set(cell, 'hard');
      else if (!out.has(cell)) out.set(cell, 'soft');
    }
  }
  for (const cell of extraHard) out.set(cell, 'hard');
  return out;
}

interface Props {
  numbers: ReportNumbers;
  faults?: Map<string, Fault>;
  /** Chinese names of cells left blank in the source (shown empty). */
  blank?: ReadonlySet<string>;
  onCellClick?: (cell: ReportCell) => void;
  /** Id of the cell whose records are shown. */
  selected?: string | null;
  /** Prefix of the tables' test ids (several reports on one page). */
  testId?: string;
}

export function ReportTables({ numbers, faults, blank, onCellClick, selected, testId = 'report-tables' }: Props) {
  const value = (cell: ReportCell, colSpan = 1): ReactNode => {
    const fault = faults?.get(cell.name);
    const isBlank = blank?.has(cell.name) ?? false;
    const text = isBlank ? '' : formatCellValue(cell.value);
    const cls = ['gk-value', fault ? `gk-fault-${fault}` : '', isBlank ? 'gk-blank' : '', selected === cell.id ? 'gk-selected' : ''].filter(Boolean).join(' ');
    return (
      <td key={cell.id} colSpan={colSpan} className={cls} data-cell={cell.id} data-cell-name={cell.name} data-fault={fault ?? undefined} title={cell.name}>
        {onCellClick ? (
          <button type="button" className="gk-cell-btn" data-testid={`cell-${cell.id}`} aria-label={`${cell.name}：${text || '空'}，查看明细`} onClick={() => onCellClick(cell)}>
            {text || '空'}
          </button>
        ) : (
          text
        )}
      </td>
    );
  };

  const headerRow = (title: string, column: string) => [
    <tr key={`${title}-t`}>
      <th colSpan={4}>{title}</th>
    </tr>,
    <tr key={`${title}-h`}>
      <th>信息内容</th>
      <th colSpan={3}>{column}</th>
    </tr>,
  ];

  const groupSizes = new Map<string, number>();
  for (const r of SECTION3_ROWS) if (r.group) groupSizes.set(r.group, (groupSizes.get(r.group) ?? 0) + 1);
  const resultRows = SECTION3_ROWS.filter((r) => r.result).length;
  let lastGroup = '';

  return (
    <div data-testid={testId}>
      <div className="gk-report-caption">二、主动公开政府信息情况</div>
      <div className="gk-report-table-wrap">
        <table className="gk-report-table" data-testid={`${testId}-s2`}>
          <tbody>
            <tr>
              <th colSpan={4}>第二十条第（一）项</th>
            </tr>
            <tr>
              <th>信息内容</th>
              <th>本年制发件数</th>
              <th>本年废止件数</th>
              <th>现行有效件数</th>
            </tr>
            {(['regulations', 'normativeDocuments'] as const).map((item) => (
              <tr key={item}>
                <th>{item === 'regulations' ? '规章' : '行政规范性文件'}</th>
                {(['issued', 'repealed', 'inForce'] as const).map((f) => value(section2CountCell(numbers, item, f)))}
              </tr>
            ))}
            {headerRow('第二十条第（五）项', '本年处理决定数量')}
            <tr>
              <th>行政许可</th>
              {value(section2SingleCell(numbers, 'licensing'), 3)}
            </tr>
            {headerRow('第二十条第（六）项', '本年处理决定数量')}
            <tr>
              <th>行政处罚</th>
              {value(section2SingleCell(numbers, 'penalties'), 3)}
            </tr>
            <tr>
              <th>行政强制</th>
              {value(section2SingleCell(numbers, 'enforcement'), 3)}
            </tr>
            {headerRow('第二十条第（八）项', '本年收费金额（单位：万元）')}
            <tr>
              <th>行政事业性收费</th>
              {value(section2SingleCell(numbers, 'feesWan'), 3)}
            </tr>
          </tbody>
        </table>
      </div>

      <div className="gk-report-caption">三、收到和处理政府信息公开申请情况</div>
      <div className="gk-report-table-wrap">
        <table className="gk-report-table" data-testid={`${testId}-s3`} style={{ minWidth: 960 }}>
          <tbody>
            <tr>
              <th rowSpan={3} colSpan={3}>
                （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
              </th>
              <th colSpan={7}>申请人情况</th>
            </tr>
            <tr>
              <th rowSpan={2}>自然人</th>
              <th colSpan={5}>法人或其他组织</th>
              <th rowSpan={2}>总计</th>
            </tr>
            <tr>
              {SECTION3_COLUMNS.slice(1, 6).map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
            {SECTION3_ROWS.map((spec) => {
              const labels: ReactNode[] = [];
              if (!spec.result) {
                labels.push(
                  <th key="l" colSpan={3} className="gk-left">
                    {spec.label}
                  </th>,
                );
              } else {
                if (spec.key === 'granted') {
                  labels.push(
                    <th key="g3" rowSpan={resultRows}>
                      三、本年度办理结果
                    </th>,
                  );
                }
                if (!spec.group) {
                  labels.push(
                    <th key="l" colSpan={2} className="gk-left">
                      {spec.label}
                    </th>,
                  );
                } else {
                  if (spec.group !== lastGroup) {
                    labels.push(
                      <th key="g" rowSpan={groupSizes.get(spec.group) ?? 1}>
                        {spec.group}
                      </th>,
                    );
                  }
                  labels.push(
                    <th key="l" className="gk-left">
                      {spec.label}
                    </th>,
                  );
                }
                lastGroup = spec.group;
              }
              return (
                <tr key={spec.key} data-row={spec.key}>
                  {labels}
                  {SECTION3_COLUMNS.map((_c, i) => value(section3Cell(numbers, spec, i)))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <div className="gk-report-caption">四、政府信息公开行政复议、行政诉讼情况</div>
      <div className="gk-report-table-wrap">
        <table className="gk-report-table" data-testid={`${testId}-s4`} style={{ minWidth: 900 }}>
          <tbody>
            <tr>
              <th colSpan={5}>行政复议</th>
              <th colSpan={10}>行政诉讼</th>
            </tr>
            <tr>
              {SECTION4_COLUMNS.map((c) => (
                <th key={c} rowSpan={2}>
                  {c}
                </th>
              ))}
              <th colSpan={5}>未经复议直接起诉</th>
              <th colSpan={5}>复议后起诉</th>
            </tr>
            <tr>
              {[...SECTION4_COLUMNS, ...SECTION4_COLUMNS].map((c, i) => (
                <th key={i}>{c}</th>
              ))}
            </tr>
            <tr>{SECTION4_GROUPS.flatMap((g) => SECTION4_COLUMNS.map((_c, i) => value(section4Cell(numbers, g, i))))}</tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
