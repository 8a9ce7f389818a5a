/** The coloured tag of a workflow state. */
import { Tag } from 'antd';
import { statusLabels } from '../lib/labels.ts';
import type { DocumentStatus } from '../lib/types.ts';

export function StatusTag({ status }: { status: DocumentStatus }) {
  const l = statusLabels[status] ?? { text: status, color: 'default' };
  return (
    <Tag color={l.color} data-testid="status-tag" data-status={status}>
      {l.text}
    </Tag>
  );
}
