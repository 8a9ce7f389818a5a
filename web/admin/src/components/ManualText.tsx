/** Renders a manual section's Markdown-ish text as plain React elements (no HTML injection). */
import { Typography } from 'antd';
import { parseManual } from '../lib/training.ts';

export function ManualText({ body }: { body: string }) {
  return (
    <div className="gk-manual-text">
      {parseManual(body).map((b, i) =>
        b.kind === 'heading' ? (
          <Typography.Title level={5} key={i}>
            {b.text}
          </Typography.Title>
        ) : b.kind === 'list' ? (
          <ul key={i}>
            {b.items.map((it, k) => (
              <li key={k}>{it}</li>
            ))}
          </ul>
        ) : (
          <Typography.Paragraph key={i}>{b.text}</Typography.Paragraph>
        ),
      )}
    </div>
  );
}
