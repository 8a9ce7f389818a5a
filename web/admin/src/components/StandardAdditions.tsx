/**
 * 补充标准目录新增事项 (agency admins): when the shipped standard catalog added items after the
 * version this agency's catalog was created from, offer them once (GET/POST
 * /api/catalog/standard-additions). Existing items are never changed; deleted ones do not return.
 */
import { useState } from 'react';
import { Alert, Button, Modal, Typography } from 'antd';
import { get, post } from '../lib/api.ts';
import { showError, showSuccess } from '../lib/feedback.ts';
import { useLoad } from '../lib/hooks.ts';

interface Preview {
  agencyVersion: string;
  standardVersion: string;
  additions: { areaName: string; level1: string; level2: string }[];
}

export function StandardAdditions({ agencyId, onAdded }: { agencyId: string; onAdded: () => void }) {
  const preview = useLoad((signal) => get<Preview>('/api/catalog/standard-additions', { agencyId }, signal), [agencyId]);
  const [busy, setBusy] = useState(false);
  const additions = preview.data?.additions ?? [];
  if (additions.length === 0) return null;

  const add = () =>
    Modal.confirm({
      title: `补充标准目录新增的 ${String(additions.length)} 个事项？`,
      width: 640,
      content: (
        <div style={{ maxHeight: 320, overflow: 'auto' }}>
          {additions.map((a) => (
            <div key={`${a.areaName}/${a.level1}/${a.level2}`}>
              {a.areaName} · {a.level1} · {a.level2}
            </div>
          ))}
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            本单位已有的事项不会被修改，已删除的原有事项不会恢复。
          </Typography.Paragraph>
        </div>
      ),
      okText: '补充',
      cancelText: '取消',
      onOk: async () => {
        setBusy(true);
        try {
          const r = await post<{ result: { added: number; areasCreated: number } }>(`/api/catalog/standard-additions?agencyId=${encodeURIComponent(agencyId)}`, {});
          showSuccess(`已补充 ${String(r.result.added)} 个事项${r.result.areasCreated ? `，新建领域 ${String(r.result.areasCreated)} 个` : ''}`);
          preview.reload();
          onAdded();
        } catch (e) {
          showError(e);
        } finally {
          setBusy(false);
        }
      },
    });

  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="standard-additions"
      message={`标准目录已更新（${preview.data?.standardVersion ?? ''}）：有 ${String(additions.length)} 个新增事项本单位目录尚无`}
      description="这些事项经与各地基层政务公开标准目录核对后加入。补充后可逐项修改或删除。"
      action={
        <Button type="primary" loading={busy} onClick={add} data-testid="standard-additions-add">
          补充到本单位目录
        </Button>
      }
    />
  );
}
