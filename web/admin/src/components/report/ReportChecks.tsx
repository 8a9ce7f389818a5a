/**
 * The results of the rules G1–G5 (勾稽, hard) and S1–S5 (warnings) of a report, each with its
 * message and the cells at fault (DOMAIN.md §2.5). Failures first.
 */
import { Space, Tag, Typography } from 'antd';
import './report-tables.css';
import { isHardRule, ruleNames, type RuleCheck } from '../../lib/reports.ts';

function verdict(c: RuleCheck) {
  if (c.ok) return <Tag color="success">通过</Tag>;
  return isHardRule(c.rule) ? <Tag color="error">违反</Tag> : <Tag color="warning">提示</Tag>;
}

function listCells(cells: string[]): string {
  return cells.length > 12 ? `${cells.slice(0, 12).join('、')} 等 ${String(cells.length)} 个` : cells.join('、');
}

export function ReportChecks({ checks, testId = 'report-checks' }: { checks: readonly RuleCheck[]; testId?: string }) {
  const order = (c: RuleCheck) => (c.ok ? 2 : isHardRule(c.rule) ? 0 : 1);
  const sorted = [...checks].sort((a, b) => order(a) - order(b));
  return (
    <div className="gk-rule-list" data-testid={testId}>
      {sorted.map((c) => (
        <div key={c.rule} className="gk-rule" data-testid={`rule-${c.rule}`} data-ok={String(c.ok)}>
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Space wrap>
              {verdict(c)}
              <Typography.Text strong>{c.rule}</Typography.Text>
              <Typography.Text>{ruleNames[c.rule] ?? ''}</Typography.Text>
            </Space>
            <Typography.Text type={c.ok ? 'secondary' : undefined}>{c.message}</Typography.Text>
            {!c.ok && c.cells.length > 0 && <Typography.Text type="secondary">单元格：{listCells(c.cells)}</Typography.Text>}
          </Space>
        </div>
      ))}
    </div>
  );
}
