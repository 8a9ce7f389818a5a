/**
 * The 岗前培训 switch (PUT /api/training/settings), shared by 培训记录 and 机构设置: when on,
 * drafter / reviewer / handler rights take effect only after a passed pre-post test.
 */
import { Switch } from 'antd';
import { request } from '../lib/api.ts';
import { showError, showSuccess } from '../lib/feedback.ts';

export function RequireTrainingSwitch({ agencyId, checked, loading, disabled, onChanged }: { agencyId: string; checked: boolean; loading?: boolean; disabled?: boolean; onChanged(): void }) {
  const toggle = async (requireTraining: boolean) => {
    try {
      await request('PUT', '/api/training/settings', { body: { agencyId, requireTraining } });
      showSuccess(requireTraining ? '已开启：起草、审核、承办权限在考核合格后生效' : '已关闭岗前培训要求');
      onChanged();
    } catch (e) {
      showError(e);
    }
  };
  return <Switch checked={checked} loading={!!loading} disabled={!!disabled} onChange={(v) => void toggle(v)} data-testid="require-training" aria-label="岗前培训考核合格后方可上岗" />;
}
